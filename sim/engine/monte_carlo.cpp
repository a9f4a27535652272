#include "sim/engine/monte_carlo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>

#include "sim/engine/moments.h"
#include "sim/engine/parallel.h"
#include "sim/engine/quantile_selector.h"
#include "sim/errors.h"

namespace lissim::sim {
namespace {

constexpr Eigen::Index kPilotDraws = 1024;

class Progress {
 public:
  Progress(bool enabled, std::int64_t draws) : enabled_(enabled), draws_(draws) {}
  void update(int pass, std::int64_t done) {
    if (!enabled_) return;
    const int percent = static_cast<int>(100 * done / draws_);
    if (percent == last_) return;
    last_ = percent;
    std::fprintf(stderr, "\rlissim: pass %d: %3d%% of %lld draws", pass, percent, static_cast<long long>(draws_));
    std::fflush(stderr);
  }
  void finish() {
    if (enabled_) std::fprintf(stderr, "\r%60s\r", "");
  }

 private:
  bool enabled_;
  std::int64_t draws_;
  int last_ = -1;
};

// The draws of chunk c, simulated block by block; fn(block) sees each block in draw order.
template <typename Fn>
void for_each_block(const Simulator& sim, std::int64_t draws, std::size_t chunk, BlockValues& block, Fn&& fn) {
  const auto first = static_cast<std::int64_t>(chunk) * kChunkDraws;
  const std::int64_t last = std::min<std::int64_t>(draws, first + kChunkDraws);
  for (std::int64_t b = first; b < last; b += kBlockDraws) {
    sim.run(static_cast<std::uint64_t>(b), std::min<std::int64_t>(kBlockDraws, last - b), block);
    fn(block);
  }
}

struct FirstPassLocal {
  QuantileSelector::PassData histogram;
  std::vector<double> min, max;
  std::vector<std::uint64_t> valid;
  std::vector<std::uint64_t> met;  // met_count x years
  BlockValues block;
};

struct ChunkResult {
  std::vector<Moments> moments;  // per series-year
  ChunkValues values;
};

// A chunk result as one message from a team member to the leader:
// first_draw, draws, (count, mean, m2) per series-year, series (if kept), draw values.
std::vector<double> pack(const ChunkResult& r) {
  std::vector<double> out{static_cast<double>(r.values.first_draw), static_cast<double>(r.values.draws)};
  for (const Moments& m : r.moments) out.insert(out.end(), {m.count, m.mean, m.m2});
  for (const auto& s : r.values.series) out.insert(out.end(), s.data(), s.data() + s.size());
  for (const auto& v : r.values.draw_values) out.insert(out.end(), v.data(), v.data() + v.size());
  const auto& p = r.values.parameter_samples;
  out.insert(out.end(), p.data(), p.data() + p.size());
  return out;
}

ChunkResult unpack(const std::vector<double>& in, const SeriesLayout& layout, bool keep_series) {
  ChunkResult r;
  std::size_t at = 0;
  r.values.first_draw = static_cast<std::uint64_t>(in.at(at++));
  r.values.draws = static_cast<Eigen::Index>(in.at(at++));
  r.moments.resize(static_cast<std::size_t>(layout.count() * layout.years));
  for (Moments& m : r.moments) {
    m.count = in.at(at++);
    m.mean = in.at(at++);
    m.m2 = in.at(at++);
  }
  const Eigen::Index n = r.values.draws;
  if (keep_series) {
    r.values.series.resize(static_cast<std::size_t>(layout.count()));
    for (auto& s : r.values.series) {
      s = Eigen::Map<const Eigen::ArrayXXd>(in.data() + at, n, layout.years);
      at += static_cast<std::size_t>(n * layout.years);
    }
  }
  r.values.draw_values.resize(static_cast<std::size_t>(layout.draw_value_count()));
  for (auto& v : r.values.draw_values) {
    v = Eigen::Map<const Eigen::ArrayXd>(in.data() + at, n);
    at += static_cast<std::size_t>(n);
  }
  const auto parameters = static_cast<Eigen::Index>((in.size() - at) / static_cast<std::size_t>(std::max<Eigen::Index>(1, n)));
  r.values.parameter_samples = Eigen::Map<const Eigen::ArrayXXd>(in.data() + at, n, parameters);
  at += static_cast<std::size_t>(n * parameters);
  if (at != in.size()) throw Error(ExitCode::internal, "a chunk message from a team member has the wrong length");
  return r;
}

}  // namespace

// From the first draws: the pilot's 1st to 99th percentiles (which bracket the wanted 5%..95%
// quantiles), widened by half their spread each side. Percentiles rather than extremes, so that a heavy-tailed series (a ratio whose
// denominator can pass through zero) still spreads over many bins instead of crowding into
// one, which would cost a further pass over every draw. Values outside are handled exactly.
void pilot_ranges(const Simulator& sim, std::int64_t draws, std::vector<double>& lo, std::vector<double>& hi) {
  const SeriesLayout& layout = sim.layout();
  BlockValues block;
  sim.run(0, std::min<std::int64_t>(draws, kPilotDraws), block);
  std::vector<double> values;
  for (int k = 0; k < layout.count(); ++k) {
    for (int y = 0; y < layout.years; ++y) {
      const auto col = block.series[static_cast<std::size_t>(k)].col(y);
      values.clear();
      for (Eigen::Index i = 0; i < col.size(); ++i)
        if (!std::isnan(col[i])) values.push_back(col[i]);
      double p01 = 0, p99 = 0;
      if (!values.empty()) {
        const auto at = [&](double p) {
          const auto n = static_cast<std::ptrdiff_t>(std::floor(p * static_cast<double>(values.size() - 1)));
          std::nth_element(values.begin(), values.begin() + n, values.end());
          return values[static_cast<std::size_t>(n)];
        };
        p01 = at(0.01);
        p99 = at(0.99);
      }
      const double pad = 0.5 * (p99 - p01);
      const auto sy = static_cast<std::size_t>(k * layout.years + y);
      lo[sy] = p01 - pad;
      hi[sy] = p99 + pad;
    }
  }
}


RunSummary run_monte_carlo(const Simulator& sim, const RunOptions& options, ChunkSink* sink, Team* team_or_null) {
  Team solo;
  Team& team = team_or_null ? *team_or_null : solo;
  const SeriesLayout& layout = sim.layout();
  const std::int64_t draws = sim.scenario().draws;
  const int years = layout.years;
  const auto series_years = static_cast<std::size_t>(layout.count() * years);
  const auto chunks = static_cast<std::size_t>((draws + kChunkDraws - 1) / kChunkDraws);
  // This member's chunks: rank, rank + size, rank + 2 size, ...
  const auto members = static_cast<std::size_t>(team.size());
  const auto rank = static_cast<std::size_t>(team.rank());
  const std::size_t own_chunks = chunks > rank ? (chunks - rank + members - 1) / members : 0;
  auto chunk_of = [&](std::size_t k) { return rank + k * members; };
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(std::max<std::size_t>(1, own_chunks))));
  const bool keep_series = sink ? sink->wants_series() : options.keep_series;
  if (team.size() > 1 && team.leader() != (sink != nullptr))
    throw Error(ExitCode::internal, "in a team, exactly the leader writes the results");

  QuantileSelector selector(static_cast<int>(series_years), QuantileSelector::Options{});
  {
    std::vector<double> lo(series_years), hi(series_years);
    pilot_ranges(sim, draws, lo, hi);
    selector.start(lo, hi);
  }

  // Pass 1: moments (merged in chunk order), extremes, target counts, first histogram.
  std::vector<FirstPassLocal> locals(static_cast<std::size_t>(threads));
  for (auto& local : locals) {
    local.histogram = selector.make_pass_data();
    local.min.assign(series_years, std::numeric_limits<double>::infinity());
    local.max.assign(series_years, -std::numeric_limits<double>::infinity());
    local.valid.assign(series_years, 0);
    local.met.assign(static_cast<std::size_t>(layout.met_count() * years), 0);
  }
  std::vector<Moments> moments(series_years);
  Progress progress(options.progress && team.leader(), draws);
  std::int64_t merged_draws = 0;
  std::size_t next_chunk = 0;  // the leader's next chunk to merge, in global order
  auto merge_chunk = [&](ChunkResult& chunk) {
    for (std::size_t i = 0; i < series_years; ++i) moments[i].merge(chunk.moments[i]);
    if (sink) sink->on_chunk(chunk.values);
    merged_draws += chunk.values.draws;
    progress.update(1, merged_draws);
    ++next_chunk;
  };
  // The leader merges other members' chunks as their turn comes, before each of its own.
  auto merge_remote_until = [&](std::size_t end) {
    for (; next_chunk < end;) {
      ChunkResult remote = unpack(team.receive(team.owner(next_chunk), next_chunk), layout, keep_series);
      merge_chunk(remote);
    }
  };
  OrderedMerger<ChunkResult> merger([&](std::size_t k, ChunkResult& chunk) {
    const std::size_t c = chunk_of(k);
    if (!team.leader()) {
      team.send_to_leader(c, pack(chunk));
      return;
    }
    merge_remote_until(c);
    merge_chunk(chunk);
  });

  parallel_chunks(own_chunks, threads, [&](std::size_t k, int worker) {
    const std::size_t chunk = chunk_of(k);
    FirstPassLocal& local = locals[static_cast<std::size_t>(worker)];
    ChunkResult result;
    result.moments.resize(series_years);
    result.values.first_draw = static_cast<std::uint64_t>(chunk) * kChunkDraws;
    // The chunk's rows, filled block by block.
    const Eigen::Index rows = std::min<Eigen::Index>(kChunkDraws, draws - static_cast<std::int64_t>(chunk) * kChunkDraws);
    if (keep_series) result.values.series.assign(static_cast<std::size_t>(layout.count()), Eigen::ArrayXXd(rows, years));
    result.values.draw_values.assign(static_cast<std::size_t>(layout.draw_value_count()), Eigen::ArrayXd(rows));
    for_each_block(sim, draws, chunk, local.block, [&](const BlockValues& block) {
      const Eigen::Index at = result.values.draws;
      for (int k2 = 0; k2 < layout.count(); ++k2) {
        const auto& values = block.series[static_cast<std::size_t>(k2)];
        for (int y = 0; y < years; ++y) {
          const auto sy = static_cast<std::size_t>(k2 * years + y);
          const auto col = values.col(y);
          result.moments[sy].merge(Moments::of(col));
          selector.observe(local.histogram, static_cast<int>(sy), col);
          for (Eigen::Index i = 0; i < col.size(); ++i) {
            if (std::isnan(col[i])) continue;
            local.min[sy] = std::min(local.min[sy], col[i]);
            local.max[sy] = std::max(local.max[sy], col[i]);
            ++local.valid[sy];
          }
        }
        if (keep_series) result.values.series[static_cast<std::size_t>(k2)].middleRows(at, block.draws) = values;
      }
      for (std::size_t v = 0; v < block.draw_values.size(); ++v)
        result.values.draw_values[v].segment(at, block.draws) = block.draw_values[v];
      auto& samples = result.values.parameter_samples;
      if (at == 0) samples.resize(rows, block.samples.values.cols());
      samples.middleRows(at, block.draws) = block.samples.values;
      for (int m = 0; m < layout.met_count(); ++m)
        for (int y = 0; y < years; ++y)
          local.met[static_cast<std::size_t>(m * years + y)] +=
              static_cast<std::uint64_t>(block.met[static_cast<std::size_t>(m)].col(y).count());
      result.values.draws += block.draws;
    });
    merger.submit(k, std::move(result));
  });
  if (team.leader()) merge_remote_until(chunks);

  FirstPassLocal& total = locals[0];
  for (std::size_t t = 1; t < locals.size(); ++t) {
    selector.merge(total.histogram, locals[t].histogram);
    for (std::size_t i = 0; i < series_years; ++i) {
      total.min[i] = std::min(total.min[i], locals[t].min[i]);
      total.max[i] = std::max(total.max[i], locals[t].max[i]);
      total.valid[i] += locals[t].valid[i];
    }
    for (std::size_t i = 0; i < total.met.size(); ++i) total.met[i] += locals[t].met[i];
  }
  selector.combine(total.histogram, team);
  team.min(total.min);
  team.max(total.max);
  team.sum(total.valid);
  team.sum(total.met);
  selector.set_extremes(total.valid, total.min, total.max);
  selector.finish_pass(total.histogram);

  // Further passes narrow the cells holding the wanted order statistics until they are exact.
  int passes = 1;
  while (selector.needs_pass()) {
    ++passes;
    std::vector<QuantileSelector::PassData> data(static_cast<std::size_t>(threads));
    std::vector<BlockValues> blocks(static_cast<std::size_t>(threads));
    for (auto& d : data) d = selector.make_pass_data();
    std::mutex progress_mutex;
    std::int64_t done = 0;
    parallel_chunks(own_chunks, threads, [&](std::size_t k, int worker) {
      const std::size_t chunk = chunk_of(k);
      auto& local = data[static_cast<std::size_t>(worker)];
      for_each_block(sim, draws, chunk, blocks[static_cast<std::size_t>(worker)], [&](const BlockValues& block) {
        for (int k2 = 0; k2 < layout.count(); ++k2)
          for (int y = 0; y < years; ++y)
            selector.observe(local, k2 * years + y, block.series[static_cast<std::size_t>(k2)].col(y));
      });
      std::lock_guard lock(progress_mutex);
      done += static_cast<std::int64_t>(members) *
              std::min<std::int64_t>(kChunkDraws, draws - static_cast<std::int64_t>(chunk) * kChunkDraws);
      progress.update(passes, std::min(done, draws));
    });
    for (std::size_t t = 1; t < data.size(); ++t) selector.merge(data[0], data[t]);
    selector.combine(data[0], team);
    selector.finish_pass(data[0]);
  }
  progress.finish();

  RunSummary summary;
  summary.layout = layout;
  summary.draws = draws;
  summary.passes = passes;
  summary.series.resize(static_cast<std::size_t>(layout.count()));
  for (int k = 0; k < layout.count(); ++k) {
    SeriesSummary& s = summary.series[static_cast<std::size_t>(k)];
    s.quantiles.resize(static_cast<Eigen::Index>(kQuantileLevels.size()), years);
    s.mean.resize(years);
    s.sd.resize(years);
    s.valid.resize(years);
    for (int y = 0; y < years; ++y) {
      const auto sy = static_cast<std::size_t>(k * years + y);
      const auto q = selector.quantiles(static_cast<int>(sy));
      for (std::size_t i = 0; i < q.size(); ++i) s.quantiles(static_cast<Eigen::Index>(i), y) = q[i];
      const Moments& m = moments[sy];
      s.mean[y] = m.count > 0 ? m.mean : std::numeric_limits<double>::quiet_NaN();
      s.sd[y] = m.count > 0 ? m.sd() : std::numeric_limits<double>::quiet_NaN();
      s.valid[y] = static_cast<double>(total.valid[sy]);
    }
  }
  summary.prob_met.resize(layout.met_count(), years);
  for (int m = 0; m < layout.met_count(); ++m)
    for (int y = 0; y < years; ++y)
      summary.prob_met(m, y) =
          static_cast<double>(total.met[static_cast<std::size_t>(m * years + y)]) / static_cast<double>(draws);
  return summary;
}

}  // namespace lissim::sim
