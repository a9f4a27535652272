#include "models/sector_dynamics.h"

#include "models/sector_sums.h"

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

void advance_sector_split(const SectorParameters& p, const SectorCorrelation& corr, const YearShocks& z,
                          SectorArray& log_shares, SectorArray& log_relative_productivity) {
  log_shares += p.share_trend + p.share_sd * correlate(z.jobs, corr.jobs_cholesky);
  log_relative_productivity +=
      p.relative_productivity_trend + p.relative_productivity_sd * correlate(z.productivity, corr.productivity_cholesky);
}

SectorArray sector_jobs(const DrawArray& total_jobs, const SectorArray& log_shares) {
  const SectorArray weights = exp_each(log_shares);
  const DrawArray scale = total_jobs / sum_over_sectors(weights);
  return weights.colwise() * scale;
}

SectorArray sector_productivity(const DrawArray& productivity, const SectorArray& log_relative_productivity,
                                const SectorArray& jobs, const Vector& hours_per_job) {
  const SectorArray relative = exp_each(log_relative_productivity);
  const DrawArray hours = weighted_sum_over_sectors(jobs, hours_per_job);
  const DrawArray mean_relative = weighted_sum_over_sectors(relative * jobs, hours_per_job) / hours;
  return relative.colwise() * (productivity / mean_relative);
}

void advance_better_jobs(const SectorParameters& p, const YearShocks& z, const SectorArray& uplift_change,
                         SectorArray& better_share) {
  better_share = (better_share + p.better_jobs_trend + p.better_jobs_sd * z.better_jobs + uplift_change)
                     .max(0.0)
                     .min(1.0);
}

}  // namespace lissim::models
