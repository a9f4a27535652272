#include "sim/config/evidence_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace lissim::sim {
namespace {

namespace fs = std::filesystem;

// Keys that annotate a number; the engine ignores them (seeds/evidence/README.md).
constexpr const char* kMetadata[] = {"source", "where", "derivation", "estimate", "reasoning", "unit", "note"};
// Numbers that are not quantities of the model (need no source of their own).
constexpr const char* kPlainNumbers[] = {"price_year"};
constexpr const char* kTimingKeys[] = {"lag_years", "ramp_years", "persistence"};
constexpr const char* kFactorKeys[] = {"leakage", "deadweight", "displacement", "substitution", "multiplier"};

bool listed(const std::string& key, const auto& list) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* k) { return key == k; });
}

bool is_number(const ConfigNode& n) {
  if (!n.is_scalar() || n.scalar().empty()) return false;
  char* end = nullptr;
  std::strtod(n.scalar().c_str(), &end);
  return *end == '\0';
}

bool annotated(const ConfigNode& n) { return n.is_map() && (n.has("source") || n.has("estimate")); }

// The number or distribution a quantity holds: its `value` when it carries annotations.
const ConfigNode& unwrap(const ConfigNode& n) {
  if (n.is_map() && n.has("value")) return *n.get("value");
  return n;
}

bool is_quantity(const ConfigNode& n) { return is_number(n) || (n.is_map() && (n.has("dist") || n.has("value"))); }

class LibraryReader {
 public:
  LibraryReader(ValueReader& r, fs::path dir) : r_(r), dir_(std::move(dir)) {}

  // The type file, checked; nullopt (with an error at `where`) when it cannot be used.
  std::optional<ConfigNode> load(const ConfigNode& where, const std::string& type) {
    const fs::path file = dir_ / (type + ".yaml");
    std::error_code error;
    if (type == "sources" || !fs::is_regular_file(file, error)) {
      r_.error(where, "unknown evidence type '" + type + "'; the library " + dir_.lexically_normal().string() +
                          " has: " + known_types());
      return std::nullopt;
    }
    auto node = ConfigNode::load_file(file.lexically_normal().string(), "evidence." + type, r_.diagnostics());
    if (!node || !r_.expect_map(*node)) return std::nullopt;
    load_sources();
    check_annotations(*node, false);
    return node;
  }

 private:
  std::string known_types() const {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(dir_, error))
      if (entry.path().extension() == ".yaml" && entry.path().stem() != "sources")
        names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "no type files" : out;
  }

  void load_sources() {
    if (sources_loaded_) return;
    sources_loaded_ = true;
    const std::string file = (dir_ / "sources.yaml").lexically_normal().string();
    if (auto node = ConfigNode::load_file(file, "sources", r_.diagnostics()); node && node->is_map())
      for (const auto& key : node->keys()) source_ids_.insert(key);
  }

  // The annotation of a map: `source` ids that exist, with `where`; or `estimate: true` with `reasoning`.
  void check_annotation(const ConfigNode& map) {
    if (const ConfigNode* s = map.get("source")) {
      std::vector<const ConfigNode*> ids;
      if (s->is_sequence())
        for (std::size_t i = 0; i < s->size(); ++i) ids.push_back(&s->at(i));
      else
        ids.push_back(s);
      if (ids.empty()) r_.error(*s, "got no source ids, must name at least one entry of sources.yaml");
      for (const ConfigNode* id : ids)
        if (!id->is_scalar() || !source_ids_.count(id->scalar()))
          r_.error(*id, "got '" + (id->is_scalar() ? id->scalar() : id->kind_name()) +
                            "', must be the id of an entry of sources.yaml");
      if (!map.has("where")) r_.error(map, "a `source` needs `where` (the table, page or section the figure comes from)");
    }
    if (const ConfigNode* e = map.get("estimate")) {
      if (!e->is_scalar() || e->scalar() != "true") r_.error(*e, "got '" + e->scalar() + "', must be true");
      if (!map.has("reasoning")) r_.error(map, "an estimate needs `reasoning` (what it is anchored on)");
    }
  }

  // Every number of the file has a source or is an estimate, on itself or the nearest map above.
  void check_annotations(const ConfigNode& node, bool covered) {
    if (node.is_sequence()) {
      for (std::size_t i = 0; i < node.size(); ++i) check_annotations(node.at(i), covered);
      return;
    }
    if (!node.is_map()) return;
    if (annotated(node)) check_annotation(node);
    const bool here = covered || annotated(node);
    for (const auto& key : node.keys()) {
      if (listed(key, kMetadata) || listed(key, kPlainNumbers)) continue;
      const ConfigNode& child = *node.get(key);
      if (is_quantity(child) && !here && !annotated(child)) {
        r_.error(child, "a number of the evidence library without a source: give `source` (ids of sources.yaml) "
                        "with `where`, or `estimate: true` with `reasoning` (seeds/evidence/README.md)");
        continue;
      }
      if (!is_number(child) && !(child.is_map() && child.has("dist"))) check_annotations(child, here);
    }
  }

  ValueReader& r_;
  fs::path dir_;
  bool sources_loaded_ = false;
  std::set<std::string> source_ids_;
};

ConfigNode scalar(const std::string& text, const ConfigNode& from) {
  return ConfigNode::scalar_node(text, from.location(), from.path());
}

// The type file as an intervention of the scenario schema (docs/interventions.md).
ConfigNode as_intervention(const ConfigNode& type, const ConfigNode& item, const std::string& file) {
  ConfigNode out(ConfigNode::Kind::Map, item.location(), item.path());
  if (const ConfigNode* n = type.get("name")) out.set("name", *n);
  if (const ConfigNode* n = type.get("foundation")) out.set("foundation", *n);
  const std::string name = type.has("name") && type.get("name")->is_scalar() ? type.get("name")->scalar() : "";
  out.set("source", scalar("Evidence library: " + name + " (" + file + ")", type));
  if (const ConfigNode* channels = type.get("channels"); channels && channels->is_map()) {
    ConfigNode map(ConfigNode::Kind::Map, channels->location(), "");
    for (const auto& c : channels->keys()) {
      const ConfigNode* block = channels->get(c);
      if (!block->is_map()) continue;
      ConfigNode rates(ConfigNode::Kind::Map, block->location(), "");
      for (const auto& key : block->keys())
        if (!listed(key, kMetadata)) rates.set(key, unwrap(*block->get(key)));
      map.set(c, rates);
    }
    out.set("channels", map);
  }
  if (const ConfigNode* timing = type.get("timing"); timing && timing->is_map())
    for (const char* key : kTimingKeys)
      if (const ConfigNode* n = timing->get(key)) out.set(key, unwrap(*n));
  if (const ConfigNode* add = type.get("additionality"); add && add->is_map()) {
    ConfigNode views(ConfigNode::Kind::Map, add->location(), "");
    for (const auto& v : add->keys()) {
      const ConfigNode* view = add->get(v);
      if (!view->is_map()) continue;
      ConfigNode outcomes(ConfigNode::Kind::Map, view->location(), "");
      for (const auto& o : view->keys()) {
        const ConfigNode* factors = view->get(o);
        if (!factors->is_map()) continue;
        ConfigNode values(ConfigNode::Kind::Map, factors->location(), "");
        for (const auto& key : factors->keys())
          if (listed(key, kFactorKeys)) values.set(key, unwrap(*factors->get(key)));
        outcomes.set(o, values);
      }
      views.set(v, outcomes);
    }
    out.set("additionality", views);
  }
  return out;
}

// "ids: where" or "estimate: reasoning" of an annotated map.
std::string citation(const ConfigNode& map) {
  auto text = [&](const char* key) {
    const ConfigNode* n = map.get(key);
    return n && n->is_scalar() ? n->scalar() : std::string();
  };
  if (const ConfigNode* s = map.get("source")) {
    std::string ids = s->is_scalar() ? s->scalar() : "";
    for (std::size_t i = 0; s->is_sequence() && i < s->size(); ++i)
      ids += (ids.empty() ? "" : ", ") + s->at(i).scalar();
    return ids + ": " + text("where");
  }
  return "estimate: " + text("reasoning");
}

EvidenceRange range(ValueReader& r, const ConfigNode* map) {
  EvidenceRange out;
  if (!map || !map->is_map()) return out;
  const ConfigNode* lo = map->get("min");
  const ConfigNode* hi = map->get("max");
  if (!lo || !hi) return out;
  out.min = r.number(*lo).value_or(0.0);
  out.max = r.number(*hi).value_or(0.0);
  out.source = citation(*map);
  return out;
}

EvidenceChecks checks_of(ValueReader& r, const ConfigNode& type, const std::string& file) {
  EvidenceChecks out;
  out.type = type.has("type") ? type.get("type")->scalar() : "";
  out.file = file;
  const ConfigNode* checks = type.get("checks");
  if (!checks || !checks->is_map()) return out;
  if (const ConfigNode* c = checks->get("cost_per_net_job_gbp"); c && c->is_map()) out.cost_per_net_job = range(r, c->get("local"));
  if (const ConfigNode* b = checks->get("bcr"); b && b->is_map()) {
    out.bcr[0] = range(r, b->get("local"));
    out.bcr[1] = range(r, b->get("national"));
  }
  return out;
}

// Quantities the scenario sets where the type has one: key path -> the type's node.
void overridden(const ConfigNode& mine, const ConfigNode& theirs, const std::string& path,
                std::map<std::string, const ConfigNode*>& out) {
  if (!mine.is_map() || !theirs.is_map() || mine.has("dist")) return;
  for (const auto& key : mine.keys()) {
    if (!theirs.has(key)) continue;
    const ConfigNode& a = *mine.get(key);
    const ConfigNode& b = *theirs.get(key);
    const std::string p = path.empty() ? key : path + "." + key;
    if (is_quantity(b) && is_quantity(a))
      out[p] = &b;
    else
      overridden(a, b, p, out);
  }
}

}  // namespace

void apply_evidence_types(ValueReader& r, ConfigNode& root, const std::string& scenario_file,
                          std::map<std::string, EvidenceUse>& uses) {
  const ConfigNode* list = root.get("interventions");
  if (!list || !list->is_sequence()) return;
  bool any = false;
  for (std::size_t i = 0; i < list->size(); ++i) any = any || (list->at(i).is_map() && list->at(i).has("evidence"));
  if (!any) return;
  const ConfigNode* library = r.required(root, "evidence_library");
  if (!library) return;
  const auto folder = r.text(*library);
  if (!folder) return;
  const fs::path dir = fs::path(scenario_file).parent_path() / *folder;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    r.error(*library, "got '" + *folder + "' (" + dir.lexically_normal().string() +
                          "), must be the folder of the evidence library (type files and sources.yaml)");
    return;
  }
  LibraryReader reader(r, dir);
  ConfigNode rebuilt(ConfigNode::Kind::Sequence, list->location(), list->path());
  for (std::size_t i = 0; i < list->size(); ++i) {
    const ConfigNode& item = list->at(i);
    const ConfigNode* type_node = item.is_map() ? item.get("evidence") : nullptr;
    const auto type = type_node ? r.identifier(*type_node) : std::nullopt;
    std::optional<ConfigNode> file = type ? reader.load(*type_node, *type) : std::nullopt;
    if (!file) {
      rebuilt.push_back(item);
      continue;
    }
    const std::string path = (dir / (*type + ".yaml")).lexically_normal().string();
    ConfigNode merged = as_intervention(*file, item, path);
    EvidenceUse use;
    use.checks = checks_of(r, *file, path);
    std::map<std::string, const ConfigNode*> changed;
    overridden(item, merged, "", changed);
    changed.erase("name");
    Diagnostics quiet;
    ValueReader parse(quiet);
    for (const auto& [key, node] : changed)
      if (auto d = parse.parameter(*node, Range::any())) use.overridden.emplace(key, *d);
    if (!use.overridden.empty() && !item.has("source")) {
      std::string keys;
      for (const auto& [key, d] : use.overridden) keys += (keys.empty() ? "" : ", ") + key;
      r.error(*type_node, "overrides numbers of evidence type '" + *type + "' (" + keys +
                              "); say why the scenario knows better in `source`");
    }
    merged.merge(item);
    const ConfigNode* id = item.get("id");
    if (id && id->is_scalar()) uses[id->scalar()] = std::move(use);
    rebuilt.push_back(std::move(merged));
  }
  root.set("interventions", std::move(rebuilt));
}

void check_against_evidence(const Scenario& s, const std::map<std::string, EvidenceUse>& uses,
                            std::vector<Intervention>& interventions) {
  for (Intervention& x : interventions) {
    const auto it = uses.find(x.design.id);
    if (it == uses.end()) continue;
    const EvidenceUse& use = it->second;
    x.evidence = use.checks;
    const std::string who = "intervention " + x.design.id + " (evidence type " + use.checks.type + ")";
    for (const auto& [key, evidence] : use.overridden) {
      const std::string name = "interventions." + x.design.id + "." + key;
      for (const Parameter& p : s.parameters.all()) {
        if (p.name != name) continue;
        const double central = p.distribution.mean();
        const double lo = evidence.quantile(0.0), hi = evidence.quantile(1.0);
        if (central < lo - 1e-12 * std::abs(lo) || central > hi + 1e-12 * std::abs(hi))
          x.warnings.push_back(who + ": " + key + " has central value " + format_number(central) +
                               ", outside the range the evidence supports, " + format_number(lo) + " to " +
                               format_number(hi) + " (" + use.checks.file + ")");
      }
    }
    // Net jobs per GBP 1m at full effect and central values, local view.
    auto mean = [&](int index) { return index >= 0 ? s.parameters.at(index).distribution.mean() : 0.0; };
    auto chain = [&](models::Outcome o) {
      const auto& a = x.index.additionality[0][static_cast<std::size_t>(o)];
      if (a.leakage < 0) return 0.0;
      return (1 - mean(a.leakage)) * (1 - mean(a.deadweight)) * (1 - mean(a.displacement)) *
             (1 - mean(a.substitution)) * mean(a.multiplier);
    };
    const auto& g = x.index.gross;
    const double net_per_m =
        mean(g[static_cast<std::size_t>(models::Channel::jobs)]) * chain(models::Outcome::jobs) +
        mean(g[static_cast<std::size_t>(models::Channel::employment)]) * mean(x.index.sustained_rate) *
            chain(models::Outcome::employment);
    const EvidenceRange& range = use.checks.cost_per_net_job;
    if (net_per_m > 0.0 && range.given()) {
      const double cost = 1e6 / net_per_m;
      if (cost < range.min || cost > range.max)
        x.warnings.push_back(who + ": central cost per net job GBP " + format_number(std::round(cost)) +
                             " (undiscounted public cost per net local job at full effect) is outside the range " +
                             "the evidence supports, GBP " + format_number(range.min) + " to " +
                             format_number(range.max) + " (" + range.source + ")");
    }
  }
}

}  // namespace lissim::sim
