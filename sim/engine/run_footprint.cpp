#include "sim/engine/run_footprint.h"

#include <algorithm>
#include <cstdio>

#include "sim/engine/monte_carlo.h"
#include "sim/engine/moments.h"
#include "sim/engine/quantile_selector.h"

namespace lissim::sim {

double RunFootprint::memory_bytes() const {
  double total = 0;
  for (const FootprintPart& part : memory) total += part.bytes;
  return total;
}

std::string human_bytes(double bytes) {
  static const char* const units[] = {"bytes", "kB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) bytes /= 1000, ++u;
  char text[32];
  std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : "%.3g %s", bytes, units[u]);
  return text;
}

RunFootprint engine_footprint(const SeriesLayout& layout, std::int64_t draws, int threads, double row_values) {
  const QuantileSelector::Options selector;
  const double series_years = static_cast<double>(layout.count()) * layout.years;
  const double d = static_cast<double>(draws), t = threads, bins = selector.bins + 2;
  RunFootprint f;
  // Every worker histograms every series-year in the windows' pilot (or, without windows, the
  // first pass); later passes need less.
  f.add_memory("quantile histograms (" + std::to_string(threads) + " threads x " +
                   std::to_string(static_cast<long long>(series_years)) + " series-years x " +
                   std::to_string(selector.bins + 2) + " bins)",
               t * series_years * bins * sizeof(std::uint64_t));
  // Values collected to settle the order statistics (the one pass's windows, or a refining
  // pass's cells): bounded by the larger budget, held at most twice (the workers', then merged).
  const auto budget = static_cast<double>(std::max(selector.window_total_limit, selector.collect_total_limit));
  f.add_memory("values collected for exact quantiles", 2.0 * std::min(d * series_years, budget) * sizeof(double));
  // Each worker simulates a block of every series, and chunks wait in the ordered merge.
  const double block = static_cast<double>(kBlockDraws) * series_years * sizeof(double);
  const double chunk = static_cast<double>(kChunkDraws) * (row_values * sizeof(double)) + series_years * sizeof(Moments);
  f.add_memory("blocks and chunks in flight", t * 3 * block + 2 * t * chunk);
  f.add_memory("program, scenario and HDF5 buffers", 64e6);
  return f;
}

}  // namespace lissim::sim
