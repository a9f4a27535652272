// The panel estimator of MODEL.md 7 on panels simulated by the model itself: its 90% intervals
// cover the true random-walk sd and measurement noise about 90% of the time.
#include <catch2/catch.hpp>

#include "models/regional_differential.h"
#include "sim/panel/calibration.h"
#include "sim/panel/single_series_fit.h"
#include "sim/random/philox_stream.h"

using lissim::models::DrawArray;

namespace {

// 41 regions, 13 years (0..12) of published y, from the model block with the given parameters.
std::vector<std::map<int, double>> simulate_panel(const lissim::models::DifferentialParameters& p, std::uint64_t seed) {
  const int regions = 41, years = 13;
  const lissim::sim::PhiloxStream stream(seed, "test/simulated_panel");
  const auto normals = [&](std::uint32_t year, std::uint32_t component) {
    DrawArray z(regions);
    for (int i = 0; i < regions; ++i) z[i] = stream.normal(static_cast<std::uint64_t>(i), year, component);
    return z;
  };
  auto state = lissim::models::start_differential(p, normals(0, 0), normals(0, 1));
  std::vector<std::map<int, double>> panel(regions);
  for (int t = 0; t < years; ++t) {
    if (t > 0) lissim::models::advance_differential(p, normals(static_cast<std::uint32_t>(t), 0),
                                                    normals(static_cast<std::uint32_t>(t), 1), state);
    const DrawArray y = lissim::models::published_value(state.value(), p.noise_sd, normals(static_cast<std::uint32_t>(t), 2));
    for (int i = 0; i < regions; ++i) panel[static_cast<std::size_t>(i)][t] = y[i];
  }
  return panel;
}

}  // namespace

TEST_CASE("calibration: 90% intervals cover the true sigma and noise on simulated panels", "[panel][calibration]") {
  lissim::sim::CalibrationSettings settings;  // the defaults lissim calibrate uses
  lissim::models::DifferentialParameters truth;
  truth.sigma = 0.015;  // about the panel's filled-jobs estimates
  truth.noise_sd = 0.008;
  truth.tau = settings.priors.tau.value;  // the prior is right here: only sigma and noise are tested
  const int replications = 200;
  int sigma_covered = 0, noise_covered = 0;
  double sigma_sum = 0;
  for (int r = 0; r < replications; ++r) {
    const auto panel = simulate_panel(truth, 1000 + static_cast<std::uint64_t>(r));
    const auto moments = lissim::sim::no_change_error_moments(panel, 12, settings.max_horizon);
    const auto e = lissim::sim::estimate_pool(moments, settings, "test/resample");
    sigma_covered += e.sigma.low <= truth.sigma && truth.sigma <= e.sigma.high;
    noise_covered += e.noise_sd.low <= truth.noise_sd && truth.noise_sd <= e.noise_sd.high;
    sigma_sum += e.sigma.value;
  }
  const double sigma_coverage = static_cast<double>(sigma_covered) / replications;
  const double noise_coverage = static_cast<double>(noise_covered) / replications;
  INFO("coverage of sigma " << sigma_coverage << ", of noise " << noise_coverage << ", mean sigma "
                            << sigma_sum / replications);
  CHECK(sigma_coverage >= 0.80);
  CHECK(sigma_coverage <= 0.97);
  CHECK(noise_coverage >= 0.80);
  CHECK(noise_coverage <= 0.97);
  CHECK(sigma_sum / replications == Approx(truth.sigma).epsilon(0.05));
}

TEST_CASE("calibration: the WLS fit recovers exact variances", "[panel][calibration]") {
  // m(h) = h sigma^2 + h^2 tau^2 + 2 noise^2 exactly: the fit returns the parameters.
  const double sigma2 = 2.25e-4, noise2 = 6.4e-5, tau2 = 4e-6;
  Eigen::ArrayXd h = Eigen::ArrayXd::LinSpaced(6, 1, 6);
  const Eigen::ArrayXd m = h * sigma2 + h * h * tau2 + 2 * noise2;
  const Eigen::ArrayXd pairs = Eigen::ArrayXd::Constant(6, 100);
  const auto fixed = lissim::sim::fit_error_variance(m, pairs, tau2);
  CHECK(fixed.sigma2 == Approx(sigma2).epsilon(1e-9));
  CHECK(fixed.noise2 == Approx(noise2).epsilon(1e-9));
  const auto free = lissim::sim::fit_error_variance(m, pairs, 0, true);
  CHECK(free.tau2 == Approx(tau2).epsilon(1e-6));
  // A negative intercept is clipped to zero noise and the slope refitted through the origin.
  const Eigen::ArrayXd steep = h * 3e-4 - 1e-4;
  const auto clipped = lissim::sim::fit_error_variance(steep, pairs, 0);
  CHECK(clipped.noise2 == 0);
  CHECK(clipped.sigma2 > 0);
}

TEST_CASE("calibration: no-change error moments by hand", "[panel][calibration]") {
  // One region, y = 0, 1, 3 in years 0..2: errors h=1: 1, 2; h=2: 3.
  const std::vector<std::map<int, double>> series{{{0, 0.0}, {1, 1.0}, {2, 3.0}}};
  const auto m = lissim::sim::no_change_error_moments(series, 2, 3);
  CHECK(m.count(0, 0) == 2);
  CHECK(m.sum_squares(0, 0) == 5);
  CHECK(m.count(0, 1) == 1);
  CHECK(m.sum_squares(0, 1) == 9);
  CHECK(m.count(0, 2) == 0);
  // Data after the last year never enter.
  const auto cut = lissim::sim::no_change_error_moments(series, 1, 3);
  CHECK(cut.count(0, 0) == 1);
  CHECK(cut.count(0, 1) == 0);
}

TEST_CASE("calibration: one aggregate from its own series (REML, profile likelihood)", "[panel][calibration][own]") {
  // England excluding London is calibrated from its own 13 years: the profile-likelihood
  // intervals on 200 series simulated by the model.
  lissim::models::DifferentialParameters truth;
  truth.sigma = 0.003;
  truth.noise_sd = 0.002;
  truth.kappa = 1;
  truth.past_growth = -0.001;
  const int replications = 200;
  int sigma_covered = 0, noise_covered = 0, drift_covered = 0;
  for (int r = 0; r < replications; ++r) {
    const auto one = simulate_panel(truth, 5000 + static_cast<std::uint64_t>(r));
    const auto f = lissim::sim::fit_single_series(one[0]);
    sigma_covered += f.sigma_low <= truth.sigma && truth.sigma <= f.sigma_high;
    noise_covered += f.noise_low <= truth.noise_sd && truth.noise_sd <= f.noise_high;
    drift_covered += std::abs(f.drift - truth.past_growth) <= 1.645 * f.drift_se;
  }
  const double sigma_coverage = static_cast<double>(sigma_covered) / replications;
  const double noise_coverage = static_cast<double>(noise_covered) / replications;
  const double drift_coverage = static_cast<double>(drift_covered) / replications;
  WARN("own series, 90% intervals: coverage of sigma " << sigma_coverage << ", of noise " << noise_coverage
                                                       << ", of the drift " << drift_coverage);
  CHECK(sigma_coverage >= 0.80);
  CHECK(sigma_coverage <= 0.97);
  CHECK(noise_coverage >= 0.80);
  CHECK(noise_coverage <= 0.97);
  // The drift's se is taken at the estimates, ignoring their uncertainty: about 77% (docs/model.md).
  CHECK(drift_coverage >= 0.70);
}
