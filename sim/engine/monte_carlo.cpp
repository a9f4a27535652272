#include "sim/engine/monte_carlo.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <mutex>

#include "sim/engine/chunk_exchange.h"
#include "sim/engine/first_pass.h"
#include "sim/engine/parallel.h"
#include "sim/engine/progress.h"
#include "sim/engine/quantile_selector.h"
#include "sim/errors.h"

namespace lissim::sim {
namespace {

constexpr Eigen::Index kPilotDraws = 1024;

// The 1st and 99th percentiles of a column's defined values (0, 0 without any).
std::pair<double, double> percentiles_1_99(const Eigen::Ref<const Eigen::ArrayXd>& column, std::vector<double>& values) {
  values.clear();
  for (Eigen::Index i = 0; i < column.size(); ++i)
    if (!std::isnan(column[i])) values.push_back(column[i]);
  if (values.empty()) return {0.0, 0.0};
  const auto at = [&](double p) {
    const auto n = static_cast<std::ptrdiff_t>(std::floor(p * static_cast<double>(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + n, values.end());
    return values[n];
  };
  const double p01 = at(0.01);
  return {p01, at(0.99)};
}

// The selector, started on the pilot's ranges.
QuantileSelector start_selector(const Simulator& sim, std::int64_t draws, const QuantileSelector::Options& options) {
  const SeriesLayout& layout = sim.layout();
  const int series_years = layout.count() * layout.years;
  std::vector<double> lo(series_years), hi(series_years);
  pilot_ranges(sim, draws, lo, hi);
  QuantileSelector selector(series_years, options);
  selector.start(lo, hi);
  return selector;
}

// Makes the first pass collect windows around the wanted order statistics when they fit the
// budget: every value (small runs), or windows placed from a histogram pilot over the first
// draws, in parallel like a pass. Returns the pilot's draws (0: none, or no windows).
std::int64_t place_windows(const Simulator& sim, QuantileSelector& selector, Team& team, int threads) {
  const SeriesLayout& layout = sim.layout();
  const std::int64_t draws = sim.scenario().draws;
  const std::int64_t pilot = selector.window_pilot_draws(draws);
  if (pilot < 0) return 0;
  if (pilot == 0) {
    selector.place_windows(nullptr, 0, draws);
    return 0;
  }
  const ChunkPlan plan(pilot, team, threads);
  std::vector<QuantileSelector::PassData> data(plan.threads());
  std::vector<BlockValues> blocks(plan.threads());
  for (auto& d : data) d = selector.make_pass_data();
  parallel_chunks(plan.own_chunks(), plan.threads(), [&](std::size_t own, int worker) {
    plan.for_each_block(sim, plan.chunk_of(own), blocks[worker], [&](const BlockValues& block) {
      for (int k = 0; k < layout.count(); ++k)
        for (int y = 0; y < layout.years; ++y) selector.observe(data[worker], k * layout.years + y, block.series[k].col(y));
    });
  });
  for (std::size_t t = 1; t < data.size(); ++t) selector.merge(data[0], data[t]);
  selector.combine(data[0], team);
  return selector.place_windows(&data[0], pilot, draws) ? pilot : 0;
}

// Pass 1: every chunk simulated once; results merged in chunk order by the exchange, the
// workers' accumulators merged and combined over the team. Returns the whole pass's totals.
FirstPassAccumulator first_pass(const Simulator& sim, const ChunkPlan& plan, QuantileSelector& selector,
                                ChunkExchange& exchange, Team& team, bool keep_series) {
  std::deque<FirstPassAccumulator> workers;  // not moved: they refer to the selector and layout
  for (int t = 0; t < plan.threads(); ++t) workers.emplace_back(selector, sim.layout());
  parallel_chunks(plan.own_chunks(), plan.threads(), [&](std::size_t own, int worker) {
    exchange.submit(own, workers[worker].simulate_chunk(sim, plan, plan.chunk_of(own), keep_series));
  });
  exchange.finish();
  FirstPassAccumulator& total = workers.front();
  for (std::size_t t = 1; t < workers.size(); ++t) total.merge(workers[t]);
  total.combine(team);
  total.finish(selector);
  return std::move(total);
}

// Further passes (after windows: only where a wanted rank fell outside them) narrow the cells holding the wanted order statistics until they are exact.
// Returns the number of passes, the first included.
int refine_quantiles(const Simulator& sim, const ChunkPlan& plan, QuantileSelector& selector, Team& team,
                     Progress& progress) {
  const SeriesLayout& layout = sim.layout();
  int passes = 1;
  while (selector.needs_pass()) {
    ++passes;
    std::vector<QuantileSelector::PassData> data(plan.threads());
    std::vector<BlockValues> blocks(plan.threads());
    for (auto& d : data) d = selector.make_pass_data();
    std::mutex progress_mutex;
    std::int64_t done = 0;
    parallel_chunks(plan.own_chunks(), plan.threads(), [&](std::size_t own, int worker) {
      const std::size_t chunk = plan.chunk_of(own);
      plan.for_each_block(sim, chunk, blocks[worker], [&](const BlockValues& block) {
        for (int k = 0; k < layout.count(); ++k)
          for (int y = 0; y < layout.years; ++y) selector.observe(data[worker], k * layout.years + y, block.series[k].col(y));
      });
      std::lock_guard lock(progress_mutex);
      done += static_cast<std::int64_t>(plan.members()) * plan.rows(chunk);  // the team's pace, estimated
      progress.update(passes, std::min(done, plan.draws()));
    });
    for (std::size_t t = 1; t < data.size(); ++t) selector.merge(data[0], data[t]);
    selector.combine(data[0], team);
    selector.finish_pass(data[0]);
  }
  return passes;
}

// The run's summary from the resolved selector, the ordered moments and the first pass's counts.
RunSummary build_summary(const SeriesLayout& layout, std::int64_t draws, int passes, std::int64_t pilot_draws,
                         const QuantileSelector& selector,
                         const std::vector<Moments>& moments, const FirstPassAccumulator& counts) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const int years = layout.years;
  RunSummary summary;
  summary.layout = layout;
  summary.draws = draws;
  summary.passes = passes;
  summary.pilot_draws = pilot_draws;
  summary.series.resize(layout.count());
  for (int k = 0; k < layout.count(); ++k) {
    SeriesSummary& s = summary.series[k];
    s.quantiles.resize(static_cast<Eigen::Index>(kQuantileLevels.size()), years);
    s.mean.resize(years);
    s.sd.resize(years);
    s.valid.resize(years);
    for (int y = 0; y < years; ++y) {
      const int sy = k * years + y;
      const auto q = selector.quantiles(sy);
      for (std::size_t i = 0; i < q.size(); ++i) s.quantiles(static_cast<Eigen::Index>(i), y) = q[i];
      const Moments& m = moments[sy];
      s.mean[y] = m.count > 0 ? m.mean : kNaN;
      s.sd[y] = m.count > 0 ? m.sd() : kNaN;
      s.valid[y] = static_cast<double>(counts.valid()[sy]);
    }
  }
  summary.prob_met.resize(layout.met_count(), years);
  for (int m = 0; m < layout.met_count(); ++m)
    for (int y = 0; y < years; ++y)
      summary.prob_met(m, y) = static_cast<double>(counts.met()[m * years + y]) / static_cast<double>(draws);
  return summary;
}

}  // namespace

// From the first draws: the pilot's 1st to 99th percentiles (which bracket the wanted 5%..95%
// quantiles), widened by half their spread each side. Percentiles rather than extremes, so that
// a heavy-tailed series (a ratio whose denominator can pass through zero) still spreads over
// many bins instead of crowding into one, which would cost a further pass over every draw.
// Values outside are handled exactly.
void pilot_ranges(const Simulator& sim, std::int64_t draws, std::vector<double>& lo, std::vector<double>& hi) {
  const SeriesLayout& layout = sim.layout();
  BlockValues block;
  sim.run(0, std::min<std::int64_t>(draws, kPilotDraws), block);
  std::vector<double> values;
  for (int k = 0; k < layout.count(); ++k)
    for (int y = 0; y < layout.years; ++y) {
      const auto [p01, p99] = percentiles_1_99(block.series[k].col(y), values);
      const double pad = 0.5 * (p99 - p01);
      lo[k * layout.years + y] = p01 - pad;
      hi[k * layout.years + y] = p99 + pad;
    }
}

// Initialize (plan the chunks, start the selector on a pilot, place its windows), the first pass
// (merged in chunk order), the refining passes (usually none), the summary.
RunSummary run_monte_carlo(const Simulator& sim, const RunOptions& options, ChunkSink* sink, Team* team_or_null) {
  Team solo;
  Team& team = team_or_null ? *team_or_null : solo;
  if (team.size() > 1 && team.leader() != (sink != nullptr))
    throw Error(ExitCode::internal, "in a team, exactly the leader writes the results");
  const std::int64_t draws = sim.scenario().draws;
  const ChunkPlan plan(draws, team, options.threads);
  const bool keep_series = sink ? sink->wants_series() : options.keep_series;
  QuantileSelector selector = start_selector(sim, draws, options.quantiles);
  const std::int64_t pilot_draws = place_windows(sim, selector, team, options.threads);
  Progress progress(options.progress && team.leader(), draws);

  ChunkExchange exchange(plan, sim.layout(), team, sink, keep_series, progress);
  const FirstPassAccumulator counts = first_pass(sim, plan, selector, exchange, team, keep_series);
  const int passes = refine_quantiles(sim, plan, selector, team, progress);
  progress.finish();
  return build_summary(sim.layout(), draws, passes, pilot_draws, selector, exchange.moments(), counts);
}

}  // namespace lissim::sim
