#include "sim/util/yaml_text.h"

#include <cstdio>
#include <sstream>

namespace lissim::sim {

std::string number(const char* format, double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, x);
  return buffer;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string folded(const std::string& indent, const std::string& key, const std::string& text) {
  std::string out = indent + key + ": >-\n";
  const std::string inner = indent + "  ";
  std::string line;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    if (!line.empty() && inner.size() + line.size() + 1 + word.size() > 100) {
      out += inner + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + inner + line + "\n";
}

}  // namespace lissim::sim
