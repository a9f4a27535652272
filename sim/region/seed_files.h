#pragma once
// The rest of a runnable seed folder, as `lissim build-region` writes it beside baseline.yaml
// (docs/regions.md): calibration.yaml (the differentials' estimates from the panel
// calibration, the national central path from the UK panel, marked priors for everything the
// panel does not identify) and targets.yaml (SEP-style gap targets against the comparator with
// a marked default deadline). Both read as the scenario loader expects.
#include <string>

#include "sim/panel/calibration.h"
#include "sim/region/region_builder.h"

namespace lissim::sim {

// Years from the base year to the default deadline of the written targets (marked E).
inline constexpr int kDefaultTargetYears = 10;

std::string calibration_yaml(const BuiltRegion& built, const RegionCalibration& calibration,
                             const std::string& command);
std::string targets_yaml(const BuiltRegion& built, const RegionCalibration& calibration);

}  // namespace lissim::sim
