#pragma once
// The fully resolved scenario a results file carries in its root attribute `scenario_yaml`
// (seed data, overrides and defaults included): what decides whether two runs share their
// random numbers, and the order in which the scenario lists its targets and interventions.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "sim/io/results_reader.h"

namespace lissim::sim {

struct EmbeddedScenario {
  bool readable = false;  // false: the attribute is missing or is not YAML
  std::string problem;    // why not, when not
  YAML::Node root;

  // Ids of the maps listed under a key path, e.g. {"targets", "targets"} or {"interventions"},
  // in the scenario's order; empty when absent.
  std::vector<std::string> listed_ids(const std::vector<std::string>& key_path) const;
  // The subtree at a top-level key; a null node when absent.
  YAML::Node section(const std::string& key) const;
};

EmbeddedScenario read_embedded_scenario(const ResultsReader& file);

// Structural equality: same map keys with equal values, same sequences in order, same scalar text.
bool same_yaml(const YAML::Node& a, const YAML::Node& b);

// The names in `present` ordered as in `preferred`, then the rest in their own order.
std::vector<std::string> in_preferred_order(const std::vector<std::string>& present,
                                            const std::vector<std::string>& preferred);

}  // namespace lissim::sim
