#pragma once
// What a run summarises per draw. Series (draws x years): for each path every indicator, then
// sector jobs and sector GVA per hour for each sector; then, per intervention and for the whole
// package ("all", last), its net additional jobs and GVA in each view. Draw values (one per
// draw): per intervention and "all", every appraisal measure in each view; then every target
// flag (met_index) in the deadline year, 1 or 0, for the paired standard errors of compare.
#include "models/appraisal.h"
#include "models/indicators.h"
#include "sim/scenario.h"

namespace lissim::sim {

// With interventions there are three paths: the scenario, the counterfactual, and their
// difference draw by draw ("effect"). Without, the scenario is the counterfactual: one path.
enum class Path : int { scenario = 0, counterfactual = 1, effect = 2 };

enum class InterventionSeries : int { jobs_local, jobs_national, gva_local, gva_national };
inline constexpr int kInterventionSeriesCount = 4;

struct SeriesLayout {
  int paths = 1;
  int sectors = 0;
  int years = 0;
  int targets = 0;        // target count, excluding the joint "all"
  int interventions = 0;  // interventions plus the package; 0 without interventions

  // The layout of a scenario's run.
  static SeriesLayout of(const Scenario& scenario);

  int per_path() const { return models::kIndicatorCount + 2 * sectors; }
  int count() const { return paths * per_path() + interventions * kInterventionSeriesCount; }
  int indicator_series(int path, models::Indicator i) const { return path * per_path() + static_cast<int>(i); }
  int sector_jobs_series(int path, int sector) const { return path * per_path() + models::kIndicatorCount + sector; }
  int sector_gva_series(int path, int sector) const {
    return path * per_path() + models::kIndicatorCount + sectors + sector;
  }
  int intervention_series(int intervention, InterventionSeries s) const {
    return paths * per_path() + intervention * kInterventionSeriesCount + static_cast<int>(s);
  }

  // Only the better-jobs share of growth may be undefined (NaN): it has no value without growth.
  bool may_be_undefined(int series) const {
    const int within = series < paths * per_path() ? series % per_path() : -1;
    return within == static_cast<int>(models::Indicator::better_jobs_share_of_growth);
  }
  // "scenario indicator jobs", "counterfactual sector 3 jobs", "intervention 1 series 2" (messages).
  std::string describe(int series) const;

  // Target flags: per path with flags (scenario, counterfactual), targets then "all"; first
  // whether the target is met (true values), then whether it is judged met (published values,
  // docs/model.md section 11).
  int met_paths() const { return paths > 1 ? 2 : 1; }
  int met_count() const { return 2 * met_paths() * (targets + 1); }
  int met_index(int path, int target) const { return path * (targets + 1) + target; }
  int judged_index(int path, int target) const { return (met_paths() + path) * (targets + 1) + target; }

  int appraisal_value_count() const { return interventions * models::kViewCount * models::kAppraisalMeasureCount; }
  int draw_value_count() const { return appraisal_value_count() + met_count(); }
  int met_flag_value_index(int met) const { return appraisal_value_count() + met; }
  int draw_value_index(int intervention, models::View view, models::AppraisalMeasure m) const {
    return (intervention * models::kViewCount + static_cast<int>(view)) * models::kAppraisalMeasureCount +
           static_cast<int>(m);
  }
};

}  // namespace lissim::sim
