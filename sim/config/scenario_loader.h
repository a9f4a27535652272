#pragma once
// Loads a scenario: the scenario file names its seed data (a folder with baseline.yaml,
// calibration.yaml and targets.yaml); sections of the same names in the scenario override the
// seed data key by key, and --set assignments override both. Every problem in any of the
// files is reported at once (InputError), each as file:line:col: error: key.path: message.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/diagnostics.h"
#include "sim/scenario.h"

namespace lissim::sim {

struct LoadOptions {
  std::vector<std::string> sets;        // "key.path=value", applied in order
  std::optional<std::int64_t> draws;    // --draws
  std::optional<std::uint64_t> seed;    // --seed
  std::vector<SourceLocation> set_origins;  // where each of `sets` comes from (default: the command line)
};

Scenario load_scenario(const std::string& file, const LoadOptions& options = {});

// The scenario of a results file from its `scenario_yaml` (Scenario::resolved_yaml): seed data,
// defaults, --set values and evidence types are already merged into it, so no file is read.
// `origin` names it in errors (e.g. "out/x.h5: scenario_yaml"). Its resolved_yaml is the text
// again, and its parameters sample the same values as the run's.
Scenario load_resolved_scenario(const std::string& yaml, const std::string& origin);

}  // namespace lissim::sim
