#pragma once
// docs/model.md section 1: the national block shared by the region and the comparator. National log jobs
// L, log GVA per hour q and the national 16-64 employment and activity rates are a central path
// (data) plus the level cycle and permanent errors:
//     L(t) = Lbar(t) + e_L x~(t) + N_L(t),   N_L(t) = N_L(t-1) + d_L + sd z,  d_L ~ N(0, tau^2) per draw
// and the same for q; the rates add e x~(t) and a driftless random walk. x~ is the level cycle
// centred on its mean given the draw's parameters, so the central path is the mean path.
#include <vector>

#include "models/parameters.h"
#include "models/shocks.h"

namespace lissim::models {

// The central paths, one entry per year after the base year (index 0 is t0 + 1).
struct NationalPath {
  std::vector<double> jobs_growth;             // Lbar(t) - Lbar(t-1), log points
  std::vector<double> productivity_growth;     // qbar(t) - qbar(t-1), log points
  std::vector<double> employment_rate_change;  // national 16-64 employment rate, fraction a year
  std::vector<double> activity_rate_change;    // national 16-64 activity rate, fraction a year
  std::vector<double> comparator_population_growth;  // the comparator's 16-64 residents, log points
};

struct NationalState {
  DrawArray cycle;           // x(t), level gap (fraction)
  DrawArray cycle_mean;      // E[x(t)] given the draw's parameters
  DrawArray jobs_drift, productivity_drift;          // d_L, d_q
  DrawArray jobs_error, productivity_error;          // N_L, N_q
  DrawArray employment_rate_error, activity_rate_error;
  // The central paths since the base year (the same for every draw).
  DrawArray jobs_path, productivity_path, employment_rate_path, activity_rate_path;
  // Changes since the base year: L(t) - L(t0), q(t) - q(t0), and the national rates' changes.
  DrawArray jobs, productivity, employment_rate, activity_rate;
  DrawArray jobs_growth;              // L(t) - L(t-1)
  DrawArray employment_rate_change;   // this year's change of the national employment rate
  DrawArray activity_rate_change;
  DrawArray comparator_population;    // the comparator's cumulative population growth (log points)

  DrawArray centred_cycle() const { return cycle - cycle_mean; }
};

// The base year: every change zero, the trend errors drawn from z.national_jobs_drift etc.
void start_national(const NationalParameters& p, const BaseShocks& drift_shocks, Eigen::Index draws,
                    NationalState& s);

// One year on (year_index 1, 2, ...).
void advance_national(const CycleParameters& cycle, const NationalParameters& p, const NationalPath& path,
                      int year_index, const YearShocks& z, NationalState& s);

// x(t) = rho x(t-1) + sigma_x z_x - R(t) m(t), R(t) = [u < p], m(t) = median exp(sd_log z_m); and
// its mean given the parameters, E x(t) = rho E x(t-1) - p median exp(sd_log^2 / 2).
void advance_cycle(const CycleParameters& p, const YearShocks& z, DrawArray& cycle, DrawArray& cycle_mean);

}  // namespace lissim::models
