#pragma once
// One record of the panel's tidy CSV files (RFC 4180 quoting; panel fields never hold line breaks).
#include <string>
#include <vector>

namespace lissim::sim {

std::vector<std::string> split_csv(const std::string& line);

}  // namespace lissim::sim
