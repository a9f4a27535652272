#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <optional>

#include "sim/cli/options.h"
#include "sim/cli/resource_guard.h"
#include "sim/cli/summary_table.h"
#include "sim/cli/unsigned_options.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/shock_cache.h"
#include "sim/engine/team_factory.h"
#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/util/input_file.h"
#include "sim/io/interventions_writer.h"
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

// About 95 lines: the run's steps in the order a reader must check them (options, resources, the
// output every rank must know is writable, the run, the failure of one rank, the table), each short.
int run_command(const Arguments& args) {
  reject_negative_values(args, {"seed"});
  const po::variables_map vm = parse_command(args, run_options(), "scenario");
  if (vm["help"].as<bool>()) {
    print_help("run");
    return 0;
  }
  const Scenario scenario = load_from_command_line(vm);

  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "out/" + scenario.name + ".h5";
  const bool force = vm["force"].as<bool>();
  const bool quiet = vm["quiet"].as<bool>();

  RunOptions options;
  options.threads = thread_count(vm);
  options.progress = !quiet && ::isatty(STDERR_FILENO);
  options.keep_series = vm["keep-draws"].as<bool>();
  const bool keep_samples = vm["keep-samples"].as<bool>();

  // A second pass (and any further one) reads the first pass's shocks when they fit in 256 MB
  // (about 40,000 draws of the North East): 10-15% faster, so not worth more memory. A run that
  // keeps every value in its one pass never reads them, so it keeps none.
  const SeriesLayout layout = SeriesLayout::of(scenario);
  const bool one_pass = QuantileSelector::keeps_every_value(layout.count() * layout.years, scenario.draws,
                                                            options.quantiles);
  ShockCache shocks(scenario, scenario.draws, kBlockDraws, one_pass ? 0.0 : shock_cache_budget(256e6));
  const Simulator simulator(scenario, &shocks);

  // In an MPI job rank 0 writes the file; every rank must know it can before any work starts.
  const std::unique_ptr<Team> team = make_team();
  std::optional<AtomicOutput> target;
  std::exception_ptr output_problem;
  std::vector<std::uint64_t> problem_code{0};  // the leader's exit code, shared with every member
  if (team->leader()) {
    try {
      check_output_is_not_input(output, scenario.input_files);
      check_output_target(output, force);
      if (!vm["skip-resource-check"].as<bool>()) {
        RunFootprint footprint =
            ResultsWriter::footprint(simulator, options.threads, options.keep_series, keep_samples);
        if (shocks.enabled())
          footprint.add_memory("shocks kept for the further passes", ShockCache::bytes_needed(scenario, scenario.draws));
        check_resources("lissim run", footprint, output,
                        options.keep_series ? " or drop --keep-draws"
                        : keep_samples      ? " or drop --keep-samples"
                                            : "");
      }
      target.emplace(output, force);
    } catch (const Error& e) {
      output_problem = std::current_exception();
      problem_code[0] = static_cast<std::uint64_t>(e.code());
    }
  }
  team->sum(problem_code);
  if (problem_code[0] != 0) {
    if (output_problem) std::rethrow_exception(output_problem);
    throw Error(static_cast<ExitCode>(problem_code[0]), "rank 0 cannot write " + output);
  }

  RunSummary summary;
  std::vector<AppraisalSummary> appraisal;
  try {
    if (const char* failing = std::getenv("LISSIM_FAIL_RANK"); failing && std::to_string(team->rank()) == failing)
      throw ModelError("failure injected by LISSIM_FAIL_RANK (tests of distributed runs)");
    if (team->leader()) {
      ResultsWriter writer(target->temporary_path(), simulator, options.keep_series, keep_samples);
      summary = run_monte_carlo(simulator, options, &writer, team.get());
      appraisal = writer.finish(summary);
    } else {
      run_monte_carlo(simulator, options, nullptr, team.get());
    }
  } catch (const Error& e) {
    // A member that fails alone would leave the others waiting: end the whole job.
    if (team->size() > 1) {
      std::cerr << "lissim: rank " << team->rank() << " of " << team->size() << ": error: " << e.what() << "\n";
      target.reset();  // MPI_Abort skips destructors: remove the temporary file first
      abort_team(static_cast<int>(e.code()));
    }
    throw;
  }
  if (!team->leader()) return 0;
  target->commit();
  for (const Intervention& x : scenario.interventions)
    for (const std::string& w : x.warnings) std::cerr << "lissim: warning: " << w << "\n";
  for (const std::string& w : evidence_result_warnings(scenario, appraisal)) std::cerr << "lissim: warning: " << w << "\n";
  if (!quiet) {
    std::cout << "lissim " << scenario.name << ": " << scenario.draws << " draws, seed " << scenario.seed << ", "
              << scenario.base_year() << "-" << scenario.horizon << " -> " << output;
    if (team->size() > 1) std::cout << " (" << team->size() << " MPI ranks x " << options.threads << " threads)";
    std::cout << "\n";
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
  for (const Intervention& x : scenario.interventions)
    for (const std::string& w : x.warnings) std::cerr << "lissim: warning: " << w << "\n";
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
