#include "models/national_block.h"

namespace lissim::models {

void advance_cycle(const CycleParameters& p, const YearShocks& z, DrawArray& cycle, DrawArray& cycle_mean) {
  const DrawArray recession = (z.recession_uniform < p.recession_probability).cast<double>();
  const DrawArray depth = p.depth_median * exp_each(p.depth_sd_log * z.recession_depth);
  cycle = p.persistence * cycle + p.sd * z.cycle - recession * depth;
  cycle_mean = p.persistence * cycle_mean -
               p.recession_probability * p.depth_median * exp_each(0.5 * p.depth_sd_log * p.depth_sd_log);
}

void start_national(const NationalParameters& p, const BaseShocks& drift_shocks, Eigen::Index draws,
                    NationalState& s) {
  for (DrawArray* a : {&s.cycle, &s.cycle_mean, &s.jobs_error, &s.productivity_error, &s.employment_rate_error,
                       &s.activity_rate_error, &s.jobs, &s.productivity, &s.employment_rate, &s.activity_rate,
                       &s.jobs_growth, &s.employment_rate_change, &s.activity_rate_change,
                       &s.comparator_population, &s.jobs_path, &s.productivity_path, &s.employment_rate_path,
                       &s.activity_rate_path})
    a->setZero(draws);
  s.jobs_drift = p.jobs_trend_sd * drift_shocks.national_jobs_drift;
  s.productivity_drift = p.productivity_trend_sd * drift_shocks.national_productivity_drift;
}

void advance_national(const CycleParameters& cycle, const NationalParameters& p, const NationalPath& path,
                      int year_index, const YearShocks& z, NationalState& s) {
  const auto t = static_cast<std::size_t>(year_index - 1);
  advance_cycle(cycle, z, s.cycle, s.cycle_mean);
  s.jobs_error += s.jobs_drift + p.jobs_permanent_sd * z.national_jobs;
  s.productivity_error += s.productivity_drift + p.productivity_permanent_sd * z.national_productivity;
  s.employment_rate_error += p.employment_rate_permanent_sd * z.national_employment_rate;
  s.activity_rate_error += p.activity_rate_permanent_sd * z.national_activity_rate;
  s.jobs_path += path.jobs_growth.at(t);
  s.productivity_path += path.productivity_growth.at(t);
  s.employment_rate_path += path.employment_rate_change.at(t);
  s.activity_rate_path += path.activity_rate_change.at(t);
  s.comparator_population += path.comparator_population_growth.at(t);

  const DrawArray x = s.centred_cycle();
  const DrawArray jobs = s.jobs_path + p.jobs_cycle_elasticity * x + s.jobs_error;
  s.jobs_growth = jobs - s.jobs;
  s.jobs = jobs;
  s.productivity = s.productivity_path + p.productivity_cycle_elasticity * x + s.productivity_error;
  const DrawArray employment_rate = s.employment_rate_path + p.employment_rate_cycle_elasticity * x + s.employment_rate_error;
  s.employment_rate_change = employment_rate - s.employment_rate;
  s.employment_rate = employment_rate;
  const DrawArray activity_rate = s.activity_rate_path + p.activity_rate_cycle_elasticity * x + s.activity_rate_error;
  s.activity_rate_change = activity_rate - s.activity_rate;
  s.activity_rate = activity_rate;
}

}  // namespace lissim::models
