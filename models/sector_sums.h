#pragma once
// Sums across sectors in a fixed order, one draw at a time. Eigen's reductions and matrix
// products may associate differently for different numbers of rows, which would make a
// draw's result depend on the block it is simulated in; these never do.
#include "models/arrays.h"

namespace lissim::models {

// sum_s x(d, s), added in sector order.
inline DrawArray sum_over_sectors(const SectorArray& x) {
  DrawArray total = x.col(0);
  for (Eigen::Index s = 1; s < x.cols(); ++s) total += x.col(s);
  return total;
}

// sum_s x(d, s) w_s, added in sector order.
inline DrawArray weighted_sum_over_sectors(const SectorArray& x, const Vector& w) {
  DrawArray total = x.col(0) * w[0];
  for (Eigen::Index s = 1; s < x.cols(); ++s) total += x.col(s) * w[s];
  return total;
}

}  // namespace lissim::models
