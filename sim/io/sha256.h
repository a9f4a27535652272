#pragma once
// SHA-256 (FIPS 180-4) of a text, as lower-case hex: identifies the resolved scenario.
#include <string>
#include <string_view>

namespace lissim::sim {

std::string sha256_hex(std::string_view data);

}  // namespace lissim::sim
