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

// A channel's gross effect per GBP 1m, in model units or in the evidence library's counts and
// money (converted with the region's base-year data: docs/interventions.md, "Units").
enum class Base { none, percent, sector_gva, sector_jobs, population };
struct RateKey {
  const char* key;
  Base base;
  const char* units;
};
struct ChannelKeys {
  models::Channel channel;
  RateKey rates[2];
};
constexpr ChannelKeys kChannelKeys[] = {
    {models::Channel::jobs, {{"gross_per_gbp_m", Base::none, "gross jobs per GBP 1m"}, {}}},
    {models::Channel::productivity,
     {{"gross_pct_per_gbp_m", Base::percent, "% of sector GVA per hour per GBP 1m"},
      {"gross_gva_gbp_m_a_year_per_gbp_m", Base::sector_gva, "GBP m of GVA a year per GBP 1m"}}},
    {models::Channel::activity,
     {{"gross_pp_per_gbp_m", Base::percent, "pp of the activity rate per GBP 1m"},
      {"gross_people_per_gbp_m", Base::population, "inactive residents made active per GBP 1m"}}},
    {models::Channel::better_jobs,
     {{"gross_pp_per_gbp_m", Base::percent, "pp of the SOC 1-3 share per GBP 1m"},
      {"gross_moves_per_gbp_m", Base::sector_jobs, "moves into SOC 1-3 roles per GBP 1m"}}},
    {models::Channel::employment, {{"starts_per_gbp_m", Base::none, "starts per GBP 1m"}, {}}},
};
constexpr const char* kFactors[] = {"leakage", "deadweight", "displacement", "substitution", "multiplier"};

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
    node.get("evidence");  // resolved by the evidence library before reading
    spend(node, out.design);
    InterventionIndex& x = out.index;
    x.optimism_bias = parameter(node, "optimism_bias_pct", Range::non_negative(), kPercent, "% of cost");
    if (node.has("benefit_shortfall_pct")) {
      if (node.has("evidence"))
        r_.error(*node.get("benefit_shortfall_pct"),
                 "the effect sizes of an evidence type come from ex-post evaluations; a benefit shortfall "
                 "would count optimism twice (Green Book supplementary guidance): remove it");
      x.benefit_shortfall = parameter(node, "benefit_shortfall_pct", {0.0, 100.0, false, true}, kPercent,
                                      "% of benefits");
    }
    x.lag = parameter(node, "lag_years", {0.0, 50.0, false, false}, 1.0, "years");
    x.ramp = parameter(node, "ramp_years", {0.0, 50.0, false, false}, 1.0, "years");
    x.persistence = parameter(node, "persistence", Range::unit(), 1.0, "annual survival");
    if (node.has("half_saturation_gbp_m")) {
      x.half_saturation = parameter(node, "half_saturation_gbp_m", Range::positive(), 1.0, "GBP m");
      out.design.saturates = true;
    }
    if (const ConfigNode* n = node.get("asset_life_years"))
      out.design.asset_life_years = static_cast<int>(r_.integer(*n, 1, 200).value_or(0));
    channel_set(node, out.design);
    sectors(node, out.design);
    channels(node, out);
    additionality(node, out);
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

  // Which channels the intervention has (before its sectors, which some channels need).
  void channel_set(const ConfigNode& node, models::InterventionDesign& d) {
    const ConfigNode* map = r_.required(node, "channels");
    if (!map || !r_.expect_map(*map)) return;
    for (const ChannelKeys& c : kChannelKeys)
      if (const ConfigNode* block = map->get(models::channel_name(c.channel)); block && block->is_map())
        d.has_channel[static_cast<std::size_t>(c.channel)] = true;
    if (map->keys().empty())
      r_.error(*map, "got no channels, must have at least one of jobs, productivity, activity, better_jobs, "
                     "employment");
  }

  // Model value per unit of a count: 1 / (the base the count is a share of).
  double conversion(Base base, const models::InterventionDesign& d) const {
    const models::SectorBaseline& sb = s_.baseline.sectors;
    switch (base) {
      case Base::none: return 1.0;
      case Base::percent: return kPercent;
      case Base::sector_gva: {  // GBP m of GVA a year -> fraction of the weighted sectors' GVA
        const Eigen::ArrayXd gva = sb.jobs.array() * sb.hours_per_job.array() * sb.gva_per_hour.array() / 1e6;
        const double weighted = (d.sector_weights * gva).sum();
        return weighted > 0.0 ? 1.0 / weighted : 0.0;
      }
      case Base::sector_jobs: {
        const double weighted = (d.sector_weights * sb.jobs.array()).sum();
        return weighted > 0.0 ? 1.0 / weighted : 0.0;
      }
      case Base::population: return 1.0 / s_.baseline.region.working_age_population;
    }
    return 1.0;
  }

  void channels(const ConfigNode& node, Intervention& out) {
    const ConfigNode* map = node.get("channels");
    if (!map || !map->is_map()) return;
    for (const ChannelKeys& c : kChannelKeys) {
      const std::string name(models::channel_name(c.channel));
      const ConfigNode* block = map->get(name);
      if (!block || !r_.expect_map(*block)) continue;
      const std::string sub = "channels." + name + ".";
      const RateKey* rate = &c.rates[0];
      if (c.rates[1].key && block->has(c.rates[1].key)) {
        rate = &c.rates[1];
        if (block->has(c.rates[0].key))
          r_.error(*block->get(rate->key), std::string("give either ") + c.rates[0].key + " or " + rate->key +
                                               ", not both");
      }
      out.index.gross[static_cast<std::size_t>(c.channel)] =
          parameter(*block, rate->key, Range::non_negative(), conversion(rate->base, out.design), rate->units, sub);
      if (c.channel == models::Channel::employment) {
        out.index.sustained_rate = parameter(*block, "sustained_rate", Range::unit(), 1.0,
                                             "share of starts reaching a sustained job", sub);
        out.index.share_from_inactivity = parameter(*block, "share_from_inactivity", Range::unit(), 1.0,
                                                    "share of those moved into work who were inactive", sub);
      }
    }
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

  // Per view, one block of factors for the outcome of each channel (Additionality Guide chain
  // locally; Green Book 2022 6.3-6.6 in the UK view: no leakage, no multiplier, demand-side
  // jobs fully displaced unless said otherwise, deadweight shared with the local view).
  void additionality(const ConfigNode& node, Intervention& out) {
    const ConfigNode* block = r_.required(node, "additionality");
    if (!block || !r_.expect_map(*block)) return;
    const char* views[] = {"local", "national"};
    for (std::size_t v = 0; v < 2; ++v) {
      const ConfigNode* view = r_.required(*block, views[v]);
      if (!view || !r_.expect_map(*view)) continue;
      for (int c = 0; c < models::kChannelCount; ++c) {
        if (!out.design.has_channel[static_cast<std::size_t>(c)]) continue;
        const models::Outcome outcome = models::outcome_of(static_cast<models::Channel>(c));
        const std::string name(models::outcome_name(outcome));
        const ConfigNode* factors = r_.required(*view, name);
        if (!factors || !r_.expect_map(*factors)) continue;
        const std::string sub = std::string("additionality.") + views[v] + "." + name + ".";
        auto& a = out.index.additionality[v][static_cast<std::size_t>(outcome)];
        const auto& local = out.index.additionality[0][static_cast<std::size_t>(outcome)];
        if (v == 0) {
          a.leakage = parameter(*factors, "leakage", Range::unit_open_upper(), 1.0, "share of gross", sub);
          a.deadweight = parameter(*factors, "deadweight", Range::unit_open_upper(), 1.0, "share of gross", sub);
          a.displacement = parameter(*factors, "displacement", Range::unit(), 1.0, "share of gross", sub);
          a.substitution = parameter(*factors, "substitution", Range::unit(), 1.0, "share of gross", sub);
          a.multiplier = parameter(*factors, "multiplier", {1.0, 10.0, false, false}, 1.0, "ratio", sub);
          continue;
        }
        a.leakage = fixed_or_default(*factors, "leakage", 0.0, "the UK view has no leakage", sub);
        a.multiplier = fixed_or_default(*factors, "multiplier", 1.0, "the UK view has no multipliers", sub);
        a.deadweight = factors->has("deadweight")
                           ? parameter(*factors, "deadweight", Range::unit_open_upper(), 1.0, "share of gross", sub)
                           : local.deadweight;  // what would have happened anyway: one question, one draw
        if (outcome == models::Outcome::jobs && !factors->has("displacement"))
          a.displacement = fixed_or_default(*factors, "displacement", 1.0, "", sub);
        else
          a.displacement = parameter(*factors, "displacement", Range::unit(), 1.0, "share of gross", sub);
        a.substitution = parameter(*factors, "substitution", Range::unit(), 1.0, "share of gross", sub);
      }
    }
  }

  // A factor the Green Book fixes in the UK view: absent, it takes its value; given, it must be it.
  int fixed_or_default(const ConfigNode& block, const char* key, double value, const std::string& rule,
                       const std::string& sub) {
    if (const ConfigNode* n = block.get(key)) {
      const auto d = r_.parameter(*n, Range::any());
      if (d && !(d->is_fixed() && d->quantile(0.5) == value))
        r_.error(*n, "got " + d->describe() + ", must be " + format_number(value) + ": " + rule +
                         " (Green Book 2022, 6.3-6.6)");
    }
    return s_.parameters.add({prefix_ + sub + key, Distribution::fixed(value), 1.0, "share of gross"});
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
  if (const ConfigNode* n = node.get("years_after_last_spend"))
    scenario.years_after_last_spend = static_cast<int>(r.integer(*n, 0, 100).value_or(10));
  if (const ConfigNode* n = node.get("end_year"))
    scenario.appraisal_end_year = static_cast<int>(r.integer(*n, scenario.base_year() + 1, 2300).value_or(0));
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
  // The appraisal period: by default ten years after the last spend of the package.
  int last = scenario.base_year();
  for (const Intervention& x : scenario.interventions)
    last = std::max(last, scenario.base_year() + x.design.last_spend_year());
  if (scenario.appraisal_end_year == 0) {
    scenario.appraisal_end_year = last + scenario.years_after_last_spend;
  } else if (scenario.appraisal_end_year < last) {
    r.error(node, "the appraisal period ends in " + std::to_string(scenario.appraisal_end_year) +
                      " (appraisal.end_year), before the last spend in " + std::to_string(last));
  }
}

}  // namespace lissim::sim
