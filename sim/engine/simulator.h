#pragma once
// Simulates blocks of draws: draws the parameters and shocks of each draw from its named
// streams and runs the region model for the scenario and counterfactual paths. A draw's
// values depend only on (seed, draw), never on the block it is simulated in.
#include <cstdint>
#include <vector>

#include "models/region_model.h"
#include "models/targets.h"
#include "sim/engine/series_layout.h"
#include "sim/random/philox_stream.h"
#include "sim/scenario.h"

namespace lissim::sim {

// The values of one block: series[k] is draws x years; met[k] is draws x years flags;
// draw_values[k] one value per draw (the appraisal measures of SeriesLayout).
struct BlockValues {
  std::uint64_t first_draw = 0;
  Eigen::Index draws = 0;
  std::vector<Eigen::ArrayXXd> series;
  std::vector<Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>> met;
  std::vector<Eigen::ArrayXd> draw_values;
  SampleRecorder samples;  // the uncertain parameters' values (not with a design's inputs)
};

class InterventionPackage;
class ShockCache;

class Simulator {
 public:
  // With a cache that serves the scenario, blocks of consecutive draws take their shocks from
  // it (storing them on first use).
  explicit Simulator(const Scenario& scenario, ShockCache* cache = nullptr);

  const SeriesLayout& layout() const { return layout_; }
  const Scenario& scenario() const { return scenario_; }

  // Simulates draws [first_draw, first_draw + count) into out (resized as needed).
  void run(std::uint64_t first_draw, Eigen::Index count, BlockValues& out) const;
  // Simulates a block whose inputs a sampling design may give (DrawInputs).
  void run(const DrawInputs& inputs, BlockValues& out) const;

 private:
  // Sizes `out` for a block of `count` draws; met flags start at 0.
  void size_output(Eigen::Index count, BlockValues& out) const;
  void draw_shocks(const DrawInputs& inputs, const std::vector<Eigen::Index>& repeat_of, int year,
                   models::YearShocks& z) const;
  void draw_base_shocks(const DrawInputs& inputs, const std::vector<Eigen::Index>& repeat_of,
                        models::BaseShocks& z) const;
  void record(const models::IndicatorValues& values, const models::IndicatorValues& base,
              const models::RegionState& state, int path, int year, BlockValues& out) const;
  void record_effect(const models::IndicatorValues& scenario, const models::IndicatorValues& counterfactual,
                     const models::RegionState& with, const models::RegionState& without, int year,
                     BlockValues& out) const;
  void record_interventions(const InterventionPackage& package, int year, BlockValues& out) const;
  // Each intervention's appraisal measures, both views, once its appraisal period is over.
  void record_appraisal(const InterventionPackage& package, BlockValues& out) const;
  // Throws ModelError naming the draw, year and series of the first value that is infinite, or
  // NaN where a value must be defined: a run never summarises numbers that are not numbers.
  void check_finite(const BlockValues& out) const;
  // Rates of the working-age population must stay in [0, 100]%: outside, the scenario's numbers
  // (e.g. a population falling faster than its jobs) make the state impossible. Never clamped.
  void check_rates(const BlockValues& out) const;

  const Scenario& scenario_;
  ShockCache* cache_;  // nullptr: none
  models::RegionModel model_;
  SeriesLayout layout_;

  struct Streams {
    PhiloxStream cycle, recession, recession_depth, national_jobs, national_productivity, national_employment_rate,
        national_activity_rate, differential_step, differential_transitory, jobs, productivity, better_jobs,
        population, residents_in_work, activity;
    // Drawn once per draw (at the base year).
    PhiloxStream national_jobs_drift, national_productivity_drift, differential_drift, differential_transitory_base;
    // One per target, so that adding a target never changes another's noise.
    std::vector<PhiloxStream> measurement, measurement_drift;
  } streams_;
};

}  // namespace lissim::sim
