#pragma once
// One path of the regional model for a block of draws: state, initialisation from the base
// year, the annual step (docs/model.md sections 1-8, 11) and the indicators of section 9.
#include <vector>

#include "models/baseline.h"
#include "models/comparator.h"
#include "models/indicators.h"
#include "models/intervention_effects.h"
#include "models/national_block.h"
#include "models/parameters.h"
#include "models/shocks.h"
#include "models/targets.h"

namespace lissim::models {

struct RegionState {
  NationalState national;
  DifferentialStates differentials;  // region and comparator, indexed by Differential
  SectorArray log_shares;            // ln w~_s, sector shares of jobs before normalising
  SectorArray log_relative_productivity;  // ln rel~_s
  SectorArray jobs;                  // J_s = J0 w_s + A_s
  SectorArray gva_per_hour;          // Q_s = Q0_s (1 + U_s)
  SectorArray better_share;          // b_s
  SectorArray better_uplift;         // intervention uplift of b_s in force last year
  DrawArray log_total_jobs;          // ln J(t)
  DrawArray log_population;          // ln P
  DrawArray log_residents_in_work;   // ln W
  DrawArray employment_rate;         // e = W / P
  DrawArray activity_rate;           // a
  DrawArray activity_uplift;         // V in force last year
  // Employment channel (docs/model.md section 6): residents moved into work, and those of them drawn from
  // inactivity, as shares of the working-age population, in force last year. They add to the
  // demand-driven employment rate and, like V, to the activity rate.
  DrawArray supply_employment_rate, supply_activity_rate;
  ComparatorState comparator;
  std::vector<MeasurementNoiseState> measurement;  // one per target
  DrawArray base_jobs;               // J(t0), for jobs change and the share of growth
  DrawArray base_better_jobs;        // B(t0)
};

class RegionModel {
 public:
  RegionModel(const Baseline& baseline, const NationalPath& national, const SectorCorrelation& correlation,
              const std::vector<Target>& targets)
      : baseline_(baseline), national_(national), correlation_(correlation), targets_(targets) {}

  // Base-year state for a block of draws: the values of the seed data, the draws' drifts.
  void initialise(const DrawParameters& p, const BaseShocks& z0, RegionState& s) const;

  // Advances one year. year_index counts years after the base year (1, 2, ...).
  // effects may be null (the counterfactual).
  void step(int year_index, const DrawParameters& p, const YearShocks& z, const InterventionEffects* effects,
            RegionState& s) const;

  // All indicators of the current state.
  void indicators(const RegionState& s, IndicatorValues& out) const;

  const Baseline& baseline() const { return baseline_; }

 private:
  const Baseline& baseline_;
  const NationalPath& national_;
  const SectorCorrelation& correlation_;
  const std::vector<Target>& targets_;
};

}  // namespace lissim::models
