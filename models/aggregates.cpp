#include "models/aggregates.h"

namespace lissim::models {

Aggregates aggregate(const SectorArray& jobs, const SectorArray& gva_per_hour, const Vector& hours_per_job,
                     const Vector& private_share, const SectorArray& better_share) {
  Aggregates a;
  const SectorArray hours = jobs.rowwise() * hours_per_job.transpose().array();
  a.jobs = jobs.rowwise().sum();
  a.hours = hours.rowwise().sum();
  a.gva = (gva_per_hour * hours).rowwise().sum();
  a.gva_per_hour = a.gva / a.hours;
  a.private_jobs = (jobs.matrix() * private_share).array();
  a.better_jobs = (better_share * jobs).rowwise().sum();
  return a;
}

}  // namespace lissim::models
