// lissim build-region --panel DIR --region CODE[,CODE...] --base-year Y --region-file FILE -o DIR
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "sim/cli/options.h"
#include "sim/errors.h"
#include "sim/panel/calibration_file.h"
#include "sim/io/text_file.h"
#include "sim/region/region_builder.h"
#include "sim/region/seed_files.h"

namespace lissim::sim {
namespace {

constexpr const char* kCalibrationFileName = "panel_calibration.yaml";

po::options_description build_region_options() {
  po::options_description o(
      "lissim build-region --panel DIR --region CODE[,CODE...] --base-year Y --region-file FILE -o DIR [options]");
  o.add_options()
      ("panel", po::value<std::string>(), "panel folder in the shared/data/uk_regions format")
      ("region", po::value<std::string>(), "an ITL2 code (TLC1) or a set of codes of one level (TLC21,TLC22,TLC23,TLC14)")
      ("base-year", po::value<int>(), "the base year: no later year of the panel is read")
      ("region-file", po::value<std::string>(), "the region file (filetype lissim-region, docs/regions.md)")
      ("output,o", po::value<std::string>(), "seed folder to write (baseline.yaml, panel_calibration.yaml and, where "
                                             "the folder has none, calibration.yaml and targets.yaml)")
      ("resamples", po::value<int>()->default_value(1000), "region resamples for the calibration's intervals")
      ("seed", po::value<std::uint64_t>()->default_value(20141), "seed of the calibration's resampling stream")
      ("force", po::bool_switch(), "write into an existing folder, replacing baseline.yaml and panel_calibration.yaml "
                                   "(its calibration.yaml, targets.yaml and other files are kept)")
      ("quiet,q", po::bool_switch(), "print nothing but errors")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

void print_build_region_help() {
  std::cout << "Builds a region's seed data from the UK regional panel and a region file (docs/regions.md):\n"
               "baseline.yaml (sectors, region and comparator in the base year, with the source of every\n"
               "number, and the history of the panel's series up to the base year) and panel_calibration.yaml\n"
               "(the regional differential's uncertainty, as lissim calibrate writes it). The panel gives filled\n"
               "jobs, hours, GVA per hour and the sector composition (BRES employees, GVA by industry); the\n"
               "region file gives population, labour rates, private-sector and SOC 1-3 shares and the\n"
               "comparator's rates, each with its source. A folder without them also gets calibration.yaml\n"
               "(the differentials from the panel calibration, the national path from the UK panel, marked\n"
               "priors for the rest) and targets.yaml (the SEP-style gap targets against the comparator, with\n"
               "a marked default deadline), so that lissim run works on it at once.\n\n"
            << build_region_options() << "\n";
}

template <typename T>
T required(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) throw InputError(std::string("build-region needs --") + name + "; see lissim help build-region");
  return vm[name].as<T>();
}

std::string command_line(const Arguments& args) {
  std::string out = "lissim build-region";
  for (const auto& a : args) out += " " + a;
  return out;
}

void print_summary(const BuiltRegion& b) {
  char line[256];
  std::snprintf(line, sizeof line, "%s (%s), base year %d\n", b.file.region_name.c_str(), b.region.label.c_str(),
                b.base_year);
  std::cout << line;
  std::snprintf(line, sizeof line, "  %-26s %12s %10s %8s %8s %8s\n", "sector", "jobs", "GBP/hour", "h/job",
                "private", "SOC 1-3");
  std::cout << line;
  for (const auto& s : b.sectors) {
    std::snprintf(line, sizeof line, "  %-26s %12.0f %10.2f %8.0f %8.3f %8.3f\n", s.id.c_str(), s.jobs,
                  s.gva_per_hour, s.hours_per_job, s.private_share, s.better_jobs_share);
    std::cout << line;
  }
  std::snprintf(line, sizeof line, "  %-26s %12.0f %10.2f %8.0f %8.3f %8.3f\n", "total", b.filled_jobs, b.gva_per_hour,
                b.hours_per_week * 52 / b.filled_jobs,
                b.private_density * b.file.working_age_population.value / b.filled_jobs, b.better_jobs_share);
  std::cout << line;
  std::snprintf(line, sizeof line,
                "  private density %.4f; comparator GVA per hour %.2f; sector industries hold %.1f%% of GVA "
                "excluding imputed rent\n",
                b.private_density, b.comparator_gva_per_hour, 100 * b.industry_coverage);
  std::cout << line;
}

}  // namespace

int build_region_command(const Arguments& args) {
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(build_region_options()).run(), vm);
  po::notify(vm);
  if (vm["help"].as<bool>()) {
    print_build_region_help();
    return 0;
  }
  const auto folder = required<std::string>(vm, "panel");
  const auto codes = required<std::string>(vm, "region");
  const int base_year = required<int>(vm, "base-year");
  const auto region_file = required<std::string>(vm, "region-file");
  const auto output = required<std::string>(vm, "output");
  const bool force = vm["force"].as<bool>();
  CalibrationSettings settings;
  settings.base_year = base_year;
  settings.resamples = vm["resamples"].as<int>();
  settings.seed = vm["seed"].as<std::uint64_t>();
  if (settings.resamples < 100)
    throw InputError("--resamples: got " + std::to_string(settings.resamples) + ", must be at least 100");

  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(output, ec) && !force)
    throw InputError(output + ": the output folder exists; --force writes baseline.yaml and " +
                     std::string(kCalibrationFileName) + " into it (replacing them, keeping every other file)");
  if (fs::exists(output, ec) && !fs::is_directory(output, ec)) throw InputError(output + ": exists and is not a folder");

  // Everything is built in memory first: a bad input writes nothing.
  const RegionFile file = read_region_file(region_file);
  const Panel panel = Panel::read(folder);
  const PanelRegion region = parse_region(panel, codes);
  const BuiltRegion built = build_region(panel, region, base_year, file);
  const RegionCalibration fitted = calibrate_region(panel, region, settings);
  const std::string calibration = calibration_yaml(fitted);
  const std::string baseline = baseline_yaml(built, command_line(args));
  const std::string model_calibration = calibration_yaml(built, fitted, command_line(args));
  const std::string targets = targets_yaml(built, fitted);

  fs::create_directories(output, ec);
  if (ec) throw IoError(output + ": cannot create the folder: " + ec.message());
  const std::string baseline_path = (fs::path(output) / "baseline.yaml").string();
  const std::string calibration_path = (fs::path(output) / kCalibrationFileName).string();
  write_text_file(baseline_path, baseline, force);
  write_text_file(calibration_path, calibration, force);
  // A folder's own calibration and targets are hand work: kept, never replaced.
  std::string written = baseline_path + ", " + calibration_path, kept;
  for (const auto& [name, text] : {std::pair<const char*, const std::string&>{"calibration.yaml", model_calibration},
                                   std::pair<const char*, const std::string&>{"targets.yaml", targets}}) {
    const std::string path = (fs::path(output) / name).string();
    if (fs::exists(path, ec)) {
      kept += (kept.empty() ? "" : ", ") + path;
      continue;
    }
    write_text_file(path, text, false);
    written += ", " + path;
  }
  if (!vm["quiet"].as<bool>()) {
    print_summary(built);
    std::cout << "lissim build-region: wrote " << written << (kept.empty() ? "" : "; kept " + kept) << "\n";
  }
  return 0;
}

}  // namespace lissim::sim
