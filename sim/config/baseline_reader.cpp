#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "sim/config/section_readers.h"

namespace lissim::sim {
namespace {

constexpr double kHoursPerYear = 8784;  // a leap year: an upper bound on hours per job
// Plausibility ranges of base-year data: beyond them a typo (1e-300 for 28) gives gaps of 1e61%.
const Range kPlausibleGvaPerHour{0.1, 10000.0, false, false};    // GBP (or any currency) per hour
const Range kPlausiblePersons{1.0, 1e9, false, false};           // jobs, working-age residents
const Range kPlausibleDensity{0.0, 10.0, false, false};          // jobs per working-age resident

double percent(std::optional<double> x) { return x ? *x / 100.0 : 0.0; }

void read_sectors(ValueReader& r, const ConfigNode& list, models::SectorBaseline& out) {
  if (!r.expect_list(list)) return;
  if (list.size() == 0) r.error(list, "got an empty list, must name at least one sector");
  const auto n = static_cast<Eigen::Index>(list.size());
  out.ids.clear();
  for (auto* v : {&out.jobs, &out.gva_per_hour, &out.hours_per_job, &out.private_share, &out.better_jobs_share})
    v->setZero(n);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const ConfigNode& s = list.at(i);
    const auto k = static_cast<Eigen::Index>(i);
    if (!r.expect_map(s)) continue;
    std::string id = "sector" + std::to_string(i);
    if (const ConfigNode* node = r.required(s, "id")) {
      if (auto value = r.identifier(*node)) {
        if (!seen.insert(*value).second) r.error(*node, "duplicate sector id '" + *value + "'");
        id = *value;
      }
    }
    out.ids.push_back(id);
    if (const ConfigNode* node = r.required(s, "name")) r.text(*node);
    if (const ConfigNode* node = s.get("sic_sections")) {
      if (r.expect_list(*node))
        for (std::size_t j = 0; j < node->size(); ++j) r.text(node->at(j));
    }
    auto field = [&](const char* key, const Range& range) {
      const ConfigNode* node = r.required(s, key);
      return node ? r.number(*node, range).value_or(0.0) : 0.0;
    };
    out.jobs[k] = field("jobs", kPlausiblePersons);
    out.gva_per_hour[k] = field("gva_per_hour", kPlausibleGvaPerHour);
    out.hours_per_job[k] = field("hours_per_job", {0.0, kHoursPerYear, true, false});
    out.private_share[k] = field("private_share", Range::unit());
    out.better_jobs_share[k] = field("better_jobs_share", Range::unit());
    require_source(r, s);
  }
}

void read_population_projection(ValueReader& r, const ConfigNode& node, int base_year, int horizon,
                                double employment_rate, std::vector<double>& growth) {
  growth.clear();
  if (!r.expect_map(node)) return;
  require_source(r, node);
  growth = read_yearly_path(r, node, "growth_pct", base_year, horizon, {-10.0, 10.0, false, false}, 0.01);
  // Even before any shock, residents in work unchanged over a population this much smaller
  // would be more than all of it: an impossible state, refused now rather than in the run.
  double log_change = 0;
  for (std::size_t t = 0; t < growth.size(); ++t) {
    log_change += growth[t];
    const double rate = employment_rate * std::exp(-log_change);
    if (rate <= 1.0) continue;
    const int year = base_year + 1 + static_cast<int>(t);
    // Blame the rate in effect that year: the latest listed year up to it, else the first listed.
    const ConfigNode* rates = node.get("growth_pct");
    std::map<long long, const ConfigNode*> listed;
    for (const auto& key : rates->keys()) {
      char* end = nullptr;
      const long long y = std::strtoll(key.c_str(), &end, 10);
      if (*end == '\0') listed[y] = rates->get(key);
    }
    auto in_effect = listed.upper_bound(year);
    if (in_effect != listed.begin()) --in_effect;
    const ConfigNode* blamed = in_effect != listed.end() ? in_effect->second : rates;
    char message[300];
    std::snprintf(message, sizeof message,
                  "the working-age population falls %.1f%% by %d: with as many residents in work as in the base "
                  "year the employment rate would be %.1f%%, above 100%%; shorten the horizon or check the projection",
                  100.0 * (1.0 - std::exp(log_change)), year, 100.0 * rate);
    r.error(*blamed, message);
    return;
  }
}

}  // namespace

void read_baseline(ValueReader& r, const ConfigNode& node, int horizon, models::Baseline& out) {
  if (!r.expect_map(node)) return;
  if (const ConfigNode* n = r.required(node, "region")) r.text(*n);
  if (const ConfigNode* n = r.required(node, "comparator")) r.text(*n);
  if (const ConfigNode* n = r.required(node, "base_year"))
    out.base_year = static_cast<int>(r.integer(*n, 1900, 2200).value_or(0));
  if (const ConfigNode* n = r.required(node, "sectors")) read_sectors(r, *n, out.sectors);

  if (const ConfigNode* region = r.required(node, "region_baseline"); region && r.expect_map(*region)) {
    require_source(r, *region);
    if (const ConfigNode* n = r.required(*region, "working_age_population"))
      out.region.working_age_population = r.number(*n, kPlausiblePersons).value_or(1.0);
    const ConfigNode* e = r.required(*region, "employment_rate_pct");
    const ConfigNode* a = r.required(*region, "activity_rate_pct");
    const Range rate{0.0, 100.0, true, true};
    out.region.employment_rate = percent(e ? r.number(*e, rate) : std::nullopt);
    out.region.activity_rate = percent(a ? r.number(*a, rate) : std::nullopt);
    if (a && out.region.activity_rate > 0 && out.region.activity_rate < out.region.employment_rate)
      r.error(*a, "got " + a->scalar() + ", must be at least the employment rate (" + e->scalar() + ")");
  }
  if (const ConfigNode* comp = r.required(node, "comparator_baseline"); comp && r.expect_map(*comp)) {
    require_source(r, *comp);
    const Range rate{0.0, 100.0, true, true};
    if (const ConfigNode* n = r.required(*comp, "employment_rate_pct"))
      out.comparator.employment_rate = percent(r.number(*n, rate));
    if (const ConfigNode* n = r.required(*comp, "activity_rate_pct"))
      out.comparator.activity_rate = percent(r.number(*n, rate));
    if (const ConfigNode* n = r.required(*comp, "private_density"))
      out.comparator.private_density = r.number(*n, kPlausibleDensity).value_or(0.0);
    if (const ConfigNode* n = r.required(*comp, "gva_per_hour"))
      out.comparator.gva_per_hour = r.number(*n, kPlausibleGvaPerHour).value_or(1.0);
  }
  if (const ConfigNode* n = r.required(node, "population_projection"))
    read_population_projection(r, *n, out.base_year, horizon, out.region.employment_rate, out.population_growth);
}

void require_source(ValueReader& r, const ConfigNode& block) {
  const ConfigNode* source = block.get("source");
  if (!source) {
    r.error(block, "missing key 'source': every figure must say where it comes from (or that it is an estimate)");
    return;
  }
  if (auto text = r.text(*source); text && text->empty()) r.error(*source, "got an empty source");
}

}  // namespace lissim::sim

namespace lissim::sim {

std::vector<double> read_yearly_path(ValueReader& r, const ConfigNode& node, const char* key, int base_year,
                                     int horizon, const Range& range, double scale) {
  std::vector<double> path;
  const ConfigNode* rates = r.required(node, key);
  if (!rates || !r.expect_map(*rates)) return path;
  std::map<long long, double> by_year;
  for (const auto& year_key : rates->keys()) {
    const ConfigNode* value = rates->get(year_key);
    const ConfigNode year_node = ConfigNode::scalar_node(year_key, value->location(), value->path());
    const auto year = r.integer(year_node, base_year + 1, 2200);
    const auto rate = r.number(*value, range);
    if (year && rate) by_year[*year] = *rate * scale;
  }
  if (by_year.empty()) {
    r.error(*rates, "got no years, must give a value for at least one year after the base year");
    return path;
  }
  for (int year = base_year + 1; year <= horizon; ++year) {
    auto it = by_year.upper_bound(year);
    path.push_back(it == by_year.begin() ? it->second : std::prev(it)->second);
  }
  return path;
}

}  // namespace lissim::sim
