#pragma once
// The HDF5 file `lissim sobol` writes (docs/sensitivity.md):
//   root attrs: filetype = "lissim-sobol", format_version, lissim_version, git_sha,
//               created_utc, method, subject, base_samples_or_trajectories, model_evaluations
//   /sobol/ (saltelli) or /morris/ (morris):
//     factors, factor_parameters                string [K]
//     <output>/{S1, ST, S1_low, S1_high, ST_low, ST_high, S1_conf, ST_conf[, S1_exact, ST_exact]}
//        float64 [K], attrs confidence, mean, variance, rows_dropped, warnings (saltelli)
//     <output>/{mu, mu_star, sigma}             float64 [K] (morris)
// The file goes to a temporary name and is renamed into place when complete (AtomicOutput).
#include <string>

#include "sim/sensitivity/sobol_analysis.h"

namespace lissim::sim {

inline constexpr const char* kSobolFiletype = "lissim-sobol";

void write_sobol_file(const std::string& target, bool overwrite, const SobolAnalysis& analysis);

}  // namespace lissim::sim
