#include "sim/panel/panel.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/errors.h"
#include "sim/io/sha256.h"
#include "sim/panel/csv_record.h"

namespace lissim::sim {

namespace {

const std::vector<std::string> kColumns = {"series", "level", "code", "name", "year", "value"};

}  // namespace

Panel Panel::read(const std::string& folder) {
  namespace fs = std::filesystem;
  Panel panel;
  panel.folder_ = folder;
  panel.file_ = (fs::path(folder) / kPanelFile).string();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw InputError(folder + ": not a panel folder (no such directory)");
  std::ifstream in(panel.file_, std::ios::binary);
  if (!in) throw InputError(panel.file_ + ": cannot open the panel file (a panel folder holds " + kPanelFile + ")");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  panel.sha256_ = sha256_hex(text);

  std::istringstream lines(text);
  std::string line;
  if (!std::getline(lines, line)) throw InputError(panel.file_ + ":1: error: empty file, expected a header row");
  const std::vector<std::string> header = split_csv(line);
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  std::string missing;
  for (const auto& name : kColumns)
    if (!column.count(name)) missing += (missing.empty() ? "" : ", ") + name;
  if (!missing.empty())
    throw InputError(panel.file_ + ":1: error: missing column(s) " + missing +
                     "; the panel needs series, level, code, name, year, value");
  const std::size_t needed = 1 + std::max({column["series"], column["level"], column["code"], column["name"],
                                           column["year"], column["value"]});
  int line_number = 1;
  int last_year = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    if (line.empty() || line == "\r") continue;
    const std::vector<std::string> f = split_csv(line);
    const std::string where = panel.file_ + ":" + std::to_string(line_number) + ": error: ";
    if (f.size() < needed)
      throw InputError(where + "expected " + std::to_string(header.size()) + " fields, got " + std::to_string(f.size()));
    const std::string& code = f[column["code"]];
    const std::string& level = f[column["level"]];
    int year = 0;
    double value = 0;
    try {
      std::size_t used = 0;
      year = std::stoi(f[column["year"]], &used);
      if (used != f[column["year"]].size()) throw std::invalid_argument("year");
    } catch (const std::exception&) {
      throw InputError(where + "year: got '" + f[column["year"]] + "', must be an integer");
    }
    try {
      std::size_t used = 0;
      value = std::stod(f[column["value"]], &used);
      if (used != f[column["value"]].size() || !std::isfinite(value)) throw std::invalid_argument("value");
    } catch (const std::exception&) {
      throw InputError(where + "value: got '" + f[column["value"]] + "', must be a finite number");
    }
    if (code.empty()) throw InputError(where + "code: empty");
    auto [it, inserted] = panel.areas_.emplace(code, Area{level, f[column["name"]]});
    if (!inserted && it->second.level != level)
      throw InputError(where + "code " + code + ": level " + level + " here, " + it->second.level + " before");
    panel.values_[f[column["series"]]][code][year] = value;
    last_year = std::max(last_year, year);
  }
  panel.last_year_ = last_year;
  return panel;
}

Panel Panel::up_to(int last_year) const {
  Panel cut = *this;
  cut.last_year_ = std::min(last_year_, last_year);
  for (auto& [series, by_code] : cut.values_)
    for (auto& [code, by_year] : by_code) by_year.erase(by_year.upper_bound(last_year), by_year.end());
  return cut;
}

const std::string& Panel::level(const std::string& code) const { return areas_.at(code).level; }
const std::string& Panel::name(const std::string& code) const { return areas_.at(code).name; }

std::vector<std::string> Panel::codes_at_level(const std::string& level) const {
  std::vector<std::string> codes;
  for (const auto& [code, area] : areas_)
    if (area.level == level) codes.push_back(code);
  return codes;
}

std::optional<double> Panel::value(const std::string& series, const std::string& code, int year) const {
  const auto s = values_.find(series);
  if (s == values_.end()) return std::nullopt;
  const auto c = s->second.find(code);
  if (c == s->second.end()) return std::nullopt;
  const auto y = c->second.find(year);
  if (y == c->second.end()) return std::nullopt;
  return y->second;
}

std::pair<int, int> Panel::years(const std::string& series) const {
  const auto s = values_.find(series);
  if (s == values_.end()) throw InputError(file_ + ": no rows of series " + series);
  const auto c = s->second.find(kUkCode);
  if (c == s->second.end() || c->second.empty())
    throw InputError(file_ + ": series " + series + " has no UK (" + kUkCode + ") rows");
  return {c->second.begin()->first, c->second.rbegin()->first};
}

}  // namespace lissim::sim
