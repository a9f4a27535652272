#pragma once
// Model parameters for a block of draws. Uncertain parameters differ by draw, so every
// parameter is an array over draws (constant when the parameter is fixed). Units are model
// units: growth rates in log points a year, rates and shares as fractions.
#include "models/arrays.h"

namespace lissim::models {

// MODEL.md 2.1: c(t) = rho c(t-1) + sigma_c z_c - R(t) m(t), m = median exp(sd_log z_m).
struct CycleParameters {
  DrawArray persistence;            // rho, [0, 1)
  DrawArray sd;                     // sigma_c, >= 0
  DrawArray recession_probability;  // p, [0, 1]
  DrawArray depth_median;           // median recession depth, > 0
  DrawArray depth_sd_log;           // log-scale spread of the depth, >= 0
};

// MODEL.md 2.2, 2.3, 2.7: draws x sectors.
struct SectorParameters {
  SectorArray jobs_trend;                 // g_s
  SectorArray jobs_cycle_elasticity;      // beta_s
  SectorArray jobs_sd;                    // sd of idiosyncratic jobs growth, >= 0
  SectorArray productivity_trend;         // pi_s
  SectorArray productivity_cycle_elasticity;  // gamma_s
  SectorArray productivity_sd;            // >= 0
  SectorArray better_jobs_trend;          // delta_s, share points a year
  SectorArray better_jobs_sd;             // >= 0
};

// MODEL.md 2.5, 2.6.
struct LabourParameters {
  DrawArray resident_share_of_job_growth;      // phi, [0, 1]
  DrawArray inactive_share_of_new_employment;  // alpha, (0, 1)
  DrawArray activity_trend;                    // mu_a
  DrawArray activity_sd;                       // sd_a >= 0
  DrawArray residents_in_work_sd;              // sd_W >= 0
  DrawArray min_unemployment;                  // u_min >= 0
  DrawArray migration_response;                // mu_mig >= 0
  DrawArray reference_jobs_growth;             // g_ref
  DrawArray population_sd;                     // sd_P >= 0
};

// MODEL.md 2.8: X*(t) = X*(t-1) + trend + cycle_elasticity c(t) + sd z.
struct ComparatorSeriesParameters {
  DrawArray trend;
  DrawArray cycle_elasticity;
  DrawArray sd;
};

struct ComparatorParameters {
  ComparatorSeriesParameters employment_rate;
  ComparatorSeriesParameters activity_rate;
  ComparatorSeriesParameters private_density;
  ComparatorSeriesParameters log_gva_per_hour;
};

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
