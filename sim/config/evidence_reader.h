#pragma once
// The evidence library (seeds/evidence, docs/interventions.md "Evidence types"): an
// intervention that says `evidence: TYPE` takes its channels, timing and additionality from
// the type file, converted to the intervention schema, with the scenario's own keys merged
// over them (the scenario overrides what it knows better).
#include <map>
#include <string>

#include "sim/config/value_reader.h"
#include "sim/scenario.h"

namespace lissim::sim {

// What the applier keeps per intervention id for the sanity checks.
struct EvidenceUse {
  EvidenceChecks checks;
  // Key paths of the intervention (e.g. "channels.jobs.gross_per_gbp_m") that the scenario
  // overrides, with the evidence's distribution of each.
  std::map<std::string, Distribution> overridden;
};

// Replaces each intervention with `evidence:` by the type merged with the scenario's keys.
// The library folder is `evidence_library:` (relative to the scenario file). Problems (an
// unknown type, a number without a source, an unreadable file) go to the reader's diagnostics.
void apply_evidence_types(ValueReader& r, ConfigNode& root, const std::string& scenario_file,
                          std::map<std::string, EvidenceUse>& uses);

// Warnings for `validate`: inputs the scenario sets outside the evidence's range, and the
// central cost per net job (undiscounted public cost over net jobs at full effect, local view)
// outside the type's checked range.
void check_against_evidence(const Scenario& scenario, const std::map<std::string, EvidenceUse>& uses,
                            std::vector<Intervention>& interventions);

}  // namespace lissim::sim
