#include "sim/engine/intervention_package.h"

#include "models/intervention_timing.h"
#include "models/sector_sums.h"

namespace lissim::sim {

using models::View;

InterventionPackage::InterventionPackage(const Scenario& scenario, const DrawInputs& inputs, SampleRecorder* recorder)
    : scenario_(scenario), count_(inputs.count) {
  const Eigen::Index count = inputs.count;
  const std::size_t n = scenario.interventions.size();
  for (std::size_t i = 0; i < n; ++i) draws_.push_back(draw_intervention(scenario, i, inputs, recorder));
  effects_.resize(n * models::kViewCount);
  jobs_.assign((n + 1) * models::kViewCount, models::DrawArray::Zero(count));
  gva_.assign((n + 1) * models::kViewCount, models::DrawArray::Zero(count));
  appraisal_.resize((n + 1) * models::kViewCount);
  for (auto& a : appraisal_) a.start(count);
}

void InterventionPackage::compute_year(int year) {
  const std::size_t n = draws_.size();
  const Eigen::Index sectors = scenario_.baseline.sectors.count();
  std::vector<models::DrawArray> effective(n);
  for (std::size_t i = 0; i < n; ++i)
    effective[i] = models::effective_spend(scenario_.interventions[i].design, year, draws_[i]);
  for (auto& p : package_) p.set_zero(count_, sectors);
  for (std::size_t i = 0; i < n; ++i) {  // id order: sums never depend on the file's order
    const models::InterventionDesign& design = scenario_.interventions[i].design;
    models::DrawArray driver = models::saturated_spend(design, effective[i], draws_[i]);
    if (design.skills_partner >= 0)
      driver *= models::skills_factor(draws_[i], effective[design.skills_partner]);
    for (const View v : {View::local, View::national}) {
      models::net_effects(design, draws_[i], driver, v, effects_[slot(i, v)]);
      package_[static_cast<std::size_t>(v)] += effects_[slot(i, v)];
    }
  }
}

void InterventionPackage::appraise_year(int year, const models::SectorArray& jobs0,
                                        const models::SectorArray& gva_per_hour0, const models::Vector& hours_per_job) {
  const std::size_t n = draws_.size();
  const double discount = models::discount_factor(scenario_.discount_rate, year);
  for (const View v : {View::local, View::national}) {
    const models::InterventionEffects& package = package_[static_cast<std::size_t>(v)];
    for (std::size_t i = 0; i <= n; ++i) {
      const std::size_t k = slot(i, v);
      const models::InterventionEffects& own = i < n ? effects_[k] : package;
      gva_[k] = i < n ? models::attributed_gva(own, package, jobs0, gva_per_hour0, hours_per_job)
                      : models::package_gva(package, jobs0, gva_per_hour0, hours_per_job);
      jobs_[k] = models::sum_over_sectors(own.added_jobs);
      appraisal_[k].add_year(discount, gva_[k], jobs_[k]);
    }
  }
}

std::array<models::DrawArray, models::kAppraisalMeasureCount> InterventionPackage::appraisal(std::size_t i,
                                                                                              View v) const {
  const std::size_t n = draws_.size();
  const double rate = scenario_.discount_rate;
  models::DrawArray cost = models::DrawArray::Zero(count_);
  for (std::size_t j = 0; j < n; ++j) {
    if (i < n && j != i) continue;
    cost += models::discounted_spend(scenario_.interventions[j].design.spend, rate) * (1.0 + draws_[j].optimism_bias);
  }
  return appraisal_[slot(i, v)].finish(cost);
}

}  // namespace lissim::sim
