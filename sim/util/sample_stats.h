#pragma once
// Statistics over per-draw values read back from a results file, as the run computes them:
// over the defined (non-NaN) draws, quantiles interpolated as numpy.quantile's default
// (Hyndman & Fan type 7), so a number here equals numpy's on the same dataset.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace lissim::sim {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Median and 90% band (5th and 95th percentiles); NaN when no draw is defined.
struct Band {
  double median = kNaN;
  double lo = kNaN;
  double hi = kNaN;
};

// The non-NaN values, sorted ascending.
std::vector<double> defined_sorted(const std::vector<double>& values);
// Type-7 quantile of sorted values: h = (n - 1) p, linear between the neighbouring order statistics.
double sorted_quantile(const std::vector<double>& sorted, double p);
Band band_of(const std::vector<double>& values);
// Mean over defined values; NaN when none.
double defined_mean(const std::vector<double>& values);
// Share of defined values for which keep(x) holds; NaN when none is defined.
template <typename Predicate>
double defined_share(const std::vector<double>& values, Predicate keep) {
  std::int64_t defined = 0, kept = 0;
  for (const double x : values) {
    if (std::isnan(x)) continue;
    ++defined;
    if (keep(x)) ++kept;
  }
  return defined == 0 ? kNaN : static_cast<double>(kept) / static_cast<double>(defined);
}

}  // namespace lissim::sim
