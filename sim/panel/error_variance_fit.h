#pragma once
// The pseudo-out-of-sample estimator of MODEL.md 7. For each region i and horizon h the
// no-change errors e(o, h) = y(o + h) - y(o) over the origins o with o + h within the window
// are summarised by their count and sum of squares; pooled over regions (with weights, for
// resampling), their mean square m(h) is fitted by weighted least squares to
//     m(h) = h sigma^2 + h^2 tau^2 + 2 sigma_m^2
// with tau^2 fixed (a prior: the panel does not identify it) or, as a diagnostic, free.
// The errors are uncentred: the model's forecast of the differential is centred at zero drift
// (kappa = 0), so its errors are measured from zero.
#include <map>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace lissim::sim {

struct ErrorMoments {
  int max_horizon = 0;
  int first_origin = 0;
  int last_origin = 0;
  Eigen::ArrayXXd count;        // regions x horizons (column h - 1)
  Eigen::ArrayXXd sum;          // of errors
  Eigen::ArrayXXd sum_squares;  // of squared errors
};

// series[i]: region i's y by year. Errors use origins o >= first_year of the region's data and
// targets o + h <= last_year; years missing in a region are skipped. drift: the errors are
// measured from the forecast y(o) + h drift (0: no change).
ErrorMoments no_change_error_moments(const std::vector<std::map<int, double>>& series, int last_year,
                                     int max_horizon, double drift = 0);

struct VarianceFit {
  double sigma2 = 0;  // random-walk variance a year
  double noise2 = 0;  // measurement-noise variance sigma_m^2
  double tau2 = 0;    // drift variance (fixed unless fitted free)
  Eigen::ArrayXd observed;  // m(h), h = 1..H
  Eigen::ArrayXd pairs;     // errors behind each m(h)
  Eigen::ArrayXd fitted;
};

// Pooled mean squares with region weights (1 each for the sample, bootstrap counts to resample).
void pooled_mean_squares(const ErrorMoments& moments, const Eigen::ArrayXd& region_weights, Eigen::ArrayXd& mean_square,
                         Eigen::ArrayXd& pairs);

// WLS with weights pairs(h) / fitted(h)^2 (the sampling variance of a mean square is about
// 2 m^2 / n), iterated from the observed values; sigma2 and noise2 constrained to be >= 0.
// free_tau: tau2 fitted too, unconstrained (a diagnostic of identification).
VarianceFit fit_error_variance(const Eigen::ArrayXd& mean_square, const Eigen::ArrayXd& pairs, double tau2_fixed,
                               bool free_tau = false);

}  // namespace lissim::sim
