#pragma once
// Collects every configuration problem before failing, compiler style:
//   scenarios/x.yaml:14:9: error: calibration.national_cycle.persistence: got 1.3, must be in [0, 1)
#include <string>
#include <string_view>
#include <vector>

namespace lissim::sim {

// Where a configuration value came from. line/column are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  std::string str() const;  // "file:line:col", or "file" when the position is unknown
};

class Diagnostics {
 public:
  void error(const SourceLocation& where, std::string_view key_path, std::string_view message);
  bool has_errors() const { return !messages_.empty(); }
  const std::vector<std::string>& messages() const { return messages_; }
  // Throws InputError with one line per problem when any were recorded.
  void throw_if_errors() const;

 private:
  std::vector<std::string> messages_;
};

}  // namespace lissim::sim
