#include "models/labour_market.h"

namespace lissim::models {

void advance_population(const LabourParameters& p, const YearShocks& z, double projected_growth,
                        const DrawArray& jobs_growth, DrawArray& log_population) {
  log_population += projected_growth + p.migration_response * (jobs_growth - p.reference_jobs_growth) +
                    p.population_sd * z.population;
}

void advance_residents_in_work(const LabourParameters& p, const YearShocks& z, const DrawArray& jobs_growth,
                               DrawArray& log_residents_in_work) {
  log_residents_in_work += p.resident_share_of_job_growth * jobs_growth + p.residents_in_work_sd * z.residents_in_work;
}

void advance_activity(const LabourParameters& p, const YearShocks& z, const DrawArray& employment_rate,
                      const DrawArray& previous_employment_rate, const DrawArray& activity_uplift_change,
                      DrawArray& activity_rate) {
  activity_rate += p.inactive_share_of_new_employment * (employment_rate - previous_employment_rate) +
                   p.activity_trend + p.activity_sd * z.activity + activity_uplift_change;
  activity_rate = activity_rate.max(employment_rate + p.min_unemployment);
}

}  // namespace lissim::models
