#include <map>
#include <set>

#include "sim/config/section_readers.h"

namespace lissim::sim {
namespace {

constexpr double kHoursPerYear = 8784;  // a leap year: an upper bound on hours per job

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
    out.jobs[k] = field("jobs", Range::positive());
    out.gva_per_hour[k] = field("gva_per_hour", Range::positive());
    out.hours_per_job[k] = field("hours_per_job", {0.0, kHoursPerYear, true, false});
    out.private_share[k] = field("private_share", Range::unit());
    out.better_jobs_share[k] = field("better_jobs_share", Range::unit());
    require_source(r, s);
  }
}

void read_population_projection(ValueReader& r, const ConfigNode& node, int base_year, int horizon,
                                std::vector<double>& growth) {
  growth.clear();
  if (!r.expect_map(node)) return;
  require_source(r, node);
  growth = read_yearly_path(r, node, "growth_pct", base_year, horizon, {-10.0, 10.0, false, false}, 0.01);
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
      out.region.working_age_population = r.number(*n, Range::positive()).value_or(1.0);
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
      out.comparator.private_density = r.number(*n, Range::non_negative()).value_or(0.0);
    if (const ConfigNode* n = r.required(*comp, "gva_per_hour"))
      out.comparator.gva_per_hour = r.number(*n, Range::positive()).value_or(1.0);
  }
  if (const ConfigNode* n = r.required(node, "population_projection"))
    read_population_projection(r, *n, out.base_year, horizon, out.population_growth);
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
