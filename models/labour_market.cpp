#include "models/labour_market.h"

namespace lissim::models {

void advance_population(const LabourParameters& p, const YearShocks& z, double projected_growth,
                        const DrawArray& differential_jobs_growth, DrawArray& log_population) {
  log_population += projected_growth + p.migration_response * differential_jobs_growth + p.population_sd * z.population;
}

void advance_residents_in_work(const LabourParameters& p, const YearShocks& z, double projected_growth,
                               const DrawArray& national_rate_change, const DrawArray& employment_rate,
                               const DrawArray& differential_jobs_growth, DrawArray& log_residents_in_work) {
  const DrawArray national = log_each(1.0 + national_rate_change / employment_rate) + projected_growth;
  log_residents_in_work += national + p.resident_share_of_job_growth * differential_jobs_growth +
                           p.residents_in_work_sd * z.residents_in_work;
}

void advance_activity(const LabourParameters& p, const YearShocks& z, const DrawArray& employment_rate,
                      const DrawArray& previous_employment_rate, const DrawArray& national_employment_change,
                      const DrawArray& national_activity_change, const DrawArray& activity_uplift_change,
                      DrawArray& activity_rate) {
  activity_rate += p.inactive_share_of_new_employment *
                       (employment_rate - previous_employment_rate - national_employment_change) +
                   national_activity_change + p.activity_trend + p.activity_sd * z.activity + activity_uplift_change;
  activity_rate = activity_rate.max(employment_rate + p.min_unemployment);
}

}  // namespace lissim::models
