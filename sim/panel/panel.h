#pragma once
// The UK regional panel (shared/data/uk_regions format): ONS subregional productivity series
// by area and year, read from the tidy CSV `subregional_productivity.csv` of a panel folder.
// The same files with later years added are read the same way; up_to(year) drops every later
// year, and every estimate in lissim is made from such a truncated panel, so nothing after a
// base year or origin can enter it.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lissim::sim {

inline constexpr const char* kPanelFile = "subregional_productivity.csv";
inline constexpr const char* kUkCode = "UKX";

class Panel {
 public:
  // Reads DIR/subregional_productivity.csv; InputError naming file, line and column on bad
  // input (missing file or columns, unreadable year or value, an area with two levels).
  static Panel read(const std::string& folder);

  // The same panel without the years after last_year.
  Panel up_to(int last_year) const;

  const std::string& folder() const { return folder_; }
  const std::string& file() const { return file_; }
  const std::string& file_sha256() const { return sha256_; }
  // The last year kept by up_to (or the data's last year).
  int last_year() const { return last_year_; }

  bool has_code(const std::string& code) const { return areas_.count(code) > 0; }
  const std::string& level(const std::string& code) const;  // "UK", "ITL1", "ITL2", "ITL3"
  const std::string& name(const std::string& code) const;
  // Every area of a level, sorted by code.
  std::vector<std::string> codes_at_level(const std::string& level) const;

  bool has_series(const std::string& series) const { return values_.count(series) > 0; }
  // A value, if the panel has it.
  std::optional<double> value(const std::string& series, const std::string& code, int year) const;
  // First and last year of a series at the UK level (the panel's span for that series).
  std::pair<int, int> years(const std::string& series) const;

 private:
  struct Area {
    std::string level;
    std::string name;
  };
  std::string folder_;
  std::string file_;
  std::string sha256_;
  int last_year_ = 0;
  std::map<std::string, Area> areas_;
  // series -> code -> year -> value
  std::map<std::string, std::map<std::string, std::map<int, double>>> values_;
};

}  // namespace lissim::sim
