#pragma once
// Small helpers for the YAML files lissim writes (build-region's seed files, calibrate's calibration).
#include <string>

namespace lissim::sim {

std::string number(const char* format, double x);  // printf-style
std::string quoted(const std::string& text);       // a double-quoted YAML scalar
// A folded block scalar (`key: >-`) wrapped at about 100 columns.
std::string folded(const std::string& indent, const std::string& key, const std::string& text);

}  // namespace lissim::sim
