#pragma once
// Standard normal quantile and CDF, our own code so that results do not depend on the
// standard library's (implementation-defined) distributions.
#include <cstddef>

namespace lissim::sim {

// Inverse of the standard normal CDF by Wichura's AS241 (PPND16, Applied Statistics 37,
// 1988, 477-484): within about 2 ulps of the exact quantile (checked against mpmath).
// p = 0 gives -inf and p = 1 gives +inf;
// p outside [0, 1] or NaN throws std::invalid_argument.
double normal_quantile(double p);

// z[i] = normal_quantile(p[i]) for i in [0, n), bit for bit; z and p must not overlap. The
// central region
// (|p - 1/2| <= 0.425, 85% of uniforms) is computed for every element without branches, so
// the compiler vectorises it, and the tails are then redone one by one. Floating-point
// contraction is off (cmake/Isa.cmake), so vector and scalar code round alike.
void normal_quantiles(const double* p, double* z, std::size_t n);

// Standard normal CDF, 0.5 * erfc(-x / sqrt(2)), with the rounding error of x / sqrt(2)
// corrected to first order (it dominates the relative error in the far tails).
double normal_cdf(double x);

// Standard normal density.
double normal_pdf(double x);

}  // namespace lissim::sim
