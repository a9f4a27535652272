// Sensitivity analysis against known answers: the Sobol sequence's first points and Boost's
// own engine; the Saltelli design's structure and power-of-two rule; Sobol indices of the
// Ishigami and g-functions against their closed forms (docs/sensitivity.md) within the
// bootstrap intervals; Morris effects of linear and interaction terms; SRC and PRCC on
// synthetic models with known coefficients; and `lissim sensitivity` end to end.
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "run_lissim.h"
#include "sim/errors.h"
#include "sim/io/results_reader.h"
#include "sim/random/philox_stream.h"
#include "sim/sensitivity/morris.h"
#include "sim/sensitivity/regression.h"
#include "sim/sensitivity/saltelli.h"
#include "sim/sensitivity/sobol_indices.h"
#include "sim/sensitivity/sobol_sequence.h"
#include "sim/sensitivity/test_functions.h"

using namespace lissim::sim;
namespace fs = std::filesystem;

namespace {

// The message of the InputError that f throws ("" if none).
template <typename F>
std::string input_error(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

void require_covers(const IndexEstimate& e, double analytic, const std::string& what) {
  INFO(what << ": estimate " << e.value << " [" << e.low << ", " << e.high << "], analytic " << analytic);
  CHECK(e.low <= analytic);
  CHECK(analytic <= e.high);
  CHECK(e.value == Approx(analytic).margin(0.03));
  CHECK_FALSE(e.negative_beyond_interval);
}

}  // namespace

TEST_CASE("Sobol sequence: the first 2-D points are the known ones, the zero point skipped", "[sensitivity]") {
  const SobolSequence sequence(2);
  const std::vector<std::vector<double>> expected = {{0.5, 0.5},     {0.75, 0.25},   {0.25, 0.75},
                                                     {0.375, 0.375}, {0.875, 0.875}, {0.625, 0.125},
                                                     {0.125, 0.625}, {0.1875, 0.3125}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("point " << i);
    CHECK(sequence.point(i) == expected[i]);
  }
}

TEST_CASE("Sobol sequence: random access equals Boost's engine in 600 dimensions", "[sensitivity]") {
  constexpr std::size_t dimension = 600;
  const SobolSequence sequence(dimension);
  boost::random::sobol engine(dimension);  // starts at the second point, as we do
  std::vector<double> point(dimension);
  std::size_t mismatches = 0;
  for (std::uint64_t i = 0; i < 1024; ++i) {
    sequence.point(i, point);
    for (std::size_t j = 0; j < dimension; ++j) {
      const double boost_value = static_cast<double>(engine() >> 11) * 0x1p-53;
      if (boost_value != point[j] || !(point[j] >= 0.0 && point[j] < 1.0)) ++mismatches;
    }
  }
  CHECK(mismatches == 0);
  // Far into the sequence, where Boost's seed(n) positions the engine on point n.
  engine.seed(1'000'000);
  sequence.point(1'000'000, point);
  for (std::size_t j = 0; j < dimension; ++j) CHECK(point[j] == static_cast<double>(engine() >> 11) * 0x1p-53);
  // Each of the first 2^m points puts exactly one point in each of the 2^m equal intervals
  // of every coordinate, with the zero point skipped replaced by the 2^m-th point (u = 0).
  std::vector<int> counts(256, 0);
  for (std::uint64_t i = 0; i < 255; ++i) ++counts[static_cast<std::size_t>(sequence.point(i)[599] * 256)];
  CHECK(std::count(counts.begin(), counts.end(), 1) == 255);
  CHECK(counts[0] == 0);
}

TEST_CASE("Sobol sequence: dimensions outside Boost's tables are refused", "[sensitivity]") {
  CHECK(SobolSequence::max_dimension() >= 1000);
  CHECK_THROWS_AS(SobolSequence(0), std::invalid_argument);
  CHECK_THROWS_AS(SobolSequence(SobolSequence::max_dimension() + 1), std::invalid_argument);
  CHECK_NOTHROW(SobolSequence(SobolSequence::max_dimension()));
}

TEST_CASE("Saltelli design: base samples must be a power of two", "[sensitivity]") {
  const std::string message = input_error([] { check_base_samples(1000); });
  CHECK(message.find("base samples is 1000, but must be a power of two") != std::string::npos);
  CHECK(message.find("512 (2^9) or 1024 (2^10)") != std::string::npos);
  CHECK(input_error([] { check_base_samples(3); }).find("2 (2^1) or 4 (2^2)") != std::string::npos);
  CHECK(input_error([] { check_base_samples(1); }).find("power of two") != std::string::npos);
  CHECK(input_error([] { check_base_samples(0); }).find("power of two") != std::string::npos);
  CHECK(input_error([] { check_base_samples(1024); }).empty());
  CHECK(input_error([] { SaltelliDesign(3, one_group_per_column({"a", "b", "c"}), 100); }).find("64 (2^6) or 128") !=
        std::string::npos);
}

TEST_CASE("Saltelli design: rows of A, B and AB_g, and the group rules", "[sensitivity]") {
  // Columns 0 and 2 move together as one group; column 1 alone.
  const SaltelliDesign design(3, {{"pair", {0, 2}}, {"single", {1}}}, 16);
  CHECK(design.evaluations() == 16 * 4);
  const SobolSequence sequence(6);
  std::vector<double> a(3), b(3), ab(3);
  for (std::uint64_t r = 0; r < 16; ++r) {
    const std::vector<double> point = sequence.point(r);
    design.row_a(r, a);
    design.row_b(r, b);
    CHECK(a == std::vector<double>{point[0], point[1], point[2]});
    CHECK(b == std::vector<double>{point[3], point[4], point[5]});
    design.row_ab(0, r, ab);
    CHECK(ab == std::vector<double>{b[0], a[1], b[2]});
    design.row_ab(1, r, ab);
    CHECK(ab == std::vector<double>{a[0], b[1], a[2]});
  }
  // Block order: A, B, AB_0, AB_1; locate and evaluation_index are inverses.
  for (std::uint64_t e = 0; e < design.evaluations(); ++e) CHECK(design.evaluation_index(design.locate(e)) == e);
  CHECK(design.locate(16).matrix == SaltelliMatrix::B);
  CHECK(design.locate(3 * 16 + 5).group == 1);
  CHECK(design.locate(3 * 16 + 5).row == 5);

  CHECK(input_error([] { SaltelliDesign(3, {{"x", {0, 1}}, {"y", {1, 2}}}, 16); }).find("in both group 'x' and group 'y'") !=
        std::string::npos);
  CHECK(input_error([] { SaltelliDesign(3, {{"x", {0, 1}}}, 16); }).find("column 2 is in no group") !=
        std::string::npos);
  CHECK(input_error([] { SaltelliDesign(2000, one_group_per_column(std::vector<std::string>(2000, "p")), 16); })
            .find("dimension 4000") != std::string::npos);
}

TEST_CASE("Sobol indices of the Ishigami function match the closed form", "[sensitivity]") {
  const Ishigami ishigami;
  const AnalyticIndices analytic = ishigami.indices();
  CHECK(analytic.first_order[0] == Approx(0.3139052).epsilon(1e-6));
  CHECK(analytic.first_order[1] == Approx(0.4424111).epsilon(1e-6));
  CHECK(analytic.total[0] == Approx(0.5575889).epsilon(1e-6));
  CHECK(analytic.total[2] == Approx(0.2436837).epsilon(1e-6));

  const SaltelliDesign design(3, one_group_per_column({"x1", "x2", "x3"}), 1 << 13);
  const std::vector<double> outputs = evaluate_design(design, ishigami);
  const SobolIndices indices = estimate_sobol_indices(design, outputs);
  REQUIRE(indices.factors.size() == 3);
  CHECK(indices.rows_used == 8192);
  CHECK(indices.resamples == 1000);
  CHECK(indices.variance == Approx(analytic.variance).epsilon(0.02));
  CHECK(indices.warnings.empty());
  for (std::size_t i = 0; i < 3; ++i) {
    require_covers(indices.factors[i].first_order, analytic.first_order[i], "S1 of x" + std::to_string(i + 1));
    require_covers(indices.factors[i].total, analytic.total[i], "ST of x" + std::to_string(i + 1));
  }

  // The same design evaluated again, and bootstrapped with the same seed, gives the same numbers.
  const SobolIndices again = estimate_sobol_indices(design, evaluate_design(design, ishigami));
  CHECK(again.factors[0].first_order.low == indices.factors[0].first_order.low);
  CHECK(again.factors[2].total.high == indices.factors[2].total.high);
}

TEST_CASE("Sobol indices of a group: x1 and x3 of Ishigami moving together", "[sensitivity]") {
  // A group's first-order index is its closed index: V1 + V3 + V13 = V1 + V13, so S1 = ST1 of x1.
  const Ishigami ishigami;
  const AnalyticIndices analytic = ishigami.indices();
  const SaltelliDesign design(3, {{"x1 and x3", {0, 2}}, {"x2", {1}}}, 1 << 13);
  const SobolIndices indices = estimate_sobol_indices(design, evaluate_design(design, ishigami));
  require_covers(indices.factors[0].first_order, analytic.total[0], "S1 of {x1, x3}");
  require_covers(indices.factors[0].total, analytic.total[0], "ST of {x1, x3}");
  require_covers(indices.factors[1].first_order, analytic.first_order[1], "S1 of x2");
  require_covers(indices.factors[1].total, analytic.total[1], "ST of x2");
}

TEST_CASE("Sobol indices of the g-function match the closed form", "[sensitivity]") {
  const GFunction g{{0.0, 1.0, 4.5, 9.0, 99.0, 99.0}};
  const AnalyticIndices analytic = g.indices();
  // V_i = 1 / (3 (1 + a_i)^2): 1/3, 1/12, 1/90.75, 1/300, 1/30000, 1/30000.
  CHECK(analytic.variance == Approx((1 + 1.0 / 3) * (1 + 1.0 / 12) * (1 + 1 / 90.75) * (1 + 1.0 / 300) *
                                        (1 + 1.0 / 30000) * (1 + 1.0 / 30000) -
                                    1));
  CHECK(analytic.first_order[0] == Approx((1.0 / 3) / analytic.variance));
  CHECK(analytic.first_order[0] == Approx(0.71634).epsilon(1e-4));

  const std::vector<std::string> names = {"u1", "u2", "u3", "u4", "u5", "u6"};
  const SaltelliDesign design(6, one_group_per_column(names), 1 << 13);
  const SobolIndices indices = estimate_sobol_indices(design, evaluate_design(design, g));
  for (std::size_t i = 0; i < 6; ++i) {
    require_covers(indices.factors[i].first_order, analytic.first_order[i], "S1 of " + names[i]);
    require_covers(indices.factors[i].total, analytic.total[i], "ST of " + names[i]);
  }
}

TEST_CASE("Sobol indices: non-finite rows are dropped and counted; a constant output is refused", "[sensitivity]") {
  const SaltelliDesign design(3, one_group_per_column({"x1", "x2", "x3"}), 256);
  std::vector<double> outputs = evaluate_design(design, Ishigami{});
  outputs[5] = std::nan("");                    // row 5 of A
  outputs[2 * 256 + 7] = INFINITY;              // row 7 of AB_0
  const SobolIndices indices = estimate_sobol_indices(design, outputs, {200, 0.9, 7});
  CHECK(indices.rows_used == 254);
  CHECK(indices.rows_dropped == 2);
  REQUIRE_FALSE(indices.warnings.empty());
  CHECK(indices.warnings[0].find("2 of 256 rows") != std::string::npos);

  const std::vector<double> constant(design.evaluations(), 4.0);
  CHECK(input_error([&] { estimate_sobol_indices(design, constant); }).find("variance 0") != std::string::npos);
  CHECK(input_error([&] { estimate_sobol_indices(design, std::vector<double>(10, 1.0)); }).find("10 outputs") !=
        std::string::npos);
}

TEST_CASE("Sobol indices: an estimate negative beyond its interval is flagged", "[sensitivity]") {
  // f(AB_0) built to anti-correlate with f(B): S1 of the first group is clearly negative.
  SaltelliOutputs f;
  for (int r = 0; r < 64; ++r) {
    const double x = std::sin(r * 1.7);
    f.a.push_back(0.0);
    f.b.push_back(x);
    f.ab.push_back({});
  }
  f.ab.resize(1);
  for (int r = 0; r < 64; ++r) f.ab[0].push_back(-f.b[static_cast<std::size_t>(r)]);
  const SobolIndices indices = estimate_sobol_indices(f, {"odd"});
  CHECK(indices.factors[0].first_order.value < 0.0);
  CHECK(indices.factors[0].first_order.negative_beyond_interval);
  REQUIRE(indices.warnings.size() == 1);
  CHECK(indices.warnings[0].find("negative beyond its 95% interval") != std::string::npos);
}

TEST_CASE("Morris: a linear function has mu* = |coefficient| and sigma = 0", "[sensitivity]") {
  const MorrisDesign design(4, {10, 4, 42});
  CHECK(design.delta() == Approx(4.0 / 6.0));
  CHECK(design.evaluations() == 10 * 5);
  // Each step moves one factor by +-Delta and stays on the grid {0, 1/3, 2/3, 1}.
  std::vector<double> before(4), after(4);
  for (std::size_t t = 0; t < 10; ++t)
    for (std::size_t step = 1; step <= 4; ++step) {
      design.point(t, step - 1, before);
      design.point(t, step, after);
      const std::size_t moved = design.factor_moved(t, step);
      for (std::size_t i = 0; i < 4; ++i) {
        CHECK(after[i] * 3 == Approx(std::round(after[i] * 3)).margin(1e-12));
        CHECK((after[i] >= 0.0 && after[i] <= 1.0 + 1e-15));
        if (i == moved)
          CHECK(after[i] - before[i] == Approx(design.move(t, step)));
        else
          CHECK(after[i] == before[i]);
      }
    }
  const auto linear = [](std::span<const double> x) { return 3.0 * x[0] - 2.0 * x[1] + 0.5 * x[2]; };
  const auto effects = morris_effects(design, evaluate_design(design, linear), {"a", "b", "c", "d"});
  const double coefficient[] = {3.0, -2.0, 0.5, 0.0};
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("factor " << i);
    CHECK(effects[i].effects == 10);
    CHECK(effects[i].mu == Approx(coefficient[i]).margin(1e-12));
    CHECK(effects[i].mu_star == Approx(std::fabs(coefficient[i])).margin(1e-12));
    CHECK(effects[i].sigma == Approx(0.0).margin(1e-12));
  }
}

TEST_CASE("Morris: an interaction term has sigma > 0; designs are deterministic", "[sensitivity]") {
  const MorrisDesign design(3, {20, 4, 7});
  // f = x1 x2: EE_1 = x2 and EE_2 = x1, which vary over the grid; x3 does nothing.
  const auto interaction = [](std::span<const double> x) { return x[0] * x[1]; };
  const auto effects = morris_effects(design, evaluate_design(design, interaction), {"x1", "x2", "x3"});
  CHECK(effects[0].sigma > 0.1);
  CHECK(effects[1].sigma > 0.1);
  CHECK(effects[0].mu_star > 0.1);
  CHECK(effects[2].mu_star == 0.0);
  CHECK(effects[2].sigma == 0.0);

  const MorrisDesign same(3, {20, 4, 7}), other(3, {20, 4, 8});
  std::vector<double> p(3), q(3), o(3);
  bool differs = false;
  for (std::uint64_t e = 0; e < design.evaluations(); ++e) {
    design.point(e, p);
    same.point(e, q);
    other.point(e, o);
    CHECK(p == q);
    differs = differs || p != o;
  }
  CHECK(differs);
  CHECK(input_error([] { MorrisDesign(3, {20, 5, 1}); }).find("levels is 5, but must be even") != std::string::npos);
  CHECK(input_error([] { MorrisDesign(3, {1, 4, 1}); }).find("trajectories is 1") != std::string::npos);
}

namespace {

// N draws of K independent uniforms on [0, 1), from a Philox stream.
Eigen::MatrixXd uniform_samples(Eigen::Index n, Eigen::Index k, std::uint64_t seed) {
  const PhiloxStream stream(seed, "test.sensitivity");
  Eigen::MatrixXd x(n, k);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < k; ++j)
      x(i, j) = stream.uniform(static_cast<std::uint64_t>(i), 0, static_cast<std::uint32_t>(j));
  return x;
}

double sample_sd(const Eigen::VectorXd& v) {
  return std::sqrt((v.array() - v.mean()).square().sum() / static_cast<double>(v.size() - 1));
}

}  // namespace

TEST_CASE("PRCC of a monotone model: the driver near 1, the irrelevant parameter's CI covers 0", "[sensitivity]") {
  const Eigen::MatrixXd x = uniform_samples(2000, 3, 1);
  const Eigen::VectorXd y = x.col(0).array().exp() + 0.1 * x.col(1).array();
  const RegressionSensitivity s = regression_sensitivity(x, y, {"x1", "x2", "x3"});
  INFO("PRCC " << s.prcc[0].value << " " << s.prcc[1].value << " " << s.prcc[2].value);
  CHECK(s.prcc[0].value > 0.95);
  CHECK(s.prcc[1].value > 0.3);
  CHECK(s.prcc[2].low < 0.0);
  CHECK(s.prcc[2].high > 0.0);
  CHECK(s.prcc[2].p_value > 0.05);
  CHECK(s.r2_rank > 0.95);
  // The tornado order puts x1 first and x3 last.
  CHECK(std::fabs(s.prcc[0].value) > std::fabs(s.prcc[1].value));
  CHECK(std::fabs(s.prcc[1].value) > std::fabs(s.prcc[2].value));
}

TEST_CASE("PRCC equals the correlation of the two rank residuals", "[sensitivity]") {
  const Eigen::MatrixXd x = uniform_samples(300, 3, 2);
  const Eigen::VectorXd y = (x.col(0).array() * 3).sin() + x.col(1).array().square() + 0.3 * x.col(2).array();
  const RegressionSensitivity s = regression_sensitivity(x, y, {"a", "b", "c"});
  // Residuals of the ranks of x_j and of y on the other ranks (with intercept), correlated.
  Eigen::MatrixXd ranks(300, 3);
  for (Eigen::Index j = 0; j < 3; ++j) ranks.col(j) = average_ranks(x.col(j));
  const Eigen::VectorXd y_ranks = average_ranks(y);
  for (Eigen::Index j = 0; j < 3; ++j) {
    Eigen::MatrixXd others(300, 3);
    others.col(0).setOnes();
    Eigen::Index c = 1;
    for (Eigen::Index o = 0; o < 3; ++o)
      if (o != j) others.col(c++) = ranks.col(o);
    const auto qr = others.householderQr();
    const Eigen::VectorXd rx = ranks.col(j) - others * qr.solve(ranks.col(j));
    const Eigen::VectorXd ry = y_ranks - others * qr.solve(y_ranks);
    const double correlation = rx.dot(ry) / (rx.norm() * ry.norm());
    CHECK(s.prcc[static_cast<std::size_t>(j)].value == Approx(correlation).epsilon(1e-10));
  }
}

TEST_CASE("SRC of a linear model equals the standardised coefficients", "[sensitivity]") {
  const Eigen::MatrixXd x = uniform_samples(4000, 3, 3);
  const double b[] = {2.0, -1.0, 0.5};
  const Eigen::VectorXd y = b[0] * x.col(0) + b[1] * x.col(1) + b[2] * x.col(2);
  const RegressionSensitivity exact = regression_sensitivity(x, y, {"x1", "x2", "x3"});
  CHECK(exact.r2_linear == Approx(1.0).margin(1e-12));
  // Population values: sd(x_j) = 1/sqrt(12) for all j, so beta_j = b_j / |b|.
  const double norm = std::sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
  for (Eigen::Index j = 0; j < 3; ++j) {
    const auto i = static_cast<std::size_t>(j);
    // In the sample, exactly b_j sd(x_j) / sd(y).
    CHECK(exact.src[i].value == Approx(b[i] * sample_sd(x.col(j)) / sample_sd(y)).epsilon(1e-10));
    CHECK(exact.src[i].value == Approx(b[i] / norm).margin(0.02));
  }

  // With noise e ~ N(0, 0.3^2): beta_j = b_j sd_j / sqrt(sum b^2 sd^2 + 0.09), inside the CI.
  const PhiloxStream noise(4, "test.sensitivity.noise");
  Eigen::VectorXd noisy = y;
  for (Eigen::Index i = 0; i < noisy.size(); ++i) noisy(i) += 0.3 * noise.normal(static_cast<std::uint64_t>(i), 0, 0);
  const RegressionSensitivity s = regression_sensitivity(x, noisy, {"x1", "x2", "x3"});
  const double sd_y = std::sqrt(norm * norm / 12.0 + 0.09);
  for (std::size_t i = 0; i < 3; ++i) {
    const double analytic = b[i] / std::sqrt(12.0) / sd_y;
    INFO("SRC " << i << ": " << s.src[i].value << " [" << s.src[i].low << ", " << s.src[i].high << "], analytic "
                << analytic);
    CHECK(s.src[i].low <= analytic);
    CHECK(analytic <= s.src[i].high);
  }
  CHECK(s.r2_linear == Approx(norm * norm / 12.0 / (sd_y * sd_y)).margin(0.02));
}

TEST_CASE("Regression sensitivity: constant parameters and undefined draws are dropped and counted",
          "[sensitivity]") {
  Eigen::MatrixXd x = uniform_samples(500, 3, 5);
  x.col(1).setConstant(2.5);
  Eigen::VectorXd y = 2 * x.col(0) + x.col(2);
  y(10) = std::nan("");
  x(20, 2) = std::nan("");
  const RegressionSensitivity s = regression_sensitivity(x, y, {"a", "fixed", "c"});
  CHECK(s.rows_used == 498);
  CHECK(s.rows_dropped == 2);
  CHECK(s.dropped_parameters == std::vector<std::string>{"fixed"});
  CHECK_FALSE(s.kept[1]);
  CHECK(std::isnan(s.prcc[1].value));
  CHECK(s.r2_linear == Approx(1.0).margin(1e-12));  // exactly linear in the kept parameters
  CHECK(s.prcc[0].value > 0.99);

  // A perfect rank fit (the residual is 0) gives PRCC = 1 exactly, with a zero-width interval.
  const Eigen::MatrixXd one = uniform_samples(50, 1, 7);
  const RegressionSensitivity perfect = regression_sensitivity(one, one.col(0).array().exp().matrix(), {"x"});
  CHECK(perfect.prcc[0].value == Approx(1.0).margin(1e-12));
  CHECK(perfect.prcc[0].low == Approx(1.0).margin(1e-12));

  CHECK(input_error([&] { regression_sensitivity(x, Eigen::VectorXd::Constant(500, 1.0), {"a", "fixed", "c"}); })
            .find("the same in all") != std::string::npos);
  Eigen::MatrixXd collinear = uniform_samples(100, 2, 6);
  collinear.col(1) = 2 * collinear.col(0);
  CHECK(input_error([&] { regression_sensitivity(collinear, collinear.col(0), {"p", "q"}); }).find("collinear") !=
        std::string::npos);
  CHECK(input_error([&] { regression_sensitivity(x.topRows(4), y.head(4), {"a", "fixed", "c"}); })
            .find("need at least K + 3") != std::string::npos);
}

TEST_CASE("Average ranks: ties share the mean of their ranks", "[sensitivity]") {
  Eigen::VectorXd v(6);
  v << 3.0, 1.0, 3.0, 2.0, 3.0, 0.5;
  Eigen::VectorXd expected(6);
  expected << 5.0, 2.0, 5.0, 3.0, 5.0, 1.0;
  CHECK(average_ranks(v) == expected);
}

// Sampled sd parameters (jobs_share_sd_pct, sigma_pct) widen the spread of jobs without moving it, so PRCC and
// SRC, which measure monotone shifts, do not rank them on jobs (Sobol total indices would:
// docs/sensitivity.md). The labour-market parameters do shift the employment rate gap: a
// higher resident share of job growth lowers it.
TEST_CASE("lissim sensitivity: a tornado table and file from one run", "[sensitivity][cli]") {
  using lissim::test::run_lissim;
  if (run_lissim("sensitivity --help").exit_code != 0) {
    WARN("lissim sensitivity is not registered in the CLI yet; skipping its end-to-end test");
    return;
  }
  const fs::path dir = fs::temp_directory_path() / ("lissim_test_sensitivity_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};
  const std::string scenario = lissim::test::source_path("tests/data/tiny_uncertain.yaml");
  const std::string run = (dir / "x.h5").string(), run_no_draws = (dir / "y.h5").string();
  const std::string out = (dir / "s.h5").string();
  auto result = run_lissim("run " + scenario + " --draws 2000 --keep-draws -q -o " + run);
  REQUIRE(result.exit_code == 0);

  result = run_lissim("sensitivity " + run + " --output employment_rate_gap@2020 --output jobs@2020 -o " + out);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(result.output.find("jobs@2020") != std::string::npos);
  // The first parameter row of the first table is the resident share of job growth.
  const std::size_t header = result.output.find("PRCC");
  REQUIRE(header != std::string::npos);
  const std::size_t first_row = result.output.find('\n', header) + 1;
  const std::string row = result.output.substr(first_row, result.output.find('\n', first_row) - first_row);
  CHECK(row.find("resident_share_of_job_growth") != std::string::npos);

  const ResultsReader reader(run);
  const std::vector<std::string> names = reader.texts("/parameters/names");
  {
    quiet_hdf5_errors();
    const hid_t file = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const auto read = [&](const std::string& name) {
      std::vector<double> values(names.size(), 0.0);
      const hid_t set = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
      CHECK(set >= 0);
      if (set < 0) return values;
      const hid_t space = H5Dget_space(set);
      CHECK(H5Sget_simple_extent_npoints(space) == static_cast<hssize_t>(names.size()));
      H5Sclose(space);
      CHECK(H5Dread(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
      H5Dclose(set);
      return values;
    };
    const std::vector<double> prcc = read("/sensitivity/employment_rate_gap@2020/prcc");
    const std::vector<double> high = read("/sensitivity/employment_rate_gap@2020/prcc_high");
    for (const char* set : {"src", "src_low", "src_high", "prcc_low"})
      read(std::string("/sensitivity/jobs@2020/") + set);
    CHECK(H5Lexists(file, "/sensitivity/factors", H5P_DEFAULT) > 0);
    H5Fclose(file);
    std::size_t best = 0;
    for (std::size_t j = 1; j < prcc.size(); ++j)
      if (std::fabs(prcc[j]) > std::fabs(prcc[best])) best = j;
    CHECK(names[best].find("resident_share_of_job_growth") != std::string::npos);
    CHECK(high[best] < 0.0);
  }
  // An existing -o file needs --force; CSV has a row per parameter after the header.
  CHECK(run_lissim("sensitivity " + run + " --output jobs@2020 -o " + out).exit_code == 2);
  CHECK(run_lissim("sensitivity " + run + " --output jobs@2020 -o " + out + " --force").exit_code == 0);
  result = run_lissim("sensitivity " + run + " --output jobs@2020 --format csv 2>/dev/null");
  CHECK(result.exit_code == 0);
  CHECK(static_cast<std::size_t>(std::count(result.output.begin(), result.output.end(), '\n')) == names.size() + 1);
  // Without --output: each target's indicator at its deadline.
  CHECK(run_lissim("sensitivity " + run).exit_code == 0);

  // Without --keep-draws the error says what to do; bad specs are usage errors.
  REQUIRE(run_lissim("run " + scenario + " --draws 200 -q -o " + run_no_draws).exit_code == 0);
  result = run_lissim("sensitivity " + run_no_draws + " --output jobs@2020");
  CHECK(result.exit_code == 2);
  CHECK(result.output.find("--keep-draws") != std::string::npos);
  CHECK(run_lissim("sensitivity " + run + " --output jobs").exit_code == 2);
  CHECK(run_lissim("sensitivity " + run + " --output jobs@1990").exit_code == 2);
  CHECK(run_lissim("sensitivity " + run + " --intervention all").exit_code == 2);  // no interventions
}
