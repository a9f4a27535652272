#pragma once
// The per-draw series a run summarises: for each path (scenario, then the counterfactual when
// it differs), every indicator, then sector jobs and sector GVA per hour for each sector.
#include <string>

#include "models/indicators.h"

namespace lissim::sim {

enum class Path : int { scenario = 0, counterfactual = 1 };

struct SeriesLayout {
  int paths = 1;    // 1 when the counterfactual equals the scenario (no interventions)
  int sectors = 0;
  int years = 0;
  int targets = 0;  // target count, excluding the joint "all"

  int per_path() const { return models::kIndicatorCount + 2 * sectors; }
  int count() const { return paths * per_path(); }
  int indicator_series(int path, models::Indicator i) const { return path * per_path() + static_cast<int>(i); }
  int sector_jobs_series(int path, int sector) const { return path * per_path() + models::kIndicatorCount + sector; }
  int sector_gva_series(int path, int sector) const {
    return path * per_path() + models::kIndicatorCount + sectors + sector;
  }
  // Target flags: per path, targets then "all".
  int met_count() const { return paths * (targets + 1); }
  int met_index(int path, int target) const { return path * (targets + 1) + target; }
};

}  // namespace lissim::sim
