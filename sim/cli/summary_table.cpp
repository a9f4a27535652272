#include "sim/cli/summary_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

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

// Whole GBP with thousands separators: 298,415.
std::string money(double x) { return persons(x).substr(1); }

// The width of the id column: the longest id, so a long one never pushes its row out of line.
int id_width(const std::vector<std::string>& ids, int at_least) {
  int width = at_least;
  for (const auto& id : ids) width = std::max(width, static_cast<int>(id.size()));
  return width;
}

// Cost PV, BCR, P(BCR >= 1), the BCR without the productivity channel and in the UK view, cost
// per net job as evaluations report it and net jobs at the deadline, local view.
void print_appraisal(std::ostream& out, const Scenario& scenario, const RunSummary& summary,
                     const std::vector<AppraisalSummary>& appraisal) {
  using models::AppraisalMeasure;
  const SeriesLayout& layout = summary.layout;
  const int y = scenario.deadline - scenario.base_year();
  out << "\nInterventions, local view (GBP m at " << scenario.base_year() << " prices, discounted at "
      << format("%.1f", 100.0 * scenario.discount_rate) << "% to " << scenario.base_year() << ", appraised "
      << scenario.base_year() + 1 << "-" << scenario.appraisal_end_year << "): median [90% band]\n";
  std::vector<std::string> ids{"all"};
  for (const auto& x : scenario.interventions) ids.push_back(x.design.id);
  const int width = id_width(ids, 24);
  char line[400];
  std::snprintf(line, sizeof line, "  %-*s %8s  %-20s %9s  %9s  %7s  %14s  %s\n", width, "", "cost PV", "BCR", "P(BCR>=1)",
                "BCR-prod", "BCR UK", "GBP/net job", ("net jobs " + std::to_string(scenario.deadline)).c_str());
  out << line;
  bool no_bcr = false;
  for (int i = 0; i < layout.interventions; ++i) {
    const bool package = i + 1 == layout.interventions;
    const std::string id = package ? "all" : scenario.interventions[static_cast<std::size_t>(i)].design.id;
    const AppraisalSummary& a = appraisal[static_cast<std::size_t>(i * models::kViewCount)];
    const AppraisalSummary& uk = appraisal[static_cast<std::size_t>(i * models::kViewCount + 1)];
    const DrawSummary& bcr = a[AppraisalMeasure::bcr];
    const double below_one = a.vfm_band_probability[0];
    const DrawSummary& per_job = a[AppraisalMeasure::cost_per_net_job];
    const SeriesSummary& jobs =
        summary.series[static_cast<std::size_t>(layout.intervention_series(i, InterventionSeries::jobs_local))];
    // Without cost in any draw (no spend) a BCR is undefined: "-", with the reason below the table.
    const bool has_bcr = bcr.defined_fraction > 0 && std::isfinite(below_one);
    no_bcr = no_bcr || !has_bcr;
    const std::string bcr_text = has_bcr ? format("%.2f", bcr.quantiles[3]) + " [" + format("%.2f", bcr.quantiles[0]) +
                                               ", " + format("%.2f", bcr.quantiles[6]) + "]"
                                         : "-";
    const std::string p_text = has_bcr ? format("%.1f%%", 100.0 * (1.0 - below_one)) : "-";
    const std::string job_text = per_job.defined_fraction > 0 ? money(per_job.quantiles[3]) : "-";
    std::snprintf(line, sizeof line, "  %-*s %8.2f  %-20s %9s  %9s  %7s  %14s  %s\n", width, id.c_str(),
                  a[AppraisalMeasure::cost_pv].mean, bcr_text.c_str(), p_text.c_str(),
                  has_bcr ? format("%.2f", a[AppraisalMeasure::bcr_without_productivity].quantiles[3]).c_str() : "-",
                  has_bcr ? format("%.2f", uk[AppraisalMeasure::bcr].quantiles[3]).c_str() : "-", job_text.c_str(),
                  persons(jobs.quantiles(3, y)).c_str());
    out << line;
  }
  if (no_bcr) out << "  (BCR -: no draw has a cost to divide by, e.g. the spend is zero in every year)\n";
  out << "  BCR-prod: without the productivity channel. GBP/net job: undiscounted public cost / peak net\n"
         "  additional jobs in the area (jobs channel plus residents moved into work), as evaluations report it.\n";
}

}  // namespace

void print_summary_table(std::ostream& out, const Scenario& scenario, const RunSummary& summary,
                         const std::vector<AppraisalSummary>& appraisal) {
  const SeriesLayout& layout = summary.layout;
  const int y = scenario.deadline - scenario.base_year();
  const bool interventions = layout.met_paths() > 1;
  out << "\nProbability of meeting each target in " << scenario.deadline << " (" << summary.draws << " draws)\n";
  std::vector<std::string> ids{"all jointly"};
  for (const auto& t : scenario.targets) ids.push_back(t.id);
  const int width = id_width(ids, 22);
  const std::string pad(static_cast<std::size_t>(width), ' ');
  out << "  met: the true values meet it; judged met: the published figures show it (docs/model.md section 11)\n";
  if (interventions)
    out << "  " << pad << "     met   judged   without interventions: met  judged\n";
  else
    out << "  " << pad << "     met   judged\n";
  for (int t = 0; t <= layout.targets; ++t) {
    const bool joint = t == layout.targets;
    const std::string id = joint ? "all jointly" : scenario.targets[static_cast<std::size_t>(t)].id;
    const double p = summary.prob_met(layout.met_index(0, t), y);
    const double judged = summary.prob_met(layout.judged_index(0, t), y);
    const std::string description = joint ? "" : scenario.targets[static_cast<std::size_t>(t)].description;
    char line[600];
    if (interventions) {
      const double p0 = summary.prob_met(layout.met_index(1, t), y);
      const double judged0 = summary.prob_met(layout.judged_index(1, t), y);
      std::snprintf(line, sizeof line, "  %-*s %6.1f%%  %6.1f%%   %26.1f%%  %6.1f%%  %s\n", width, id.c_str(), 100.0 * p,
                    100.0 * judged, 100.0 * p0, 100.0 * judged0, description.c_str());
    } else {
      std::snprintf(line, sizeof line, "  %-*s %6.1f%%  %6.1f%%  %s\n", width, id.c_str(), 100.0 * p, 100.0 * judged,
                    description.c_str());
    }
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
    std::snprintf(line, sizeof line, "  %-*s %s\n", width, row.label, text.c_str());
    out << line;
  }
  if (!appraisal.empty()) print_appraisal(out, scenario, summary, appraisal);
}

}  // namespace lissim::sim
