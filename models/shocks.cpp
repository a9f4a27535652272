#include "models/shocks.h"

namespace lissim::models {

void YearShocks::resize(Eigen::Index draws, Eigen::Index sectors) {
  for (DrawArray* a : {&cycle, &recession_uniform, &recession_depth, &population, &residents_in_work,
                       &activity, &comparator_employment_rate, &comparator_activity_rate,
                       &comparator_private_density, &comparator_gva_per_hour})
    a->resize(draws);
  for (SectorArray* a : {&jobs, &productivity, &better_jobs}) a->resize(draws, sectors);
}

}  // namespace lissim::models
