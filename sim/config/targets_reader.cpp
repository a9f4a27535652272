#include <set>

#include "sim/config/section_readers.h"

namespace lissim::sim {
namespace {

std::optional<models::Indicator> read_indicator(ValueReader& r, const ConfigNode& node) {
  const auto name = r.text(node);
  if (!name) return std::nullopt;
  const int index = models::find_indicator(*name);
  if (index >= 0) return static_cast<models::Indicator>(index);
  std::set<std::string> names;
  for (int i = 0; i < models::kIndicatorCount; ++i)
    names.insert(std::string(models::indicator_info(static_cast<models::Indicator>(i)).name));
  std::string message = "got '" + *name + "', must be an indicator name (see docs/results.md)";
  const std::string suggestion = suggest_key(*name, names);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  r.error(node, message);
  return std::nullopt;
}

// docs/model.md section 11: the published series the target is judged by, and its noise.
void read_published(ValueReader& r, const ConfigNode& node, models::Target& t) {
  if (!r.expect_map(node)) return;
  require_source(r, node);
  models::PublishedSeries& p = t.published;
  if (const ConfigNode* n = r.required(node, "series")) p.series = r.text(*n).value_or("");
  const ConfigNode* kind = r.required(node, "noise");
  if (!kind) return;
  const std::string name = r.text(*kind).value_or("");
  if (name == "none") return;
  if (name == "additive") {
    p.noise = models::MeasurementNoise::additive;
    if (const ConfigNode* n = r.required(node, "noise_sd")) p.noise_sd = r.number(*n, Range::non_negative()).value_or(0.0);
  } else if (name == "relative") {
    p.noise = models::MeasurementNoise::relative;
    if (t.indicator != models::Indicator::jobs && t.indicator != models::Indicator::jobs_change)
      r.error(*kind, "got 'relative', which applies to the jobs level: the target's indicator must be jobs or "
                     "jobs_change (use additive)");
    if (const ConfigNode* n = r.required(node, "noise_sd_pct"))
      p.noise_sd = 0.01 * r.number(*n, Range::between(0.0, 50.0)).value_or(0.0);
    if (const ConfigNode* n = r.required(node, "drift_sd_pct"))
      p.drift_sd = 0.01 * r.number(*n, Range::between(0.0, 50.0)).value_or(0.0);
  } else {
    r.error(*kind, "got '" + name + "', must be one of none, additive, relative");
    return;
  }
  if (const ConfigNode* n = r.required(node, "autocorrelation"))
    p.autocorrelation = r.number(*n, Range::unit_open_upper()).value_or(0.0);
}

void read_target(ValueReader& r, const ConfigNode& node, std::set<std::string>& ids, models::Target& t) {
  if (!r.expect_map(node)) return;
  if (const ConfigNode* n = r.required(node, "id")) {
    if (auto id = r.identifier(*n)) {
      if (*id == "all") r.error(*n, "got 'all', which names the joint probability; choose another id");
      if (!ids.insert(*id).second) r.error(*n, "duplicate target id '" + *id + "'");
      t.id = *id;
    }
  }
  if (const ConfigNode* n = r.required(node, "description")) t.description = r.text(*n).value_or("");
  if (const ConfigNode* n = r.required(node, "indicator"))
    if (auto i = read_indicator(r, *n)) t.indicator = *i;
  const ConfigNode* rule = r.required(node, "rule");
  if (rule) {
    if (auto name = r.text(*rule); name && !models::parse_rule(*name, t.rule))
      r.error(*rule, "got '" + *name + "', must be one of at_least, at_most, reduce_by, share_of_growth_at_least");
  }
  if (const ConfigNode* n = r.required(node, "threshold")) {
    const Range range = t.rule == models::TargetRule::reduce_by ? Range{0.0, 1.0, true, false} : Range::any();
    t.threshold = r.number(*n, range).value_or(0.0);
  }
  if (t.rule == models::TargetRule::share_of_growth_at_least) {
    if (const ConfigNode* n = r.required(node, "numerator"))
      if (auto i = read_indicator(r, *n)) t.numerator = *i;
    if (const ConfigNode* n = r.required(node, "denominator"))
      if (auto i = read_indicator(r, *n)) t.denominator = *i;
  }
  if (const ConfigNode* n = node.get("published")) read_published(r, *n, t);
}

}  // namespace

void read_targets(ValueReader& r, const ConfigNode& node, Scenario& scenario) {
  if (!r.expect_map(node)) return;
  require_source(r, node);
  const int base_year = scenario.baseline.base_year;
  if (const ConfigNode* n = r.required(node, "base_year")) {
    const auto year = r.integer(*n, 1900, 2200);
    if (year && *year != base_year)
      r.error(*n, "got " + n->scalar() + ", must equal the seed data's base year " + std::to_string(base_year));
  }
  if (const ConfigNode* n = r.required(node, "deadline")) {
    const auto deadline = r.integer(*n, base_year + 1, 2300);
    scenario.deadline = static_cast<int>(deadline.value_or(scenario.horizon));
    if (deadline && scenario.horizon > base_year && *deadline > scenario.horizon)
      r.error(*n, "got " + n->scalar() + ", must not be after the horizon " + std::to_string(scenario.horizon) +
                      " (raise the scenario's horizon)");
  }
  const ConfigNode* list = r.required(node, "targets");
  if (!list || !r.expect_list(*list)) return;
  // "all jointly" of no targets would read 100%.
  if (list->size() == 0) r.error(*list, "got an empty list, must give at least one target");
  std::set<std::string> ids;
  scenario.targets.assign(list->size(), {});
  for (std::size_t i = 0; i < list->size(); ++i) read_target(r, list->at(i), ids, scenario.targets[i]);
  // docs/model.md section 11: a relative series is k(t) x filled jobs, k(t0) from the baseline's
  // region_totals (1 without a SEP jobs figure: the published series is then filled jobs).
  for (models::Target& t : scenario.targets)
    if (t.published.noise == models::MeasurementNoise::relative && scenario.sep_jobs_per_filled_job > 0)
      t.published.base_ratio = scenario.sep_jobs_per_filled_job;
}

}  // namespace lissim::sim
