#include "sim/random/normal.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace lissim::sim {
namespace {

// Degree-7 polynomial by Horner's rule, coefficients from c[0] (constant) to c[7].
double poly7(const double (&c)[8], double x) {
  double v = c[7];
  for (int i = 6; i >= 0; --i) v = v * x + c[i];
  return v;
}

// AS241 coefficients, transcribed from Wichura (1988).
// clang-format off
constexpr double kA[8] = {3.3871328727963666080e0, 1.3314166789178437745e+2,
                          1.9715909503065514427e+3, 1.3731693765509461125e+4,
                          4.5921953931549871457e+4, 6.7265770927008700853e+4,
                          3.3430575583588128105e+4, 2.5090809287301226727e+3};
constexpr double kB[8] = {1.0,
                          4.2313330701600911252e+1, 6.8718700749205790830e+2,
                          5.3941960214247511077e+3, 2.1213794301586595867e+4,
                          3.9307895800092710610e+4, 2.8729085735721942674e+4,
                          5.2264952788528545610e+3};
constexpr double kC[8] = {1.42343711074968357734e0, 4.63033784615654529590e0,
                          5.76949722146069140550e0, 3.64784832476320460504e0,
                          1.27045825245236838258e0, 2.41780725177450611770e-1,
                          2.27238449892691845833e-2, 7.74545014278341407640e-4};
constexpr double kD[8] = {1.0,
                          2.05319162663775882187e0, 1.67638483018380384940e0,
                          6.89767334985100004550e-1, 1.48103976427480074590e-1,
                          1.51986665636164571966e-2, 5.47593808499534494600e-4,
                          1.05075007164441684324e-9};
constexpr double kE[8] = {6.65790464350110377720e0, 5.46378491116411436990e0,
                          1.78482653991729133580e0, 2.96560571828504891230e-1,
                          2.65321895265761230930e-2, 1.24266094738807843860e-3,
                          2.71155556874348757815e-5, 2.01033439929228813265e-7};
constexpr double kF[8] = {1.0,
                          5.99832206555887937690e-1, 1.36929880922735805310e-1,
                          1.48753612908506148525e-2, 7.86869131145613259100e-4,
                          1.84631831751005468180e-5, 1.42151175831644588870e-7,
                          2.04426310338993978564e-15};
// clang-format on

// |p - 1/2| <= kCentral: the central region of AS241, a rational function of (p - 1/2)^2.
constexpr double kCentral = 0.425;

double central(double q) {
  const double r = 0.180625 - q * q;
  return q * poly7(kA, r) / poly7(kB, r);
}

// The tails, q = p - 1/2 with |q| > kCentral: a rational function of sqrt(-ln min(p, 1 - p)).
double tail(double p, double q) {
  // 1 - p is exact here since p > 0.075.
  double r = (q < 0.0) ? p : 1.0 - p;
  if (r == 0.0) {
    return (q < 0.0) ? -std::numeric_limits<double>::infinity()
                     : std::numeric_limits<double>::infinity();
  }
  r = std::sqrt(-std::log(r));
  double z;
  if (r <= 5.0) {
    r -= 1.6;
    z = poly7(kC, r) / poly7(kD, r);
  } else {
    r -= 5.0;
    z = poly7(kE, r) / poly7(kF, r);
  }
  return (q < 0.0) ? -z : z;
}

std::string shortest(double x) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, result.ptr);
}

}  // namespace

double normal_quantile(double p) {
  if (!(p >= 0.0 && p <= 1.0)) {
    throw std::invalid_argument(std::string("p is ") + shortest(p) + ", but must be in [0, 1]");
  }
  const double q = p - 0.5;
  return (std::fabs(q) <= kCentral) ? central(q) : tail(p, q);
}

void normal_quantiles(const double* p, double* z, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) z[i] = central(p[i] - 0.5);  // vectorised
  // The tails' positions, gathered without branches (a branch per element would mispredict
  // on 15% of them), then redone in one loop whose iterations overlap.
  constexpr std::size_t kChunk = 256;
  std::size_t tails[kChunk];
  for (std::size_t start = 0; start < n; start += kChunk) {
    const std::size_t end = std::min(n, start + kChunk);
    std::size_t count = 0;
    for (std::size_t i = start; i < end; ++i) {
      tails[count] = i;
      // Also takes NaN and p outside [0, 1], which normal_quantile rejects.
      count += !(std::fabs(p[i] - 0.5) <= kCentral);
    }
    for (std::size_t k = 0; k < count; ++k) z[tails[k]] = normal_quantile(p[tails[k]]);
  }
}

double normal_cdf(double x) {
  if (!std::isfinite(x)) {
    if (std::isnan(x)) return x;
    return (x > 0.0) ? 1.0 : 0.0;
  }
  // y = -x / sqrt(2) split as y_hi + y_lo; erfc(y_hi + y_lo) ~ erfc(y_hi) - 2/sqrt(pi) e^-y^2 y_lo.
  constexpr double kSqrtHalfHi = 0.70710678118654757;     // nearest double to 1/sqrt(2)
  constexpr double kSqrtHalfLo = -4.833646656726457e-17;  // 1/sqrt(2) - kSqrtHalfHi
  constexpr double kInvSqrtPi = 0.56418958354775628;      // 1/sqrt(pi)
  const double y_hi = -x * kSqrtHalfHi;
  const double y_lo = std::fma(-x, kSqrtHalfHi, -y_hi) - x * kSqrtHalfLo;
  return 0.5 * std::erfc(y_hi) - kInvSqrtPi * std::exp(-y_hi * y_hi) * y_lo;
}

double normal_pdf(double x) {
  constexpr double kInvSqrtTwoPi = 0.39894228040143268;  // 1/sqrt(2 pi)
  return kInvSqrtTwoPi * std::exp(-0.5 * x * x);
}

}  // namespace lissim::sim
