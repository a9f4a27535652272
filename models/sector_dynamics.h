#pragma once
// docs/model.md sections 2, 3 and 7: counterfactual sector jobs and productivity (log levels) and the
// sector shares of better jobs.
#include "models/parameters.h"
#include "models/shocks.h"

namespace lissim::models {

// Applies the correlation: row d of the result is L z_d, L the Cholesky factor.
SectorArray correlate(const SectorArray& independent, const Matrix& cholesky);

// ln J0_s += g_s + beta_s c + sd_J_s (L_J z_J)_s;  ln Q0_s += pi_s + gamma_s c + sd_Q_s (L_Q z_Q)_s
void advance_sectors(const SectorParameters& p, const SectorCorrelation& corr, const DrawArray& cycle,
                     const YearShocks& z, SectorArray& log_jobs0, SectorArray& log_productivity0);

// b_s = clamp(b_s + delta_s + sd_b_s z_b + (uplift_s(t) - uplift_s(t-1)), 0, 1)
void advance_better_jobs(const SectorParameters& p, const YearShocks& z, const SectorArray& uplift_change,
                         SectorArray& better_share);

}  // namespace lissim::models
