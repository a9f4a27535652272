#pragma once
// Scores of probabilistic forecasts for the backtest (MODEL.md 8): CRPS of a sample and of a
// Gaussian, the PIT, quantiles, the interval score, and intervals for coverage and for paired
// score differences that allow for regions sharing shocks.
#include <array>
#include <vector>

namespace lissim::sim {

inline constexpr std::array<double, 7> kBacktestQuantileLevels = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};

// CRPS of the empirical distribution of `sorted` (ascending) at outcome y:
//     mean |X - y| - (1/2) mean |X - X'|,   mean |X - X'| = (2 / n^2) sum_i (2i - n + 1) x_(i)  (i from 0).
double crps_sample(const std::vector<double>& sorted, double y);
// Closed form for N(mean, sd^2): sd [z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)], z = (y - mean) / sd.
double crps_gaussian(double mean, double sd, double y);
// Share of the sample at or below y.
double pit_sample(const std::vector<double>& sorted, double y);
// Type 7 quantile of a sorted sample (numpy's default).
double quantile_sorted(const std::vector<double>& sorted, double p);
// Interval score of the central (1 - alpha) band [lower, upper] (Gneiting and Raftery 2007):
//     (upper - lower) + (2 / alpha) (lower - y)+ + (2 / alpha) (y - upper)+.
double interval_score(double lower, double upper, double alpha, double y);

// The standard error of a mean over regions that allows for clusters of regions sharing
// shocks: the cluster-robust (sandwich) form sqrt(G / (G - 1) sum_g (sum_{i in g} (x_i - mean))^2) / n.
double cluster_robust_se(const std::vector<double>& values, const std::vector<int>& cluster);

struct CoverageInterval {
  double coverage = 0;  // share of regions inside their band
  double low = 0;       // 95% interval
  double high = 0;
  double se_binomial = 0;  // at the nominal level: sqrt(q (1 - q) / n)
  double se_cluster = 0;
};
// coverage +/- 1.96 max(binomial se at the nominal level, cluster-robust se), clipped to [0, 1]:
// never narrower than the binomial interval, wider when regions of a cluster miss together.
CoverageInterval coverage_interval(const std::vector<bool>& inside, const std::vector<int>& cluster, double nominal);

struct PairedDifference {
  double mean = 0;  // mean of a - b
  double se = 0;    // max(sd / sqrt(n), cluster-robust se)
};
PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                                   const std::vector<int>& cluster);

}  // namespace lissim::sim
