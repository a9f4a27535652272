#include "sim/sweep/sweep_spec.h"

#include <cmath>
#include <filesystem>
#include <limits>

#include "sim/config/value_reader.h"
#include "sim/errors.h"

namespace lissim::sim {
namespace {

constexpr std::size_t kMaxPoints = 100000;

std::vector<double> read_range(ValueReader& r, const ConfigNode& node) {
  if (!r.expect_map(node)) return {};
  const ConfigNode* from = r.required(node, "from");
  const ConfigNode* to = r.required(node, "to");
  const ConfigNode* steps = r.required(node, "steps");
  const std::optional<double> a_read = from ? r.number(*from) : std::nullopt;
  const std::optional<double> b_read = to ? r.number(*to) : std::nullopt;
  const std::optional<long long> n_read = steps ? r.integer(*steps, 2, 10000) : std::nullopt;
  std::string scale = "linear";
  if (const ConfigNode* s = node.get("scale")) {
    scale = r.text(*s).value_or("linear");
    if (scale != "linear" && scale != "log") r.error(*s, "got '" + scale + "', must be linear or log");
  }
  if (!a_read || !b_read || !n_read) return {};
  const double a = *a_read, b = *b_read;
  const long long n = *n_read;
  if (scale == "log" && (a <= 0 || b <= 0)) {
    r.error(node, "a log range needs from and to > 0, got " + format_number(a) + " and " + format_number(b));
    return {};
  }
  std::vector<double> values;
  for (long long i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / static_cast<double>(n - 1);
    values.push_back(scale == "log" ? std::exp(std::log(a) + t * (std::log(b) - std::log(a))) : a + t * (b - a));
  }
  values.front() = a;  // exact ends, whatever the rounding in between
  values.back() = b;
  return values;
}

SweepAxis read_axis(ValueReader& r, const ConfigNode& node) {
  SweepAxis axis;
  if (!r.expect_map(node)) return axis;
  if (const ConfigNode* k = r.required(node, "key")) {
    axis.key = r.text(*k).value_or("");
    axis.origin = k->location();
  }
  const ConfigNode* values = node.get("values");
  const ConfigNode* range = node.get("range");
  if ((values != nullptr) == (range != nullptr)) {
    r.error(node, "an axis needs exactly one of 'values' (a list of numbers) or 'range' ({from, to, steps})");
    if (range) read_range(r, *range);  // still checked, so its keys are not reported unknown
    return axis;
  }
  if (values) {
    if (!r.expect_list(*values)) return axis;
    if (values->size() == 0) r.error(*values, "got an empty list, must give at least one value");
    for (std::size_t i = 0; i < values->size(); ++i)
      if (auto v = r.number(values->at(i))) axis.values.push_back(*v);
  } else {
    axis.values = read_range(r, *range);
  }
  return axis;
}

}  // namespace

SweepSpec load_sweep(const std::string& file) {
  Diagnostics diag;
  ValueReader r(diag);
  auto root = ConfigNode::load_file(file, "", diag);
  diag.throw_if_errors();
  SweepSpec spec;
  spec.file = file;
  if (!r.expect_map(*root)) diag.throw_if_errors();
  if (const ConfigNode* n = r.required(*root, "scenario")) {
    const std::string relative = r.text(*n).value_or("");
    const auto path = (std::filesystem::path(file).parent_path() / relative).lexically_normal();
    std::error_code error;
    if (!relative.empty() && !std::filesystem::is_regular_file(path, error))
      r.error(*n, "got '" + relative + "' (" + path.string() + "), must be a scenario file (relative to the sweep file)");
    spec.base_scenario = path.string();
  }
  if (const ConfigNode* n = root->get("draws")) {
    if (auto d = r.integer(*n, 1, 10'000'000'000)) spec.draws = *d;
  }
  if (const ConfigNode* n = root->get("mode")) {
    const std::string mode = r.text(*n).value_or("grid");
    if (mode != "grid" && mode != "one_at_a_time") r.error(*n, "got '" + mode + "', must be grid or one_at_a_time");
    spec.grid = mode != "one_at_a_time";
  }
  if (const ConfigNode* n = root->get("set"); n && r.expect_map(*n)) {
    for (const auto& key : n->keys()) {
      const ConfigNode* value = n->get(key);
      if (value->is_scalar()) {
        spec.sets.push_back(key + "=" + value->scalar());
        spec.set_origins.push_back(value->location());
      } else r.error(*value, "got " + value->kind_name() + ", must be a single value (a number or text)");
    }
  }
  if (const ConfigNode* n = root->get("years"); n && r.expect_list(*n)) {
    for (std::size_t i = 0; i < n->size(); ++i)
      if (auto y = r.integer(n->at(i), 1900, 2300)) spec.years.push_back(static_cast<int>(*y));
  }
  if (const ConfigNode* list = r.required(*root, "axes"); list && r.expect_list(*list)) {
    if (list->size() == 0) r.error(*list, "got no axes, must give at least one");
    for (std::size_t i = 0; i < list->size(); ++i) spec.axes.push_back(read_axis(r, list->at(i)));
    // One key on two axes (or on an axis and in `set:`) would leave one of them without effect.
    for (std::size_t i = 0; i < spec.axes.size(); ++i) {
      const std::string& key = spec.axes[i].key;
      if (key.empty()) continue;
      for (std::size_t j = 0; j < i; ++j)
        if (spec.axes[j].key == key)
          diag.error(spec.axes[i].origin, "axes[" + std::to_string(i) + "].key",
                     "'" + key + "' is already the key of axes[" + std::to_string(j) + "] (" + spec.axes[j].origin.str() +
                         "); each key may be swept by one axis");
      for (std::size_t k = 0; k < spec.sets.size(); ++k)
        if (spec.sets[k].substr(0, spec.sets[k].find('=')) == key)
          diag.error(spec.axes[i].origin, "axes[" + std::to_string(i) + "].key",
                     "'" + key + "' is also fixed by set: (" + spec.set_origins[k].str() +
                         "); a key is either swept or set");
    }
  }
  root->report_unused(diag);
  diag.throw_if_errors();
  std::size_t points = 1;  // grid: the product of the axes; one at a time: the base point plus each value
  for (const SweepAxis& a : spec.axes) {
    points = spec.grid ? points * a.values.size() : points + a.values.size();
    if (points > kMaxPoints)
      throw InputError(file + ": the sweep has more than " + std::to_string(kMaxPoints) +
                       " points; split it or use fewer values");
  }
  spec.resolved_yaml = root->to_yaml();
  return spec;
}

std::vector<SweepPoint> expand_points(const SweepSpec& spec) {
  const std::size_t n = spec.axes.size();
  const double base = std::numeric_limits<double>::quiet_NaN();
  std::vector<SweepPoint> points;
  auto point = [&](std::vector<double> values, int varied) {
    SweepPoint p{values, varied, spec.sets, spec.set_origins};
    for (std::size_t a = 0; a < n; ++a)
      if (!std::isnan(values[a])) {
        p.sets.push_back(spec.axes[a].key + "=" + format_number(values[a]));
        p.set_origins.push_back(spec.axes[a].origin);
      }
    points.push_back(std::move(p));
  };
  if (!spec.grid) {
    point(std::vector<double>(n, base), -1);
    for (std::size_t a = 0; a < n; ++a)
      for (const double v : spec.axes[a].values) {
        std::vector<double> values(n, base);
        values[a] = v;
        point(values, static_cast<int>(a));
      }
    return points;
  }
  // Full grid, the last axis fastest.
  std::vector<std::size_t> index(n, 0);
  for (;;) {
    std::vector<double> values(n);
    for (std::size_t a = 0; a < n; ++a) values[a] = spec.axes[a].values[index[a]];
    point(values, -1);
    std::size_t a = n;
    while (a > 0 && ++index[a - 1] == spec.axes[a - 1].values.size()) index[--a] = 0;
    if (a == 0) break;
  }
  return points;
}

}  // namespace lissim::sim
