#include "sim/config/value_reader.h"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace lissim::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Names, ids and keys end up in file names, HDF5 paths and table columns.
constexpr std::size_t kMaxIdentifier = 64;

std::optional<double> parse_double(const std::string& text) {
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

struct DistributionShape {
  std::string_view name;
  std::array<std::string_view, 3> args;
  int arg_count;
};

constexpr std::array<DistributionShape, 6> kShapes{{
    {"normal", {"mean", "sd", ""}, 2},
    {"lognormal", {"median", "sd_log", ""}, 2},
    {"uniform", {"min", "max", ""}, 2},
    {"triangular", {"min", "mode", "max"}, 3},
    {"pert", {"min", "mode", "max"}, 3},
    {"beta", {"mean", "sd", ""}, 2},
}};

}  // namespace

std::string format_number(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  std::array<char, 64> buf{};
  const auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  return ec == std::errc() ? std::string(buf.data(), ptr) : std::to_string(x);
}

bool Range::contains(double x) const {
  if (std::isnan(x)) return false;
  const bool above = lower_open ? x > lower : x >= lower;
  const bool below = upper_open ? x < upper : x <= upper;
  return above && below;
}

bool Range::contains_interval(double lo, double hi, bool lo_open, bool hi_open) const {
  const bool lower_ok = lo > lower || (lo == lower && (!lower_open || lo_open));
  const bool upper_ok = hi < upper || (hi == upper && (!upper_open || hi_open));
  return lower_ok && upper_ok;
}

std::string Range::str() const {
  const bool has_lower = lower != -kInf;
  const bool has_upper = upper != kInf;
  if (!has_lower && !has_upper) return "any number";
  if (!has_upper) return std::string(lower_open ? "> " : ">= ") + format_number(lower);
  if (!has_lower) return std::string(upper_open ? "< " : "<= ") + format_number(upper);
  return std::string(lower_open ? "(" : "[") + format_number(lower) + ", " + format_number(upper) +
         (upper_open ? ")" : "]");
}

const ConfigNode* ValueReader::required(const ConfigNode& map, std::string_view key) {
  const ConfigNode* child = map.get(key);
  if (!child) {
    const std::string path = map.path().empty() ? std::string(key) : map.path() + "." + std::string(key);
    diag_.error(map.location(), path, "missing key '" + std::string(key) + "'");
  }
  return child;
}

bool ValueReader::expect_map(const ConfigNode& node) {
  if (node.is_map()) return true;
  error(node, "got " + node.kind_name() + ", must be a map of keys");
  return false;
}

bool ValueReader::expect_list(const ConfigNode& node) {
  if (node.is_sequence()) return true;
  error(node, "got " + node.kind_name() + ", must be a list");
  return false;
}

std::optional<double> ValueReader::number(const ConfigNode& node, const Range& range) {
  if (!node.is_scalar()) {
    error(node, "got " + node.kind_name() + ", must be a number");
    return std::nullopt;
  }
  const auto value = parse_double(node.scalar());
  if (!value) {
    error(node, "got '" + node.scalar() + "', must be a number");
    return std::nullopt;
  }
  if (!std::isfinite(*value)) {
    error(node, "got " + node.scalar() + ", must be a finite number");
    return std::nullopt;
  }
  if (!range.contains(*value)) {
    error(node, "got " + node.scalar() + ", must be " + (range.lower != -kInf && range.upper != kInf ? "in " : "") +
                    range.str());
    return std::nullopt;
  }
  return value;
}

std::optional<long long> ValueReader::integer(const ConfigNode& node, long long min, long long max) {
  if (!node.is_scalar()) {
    error(node, "got " + node.kind_name() + ", must be a whole number");
    return std::nullopt;
  }
  long long value = 0;
  const std::string& text = node.scalar();
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    error(node, "got '" + text + "', must be a whole number");
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(node, "got " + text + ", must be in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> ValueReader::text(const ConfigNode& node) {
  if (!node.is_scalar()) {
    error(node, "got " + node.kind_name() + ", must be text");
    return std::nullopt;
  }
  return node.scalar();
}

std::optional<std::string> ValueReader::identifier(const ConfigNode& node) {
  auto value = text(node);
  if (!value) return std::nullopt;
  if (value->size() > kMaxIdentifier) {
    error(node, "got " + std::to_string(value->size()) + " characters, must be an identifier of at most " +
                    std::to_string(kMaxIdentifier) + " characters");
    return std::nullopt;
  }
  bool ok = !value->empty() && value->front() >= 'a' && value->front() <= 'z';
  for (char c : *value) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok) {
    error(node, "got '" + *value + "', must be an identifier: lower-case letters, digits and _, starting with a letter");
    return std::nullopt;
  }
  return value;
}

std::optional<Distribution> ValueReader::parameter(const ConfigNode& node, const Range& range) {
  if (node.is_scalar()) {
    const auto value = number(node, range);
    if (!value) return std::nullopt;
    return Distribution::fixed(*value);
  }
  if (!node.is_map()) {
    error(node, "got " + node.kind_name() + ", must be a number or a distribution {dist: normal, mean: .., sd: ..}");
    return std::nullopt;
  }
  const ConfigNode* dist_node = required(node, "dist");
  if (!dist_node) return std::nullopt;
  const auto dist_name = text(*dist_node);
  if (!dist_name) return std::nullopt;
  const DistributionShape* shape = nullptr;
  std::set<std::string> names;
  for (const auto& s : kShapes) {
    names.insert(std::string(s.name));
    if (s.name == *dist_name) shape = &s;
  }
  if (!shape) {
    std::string message = "got '" + *dist_name + "', must be one of normal, lognormal, uniform, triangular, pert, beta";
    const std::string suggestion = suggest_key(*dist_name, names);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    error(*dist_node, message);
    for (const auto& key : node.keys()) node.get(key);  // its other keys are not the problem
    return std::nullopt;
  }
  std::array<double, 3> args{};
  bool ok = true;
  for (int i = 0; i < shape->arg_count; ++i) {
    const ConfigNode* arg = required(node, shape->args[static_cast<std::size_t>(i)]);
    const auto value = arg ? number(*arg) : std::nullopt;
    ok = ok && value.has_value();
    if (value) args[static_cast<std::size_t>(i)] = *value;
  }
  std::optional<double> lower, upper;
  if (const ConfigNode* n = node.get("lower")) ok = (lower = number(*n)).has_value() && ok;
  if (const ConfigNode* n = node.get("upper")) ok = (upper = number(*n)).has_value() && ok;
  if (!ok) return std::nullopt;

  // Natural support of each family, before truncation.
  double lo = -kInf, hi = kInf;
  bool lo_open = false, hi_open = false;
  try {
    Distribution d = Distribution::fixed(0);
    const std::string_view name = shape->name;
    if (name == "normal") {
      d = Distribution::normal(args[0], args[1]);
    } else if (name == "lognormal") {
      d = Distribution::lognormal(args[0], args[1]);
      lo = 0, lo_open = true;
    } else if (name == "uniform") {
      d = Distribution::uniform(args[0], args[1]);
      lo = args[0], hi = args[1];
    } else if (name == "triangular") {
      d = Distribution::triangular(args[0], args[1], args[2]);
      lo = args[0], hi = args[2];
    } else if (name == "pert") {
      d = Distribution::pert(args[0], args[1], args[2]);
      lo = args[0], hi = args[2];
    } else {
      d = Distribution::beta(args[0], args[1]);
      lo = 0, hi = 1, lo_open = true, hi_open = true;
    }
    if (lower || upper) d = d.with_bounds(lower, upper);
    if (lower && *lower > lo) lo = *lower, lo_open = false;
    if (upper && *upper < hi) hi = *upper, hi_open = false;
    if (!range.contains_interval(lo, hi, lo_open, hi_open)) {
      error(node, "got " + d.describe() + ", whose values must all be " + range.str() +
                      (lower || upper ? "" : "; add lower/upper bounds"));
      return std::nullopt;
    }
    return d;
  } catch (const std::invalid_argument& e) {
    error(node, std::string("invalid ") + std::string(shape->name) + " distribution: " + e.what());
    return std::nullopt;
  }
}

}  // namespace lissim::sim
