#pragma once
// Linear interpolation between order statistics as numpy.quantile evaluates it, so quantiles
// computed here (engine, results files, reports) equal numpy's bit for bit.

namespace lissim::sim {

// a + t (b - a), computed from the nearer end as numpy's quantile does (more accurate, and
// monotone in t).
double lerp(double a, double b, double t);

}  // namespace lissim::sim
