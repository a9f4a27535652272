#pragma once
// The panel's industry files (shared/data/uk_regions format), read for building a region's
// seed data (docs/regions.md):
//   gva_by_industry_chained_volume_itl{1,2,3}.csv  ONS regional GVA (balanced) by industry,
//       chained volume, GBP m in 2019 prices, one file per ITL level (ITL1 includes the UK);
//   bres_employees_by_section_nuts3.csv  BRES employees by SIC 2007 section and NUTS3 area.
// Only years up to last_year are kept, so nothing after a base year can enter a seed.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lissim::sim {

inline constexpr const char* kBresFile = "bres_employees_by_section_nuts3.csv";

// "gva_by_industry_chained_volume_itl3.csv" for "ITL3"; InputError for another level.
std::string industry_gva_file_name(const std::string& level);

class IndustryGva {
 public:
  // InputError naming the file, line and column on bad input.
  static IndustryGva read(const std::string& folder, const std::string& level, int last_year);

  const std::string& file() const { return file_; }
  const std::string& file_sha256() const { return sha256_; }
  const std::string& level() const { return level_; }
  bool has_code(const std::string& code) const { return values_.count(code) > 0; }
  // An industry is the published sic07_code up to its first space: "Total", "C", "CD-CG",
  // "68IMP", "41"...
  bool has_industry(const std::string& industry) const { return industries_.count(industry) > 0; }
  std::optional<double> value(const std::string& code, const std::string& industry, int year) const;
  // Years with a value for the area and industry.
  std::vector<int> years(const std::string& code, const std::string& industry) const;

 private:
  std::string file_, sha256_, level_;
  std::map<std::string, std::string> industries_;  // code -> description
  std::map<std::string, std::map<std::string, std::map<int, double>>> values_;  // area -> industry -> year
};

struct Bres {
  static Bres read(const std::string& folder);

  std::string file, sha256;
  int year = 0;
  std::map<std::string, std::string> names;                           // NUTS3 code -> name
  std::map<std::string, std::map<std::string, double>> employees;     // NUTS3 code -> section -> employees
  std::map<std::string, std::string> sections;                        // section -> description
};

// The NUTS3 (2016) code BRES uses for an ITL3 (2021) area: "TLC21" -> "UKC21" (the last three
// characters agree for most areas; where the boundaries changed there is no BRES row).
std::string nuts3_code(const std::string& itl3_code);

}  // namespace lissim::sim
