#include "sim/engine/series_layout.h"

namespace lissim::sim {

SeriesLayout SeriesLayout::of(const Scenario& scenario) {
  const bool interventions = !scenario.interventions.empty();
  SeriesLayout layout;
  layout.paths = interventions ? 3 : 1;  // without interventions the counterfactual is the scenario
  layout.sectors = static_cast<int>(scenario.baseline.sectors.count());
  layout.years = scenario.years();
  layout.targets = static_cast<int>(scenario.targets.size());
  layout.interventions = interventions ? static_cast<int>(scenario.interventions.size()) + 1 : 0;
  return layout;
}

std::string SeriesLayout::describe(int series) const {
  static const char* kPaths[] = {"scenario", "counterfactual", "effect"};
  if (series >= paths * per_path())
    return "intervention " + std::to_string((series - paths * per_path()) / kInterventionSeriesCount) + " series " +
           std::to_string((series - paths * per_path()) % kInterventionSeriesCount);
  const int path = series / per_path(), within = series % per_path();
  if (within < models::kIndicatorCount)
    return std::string(kPaths[path]) + " indicator " +
           std::string(models::indicator_info(static_cast<models::Indicator>(within)).name);
  const int sector = (within - models::kIndicatorCount) % sectors;
  const bool jobs = within - models::kIndicatorCount < sectors;
  return std::string(kPaths[path]) + " sector " + std::to_string(sector) + (jobs ? " jobs" : " gva_per_hour");
}

}  // namespace lissim::sim
