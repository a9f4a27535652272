#pragma once
// The first pass over the draws. Each chunk yields a ChunkResult (its moments and the values a
// sink receives), merged in chunk order by the ChunkExchange; each worker thread keeps a
// FirstPassAccumulator (the quantile selector's first histograms, exact extremes, valid counts
// and target counts), whose merge order does not matter.
#include <cstdint>
#include <vector>

#include "sim/engine/chunk_plan.h"
#include "sim/engine/moments.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/quantile_selector.h"

namespace lissim::sim {

// A chunk's moments per series-year and the values a sink receives.
struct ChunkResult {
  std::vector<Moments> moments;  // per series-year
  ChunkValues values;
};

class FirstPassAccumulator {
 public:
  FirstPassAccumulator(const QuantileSelector& selector, const SeriesLayout& layout);

  // Simulates a chunk, observing every block; returns the chunk's result.
  ChunkResult simulate_chunk(const Simulator& sim, const ChunkPlan& plan, std::size_t chunk, bool keep_series);

  void merge(FirstPassAccumulator& other);  // another thread's
  void combine(Team& team);                 // every member's, so each holds the whole pass
  // Ends the selector's first pass; valid counts and target counts stay for the summary.
  void finish(QuantileSelector& selector);

  const std::vector<std::uint64_t>& valid() const { return valid_; }  // per series-year
  const std::vector<std::uint64_t>& met() const { return met_; }      // met_count x years

 private:
  void observe(const BlockValues& block);

  const QuantileSelector& selector_;
  const SeriesLayout& layout_;
  QuantileSelector::PassData histogram_;
  std::vector<double> min_, max_;
  std::vector<std::uint64_t> valid_;
  std::vector<std::uint64_t> met_;
  BlockValues block_;  // reused between chunks
};

}  // namespace lissim::sim
