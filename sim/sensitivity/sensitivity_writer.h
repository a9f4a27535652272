#pragma once
// The HDF5 file `lissim sensitivity -o OUT.h5` writes (docs/sensitivity.md):
//   root attrs: filetype = "lissim-sensitivity", format_version = [2, 0], lissim_version,
//               git_sha, created_utc, source_file, source_scenario_sha256, confidence
//   /sensitivity/factors                       string [K]   parameter key paths
//   /sensitivity/<output>/{prcc, prcc_low, prcc_high, prcc_p_value,
//                          src, src_low, src_high, src_p_value}   float64 [K], NaN if not ranked
//     attrs: source, units, description, r2_linear, r2_rank, draws_used, draws_dropped
// <output> is the label of OutputRequest: "jobs@2030", "counterfactual:jobs@2030", "all:bcr".
// The file goes to a temporary name and is renamed into place when complete (AtomicOutput).
#include <string>
#include <vector>

#include "sim/sensitivity/tornado_report.h"

namespace lissim::sim {

inline constexpr const char* kSensitivityFiletype = "lissim-sensitivity";
inline constexpr int kSensitivityFormatMajor = 2;
inline constexpr int kSensitivityFormatMinor = 0;

struct SensitivitySource {
  std::string file;
  std::string scenario_sha256;  // of the results file, empty if it has none
};

void write_sensitivity_file(const std::string& target, bool overwrite, const SensitivitySource& source,
                            const std::vector<ExplainedOutput>& outputs);

}  // namespace lissim::sim
