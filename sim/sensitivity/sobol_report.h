#pragma once
// The table `lissim sobol` prints: per output, the factors' Sobol indices with their intervals
// (largest total first, with the analytic values of a test function) or Morris effects
// (largest mu* first).
#include <ostream>

#include "sim/sensitivity/sobol_analysis.h"

namespace lissim::sim {

void print_sobol_analysis(std::ostream& out, const SobolAnalysis& analysis);

}  // namespace lissim::sim
