#pragma once
// A configuration tree that remembers where every value came from (file:line:col)
// and which keys were read, so that typos are errors with a suggestion (after pbrt-v4).
// Built from YAML files, merged (seed data <- scenario <- --set) and emitted back as YAML
// for the resolved scenario embedded in the results file.
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/diagnostics.h"

namespace YAML {
class Node;
class Emitter;
}  // namespace YAML

namespace lissim::sim {

class ConfigNode {
 public:
  enum class Kind { Null, Scalar, Map, Sequence };

  ConfigNode() = default;
  ConfigNode(Kind kind, SourceLocation location, std::string path);

  // Parses a YAML file; problems (unreadable, malformed, duplicate keys, too deep) go to diag.
  static std::optional<ConfigNode> load_file(const std::string& file, std::string path_prefix,
                                             Diagnostics& diag);
  static std::optional<ConfigNode> load_string(const std::string& text, const std::string& file,
                                               std::string path_prefix, Diagnostics& diag);
  static ConfigNode scalar_node(std::string value, SourceLocation location, std::string path);

  Kind kind() const { return kind_; }
  bool is_map() const { return kind_ == Kind::Map; }
  bool is_sequence() const { return kind_ == Kind::Sequence; }
  bool is_scalar() const { return kind_ == Kind::Scalar; }
  bool is_null() const { return kind_ == Kind::Null; }
  const SourceLocation& location() const { return location_; }
  const std::string& path() const { return path_; }  // e.g. "calibration.sectors.digital.jobs_sd_pct"
  const std::string& scalar() const { return scalar_; }
  std::string kind_name() const;  // "a map", "a list", "a scalar", "empty"

  // Map access. get() records the key as known (for did-you-mean) and the child as used.
  const ConfigNode* get(std::string_view key) const;
  bool has(std::string_view key) const;
  std::vector<std::string> keys() const;
  // Inserts or replaces a child; used for defaults so the resolved scenario shows them.
  ConfigNode& set(const std::string& key, ConfigNode child);

  // Sequence access (marks the element used).
  std::size_t size() const { return children_.size(); }
  const ConfigNode& at(std::size_t index) const;
  void push_back(ConfigNode child);

  // Maps merge key by key, except maps describing one value (with a `dist`, `matrix` or
  // `equicorrelation` key), which replace; anything else replaces this node.
  void merge(const ConfigNode& overlay);

  // Applies "key.path=value" (from --set). Path segments: map keys, [index] or [id] for
  // list elements whose `id` equals the text. The value is parsed as YAML.
  void set_path(std::string_view assignment, Diagnostics& diag);
  // The same, with problems reported at `origin` (e.g. the sweep file's line) instead.
  void set_path(std::string_view assignment, Diagnostics& diag, const SourceLocation& origin);

  // Reports keys that nothing read, with a suggestion among the keys that were asked for.
  void report_unused(Diagnostics& diag) const;

  void emit(YAML::Emitter& out) const;
  std::string to_yaml() const;

  // Re-labels paths below this node (after grafting it into a bigger tree).
  void set_path_prefix(const std::string& path);

 private:
  static std::optional<ConfigNode> from_yaml(const YAML::Node& node, const std::string& file,
                                             const std::string& path, int depth, std::size_t& budget,
                                             Diagnostics& diag);
  void mark_used() const { used_ = true; }
  void relocate(const SourceLocation& where);  // this node and all below it came from `where`

  Kind kind_ = Kind::Null;
  SourceLocation location_;
  std::string path_;
  std::string scalar_;
  std::vector<std::string> keys_;      // map keys, parallel to children_
  std::vector<SourceLocation> key_locations_;  // where each key is written
  std::vector<ConfigNode> children_;   // map values or sequence elements
  mutable bool used_ = false;
  mutable std::set<std::string> asked_;  // keys looked up on this map, found or not
};

// Closest candidate within a small edit distance, or empty.
std::string suggest_key(std::string_view key, const std::set<std::string>& candidates);

}  // namespace lissim::sim
