#pragma once
// The published history of a region's series up to the base year, as baseline.yaml records it
// (`history:`, written by lissim build-region): one series by year for the region, its
// comparator and the UK, for fan charts and checks.
#include <string>
#include <vector>

namespace lissim::sim {

struct HistorySeries {
  std::string id;      // e.g. filled_jobs; gva_chained_volume with a sector
  std::string sector;  // sector id, or empty for a regional total
  std::string unit, source;
  std::vector<int> years;
  std::vector<double> region, comparator, uk;
};

}  // namespace lissim::sim
