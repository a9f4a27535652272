#include "models/appraisal.h"

#include <cmath>
#include <limits>

#include "models/sector_sums.h"

namespace lissim::models {

const AppraisalMeasureInfo& appraisal_measure_info(AppraisalMeasure m) {
  static const std::array<AppraisalMeasureInfo, kAppraisalMeasureCount> info{{
      {"cost_pv", "GBP m (base-year prices, discounted)", "Present value of the spend, optimism bias included"},
      {"benefit_pv", "GBP m (base-year prices, discounted)", "Present value of the net additional GVA"},
      {"npv", "GBP m (base-year prices, discounted)", "Net present value: benefit_pv - cost_pv"},
      {"bcr", "1", "Benefit-cost ratio: benefit_pv / cost_pv; NaN without cost"},
      {"cost_per_net_job", "GBP per job (base-year prices, discounted)",
       "cost_pv / peak net additional jobs; NaN without net additional jobs"},
      {"cost_per_net_job_year", "GBP per job-year (base-year prices, discounted)",
       "cost_pv / net additional job-years over the appraisal years; NaN without net additional jobs"},
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
  job_years_.setZero(draws);
  peak_jobs_.setZero(draws);
}

void AppraisalAccumulator::add_year(double discount, const DrawArray& net_gva, const DrawArray& net_jobs) {
  benefit_pv_ += discount * net_gva;
  job_years_ += net_jobs;
  peak_jobs_ = peak_jobs_.max(net_jobs);
}

std::array<DrawArray, kAppraisalMeasureCount> AppraisalAccumulator::finish(const DrawArray& cost_pv) const {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::array<DrawArray, kAppraisalMeasureCount> out;
  auto set = [&out](AppraisalMeasure m, DrawArray v) { out[static_cast<std::size_t>(m)] = std::move(v); };
  set(AppraisalMeasure::cost_pv, cost_pv);
  set(AppraisalMeasure::benefit_pv, benefit_pv_);
  set(AppraisalMeasure::npv, benefit_pv_ - cost_pv);
  set(AppraisalMeasure::bcr, (cost_pv > 0.0).select(benefit_pv_ / cost_pv, nan));
  const DrawArray cost_gbp = kGbpPerMillion * cost_pv;
  set(AppraisalMeasure::cost_per_net_job, (peak_jobs_ > 0.0).select(cost_gbp / peak_jobs_, nan));
  set(AppraisalMeasure::cost_per_net_job_year, (job_years_ > 0.0).select(cost_gbp / job_years_, nan));
  return out;
}

}  // namespace lissim::models
