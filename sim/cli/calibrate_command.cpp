// lissim calibrate --panel DIR --region CODE[,CODE...] --base-year Y -o FILE.yaml
#include <iostream>

#include "sim/cli/options.h"
#include "sim/errors.h"
#include "sim/panel/calibration_file.h"
#include "sim/report/text_file.h"

namespace lissim::sim {
namespace {

po::options_description calibrate_options() {
  po::options_description o("lissim calibrate --panel DIR --region CODE[,CODE...] --base-year Y -o FILE.yaml [options]");
  o.add_options()
      ("panel", po::value<std::string>(), "panel folder in the shared/data/uk_regions format")
      ("region", po::value<std::string>(), "an ITL2 code (TLC1) or a set of codes of one level (TLC21,TLC22,TLC23,TLC14)")
      ("base-year", po::value<int>(), "the base year: no later year enters an estimate")
      ("output,o", po::value<std::string>(), "calibration file to write (YAML)")
      ("max-horizon", po::value<int>()->default_value(6), "longest forecast horizon in the fit")
      ("resamples", po::value<int>()->default_value(1000), "region resamples for the intervals")
      ("seed", po::value<std::uint64_t>()->default_value(20141), "seed of the resampling stream")
      ("force", po::bool_switch(), "overwrite an existing calibration file")
      ("quiet,q", po::bool_switch(), "print nothing but errors")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

void print_calibrate_help() {
  std::cout << "Estimates the regional differential's random-walk sd and measurement noise (MODEL.md 7) for\n"
               "filled jobs and GVA per hour relative to the UK, from no-change forecast errors pooled over\n"
               "the panel's ITL2 regions up to the base year, with intervals from resampling regions, and\n"
               "the comparator (England excluding London) from its own series; the parameters the panel\n"
               "does not identify are marked priors. Writes a calibration file (docs/model.md) and prints\n"
               "the fit table.\n\n"
            << calibrate_options() << "\n";
}

template <typename T>
T required(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) throw InputError(std::string("calibrate needs --") + name + "; see lissim help calibrate");
  return vm[name].as<T>();
}

}  // namespace

int calibrate_command(const Arguments& args) {
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(calibrate_options()).run(), vm);
  po::notify(vm);
  if (vm["help"].as<bool>()) {
    print_calibrate_help();
    return 0;
  }
  const auto folder = required<std::string>(vm, "panel");
  const auto codes = required<std::string>(vm, "region");
  const auto output = required<std::string>(vm, "output");
  CalibrationSettings settings;
  settings.base_year = required<int>(vm, "base-year");
  settings.max_horizon = vm["max-horizon"].as<int>();
  settings.resamples = vm["resamples"].as<int>();
  settings.seed = vm["seed"].as<std::uint64_t>();
  if (settings.max_horizon < settings.min_horizons)
    throw InputError("--max-horizon: got " + std::to_string(settings.max_horizon) + ", must be at least " +
                     std::to_string(settings.min_horizons));
  if (settings.resamples < 100)
    throw InputError("--resamples: got " + std::to_string(settings.resamples) + ", must be at least 100");

  const Panel panel = Panel::read(folder);
  const PanelRegion region = parse_region(panel, codes);
  const RegionCalibration calibration = calibrate_region(panel, region, settings);
  write_text_file(output, calibration_yaml(calibration), vm["force"].as<bool>());
  if (!vm["quiet"].as<bool>()) {
    std::cout << calibration_table(calibration);
    std::cout << "lissim calibrate: wrote " << output << "\n";
  }
  return 0;
}


}  // namespace lissim::sim
