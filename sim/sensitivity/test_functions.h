#pragma once
// Standard test functions of global sensitivity analysis with closed-form Sobol indices,
// for checking the estimators (tests/unit/test_sensitivity.cpp) and as worked examples.
// Both take points of the unit cube [0,1)^k, as the Saltelli design produces them.
#include <cstddef>
#include <span>
#include <vector>

namespace lissim::sim {

// Analytic first-order and total indices, one per input.
struct AnalyticIndices {
  std::vector<double> first_order;
  std::vector<double> total;
  double variance = 0.0;
};

// Ishigami and Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1, with x_i uniform on
// [-pi, pi] (x_i = -pi + 2 pi u_i). Three inputs; a = 7, b = 0.1 are the usual values.
struct Ishigami {
  double a = 7.0;
  double b = 0.1;

  double operator()(std::span<const double> unit_point) const;
  AnalyticIndices indices() const;
};

// Sobol' g-function (Saltelli and Sobol' 1995): f = prod_i (|4 u_i - 2| + a_i) / (1 + a_i),
// u_i uniform on [0, 1], a_i >= 0. A small a_i makes input i important; a_i = 99 makes it
// almost irrelevant.
struct GFunction {
  std::vector<double> a;

  double operator()(std::span<const double> unit_point) const;
  AnalyticIndices indices() const;
};

}  // namespace lissim::sim
