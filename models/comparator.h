#pragma once
// docs/model.md section 8: England excluding London as the national component plus its own differentials.
//     e*(t)    = e*(t0) + [national employment-rate change] + lambda_e x~(t) + r_e*(t)
//     a*(t)    = a*(t0) + [national activity-rate change]   + lambda_a x~(t) + r_a*(t)
//     ln Q*(t) = ln Q*(t0) + [q(t) - q(t0)] + lambda_q x~(t) + r_q*(t)
//     D*(t)    = D*(t0) exp([L(t) - L(t0)] + lambda_J x~(t) + r_J*(t) - [n*(t) - n*(t0)])
// with n* the comparator's projected working-age population. The region and the comparator
// share every national term, so only the differentials (and the population paths) move a gap.
#include <array>

#include "models/baseline.h"
#include "models/national_block.h"
#include "models/regional_differential.h"

namespace lissim::models {

struct ComparatorState {
  DrawArray employment_rate;   // fraction
  DrawArray activity_rate;     // fraction
  DrawArray private_density;   // private jobs per working-age resident
  DrawArray log_gva_per_hour;  // ln GBP per hour
};

// The differentials of every series, indexed by Differential.
using DifferentialStates = std::array<DifferentialState, kDifferentialCount>;

// The parameters of differential k of the set.
const DifferentialDraws& differential(const DifferentialSet& set, Differential k);

// r(t) + cycle_sensitivity x~(t): the series' departure from the national component.
DrawArray departure(const DifferentialSet& set, const DifferentialStates& states, Differential k,
                    const DrawArray& centred_cycle);

// The comparator's values this year from the national block and the differentials.
void comparator_values(const ComparatorBaseline& base, const DifferentialSet& set, const DifferentialStates& states,
                       const NationalState& national, ComparatorState& out);

}  // namespace lissim::models
