#pragma once
// A sweep file (docs/sweeps.md): a base scenario and axes over any of its numbers, expanded to
// a full grid or one axis at a time. Every point is a full Monte Carlo run of the base
// scenario with the same seed and draws (common random numbers).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/diagnostics.h"

namespace lissim::sim {

struct SweepAxis {
  std::string key;             // a key path of the scenario, as for --set
  std::vector<double> values;  // in the scenario file's units
  SourceLocation origin;       // the axis's key in the sweep file
};

struct SweepSpec {
  std::string file;
  std::string base_scenario;        // path of the base scenario file
  std::vector<std::string> sets;    // overrides for every point (the sweep's `set:` map)
  std::vector<SourceLocation> set_origins;  // where each of `sets` is in the sweep file
  std::optional<std::int64_t> draws;
  bool grid = true;                 // false: one axis at a time around the base
  std::vector<SweepAxis> axes;
  std::vector<int> years;           // summary years; empty: the deadline and the horizon
  std::string resolved_yaml;
};

struct SweepPoint {
  std::vector<double> values;     // per axis; NaN where the axis keeps the base scenario's value
  int varied_axis = -1;           // one-at-a-time: the axis this point moves; -1 otherwise
  std::vector<std::string> sets;  // the spec's sets, then "key=value" per moved axis
  std::vector<SourceLocation> set_origins;  // where each of `sets` is in the sweep file
};

// Reads and checks a sweep file; every problem is reported at once as file:line:col.
SweepSpec load_sweep(const std::string& file);

std::vector<SweepPoint> expand_points(const SweepSpec& spec);

}  // namespace lissim::sim
