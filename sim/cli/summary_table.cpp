#include "sim/cli/summary_table.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace lissim::sim {
namespace {

std::string format(const char* fmt, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, x);
  return buf;
}

// Thousands separators for counts of people.
std::string persons(double x) {
  const long long v = std::llround(x);
  const std::string digits = std::to_string(v < 0 ? -v : v);
  std::string text(1, v < 0 ? '-' : '+');
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text.push_back(',');
    text.push_back(digits[i]);
  }
  return text;
}

}  // namespace

void print_summary_table(std::ostream& out, const Scenario& scenario, const RunSummary& summary) {
  const SeriesLayout& layout = summary.layout;
  const int y = scenario.deadline - scenario.base_year();
  out << "\nProbability of meeting each target in " << scenario.deadline << " (" << summary.draws << " draws)\n";
  for (int t = 0; t <= layout.targets; ++t) {
    const bool joint = t == layout.targets;
    const std::string id = joint ? "all jointly" : scenario.targets[static_cast<std::size_t>(t)].id;
    const double p = summary.prob_met(layout.met_index(0, t), y);
    char line[160];
    std::snprintf(line, sizeof line, "  %-22s %6.1f%%  %s\n", id.c_str(), 100.0 * p,
                  joint ? "" : scenario.targets[static_cast<std::size_t>(t)].description.c_str());
    out << line;
  }
  out << "\nIn " << scenario.deadline << ": median [90% band]\n";
  struct Row {
    models::Indicator indicator;
    const char* label;
  };
  for (const Row row : {Row{models::Indicator::jobs_change, "jobs change"},
                        Row{models::Indicator::employment_rate_gap, "employment-rate gap"},
                        Row{models::Indicator::productivity_gap, "productivity gap"}}) {
    const SeriesSummary& s = summary.series[static_cast<std::size_t>(layout.indicator_series(0, row.indicator))];
    const double median = s.quantiles(3, y), lo = s.quantiles(0, y), hi = s.quantiles(6, y);
    const std::string units(models::indicator_info(row.indicator).units);
    std::string text;
    if (row.indicator == models::Indicator::jobs_change) {
      text = persons(median) + " [" + persons(lo) + ", " + persons(hi) + "] jobs";
    } else {
      text = format("%.2f", median) + " [" + format("%.2f", lo) + ", " + format("%.2f", hi) + "] " + units;
    }
    char line[200];
    std::snprintf(line, sizeof line, "  %-22s %s\n", row.label, text.c_str());
    out << line;
  }
}

}  // namespace lissim::sim
