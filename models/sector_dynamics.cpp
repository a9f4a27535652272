#include "models/sector_dynamics.h"

namespace lissim::models {

SectorArray correlate(const SectorArray& independent, const Matrix& cholesky) {
  // Column i is sum_{j <= i} L(i, j) z_j, added in order j = 0, 1, ... for every draw.
  SectorArray out(independent.rows(), independent.cols());
  for (Eigen::Index i = 0; i < independent.cols(); ++i) {
    out.col(i) = cholesky(i, 0) * independent.col(0);
    for (Eigen::Index j = 1; j <= i; ++j) out.col(i) += cholesky(i, j) * independent.col(j);
  }
  return out;
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
