// lissim sweep SWEEP.yaml -o sweep.h5: every point a full Monte Carlo run with the same random
// numbers; each finished point is checkpointed beside the output, so a rerun after an
// interruption carries on from there (docs/sweeps.md).
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/resource_guard.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/shock_cache.h"
#include "sim/engine/team_factory.h"
#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/util/input_file.h"
#include "sim/io/sha256.h"
#include "sim/sweep/appraisal_collector.h"
#include "sim/sweep/point_summary.h"
#include "sim/sweep/sweep_table.h"
#include "sim/sweep/sweep_writer.h"

namespace lissim::sim {
namespace {

namespace fs = std::filesystem;

po::options_description sweep_options() {
  po::options_description o("lissim sweep SWEEP.yaml -o OUT.h5 [options]");
  o.add_options()
      ("output,o", po::value<std::string>(), "sweep results file (default: out/<sweep file name>.h5)")
      ("draws", po::value<std::int64_t>(), "Monte Carlo draws of every point (overrides the sweep and scenario)")
      ("threads", po::value<int>(), "worker threads (default: all cores); results do not depend on it")
      ("goal", po::value<std::vector<std::string>>()->composing(),
       "TARGET:PROBABILITY, e.g. productivity_gap:0.5: print the smallest swept value at which the target "
       "is met with that probability (repeatable)")
      ("force", po::bool_switch(), "overwrite an existing sweep results file")
      ("skip-resource-check", po::bool_switch(), "start even if a point looks too big for memory")
      ("quiet,q", po::bool_switch(), "print nothing but errors")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

std::string checkpoint_name(const std::string& folder, std::size_t point) {
  char name[32];
  std::snprintf(name, sizeof name, "point_%06zu.txt", point);
  return (fs::path(folder) / name).string();
}

// The largest point decides (the draws are the same; interventions may differ).
void check_point_resources(const std::vector<Scenario>& scenarios, const Scenario& base, const ShockCache& shocks,
                           int threads) {
  for (const Scenario& s : scenarios) {
    RunFootprint footprint = AppraisalCollector::footprint(Simulator(s), threads);
    if (shocks.enabled()) footprint.add_memory("shocks shared by the points", ShockCache::bytes_needed(base, base.draws));
    check_resources("lissim sweep", footprint);
  }
}

}  // namespace

// About 87 lines: the sweep's steps in order (check every point, shared shocks, checkpoints owned by
// rank 0, the points, the file and the table); each is a few lines around a call, kept in sequence.
int sweep_command(const Arguments& args) {
  const po::variables_map vm = parse_command(args, sweep_options(), "sweep");
  if (vm["help"].as<bool>()) {
    std::cout << sweep_options() << "\n";
    return 0;
  }
  const std::string file = vm["sweep"].as<std::vector<std::string>>()[0];
  const SweepSpec spec = load_sweep(file);
  const std::string output =
      vm.count("output") ? vm["output"].as<std::string>() : "out/" + fs::path(file).stem().string() + ".h5";
  const bool quiet = vm["quiet"].as<bool>();
  const std::vector<SweepPoint> points = expand_points(spec);

  LoadOptions base_options;
  base_options.sets = spec.sets;
  base_options.set_origins = spec.set_origins;
  base_options.draws = vm.count("draws") ? std::optional(vm["draws"].as<std::int64_t>()) : spec.draws;
  const Scenario base = load_scenario(spec.base_scenario, base_options);
  const std::vector<int> years = summary_year_indices(base, spec.years);
  std::vector<SweepGoal> goals;
  if (vm.count("goal"))
    for (const auto& text : vm["goal"].as<std::vector<std::string>>()) goals.push_back(parse_goal(text, base));
  // Every point's scenario is checked before any is run: a bad value fails now, not hours in.
  std::vector<Scenario> scenarios;
  for (const SweepPoint& p : points) {
    LoadOptions o = base_options;
    o.sets = p.sets;
    o.set_origins = p.set_origins;
    scenarios.push_back(load_scenario(spec.base_scenario, o));
  }

  std::vector<std::string> inputs = base.input_files;
  inputs.push_back(file);
  check_output_is_not_input(output, inputs);
  check_output_target(output, vm["force"].as<bool>());
  const std::string folder = output + ".points";
  RunOptions options;
  options.threads = thread_count(vm);
  const bool progress = !quiet && ::isatty(STDERR_FILENO);
  const std::unique_ptr<Team> team = make_team();
  // Points drawing the same shocks (the same seed, sectors and years) share them when they fit.
  ShockCache shocks(base, base.draws, kBlockDraws, shock_cache_budget(1e9));
  if (!vm["skip-resource-check"].as<bool>()) check_point_resources(scenarios, base, shocks, options.threads);

  std::vector<PointSummary> summaries;
  std::size_t resumed = 0;
  for (std::size_t p = 0; p < points.size(); ++p) {
    const Scenario& s = scenarios[p];
    // Everything that shapes a point's summary: its scenario and the summary years.
    std::string shaped_by = s.resolved_yaml;
    shaped_by += "\nsummary years:";
    for (const int y : years) shaped_by.append(1, ' ').append(std::to_string(y));
    const std::string sha = sha256_hex(shaped_by);
    const std::string checkpoint = checkpoint_name(folder, p);
    // Rank 0 owns the checkpoints (other ranks may not see its disk) and says which are done.
    std::optional<PointSummary> done = team->leader() ? load_point(checkpoint, sha) : std::nullopt;
    std::vector<std::uint64_t> finished{done ? 1u : 0u};
    team->sum(finished);
    if (finished[0] != 0) {
      if (done) summaries.push_back(std::move(*done));
      ++resumed;
      continue;
    }
    if (progress) std::fprintf(stderr, "\rlissim sweep: point %zu of %zu   ", p + 1, points.size());
    const Simulator simulator(s, &shocks);
    AppraisalCollector appraisal(simulator.layout());
    const RunSummary run = run_monte_carlo(simulator, options, team->leader() ? &appraisal : nullptr, team.get());
    if (!team->leader()) continue;
    summaries.push_back(summarise_point(s, run, appraisal.summaries(), years));
    save_point(checkpoint, sha, summaries.back());
  }
  if (progress) std::fprintf(stderr, "\r%50s\r", "");
  if (!team->leader()) return 0;

  AtomicOutput target(output, vm["force"].as<bool>());
  write_sweep(target.temporary_path(), spec, points, base, years, summaries);
  target.commit();
  std::error_code ignored;
  fs::remove_all(folder, ignored);
  if (!quiet) {
    std::cout << "lissim sweep " << fs::path(file).filename().string() << ": " << points.size() << " points ("
              << resumed << " from an earlier, interrupted run), " << base.draws << " draws each -> " << output
              << "\n";
    print_sweep_table(std::cout, spec, points, base, summaries, goals);
  }
  return 0;
}

}  // namespace lissim::sim
