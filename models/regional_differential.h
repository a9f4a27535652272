#pragma once
// docs/model.md "Regional differential": a region's differential from the nation, and the published
// figures that measure it. For a series y (log jobs or log GVA per hour, region minus nation):
//     r(t)  = p(t) + c(t) - c(t0)                         true differential, r(t0) = 0
//     p(t)  = p(t-1) + mu + sigma u(t),  p(t0) = 0        permanent part: a random walk with drift
//     mu    = kappa m + tau z_mu, once per draw            drift: past growth m, persistence kappa
//     c(t)  = rho c(t-1) + s e(t), c(t0) stationary       optional transitory part (rho = s = 0: none)
//     published(t) = true(t) + sigma_m n(t)                measurement noise, independent by year
// The region model, the calibration (sim/panel) and the backtest all use these functions, so
// the process that is calibrated is the process that is simulated. The model never generates
// random numbers: callers pass independent N(0,1) variates.
#include "models/arrays.h"

namespace lissim::models {

struct DifferentialParameters {
  double sigma = 0;           // sd of the permanent annual change, log points
  double tau = 0;             // sd of the drift across draws, log points a year
  double kappa = 0;           // share of the past relative growth that persists in the drift
  double past_growth = 0;     // m: mean annual growth relative to the nation over the window
  double transitory_rho = 0;  // AR(1) coefficient of the transitory part, in [0, 1)
  double transitory_sd = 0;   // innovation sd of the transitory part
  double noise_sd = 0;        // sigma_m: sd of a published value's measurement error
};

// One block of draws' differential, years since the base year.
struct DifferentialState {
  DrawArray drift;       // mu
  DrawArray permanent;   // p(t)
  DrawArray transitory;  // c(t)
  DrawArray transitory_base;  // c(t0)
  // r(t) = p(t) + c(t) - c(t0).
  DrawArray value() const { return permanent + transitory - transitory_base; }
};

// The functions below take any parameter type P with members sigma, tau, kappa, past_growth,
// transitory_rho and transitory_sd, each a double (the calibration, the backtest) or a DrawArray
// (the region model, whose parameters may differ by draw): one process for all three.

// The state at the base year: r(t0) = 0, the drift drawn, c(t0) from its stationary law.
template <class P>
DifferentialState start_differential(const P& p, const DrawArray& z_drift, const DrawArray& z_transitory) {
  using std::sqrt;
  DifferentialState state;
  state.drift = p.kappa * p.past_growth + p.tau * z_drift;
  state.permanent = DrawArray::Zero(z_drift.size());
  state.transitory = p.transitory_sd / sqrt(1.0 - p.transitory_rho * p.transitory_rho) * z_transitory;
  state.transitory_base = state.transitory;
  return state;
}

// One year on: p += mu + sigma z_step; c = rho c + s z_transitory.
template <class P>
void advance_differential(const P& p, const DrawArray& z_step, const DrawArray& z_transitory,
                          DifferentialState& state) {
  state.permanent += state.drift + p.sigma * z_step;
  state.transitory = p.transitory_rho * state.transitory + p.transitory_sd * z_transitory;
}

// A published figure: truth + sigma_m z_noise.
DrawArray published_value(const DrawArray& truth, double noise_sd, const DrawArray& z_noise);

// Mean and variance of the no-change forecast error y(o + h) - y(o) of the published series
// (MODEL.md 7): mean h kappa m; variance
//     h sigma^2 + h^2 tau^2 + 2 sigma_m^2 + 2 s^2 (1 - rho^h) / (1 - rho^2).
double no_change_error_mean(const DifferentialParameters& p, int horizon);
double no_change_error_variance(const DifferentialParameters& p, int horizon);

// Checks the parameters' ranges; returns an empty string or the first rule broken.
const char* differential_parameters_problem(const DifferentialParameters& p);

}  // namespace lissim::models
