#pragma once
// Marked priors for what the UK regional panel does not identify (MODEL.md 7). They were set
// from MODEL.md's starting point before any backtest was run and are never fitted to
// outcomes: tau about 0.2 pp a year, kappa 0, no transitory part. The ranges are the
// plausible spans a sensitivity run should cover.
namespace lissim::sim {

struct PriorValue {
  double value;
  double low;   // plausible range
  double high;
};

struct DifferentialPriors {
  PriorValue tau{0.002, 0.0, 0.005};            // sd of the drift, log points a year
  PriorValue kappa{0.0, 0.0, 0.5};              // persistence of past relative growth
  PriorValue transitory_rho{0.0, 0.0, 0.6};     // AR(1) coefficient of a transitory part
  PriorValue transitory_sd{0.0, 0.0, 0.01};     // its innovation sd, log points
};

inline constexpr const char* kPriorReason =
    "not identified by the panel to 2014 (MODEL.md 7: estimates change sign with the pool and "
    "the window); a marked prior set before any backtest, never fitted to outcomes";

}  // namespace lissim::sim
