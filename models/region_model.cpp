#include "models/region_model.h"

#include <cmath>
#include <limits>

#include "models/aggregates.h"
#include "models/labour_market.h"
#include "models/sector_dynamics.h"
#include "models/sector_sums.h"

namespace lissim::models {
namespace {

// The hours-weighted GVA per hour of the base year.
double base_productivity(const SectorBaseline& sb) {
  const Vector hours = sb.jobs.cwiseProduct(sb.hours_per_job);
  return sb.gva_per_hour.dot(hours) / hours.sum();
}

// Column k of a shock array as the differential's step. The comparator's jobs and GVA per
// hour differentials contain the region's: their steps correlate with the region's by c.
DrawArray differential_step(const DrawParameters& p, const SectorArray& z, Differential k) {
  const DrawArray own = z.col(static_cast<Eigen::Index>(k));
  auto with_region = [&](const DrawArray& c, Differential region) {
    return c * z.col(static_cast<Eigen::Index>(region)) + (1.0 - c * c).sqrt() * own;
  };
  if (k == Differential::comparator_jobs) return with_region(p.comparator.jobs_correlation, Differential::region_jobs);
  if (k == Differential::comparator_productivity)
    return with_region(p.comparator.productivity_correlation, Differential::region_productivity);
  return own;
}

}  // namespace

void RegionModel::initialise(const DrawParameters& p, const BaseShocks& z0, RegionState& s) const {
  const SectorBaseline& sb = baseline_.sectors;
  const Eigen::Index draws = z0.national_jobs_drift.size();
  const Eigen::Index sectors = sb.count();
  start_national(p.national, z0, draws, s.national);
  for (int k = 0; k < kDifferentialCount; ++k)
    s.differentials[static_cast<std::size_t>(k)] =
        start_differential(differential(p.differentials, static_cast<Differential>(k)), z0.differential_drift.col(k),
                           z0.differential_transitory.col(k));
  const double q0 = base_productivity(sb);
  s.log_shares = log_each((sb.jobs / sb.jobs.sum()).array()).transpose().replicate(draws, 1);
  s.log_relative_productivity = log_each((sb.gva_per_hour / q0).array()).transpose().replicate(draws, 1);
  s.jobs = sb.jobs.transpose().replicate(draws, 1).array();
  s.gva_per_hour = sb.gva_per_hour.transpose().replicate(draws, 1).array();
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
  comparator_values(baseline_.comparator, p.differentials, s.differentials, s.national, s.comparator);
  s.measurement.clear();
  for (std::size_t t = 0; t < targets_.size(); ++t)
    s.measurement.push_back(start_measurement(targets_[t].published, z0.measurement.col(static_cast<Eigen::Index>(t))));
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
  const SectorBaseline& sb = baseline_.sectors;
  advance_national(p.cycle, p.national, national_, year_index, z, s.national);
  for (int k = 0; k < kDifferentialCount; ++k) {
    const auto d = static_cast<Differential>(k);
    advance_differential(differential(p.differentials, d), differential_step(p, z.differential_step, d),
                         z.differential_transitory.col(k), s.differentials[static_cast<std::size_t>(k)]);
  }
  const DrawArray x = s.national.centred_cycle();
  // ln J0(t) = ln J(t0) + [L(t) - L(t0)] + beta x~(t) + r(t), and the same for GVA per hour.
  const DrawArray total_jobs0 = exp_each(std::log(sb.jobs.sum()) + s.national.jobs +
                                         departure(p.differentials, s.differentials, Differential::region_jobs, x));
  const DrawArray productivity0 =
      exp_each(std::log(base_productivity(sb)) + s.national.productivity +
               departure(p.differentials, s.differentials, Differential::region_productivity, x));
  advance_sector_split(p.sectors, correlation_, z, s.log_shares, s.log_relative_productivity);
  s.jobs = sector_jobs(total_jobs0, s.log_shares);
  s.gva_per_hour = sector_productivity(productivity0, s.log_relative_productivity, s.jobs, sb.hours_per_job);

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
  const DrawArray differential_growth = log_total_jobs - s.log_total_jobs - s.national.jobs_growth;
  s.log_total_jobs = log_total_jobs;

  const double projected = baseline_.population_growth.at(static_cast<std::size_t>(year_index - 1));
  const DrawArray previous_employment_rate = s.employment_rate;
  advance_population(p.labour, z, projected, differential_growth, s.log_population);
  advance_residents_in_work(p.labour, z, projected, s.national.employment_rate_change, previous_employment_rate,
                            differential_growth, s.log_residents_in_work);
  s.employment_rate = exp_each(s.log_residents_in_work - s.log_population);
  if (effects) employment_channel(*effects, s, activity_uplift_change);
  advance_activity(p.labour, z, s.employment_rate, previous_employment_rate, s.national.employment_rate_change,
                   s.national.activity_rate_change, activity_uplift_change, s.activity_rate);
  // The activity floor holds for all residents in work, those the employment channel moved included.
  if (effects)
    s.activity_rate = s.activity_rate.max(s.employment_rate + s.supply_employment_rate + p.labour.min_unemployment);
  comparator_values(baseline_.comparator, p.differentials, s.differentials, s.national, s.comparator);
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    const auto c = static_cast<Eigen::Index>(t);
    advance_measurement(targets_[t].published, z.measurement.col(c), z.measurement_drift.col(c), s.measurement[t]);
  }
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
  // Undefined without net growth: the SEP target cannot be met then (docs/model.md section 9).
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
