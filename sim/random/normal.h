#pragma once
// Standard normal quantile and CDF, our own code so that results do not depend on the
// standard library's (implementation-defined) distributions.
namespace lissim::sim {

// Inverse of the standard normal CDF by Wichura's AS241 (PPND16, Applied Statistics 37,
// 1988, 477-484): within about 2 ulps of the exact quantile (checked against mpmath).
// p = 0 gives -inf and p = 1 gives +inf;
// p outside [0, 1] or NaN throws std::invalid_argument.
double normal_quantile(double p);

// Standard normal CDF, 0.5 * erfc(-x / sqrt(2)), with the rounding error of x / sqrt(2)
// corrected to first order (it dominates the relative error in the far tails).
double normal_cdf(double x);

// Standard normal density.
double normal_pdf(double x);

}  // namespace lissim::sim
