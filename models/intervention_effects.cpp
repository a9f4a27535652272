#include "models/intervention_effects.h"

namespace lissim::models {

void InterventionEffects::set_zero(Eigen::Index draws, Eigen::Index sectors) {
  added_jobs.setZero(draws, sectors);
  productivity_uplift.setZero(draws, sectors);
  better_jobs_uplift.setZero(draws, sectors);
  activity_uplift.setZero(draws);
  residents_into_work.setZero(draws);
  inactive_into_work.setZero(draws);
}

InterventionEffects& InterventionEffects::operator+=(const InterventionEffects& other) {
  added_jobs += other.added_jobs;
  productivity_uplift += other.productivity_uplift;
  better_jobs_uplift += other.better_jobs_uplift;
  activity_uplift += other.activity_uplift;
  residents_into_work += other.residents_into_work;
  inactive_into_work += other.inactive_into_work;
  return *this;
}

void net_effects(const InterventionDesign& design, const InterventionDraws& draws, const DrawArray& driver, View view,
                 InterventionEffects& out) {
  const Eigen::Index sectors = design.sector_weights.size();
  out.set_zero(driver.size(), sectors);
  // Gross effect of a channel times the additionality chain of its outcome.
  auto net = [&](Channel c) { return DrawArray(draws.gross(c) * driver * draws.factors(view, outcome_of(c)).net_share()); };
  auto by_sector = [&](Channel c, SectorArray& target) {
    if (!design.has(c)) return;
    const DrawArray total = net(c);
    for (Eigen::Index s = 0; s < sectors; ++s) target.col(s) = total * design.sector_weights[s];
  };
  by_sector(Channel::jobs, out.added_jobs);
  by_sector(Channel::better_jobs, out.better_jobs_uplift);
  by_sector(Channel::productivity, out.productivity_uplift);
  if (design.has(Channel::productivity) && design.spillover_weights.size() == sectors) {
    const DrawArray spill = draws.spillover_share * net(Channel::productivity);
    for (Eigen::Index s = 0; s < sectors; ++s) out.productivity_uplift.col(s) += spill * design.spillover_weights[s];
  }
  if (design.has(Channel::activity)) out.activity_uplift = net(Channel::activity);
  if (design.has(Channel::employment)) {
    // Starts x sustained-job rate: gross residents moved into sustained work.
    out.residents_into_work = net(Channel::employment) * draws.sustained_rate;
    out.inactive_into_work = out.residents_into_work * draws.share_from_inactivity;
  }
}

}  // namespace lissim::models
