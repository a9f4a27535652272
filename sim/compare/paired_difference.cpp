#include "sim/compare/paired_difference.h"

#include <cmath>

#include "sim/errors.h"

namespace lissim::sim {

PairedStatistics paired_statistics(const std::vector<double>& a, const std::vector<double>& b,
                                   const Direction& direction) {
  if (a.size() != b.size())
    throw Error(ExitCode::internal,
                "paired comparison of " + std::to_string(a.size()) + " and " + std::to_string(b.size()) + " draws");
  PairedStatistics stats;
  std::vector<double> differences;
  differences.reserve(a.size());
  std::int64_t better = 0;
  stats.identical = true;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const bool a_defined = !std::isnan(a[k]), b_defined = !std::isnan(b[k]);
    if (a_defined != b_defined || (a_defined && a[k] != b[k])) stats.identical = false;
    if (!a_defined || !b_defined) continue;
    differences.push_back(b[k] - a[k]);
    if (direction.improves(a[k], b[k])) ++better;
  }
  stats.draws = static_cast<std::int64_t>(differences.size());
  stats.difference = band_of(differences);
  if (direction.better != Direction::Better::none && stats.draws > 0)
    stats.prob_better = static_cast<double>(better) / static_cast<double>(stats.draws);
  return stats;
}

}  // namespace lissim::sim
