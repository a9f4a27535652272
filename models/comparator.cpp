#include "models/comparator.h"

namespace lissim::models {
namespace {

void advance_series(const ComparatorSeriesParameters& p, const DrawArray& cycle, const DrawArray& z,
                    DrawArray& x) {
  x += p.trend + p.cycle_elasticity * cycle + p.sd * z;
}

}  // namespace

void advance_comparator(const ComparatorParameters& p, const DrawArray& cycle, const YearShocks& z,
                        ComparatorState& state) {
  advance_series(p.employment_rate, cycle, z.comparator_employment_rate, state.employment_rate);
  advance_series(p.activity_rate, cycle, z.comparator_activity_rate, state.activity_rate);
  advance_series(p.private_density, cycle, z.comparator_private_density, state.private_density);
  advance_series(p.log_gva_per_hour, cycle, z.comparator_gva_per_hour, state.log_gva_per_hour);
}

}  // namespace lissim::models
