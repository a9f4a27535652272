#pragma once
// Writes a finished sweep (docs/sweeps.md): the points table and, for every array a point
// keeps, one dataset with the points as its first axis.
#include <string>
#include <vector>

#include "sim/scenario.h"
#include "sim/sweep/point_summary.h"
#include "sim/sweep/sweep_spec.h"

namespace lissim::sim {

inline constexpr const char* kSweepFiletype = "lissim-sweep";

void write_sweep(const std::string& path, const SweepSpec& spec, const std::vector<SweepPoint>& points,
                 const Scenario& base, const std::vector<int>& summary_years,
                 const std::vector<PointSummary>& summaries);

}  // namespace lissim::sim
