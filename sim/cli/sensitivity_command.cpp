// lissim sensitivity RESULTS.h5 [--output INDICATOR@YEAR ...] [--path scenario]
//                   [--intervention ID ... --measure bcr] [--format text|csv] [-o OUT.h5 --force]
// Which sampled parameters drive an output's spread in one Monte Carlo run: PRCC and SRC of
// the output's per-draw values on the parameter samples, read or drawn again (docs/sensitivity.md).
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/util/input_file.h"
#include "sim/io/results_reader.h"
#include "sim/sensitivity/draw_outputs.h"
#include "sim/sensitivity/regression.h"
#include "sim/sensitivity/sensitivity_writer.h"
#include "sim/sensitivity/tornado_report.h"

namespace lissim::sim {
namespace {

po::options_description sensitivity_options() {
  po::options_description o("lissim sensitivity RESULTS.h5 [options]");
  o.add_options()
      ("output", po::value<std::vector<std::string>>()->composing(),
       "an indicator at a year to explain, [PATH:]INDICATOR@YEAR, e.g. jobs@2030 or effect:jobs@2030 "
       "(repeatable; default: each target's indicator at its deadline)")
      ("path", po::value<std::string>()->default_value("scenario"),
       "the path of --output indicators without one: scenario, counterfactual or effect")
      ("intervention", po::value<std::vector<std::string>>()->composing(),
       "explain an intervention's appraisal measure instead (repeatable; `all` is the whole package)")
      ("measure", po::value<std::string>()->default_value("bcr"),
       "the appraisal measure of --intervention: bcr, npv, benefit_pv, cost_pv, cost_per_net_job, ...")
      ("format", po::value<std::string>()->default_value("text"), "text (aligned tornado table) or csv (tidy)")
      ("confidence", po::value<double>()->default_value(0.95, "0.95"), "level of the confidence intervals, in (0, 1)")
      ("out,o", po::value<std::string>(), "also write the coefficients to this HDF5 file")
      ("force", po::bool_switch(), "overwrite an existing -o file")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

void print_sensitivity_help() {
  std::cout << "Ranks the sampled parameters of one run by how much of an output's spread across the draws\n"
               "they explain: partial rank correlation (PRCC, robust to any monotone effect) and\n"
               "standardised regression coefficients (SRC), with confidence intervals and the R^2 of\n"
               "the linear and rank regressions. Indicators need a run with --keep-draws; appraisal\n"
               "measures are always kept. Parameter samples a run did not keep (--keep-samples) are\n"
               "drawn again from the file's scenario and seed.\n\n"
            << sensitivity_options() << "\n";
}

}  // namespace

int sensitivity_command(const Arguments& args) {
  const po::variables_map vm = parse_command(args, sensitivity_options(), "results");
  if (vm["help"].as<bool>()) {
    print_sensitivity_help();
    return 0;
  }
  const std::string file = vm["results"].as<std::vector<std::string>>()[0];
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "csv")
    throw InputError("--format: got '" + format + "', must be one of text, csv");
  const std::string path = vm["path"].as<std::string>();
  check_indicator_path(path, "--path");
  const double confidence = vm["confidence"].as<double>();
  if (!(confidence > 0.0 && confidence < 1.0))
    throw InputError("--confidence: got " + std::to_string(confidence) + ", must be in (0, 1)");
  const bool force = vm["force"].as<bool>();
  if (vm.count("out")) {
    check_output_is_not_input(vm["out"].as<std::string>(), {file});
    check_output_target(vm["out"].as<std::string>(), force);
  }

  const ResultsReader results(file);
  std::vector<OutputRequest> requests;
  if (vm.count("output"))
    for (const auto& text : vm["output"].as<std::vector<std::string>>())
      requests.push_back(parse_indicator_request(text, path));
  if (vm.count("intervention"))
    for (const auto& id : vm["intervention"].as<std::vector<std::string>>())
      requests.push_back(appraisal_request(id, vm["measure"].as<std::string>()));
  if (requests.empty()) {
    requests = target_requests(results, path);
    if (requests.empty())
      throw InputError(file + ": the run has no targets to take default outputs from; name one, e.g. --output jobs@" +
                       std::to_string(results.integer_attribute("/", "horizon")));
  }

  const ParameterSamples samples = read_parameter_samples(results);
  std::vector<ExplainedOutput> explained;
  for (const auto& request : requests) {
    DrawOutput output = read_draw_output(results, request);
    if (output.values.size() != static_cast<std::size_t>(samples.values.rows()))
      throw InputError(file + ": " + output.source + " has " + std::to_string(output.values.size()) +
                       " draws but /parameters/samples has " + std::to_string(samples.values.rows()));
    const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(output.values.data(),
                                                                static_cast<Eigen::Index>(output.values.size()));
    try {
      RegressionSensitivity sensitivity = regression_sensitivity(samples.values, y, samples.names, confidence);
      explained.push_back({std::move(output), std::move(sensitivity)});
    } catch (const InputError& e) {
      throw InputError(file + ": " + request.label() + ": " + e.what());
    }
  }

  if (format == "csv")
    print_tornado_csv(std::cout, explained);
  else
    print_tornado_text(std::cout, explained);
  if (vm.count("out")) {
    SensitivitySource source{file, results.has_attribute("/", "scenario_sha256")
                                       ? results.text_attribute("/", "scenario_sha256")
                                       : std::string()};
    write_sensitivity_file(vm["out"].as<std::string>(), force, source, explained);
    if (format == "text") std::cout << "\n-> " << vm["out"].as<std::string>() << "\n";
  }
  std::cout.flush();
  if (!std::cout) throw IoError("cannot write the sensitivity table to standard output");
  return 0;
}

}  // namespace lissim::sim
