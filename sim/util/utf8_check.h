#pragma once
// Configuration files are UTF-8: text in Latin-1 or cp1252 would pass the loader, then be
// written into results files and CSV as invalid UTF-8 that later readers choke on.
#include <cstddef>
#include <optional>
#include <string_view>

namespace lissim::sim {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
  unsigned char byte = 0;
};

// The position of the first byte that is not part of well-formed UTF-8 (no overlong forms,
// no surrogates, nothing above U+10FFFF), or nullopt when the whole text is UTF-8.
std::optional<TextPosition> first_invalid_utf8(std::string_view text);

}  // namespace lissim::sim
