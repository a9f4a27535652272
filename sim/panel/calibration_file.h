#pragma once
// The calibration file (YAML) that `lissim calibrate` writes and model v2 reads; its layout
// is documented in docs/model.md ("Calibration file"). Filetype "lissim-calibration",
// format_version [1, 0].
#include <string>

#include "sim/panel/calibration.h"

namespace lissim::sim {

inline constexpr const char* kCalibrationFiletype = "lissim-calibration";
inline constexpr int kCalibrationFormatMajor = 1;
inline constexpr int kCalibrationFormatMinor = 0;

std::string calibration_yaml(const RegionCalibration& calibration);

// The fit table printed by `lissim calibrate`: error variance by horizon, observed and fitted.
std::string calibration_table(const RegionCalibration& calibration);

}  // namespace lissim::sim
