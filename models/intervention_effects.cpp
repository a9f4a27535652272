#include "models/intervention_effects.h"

namespace lissim::models {

void InterventionEffects::set_zero(Eigen::Index draws, Eigen::Index sectors) {
  added_jobs.setZero(draws, sectors);
  productivity_uplift.setZero(draws, sectors);
  better_jobs_uplift.setZero(draws, sectors);
  activity_uplift.setZero(draws);
}

InterventionEffects& InterventionEffects::operator+=(const InterventionEffects& other) {
  added_jobs += other.added_jobs;
  productivity_uplift += other.productivity_uplift;
  better_jobs_uplift += other.better_jobs_uplift;
  activity_uplift += other.activity_uplift;
  return *this;
}

void net_effects(const InterventionDesign& design, const InterventionDraws& draws, const DrawArray& driver, View view,
                 InterventionEffects& out) {
  const Eigen::Index sectors = design.sector_weights.size();
  out.set_zero(driver.size(), sectors);
  const Additionality& a = draws.view(view);
  // Gross effect of a channel times its additionality, shared among sectors by weight.
  auto by_sector = [&](Channel c, const DrawArray& factor, SectorArray& target) {
    if (!design.has(c)) return;
    const DrawArray net = draws.gross(c) * driver * factor;
    for (Eigen::Index s = 0; s < sectors; ++s) target.col(s) = net * design.sector_weights[s];
  };
  by_sector(Channel::jobs, a.output_factor(), out.added_jobs);
  by_sector(Channel::better_jobs, a.output_factor(), out.better_jobs_uplift);
  by_sector(Channel::productivity, a.uplift_factor(), out.productivity_uplift);
  if (design.has(Channel::productivity) && design.spillover_weights.size() == sectors) {
    const DrawArray spill = draws.spillover_share * draws.gross(Channel::productivity) * driver * a.uplift_factor();
    for (Eigen::Index s = 0; s < sectors; ++s) out.productivity_uplift.col(s) += spill * design.spillover_weights[s];
  }
  if (design.has(Channel::activity)) out.activity_uplift = draws.gross(Channel::activity) * driver * a.uplift_factor();
}

}  // namespace lissim::models
