#pragma once
// docs/model.md sections 5 and 6: working-age population and who takes the jobs.
#include "models/parameters.h"
#include "models/shocks.h"

namespace lissim::models {

// ln P += n(t) + mu_mig (dlnJ - g_ref) + sd_P z_P
void advance_population(const LabourParameters& p, const YearShocks& z, double projected_growth,
                        const DrawArray& jobs_growth, DrawArray& log_population);

// ln W += phi dlnJ + sd_W z_W
void advance_residents_in_work(const LabourParameters& p, const YearShocks& z, const DrawArray& jobs_growth,
                               DrawArray& log_residents_in_work);

// a(t) = a(t-1) + alpha (e(t) - e(t-1)) + mu_a + sd_a z_a + V(t) - V(t-1), then a >= e + u_min
void advance_activity(const LabourParameters& p, const YearShocks& z, const DrawArray& employment_rate,
                      const DrawArray& previous_employment_rate, const DrawArray& activity_uplift_change,
                      DrawArray& activity_rate);

}  // namespace lissim::models
