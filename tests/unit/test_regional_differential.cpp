// The regional differential (MODEL.md 2.2, 2.9): simulated no-change errors have the mean and
// variance of the closed form the calibration fits.
#include <catch2/catch.hpp>

#include "models/regional_differential.h"
#include "sim/random/philox_stream.h"

using lissim::models::DifferentialParameters;
using lissim::models::DrawArray;

namespace {

DrawArray normals(const lissim::sim::PhiloxStream& stream, int draws, std::uint32_t year, std::uint32_t index) {
  DrawArray z(draws);
  for (int d = 0; d < draws; ++d) z[d] = stream.normal(static_cast<std::uint64_t>(d), year, index);
  return z;
}

}  // namespace

TEST_CASE("differential: r(t0) = 0 and the closed-form error variance", "[differential]") {
  DifferentialParameters p;
  p.sigma = 0.01;
  p.tau = 0.003;
  p.kappa = 0.5;
  p.past_growth = 0.004;
  p.transitory_rho = 0.6;
  p.transitory_sd = 0.005;
  p.noise_sd = 0.008;
  REQUIRE(std::string(lissim::models::differential_parameters_problem(p)).empty());

  const int draws = 200000, horizon = 6;
  const lissim::sim::PhiloxStream stream(11, "test/differential");
  auto state = lissim::models::start_differential(p, normals(stream, draws, 0, 0), normals(stream, draws, 0, 1));
  CHECK((state.value() == 0.0).all());
  const DrawArray truth0 = DrawArray::Zero(draws);
  const DrawArray published0 = lissim::models::published_value(truth0, p.noise_sd, normals(stream, draws, 0, 2));
  for (int h = 1; h <= horizon; ++h) {
    lissim::models::advance_differential(p, normals(stream, draws, h, 0), normals(stream, draws, h, 1), state);
    const DrawArray published = lissim::models::published_value(state.value(), p.noise_sd, normals(stream, draws, h, 2));
    const DrawArray error = published - published0;
    const double mean = error.mean();
    const double variance = (error - mean).square().sum() / (draws - 1);
    const double expected_variance = lissim::models::no_change_error_variance(p, h);
    // Sampling sd of a variance estimate: sqrt(2 / n) relative; 5 of those.
    CHECK(variance == Approx(expected_variance).epsilon(5 * std::sqrt(2.0 / draws)));
    CHECK(mean == Approx(lissim::models::no_change_error_mean(p, h)).margin(5 * std::sqrt(expected_variance / draws)));
  }
}

TEST_CASE("differential: the variance formula's terms", "[differential]") {
  DifferentialParameters p;
  p.sigma = 0.02;
  p.tau = 0.002;
  p.noise_sd = 0.01;
  // h sigma^2 + h^2 tau^2 + 2 sigma_m^2 at h = 3: 3 * 4e-4 + 9 * 4e-6 + 2e-4.
  CHECK(lissim::models::no_change_error_variance(p, 3) == Approx(1.2e-3 + 3.6e-5 + 2e-4));
  p.transitory_rho = 0.5;
  p.transitory_sd = 0.01;
  // + 2 s^2 / (1 - rho^2) (1 - rho^h) = 2e-4 / 0.75 * 0.875.
  CHECK(lissim::models::no_change_error_variance(p, 3) == Approx(1.2e-3 + 3.6e-5 + 2e-4 + 2e-4 / 0.75 * 0.875));
  p.transitory_rho = 1.0;
  CHECK_FALSE(std::string(lissim::models::differential_parameters_problem(p)).empty());
}
