#pragma once
// `lissim build-region` (docs/regions.md): a region's base-year seed data from the UK regional
// panel and a region file. The panel gives the totals (filled jobs, hours, current-price GVA
// per hour) and the sector composition (BRES employee shares for jobs, chained-volume GVA by
// industry for output); the region file gives what the panel does not have, with its sources.
// Every figure keeps its source, and the panel's series up to the base year go with it as
// history (region, comparator England excluding London, UK).
#include <string>
#include <utility>
#include <vector>

#include "sim/panel/industry_panel.h"
#include "sim/panel/panel.h"
#include "sim/panel/panel_region.h"
#include "sim/region/region_file.h"
#include "sim/seed_history.h"

namespace lissim::sim {

struct BuiltSector {
  std::string id, name, note;
  std::vector<std::string> sic_sections;
  double jobs = 0;           // filled jobs, base year
  double hours_per_job = 0;  // a year
  double gva_per_hour = 0;   // GBP, current prices of the base year
  double private_share = 0;
  double better_jobs_share = 0;
  double panel_gva_per_hour = 0;  // what the panel's industry share gives (differs where the file replaces it)
  std::string source;
};

struct BuiltRegion {
  RegionFile file;
  PanelRegion region, comparator;
  int base_year = 0;
  std::vector<BuiltSector> sectors;
  double filled_jobs = 0;            // sum of the areas' filled jobs
  double hours_per_week = 0;         // sum of their hours worked a week
  double gva_per_hour = 0;           // hours-weighted current-price GVA per hour
  double comparator_gva_per_hour = 0;
  double private_density = 0;        // private-sector jobs per working-age resident
  double better_jobs_share = 0;      // jobs-weighted SOC 1-3 share
  double hours_scale = 0;            // panel hours over the region file's hours pattern
  double better_jobs_scale = 1;      // to better_jobs_share_total
  double industry_coverage = 0;      // share of GVA (excluding imputed rent) the sectors' industries hold
  std::string panel_folder;  // as given
  std::string totals_source, comparator_source;
  std::vector<HistorySeries> history;
  std::vector<std::pair<std::string, std::string>> inputs;  // files read and their SHA-256
};

// InputError naming the file, code, year or key on bad input: a base year outside the panel,
// a region file for another base year or other areas, an area without BRES or industry rows,
// sector industries that do not cover the region's GVA, a share above 1 after scaling.
BuiltRegion build_region(const Panel& panel, const PanelRegion& region, int base_year, const RegionFile& file);

// baseline.yaml (the seed data format of docs/model.md plus provenance, totals and history).
std::string baseline_yaml(const BuiltRegion& built, const std::string& command);

}  // namespace lissim::sim
