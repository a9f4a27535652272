#pragma once
// The appraisal part of `lissim compare` (comparison.h): each intervention's appraisal side by
// side, and B - A draw by draw for paired files.
#include <vector>

#include "sim/compare/compared_results.h"
#include "sim/compare/comparison.h"

namespace lissim::sim {

// Fills out.appraisal, out.vfm_bands and the units.
void compare_appraisal(const std::vector<ComparedResults>& files, Comparison& out);
// Adds the paired appraisal rows of file b against A (interventions and measures in both).
void pair_appraisal(const std::vector<ComparedResults>& files, std::size_t b, Comparison& out);

}  // namespace lissim::sim
