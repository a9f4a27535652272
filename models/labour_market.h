#pragma once
// docs/model.md sections 5 and 6: working-age population and who takes the jobs. National growth
// moves the region as it moves the comparator; only the regional differential of job growth,
// dlnJ(t) - dL(t), moves migration and the residents' share of the jobs.
#include "models/parameters.h"
#include "models/shocks.h"

namespace lissim::models {

// ln P += n(t) + mu_mig (dlnJ - dL) + sd_P z_P
void advance_population(const LabourParameters& p, const YearShocks& z, double projected_growth,
                        const DrawArray& differential_jobs_growth, DrawArray& log_population);

// ln W += dlnWnat + phi (dlnJ - dL) + sd_W z_W, with dlnWnat = ln(1 + de_nat / e(t-1)) + n(t):
// the national employment-rate change and the projected population growth. (The employment
// channel of interventions, issue 17, adds its residents moved into work here.)
void advance_residents_in_work(const LabourParameters& p, const YearShocks& z, double projected_growth,
                               const DrawArray& national_rate_change, const DrawArray& employment_rate,
                               const DrawArray& differential_jobs_growth, DrawArray& log_residents_in_work);

// a(t) = a(t-1) + alpha (e(t) - e(t-1) - de_nat) + da_nat + mu_a + sd_a z_a + V(t) - V(t-1),
// then a >= e + u_min
void advance_activity(const LabourParameters& p, const YearShocks& z, const DrawArray& employment_rate,
                      const DrawArray& previous_employment_rate, const DrawArray& national_employment_change,
                      const DrawArray& national_activity_change, const DrawArray& activity_uplift_change,
                      DrawArray& activity_rate);

}  // namespace lissim::models
