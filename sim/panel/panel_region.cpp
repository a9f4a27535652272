#include "sim/panel/panel_region.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/errors.h"

namespace lissim::sim {

namespace {

constexpr const char* kJobs = "filled_jobs";
constexpr const char* kHours = "hours_worked_per_week";
constexpr const char* kIndex = "gva_per_hour_chained_volume_index";
constexpr const char* kCurrent = "gva_per_hour_current_price";

PanelRegion make_region(const Panel& panel, std::vector<std::string> codes) {
  PanelRegion region;
  std::sort(codes.begin(), codes.end());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (!panel.has_code(codes[i]))
      throw InputError(panel.file() + ": no area with code '" + codes[i] + "' in the panel");
    if (i > 0 && codes[i] == codes[i - 1]) throw InputError("region: code " + codes[i] + " given twice");
    if (i > 0 && panel.level(codes[i]) != panel.level(codes[0]))
      throw InputError("region: " + codes[0] + " is " + panel.level(codes[0]) + " but " + codes[i] + " is " +
                       panel.level(codes[i]) + "; a region is a set of areas of one level");
    region.label += (i ? "+" : "") + codes[i];
  }
  region.level = panel.level(codes.front());
  region.codes = std::move(codes);
  return region;
}

double required(const Panel& panel, const char* series, const std::string& code, int year) {
  const auto v = panel.value(series, code, year);
  if (!v) throw InputError(panel.file() + ": no " + series + " for " + code + " in " + std::to_string(year));
  return *v;
}

// X(t) of one set of areas, or nothing if a part is missing in year t.
std::optional<double> level_value(const Panel& panel, const std::vector<std::string>& codes, PanelSeries series,
                                  int year, int price_year) {
  if (series == PanelSeries::filled_jobs) {
    double sum = 0;
    for (const auto& code : codes) {
      const auto v = panel.value(kJobs, code, year);
      if (!v) return std::nullopt;
      sum += *v;
    }
    return sum;
  }
  double real_gva = 0, hours = 0;
  for (const auto& code : codes) {
    const auto index = panel.value(kIndex, code, year);
    if (!index) return std::nullopt;
    const double at_price_year = required(panel, kCurrent, code, price_year) * *index /
                                 required(panel, kIndex, code, price_year);
    if (codes.size() == 1) return at_price_year;
    const auto h = panel.value(kHours, code, year);
    if (!h) return std::nullopt;
    real_gva += at_price_year * *h;
    hours += *h;
  }
  return real_gva / hours;
}

}  // namespace

PanelRegion parse_region(const Panel& panel, const std::string& codes) {
  std::vector<std::string> list;
  std::string code;
  for (const char c : codes + ",") {
    if (c == ',') {
      if (!code.empty()) list.push_back(code);
      code.clear();
    } else if (c != ' ') {
      code += c;
    }
  }
  if (list.empty()) throw InputError("region: no area code given (e.g. --region TLC1)");
  return make_region(panel, list);
}

PanelRegion england_excluding_london(const Panel& panel) {
  return make_region(panel, {"TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLJ", "TLK"});
}

const char* series_name(PanelSeries series) {
  return series == PanelSeries::filled_jobs ? "filled_jobs" : "gva_per_hour";
}

const char* source_series(PanelSeries series) {
  return series == PanelSeries::filled_jobs ? kJobs : kIndex;
}

PanelSeries parse_series(const std::string& name) {
  for (const PanelSeries s : kPanelSeries)
    if (name == series_name(s)) return s;
  throw InputError("series: got '" + name + "', must be filled_jobs or gva_per_hour");
}

std::map<int, double> relative_series(const Panel& panel, const PanelRegion& region, PanelSeries series,
                                      int price_year) {
  const auto [first, last] = panel.years(source_series(series));
  std::map<int, double> y;
  for (int year = first; year <= last; ++year) {
    const auto x = level_value(panel, region.codes, series, year, price_year);
    const auto uk = level_value(panel, {kUkCode}, series, year, price_year);
    if (x && uk && *x > 0 && *uk > 0) y[year] = std::log(*x) - std::log(*uk);
  }
  return y;
}

}  // namespace lissim::sim
