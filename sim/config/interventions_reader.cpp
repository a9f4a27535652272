// Reads `interventions:` and `appraisal:` (docs/interventions.md). Interventions are read in
// the order of their ids, so their parameters are registered, drawn and summed in an order
// that does not depend on the file.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "sim/config/section_readers.h"

namespace lissim::sim {
namespace {

constexpr double kPercent = 0.01;
constexpr const char* kFoundations[] = {"ideas", "people", "infrastructure", "business_environment", "places"};
constexpr double kWeightTolerance = 1e-6;
constexpr double kMaxSpend = 1e6;  // GBP m a year: a trillion pounds, far beyond any programme

struct ChannelKey {
  models::Channel channel;
  const char* key;
  double scale;
  const char* units;
};
constexpr ChannelKey kChannelKeys[] = {
    {models::Channel::jobs, "gross_per_gbp_m", 1.0, "jobs per GBP 1m"},
    {models::Channel::productivity, "gross_pct_per_gbp_m", kPercent, "% of sector GVA per hour per GBP 1m"},
    {models::Channel::activity, "gross_pp_per_gbp_m", kPercent, "pp of the activity rate per GBP 1m"},
    {models::Channel::better_jobs, "gross_pp_per_gbp_m", kPercent, "pp of the SOC 1-3 share per GBP 1m"},
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

class InterventionReader {
 public:
  InterventionReader(ValueReader& r, Scenario& s) : r_(r), s_(s) {}

  void read(const ConfigNode& node, const std::string& id, Intervention& out) {
    prefix_ = "interventions." + id + ".";
    out.design.id = id;
    if (const ConfigNode* n = r_.required(node, "name")) out.name = r_.text(*n).value_or("");
    if (const ConfigNode* n = r_.required(node, "foundation")) out.foundation = foundation(*n);
    if (const ConfigNode* n = r_.required(node, "source")) out.source = r_.text(*n).value_or("");
    spend(node, out.design);
    InterventionIndex& x = out.index;
    x.optimism_bias = parameter(node, "optimism_bias_pct", Range::non_negative(), kPercent, "% of cost");
    x.lag = parameter(node, "lag_years", {0.0, 50.0, false, false}, 1.0, "years");
    x.ramp = parameter(node, "ramp_years", {0.0, 50.0, false, false}, 1.0, "years");
    x.persistence = parameter(node, "persistence", Range::unit(), 1.0, "annual survival");
    if (node.has("half_saturation_gbp_m")) {
      x.half_saturation = parameter(node, "half_saturation_gbp_m", Range::positive(), 1.0, "GBP m");
      out.design.saturates = true;
    }
    channels(node, out);
    sectors(node, out.design);
    additionality(node, x);
    spillovers(node, out);
    if (const ConfigNode* c = node.get("complementarity")) complementarity(*c, out);
  }

 private:
  int parameter(const ConfigNode& block, const char* key, const Range& range, double scale, const char* units,
                const std::string& sub = "") {
    Distribution d = Distribution::fixed(range.contains(0.0) ? 0.0 : range.lower + 1.0);
    if (const ConfigNode* node = r_.required(block, key))
      if (auto parsed = r_.parameter(*node, range)) d = *parsed;
    return s_.parameters.add({prefix_ + sub + key, d, scale, units});
  }

  std::string foundation(const ConfigNode& n) {
    const auto text = r_.text(n);
    if (!text) return "";
    for (const char* f : kFoundations)
      if (*text == f) return *text;
    r_.error(n, "got '" + *text + "', must be an Industrial Strategy foundation: ideas, people, infrastructure, "
                                  "business_environment or places");
    return "";
  }

  void spend(const ConfigNode& node, models::InterventionDesign& d) {
    const int base = s_.baseline.base_year;
    d.spend = Eigen::ArrayXd::Zero(std::max(1, s_.years()));
    const ConfigNode* profile = r_.required(node, "spend_gbp_m");
    if (!profile || !r_.expect_map(*profile)) return;
    if (profile->keys().empty())
      r_.error(*profile, "got no years, must give the spend (GBP m) of at least one year after the base year");
    for (const auto& key : profile->keys()) {
      const ConfigNode* value = profile->get(key);
      const ConfigNode year_node = ConfigNode::scalar_node(key, value->location(), value->path());
      const auto year = r_.integer(year_node, base + 1, s_.horizon);
      if (!value->is_scalar()) {
        r_.error(*value, "got " + value->kind_name() +
                             ", must be a fixed amount (GBP m): spend is the decision; put cost risk in "
                             "optimism_bias_pct");
        continue;
      }
      const auto amount = r_.number(*value, {0.0, kMaxSpend, false, false});
      if (year && amount) d.spend[*year - base] = *amount;
    }
    // A multiplier of the whole profile, so sweeps can ask what scale of funding is needed.
    if (const ConfigNode* scale = node.get("spend_scale")) d.spend *= r_.number(*scale, Range::non_negative()).value_or(1.0);
  }

  // A map of sector id -> weight summing to 1, as an array in sector order.
  Eigen::ArrayXd weights(const ConfigNode& map) {
    const auto& ids = s_.baseline.sectors.ids;
    Eigen::ArrayXd w = Eigen::ArrayXd::Zero(static_cast<Eigen::Index>(ids.size()));
    if (!r_.expect_map(map)) return w;
    bool ok = true;
    for (const auto& key : map.keys()) {
      const ConfigNode* value = map.get(key);
      const auto it = std::find(ids.begin(), ids.end(), key);
      if (it == ids.end()) {
        std::set<std::string> known(ids.begin(), ids.end());
        std::string message = "unknown sector '" + key + "'";
        const std::string suggestion = suggest_key(key, known);
        message += suggestion.empty() ? "; the sectors are " + joined(ids) : "; did you mean '" + suggestion + "'?";
        r_.error(*value, message);
        ok = false;
        continue;
      }
      const auto weight = r_.number(*value, Range::unit());
      if (weight) w[it - ids.begin()] = *weight; else ok = false;
    }
    if (ok && std::abs(w.sum() - 1.0) > kWeightTolerance)
      r_.error(map, "the weights add up to " + format_number(w.sum()) + ", must add up to 1");
    return w;
  }

  void channels(const ConfigNode& node, Intervention& out) {
    const ConfigNode* map = r_.required(node, "channels");
    if (!map || !r_.expect_map(*map)) return;
    for (const ChannelKey& c : kChannelKeys) {
      const std::string name(models::channel_name(c.channel));
      const ConfigNode* block = map->get(name);
      if (!block || !r_.expect_map(*block)) continue;
      out.design.has_channel[static_cast<std::size_t>(c.channel)] = true;
      out.index.gross[static_cast<std::size_t>(c.channel)] =
          parameter(*block, c.key, Range::non_negative(), c.scale, c.units, "channels." + name + ".");
    }
    bool any = false;
    for (bool has : out.design.has_channel) any = any || has;
    if (!any && map->keys().empty())
      r_.error(*map, "got no channels, must have at least one of jobs, productivity, activity, better_jobs");
  }

  void sectors(const ConfigNode& node, models::InterventionDesign& d) {
    const bool needs = d.has(models::Channel::jobs) || d.has(models::Channel::productivity) ||
                       d.has(models::Channel::better_jobs);
    d.sector_weights = Eigen::ArrayXd::Zero(s_.baseline.sectors.count());
    const ConfigNode* map = node.get("sectors");
    if (!map) {
      if (needs) r_.error(node, "missing key 'sectors' (weights by sector id, adding up to 1), needed by the "
                                "jobs, productivity and better_jobs channels");
      return;
    }
    d.sector_weights = weights(*map);
  }

  void additionality(const ConfigNode& node, InterventionIndex& x) {
    const ConfigNode* block = r_.required(node, "additionality");
    if (!block || !r_.expect_map(*block)) return;
    const char* views[] = {"local", "national"};
    for (std::size_t v = 0; v < 2; ++v) {
      const ConfigNode* view = r_.required(*block, views[v]);
      ConfigNode empty(ConfigNode::Kind::Map, block->location(), block->path() + "." + views[v]);
      const ConfigNode& b = view && r_.expect_map(*view) ? *view : empty;
      const std::string sub = std::string("additionality.") + views[v] + ".";
      auto& a = x.additionality[v];
      const Range share = Range::unit_open_upper();
      a.leakage = parameter(b, "leakage", share, 1.0, "share of gross", sub);
      // What would have happened anyway is one question in both views: the national view may
      // leave deadweight out and share the local draw.
      if (v == 1 && !b.has("deadweight"))
        a.deadweight = x.additionality[0].deadweight;
      else
        a.deadweight = parameter(b, "deadweight", share, 1.0, "share of gross", sub);
      a.displacement = parameter(b, "displacement", Range::unit(), 1.0, "share of gross", sub);
      a.substitution = parameter(b, "substitution", Range::unit(), 1.0, "share of gross", sub);
      a.multiplier = parameter(b, "multiplier", {1.0, 10.0, false, false}, 1.0, "ratio", sub);
    }
  }

  void spillovers(const ConfigNode& node, Intervention& out) {
    const ConfigNode* block = node.get("spillovers");
    if (!block || !r_.expect_map(*block)) return;
    if (!out.design.has(models::Channel::productivity))
      r_.error(*block, "spillovers spread a productivity uplift, so the intervention needs a productivity channel");
    out.index.spillover_share = parameter(*block, "share", Range::non_negative(), 1.0, "share of the direct uplift",
                                          "spillovers.");
    if (const ConfigNode* map = r_.required(*block, "sectors")) out.design.spillover_weights = weights(*map);
  }

  void complementarity(const ConfigNode& block, Intervention& out) {
    if (!r_.expect_map(block)) return;
    if (const ConfigNode* n = r_.required(block, "skills_intervention"))
      if (auto partner = r_.identifier(*n)) partners_.push_back({&out, *partner, n});
    out.index.share_without_skills = parameter(block, "share_without_skills", Range::unit(), 1.0,
                                               "share of the effects", "complementarity.");
    out.index.skills_spend_for_full_effect = parameter(block, "skills_spend_for_full_effect_gbp_m",
                                                       Range::positive(), 1.0, "GBP m", "complementarity.");
  }

 public:
  // Links each complementarity to its skills intervention once every id is known.
  void link_partners() {
    for (const auto& [intervention, partner, node] : partners_) {
      const auto& all = s_.interventions;
      const auto it = std::find_if(all.begin(), all.end(), [&](const Intervention& i) { return i.design.id == partner; });
      if (it == all.end()) {
        std::vector<std::string> ids;
        for (const auto& i : all) ids.push_back(i.design.id);
        r_.error(*node, "got '" + partner + "', must be the id of another intervention in the scenario (" +
                            joined(ids) + ")");
      } else if (&*it == intervention) {
        r_.error(*node, "got '" + partner + "', the intervention itself; must name a skills intervention");
      } else {
        intervention->design.skills_partner = static_cast<int>(it - all.begin());
      }
    }
  }

 private:
  struct Partner {
    Intervention* intervention;
    std::string id;
    const ConfigNode* node;
  };
  ValueReader& r_;
  Scenario& s_;
  std::string prefix_;
  std::vector<Partner> partners_;
};

}  // namespace

void read_appraisal(ValueReader& r, const ConfigNode& node, Scenario& scenario) {
  if (!r.expect_map(node)) return;
  if (const ConfigNode* n = node.get("discount_rate_pct"))
    scenario.discount_rate = r.number(*n, {0.0, 20.0, false, false}).value_or(3.5) * kPercent;
}

void read_interventions(ValueReader& r, const ConfigNode& node, Scenario& scenario) {
  if (!r.expect_list(node)) return;
  // Ids first, so the interventions can be read (and their parameters registered) in id order.
  std::map<std::string, const ConfigNode*> by_id;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const ConfigNode& item = node.at(i);
    if (!r.expect_map(item)) continue;
    const ConfigNode* n = r.required(item, "id");
    if (!n) continue;
    const auto id = r.identifier(*n);
    if (!id) continue;
    if (*id == "all") {
      r.error(*n, "got 'all', which names the whole package in the results; choose another id");
    } else if (!by_id.emplace(*id, &item).second) {
      r.error(*n, "duplicate intervention id '" + *id + "'");
    }
  }
  InterventionReader reader(r, scenario);
  scenario.interventions.assign(by_id.size(), {});
  std::size_t i = 0;
  for (const auto& [id, item] : by_id) reader.read(*item, id, scenario.interventions[i++]);
  reader.link_partners();
}

}  // namespace lissim::sim
