#pragma once
// Summaries of a per-draw dataset read back from the results file: mean, exact quantiles
// (numpy's default interpolation, NaN draws left out) and value-for-money band probabilities.
#include <array>
#include <vector>

#include "models/appraisal.h"
#include "sim/engine/quantile_selector.h"

namespace lissim::sim {

struct DrawSummary {
  double mean;
  std::array<double, kQuantileLevels.size()> quantiles;
  double defined_fraction;  // draws with a value (not NaN)
};

// The appraisal of one intervention (or the package) in one view.
struct AppraisalSummary {
  std::array<DrawSummary, models::kAppraisalMeasureCount> measures;
  std::array<double, models::kVfmBandCount> vfm_band_probability;

  const DrawSummary& operator[](models::AppraisalMeasure m) const { return measures[static_cast<std::size_t>(m)]; }
};

// Consumes `values` (it is reordered).
DrawSummary summarise_draws(std::vector<double> values);

// P(BCR in each band) over the draws with a defined BCR; NaN if none is defined.
std::array<double, models::kVfmBandCount> vfm_band_probabilities(const std::vector<double>& bcr);

}  // namespace lissim::sim
