#include "sim/panel/single_series_fit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/errors.h"
#include "sim/random/normal.h"

namespace lissim::sim {

namespace {

struct Likelihood {
  double value;  // restricted log-likelihood, up to a constant
  double drift;
  double drift_se;
};

Likelihood restricted_likelihood(const Eigen::VectorXd& d, double sigma, double noise) {
  const auto n = d.size();
  Eigen::MatrixXd s = Eigen::MatrixXd::Identity(n, n) * (sigma * sigma + 2 * noise * noise);
  for (Eigen::Index i = 0; i + 1 < n; ++i) s(i, i + 1) = s(i + 1, i) = -noise * noise;
  const Eigen::LLT<Eigen::MatrixXd> llt(s);
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(n);
  const Eigen::VectorXd inv_ones = llt.solve(ones);
  const double information = ones.dot(inv_ones);
  const double drift = inv_ones.dot(d) / information;
  const Eigen::VectorXd r = d - drift * ones;
  const double log_det = 2 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
  return {-0.5 * (log_det + std::log(information) + r.dot(llt.solve(r))), drift, 1 / std::sqrt(information)};
}

}  // namespace

SingleSeriesFit fit_single_series(const std::map<int, double>& y, double level) {
  std::vector<double> changes;
  for (auto it = y.begin(); std::next(it) != y.end() && std::next(it)->first == it->first + 1; ++it)
    changes.push_back(std::next(it)->second - it->second);
  if (changes.size() < 4) throw InputError("a single series needs at least 5 consecutive years to estimate");
  const Eigen::VectorXd d = Eigen::Map<const Eigen::VectorXd>(changes.data(), static_cast<Eigen::Index>(changes.size()));
  const double spread = std::sqrt((d.array() - d.mean()).square().sum() / static_cast<double>(d.size() - 1));
  // Var d = sigma^2 + 2 sigma_m^2: both lie well inside these ranges.
  const int steps = 100;
  const double sigma_max = 2.5 * spread, noise_max = 2.0 * spread, floor = 1e-4 * spread;
  const auto grid = [&](double max, int i) { return std::max(floor, max * i / steps); };
  std::vector<double> profile_sigma(steps + 1, -std::numeric_limits<double>::infinity());
  std::vector<double> profile_noise(steps + 1, -std::numeric_limits<double>::infinity());
  double best = -std::numeric_limits<double>::infinity();
  SingleSeriesFit fit;
  for (int i = 0; i <= steps; ++i)
    for (int j = 0; j <= steps; ++j) {
      const Likelihood l = restricted_likelihood(d, grid(sigma_max, i), grid(noise_max, j));
      profile_sigma[static_cast<std::size_t>(i)] = std::max(profile_sigma[static_cast<std::size_t>(i)], l.value);
      profile_noise[static_cast<std::size_t>(j)] = std::max(profile_noise[static_cast<std::size_t>(j)], l.value);
      if (l.value > best) {
        best = l.value;
        fit.sigma = sigma_max * i / steps;
        fit.noise_sd = noise_max * j / steps;
        fit.drift = l.drift;
        fit.drift_se = l.drift_se;
      }
    }
  // Profile-likelihood interval: twice the drop from the maximum within the chi-square(1) quantile.
  const double z = normal_quantile(0.5 + level / 2);
  const double cutoff = 0.5 * z * z;
  const auto interval = [&](const std::vector<double>& profile, double max, double& low, double& high) {
    low = std::numeric_limits<double>::infinity();
    high = 0;
    for (int i = 0; i <= steps; ++i)
      if (best - profile[static_cast<std::size_t>(i)] <= cutoff) {
        low = std::min(low, max * i / steps);
        high = std::max(high, max * i / steps);
      }
  };
  interval(profile_sigma, sigma_max, fit.sigma_low, fit.sigma_high);
  interval(profile_noise, noise_max, fit.noise_low, fit.noise_high);
  fit.changes = static_cast<int>(changes.size());
  return fit;
}

}  // namespace lissim::sim
