#include "sim/panel/forecast_scores.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/random/normal.h"

namespace lissim::sim {

double crps_sample(const std::vector<double>& sorted, double y) {
  const auto n = static_cast<double>(sorted.size());
  double absolute = 0, spread = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    absolute += std::abs(sorted[i] - y);
    spread += (2.0 * static_cast<double>(i) - n + 1.0) * sorted[i];
  }
  return absolute / n - spread / (n * n);
}

double crps_gaussian(double mean, double sd, double y) {
  const double z = (y - mean) / sd;
  return sd * (z * (2 * normal_cdf(z) - 1) + 2 * normal_pdf(z) - 1 / std::sqrt(M_PI));
}

double pit_sample(const std::vector<double>& sorted, double y) {
  const auto at_or_below = std::upper_bound(sorted.begin(), sorted.end(), y) - sorted.begin();
  return static_cast<double>(at_or_below) / static_cast<double>(sorted.size());
}

double quantile_sorted(const std::vector<double>& sorted, double p) {
  const double h = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(h));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (h - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

double interval_score(double lower, double upper, double alpha, double y) {
  return (upper - lower) + (2 / alpha) * std::max(0.0, lower - y) + (2 / alpha) * std::max(0.0, y - upper);
}

double cluster_robust_se(const std::vector<double>& values, const std::vector<int>& cluster) {
  const auto n = static_cast<double>(values.size());
  double mean = 0;
  for (const double v : values) mean += v / n;
  std::map<int, double> sums;
  for (std::size_t i = 0; i < values.size(); ++i) sums[cluster[i]] += values[i] - mean;
  const auto groups = static_cast<double>(sums.size());
  if (groups < 2) return 0;
  double squares = 0;
  for (const auto& [g, s] : sums) squares += s * s;
  return std::sqrt(groups / (groups - 1) * squares) / n;
}

CoverageInterval coverage_interval(const std::vector<bool>& inside, const std::vector<int>& cluster, double nominal) {
  CoverageInterval c;
  const auto n = static_cast<double>(inside.size());
  std::vector<double> indicator;
  for (const bool in : inside) indicator.push_back(in ? 1.0 : 0.0);
  c.coverage = static_cast<double>(std::count(inside.begin(), inside.end(), true)) / n;
  c.se_binomial = std::sqrt(nominal * (1 - nominal) / n);
  c.se_cluster = cluster_robust_se(indicator, cluster);
  const double half = 1.96 * std::max(c.se_binomial, c.se_cluster);
  c.low = std::max(0.0, c.coverage - half);
  c.high = std::min(1.0, c.coverage + half);
  return c;
}

PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                                   const std::vector<int>& cluster) {
  PairedDifference d;
  const auto n = static_cast<double>(a.size());
  std::vector<double> diff(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) diff[i] = a[i] - b[i];
  for (const double v : diff) d.mean += v / n;
  double squares = 0;
  for (const double v : diff) squares += (v - d.mean) * (v - d.mean);
  const double iid = n > 1 ? std::sqrt(squares / (n - 1) / n) : 0;
  d.se = std::max(iid, cluster_robust_se(diff, cluster));
  return d;
}

}  // namespace lissim::sim
