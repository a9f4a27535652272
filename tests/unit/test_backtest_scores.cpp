// Backtest scores (MODEL.md 8) against values computed by hand.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/panel/forecast_scores.h"
#include "sim/random/philox_stream.h"

using namespace lissim::sim;

TEST_CASE("scores: CRPS of a sample by hand", "[backtest][scores]") {
  // {0, 1} at 0.5: mean |X - y| = 0.5, mean |X - X'| = 0.5, CRPS = 0.5 - 0.25.
  CHECK(crps_sample({0.0, 1.0}, 0.5) == Approx(0.25));
  CHECK(crps_sample({0.0, 1.0}, 2.0) == Approx(1.25));
  CHECK(crps_sample({3.0}, 1.0) == Approx(2.0));  // one point: the absolute error
  // {0, 1, 2} at 0: mean |X - y| = 1, mean |X - X'| = (2 + 2 + 4) / 9 = 8/9.
  CHECK(crps_sample({0.0, 1.0, 2.0}, 0.0) == Approx(1.0 - 4.0 / 9.0));
}

TEST_CASE("scores: Gaussian CRPS closed form", "[backtest][scores]") {
  // At the mean: sd (2 phi(0) - 1/sqrt(pi)) = 0.2336949772...
  CHECK(crps_gaussian(0, 1, 0) == Approx(0.23369497725).epsilon(1e-10));
  CHECK(crps_gaussian(1, 2, 1) == Approx(2 * 0.23369497725).epsilon(1e-10));
  // z = 1: (2 Phi(1) - 1) + 2 phi(1) - 1/sqrt(pi) = 0.6826894921 + 0.4839414490 - 0.5641895835.
  CHECK(crps_gaussian(0, 1, 1) == Approx(0.6024413576).epsilon(1e-9));
  // A large normal sample's CRPS tends to the closed form.
  const PhiloxStream stream(5, "test/crps");
  std::vector<double> sample(200000);
  for (std::size_t d = 0; d < sample.size(); ++d) sample[d] = 0.3 + 0.02 * stream.normal(d, 0, 0);
  std::sort(sample.begin(), sample.end());
  CHECK(crps_sample(sample, 0.33) == Approx(crps_gaussian(0.3, 0.02, 0.33)).epsilon(0.01));
  CHECK(pit_sample(sample, 0.3 + 0.02 * 1.6448536) == Approx(0.95).margin(0.003));
}

TEST_CASE("scores: PIT, quantiles and interval score by hand", "[backtest][scores]") {
  const std::vector<double> s{1, 2, 3, 4};
  CHECK(pit_sample(s, 2.5) == 0.5);
  CHECK(pit_sample(s, 4) == 1.0);
  CHECK(pit_sample(s, 0) == 0.0);
  CHECK(quantile_sorted(s, 0.5) == Approx(2.5));
  CHECK(quantile_sorted(s, 0.05) == Approx(1.15));  // h = 0.15
  CHECK(interval_score(-1, 1, 0.1, 0) == Approx(2));
  CHECK(interval_score(-1, 1, 0.1, 2) == Approx(22));   // 2 + (2 / 0.1) x 1
  CHECK(interval_score(-1, 1, 0.1, -1.5) == Approx(12));
}

TEST_CASE("scores: coverage and paired intervals allow for shared shocks", "[backtest][scores]") {
  // Two clusters that miss together: cluster-robust se 0.5, far above the binomial 0.15.
  const auto together = coverage_interval({true, true, false, false}, {0, 0, 1, 1}, 0.9);
  CHECK(together.coverage == 0.5);
  CHECK(together.se_binomial == Approx(0.15));
  CHECK(together.se_cluster == Approx(0.5));
  CHECK(together.low == 0.0);
  CHECK(together.high == 1.0);
  // Ten independent regions, nine inside: cluster-robust sqrt(10/9 x 0.9) / 10 = 0.1 > binomial 0.0949.
  std::vector<bool> inside(10, true);
  inside[3] = false;
  std::vector<int> own{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  const auto alone = coverage_interval(inside, own, 0.9);
  CHECK(alone.coverage == Approx(0.9));
  CHECK(alone.se_binomial == Approx(std::sqrt(0.009)));
  CHECK(alone.se_cluster == Approx(0.1));
  CHECK(alone.low == Approx(0.9 - 0.196));
  CHECK(alone.high == 1.0);
  // Never narrower than binomial: all inside still has a width.
  const auto all = coverage_interval(std::vector<bool>(10, true), own, 0.9);
  CHECK(all.low == Approx(1 - 1.96 * std::sqrt(0.009)));
  // Paired differences 1, 2, 3: mean 2, se 1 / sqrt(3).
  const auto d = paired_difference({1, 2, 3}, {0, 0, 0}, {0, 1, 2});
  CHECK(d.mean == Approx(2));
  CHECK(d.se == Approx(1 / std::sqrt(3.0)));
}
