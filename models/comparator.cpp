#include "models/comparator.h"

#include <cmath>

namespace lissim::models {

const DifferentialDraws& differential(const DifferentialSet& set, Differential k) {
  static constexpr DifferentialDraws DifferentialSet::*members[] = {
#define LISSIM_DIFFERENTIAL_POINTER(member, ...) &DifferentialSet::member,
      LISSIM_DIFFERENTIAL_SERIES(LISSIM_DIFFERENTIAL_POINTER)
#undef LISSIM_DIFFERENTIAL_POINTER
  };
  return set.*members[static_cast<int>(k)];
}

DrawArray departure(const DifferentialSet& set, const DifferentialStates& states, Differential k,
                    const DrawArray& centred_cycle) {
  return states[static_cast<std::size_t>(k)].value() + differential(set, k).cycle_sensitivity * centred_cycle;
}

void comparator_values(const ComparatorBaseline& base, const DifferentialSet& set, const DifferentialStates& states,
                       const NationalState& national, ComparatorState& out) {
  const DrawArray x = national.centred_cycle();
  auto own = [&](Differential k) { return departure(set, states, k, x); };
  out.employment_rate = base.employment_rate + national.employment_rate + own(Differential::comparator_employment_rate);
  out.activity_rate = base.activity_rate + national.activity_rate + own(Differential::comparator_activity_rate);
  out.log_gva_per_hour = std::log(base.gva_per_hour) + national.productivity + own(Differential::comparator_productivity);
  out.private_density = base.private_density * exp_each(national.jobs + own(Differential::comparator_jobs) -
                                                        national.comparator_population);
}

}  // namespace lissim::models
