#include "sim/engine/intervention_package.h"

#include "models/intervention_timing.h"
#include "models/sector_sums.h"

namespace lissim::sim {

using models::DrawArray;
using models::View;

namespace {
constexpr double kGbpPerMillion = 1e6;
}  // namespace

InterventionPackage::InterventionPackage(const Scenario& scenario, const DrawInputs& inputs, SampleRecorder* recorder)
    : scenario_(scenario), count_(inputs.count) {
  const Eigen::Index count = inputs.count;
  const std::size_t n = scenario.interventions.size();
  for (std::size_t i = 0; i < n; ++i) draws_.push_back(draw_intervention(scenario, i, inputs, recorder));
  effects_.resize(n * models::kViewCount);
  jobs_.assign((n + 1) * models::kViewCount, DrawArray::Zero(count));
  gva_.assign((n + 1) * models::kViewCount, DrawArray::Zero(count));
  appraisal_.resize((n + 1) * models::kViewCount);
  for (auto& a : appraisal_) a.start(count);
}

void InterventionPackage::compute_year(int year) {
  const std::size_t n = draws_.size();
  const Eigen::Index sectors = scenario_.baseline.sectors.count();
  std::vector<DrawArray> effective(n);
  for (std::size_t i = 0; i < n; ++i)
    effective[i] = models::effective_spend(scenario_.interventions[i].design, year, draws_[i]);
  for (auto& p : package_) p.set_zero(count_, sectors);
  for (std::size_t i = 0; i < n; ++i) {  // id order: sums never depend on the file's order
    const models::InterventionDesign& design = scenario_.interventions[i].design;
    DrawArray driver = models::saturated_spend(design, effective[i], draws_[i]);
    if (design.skills_partner >= 0)
      driver *= models::skills_factor(draws_[i], effective[design.skills_partner]);
    for (const View v : {View::local, View::national}) {
      models::net_effects(design, draws_[i], driver, v, effects_[slot(i, v)]);
      package_[static_cast<std::size_t>(v)] += effects_[slot(i, v)];
    }
  }
}

DrawArray InterventionPackage::gva_per_job_taken(const models::InterventionDesign& design,
                                                 const models::SectorArray& jobs0,
                                                 const models::SectorArray& gva_per_hour0,
                                                 const models::Vector& hours_per_job) const {
  const models::SectorArray per_job = gva_per_hour0.rowwise() * hours_per_job.transpose().array();
  if (design.sector_weights.sum() > 0.0)  // the sectors the programme trains for
    return (per_job.rowwise() * design.sector_weights.transpose()).rowwise().sum() / kGbpPerMillion;
  return (per_job * jobs0).rowwise().sum() / jobs0.rowwise().sum() / kGbpPerMillion;  // the region's average job
}

void InterventionPackage::appraise_year(int year, const models::SectorArray& jobs0,
                                        const models::SectorArray& gva_per_hour0, const models::Vector& hours_per_job) {
  const std::size_t n = draws_.size();
  const int end = scenario_.appraisal_end_year - scenario_.base_year();
  const double discount = models::discount_factor(scenario_.discount_rate, year);
  for (const View v : {View::local, View::national}) {
    const models::InterventionEffects& package = package_[static_cast<std::size_t>(v)];
    const std::size_t all = slot(n, v);
    gva_[all].setZero(count_);
    jobs_[all].setZero(count_);
    std::vector<DrawArray> benefit(n), without_productivity(n);
    DrawArray package_benefit = DrawArray::Zero(count_), package_without = DrawArray::Zero(count_);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t k = slot(i, v);
      const models::InterventionEffects& own = effects_[k];
      const models::InterventionDesign& design = scenario_.interventions[i].design;
      // Labour-supply benefit: residents moved into work times the GVA per job of the work taken.
      const DrawArray employment_gva =
          design.has(models::Channel::employment)
              ? DrawArray(own.residents_into_work * gva_per_job_taken(design, jobs0, gva_per_hour0, hours_per_job))
              : DrawArray::Zero(count_);
      const DrawArray jobs_gva = models::attributed_gva(own, package, jobs0, gva_per_hour0, hours_per_job);
      const models::InterventionEffects jobs_only{own.added_jobs,
                                                  models::SectorArray::Zero(own.added_jobs.rows(), own.added_jobs.cols()),
                                                  own.better_jobs_uplift, own.activity_uplift,
                                                  own.residents_into_work, own.inactive_into_work};
      const DrawArray demand_gva = models::package_gva(jobs_only, jobs0, gva_per_hour0, hours_per_job);
      gva_[k] = jobs_gva + employment_gva;
      jobs_[k] = models::sum_over_sectors(own.added_jobs) + own.residents_into_work;
      gva_[all] += gva_[k];
      jobs_[all] += jobs_[k];
      const DrawArray kept = 1.0 - draws_[i].benefit_shortfall;
      benefit[i] = gva_[k] * kept;
      without_productivity[i] = (demand_gva + employment_gva) * kept;
      package_benefit += benefit[i];
      package_without += without_productivity[i];
      if (year <= end) appraisal_[k].add_year(discount, benefit[i], without_productivity[i], jobs_[k]);
    }
    if (year <= end) appraisal_[all].add_year(discount, package_benefit, package_without, jobs_[all]);
    if (year == end) add_residual_values(benefit, without_productivity, v);
  }
}

void InterventionPackage::add_residual_values(const std::vector<DrawArray>& benefit,
                                              const std::vector<DrawArray>& without_productivity, View v) {
  const int end = scenario_.appraisal_end_year - scenario_.base_year();
  const double rate = scenario_.discount_rate;
  for (std::size_t i = 0; i < draws_.size(); ++i) {
    const models::InterventionDesign& design = scenario_.interventions[i].design;
    const int after = design.last_spend_year() + design.asset_life_years - end;
    if (design.asset_life_years <= 0 || after <= 0) continue;
    const DrawArray& p = draws_[i].persistence;
    const DrawArray pv = models::residual_value(benefit[i], p, rate, end, after);
    const DrawArray pv_without = models::residual_value(without_productivity[i], p, rate, end, after);
    appraisal_[slot(i, v)].add_residual(pv, pv_without);
    appraisal_[slot(draws_.size(), v)].add_residual(pv, pv_without);
  }
}

std::array<DrawArray, models::kAppraisalMeasureCount> InterventionPackage::appraisal(std::size_t i, View v) const {
  const std::size_t n = draws_.size();
  const double rate = scenario_.discount_rate;
  DrawArray cost = DrawArray::Zero(count_);
  double public_cost = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    if (i < n && j != i) continue;
    const Eigen::ArrayXd& spend = scenario_.interventions[j].design.spend;
    cost += models::discounted_spend(spend, rate) * (1.0 + draws_[j].optimism_bias);
    public_cost += spend.sum();
  }
  return appraisal_[slot(i, v)].finish(cost, public_cost);
}

}  // namespace lissim::sim
