#include "sim/panel/error_variance_fit.h"

#include <Eigen/Dense>
#include <algorithm>

namespace lissim::sim {

ErrorMoments no_change_error_moments(const std::vector<std::map<int, double>>& series, int last_year,
                                     int max_horizon, double drift) {
  ErrorMoments m;
  m.max_horizon = max_horizon;
  const auto regions = static_cast<Eigen::Index>(series.size());
  m.count = Eigen::ArrayXXd::Zero(regions, max_horizon);
  m.sum = m.count;
  m.sum_squares = m.count;
  m.first_origin = last_year;
  m.last_origin = 0;
  for (Eigen::Index i = 0; i < regions; ++i)
    for (const auto& [origin, y0] : series[static_cast<std::size_t>(i)])
      for (int h = 1; h <= max_horizon && origin + h <= last_year; ++h) {
        const auto target = series[static_cast<std::size_t>(i)].find(origin + h);
        if (target == series[static_cast<std::size_t>(i)].end()) continue;
        const double e = target->second - y0 - h * drift;
        m.count(i, h - 1) += 1;
        m.sum(i, h - 1) += e;
        m.sum_squares(i, h - 1) += e * e;
        m.first_origin = std::min(m.first_origin, origin);
        m.last_origin = std::max(m.last_origin, origin);
      }
  return m;
}

void pooled_mean_squares(const ErrorMoments& moments, const Eigen::ArrayXd& region_weights, Eigen::ArrayXd& mean_square,
                         Eigen::ArrayXd& pairs) {
  pairs = (moments.count.colwise() * region_weights).colwise().sum().transpose();
  const Eigen::ArrayXd squares = (moments.sum_squares.colwise() * region_weights).colwise().sum().transpose();
  mean_square = squares / pairs.max(1.0);
}

VarianceFit fit_error_variance(const Eigen::ArrayXd& mean_square, const Eigen::ArrayXd& pairs, double tau2_fixed,
                               bool free_tau) {
  const auto n = mean_square.size();
  const Eigen::ArrayXd h = Eigen::ArrayXd::LinSpaced(n, 1.0, static_cast<double>(n));
  VarianceFit fit;
  fit.observed = mean_square;
  fit.pairs = pairs;
  fit.tau2 = tau2_fixed;
  // Starting weights from the observed mean squares (floored so one zero cannot dominate).
  Eigen::ArrayXd scale = mean_square.max(1e-12 + 1e-3 * mean_square.maxCoeff());
  for (int iteration = 0; iteration < 4; ++iteration) {
    const Eigen::ArrayXd w = (pairs / scale.square()).sqrt();  // rows scaled by sqrt(weight)
    if (free_tau) {
      Eigen::MatrixXd x(n, 3);
      x.col(0) = (w * h).matrix();
      x.col(1) = w.matrix();
      x.col(2) = (w * h * h).matrix();
      const Eigen::VectorXd beta = x.colPivHouseholderQr().solve((w * mean_square).matrix());
      fit.sigma2 = beta(0);
      fit.noise2 = beta(1) / 2;
      fit.tau2 = beta(2);
    } else {
      const Eigen::ArrayXd target = mean_square - h * h * tau2_fixed;
      // Unconstrained b h + a; then the boundaries a = 0 or b = 0 if it leaves the range.
      const double sw = (w * w).sum(), sh = (w * w * h).sum(), shh = (w * w * h * h).sum();
      const double sy = (w * w * target).sum(), shy = (w * w * h * target).sum();
      const double det = sw * shh - sh * sh;
      double b = det > 0 ? (sw * shy - sh * sy) / det : 0;
      double a = det > 0 ? (sy - b * sh) / sw : sy / sw;
      if (b < 0) {
        b = 0;
        a = sy / sw;
      }
      if (a < 0) {
        a = 0;
        b = std::max(0.0, shy / shh);
      }
      fit.sigma2 = b;
      fit.noise2 = a / 2;
    }
    fit.fitted = h * fit.sigma2 + h * h * fit.tau2 + 2 * fit.noise2;
    scale = fit.fitted.max(1e-12 + 1e-3 * mean_square.maxCoeff());
  }
  return fit;
}

}  // namespace lissim::sim
