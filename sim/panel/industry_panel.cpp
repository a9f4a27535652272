#include "sim/panel/industry_panel.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/errors.h"
#include "sim/io/sha256.h"
#include "sim/panel/csv_record.h"

namespace lissim::sim {

namespace {

// A tidy CSV file: its text, header and the column of each required name.
struct CsvFile {
  std::string path, sha256;
  std::vector<std::string> lines;
  std::map<std::string, std::size_t> column;
  std::size_t needed = 0;  // fields a record must have
};

CsvFile open_csv(const std::string& path, const std::vector<std::string>& columns, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open " + what);
  std::stringstream buffer;
  buffer << in.rdbuf();
  CsvFile f;
  f.path = path;
  const std::string text = buffer.str();
  f.sha256 = sha256_hex(text);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) f.lines.push_back(line);
  if (f.lines.empty()) throw InputError(path + ":1: error: empty file, expected a header row");
  const auto header = split_csv(f.lines[0]);
  for (std::size_t i = 0; i < header.size(); ++i) f.column[header[i]] = i;
  std::string missing, all;
  for (const auto& name : columns) {
    all += (all.empty() ? "" : ", ") + name;
    if (!f.column.count(name)) missing += (missing.empty() ? "" : ", ") + name;
    else f.needed = std::max(f.needed, f.column[name] + 1);
  }
  if (!missing.empty()) throw InputError(path + ":1: error: missing column(s) " + missing + "; " + what + " needs " + all);
  return f;
}

std::string where(const CsvFile& f, std::size_t index) {
  return f.path + ":" + std::to_string(index + 1) + ": error: ";
}

int parse_year(const CsvFile& f, std::size_t index, const std::string& text) {
  try {
    std::size_t used = 0;
    const int year = std::stoi(text, &used);
    if (used == text.size()) return year;
  } catch (const std::exception&) {
  }
  throw InputError(where(f, index) + "year: got '" + text + "', must be an integer");
}

double parse_value(const CsvFile& f, std::size_t index, const std::string& column, const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && std::isfinite(value)) return value;
  } catch (const std::exception&) {
  }
  throw InputError(where(f, index) + column + ": got '" + text + "', must be a finite number");
}

}  // namespace

std::string industry_gva_file_name(const std::string& level) {
  if (level == "ITL1") return "gva_by_industry_chained_volume_itl1.csv";
  if (level == "ITL2") return "gva_by_industry_chained_volume_itl2.csv";
  if (level == "ITL3") return "gva_by_industry_chained_volume_itl3.csv";
  throw InputError("GVA by industry is published for ITL1, ITL2 and ITL3 areas, not " + level);
}

IndustryGva IndustryGva::read(const std::string& folder, const std::string& level, int last_year) {
  const std::string path = (std::filesystem::path(folder) / industry_gva_file_name(level)).string();
  const CsvFile f = open_csv(path, {"code", "sic07_code", "sic07_description", "year", "gbp_m_2019_prices"},
                             "the GVA-by-industry file");
  IndustryGva gva;
  gva.file_ = path;
  gva.sha256_ = f.sha256;
  gva.level_ = level;
  for (std::size_t i = 1; i < f.lines.size(); ++i) {
    if (f.lines[i].empty() || f.lines[i] == "\r") continue;
    const auto fields = split_csv(f.lines[i]);
    if (fields.size() < f.needed)
      throw InputError(where(f, i) + "expected at least " + std::to_string(f.needed) + " fields, got " +
                       std::to_string(fields.size()));
    const int year = parse_year(f, i, fields[f.column.at("year")]);
    if (year > last_year) continue;
    const std::string& sic = fields[f.column.at("sic07_code")];
    const std::string industry = sic.substr(0, sic.find(' '));
    if (industry.empty()) throw InputError(where(f, i) + "sic07_code: empty");
    gva.industries_.emplace(industry, fields[f.column.at("sic07_description")]);
    gva.values_[fields[f.column.at("code")]][industry][year] =
        parse_value(f, i, "gbp_m_2019_prices", fields[f.column.at("gbp_m_2019_prices")]);
  }
  return gva;
}

std::optional<double> IndustryGva::value(const std::string& code, const std::string& industry, int year) const {
  const auto a = values_.find(code);
  if (a == values_.end()) return std::nullopt;
  const auto i = a->second.find(industry);
  if (i == a->second.end()) return std::nullopt;
  const auto y = i->second.find(year);
  if (y == i->second.end()) return std::nullopt;
  return y->second;
}

std::vector<int> IndustryGva::years(const std::string& code, const std::string& industry) const {
  std::vector<int> out;
  const auto a = values_.find(code);
  if (a == values_.end()) return out;
  const auto i = a->second.find(industry);
  if (i == a->second.end()) return out;
  for (const auto& [year, value] : i->second) out.push_back(year);
  return out;
}

Bres Bres::read(const std::string& folder) {
  const std::string path = (std::filesystem::path(folder) / kBresFile).string();
  const CsvFile f = open_csv(path, {"year", "nuts3_code", "name", "sic07_section", "section_description", "employees"},
                             "the BRES file");
  Bres bres;
  bres.file = path;
  bres.sha256 = f.sha256;
  for (std::size_t i = 1; i < f.lines.size(); ++i) {
    if (f.lines[i].empty() || f.lines[i] == "\r") continue;
    const auto fields = split_csv(f.lines[i]);
    if (fields.size() < f.needed)
      throw InputError(where(f, i) + "expected at least " + std::to_string(f.needed) + " fields, got " +
                       std::to_string(fields.size()));
    const int year = parse_year(f, i, fields[f.column.at("year")]);
    if (bres.year != 0 && year != bres.year)
      throw InputError(where(f, i) + "year: got " + std::to_string(year) + ", the file's first rows are " +
                       std::to_string(bres.year) + " (one year of BRES is a composition, not a series)");
    bres.year = year;
    const std::string& code = fields[f.column.at("nuts3_code")];
    const std::string& section = fields[f.column.at("sic07_section")];
    const double employees = parse_value(f, i, "employees", fields[f.column.at("employees")]);
    if (employees < 0) throw InputError(where(f, i) + "employees: got a negative count");
    bres.names[code] = fields[f.column.at("name")];
    bres.sections.emplace(section, fields[f.column.at("section_description")]);
    bres.employees[code][section] += employees;
  }
  if (bres.employees.empty()) throw InputError(path + ": no rows");
  return bres;
}

std::string nuts3_code(const std::string& itl3_code) {
  return itl3_code.size() > 2 && itl3_code.rfind("TL", 0) == 0 ? "UK" + itl3_code.substr(2) : itl3_code;
}

}  // namespace lissim::sim
