#include <unistd.h>

#include <iostream>
#include <thread>

#include "sim/cli/options.h"
#include "sim/cli/summary_table.h"
#include "sim/config/scenario_loader.h"
#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/io/results_writer.h"

namespace lissim::sim {
namespace {

// The scenario named on the command line, with the command's --set, --draws and --seed.
Scenario load_from_command_line(const po::variables_map& vm) {
  LoadOptions load;
  if (vm.count("set")) load.sets = vm["set"].as<std::vector<std::string>>();
  if (vm.count("draws")) load.draws = vm["draws"].as<std::int64_t>();
  if (vm.count("seed")) load.seed = vm["seed"].as<std::uint64_t>();
  return load_scenario(vm["scenario"].as<std::vector<std::string>>()[0], load);
}

}  // namespace

int run_command(const Arguments& args) {
  const po::variables_map vm = parse_command(args, run_options(), "scenario");
  if (vm["help"].as<bool>()) {
    print_help("run");
    return 0;
  }
  const Scenario scenario = load_from_command_line(vm);

  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "out/" + scenario.name + ".h5";
  const bool force = vm["force"].as<bool>();
  const bool quiet = vm["quiet"].as<bool>();
  check_output_target(output, force);

  RunOptions options;
  options.threads = vm.count("threads") ? vm["threads"].as<int>()
                                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (options.threads < 1) throw InputError("--threads: got " + std::to_string(options.threads) + ", must be >= 1");
  options.progress = !quiet && ::isatty(STDERR_FILENO);

  const Simulator simulator(scenario);
  AtomicOutput target(output, force);
  RunSummary summary;
  std::vector<AppraisalSummary> appraisal;
  {
    ResultsWriter writer(target.temporary_path(), simulator, vm["keep-draws"].as<bool>());
    summary = run_monte_carlo(simulator, options, &writer);
    appraisal = writer.finish(summary);
  }
  target.commit();
  if (!quiet) {
    std::cout << "lissim " << scenario.name << ": " << scenario.draws << " draws, seed " << scenario.seed << ", "
              << scenario.base_year() << "-" << scenario.horizon << " -> " << output << "\n";
    print_summary_table(std::cout, scenario, summary, appraisal);
  }
  return 0;
}

int validate_command(const Arguments& args) {
  const po::variables_map vm = parse_command(args, validate_options(), "scenario");
  if (vm["help"].as<bool>()) {
    print_help("validate");
    return 0;
  }
  const Scenario scenario = load_from_command_line(vm);
  if (vm["print"].as<bool>()) {
    std::cout << scenario.resolved_yaml;
  } else {
    std::cout << scenario.file << ": ok: scenario '" << scenario.name << "', " << scenario.baseline.sectors.count()
              << " sectors, " << scenario.targets.size() << " targets, " << scenario.parameters.uncertain().size()
              << " uncertain parameters, " << scenario.draws << " draws\n";
  }
  return 0;
}

}  // namespace lissim::sim
