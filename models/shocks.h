#pragma once
// Standard random variates for a block of draws. The model never generates random numbers:
// the engine fills these from named counter-based streams.
#include "models/arrays.h"
#include "models/parameters.h"

namespace lissim::models {

// The differentials of LISSIM_DIFFERENTIAL_SERIES, in list order (columns of the shock arrays).
enum class Differential : int {
#define LISSIM_DIFFERENTIAL_ENUM(member, ...) member,
  LISSIM_DIFFERENTIAL_SERIES(LISSIM_DIFFERENTIAL_ENUM)
#undef LISSIM_DIFFERENTIAL_ENUM
};
#define LISSIM_DIFFERENTIAL_COUNT(...) +1
inline constexpr int kDifferentialCount = 0 LISSIM_DIFFERENTIAL_SERIES(LISSIM_DIFFERENTIAL_COUNT);
#undef LISSIM_DIFFERENTIAL_COUNT

// Drawn once per draw, at the base year.
struct BaseShocks {
  DrawArray national_jobs_drift;          // z for d_L
  DrawArray national_productivity_drift;  // z for d_q
  SectorArray differential_drift;         // draws x differentials: z for mu
  SectorArray differential_transitory;    // z for c(t0)
  SectorArray measurement;                // draws x targets: the published base value's noise

  void resize(Eigen::Index draws, Eigen::Index targets);
};

// One year's variates.
struct YearShocks {
  DrawArray cycle;              // z_x ~ N(0,1)
  DrawArray recession_uniform;  // U(0,1): a recession year when below the probability
  DrawArray recession_depth;    // z_m ~ N(0,1)
  DrawArray national_jobs;      // steps of N_L
  DrawArray national_productivity;
  DrawArray national_employment_rate;
  DrawArray national_activity_rate;
  SectorArray differential_step;        // draws x differentials
  SectorArray differential_transitory;  // draws x differentials
  SectorArray jobs;             // independent N(0,1) per sector (share noise), correlated by the model
  SectorArray productivity;     // independent N(0,1) per sector (relative productivity noise)
  SectorArray better_jobs;      // independent N(0,1)
  DrawArray population;         // z_P
  DrawArray residents_in_work;  // z_W
  DrawArray activity;           // z_a
  SectorArray measurement;      // draws x targets: innovations of the published series' noise
  SectorArray measurement_drift;  // draws x targets: steps of ln k (published-definition drift)

  void resize(Eigen::Index draws, Eigen::Index sectors, Eigen::Index targets);
};

}  // namespace lissim::models
