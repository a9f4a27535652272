#include "sim/io/embedded_scenario.h"

#include <algorithm>

namespace lissim::sim {

EmbeddedScenario read_embedded_scenario(const ResultsReader& file) {
  EmbeddedScenario scenario;
  if (!file.has_attribute("/", "scenario_yaml")) {
    scenario.problem = "no scenario_yaml attribute";
    return scenario;
  }
  try {
    scenario.root = YAML::Load(file.text_attribute("/", "scenario_yaml"));
    scenario.readable = scenario.root.IsMap();
    if (!scenario.readable) scenario.problem = "scenario_yaml is not a map";
  } catch (const YAML::Exception& e) {
    scenario.problem = std::string("scenario_yaml is not valid YAML: ") + e.what();
  }
  return scenario;
}

YAML::Node EmbeddedScenario::section(const std::string& key) const {
  if (!readable) return YAML::Node(YAML::NodeType::Null);
  const YAML::Node node = root[key];
  return node ? node : YAML::Node(YAML::NodeType::Null);
}

std::vector<std::string> EmbeddedScenario::listed_ids(const std::vector<std::string>& key_path) const {
  std::vector<std::string> ids;
  if (!readable) return ids;
  // Node::operator= would assign through to the tree; reset() only rebinds the handle.
  YAML::Node node;
  node.reset(root);
  for (const auto& key : key_path) {
    const YAML::Node& current = node;
    if (!current.IsMap() || !current[key]) return ids;
    node.reset(current[key]);
  }
  if (!node.IsSequence()) return ids;
  for (const auto& item : node)
    if (item.IsMap() && item["id"] && item["id"].IsScalar()) ids.push_back(item["id"].Scalar());
  return ids;
}

bool same_yaml(const YAML::Node& a, const YAML::Node& b) {
  if (a.Type() != b.Type()) return false;
  switch (a.Type()) {
    case YAML::NodeType::Scalar:
      return a.Scalar() == b.Scalar();
    case YAML::NodeType::Sequence:
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!same_yaml(a[i], b[i])) return false;
      return true;
    case YAML::NodeType::Map:
      if (a.size() != b.size()) return false;
      for (const auto& entry : a) {
        if (!entry.first.IsScalar()) return false;  // lissim writes only scalar keys
        const YAML::Node other = b[entry.first.Scalar()];
        if (!other || !same_yaml(entry.second, other)) return false;
      }
      return true;
    default:  // Null and Undefined
      return true;
  }
}

std::vector<std::string> in_preferred_order(const std::vector<std::string>& present,
                                            const std::vector<std::string>& preferred) {
  std::vector<std::string> ordered;
  for (const auto& name : preferred)
    if (std::find(present.begin(), present.end(), name) != present.end() &&
        std::find(ordered.begin(), ordered.end(), name) == ordered.end())
      ordered.push_back(name);
  for (const auto& name : present)
    if (std::find(ordered.begin(), ordered.end(), name) == ordered.end()) ordered.push_back(name);
  return ordered;
}

}  // namespace lissim::sim
