#pragma once
// Typed reads from a ConfigNode with Ceres-style messages ("got X, must be Y"); every
// problem is recorded in the Diagnostics and reading carries on, so all are reported at once.
#include <limits>
#include <optional>
#include <string>

#include "sim/config/config_node.h"
#include "sim/random/distribution.h"

namespace lissim::sim {

// An allowed interval for a number, e.g. [0, 1) or (0, inf).
struct Range {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  bool lower_open = false;
  bool upper_open = false;

  static Range any() { return {}; }
  static Range positive() { return {0.0, std::numeric_limits<double>::infinity(), true, false}; }
  static Range non_negative() { return {0.0, std::numeric_limits<double>::infinity(), false, false}; }
  static Range unit() { return {0.0, 1.0, false, false}; }                    // [0, 1]
  static Range unit_open_upper() { return {0.0, 1.0, false, true}; }          // [0, 1)
  static Range unit_open() { return {0.0, 1.0, true, true}; }                 // (0, 1)
  static Range between(double lo, double hi) { return {lo, hi, false, false}; }  // [lo, hi]

  bool contains(double x) const;
  // Whether every point of [lo, hi] (with the given openness) lies in the range.
  bool contains_interval(double lo, double hi, bool lo_open, bool hi_open) const;
  std::string str() const;  // "[0, 1)", "> 0", ">= 0", "any number"
};

class ValueReader {
 public:
  explicit ValueReader(Diagnostics& diag) : diag_(diag) {}

  // The child, or an error "missing key" at the parent's location.
  const ConfigNode* required(const ConfigNode& map, std::string_view key);
  // Checks that a node is a map (a list), reporting what it is otherwise.
  bool expect_map(const ConfigNode& node);
  bool expect_list(const ConfigNode& node);

  std::optional<double> number(const ConfigNode& node, const Range& range = Range::any());
  std::optional<long long> integer(const ConfigNode& node, long long min, long long max);
  std::optional<std::string> text(const ConfigNode& node);
  std::optional<std::string> identifier(const ConfigNode& node);  // [a-z0-9_]+, starting with a letter

  // A number or a distribution map ({dist: normal, mean: .., sd: ..}, optional lower/upper)
  // whose whole support must lie in `range`.
  std::optional<Distribution> parameter(const ConfigNode& node, const Range& range);

  void error(const ConfigNode& node, const std::string& message) {
    diag_.error(node.location(), node.path(), message);
  }
  Diagnostics& diagnostics() { return diag_; }

 private:
  Diagnostics& diag_;
};

// Number formatting for messages: shortest round-trip form.
std::string format_number(double x);

}  // namespace lissim::sim
