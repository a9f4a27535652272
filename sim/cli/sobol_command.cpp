// lissim sobol: parses the options and calls the service in sim/sensitivity/sobol_analysis.h
// (docs/sensitivity.md).
#include <iostream>
#include <sstream>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/team_factory.h"
#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/sensitivity/sobol_analysis.h"
#include "sim/sensitivity/sobol_report.h"
#include "sim/sensitivity/sobol_writer.h"

namespace lissim::sim {
namespace {

po::options_description sobol_options() {
  po::options_description o("lissim sobol SCENARIO.yaml -o OUT.h5 [options]");
  o.add_options()
      ("output,o", po::value<std::string>(), "results file (default: out/<scenario name>_sobol.h5)")
      ("base-samples", po::value<std::uint64_t>()->default_value(1024), "N, a power of two: N (factors + 2) model runs")
      ("method", po::value<std::string>()->default_value("saltelli"), "saltelli (Sobol indices) or morris (screening)")
      ("trajectories", po::value<std::size_t>()->default_value(20), "morris: trajectories r: r (factors + 1) runs")
      ("levels", po::value<std::size_t>()->default_value(4), "morris: grid levels p (even)")
      ("factors", po::value<std::string>()->default_value("grouped"),
       "grouped (a sector parameter across sectors and each intervention as one factor) or individual")
      ("params", po::value<std::vector<std::string>>()->composing(),
       "only parameters whose names start with this are factors; the rest move as one (repeatable)")
      ("measure", po::value<std::vector<std::string>>()->composing(),
       "an output: [effect:]INDICATOR@YEAR or INTERVENTION:MEASURE (repeatable; default: the targets' "
       "indicators at the deadline)")
      ("set", po::value<std::vector<std::string>>()->composing(), "override a scenario value: key.path=value")
      ("test-function", po::value<std::string>(), "instead of a scenario: ishigami or sobol-g (analytic indices)")
      ("g-coefficients", po::value<std::string>()->default_value("0,1,4.5,9,99,99"), "sobol-g: a1,a2,...")
      ("resamples", po::value<std::size_t>()->default_value(1000), "bootstrap resamples for the intervals")
      ("threads", po::value<int>(), "worker threads (default: all cores); results do not depend on it")
      ("force", po::bool_switch(), "overwrite an existing results file")
      ("quiet,q", po::bool_switch(), "print nothing but errors")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

std::vector<double> parse_list(const std::string& text) {
  std::vector<double> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      out.push_back(std::stod(item));
    } catch (...) {
      throw InputError("--g-coefficients: got '" + item + "', must be numbers separated by commas");
    }
  }
  if (out.empty()) throw InputError("--g-coefficients: got none, must give at least one");
  return out;
}

std::vector<std::string> strings(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

SobolMethod method_option(const po::variables_map& vm) {
  const std::string method = vm["method"].as<std::string>();
  if (method != "saltelli" && method != "morris")
    throw InputError("--method: got '" + method + "', must be saltelli or morris");
  return method == "morris" ? SobolMethod::morris : SobolMethod::saltelli;
}

SobolOptions analysis_options(const po::variables_map& vm, SobolMethod method) {
  SobolOptions options;
  options.method = method;
  options.base_samples = vm["base-samples"].as<std::uint64_t>();
  if (method == SobolMethod::saltelli) check_base_samples(options.base_samples);
  options.bootstrap.resamples = vm["resamples"].as<std::size_t>();
  options.morris.trajectories = vm["trajectories"].as<std::size_t>();
  options.morris.levels = vm["levels"].as<std::size_t>();
  return options;
}

}  // namespace

int sobol_command(const Arguments& args) {
  const po::options_description options = sobol_options();
  const po::variables_map vm = parse_options(args, options, "scenario");
  if (vm["help"].as<bool>()) {
    std::cout << options << "\n";
    return 0;
  }
  const bool test_function = vm.count("test-function") > 0;
  const std::size_t scenarios = positional_count(vm, "scenario");
  if (test_function == (scenarios == 1) || scenarios > 1)
    throw InputError("expected one SCENARIO.yaml or --test-function, not both; see lissim help sobol");
  const SobolMethod method = method_option(vm);
  const std::string factor_mode = vm["factors"].as<std::string>();
  if (factor_mode != "grouped" && factor_mode != "individual")
    throw InputError("--factors: got '" + factor_mode + "', must be grouped or individual");
  const SobolOptions analysis = analysis_options(vm, method);
  ModelSubjectOptions model;
  model.threads = thread_count(vm);
  model.measures = strings(vm, "measure");
  model.individual_factors = factor_mode == "individual";
  model.factor_prefixes = strings(vm, "params");

  const std::unique_ptr<Team> team = make_team();
  std::optional<Scenario> scenario;
  std::optional<Simulator> simulator;
  AnalysisSubject subject;
  if (test_function) {
    const std::string name = vm["test-function"].as<std::string>();
    subject = test_function_subject(name, name == "sobol-g" ? parse_list(vm["g-coefficients"].as<std::string>())
                                                            : std::vector<double>{});
  } else {
    LoadOptions load;
    load.sets = strings(vm, "set");
    scenario.emplace(load_scenario(vm["scenario"].as<std::vector<std::string>>()[0], load));
    simulator.emplace(*scenario);
    subject = model_subject(*simulator, model, team.get());
  }
  const std::string output = vm.count("output") ? vm["output"].as<std::string>()
                                                : "out/" + subject.name + "_" + method_name(method) + ".h5";
  const bool force = vm["force"].as<bool>();
  check_output_target(output, force);

  const SobolAnalysis result = run_sobol_analysis(subject, analysis);
  if (!team->leader()) return 0;  // every member holds every value; rank 0 writes
  write_sobol_file(output, force, result);
  if (!vm["quiet"].as<bool>()) {
    std::cout << "lissim sobol (" << method_name(method) << "): " << result.factors.size() << " factors, " << result.evaluations
              << " model evaluations -> " << output << "\n";
    print_sobol_analysis(std::cout, result);
  }
  return 0;
}

}  // namespace lissim::sim
