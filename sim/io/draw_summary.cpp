#include "sim/io/draw_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lissim::sim {

DrawSummary summarise_draws(std::vector<double> values) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const std::size_t total = values.size();
  values.erase(std::remove_if(values.begin(), values.end(), [](double x) { return std::isnan(x); }), values.end());
  const std::size_t n = values.size();
  DrawSummary s{nan, {}, total ? static_cast<double>(n) / static_cast<double>(total) : 0.0};
  s.quantiles.fill(nan);
  if (n == 0) return s;
  double sum = 0.0;
  for (double x : values) sum += x;
  s.mean = sum / static_cast<double>(n);
  // Levels ascend, so each selection only needs the part above the previous one.
  auto from = values.begin();
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    const double h = static_cast<double>(n - 1) * kQuantileLevels[i];
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(lo);
    std::nth_element(from, at, values.end());
    from = at;
    const double a = *at;
    const double b = lo + 1 < n ? *std::min_element(at + 1, values.end()) : a;
    s.quantiles[i] = lerp(a, b, h - static_cast<double>(lo));
  }
  return s;
}

std::array<double, models::kVfmBandCount> vfm_band_probabilities(const std::vector<double>& bcr) {
  std::array<double, models::kVfmBandCount> counts{};
  double defined = 0.0;
  for (double x : bcr) {
    const int band = models::vfm_band(x);
    if (band < 0) continue;
    counts[static_cast<std::size_t>(band)] += 1.0;
    defined += 1.0;
  }
  for (double& c : counts) c = defined > 0.0 ? c / defined : std::numeric_limits<double>::quiet_NaN();
  return counts;
}

}  // namespace lissim::sim
