#include "sim/util/sample_stats.h"

#include <algorithm>
#include <cmath>

#include "sim/util/lerp.h"

namespace lissim::sim {

std::vector<double> defined_sorted(const std::vector<double>& values) {
  std::vector<double> sorted;
  sorted.reserve(values.size());
  for (const double x : values)
    if (!std::isnan(x)) sorted.push_back(x);
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

double sorted_quantile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return kNaN;
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const double floor_h = std::floor(h);
  const auto lo = static_cast<std::size_t>(floor_h);
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return lerp(sorted[lo], sorted[hi], h - floor_h);  // numpy's interpolation, bit for bit
}

Band band_of(const std::vector<double>& values) {
  const std::vector<double> sorted = defined_sorted(values);
  return Band{sorted_quantile(sorted, 0.5), sorted_quantile(sorted, 0.05), sorted_quantile(sorted, 0.95)};
}

double defined_mean(const std::vector<double>& values) {
  double sum = 0;
  std::int64_t n = 0;
  for (const double x : values) {
    if (std::isnan(x)) continue;
    sum += x;
    ++n;
  }
  return n == 0 ? kNaN : sum / static_cast<double>(n);
}

}  // namespace lissim::sim
