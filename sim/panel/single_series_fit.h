#pragma once
// The differential of one large aggregate (the comparator, England excluding London) from its
// own series, where no pool of areas of its size exists. Its annual changes
//     d(t) = y(t) - y(t-1) = mu + sigma u(t) + sigma_m (n(t) - n(t-1))
// are Gaussian with mean mu and covariance sigma^2 I + sigma_m^2 T (T tridiagonal: 2 on the
// diagonal, -1 beside it), the process of models/regional_differential.h with drift mu. sigma
// and sigma_m are estimated by restricted maximum likelihood (REML, mu profiled out by GLS) on a
// grid, with profile-likelihood intervals (likelihood ratio against the chi-square(1)
// quantile), which behave at the boundary sigma = 0 where a bootstrap does not.
#include <map>

namespace lissim::sim {

struct SingleSeriesFit {
  double sigma = 0, sigma_low = 0, sigma_high = 0;
  double noise_sd = 0, noise_low = 0, noise_high = 0;
  double drift = 0;     // GLS estimate of mu at the estimates
  double drift_se = 0;  // sqrt(1 / (1' S^-1 1))
  int changes = 0;      // annual changes used
};

// y by year (consecutive years; a gap ends the series used at the first gap). level: the
// intervals' coverage (0.9). Needs at least 4 changes.
SingleSeriesFit fit_single_series(const std::map<int, double>& y, double level = 0.9);

}  // namespace lissim::sim
