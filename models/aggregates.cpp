#include "models/aggregates.h"

#include "models/sector_sums.h"

namespace lissim::models {

Aggregates aggregate(const SectorArray& jobs, const SectorArray& gva_per_hour, const Vector& hours_per_job,
                     const Vector& private_share, const SectorArray& better_share) {
  Aggregates a;
  a.jobs = sum_over_sectors(jobs);
  a.hours = weighted_sum_over_sectors(jobs, hours_per_job);
  a.gva = weighted_sum_over_sectors(gva_per_hour * jobs, hours_per_job);
  a.gva_per_hour = a.gva / a.hours;
  a.private_jobs = weighted_sum_over_sectors(jobs, private_share);
  a.better_jobs = sum_over_sectors(better_share * jobs);
  return a;
}

}  // namespace lissim::models
