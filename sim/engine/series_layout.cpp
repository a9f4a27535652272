#include "sim/engine/series_layout.h"

namespace lissim::sim {

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
