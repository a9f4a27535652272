// lissim_bench: the measuring instruments of docs/performance.md. A small self-timing
// harness (std::chrono wall time and getrusage CPU time, the minimum over repeats), because
// the workloads take seconds to minutes each and their ratios are what matters; Google
// Benchmark's iteration tuning and statistics add nothing here. Never run by ctest.
//
//   lissim_bench rng      [--scenario F] [--draws N] [--threads K] [--repeats R] [--part P]
//   lissim_bench simulate [--scenario F] [--draws N] [--threads K] [--repeats R]
//   lissim_bench run      [--scenario F] [--draws N] [--threads K] [--repeats R]
//   lissim_bench cells    [--scenario F] [--draws N] [--threads K]
//
// rng       the random-number floor: exactly the random numbers one pass of `lissim run`
//           consumes (Simulator::draw_shocks's streams and calls for every simulated year,
//           and every uncertain parameter sampled as draw_parameters / draw_intervention do),
//           in blocks of kBlockDraws within chunks of kChunkDraws on K threads, as the engine.
//           --part params or shocks: only the parameter draws or only the shocks (default all).
// simulate  one pass of Simulator::run over every block (random numbers, model, recording
//           into BlockValues), without statistics.
// run       run_monte_carlo with no sink (summaries only), as `lissim run -q` less the output.
// cells     a diagnostic, not a timing: replays the quantile selector's pilot and first pass
//           (same pilot draws, same 4096-bin HistogramLevel) and reports the series-years whose
//           wanted ranks fall in a first-pass bin too large to collect (QuantileSelector's limit), i.e.
//           the ones that make the run take a third pass.
//
// Each prints one line of key=value pairs (the wall and CPU seconds are the minimum over the
// repeats; the per-repeat wall times follow; wait_s and contention say how long the threads
// waited for a CPU, i.e. how much of the wall time other processes took), read by
// tests/bench/run_benchmarks.sh.
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <cmath>
#include <functional>
#include <limits>
#include <mutex>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "models/indicators.h"
#include "models/shocks.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/parallel.h"
#include "sim/engine/quantile_selector.h"
#include "sim/engine/simulator.h"
#include "sim/random/philox_stream.h"
#include "sim/scenario.h"

#ifndef LISSIM_SOURCE_DIR
#define LISSIM_SOURCE_DIR "."
#endif

namespace {

using lissim::sim::kBlockDraws;
using lissim::sim::kChunkDraws;
using lissim::sim::PhiloxStream;
using lissim::sim::Scenario;

struct Args {
  std::string workload;
  std::string scenario = std::string(LISSIM_SOURCE_DIR) + "/scenarios/north_east_baseline.yaml";
  std::int64_t draws = 100000;
  int threads = 1;
  int repeats = 3;
  std::string part = "all";  // rng: all, params, shocks
};

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); };
  return s(u.ru_utime) + s(u.ru_stime);
}

// Chunks of kChunkDraws handed to `threads` workers, each chunk in blocks of kBlockDraws,
// exactly as run_monte_carlo splits the draws. block(first, count, worker) does the work.
void for_each_block(std::int64_t draws, int threads,
                    const std::function<void(std::uint64_t, Eigen::Index, int)>& block) {
  const auto chunks = static_cast<std::size_t>((draws + kChunkDraws - 1) / kChunkDraws);
  const int used = std::max(1, std::min<int>(threads, static_cast<int>(chunks)));
  lissim::sim::parallel_chunks(chunks, used, [&](std::size_t chunk, int worker) {
    const auto first = static_cast<std::int64_t>(chunk) * kChunkDraws;
    const std::int64_t last = std::min<std::int64_t>(draws, first + kChunkDraws);
    for (std::int64_t b = first; b < last; b += kBlockDraws)
      block(static_cast<std::uint64_t>(b), std::min<std::int64_t>(kBlockDraws, last - b), worker);
  });
}

// The random numbers of one pass, generated as the engine generates them.
class RngFloor {
 public:
  explicit RngFloor(const Scenario& s)
      : s_(s),
        // Simulator's streams, in draw_shocks's order: (stream, normal?) for the scalar ones. The
        // differentials' and the published series' streams (12 values a year, plus 2 per target)
        // are left out: the floor is a lower bound.
        scalars_{{shock("cycle"), true},
                  {shock("recession"), false},
                  {shock("recession_depth"), true},
                  {shock("national/jobs"), true},
                  {shock("national/productivity"), true},
                  {shock("national/employment_rate"), true},
                  {shock("national/activity_rate"), true},
                  {shock("population"), true},
                  {shock("residents_in_work"), true},
                  {shock("activity"), true}},
        sector_streams_{shock("jobs"), shock("productivity"), shock("better_jobs")} {}

  // Random numbers and Philox4x32-10 calls per draw in one pass (a scalar stream uses one
  // call per value, a sector stream one per pair of sectors; a parameter one call).
  std::int64_t numbers_per_draw(bool params = true, bool shocks = true) const {
    const auto sectors = static_cast<std::int64_t>(s_.baseline.sectors.count());
    return count(params, shocks, static_cast<std::int64_t>(scalars_.size()) + 3 * sectors);
  }
  std::int64_t philox_calls_per_draw(bool params = true, bool shocks = true) const {
    const auto sectors = static_cast<std::int64_t>(s_.baseline.sectors.count());
    return count(params, shocks, static_cast<std::int64_t>(scalars_.size()) + 3 * ((sectors + 1) / 2));
  }

  // Uncertain parameters by distribution kind (truncated ones counted apart), e.g.
  // "normal:40,normal-truncated:24,beta:1".
  std::string kinds() const {
    std::vector<std::pair<std::string, int>> counts;
    for (const int index : s_.parameters.uncertain()) {
      const auto& d = s_.parameters.at(index).distribution;
      std::string kind = lissim::sim::to_string(d.kind());
      if (d.lower_bound() || d.upper_bound()) kind += "-truncated";
      auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == kind; });
      if (it == counts.end()) counts.emplace_back(kind, 1);
      else ++it->second;
    }
    std::string out;
    for (const auto& [kind, n] : counts) out += (out.empty() ? "" : ",") + kind + ":" + std::to_string(n);
    return out;
  }

  // Generates the block's numbers; returns their sum (so nothing is optimised away).
  double block(std::uint64_t first, Eigen::Index count, bool params, bool shocks) const {
    double sum = 0;
    // draw_parameters and InterventionPackage (draw_intervention), through ParameterTable::
    // sample: per block one stream per uncertain parameter, one uniform per draw through the
    // parameter's inverse CDF, scaled to model units.
    const lissim::sim::DrawBatch draws{first, nullptr, static_cast<std::size_t>(count)};
    if (params) {
      lissim::models::DrawArray values(count);
      for (const int index : s_.parameters.uncertain()) {
        const lissim::sim::Parameter& p = s_.parameters.at(index);
        const PhiloxStream stream(s_.seed, "param/" + p.name);
        stream.uniforms(draws, 0, 1, values.data(), draws.count);
        for (double& v : values) v = p.distribution.quantile(v);
        sum += (p.scale * values).sum();
      }
    }
    if (!shocks) return sum;
    // draw_shocks for every simulated year.
    const auto sectors = static_cast<Eigen::Index>(s_.baseline.sectors.count());
    lissim::models::DrawArray scalar(count);
    lissim::models::SectorArray sector(count, sectors);
    for (int y = 1; y < s_.years(); ++y) {
      const auto year = static_cast<std::uint32_t>(s_.base_year() + y);
      for (const auto& [stream, normal] : scalars_) {
        if (normal) stream.normals(draws, year, 1, scalar.data(), draws.count);
        else stream.uniforms(draws, year, 1, scalar.data(), draws.count);
        sum += scalar.sum();
      }
      for (const PhiloxStream& stream : sector_streams_) {
        stream.normals(draws, year, static_cast<std::size_t>(sectors), sector.data(), draws.count);
        sum += sector.sum();
      }
    }
    return sum;
  }

 private:
  std::int64_t count(bool params, bool shocks, std::int64_t per_year) const {
    return (shocks ? per_year * (s_.years() - 1) : 0) +
           (params ? static_cast<std::int64_t>(s_.parameters.uncertain().size()) : 0);
  }
  PhiloxStream shock(const char* name) const { return PhiloxStream(s_.seed, std::string("shock/") + name); }

  struct Scalar {
    PhiloxStream stream;
    bool normal;
  };
  const Scenario& s_;
  std::vector<Scalar> scalars_;
  std::vector<PhiloxStream> sector_streams_;
};

// How long this process's threads waited for a CPU while runnable (Linux schedstat: the second
// field of /proc/<pid>/task/<tid>/schedstat, in ns), polled every 10 ms from a thread of its
// own so that the engine's short-lived worker threads are seen too (a thread's last < 10 ms
// may be missed). On a shared machine this tells how much of a wall time was other users.
class RunQueueMonitor {
 public:
  RunQueueMonitor() : thread_([this] { loop(); }) {}
  ~RunQueueMonitor() {
    stop_ = true;
    thread_.join();
  }
  // Seconds waited for a CPU by the other threads since the last call.
  double take() {
    poll();
    std::lock_guard lock(mutex_);
    double total = 0;
    for (auto& [tid, t] : tasks_) total += static_cast<double>(t.last - t.taken), t.taken = t.last;
    return 1e-9 * total;
  }

 private:
  struct Task {
    std::uint64_t taken = 0, last = 0;
  };
  void loop() {
    self_ = static_cast<long>(syscall(SYS_gettid));
    while (!stop_) {
      poll();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void poll() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/task", ec)) {
      const std::string tid = entry.path().filename().string();
      if (std::atol(tid.c_str()) == self_.load()) continue;
      std::ifstream in(entry.path() / "schedstat");
      std::uint64_t on_cpu = 0, waited = 0;
      if (!(in >> on_cpu >> waited)) continue;
      std::lock_guard lock(mutex_);
      auto [it, added] = tasks_.try_emplace(tid);
      // A thread first seen now was created since the last poll: count it from zero, unless
      // it is one that existed when the monitor started (then from its current value).
      if (added && !started_) it->second.taken = waited;
      it->second.last = std::max(it->second.last, waited);
    }
    started_ = true;
  }

  std::atomic<long> self_{0};  // the monitor's own thread, not counted
  std::atomic<bool> stop_{false}, started_{false};
  std::mutex mutex_;
  std::map<std::string, Task> tasks_;  // tids are not reused within a benchmark's lifetime
  std::thread thread_;
};

struct Timing {
  std::vector<double> wall;  // per repeat
  std::vector<double> cpu;
  std::vector<double> wait;  // seconds all threads waited for a CPU
  std::size_t best() const { return static_cast<std::size_t>(std::min_element(wall.begin(), wall.end()) - wall.begin()); }
  double min_wall() const { return wall[best()]; }
  double min_cpu() const { return *std::min_element(cpu.begin(), cpu.end()); }
  double best_wait() const { return wait[best()]; }
};

template <typename Fn>
Timing time_repeats(int repeats, Fn&& fn) {
  Timing t;
  RunQueueMonitor monitor;
  for (int r = 0; r < repeats; ++r) {
    monitor.take();
    const double cpu0 = cpu_seconds();
    const auto wall0 = std::chrono::steady_clock::now();
    fn();
    t.wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count());
    t.cpu.push_back(cpu_seconds() - cpu0);
    t.wait.push_back(monitor.take());
  }
  return t;
}

void print(const Args& a, const Scenario& s, const Timing& t, const std::string& extra) {
  const auto sectors = static_cast<double>(s.baseline.sectors.count());
  const double dsy = static_cast<double>(a.draws) * sectors * (s.years() - 1);  // draw-sector-years
  // wait_s: run-queue wait of the fastest repeat, summed over threads; contention: its share
  // of the time the threads were runnable (0 on an otherwise idle machine).
  const double cpu_best = t.cpu[t.best()];
  std::printf("workload=%s scenario=%s draws=%lld threads=%d repeats=%d wall_s=%.4f cpu_s=%.4f wait_s=%.4f "
              "contention=%.3f draw_sector_years_per_s=%.4g%s walls=",
              a.workload.c_str(), s.name.c_str(), static_cast<long long>(a.draws), a.threads, a.repeats, t.min_wall(),
              t.min_cpu(), t.best_wait(), t.best_wait() / std::max(1e-9, t.best_wait() + cpu_best), dsy / t.min_wall(),
              extra.c_str());
  for (std::size_t i = 0; i < t.wall.size(); ++i) std::printf("%s%.4f", i ? "," : "", t.wall[i]);
  std::printf("\n");
}

// A readable name for series k of the layout.
std::string series_name(const lissim::sim::SeriesLayout& layout, const Scenario& s, int k) {
  static const char* const paths[] = {"scenario", "counterfactual", "effect"};
  if (k < layout.paths * layout.per_path()) {
    const int path = k / layout.per_path(), i = k % layout.per_path();
    std::string name = layout.paths > 1 ? std::string(paths[path]) + "/" : std::string();
    if (i < lissim::models::kIndicatorCount)
      return name + std::string(lissim::models::indicator_info(static_cast<lissim::models::Indicator>(i)).name);
    const int sector = (i - lissim::models::kIndicatorCount) % layout.sectors;
    const bool jobs = i - lissim::models::kIndicatorCount < layout.sectors;
    return name + (jobs ? "sector_jobs/" : "sector_gva_per_hour/") + s.baseline.sectors.ids[static_cast<std::size_t>(sector)];
  }
  const int j = k - layout.paths * layout.per_path();
  static const char* const kinds[] = {"jobs_local", "jobs_national", "gva_local", "gva_national"};
  return "intervention" + std::to_string(j / lissim::sim::kInterventionSeriesCount) + "/" +
         kinds[j % lissim::sim::kInterventionSeriesCount];
}

// The first pass of QuantileSelector, replayed: which series-years need a further narrowing.
void cells(const Args& a, const Scenario& scenario) {
  using lissim::sim::HistogramLevel;
  const lissim::sim::Simulator sim(scenario);
  const auto& layout = sim.layout();
  const int years = layout.years;
  const auto series_years = static_cast<std::size_t>(layout.count() * years);
  constexpr int kBins = 4096;
  const lissim::sim::QuantileSelector::Options selector;
  const std::uint64_t kCollectCell = selector.collect_cell_limit, kCollectTotal = selector.collect_total_limit;
  // The pilot, as run_monte_carlo.
  std::vector<HistogramLevel> levels(series_years);
  {
    std::vector<double> lo(series_years), hi(series_years);
    lissim::sim::pilot_ranges(sim, a.draws, lo, hi);
    for (std::size_t sy = 0; sy < series_years; ++sy) {
      HistogramLevel& l = levels[sy];
      l.lo = lo[sy], l.hi = hi[sy], l.bins = kBins;
      l.scale = l.hi > l.lo ? kBins / (l.hi - l.lo) : 0.0;
    }
  }
  // Pass 1 histograms (bin -1 .. kBins), per worker, then summed.
  std::vector<std::vector<std::uint64_t>> counts(static_cast<std::size_t>(a.threads),
                                                 std::vector<std::uint64_t>(series_years * (kBins + 2)));
  std::vector<lissim::sim::BlockValues> blocks(static_cast<std::size_t>(a.threads));
  for_each_block(a.draws, a.threads, [&](std::uint64_t first, Eigen::Index count, int worker) {
    auto& block = blocks[static_cast<std::size_t>(worker)];
    auto& c = counts[static_cast<std::size_t>(worker)];
    sim.run(first, count, block);
    for (std::size_t sy = 0; sy < series_years; ++sy) {
      const auto col = block.series[sy / static_cast<std::size_t>(years)].col(static_cast<Eigen::Index>(sy % years));
      for (Eigen::Index i = 0; i < col.size(); ++i)
        if (!std::isnan(col[i])) ++c[sy * (kBins + 2) + static_cast<std::size_t>(levels[sy].bin_of(col[i]) + 1)];
    }
  });
  for (std::size_t w = 1; w < counts.size(); ++w)
    for (std::size_t i = 0; i < counts[0].size(); ++i) counts[0][i] += counts[w][i];
  struct Big {
    std::size_t sy;
    std::uint64_t count;
    int bin;
    std::uint64_t valid;
  };
  std::vector<Big> big;
  std::uint64_t collected = 0, refine_cells = 0, collect_cells = 0;
  for (std::size_t sy = 0; sy < series_years; ++sy) {
    const std::uint64_t* c = &counts[0][sy * (kBins + 2)];
    std::uint64_t valid = 0, lo_bin = kBins + 2, hi_bin = 0;
    for (int b = 0; b < kBins + 2; ++b) {
      valid += c[b];
      if (c[b]) lo_bin = std::min<std::uint64_t>(lo_bin, static_cast<std::uint64_t>(b)), hi_bin = static_cast<std::uint64_t>(b);
    }
    if (valid == 0 || (lo_bin == hi_bin && levels[sy].lo == levels[sy].hi)) continue;  // resolved at once
    // Wanted ranks (type 7, both neighbours), as QuantileSelector's wanted_ranks.
    std::vector<std::uint64_t> ranks;
    for (const double p : lissim::sim::kQuantileLevels) {
      const auto lo = static_cast<std::uint64_t>(std::floor(static_cast<double>(valid - 1) * p));
      ranks.push_back(lo);
      ranks.push_back(std::min(lo + 1, valid - 1));
    }
    std::sort(ranks.begin(), ranks.end());
    std::uint64_t below = 0;
    int last_bin = -2;
    std::size_t r = 0;
    for (int b = 0; b < kBins + 2 && r < ranks.size(); ++b) {
      while (r < ranks.size() && ranks[r] < below + c[b]) {
        if (b != last_bin) {
          last_bin = b;
          if (c[b] > kCollectCell) {
            ++refine_cells;
            big.push_back({sy, c[b], b - 1, valid});
          } else {
            ++collect_cells;
            collected += c[b];
          }
        }
        ++r;
      }
      below += c[b];
    }
  }
  std::sort(big.begin(), big.end(), [](const Big& x, const Big& y) { return x.count > y.count; });
  std::string worst = "-";
  if (!big.empty()) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s_%d_(%.1f%%_of_values_in_one_bin)",
                  series_name(layout, scenario, static_cast<int>(big[0].sy / static_cast<std::size_t>(years))).c_str(),
                  scenario.base_year() + static_cast<int>(big[0].sy % static_cast<std::size_t>(years)),
                  100.0 * static_cast<double>(big[0].count) / static_cast<double>(big[0].valid));
    worst = buf;
  }
  std::printf("workload=cells scenario=%s draws=%lld threads=%d series_years=%zu collect_cells=%llu "
              "collected_values=%llu refine_cells=%llu over_total_limit=%d predicted_passes=%s worst=%s\n",
              scenario.name.c_str(), static_cast<long long>(a.draws), a.threads, series_years,
              static_cast<unsigned long long>(collect_cells), static_cast<unsigned long long>(collected),
              static_cast<unsigned long long>(refine_cells), collected > kCollectTotal ? 1 : 0,
              refine_cells == 0 && collected <= kCollectTotal ? "2" : ">=3", worst.c_str());
  for (std::size_t i = 0; i < big.size() && i < 25; ++i) {
    const Big& b = big[i];
    const HistogramLevel& l = levels[b.sy];
    std::fprintf(stderr, "  refine %-44s year %2d: a wanted rank's bin %5d holds %llu of %llu values (%.1f%%); pilot range "
                "[%.6g, %.6g]\n",
                series_name(layout, scenario, static_cast<int>(b.sy / static_cast<std::size_t>(years))).c_str(),
                scenario.base_year() + static_cast<int>(b.sy % static_cast<std::size_t>(years)), b.bin,
                static_cast<unsigned long long>(b.count), static_cast<unsigned long long>(b.valid),
                100.0 * static_cast<double>(b.count) / static_cast<double>(b.valid), l.lo, l.hi);
  }
}

int usage() {
  std::fprintf(stderr,
               "usage: lissim_bench rng|simulate|run|cells [--scenario FILE] [--draws N] [--threads K] [--repeats R]\n"
               "                    [--part all|params|shocks]  (rng only)\n");
  return 2;
}

int bench(Args a) {
  lissim::sim::LoadOptions load;
  load.draws = a.draws;
  const Scenario scenario = lissim::sim::load_scenario(a.scenario, load);
  char extra[1024];

  if (a.workload == "rng") {
    const RngFloor floor(scenario);
    const bool params = a.part != "shocks", shocks = a.part != "params";
    if (!params && !shocks) return usage();
    if (a.part != "all") a.workload += "-" + a.part;
    // Sums per chunk, added in chunk order: the checksum does not depend on the threads.
    std::vector<double> sums(static_cast<std::size_t>((a.draws + kChunkDraws - 1) / kChunkDraws));
    const Timing t = time_repeats(a.repeats, [&] {
      std::fill(sums.begin(), sums.end(), 0.0);
      for_each_block(a.draws, a.threads, [&](std::uint64_t first, Eigen::Index count, int) {
        sums[first / kChunkDraws] += floor.block(first, count, params, shocks);
      });
    });
    double checksum = 0;
    for (const double x : sums) checksum += x;
    const double numbers = static_cast<double>(floor.numbers_per_draw(params, shocks)) * static_cast<double>(a.draws);
    std::snprintf(extra, sizeof extra,
                  " numbers_per_draw=%lld philox_calls_per_draw=%lld uncertain_parameters=%zu numbers_per_s=%.4g "
                  "s_per_1M_draws=%.4f checksum=%.17g kinds=%s",
                  static_cast<long long>(floor.numbers_per_draw(params, shocks)),
                  static_cast<long long>(floor.philox_calls_per_draw(params, shocks)),
                  scenario.parameters.uncertain().size(), numbers / t.min_wall(),
                  t.min_wall() * 1e6 / static_cast<double>(a.draws), checksum, floor.kinds().c_str());
    print(a, scenario, t, extra);
  } else if (a.workload == "simulate") {
    const lissim::sim::Simulator sim(scenario);
    std::vector<lissim::sim::BlockValues> blocks(static_cast<std::size_t>(a.threads));
    std::vector<double> sums(static_cast<std::size_t>((a.draws + kChunkDraws - 1) / kChunkDraws));
    const Timing t = time_repeats(a.repeats, [&] {
      std::fill(sums.begin(), sums.end(), 0.0);
      for_each_block(a.draws, a.threads, [&](std::uint64_t first, Eigen::Index count, int worker) {
        auto& block = blocks[static_cast<std::size_t>(worker)];
        sim.run(first, count, block);
        sums[first / kChunkDraws] += block.series[0].col(block.series[0].cols() - 1).sum();
      });
    });
    double checksum = 0;
    for (const double x : sums) checksum += x;
    std::snprintf(extra, sizeof extra, " series=%d paths=%d s_per_1M_draws=%.4f checksum=%.17g", sim.layout().count(),
                  sim.layout().paths, t.min_wall() * 1e6 / static_cast<double>(a.draws), checksum);
    print(a, scenario, t, extra);
  } else if (a.workload == "cells") {
    cells(a, scenario);
  } else if (a.workload == "run") {
    const lissim::sim::Simulator sim(scenario);
    lissim::sim::RunOptions options;
    options.threads = a.threads;
    int passes = 0;
    std::int64_t pilot_draws = 0;
    double checksum = 0;
    const Timing t = time_repeats(a.repeats, [&] {
      const lissim::sim::RunSummary summary = lissim::sim::run_monte_carlo(sim, options);
      passes = summary.passes;
      pilot_draws = summary.pilot_draws;
      checksum = summary.series[0].quantiles.sum() + summary.series[0].mean.sum();
    });
    std::snprintf(extra, sizeof extra, " passes=%d pilot_draws=%lld series=%d paths=%d s_per_1M_draws=%.4f checksum=%.17g",
                  passes, static_cast<long long>(pilot_draws), sim.layout().count(), sim.layout().paths, t.min_wall() * 1e6 / static_cast<double>(a.draws),
                  checksum);
    print(a, scenario, t, extra);
  } else {
    return usage();
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (argc < 2) return usage();
  a.workload = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string key = argv[i];
    if (i + 1 >= argc) return usage();
    const char* value = argv[++i];
    if (key == "--scenario") a.scenario = value;
    else if (key == "--draws") a.draws = std::atoll(value);
    else if (key == "--threads") a.threads = std::atoi(value);
    else if (key == "--repeats") a.repeats = std::atoi(value);
    else if (key == "--part") a.part = value;
    else return usage();
  }
  if (a.draws < 1 || a.threads < 1 || a.repeats < 1) return usage();
  try {
    return bench(a);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lissim_bench: %s\n", e.what());
    return 1;
  }
}
