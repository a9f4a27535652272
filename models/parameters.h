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

// docs/model.md section 1: c(t) = rho c(t-1) + sigma_c z_c - R(t) m(t), m = median exp(sd_log z_m).
// Read from calibration.national_cycle.
#define LISSIM_CYCLE_PARAMETERS(X)                                                          \
  X(persistence, "persistence", unit_open_upper(), 1.0, "1")       /* rho */                \
  X(sd, "sd_pct", non_negative(), 0.01, "pp")                      /* sigma_c */            \
  X(recession_probability, "recession_probability", unit(), 1.0, "1") /* p */               \
  X(depth_median, "recession_depth_median_pct", positive(), 0.01, "pp") /* median depth */  \
  X(depth_sd_log, "recession_depth_sd_log", non_negative(), 1.0, "1") /* log-scale spread */

// docs/model.md sections 2, 3 and 7: draws x sectors. Read from calibration.sector_defaults,
// each key overridable per sector under calibration.sectors.<id>; every sector draws its own
// value, registered as "calibration.sectors.<id>.<key>".
#define LISSIM_SECTOR_PARAMETERS(X)                                                              \
  X(jobs_trend, "jobs_trend_pct", any(), 0.01, "% a year")                      /* g_s */        \
  X(jobs_cycle_elasticity, "jobs_cycle_elasticity", any(), 1.0, "1")           /* beta_s */     \
  X(jobs_sd, "jobs_sd_pct", non_negative(), 0.01, "pp")                        /* idiosyncratic */ \
  X(productivity_trend, "productivity_trend_pct", any(), 0.01, "% a year")     /* pi_s */       \
  X(productivity_cycle_elasticity, "productivity_cycle_elasticity", any(), 1.0, "1") /* gamma_s */ \
  X(productivity_sd, "productivity_sd_pct", non_negative(), 0.01, "pp")                          \
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
  X(reference_jobs_growth, "reference_jobs_growth_pct", any(), 0.01, "% a year")      /* g_ref */     \
  X(population_sd, "population_sd_pct", between(0.0, 20.0), 0.01, "pp")               /* sd_P */

// docs/model.md section 8: X*(t) = X*(t-1) + trend + cycle_elasticity c(t) + sd z, for each
// comparator series. The parameters of one series: X(member, key, range, in series units,
// units). A parameter in series units takes the series' key suffix and scale (below).
#define LISSIM_COMPARATOR_SERIES_PARAMETERS(X)                    \
  X(trend, "trend", any(), true, "a year")                        \
  X(cycle_elasticity, "cycle_elasticity", any(), false, "1")      \
  X(sd, "sd", non_negative(), true, "a year")

// The comparator's series: X(member, key under calibration.comparator, key suffix, scale).
#define LISSIM_COMPARATOR_SERIES(X)                               \
  X(employment_rate, "employment_rate", "_pp", 0.01)              \
  X(activity_rate, "activity_rate", "_pp", 0.01)                  \
  X(private_density, "private_density", "", 1.0)                  \
  X(log_gva_per_hour, "gva_per_hour", "_pct", 0.01)

namespace lissim::models {

#define LISSIM_DRAW_MEMBER(member, ...) DrawArray member;
#define LISSIM_SECTOR_MEMBER(member, ...) SectorArray member;
#define LISSIM_SERIES_MEMBER(member, ...) ComparatorSeriesParameters member;

struct CycleParameters {
  LISSIM_CYCLE_PARAMETERS(LISSIM_DRAW_MEMBER)
};

struct SectorParameters {
  LISSIM_SECTOR_PARAMETERS(LISSIM_SECTOR_MEMBER)
};

struct LabourParameters {
  LISSIM_LABOUR_PARAMETERS(LISSIM_DRAW_MEMBER)
};

struct ComparatorSeriesParameters {
  LISSIM_COMPARATOR_SERIES_PARAMETERS(LISSIM_DRAW_MEMBER)
};

struct ComparatorParameters {
  LISSIM_COMPARATOR_SERIES(LISSIM_SERIES_MEMBER)
};

#undef LISSIM_DRAW_MEMBER
#undef LISSIM_SECTOR_MEMBER
#undef LISSIM_SERIES_MEMBER

struct DrawParameters {
  CycleParameters cycle;
  SectorParameters sectors;
  LabourParameters labour;
  ComparatorParameters comparator;
};

// Fixed (not per draw) lower-triangular Cholesky factors of the sector correlation matrices.
struct SectorCorrelation {
  Matrix jobs_cholesky;
  Matrix productivity_cholesky;
};

}  // namespace lissim::models
