#pragma once
// docs/model.md sections 2, 3 and 7: how the region's totals are split between sectors. Sector jobs
// take shares of the total that drift with national structural change plus marked noise,
// renormalised; sector GVA per hour keeps its base-year relative to the regional level,
// drifting likewise, rescaled so the hours-weighted mean is the regional level. The split
// never moves the totals: industry mix enters through the shares only.
#include "models/parameters.h"
#include "models/shocks.h"

namespace lissim::models {

// Applies the correlation: row d of the result is L z_d, L the Cholesky factor.
SectorArray correlate(const SectorArray& independent, const Matrix& cholesky);

// ln w~_s += share_trend_s + share_sd_s (L_J z_J)_s;
// ln rel~_s += relative_productivity_trend_s + relative_productivity_sd_s (L_Q z_Q)_s
void advance_sector_split(const SectorParameters& p, const SectorCorrelation& corr, const YearShocks& z,
                          SectorArray& log_shares, SectorArray& log_relative_productivity);

// J_s = J w~_s / sum_k w~_k.
SectorArray sector_jobs(const DrawArray& total_jobs, const SectorArray& log_shares);

// Q_s = Q rel~_s / (sum_k rel~_k J_k h_k / sum_k J_k h_k), so sum Q_s J_s h_s / sum J_s h_s = Q.
SectorArray sector_productivity(const DrawArray& productivity, const SectorArray& log_relative_productivity,
                                const SectorArray& jobs, const Vector& hours_per_job);

// b_s = clamp(b_s + delta_s + sd_b_s z_b + (uplift_s(t) - uplift_s(t-1)), 0, 1)
void advance_better_jobs(const SectorParameters& p, const YearShocks& z, const SectorArray& uplift_change,
                         SectorArray& better_share);

}  // namespace lissim::models
