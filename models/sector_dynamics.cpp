#include "models/sector_dynamics.h"

namespace lissim::models {

SectorArray correlate(const SectorArray& independent, const Matrix& cholesky) {
  return (independent.matrix() * cholesky.transpose()).array();
}

void advance_sectors(const SectorParameters& p, const SectorCorrelation& corr, const DrawArray& cycle,
                     const YearShocks& z, SectorArray& log_jobs0, SectorArray& log_productivity0) {
  const auto c = cycle.replicate(1, log_jobs0.cols());
  log_jobs0 += p.jobs_trend + p.jobs_cycle_elasticity * c + p.jobs_sd * correlate(z.jobs, corr.jobs_cholesky);
  log_productivity0 += p.productivity_trend + p.productivity_cycle_elasticity * c +
                       p.productivity_sd * correlate(z.productivity, corr.productivity_cholesky);
}

void advance_better_jobs(const SectorParameters& p, const YearShocks& z, const SectorArray& uplift_change,
                         SectorArray& better_share) {
  better_share = (better_share + p.better_jobs_trend + p.better_jobs_sd * z.better_jobs + uplift_change)
                     .max(0.0)
                     .min(1.0);
}

}  // namespace lissim::models
