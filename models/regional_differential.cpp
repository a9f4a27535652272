#include "models/regional_differential.h"

namespace lissim::models {

namespace {

double stationary_sd(const DifferentialParameters& p) {
  return p.transitory_sd / std::sqrt(1.0 - p.transitory_rho * p.transitory_rho);
}

}  // namespace

DrawArray published_value(const DrawArray& truth, double noise_sd, const DrawArray& z_noise) {
  return truth + noise_sd * z_noise;
}

double no_change_error_mean(const DifferentialParameters& p, int horizon) {
  return horizon * p.kappa * p.past_growth;
}

double no_change_error_variance(const DifferentialParameters& p, int horizon) {
  const double h = horizon;
  const double rho = p.transitory_rho;
  const double transitory = 2.0 * stationary_sd(p) * stationary_sd(p) * (1.0 - std::pow(rho, h));
  return h * p.sigma * p.sigma + h * h * p.tau * p.tau + 2.0 * p.noise_sd * p.noise_sd + transitory;
}

const char* differential_parameters_problem(const DifferentialParameters& p) {
  if (!(p.sigma >= 0) || !std::isfinite(p.sigma)) return "sigma must be a finite number >= 0";
  if (!(p.tau >= 0) || !std::isfinite(p.tau)) return "tau must be a finite number >= 0";
  if (!std::isfinite(p.kappa)) return "kappa must be finite";
  if (!std::isfinite(p.past_growth)) return "past_growth must be finite";
  if (!(p.transitory_rho >= 0 && p.transitory_rho < 1)) return "transitory_rho must be in [0, 1)";
  if (!(p.transitory_sd >= 0) || !std::isfinite(p.transitory_sd)) return "transitory_sd must be a finite number >= 0";
  if (!(p.noise_sd >= 0) || !std::isfinite(p.noise_sd)) return "noise_sd must be a finite number >= 0";
  return "";
}

}  // namespace lissim::models
