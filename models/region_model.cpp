#include "models/region_model.h"

#include <cmath>
#include <limits>

#include "models/aggregates.h"
#include "models/labour_market.h"
#include "models/national_cycle.h"
#include "models/sector_sums.h"
#include "models/sector_dynamics.h"

namespace lissim::models {

void RegionModel::initialise(Eigen::Index draws, RegionState& s) const {
  const SectorBaseline& sb = baseline_.sectors;
  const Eigen::Index sectors = sb.count();
  s.cycle.setZero(draws);
  s.log_jobs0 = log_each(sb.jobs.array()).transpose().replicate(draws, 1);
  s.log_productivity0 = log_each(sb.gva_per_hour.array()).transpose().replicate(draws, 1);
  s.jobs = exp_each(s.log_jobs0);
  s.gva_per_hour = exp_each(s.log_productivity0);
  s.better_share = sb.better_jobs_share.transpose().replicate(draws, 1).array();
  s.better_uplift.setZero(draws, sectors);
  s.log_total_jobs = DrawArray::Constant(draws, std::log(sb.jobs.sum()));
  s.log_population = DrawArray::Constant(draws, std::log(baseline_.region.working_age_population));
  s.log_residents_in_work = DrawArray::Constant(
      draws, std::log(baseline_.region.employment_rate * baseline_.region.working_age_population));
  s.employment_rate = DrawArray::Constant(draws, baseline_.region.employment_rate);
  s.activity_rate = DrawArray::Constant(draws, baseline_.region.activity_rate);
  s.activity_uplift.setZero(draws);
  s.supply_employment_rate.setZero(draws);
  s.supply_activity_rate.setZero(draws);
  const ComparatorBaseline& cb = baseline_.comparator;
  s.comparator.employment_rate = DrawArray::Constant(draws, cb.employment_rate);
  s.comparator.activity_rate = DrawArray::Constant(draws, cb.activity_rate);
  s.comparator.private_density = DrawArray::Constant(draws, cb.private_density);
  s.comparator.log_gva_per_hour = DrawArray::Constant(draws, std::log(cb.gva_per_hour));
  s.base_jobs = sum_over_sectors(s.jobs);
  s.base_better_jobs = sum_over_sectors(s.better_share * s.jobs);
}

namespace {

// Residents moved into work by the employment channel: their share of the working-age
// population adds to the employment rate; the share of it drawn from inactivity moves the
// activity rate (as a change, like V). The demand-side response (phi, alpha) is left to the
// jobs path, so nothing is counted twice.
void employment_channel(const InterventionEffects& effects, RegionState& s, DrawArray& activity_uplift_change) {
  const DrawArray population = exp_each(s.log_population);
  const DrawArray inactive = effects.inactive_into_work / population;
  activity_uplift_change += inactive - s.supply_activity_rate;
  s.supply_activity_rate = inactive;
  s.supply_employment_rate = effects.residents_into_work / population;
}

}  // namespace

void RegionModel::step(int year_index, const DrawParameters& p, const YearShocks& z,
                       const InterventionEffects* effects, RegionState& s) const {
  advance_cycle(p.cycle, z, s.cycle);
  advance_sectors(p.sectors, correlation_, s.cycle, z, s.log_jobs0, s.log_productivity0);

  s.jobs = exp_each(s.log_jobs0);
  s.gva_per_hour = exp_each(s.log_productivity0);
  SectorArray better_uplift_change = SectorArray::Zero(s.jobs.rows(), s.jobs.cols());
  DrawArray activity_uplift_change = DrawArray::Zero(s.jobs.rows());
  if (effects) {
    s.jobs += effects->added_jobs;
    s.gva_per_hour *= 1.0 + effects->productivity_uplift;
    better_uplift_change = effects->better_jobs_uplift - s.better_uplift;
    activity_uplift_change = effects->activity_uplift - s.activity_uplift;
    s.better_uplift = effects->better_jobs_uplift;
    s.activity_uplift = effects->activity_uplift;
  }
  advance_better_jobs(p.sectors, z, better_uplift_change, s.better_share);

  const DrawArray log_total_jobs = log_each(sum_over_sectors(s.jobs));
  const DrawArray jobs_growth = log_total_jobs - s.log_total_jobs;
  s.log_total_jobs = log_total_jobs;

  const double projected = baseline_.population_growth.at(static_cast<std::size_t>(year_index - 1));
  advance_population(p.labour, z, projected, jobs_growth, s.log_population);
  advance_residents_in_work(p.labour, z, jobs_growth, s.log_residents_in_work);
  const DrawArray previous_employment_rate = s.employment_rate;
  s.employment_rate = exp_each(s.log_residents_in_work - s.log_population);
  if (effects) employment_channel(*effects, s, activity_uplift_change);
  advance_activity(p.labour, z, s.employment_rate, previous_employment_rate, activity_uplift_change, s.activity_rate);
  // The activity floor holds for all residents in work, those the employment channel moved included.
  if (effects)
    s.activity_rate = s.activity_rate.max(s.employment_rate + s.supply_employment_rate + p.labour.min_unemployment);
  advance_comparator(p.comparator, s.cycle, z, s.comparator);
}

void RegionModel::indicators(const RegionState& s, IndicatorValues& out) const {
  const SectorBaseline& sb = baseline_.sectors;
  const Aggregates agg = aggregate(s.jobs, s.gva_per_hour, sb.hours_per_job, sb.private_share, s.better_share);
  const DrawArray population = exp_each(s.log_population);
  const DrawArray comparator_q = exp_each(s.comparator.log_gva_per_hour);
  const DrawArray jobs_change = agg.jobs - s.base_jobs;
  const DrawArray private_density = agg.private_jobs / population;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  auto set = [&out](Indicator i, DrawArray value) { out[static_cast<std::size_t>(i)] = std::move(value); };
  set(Indicator::jobs, agg.jobs);
  set(Indicator::jobs_change, jobs_change);
  const DrawArray employment_rate = s.employment_rate + s.supply_employment_rate;
  set(Indicator::employment_rate, 100.0 * employment_rate);
  set(Indicator::activity_rate, 100.0 * s.activity_rate);
  set(Indicator::private_density, private_density);
  set(Indicator::gva_per_hour, agg.gva_per_hour);
  set(Indicator::better_jobs, agg.better_jobs);
  // Undefined without net growth: the SEP target cannot be met then (MODEL.md section 1).
  set(Indicator::better_jobs_share_of_growth,
      (jobs_change > 0.0).select(100.0 * (agg.better_jobs - s.base_better_jobs) / jobs_change, nan));
  set(Indicator::working_age_population, population);
  set(Indicator::gva, agg.gva / 1e6);
  set(Indicator::comparator_employment_rate, 100.0 * s.comparator.employment_rate);
  set(Indicator::comparator_activity_rate, 100.0 * s.comparator.activity_rate);
  set(Indicator::comparator_private_density, s.comparator.private_density);
  set(Indicator::comparator_gva_per_hour, comparator_q);
  set(Indicator::employment_rate_gap, 100.0 * (s.comparator.employment_rate - employment_rate));
  set(Indicator::activity_rate_gap, 100.0 * (s.comparator.activity_rate - s.activity_rate));
  set(Indicator::private_density_gap, s.comparator.private_density - private_density);
  set(Indicator::productivity_gap, 100.0 * (1.0 - agg.gva_per_hour / comparator_q));
}

}  // namespace lissim::models
