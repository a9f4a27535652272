#include "sim/compare/pairing.h"

#include <vector>

namespace lissim::sim {
namespace {

// The attribute as text for messages and comparison; "(missing)" when absent.
std::string attribute_text(const ResultsReader& file, const std::string& name) {
  if (!file.has_attribute("/", name)) return "(missing)";
  const AttributeValue value = file.attribute("/", name);
  std::string text;
  auto append = [&text](const std::string& part) {
    if (!text.empty()) text += ' ';
    text += part;
  };
  for (const auto& t : value.texts) append(t);
  for (const auto i : value.integers) append(std::to_string(i));
  for (const auto r : value.reals) append(std::to_string(r));
  return text;
}

}  // namespace

Pairing pair_runs(const ResultsReader& a, const EmbeddedScenario& scenario_a, const ResultsReader& b,
                  const EmbeddedScenario& scenario_b) {
  std::vector<std::string> reasons;
  for (const auto& [attribute, label] : {std::pair{"seed", "seed"}, std::pair{"draws", "draws"},
                                         std::pair{"base_year", "base year"}, std::pair{"rng_scheme", "RNG scheme"}}) {
    const std::string in_a = attribute_text(a, attribute), in_b = attribute_text(b, attribute);
    if (in_a != in_b || in_a == "(missing)") reasons.push_back(std::string(label) + " " + in_b + " vs " + in_a);
  }
  if (!scenario_a.readable) reasons.push_back(a.path() + ": " + scenario_a.problem);
  if (!scenario_b.readable) reasons.push_back(b.path() + ": " + scenario_b.problem);
  if (scenario_a.readable && scenario_b.readable) {
    for (const char* section : {"baseline", "calibration", "targets"})
      if (!same_yaml(scenario_a.section(section), scenario_b.section(section)))
        reasons.push_back(std::string("different ") + section + " (seed data or its overrides)");
  }
  Pairing pairing;
  pairing.paired = reasons.empty();
  if (pairing.paired) {
    pairing.explanation = "same seed, draws, base year, RNG scheme and seed data: common random numbers";
  } else {
    for (const auto& reason : reasons) {
      if (!pairing.explanation.empty()) pairing.explanation += "; ";
      pairing.explanation += reason;
    }
  }
  return pairing;
}

}  // namespace lissim::sim
