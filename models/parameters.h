#pragma once
// Model parameters for a block of draws. Uncertain parameters differ by draw, so every
// parameter is an array over draws (constant when the parameter is fixed). Units are model
// units: growth rates in log points a year, rates and shares as fractions.
#include "models/arrays.h"

// ---- Adding a model parameter: one line in its block's list below -------------------------
// Each line is X(member, calibration key, valid range, file scale, units of the file value).
// That one line declares, in declaration order:
//   - the member of the block's struct here (a DrawArray, or a SectorArray for sectors);
//   - its slot in the scenario's parameter index (sim/scenario.h, ParameterIndex);
//   - its reading from the calibration block with the range check, scale and units
//     (sim/config/calibration_reader.cpp), registered as parameter "<block path>.<key>";
//   - the filling of models::DrawParameters for each block of draws (sim/scenario.cpp).
// Then use it in the model and give it a value in every calibration (seeds/*/calibration.yaml,
// tests' scenarios). `range` is a sim::Range factory: any(), positive(), non_negative(), unit()
// [0, 1], unit_open_upper() [0, 1), unit_open() (0, 1) or between(lo, hi) (closed). `scale`
// converts file units to model units (0.01 for _pct and _pp keys). A list's order is the
// registration order, which orders /parameters/names: append new parameters at a block's end.
// A new block: a list, a struct below, a member of DrawParameters, and one line each in
// ParameterIndex, read_calibration and draw_parameters (docs/architecture.md).
// Comments inside a list use /* */: a // comment would swallow the line continuation.

// docs/model.md section 1: the national level cycle x(t) = rho x(t-1) + sigma_x z_x - R(t) m(t),
// m = median exp(sd_log z_m): a recession lowers the level, which recovers at 1 - rho.
// Read from calibration.national_cycle.
#define LISSIM_CYCLE_PARAMETERS(X)                                                          \
  X(persistence, "persistence", unit_open_upper(), 1.0, "1")       /* rho */                \
  X(sd, "sd_pct", non_negative(), 0.01, "pp")                      /* sigma_x */            \
  X(recession_probability, "recession_probability", unit(), 1.0, "1") /* p */               \
  X(depth_median, "recession_depth_median_pct", positive(), 0.01, "pp") /* median depth */  \
  X(depth_sd_log, "recession_depth_sd_log", non_negative(), 1.0, "1") /* log-scale spread */

// docs/model.md section 1: the national errors around the central path. Read from
// calibration.national. L = Lbar + e_L x + N_L, q = qbar + e_q x + N_q, N = N(t-1) + d + sd z,
// d ~ N(0, tau_N^2) once per draw; the national 16-64 rates: path + e x + a random walk.
#define LISSIM_NATIONAL_PARAMETERS(X)                                                                        \
  X(jobs_cycle_elasticity, "jobs_cycle_elasticity", any(), 1.0, "1")                   /* e_L */            \
  X(productivity_cycle_elasticity, "gva_per_hour_cycle_elasticity", any(), 1.0, "1")   /* e_q */            \
  X(jobs_permanent_sd, "jobs_permanent_sd_pct", non_negative(), 0.01, "pp")            /* sd of N_L steps */ \
  X(jobs_trend_sd, "jobs_trend_sd_pct", non_negative(), 0.01, "pp a year")             /* tau_N for L */    \
  X(productivity_permanent_sd, "gva_per_hour_permanent_sd_pct", non_negative(), 0.01, "pp")                 \
  X(productivity_trend_sd, "gva_per_hour_trend_sd_pct", non_negative(), 0.01, "pp a year")                  \
  X(employment_rate_cycle_elasticity, "employment_rate_cycle_elasticity", any(), 1.0, "1") /* e_er */       \
  X(activity_rate_cycle_elasticity, "activity_rate_cycle_elasticity", any(), 1.0, "1")     /* e_ar */       \
  X(employment_rate_permanent_sd, "employment_rate_permanent_sd_pp", non_negative(), 0.01, "pp")            \
  X(activity_rate_permanent_sd, "activity_rate_permanent_sd_pp", non_negative(), 0.01, "pp")

// docs/model.md sections 2 and 3: a differential from the nation (models/regional_differential.h):
// r(t) = p(t) + c(t) - c(t0), p a random walk with drift mu ~ N(kappa m, tau^2), c an optional
// AR(1) transitory part; the series adds cycle_sensitivity x(t) (beta, gamma or lambda).
// X(member, key, range, in series units, units): a parameter in series units takes the series'
// key suffix and scale (below).
#define LISSIM_DIFFERENTIAL_PARAMETERS(X)                                        \
  X(sigma, "sigma", non_negative(), true, "a year")          /* random-walk sd */ \
  X(tau, "tau", non_negative(), true, "a year")              /* drift sd */      \
  X(kappa, "kappa", any(), false, "1")                       /* persistence of m */ \
  X(past_growth, "past_growth", any(), true, "a year")       /* m */             \
  X(transitory_rho, "transitory_rho", unit_open_upper(), false, "1")            \
  X(transitory_sd, "transitory_sd", non_negative(), true, "")                   \
  X(cycle_sensitivity, "cycle_sensitivity", any(), false, "1")

// The differentials: X(member, block under calibration, key, key suffix, scale). Log series
// (jobs, GVA per hour) are in % (log points x 100); rates in pp.
#define LISSIM_DIFFERENTIAL_SERIES(X)                                          \
  X(region_jobs, "region", "jobs", "_pct", 0.01)                               \
  X(region_productivity, "region", "gva_per_hour", "_pct", 0.01)               \
  X(comparator_jobs, "comparator", "jobs", "_pct", 0.01)                       \
  X(comparator_productivity, "comparator", "gva_per_hour", "_pct", 0.01)       \
  X(comparator_employment_rate, "comparator", "employment_rate", "_pp", 0.01)  \
  X(comparator_activity_rate, "comparator", "activity_rate", "_pp", 0.01)

// docs/model.md section 8: how the comparator's differentials relate to the region's (the
// comparator contains the region). Read from calibration.comparator.
#define LISSIM_COMPARATOR_PARAMETERS(X)                                                                 \
  X(jobs_correlation, "jobs_correlation", between(-1.0, 1.0), 1.0, "1")                               \
  X(productivity_correlation, "gva_per_hour_correlation", between(-1.0, 1.0), 1.0, "1")

// docs/model.md sections 2, 3 and 7: draws x sectors. Read from calibration.sector_defaults,
// each key overridable per sector under calibration.sectors.<id>; every sector draws its own
// value, registered as "calibration.sectors.<id>.<key>". Shares and relative productivities
// drift around the region's totals (they never move the totals).
#define LISSIM_SECTOR_PARAMETERS(X)                                                                     \
  X(share_trend, "jobs_share_trend_pct", any(), 0.01, "% a year")          /* structural change */     \
  X(share_sd, "jobs_share_sd_pct", non_negative(), 0.01, "pp")             /* marked noise */          \
  X(relative_productivity_trend, "relative_productivity_trend_pct", any(), 0.01, "% a year")           \
  X(relative_productivity_sd, "relative_productivity_sd_pct", non_negative(), 0.01, "pp")              \
  X(better_jobs_trend, "better_jobs_trend_pp", between(-10.0, 10.0), 0.01, "pp a year") /* delta_s */ \
  X(better_jobs_sd, "better_jobs_sd_pp", between(0.0, 10.0), 0.01, "pp")

// docs/model.md sections 5 and 6. Read from calibration.labour_market.
#define LISSIM_LABOUR_PARAMETERS(X)                                                                   \
  X(resident_share_of_job_growth, "resident_share_of_job_growth", unit(), 1.0, "1")   /* phi */       \
  X(inactive_share_of_new_employment, "inactive_share_of_new_employment", unit_open(), 1.0, "1") /* alpha */ \
  X(activity_trend, "activity_trend_pp", between(-5.0, 5.0), 0.01, "pp a year")       /* mu_a */      \
  X(activity_sd, "activity_sd_pp", between(0.0, 10.0), 0.01, "pp")                    /* sd_a */      \
  X(residents_in_work_sd, "residents_in_work_sd_pct", between(0.0, 20.0), 0.01, "pp") /* sd_W */      \
  X(min_unemployment, "min_unemployment_pct", between(0.0, 50.0), 0.01, "%")          /* u_min */     \
  X(migration_response, "migration_response", non_negative(), 1.0, "1")              /* mu_mig */    \
  X(population_sd, "population_sd_pct", between(0.0, 20.0), 0.01, "pp")               /* sd_P */

namespace lissim::models {

#define LISSIM_DRAW_MEMBER(member, ...) DrawArray member;
#define LISSIM_SECTOR_MEMBER(member, ...) SectorArray member;
#define LISSIM_DIFFERENTIAL_MEMBER(member, ...) DifferentialDraws member;

struct CycleParameters {
  LISSIM_CYCLE_PARAMETERS(LISSIM_DRAW_MEMBER)
};

struct NationalParameters {
  LISSIM_NATIONAL_PARAMETERS(LISSIM_DRAW_MEMBER)
};

// One differential's parameters per draw; the members the pure block of
// models/regional_differential.h reads carry its names.
struct DifferentialDraws {
  LISSIM_DIFFERENTIAL_PARAMETERS(LISSIM_DRAW_MEMBER)
};

struct DifferentialSet {
  LISSIM_DIFFERENTIAL_SERIES(LISSIM_DIFFERENTIAL_MEMBER)
};

struct ComparatorParameters {
  LISSIM_COMPARATOR_PARAMETERS(LISSIM_DRAW_MEMBER)
};

struct SectorParameters {
  LISSIM_SECTOR_PARAMETERS(LISSIM_SECTOR_MEMBER)
};

struct LabourParameters {
  LISSIM_LABOUR_PARAMETERS(LISSIM_DRAW_MEMBER)
};

#undef LISSIM_DRAW_MEMBER
#undef LISSIM_SECTOR_MEMBER
#undef LISSIM_DIFFERENTIAL_MEMBER

struct DrawParameters {
  CycleParameters cycle;
  NationalParameters national;
  DifferentialSet differentials;
  ComparatorParameters comparator;
  SectorParameters sectors;
  LabourParameters labour;
};

// Fixed (not per draw) lower-triangular Cholesky factors of the sector correlation matrices.
struct SectorCorrelation {
  Matrix jobs_cholesky;
  Matrix productivity_cholesky;
};

}  // namespace lissim::models
