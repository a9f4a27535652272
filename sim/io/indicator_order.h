#pragma once
// Indicator names in the model's order (models/indicators.h, the order of docs/results.md),
// which reads better in a report than HDF5's alphabetical listing.
#include <string>
#include <vector>

namespace lissim::sim {

std::vector<std::string> indicators_in_model_order();

}  // namespace lissim::sim
