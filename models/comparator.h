#pragma once
// docs/model.md section 8: England excluding London, sharing the national cycle with the region.
#include "models/parameters.h"
#include "models/shocks.h"

namespace lissim::models {

struct ComparatorState {
  DrawArray employment_rate;   // fraction
  DrawArray activity_rate;     // fraction
  DrawArray private_density;   // jobs per working-age resident
  DrawArray log_gva_per_hour;  // ln GBP per hour
};

// X*(t) = X*(t-1) + mu_X + lambda_X c(t) + sd_X z_X for each comparator indicator.
void advance_comparator(const ComparatorParameters& p, const DrawArray& cycle, const YearShocks& z,
                        ComparatorState& state);

}  // namespace lissim::models
