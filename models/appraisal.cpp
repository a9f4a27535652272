#include "models/appraisal.h"

#include <cmath>
#include <limits>

#include "models/sector_sums.h"

namespace lissim::models {

const AppraisalMeasureInfo& appraisal_measure_info(AppraisalMeasure m) {
  static const std::array<AppraisalMeasureInfo, kAppraisalMeasureCount> info{{
      {"cost_pv", "GBP m (base-year prices, discounted)", "Present value of the spend, optimism bias included"},
      {"benefit_pv", "GBP m (base-year prices, discounted)",
       "Present value of the net additional GVA over the appraisal period, residual value included"},
      {"npv", "GBP m (base-year prices, discounted)", "Net present value: benefit_pv - cost_pv"},
      {"bcr", "1", "Benefit-cost ratio: benefit_pv / cost_pv; NaN without cost"},
      {"cost_per_net_job", "GBP per job (base-year prices, undiscounted public cost)",
       "As evaluations report it: undiscounted public cost (no optimism bias) / peak net additional jobs "
       "(jobs and employment channels, in this view's geography); NaN without net additional jobs"},
      {"cost_per_net_job_year", "GBP per job-year (base-year prices, undiscounted public cost)",
       "Undiscounted public cost / net additional job-years over the appraisal period; NaN without net "
       "additional jobs"},
      {"bcr_without_productivity", "1",
       "BCR counting only the jobs and employment channels' GVA (no productivity uplift); NaN without cost"},
      {"public_cost", "GBP m (base-year prices, undiscounted)", "Sum of the spend, no optimism bias"},
      {"residual_value_pv", "GBP m (base-year prices, discounted)",
       "Present value of benefits after the appraisal period from an asset that outlives it (in benefit_pv)"},
      {"cost_pv_per_net_job", "GBP per job (base-year prices, discounted)",
       "Green Book figure: cost_pv / peak net additional jobs; NaN without net additional jobs"},
      {"cost_pv_per_net_job_year", "GBP per job-year (base-year prices, discounted)",
       "Green Book figure: cost_pv / net additional job-years over the appraisal period"},
      {"peak_net_jobs", "persons", "Peak of the net additional jobs over the appraisal period (jobs and employment channels)"},
      {"net_job_years", "job-years", "Net additional job-years over the appraisal period (jobs and employment channels)"},
  }};
  return info[static_cast<std::size_t>(m)];
}

int vfm_band(double bcr) {
  if (std::isnan(bcr)) return -1;
  int band = 0;
  while (band < kVfmBandCount - 1 && bcr >= kVfmBcrEdges[static_cast<std::size_t>(band)]) ++band;
  return band;
}

double discount_factor(double rate, int years) { return 1.0 / std::pow(1.0 + rate, years); }

double discounted_spend(const Eigen::ArrayXd& spend, double rate) {
  double total = 0.0;
  for (Eigen::Index t = 0; t < spend.size(); ++t) total += spend[t] * discount_factor(rate, static_cast<int>(t));
  return total;
}

DrawArray residual_value(const DrawArray& value, const DrawArray& persistence, double rate, int end, int years) {
  DrawArray factor = DrawArray::Zero(value.size());
  DrawArray survival = DrawArray::Ones(value.size());
  for (int k = 1; k <= years; ++k) {
    survival *= persistence;
    factor += survival * discount_factor(rate, end + k);
  }
  return value * factor;
}

namespace {

constexpr double kGbpPerMillion = 1e6;

// sum_s h_s Q0_s x_s in GBP m, in sector order.
DrawArray value_in_gbp_m(const SectorArray& x, const SectorArray& gva_per_hour0, const Vector& hours_per_job) {
  return weighted_sum_over_sectors(gva_per_hour0 * x, hours_per_job) / kGbpPerMillion;
}

}  // namespace

DrawArray package_gva(const InterventionEffects& p, const SectorArray& jobs0, const SectorArray& gva_per_hour0,
                      const Vector& hours_per_job) {
  const SectorArray& u = p.productivity_uplift;
  const SectorArray& a = p.added_jobs;
  return value_in_gbp_m(u * jobs0 + a + u * a, gva_per_hour0, hours_per_job);
}

DrawArray attributed_gva(const InterventionEffects& own, const InterventionEffects& p, const SectorArray& jobs0,
                         const SectorArray& gva_per_hour0, const Vector& hours_per_job) {
  const SectorArray& ui = own.productivity_uplift;
  const SectorArray& ai = own.added_jobs;
  return value_in_gbp_m(ui * jobs0 + ai + 0.5 * (ui * p.added_jobs + ai * p.productivity_uplift), gva_per_hour0,
                        hours_per_job);
}

void AppraisalAccumulator::start(Eigen::Index draws) {
  benefit_pv_.setZero(draws);
  benefit_pv_without_productivity_.setZero(draws);
  residual_pv_.setZero(draws);
  job_years_.setZero(draws);
  peak_jobs_.setZero(draws);
}

void AppraisalAccumulator::add_year(double discount, const DrawArray& benefit,
                                    const DrawArray& benefit_without_productivity, const DrawArray& net_jobs) {
  benefit_pv_ += discount * benefit;
  benefit_pv_without_productivity_ += discount * benefit_without_productivity;
  job_years_ += net_jobs;
  peak_jobs_ = peak_jobs_.max(net_jobs);
}

void AppraisalAccumulator::add_residual(const DrawArray& pv, const DrawArray& pv_without_productivity) {
  residual_pv_ += pv;
  benefit_pv_ += pv;
  benefit_pv_without_productivity_ += pv_without_productivity;
}

std::array<DrawArray, kAppraisalMeasureCount> AppraisalAccumulator::finish(const DrawArray& cost_pv,
                                                                           double public_cost) const {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::array<DrawArray, kAppraisalMeasureCount> out;
  auto set = [&out](AppraisalMeasure m, DrawArray v) { out[static_cast<std::size_t>(m)] = std::move(v); };
  auto per = [nan](const DrawArray& cost, const DrawArray& count) {
    return DrawArray((count > 0.0).select(kGbpPerMillion * cost / count, nan));
  };
  const Eigen::Index n = cost_pv.size();
  const DrawArray public_cost_each = DrawArray::Constant(n, public_cost);
  set(AppraisalMeasure::cost_pv, cost_pv);
  set(AppraisalMeasure::benefit_pv, benefit_pv_);
  set(AppraisalMeasure::npv, benefit_pv_ - cost_pv);
  set(AppraisalMeasure::bcr, (cost_pv > 0.0).select(benefit_pv_ / cost_pv, nan));
  set(AppraisalMeasure::cost_per_net_job, per(public_cost_each, peak_jobs_));
  set(AppraisalMeasure::cost_per_net_job_year, per(public_cost_each, job_years_));
  set(AppraisalMeasure::bcr_without_productivity, (cost_pv > 0.0).select(benefit_pv_without_productivity_ / cost_pv, nan));
  set(AppraisalMeasure::public_cost, public_cost_each);
  set(AppraisalMeasure::residual_value_pv, residual_pv_);
  set(AppraisalMeasure::cost_pv_per_net_job, per(cost_pv, peak_jobs_));
  set(AppraisalMeasure::cost_pv_per_net_job_year, per(cost_pv, job_years_));
  set(AppraisalMeasure::peak_net_jobs, peak_jobs_);
  set(AppraisalMeasure::net_job_years, job_years_);
  return out;
}

}  // namespace lissim::models
