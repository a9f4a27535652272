#include "sim/compare/better_direction.h"

namespace lissim::sim {
namespace {

using Better = Direction::Better;

Better rule_direction(const std::string& rule) {
  if (rule == "at_least" || rule == "share_of_growth_at_least") return Better::higher;
  if (rule == "at_most" || rule == "reduce_by") return Better::lower;
  return Better::none;
}

Better default_indicator_direction(const std::string& name) {
  for (const char* higher : {"jobs", "jobs_change", "employment_rate", "activity_rate", "private_density",
                             "gva_per_hour", "better_jobs", "better_jobs_share_of_growth", "gva"})
    if (name == higher) return Better::higher;
  for (const char* lower : {"employment_rate_gap", "activity_rate_gap", "private_density_gap", "productivity_gap"})
    if (name == lower) return Better::lower;
  return Better::none;
}

}  // namespace

std::string Direction::describe() const {
  const char* way = better == Better::higher ? "higher" : better == Better::lower ? "lower" : "none";
  return source.empty() ? way : std::string(way) + " (" + source + ")";
}

std::map<std::string, Direction> indicator_directions(const ResultsReader& file) {
  std::map<std::string, Direction> directions;
  if (!file.is_group("/targets")) return directions;
  for (const auto& id : file.members("/targets")) {
    const std::string group = "/targets/" + id;
    if (id == "all" || !file.has_attribute(group, "indicator") || !file.has_attribute(group, "rule")) continue;
    const std::string indicator = file.text_attribute(group, "indicator");
    const Better better = rule_direction(file.text_attribute(group, "rule"));
    if (better == Better::none) continue;
    auto [it, inserted] = directions.try_emplace(indicator, Direction{better, "target " + id});
    if (!inserted && it->second.better != better) it->second = Direction{Better::none, "targets disagree"};
  }
  return directions;
}

Direction indicator_direction(const std::map<std::string, Direction>& directions, const std::string& indicator) {
  if (const auto it = directions.find(indicator); it != directions.end()) return it->second;
  const Better better = default_indicator_direction(indicator);
  return Direction{better, better == Better::none ? "" : "default"};
}

Direction appraisal_direction(const std::string& measure) {
  if (measure == "benefit_pv" || measure == "npv" || measure == "bcr") return Direction{Better::higher, ""};
  if (measure == "cost_pv" || measure.rfind("cost_per_", 0) == 0) return Direction{Better::lower, ""};
  return Direction{};
}

}  // namespace lissim::sim
