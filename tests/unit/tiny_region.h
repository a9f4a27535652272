#pragma once
// Closed forms of the tiny test region (tests/data/tiny, model v2) without interventions, for the
// intervention tests: total jobs grow 1.5% a year (national 1% + differential 0.5%), beta's share
// weight 1% faster; GVA per hour grows 0.4% (0.6% - 0.2%), beta's relative productivity 0.5%
// faster, rescaled to the regional level.
#include <cmath>

namespace lissim::test::tiny_region {

inline constexpr double kHours[2] = {1500, 1800};  // hours a year per job, sectors alpha and beta

// Jobs in sector s in year t (years since the base year).
inline double jobs0(int s, int t) {
  const double total = 4000 * std::exp(0.015 * t);
  const double wa = 0.25, wb = 0.75 * std::exp(0.01 * t);
  return total * (s == 0 ? wa : wb) / (wa + wb);
}

// GVA per hour worked in sector s in year t (GBP).
inline double gva_per_hour0(int s, int t) {
  const double base = (20.0 * 1000 * 1500 + 30.0 * 3000 * 1800) / (1000.0 * 1500 + 3000.0 * 1800);
  const double q = base * std::exp(0.004 * t);
  const double relative[2] = {20 / base, 30 / base * std::exp(0.005 * t)};
  const double hours = kHours[0] * jobs0(0, t) + kHours[1] * jobs0(1, t);
  const double mean = (relative[0] * jobs0(0, t) * kHours[0] + relative[1] * jobs0(1, t) * kHours[1]) / hours;
  return q * relative[s] / mean;
}

}  // namespace lissim::test::tiny_region
