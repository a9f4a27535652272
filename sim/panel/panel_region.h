#pragma once
// A region of the panel (an area code or a set of codes of one level) and its series relative
// to the UK: y(t) = ln X_region(t) - ln X_UK(t).
//   filled_jobs:  X = the sum of the areas' filled jobs.
//   gva_per_hour: real GVA per hour in prices of a price year b. An area's real GVA per hour is
//                 P(b) I(t) / I(b) (P: current-price GVA per hour, I: the chained-volume index);
//                 a set's is sum_i P_i(b) I_i(t)/I_i(b) H_i(t) / sum_i H_i(t) (H: hours worked),
//                 i.e. the areas' real GVA in year-b prices summed and divided by their summed
//                 hours (chained-volume values do not add; current-price values at one year do).
//                 y(b) is then the current-price relative level, and changes of y are real.
#include <map>
#include <string>
#include <vector>

#include "sim/panel/panel.h"

namespace lissim::sim {

struct PanelRegion {
  std::vector<std::string> codes;  // sorted, distinct, all of one level
  std::string level;
  std::string label;  // the codes joined by '+'
};

// "TLC1" or "TLC21,TLC22,TLC23,TLC14": InputError naming an unknown code, a repeated code or
// codes of different levels.
PanelRegion parse_region(const Panel& panel, const std::string& codes);
// England excluding London: the ITL1 regions TLC to TLK without TLI.
PanelRegion england_excluding_london(const Panel& panel);

enum class PanelSeries { filled_jobs, gva_per_hour };
inline constexpr PanelSeries kPanelSeries[] = {PanelSeries::filled_jobs, PanelSeries::gva_per_hour};
const char* series_name(PanelSeries series);
PanelSeries parse_series(const std::string& name);  // InputError if unknown

// y(t) by year, for every year up to the panel's last year where the region and the UK have
// the data. price_year matters for gva_per_hour only; its values must be in the panel.
std::map<int, double> relative_series(const Panel& panel, const PanelRegion& region, PanelSeries series,
                                      int price_year);

// The panel series a PanelSeries is built from (for spans and messages).
const char* source_series(PanelSeries series);

}  // namespace lissim::sim
