#include "models/intervention_effects.h"

namespace lissim::models {

void InterventionEffects::set_zero(Eigen::Index draws, Eigen::Index sectors) {
  added_jobs.setZero(draws, sectors);
  productivity_uplift.setZero(draws, sectors);
  better_jobs_uplift.setZero(draws, sectors);
  activity_uplift.setZero(draws);
}

}  // namespace lissim::models
