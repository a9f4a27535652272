// Parameter distributions: moments, closed-form quantiles, truncation and validation.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/random/distribution.h"
#include "sim/random/normal.h"
#include "sim/random/philox_stream.h"

using lissim::sim::BetaShape;
using lissim::sim::Distribution;
using lissim::sim::DistributionKind;
using lissim::sim::normal_cdf;
using lissim::sim::normal_pdf;
using lissim::sim::PhiloxStream;

namespace {

constexpr std::size_t kN = 200000;
const double kPi = std::acos(-1.0);

struct Sample {
  std::vector<double> x;
  double mean = 0.0, variance = 0.0;
  double se_mean = 0.0, se_variance = 0.0;  // standard errors of the two estimates
};

// n values quantile(u), u from one draw of a named stream, with moments and standard errors.
// se(variance) uses the sample fourth central moment: Var(s^2) ~ (m4 - s^4) / n.
Sample sample(const Distribution& d, const std::string& name) {
  std::vector<double> u(kN);
  PhiloxStream(20240601, "test/" + name).uniforms(0, 0, u.data(), u.size());
  Sample s;
  s.x.resize(kN);
  double sum = 0.0;
  for (std::size_t i = 0; i < kN; ++i) {
    s.x[i] = d.quantile(u[i]);
    sum += s.x[i];
  }
  const double n = static_cast<double>(kN);
  s.mean = sum / n;
  double m2 = 0.0, m4 = 0.0;
  for (const double x : s.x) {
    const double dev2 = (x - s.mean) * (x - s.mean);
    m2 += dev2;
    m4 += dev2 * dev2;
  }
  m2 /= n;
  m4 /= n;
  s.variance = m2 * n / (n - 1.0);
  s.se_mean = std::sqrt(m2 / n);
  s.se_variance = std::sqrt((m4 - m2 * m2) / n);
  return s;
}

void check_moments(const Distribution& d, const std::string& name) {
  const Sample s = sample(d, name);
  INFO(d.describe() << ": sample mean " << s.mean << " vs " << d.mean() << ", sample variance "
                    << s.variance << " vs " << d.variance());
  CHECK(std::fabs(s.mean - d.mean()) < 5.0 * s.se_mean);
  CHECK(std::fabs(s.variance - d.variance()) < 5.0 * s.se_variance);
}

// quantile(cdf(x)) == x and cdf(quantile(u)) == u over the body of the distribution.
void check_round_trip(const Distribution& d, double tolerance) {
  for (double u = 0.001; u < 0.9995; u += 0.0137) {
    const double x = d.quantile(u);
    INFO(d.describe() << ", u = " << u << ", x = " << x);
    CHECK(d.cdf(x) == Approx(u).epsilon(tolerance));
    CHECK(d.quantile(d.cdf(x)) == Approx(x).epsilon(tolerance).margin(1e-300));
  }
}

}  // namespace

TEST_CASE("sample mean and variance match the analytic moments", "[distribution]") {
  check_moments(Distribution::normal(0.5, 0.3), "normal");
  check_moments(Distribution::lognormal(2.0, 0.5), "lognormal");
  check_moments(Distribution::uniform(-1.0, 3.0), "uniform");
  check_moments(Distribution::triangular(0.0, 1.0, 4.0), "triangular");
  check_moments(Distribution::triangular(0.0, 0.0, 1.0), "triangular_left");
  check_moments(Distribution::pert(0.0, 1.0, 4.0), "pert");
  check_moments(Distribution::pert(2.0, 2.0, 12.0), "pert_left");
  check_moments(Distribution::beta(0.3, 0.1), "beta");
  check_moments(Distribution::beta(0.5, std::sqrt(1.0 / 8.0)), "beta_arcsine");
  check_moments(Distribution::beta(0.05, 0.15), "beta_small_a");
  check_moments(Distribution::beta(0.97, 0.01), "beta_large_a");
}

TEST_CASE("the moment check can fail", "[distribution]") {
  // A sample from normal(0.5, 0.3) is not consistent with mean 0.52 or variance 0.095.
  const Sample s = sample(Distribution::normal(0.5, 0.3), "normal");
  CHECK_FALSE(std::fabs(s.mean - 0.52) < 5.0 * s.se_mean);
  CHECK_FALSE(std::fabs(s.variance - 0.095) < 5.0 * s.se_variance);
}

TEST_CASE("analytic moments in closed form", "[distribution]") {
  CHECK(Distribution::fixed(5.0).mean() == 5.0);
  CHECK(Distribution::fixed(5.0).variance() == 0.0);
  CHECK(Distribution::lognormal(2.0, 0.5).mean() == Approx(2.0 * std::exp(0.125)));
  CHECK(Distribution::lognormal(2.0, 0.5).variance() ==
        Approx(4.0 * std::exp(0.25) * (std::exp(0.25) - 1.0)));
  CHECK(Distribution::uniform(-1.0, 3.0).variance() == Approx(16.0 / 12.0));
  CHECK(Distribution::triangular(0.0, 1.0, 4.0).mean() == Approx(5.0 / 3.0));
  CHECK(Distribution::triangular(0.0, 1.0, 4.0).variance() == Approx(13.0 / 18.0));
  // PERT(0, 1, 4) is 4 * Beta(2, 4): mean 4/3, variance 16 * 8 / (36 * 7).
  CHECK(Distribution::pert(0.0, 1.0, 4.0).mean() == Approx(4.0 / 3.0));
  CHECK(Distribution::pert(0.0, 1.0, 4.0).variance() == Approx(128.0 / 252.0));
  CHECK(Distribution::beta(0.3, 0.1).mean() == 0.3);
  CHECK(Distribution::beta(0.3, 0.1).variance() == Approx(0.01));
}

TEST_CASE("quantile and cdf invert each other", "[distribution]") {
  check_round_trip(Distribution::normal(0.5, 0.3), 1e-13);
  check_round_trip(Distribution::lognormal(2.0, 0.5), 1e-13);
  check_round_trip(Distribution::uniform(-1.0, 3.0), 1e-13);
  check_round_trip(Distribution::triangular(0.0, 1.0, 4.0), 1e-13);
  check_round_trip(Distribution::triangular(0.0, 4.0, 4.0), 1e-13);
  check_round_trip(Distribution::pert(0.0, 1.0, 4.0), 1e-12);
  check_round_trip(Distribution::beta(0.3, 0.1), 1e-12);
  check_round_trip(Distribution::beta(0.05, 0.15), 1e-12);
  check_round_trip(Distribution::beta(0.5, 0.001), 1e-10);  // a = b ~ 125000
  check_round_trip(Distribution::normal(0.5, 0.3).with_bounds(0.0, std::nullopt), 1e-13);
  check_round_trip(Distribution::beta(0.3, 0.1).with_bounds(0.2, 0.6), 1e-12);
  check_round_trip(Distribution::normal(0.0, 1.0).with_bounds(3.0, 4.0), 1e-12);
}

TEST_CASE("triangular quantile at hand-computed points", "[distribution]") {
  // min 0, mode 1, max 4: F(mode) = 1/4; below the mode x = sqrt(4 u), above x = 4 - sqrt(12 (1 -
  // u)).
  const Distribution d = Distribution::triangular(0.0, 1.0, 4.0);
  CHECK(d.quantile(0.0) == 0.0);
  CHECK(d.quantile(0.125) == Approx(std::sqrt(0.5)).epsilon(1e-15));
  CHECK(d.quantile(0.25) == Approx(1.0).epsilon(1e-15));
  CHECK(d.quantile(0.5) == Approx(4.0 - std::sqrt(6.0)).epsilon(1e-15));
  CHECK(d.quantile(0.91) == Approx(4.0 - std::sqrt(1.08)).epsilon(1e-14));
  CHECK(d.quantile(1.0) == 4.0);
  CHECK(d.cdf(2.0) == Approx(2.0 / 3.0).epsilon(1e-15));
  CHECK(d.cdf(0.5) == Approx(0.0625).epsilon(1e-15));
  // Degenerate mode at an end: F(x) = 1 - (1 - x)^2 on [0, 1].
  const Distribution left = Distribution::triangular(0.0, 0.0, 1.0);
  CHECK(left.quantile(0.75) == Approx(0.5).epsilon(1e-15));
  CHECK(left.cdf(0.5) == Approx(0.75).epsilon(1e-15));
}

TEST_CASE("beta and PERT quantiles match closed forms", "[distribution]") {
  // Beta(2, 1): F(x) = x^2. As mean/sd: mean 2/3, variance 1/18.
  const Distribution b21 = Distribution::beta(2.0 / 3.0, std::sqrt(1.0 / 18.0));
  for (const double u : {1e-12, 0.01, 0.25, 0.5, 0.81, 0.999}) {
    INFO("u = " << u);
    CHECK(b21.quantile(u) == Approx(std::sqrt(u)).epsilon(1e-12));
    CHECK(b21.cdf(std::sqrt(u)) == Approx(u).epsilon(1e-12));
  }
  // Beta(1, 2): F(x) = 1 - (1 - x)^2, so x = 1 - sqrt(1 - u) (written without cancellation).
  const Distribution b12 = Distribution::beta(1.0 / 3.0, std::sqrt(1.0 / 18.0));
  for (const double u : {1e-9, 0.19, 0.75, 0.99}) {
    INFO("u = " << u);
    CHECK(b12.quantile(u) == Approx(-std::expm1(0.5 * std::log1p(-u))).epsilon(1e-12));
  }
  // Beta(1/2, 1/2), the arcsine law: x = sin^2(pi u / 2); a < 1, so the density is unbounded.
  const Distribution arcsine = Distribution::beta(0.5, std::sqrt(1.0 / 8.0));
  for (const double u : {1e-10, 0.1, 0.5, 0.7, 1.0 - 1e-6}) {
    const double s = std::sin(kPi * u / 2.0);
    INFO("u = " << u);
    CHECK(arcsine.quantile(u) == Approx(s * s).epsilon(1e-12));
  }
  // Beta(a = 1/18, b = 19/18) (mean 0.05, sd 0.15), reference values from mpmath.
  const Distribution small_a = Distribution::beta(0.05, 0.15);
  CHECK(small_a.quantile(1e-10) == Approx(9.189160825646011e-181).epsilon(1e-11));
  CHECK(small_a.quantile(0.5) == Approx(3.505387314221266e-06).epsilon(1e-12));
  CHECK(small_a.quantile(0.9) == Approx(0.13897363170722535).epsilon(1e-12));

  // PERT(2, 2, 12) = 2 + 10 Beta(1, 5): x = 2 + 10 (1 - (1 - u)^(1/5)).
  const Distribution pert_left = Distribution::pert(2.0, 2.0, 12.0);
  for (const double u : {1e-8, 0.3, 0.5, 0.99}) {
    INFO("u = " << u);
    CHECK(pert_left.quantile(u) ==
          Approx(2.0 + 10.0 * (1.0 - std::pow(1.0 - u, 0.2))).epsilon(1e-12));
  }
  // PERT(0, 0.5, 1) = Beta(3, 3): F(x) = 10 x^3 - 15 x^4 + 6 x^5, F(0.2) = 0.05792.
  const Distribution pert_mid = Distribution::pert(0.0, 0.5, 1.0);
  CHECK(pert_mid.cdf(0.2) == Approx(0.05792).epsilon(1e-13));
  CHECK(pert_mid.quantile(0.05792) == Approx(0.2).epsilon(1e-12));
  CHECK(pert_mid.quantile(1.0 - 0.05792) == Approx(0.8).epsilon(1e-12));
  CHECK(pert_mid.quantile(0.5) == Approx(0.5).epsilon(1e-14));
}

TEST_CASE("the regularized incomplete beta matches closed forms", "[distribution]") {
  // I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b.
  const BetaShape a_only(0.3, 1.0);
  CHECK(a_only.cdf(1e-10, 1.0 - 1e-10) == Approx(std::pow(1e-10, 0.3)).epsilon(1e-13));
  CHECK(a_only.cdf(0.7, 0.3) == Approx(std::pow(0.7, 0.3)).epsilon(1e-13));
  const BetaShape b_only(1.0, 7.0);
  CHECK(b_only.cdf(0.1, 0.9) == Approx(1.0 - std::pow(0.9, 7.0)).epsilon(1e-13));
  // The survival function keeps precision where 1 - cdf would not: S(x) = (1 - x)^7.
  CHECK(b_only.sf(0.99, 0.01) == Approx(1e-14).epsilon(1e-12));
  CHECK(b_only.isf(1e-14) == Approx(0.99).epsilon(1e-13));
  CHECK(b_only.quantile(0.0) == 0.0);
  CHECK(b_only.quantile(1.0) == 1.0);
}

TEST_CASE("truncation keeps samples within the bounds", "[distribution]") {
  SECTION("normal on [0, inf) has the truncated-normal mean") {
    const Distribution d = Distribution::normal(0.5, 0.3).with_bounds(0.0, std::nullopt);
    const Sample s = sample(d, "truncated_normal");
    for (const double x : s.x) REQUIRE(x >= 0.0);
    // E[X | X > 0] = mu + sigma phi(alpha) / (1 - Phi(alpha)), alpha = -mu / sigma.
    const double alpha = -0.5 / 0.3;
    const double expected = 0.5 + 0.3 * normal_pdf(alpha) / (1.0 - normal_cdf(alpha));
    CHECK(expected == Approx(0.5313409360103174).epsilon(1e-14));
    CHECK(std::fabs(s.mean - expected) < 5.0 * s.se_mean);
    CHECK(d.mean() == 0.5);  // mean() is of the untruncated distribution
    CHECK(d.quantile(0.0) == 0.0);
    CHECK(d.cdf(-0.1) == 0.0);
  }
  SECTION("both bounds, and bounds wider than the support") {
    const std::vector<Distribution> cases = {
        Distribution::normal(0.5, 0.3).with_bounds(0.2, 0.6),
        Distribution::lognormal(2.0, 0.5).with_bounds(std::nullopt, 2.5),
        Distribution::beta(0.3, 0.1).with_bounds(0.25, 0.9),
        Distribution::pert(0.0, 1.0, 4.0).with_bounds(0.5, 10.0),
        Distribution::triangular(0.0, 1.0, 4.0).with_bounds(-5.0, 2.0),
        Distribution::uniform(-1.0, 3.0).with_bounds(0.0, 1.0),
    };
    for (const Distribution& d : cases) {
      const double lo = std::max(d.lower_bound().value_or(-1e300), d.quantile(0.0));
      const double hi = std::min(d.upper_bound().value_or(1e300), d.quantile(1.0));
      const Sample s = sample(d, d.describe());
      INFO(d.describe());
      for (const double x : s.x) {
        REQUIRE(x >= lo);
        REQUIRE(x <= hi);
        if (d.lower_bound()) REQUIRE(x >= *d.lower_bound());
        if (d.upper_bound()) REQUIRE(x <= *d.upper_bound());
      }
    }
    // Uniform truncated to [0, 1] is uniform on [0, 1].
    const Distribution u = Distribution::uniform(-1.0, 3.0).with_bounds(0.0, 1.0);
    CHECK(u.quantile(0.0) == 0.0);
    CHECK(u.quantile(0.3) == Approx(0.3).epsilon(1e-15));
    CHECK(u.quantile(1.0) == 1.0);
    CHECK(u.cdf(0.3) == Approx(0.3).epsilon(1e-15));
  }
  SECTION("far in the upper tail the survival side keeps precision") {
    // P(X > mu + 9 sd) ~ 1e-19: F(lo) rounds to 1, so F-based truncation would fail here.
    const Distribution d = Distribution::normal(0.5, 0.3).with_bounds(0.5 + 9 * 0.3, std::nullopt);
    const Sample s = sample(d, "tail_normal");
    for (const double x : s.x) REQUIRE(x >= 3.2);
    const double expected = 0.5 + 0.3 * normal_pdf(9.0) / normal_cdf(-9.0);
    CHECK(expected == Approx(3.2325569315008607).epsilon(1e-13));
    CHECK(std::fabs(s.mean - expected) < 5.0 * s.se_mean);
    CHECK(d.quantile(0.5) > 3.2);
    CHECK(d.cdf(d.quantile(0.5)) == Approx(0.5).epsilon(1e-12));
  }
  SECTION("bounds replace earlier bounds") {
    const Distribution d =
        Distribution::normal(0.0, 1.0).with_bounds(1.0, 2.0).with_bounds(-1.0, std::nullopt);
    CHECK(d.quantile(0.0) == -1.0);
    CHECK(d.describe() == "normal(mean=0, sd=1) in [-1, inf)");
    CHECK(d.with_bounds(std::nullopt, std::nullopt).describe() == "normal(mean=0, sd=1)");
    CHECK(d.with_bounds(std::nullopt, std::nullopt).quantile(0.5) == 0.0);
  }
}

TEST_CASE("fixed values", "[distribution]") {
  const Distribution d = Distribution::fixed(5.0);
  CHECK(d.is_fixed());
  CHECK(d.kind() == DistributionKind::Fixed);
  CHECK(d.quantile(0.0) == 5.0);
  CHECK(d.quantile(0.7) == 5.0);
  CHECK(d.cdf(4.9) == 0.0);
  CHECK(d.cdf(5.0) == 1.0);
  CHECK(d.describe() == "fixed(5)");
  CHECK(d.with_bounds(0.0, 10.0).quantile(0.3) == 5.0);
  CHECK_FALSE(Distribution::normal(5.0, 1.0).is_fixed());
}

TEST_CASE("describe names the distribution, its parameters and bounds", "[distribution]") {
  CHECK(Distribution::normal(0.5, 0.3).with_bounds(0.0, std::nullopt).describe() ==
        "normal(mean=0.5, sd=0.3) in [0, inf)");
  CHECK(Distribution::lognormal(2.0, 0.25).describe() == "lognormal(median=2, sd_log=0.25)");
  CHECK(Distribution::uniform(-1.0, 3.0).describe() == "uniform(min=-1, max=3)");
  CHECK(Distribution::triangular(0.0, 1.0, 4.0).describe() == "triangular(min=0, mode=1, max=4)");
  CHECK(Distribution::pert(0.0, 1.0, 4.0).with_bounds(std::nullopt, 3.0).describe() ==
        "pert(min=0, mode=1, max=4) in (-inf, 3]");
  CHECK(Distribution::beta(0.3, 0.1).with_bounds(0.1, 0.9).describe() ==
        "beta(mean=0.3, sd=0.1) in [0.1, 0.9]");
}

TEST_CASE("invalid arguments throw with the field, value and constraint", "[distribution]") {
  using Catch::Contains;
  const auto none = std::nullopt;
  CHECK_THROWS_WITH(Distribution::normal(0.0, -1.0), "sd is -1, but must be > 0");
  CHECK_THROWS_WITH(Distribution::normal(0.0, 0.0), "sd is 0, but must be > 0");
  CHECK_THROWS_WITH(Distribution::normal(std::nan(""), 1.0), "mean is nan, but must be finite");
  CHECK_THROWS_WITH(Distribution::fixed(std::numeric_limits<double>::infinity()),
                    "value is inf, but must be finite");
  CHECK_THROWS_WITH(Distribution::lognormal(0.0, 1.0), "median is 0, but must be > 0");
  CHECK_THROWS_WITH(Distribution::lognormal(1.0, -0.5), "sd_log is -0.5, but must be > 0");
  CHECK_THROWS_WITH(Distribution::uniform(2.0, 1.0), "max is 1, but must be > min = 2");
  CHECK_THROWS_WITH(Distribution::uniform(2.0, 2.0), "max is 2, but must be > min = 2");
  CHECK_THROWS_WITH(Distribution::triangular(0.0, 5.0, 4.0),
                    "mode is 5, but must be in [min, max] = [0, 4]");
  CHECK_THROWS_WITH(Distribution::pert(1.0, 1.0, 1.0), "max is 1, but must be > min = 1");
  CHECK_THROWS_WITH(Distribution::pert(0.0, -1.0, 1.0),
                    "mode is -1, but must be in [min, max] = [0, 1]");
  CHECK_THROWS_WITH(Distribution::beta(1.2, 0.1), "mean is 1.2, but must be in (0, 1)");
  CHECK_THROWS_WITH(Distribution::beta(0.0, 0.1), "mean is 0, but must be in (0, 1)");
  CHECK_THROWS_WITH(Distribution::beta(0.5, 0.0), "sd is 0, but must be > 0");
  CHECK_THROWS_WITH(Distribution::beta(0.5, 0.6),
                    "sd is 0.6, but must be < sqrt(mean * (1 - mean)) = 0.5");
  CHECK_THROWS_WITH(Distribution::beta(0.5, 1e-6),
                    Contains("sd is 1e-06, but must be >= sqrt(mean * (1 - mean) / 1e10) = 5e-06"));
  CHECK_NOTHROW(Distribution::beta(0.5, 1e-5));  // a + b = 2.5e9
  CHECK_THROWS_WITH(Distribution::normal(0.0, 1.0).with_bounds(3.0, 1.0),
                    "lower is 3, but must be < upper = 1");
  CHECK_THROWS_WITH(Distribution::normal(0.0, 1.0).with_bounds(std::nan(""), none),
                    "lower is nan, but must be a number");
  CHECK_THROWS_WITH(
      Distribution::uniform(0.0, 1.0).with_bounds(2.0, 3.0),
      "bounds are [2, 3], but must have positive probability under uniform(min=0, max=1)");
  CHECK_THROWS_WITH(Distribution::lognormal(1.0, 0.5).with_bounds(none, -1.0),
                    Contains("must have positive probability"));
  CHECK_THROWS_WITH(Distribution::normal(0.0, 1.0).with_bounds(40.0, none),  // P ~ 1e-350
                    Contains("must have positive probability"));
  CHECK_THROWS_WITH(Distribution::fixed(5.0).with_bounds(6.0, none),
                    "bounds are [6, inf), but must contain fixed(5)");
  CHECK_THROWS_WITH(Distribution::normal(0.0, 1.0).quantile(1.5),
                    "u is 1.5, but must be in [0, 1]");
  CHECK_THROWS_AS(Distribution::normal(0.0, 1.0).quantile(-1e-300), std::invalid_argument);
}

TEST_CASE("sampling is a pure function of the uniform", "[distribution]") {
  const Distribution d = Distribution::pert(0.0, 1.0, 4.0).with_bounds(0.5, 3.0);
  const Distribution copy = d;
  const PhiloxStream stream(99, "param/x");
  for (std::uint64_t draw = 0; draw < 1000; ++draw) {
    const double u = stream.uniform(draw, 0, 0);
    REQUIRE(d.quantile(u) == copy.quantile(u));
    REQUIRE(d.quantile(u) == d.quantile(stream.uniform(draw, 0, 0)));
  }
}
