#include "sim/config/scenario_loader.h"

#include <filesystem>

#include "sim/config/evidence_reader.h"
#include "sim/config/section_readers.h"

namespace lissim::sim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSections[] = {"baseline", "calibration", "targets"};
constexpr int kDefaultHorizon = 2030;
constexpr std::int64_t kDefaultDraws = 10000;
constexpr std::int64_t kMaxDraws = 10'000'000'000;
constexpr std::uint64_t kDefaultSeed = 1;

void set_default(ConfigNode& root, const std::string& file, const std::string& key, const std::string& value) {
  if (!root.has(key)) root.set(key, ConfigNode::scalar_node(value, SourceLocation{file + " (default)"}, key));
}

// The base year dates every figure of the seed data: a scenario or --set that changes it alone
// would relabel them. Reported at the override, not at the seed file's lines.
void reject_base_year_override(ValueReader& r, const ConfigNode* overrides, const std::string& seed_base_year) {
  if (!overrides || !overrides->is_map() || !overrides->has("base_year")) return;
  const ConfigNode& year = *overrides->get("base_year");
  if (year.is_scalar() && year.scalar() == seed_base_year) return;  // restating it is harmless
  r.error(year,
          "the base year cannot be overridden: every figure of the seed data (and targets.base_year) "
          "is for the seed data's base year; use a seed-data folder for another base year");
}

// Replaces each seed section in the tree by the seed file merged with the scenario's overrides.
void merge_seed_data(ValueReader& r, ConfigNode& root, const std::string& file, std::vector<std::string>& files) {
  const ConfigNode* seed_node = r.required(root, "seed_data");
  if (!seed_node) return;
  const auto seed_data = r.text(*seed_node);
  if (!seed_data) return;
  const fs::path dir = fs::path(file).parent_path() / *seed_data;
  std::error_code error;  // a name the system cannot take (too long, bad bytes) is just not a folder
  if (!fs::is_directory(dir, error)) {
    r.error(*seed_node, "got '" + *seed_data + "' (" + dir.lexically_normal().string() +
                            "), must be a folder with baseline.yaml, calibration.yaml and targets.yaml");
    return;
  }
  for (const char* section : kSections) {
    const std::string path = (dir / (std::string(section) + ".yaml")).lexically_normal().string();
    auto seed = ConfigNode::load_file(path, section, r.diagnostics());
    if (!seed) continue;
    files.push_back(path);
    if (const ConfigNode* overrides = root.get(section)) {
      if (std::string(section) == "baseline" && seed->has("base_year"))
        reject_base_year_override(r, overrides, seed->get("base_year")->scalar());
      seed->merge(*overrides);
    }
    root.set(section, std::move(*seed));
  }
}

// Reads the merged tree (seed data, defaults, --set and evidence types applied) into a Scenario.
Scenario read_scenario(ValueReader& r, Diagnostics& diag, ConfigNode& root, const std::string& file,
                       const std::vector<std::string>& files, const std::map<std::string, EvidenceUse>& evidence) {
  Scenario s;
  s.file = file;
  s.input_files = files;
  if (const ConfigNode* n = r.required(root, "name")) s.name = r.identifier(*n).value_or("");
  if (const ConfigNode* n = root.get("description")) s.description = r.text(*n).value_or("");
  const ConfigNode* horizon = root.get("horizon");
  s.horizon = static_cast<int>(r.integer(*horizon, 1901, 2300).value_or(kDefaultHorizon));
  s.draws = r.integer(*root.get("draws"), 1, kMaxDraws).value_or(1);
  s.seed = static_cast<std::uint64_t>(r.integer(*root.get("seed"), 0, (1LL << 53)).value_or(0));

  const ConfigNode* baseline = root.get("baseline");
  const ConfigNode* calibration = root.get("calibration");
  const ConfigNode* targets = root.get("targets");
  if (baseline) {
    read_baseline(r, *baseline, s.horizon, s.baseline);
    read_baseline_record(r, *baseline, s);
  }
  if (s.baseline.base_year > 0 && s.horizon <= s.baseline.base_year)
    r.error(*horizon, "got " + horizon->scalar() + ", must be after the base year " +
                          std::to_string(s.baseline.base_year));
  if (calibration) read_calibration(r, *calibration, s);
  if (targets) read_targets(r, *targets, s);
  if (const ConfigNode* n = root.get("appraisal")) read_appraisal(r, *n, s);
  if (const ConfigNode* n = root.get("interventions"); n && s.baseline.sectors.count() > 0)
    read_interventions(r, *n, s);
  if (!diag.has_errors()) check_against_evidence(s, evidence, s.interventions);
  root.report_unused(diag);
  diag.throw_if_errors();
  s.resolved_yaml = root.to_yaml();
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& file, const LoadOptions& options) {
  Diagnostics diag;
  ValueReader r(diag);
  auto root = ConfigNode::load_file(file, "", diag);
  diag.throw_if_errors();
  if (!root->is_map()) {
    r.error(*root, "got " + root->kind_name() + ", a scenario must be a map of keys (name, seed_data, ...)");
    diag.throw_if_errors();
  }

  std::vector<std::string> files{file};
  merge_seed_data(r, *root, file, files);
  set_default(*root, file, "horizon", std::to_string(kDefaultHorizon));
  set_default(*root, file, "draws", std::to_string(kDefaultDraws));
  set_default(*root, file, "seed", std::to_string(kDefaultSeed));
  // The Green Book rate, shown in the resolved scenario whenever there is something to appraise.
  if (root->has("interventions") && !(root->get("appraisal") && root->get("appraisal")->has("discount_rate_pct")))
    root->set_path("appraisal.discount_rate_pct=3.5", diag);
  // The file's own draws and seed are checked even when the command line replaces them.
  if (options.draws) r.integer(*root->get("draws"), 1, kMaxDraws);
  if (options.seed) r.integer(*root->get("seed"), 0, 1LL << 53);
  const ConfigNode* merged_baseline = root->get("baseline");
  const std::string seed_base_year = merged_baseline && merged_baseline->get("base_year")
                                         ? merged_baseline->get("base_year")->scalar()
                                         : std::string();
  for (std::size_t i = 0; i < options.sets.size(); ++i) {
    const std::string& assignment = options.sets[i];
    const SourceLocation origin = i < options.set_origins.size()
                                      ? options.set_origins[i]
                                      : SourceLocation{"command line (--set " + assignment + ")"};
    // seed_data was read before any --set applies: changing it here would be silently ignored.
    const std::string key = assignment.substr(0, assignment.find('='));
    if (key == "seed_data" || key.rfind("seed_data.", 0) == 0 || key.rfind("seed_data[", 0) == 0) {
      diag.error(origin, key, "cannot be set with --set or a sweep (the seed data are read first); edit the scenario's seed_data");
      continue;
    }
    root->set_path(assignment, diag, origin);
    if (key == "baseline.base_year") reject_base_year_override(r, root->get("baseline"), seed_base_year);
  }
  if (options.draws) root->set_path("draws=" + std::to_string(*options.draws), diag);
  if (options.seed) root->set_path("seed=" + std::to_string(*options.seed), diag);
  diag.throw_if_errors();
  // After --set, so that --set reaches the type's numbers as well as the scenario's.
  std::map<std::string, EvidenceUse> evidence;
  root->get("evidence_library");  // read only when an intervention names a type
  apply_evidence_types(r, *root, file, evidence);
  diag.throw_if_errors();
  return read_scenario(r, diag, *root, file, files, evidence);
}

Scenario load_resolved_scenario(const std::string& yaml, const std::string& origin) {
  Diagnostics diag;
  ValueReader r(diag);
  auto root = ConfigNode::load_string(yaml, origin, "", diag);
  diag.throw_if_errors();
  if (!root->is_map()) {
    r.error(*root, "got " + root->kind_name() + ", a resolved scenario must be a map of keys (name, seed_data, ...)");
    diag.throw_if_errors();
  }
  // Already merged into the tree: the seed data, the defaults and the evidence types' numbers
  // (their range checks are warnings of validate and run, not needed again).
  root->get("seed_data");
  root->get("evidence_library");
  for (const char* key : {"horizon", "draws", "seed"}) r.required(*root, key);  // defaults once written
  diag.throw_if_errors();
  return read_scenario(r, diag, *root, origin, {origin}, {});
}

}  // namespace lissim::sim
