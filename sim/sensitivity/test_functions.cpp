#include "sim/sensitivity/test_functions.h"

#include <cmath>
#include <numbers>

namespace lissim::sim {

double Ishigami::operator()(std::span<const double> u) const {
  constexpr double pi = std::numbers::pi;
  const double x1 = -pi + 2.0 * pi * u[0];
  const double x2 = -pi + 2.0 * pi * u[1];
  const double x3 = -pi + 2.0 * pi * u[2];
  const double s2 = std::sin(x2);
  return std::sin(x1) + a * s2 * s2 + b * std::pow(x3, 4) * std::sin(x1);
}

// With x uniform on [-pi, pi]: E sin x = 0, E sin^2 x = 1/2, E sin^4 x = 3/8,
// E x^4 = pi^4 / 5, E x^8 = pi^8 / 9. The ANOVA terms of f are
//   f1(x1)     = (1 + b pi^4 / 5) sin x1                       V1  = (1 + b pi^4/5)^2 / 2
//   f2(x2)     = a (sin^2 x2 - 1/2)                            V2  = a^2 (3/8 - 1/4) = a^2 / 8
//   f13(x1,x3) = b (x3^4 - pi^4 / 5) sin x1                    V13 = b^2 (pi^8/9 - pi^8/25) / 2
//                                                                  = 8 b^2 pi^8 / 225
// and no others (V3 = V12 = V23 = V123 = 0). V = V1 + V2 + V13. Hence
//   S1 = V1/V, S2 = V2/V, S3 = 0;  ST1 = (V1 + V13)/V, ST2 = V2/V, ST3 = V13/V.
// For a = 7, b = 0.1: V = 13.8446, S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
AnalyticIndices Ishigami::indices() const {
  constexpr double pi4 = std::numbers::pi * std::numbers::pi * std::numbers::pi * std::numbers::pi;
  const double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0);
  const double v2 = a * a / 8.0;
  const double v13 = 8.0 * b * b * pi4 * pi4 / 225.0;
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}, v};
}

double GFunction::operator()(std::span<const double> u) const {
  double product = 1.0;
  for (std::size_t i = 0; i < a.size(); ++i) product *= (std::fabs(4.0 * u[i] - 2.0) + a[i]) / (1.0 + a[i]);
  return product;
}

// Each factor g_i = (|4u - 2| + a_i) / (1 + a_i) has mean 1 (E|4u - 2| = 1) and variance
// V_i = E(|4u - 2| - 1)^2 / (1 + a_i)^2 = (4/3 - 1) / (1 + a_i)^2 = 1 / (3 (1 + a_i)^2),
// using E|4u - 2|^2 = 4/3. For a product of independent factors with mean 1,
//   V = prod_i (1 + V_i) - 1,   S_i = V_i / V,   ST_i = V_i prod_{j != i} (1 + V_j) / V,
// since every subset of factors contributes the product of its V_j.
AnalyticIndices GFunction::indices() const {
  std::vector<double> vi(a.size());
  double product = 1.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    vi[i] = 1.0 / (3.0 * (1.0 + a[i]) * (1.0 + a[i]));
    product *= 1.0 + vi[i];
  }
  AnalyticIndices result;
  result.variance = product - 1.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    result.first_order.push_back(vi[i] / result.variance);
    result.total.push_back(vi[i] * product / (1.0 + vi[i]) / result.variance);
  }
  return result;
}

}  // namespace lissim::sim
