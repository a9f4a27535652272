#include "models/shocks.h"

namespace lissim::models {

void BaseShocks::resize(Eigen::Index draws, Eigen::Index targets) {
  national_jobs_drift.resize(draws);
  national_productivity_drift.resize(draws);
  differential_drift.resize(draws, kDifferentialCount);
  differential_transitory.resize(draws, kDifferentialCount);
  measurement.resize(draws, targets);
}

void YearShocks::resize(Eigen::Index draws, Eigen::Index sectors, Eigen::Index targets) {
  for (DrawArray* a : {&cycle, &recession_uniform, &recession_depth, &national_jobs, &national_productivity,
                       &national_employment_rate, &national_activity_rate, &population, &residents_in_work,
                       &activity})
    a->resize(draws);
  for (SectorArray* a : {&differential_step, &differential_transitory}) a->resize(draws, kDifferentialCount);
  for (SectorArray* a : {&jobs, &productivity, &better_jobs}) a->resize(draws, sectors);
  for (SectorArray* a : {&measurement, &measurement_drift}) a->resize(draws, targets);
}

}  // namespace lissim::models
