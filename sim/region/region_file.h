#pragma once
// The region file (filetype "lissim-region", docs/regions.md): what `lissim build-region`
// needs about a region beyond the panel, each number with its cited source: the working-age
// population and its projection, the 16-64 employment and activity rates, the comparator's
// (England excluding London) rates and private-sector density, and the sector definitions
// (which BRES sections and GVA industries make each sector, its hours pattern, private-sector
// and SOC 1-3 shares, and any figure that replaces a panel one where the panel is too coarse).
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lissim::sim {

inline constexpr const char* kRegionFiletype = "lissim-region";

struct SourcedValue {
  double value = 0;
  std::string source;
};

// A part of a published category: "C: 0.52" is 52% of section C (1 when listed plainly).
using CategoryShares = std::vector<std::pair<std::string, double>>;

struct RegionSectorSpec {
  std::string id, name;
  CategoryShares jobs_sections;   // BRES SIC 2007 sections
  CategoryShares gva_industries;  // industries of the GVA-by-industry files
  std::string split_source;       // cited for any share below 1
  SourcedValue hours_per_week;    // a pattern: scaled to the panel's hours
  SourcedValue private_share;
  SourcedValue better_jobs_share;  // scaled to better_jobs_share_total when given
  std::optional<SourcedValue> gva_per_hour;  // replaces the panel's industry share
  std::string note;
};

struct RegionFile {
  std::string path, sha256;
  std::string region_name, comparator_name;
  std::vector<std::string> codes;  // the panel areas the figures describe, sorted
  int base_year = 0;
  SourcedValue working_age_population, employment_rate_pct, activity_rate_pct;
  std::optional<SourcedValue> sep_jobs;                 // the SEP's jobs measure (docs/model.md section 11)
  std::optional<SourcedValue> better_jobs_share_total;  // jobs-weighted SOC 1-3 share
  SourcedValue comparator_employment_rate_pct, comparator_activity_rate_pct, comparator_private_density;
  std::map<int, double> population_growth_pct;  // by first year it applies
  std::string population_source;
  std::vector<RegionSectorSpec> sectors;
};

// Every problem at once, compiler style (file:line:col: error: key: rule), as one InputError:
// a missing key is named, so is a share outside (0, 1], a number out of range, an unknown key.
RegionFile read_region_file(const std::string& path);

}  // namespace lissim::sim
