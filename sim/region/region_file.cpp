#include "sim/region/region_file.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/config/value_reader.h"
#include "sim/errors.h"
#include "sim/io/sha256.h"

namespace lissim::sim {

namespace {

// {value: X, source: "..."}: a number with its cited source, both required.
std::optional<SourcedValue> sourced(ValueReader& r, const ConfigNode& parent, const char* key, const Range& range,
                                    bool required = true) {
  const ConfigNode* node = required ? r.required(parent, key) : parent.get(key);
  if (!node || !r.expect_map(*node)) return std::nullopt;
  SourcedValue out;
  const ConfigNode* value = r.required(*node, "value");
  const ConfigNode* source = r.required(*node, "source");
  if (!value || !source) return std::nullopt;
  const auto number = r.number(*value, range);
  const auto text = r.text(*source);
  if (text && text->empty()) r.error(*source, "got an empty source: every figure must say where it comes from");
  if (!number || !text || text->empty()) return std::nullopt;
  out.value = *number;
  out.source = *text;
  return out;
}

std::string text_of(ValueReader& r, const ConfigNode& parent, const char* key) {
  const ConfigNode* node = r.required(parent, key);
  if (!node) return "";
  return r.text(*node).value_or("");
}

// [J] or {C: 0.52, J: 1}: categories with shares in (0, 1].
CategoryShares category_shares(ValueReader& r, const ConfigNode& node) {
  CategoryShares out;
  if (node.is_sequence()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      if (auto name = r.text(node.at(i))) out.emplace_back(*name, 1.0);
  } else if (node.is_map()) {
    for (const auto& key : node.keys())
      if (auto share = r.number(*node.get(key), {0.0, 1.0, true, false})) out.emplace_back(key, *share);
  } else {
    r.error(node, "got " + node.kind_name() + ", must be a list of codes or a map of code: share");
  }
  if (out.empty() && (node.is_sequence() || node.is_map())) r.error(node, "got no codes, must name at least one");
  return out;
}

RegionSectorSpec read_sector(ValueReader& r, const ConfigNode& s) {
  RegionSectorSpec spec;
  if (const ConfigNode* n = r.required(s, "id")) spec.id = r.identifier(*n).value_or("");
  spec.name = text_of(r, s, "name");
  if (const ConfigNode* n = r.required(s, "jobs_sections")) spec.jobs_sections = category_shares(r, *n);
  if (const ConfigNode* n = r.required(s, "gva_industries")) spec.gva_industries = category_shares(r, *n);
  const bool split = std::any_of(spec.jobs_sections.begin(), spec.jobs_sections.end(), [](auto& c) { return c.second < 1; }) ||
                     std::any_of(spec.gva_industries.begin(), spec.gva_industries.end(), [](auto& c) { return c.second < 1; });
  if (const ConfigNode* n = split ? r.required(s, "split_source") : s.get("split_source")) {
    spec.split_source = r.text(*n).value_or("");
    if (spec.split_source.empty()) r.error(*n, "got an empty source for the shares below 1");
  }
  if (auto v = sourced(r, s, "hours_per_week", {0.0, 168.0, true, false})) spec.hours_per_week = *v;
  if (auto v = sourced(r, s, "private_share", Range::unit())) spec.private_share = *v;
  if (auto v = sourced(r, s, "better_jobs_share", Range::unit())) spec.better_jobs_share = *v;
  spec.gva_per_hour = sourced(r, s, "gva_per_hour", Range::positive(), false);
  if (const ConfigNode* n = s.get("note")) spec.note = r.text(*n).value_or("");
  return spec;
}

// Each section's (industry's) shares over the sectors add up to 1.
void check_partition(ValueReader& r, const ConfigNode& list, const std::vector<RegionSectorSpec>& sectors,
                     CategoryShares RegionSectorSpec::*member, const char* key) {
  std::map<std::string, double> total;
  for (const auto& s : sectors)
    for (const auto& [code, share] : s.*member) total[code] += share;
  for (const auto& [code, share] : total)
    if (std::abs(share - 1) > 1e-6)
      r.error(list, std::string(key) + " " + code + ": the sectors' shares add up to " + format_number(share) +
                        ", must add up to 1 (every job or GBP of it in exactly one sector)");
}

}  // namespace

RegionFile read_region_file(const std::string& path) {
  Diagnostics diag;
  ValueReader r(diag);
  auto root = ConfigNode::load_file(path, "", diag);
  diag.throw_if_errors();
  RegionFile f;
  f.path = path;
  {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    f.sha256 = sha256_hex(text.str());
  }
  if (!root->is_map()) {
    r.error(*root, "got " + root->kind_name() + ", a region file must be a map (filetype, region, ...)");
    diag.throw_if_errors();
  }
  if (const ConfigNode* n = r.required(*root, "filetype"); n && r.text(*n).value_or("") != kRegionFiletype)
    r.error(*n, "got '" + n->scalar() + "', must be " + kRegionFiletype);
  if (const ConfigNode* n = r.required(*root, "format_version")) {
    if (!n->is_sequence() || n->size() != 2 || n->at(0).scalar() != "1")
      r.error(*n, "got an unsupported version, must be [1, minor]");
    else
      r.integer(n->at(1), 0, 1000);
  }
  if (const ConfigNode* n = root->get("source")) r.text(*n);  // optional: the file's sources in general
  f.region_name = text_of(r, *root, "region");
  f.comparator_name = text_of(r, *root, "comparator");
  if (const ConfigNode* n = root->get("codes"); n && r.expect_list(*n)) {
    for (std::size_t i = 0; i < n->size(); ++i)
      if (auto code = r.text(n->at(i))) f.codes.push_back(*code);
    std::sort(f.codes.begin(), f.codes.end());
  }
  if (const ConfigNode* n = r.required(*root, "base_year")) f.base_year = static_cast<int>(r.integer(*n, 1900, 2200).value_or(0));

  const Range rate{0.0, 100.0, true, true};
  if (const ConfigNode* region = r.required(*root, "region_baseline"); region && r.expect_map(*region)) {
    if (auto v = sourced(r, *region, "working_age_population", Range::positive())) f.working_age_population = *v;
    if (auto v = sourced(r, *region, "employment_rate_pct", rate)) f.employment_rate_pct = *v;
    if (auto v = sourced(r, *region, "activity_rate_pct", rate)) f.activity_rate_pct = *v;
    f.sep_jobs = sourced(r, *region, "sep_jobs", Range::positive(), false);
    f.better_jobs_share_total = sourced(r, *region, "better_jobs_share_total", Range::unit(), false);
    if (f.activity_rate_pct.value > 0 && f.activity_rate_pct.value < f.employment_rate_pct.value)
      r.error(*region->get("activity_rate_pct"), "value: must be at least the employment rate");
  }
  if (const ConfigNode* comp = r.required(*root, "comparator_baseline"); comp && r.expect_map(*comp)) {
    if (auto v = sourced(r, *comp, "employment_rate_pct", rate)) f.comparator_employment_rate_pct = *v;
    if (auto v = sourced(r, *comp, "activity_rate_pct", rate)) f.comparator_activity_rate_pct = *v;
    if (auto v = sourced(r, *comp, "private_density", Range::positive())) f.comparator_private_density = *v;
  }
  if (const ConfigNode* pop = r.required(*root, "population_projection"); pop && r.expect_map(*pop)) {
    f.population_source = text_of(r, *pop, "source");
    if (const ConfigNode* rates = r.required(*pop, "growth_pct"); rates && r.expect_map(*rates)) {
      for (const auto& key : rates->keys()) {
        const ConfigNode* value = rates->get(key);
        const auto year = r.integer(ConfigNode::scalar_node(key, value->location(), value->path()), f.base_year + 1, 2200);
        const auto growth = r.number(*value, {-10.0, 10.0, false, false});
        if (year && growth) f.population_growth_pct[static_cast<int>(*year)] = *growth;
      }
      if (f.population_growth_pct.empty()) r.error(*rates, "got no years, must give the growth from the year after the base year");
    }
  }
  if (const ConfigNode* list = r.required(*root, "sectors"); list && r.expect_list(*list)) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (!r.expect_map(list->at(i))) continue;
      f.sectors.push_back(read_sector(r, list->at(i)));
      if (!f.sectors.back().id.empty() && !ids.insert(f.sectors.back().id).second)
        r.error(list->at(i), "duplicate sector id '" + f.sectors.back().id + "'");
    }
    if (f.sectors.empty()) r.error(*list, "got an empty list, must define at least one sector");
    check_partition(r, *list, f.sectors, &RegionSectorSpec::jobs_sections, "jobs_sections");
    check_partition(r, *list, f.sectors, &RegionSectorSpec::gva_industries, "gva_industries");
  }
  root->report_unused(diag);
  diag.throw_if_errors();
  return f;
}

}  // namespace lissim::sim
