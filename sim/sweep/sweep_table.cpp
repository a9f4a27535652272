#include "sim/sweep/sweep_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sim/errors.h"
#include "sim/util/display_format.h"
#include "sim/util/text_table.h"

namespace lissim::sim {
namespace {

double value_at(const PointSummary& summary, const std::string& path, std::size_t index) {
  for (const SweepArray& a : summary)
    if (a.path == path) return index < a.values.size() ? a.values[index] : kNaN;
  return kNaN;
}

std::vector<std::string> target_ids(const Scenario& base) {
  std::vector<std::string> ids;
  for (const auto& t : base.targets) ids.push_back(t.id);
  ids.push_back("all");
  return ids;
}

std::string swept_value(const SweepPoint& point, std::size_t axis) {
  const double v = point.values[axis];
  return std::isnan(v) ? "(base)" : display_number(v);
}

std::string point_text(const SweepSpec& spec, const SweepPoint& point) {
  std::string text;
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    if (std::isnan(point.values[a])) continue;
    if (!text.empty()) text += ", ";
    text += spec.axes[a].key + " = " + display_number(point.values[a]);
  }
  return text.empty() ? "the base scenario" : text;
}

double standard_error(double p, std::int64_t draws) {
  return draws > 0 ? std::sqrt(std::max(p * (1.0 - p), 0.0) / static_cast<double>(draws)) : kNaN;
}

}  // namespace

SweepGoal parse_goal(const std::string& text, const Scenario& base) {
  const auto colon = text.rfind(':');
  const std::string usage = "--goal " + text + ": expected TARGET:PROBABILITY, e.g. productivity_gap:0.5";
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) throw InputError(usage);
  SweepGoal goal{text.substr(0, colon), 0};
  char* end = nullptr;
  const std::string number = text.substr(colon + 1);
  goal.probability = std::strtod(number.c_str(), &end);
  if (end == number.c_str() || *end != '\0') throw InputError(usage);
  if (!(goal.probability > 0 && goal.probability <= 1))
    throw InputError("--goal " + text + ": the probability must be in (0, 1], got " + number);
  const std::vector<std::string> ids = target_ids(base);
  if (std::find(ids.begin(), ids.end(), goal.target) == ids.end()) {
    std::string known;
    for (const auto& id : ids) known += (known.empty() ? "" : ", ") + id;
    throw InputError("--goal " + text + ": unknown target '" + goal.target + "' (the scenario's targets: " + known +
                     ")");
  }
  return goal;
}

void print_sweep_table(std::ostream& out, const SweepSpec& spec, const std::vector<SweepPoint>& points,
                       const Scenario& base, const std::vector<PointSummary>& summaries,
                       const std::vector<SweepGoal>& goals) {
  const auto deadline = static_cast<std::size_t>(base.deadline - base.base_year());
  const std::vector<std::string> ids = target_ids(base);
  const bool interventions = !base.interventions.empty();
  std::vector<TextTable::Column> columns{{"point", TextTable::Align::right}};
  for (const auto& axis : spec.axes) columns.push_back({axis.key, TextTable::Align::right});
  for (const auto& id : ids) columns.push_back({id == "all" ? "all jointly" : id, TextTable::Align::right});
  if (interventions) {
    columns.push_back({"spend (GBP m)", TextTable::Align::right});
    columns.push_back({"BCR (package, median)", TextTable::Align::right});
  }
  TextTable table(columns);
  for (std::size_t p = 0; p < points.size() && p < summaries.size(); ++p) {
    std::vector<std::string> cells{std::to_string(p)};
    for (std::size_t a = 0; a < spec.axes.size(); ++a) cells.push_back(swept_value(points[p], a));
    for (const auto& id : ids)
      cells.push_back(display_percent(value_at(summaries[p], "targets/" + id + "/prob_met", deadline)));
    if (interventions) {
      cells.push_back(display_number(value_at(summaries[p], "interventions/all/total_spend_gbp_m", 0)));
      cells.push_back(display_number(value_at(summaries[p], "interventions/all/appraisal/bcr/quantiles", 3)));
    }
    table.add(cells);
  }
  out << "\nP(target met in " << base.deadline << ") at each point (" << base.draws
      << " draws each, the same random numbers)\n";
  table.print_text(out, "  ");
  for (const SweepGoal& goal : goals) {
    // The smallest value of the first swept axis (then the point order) at which P reaches the goal.
    std::size_t best = points.size();
    double best_p = kNaN, highest = -1;
    std::size_t highest_at = 0;
    for (std::size_t p = 0; p < points.size() && p < summaries.size(); ++p) {
      const double prob = value_at(summaries[p], "targets/" + goal.target + "/prob_met", deadline);
      if (prob > highest) highest = prob, highest_at = p;
      if (!(prob >= goal.probability)) continue;
      const double v = points[p].values.empty() ? kNaN : points[p].values[0];
      const double current = best < points.size() ? points[best].values[0] : kNaN;
      if (best == points.size() || (!std::isnan(v) && (std::isnan(current) || v < current))) {
        best = p;
        best_p = prob;
      }
    }
    out << "\nGoal " << goal.target << " met with probability >= " << display_percent(goal.probability) << ": ";
    if (best < points.size()) {
      char se[32];
      std::snprintf(se, sizeof se, " ± %.1f", 100.0 * standard_error(best_p, base.draws));
      out << "first reached at " << point_text(spec, points[best]) << " (point " << best << ": "
          << display_percent(best_p) << se << ")\n";
    } else {
      out << "not reached at any swept value (highest " << display_percent(highest) << " at "
          << point_text(spec, points[highest_at]) << ")\n";
    }
  }
}

}  // namespace lissim::sim
