#pragma once
// B - A draw by draw, for two runs that share their random numbers: draw k of B and draw k
// of A saw the same shocks and parameter values, so the spread of B - A is the spread of
// the decision's effect, free of the Monte Carlo noise an unpaired comparison carries.
#include <cstdint>
#include <vector>

#include "sim/compare/better_direction.h"
#include "sim/util/sample_stats.h"

namespace lissim::sim {

struct PairedStatistics {
  Band difference;            // of B - A over the draws defined in both
  double prob_better = kNaN;  // share of those draws where B is better; NaN without a direction
  std::int64_t draws = 0;     // draws defined in both
  bool identical = false;     // every draw equal, and NaN in the same draws
};

// a and b hold the same draws in the same order (rows of /parameters/samples).
PairedStatistics paired_statistics(const std::vector<double>& a, const std::vector<double>& b,
                                   const Direction& direction);

}  // namespace lissim::sim
