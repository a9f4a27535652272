#include <Eigen/Cholesky>
#include <cmath>

#include "sim/config/section_readers.h"

namespace lissim::sim {
namespace {

// A model parameter in a calibration block: `scale` converts the file's units to the model's.
struct ParameterField {
  std::string key;
  Range range;
  double scale;
  const char* units;
};

// A parameter whose range is open on a side must still stay within +-kPlausible in file units
// (% or pp a year for trends and shocks' sd, or a plain elasticity): larger values drive the
// model out of range in the run, so `validate` refuses them rather than `run` failing.
constexpr double kPlausible = 50;

class CalibrationReader {
 public:
  CalibrationReader(ValueReader& r, Scenario& s) : r_(r), s_(s) {}

  // Registers node[key] under `name` (defaults to the node's own key path); returns its index.
  int parameter(const ConfigNode& block, const ParameterField& f, const std::string& name = "") {
    const ConfigNode* node = r_.required(block, f.key);
    Distribution d = Distribution::fixed(f.range.contains(0.0) ? 0.0 : f.range.lower + 1.0);
    if (node) {
      if (auto parsed = r_.parameter(*node, f.range)) {
        d = *parsed;
        if (!std::isfinite(f.range.lower) || !std::isfinite(f.range.upper)) check_plausible(*node, d);
      }
    }
    const std::string path = block.path() + "." + f.key;
    return s_.parameters.add({name.empty() ? path : name, d, f.scale, f.units});
  }

  // Checked on the central 99.8% of a distribution.
  void check_plausible(const ConfigNode& node, const Distribution& d) {
    const double lo = d.quantile(0.001), hi = d.quantile(0.999);
    if (std::abs(lo) <= kPlausible && std::abs(hi) <= kPlausible) return;
    const std::string value = d.is_fixed() ? "got " + format_number(hi)
                                           : "its central 99.8% spans " + format_number(lo) + " to " + format_number(hi);
    r_.error(node, value + ", implausible: must be within +-" + format_number(kPlausible) +
                       " (larger values drive the model out of range)");
  }

// One line of a block's list read from block node `b` into index slots `i` (both in scope).
#define LISSIM_READ_BLOCK_PARAMETER(member, key, range, scale, units) \
  i.member = parameter(b, {key, Range::range, scale, units});

  // The blocks' parameters come from the lists in models/parameters.h, each read by name.
  void cycle(const ConfigNode& b) {
    if (!r_.expect_map(b)) return;
    require_source(r_, b);
    auto& i = s_.index.cycle;
    LISSIM_CYCLE_PARAMETERS(LISSIM_READ_BLOCK_PARAMETER)
  }

  void sectors(const ConfigNode& defaults, const ConfigNode* overrides) {
    if (!r_.expect_map(defaults)) return;
    require_source(r_, defaults);
    const std::vector<std::string>& ids = s_.baseline.sectors.ids;
    if (overrides && r_.expect_map(*overrides)) {
      for (const auto& key : overrides->keys()) {
        if (std::find(ids.begin(), ids.end(), key) == ids.end()) continue;  // reported as unknown below
        const ConfigNode* o = overrides->get(key);
        if (r_.expect_map(*o) && o->has("source")) require_source(r_, *o);
      }
    }
    // Field f and slot f come from the same line of the list.
#define LISSIM_SECTOR_FIELD(member, key, range, scale, units) ParameterField{key, Range::range, scale, units},
#define LISSIM_SECTOR_SLOT(member, ...) &s_.index.sectors.member,
    const ParameterField fields[] = {LISSIM_SECTOR_PARAMETERS(LISSIM_SECTOR_FIELD)};
    std::vector<int>* slots[] = {LISSIM_SECTOR_PARAMETERS(LISSIM_SECTOR_SLOT)};
#undef LISSIM_SECTOR_FIELD
#undef LISSIM_SECTOR_SLOT
    static_assert(std::size(fields) == std::size(slots));
    for (auto* slot : slots) slot->clear();
    // Every default is checked, even one that each sector overrides.
    for (const ParameterField& f : fields)
      if (const ConfigNode* node = r_.required(defaults, f.key)) r_.parameter(*node, f.range);
    for (const std::string& id : ids) {
      const ConfigNode* own = overrides ? overrides->get(id) : nullptr;
      for (std::size_t f = 0; f < std::size(fields); ++f) {
        // Each sector draws its own value, named by sector, even when it takes the default.
        const bool overridden = own && own->is_map() && own->get(fields[f].key) != nullptr;
        const std::string name = "calibration.sectors." + id + "." + fields[f].key;
        slots[f]->push_back(parameter(overridden ? *own : defaults, fields[f], name));
      }
    }
  }

  void correlation(const ConfigNode& b) {
    if (!r_.expect_map(b)) return;
    require_source(r_, b);
    const auto n = s_.baseline.sectors.count();
    if (const ConfigNode* j = r_.required(b, "jobs")) s_.correlation.jobs_cholesky = cholesky(*j, n);
    if (const ConfigNode* q = r_.required(b, "productivity"))
      s_.correlation.productivity_cholesky = cholesky(*q, n);
  }

  void labour(const ConfigNode& b) {
    if (!r_.expect_map(b)) return;
    require_source(r_, b);
    auto& i = s_.index.labour;
    LISSIM_LABOUR_PARAMETERS(LISSIM_READ_BLOCK_PARAMETER)
  }

  void national(const ConfigNode& b) {
    if (!r_.expect_map(b)) return;
    require_source(r_, b);
    auto& i = s_.index.national;
    LISSIM_NATIONAL_PARAMETERS(LISSIM_READ_BLOCK_PARAMETER)
    const ConfigNode* path = r_.required(b, "central_path");
    if (!path || !r_.expect_map(*path)) return;
    require_source(r_, *path);
    const int base = s_.baseline.base_year;
    const Range growth{-20.0, 20.0, false, false};
    models::NationalPath& n = s_.national_path;
    n.jobs_growth = read_yearly_path(r_, *path, "jobs_growth_pct", base, s_.horizon, growth, 0.01);
    n.productivity_growth = read_yearly_path(r_, *path, "gva_per_hour_growth_pct", base, s_.horizon, growth, 0.01);
    n.employment_rate_change =
        read_yearly_path(r_, *path, "employment_rate_change_pp", base, s_.horizon, {-5.0, 5.0, false, false}, 0.01);
    n.activity_rate_change =
        read_yearly_path(r_, *path, "activity_rate_change_pp", base, s_.horizon, {-5.0, 5.0, false, false}, 0.01);
  }

  // calibration.region or calibration.comparator: a differential per series of the block.
  void differentials(const ConfigNode& b, const std::string& block) {
    if (!r_.expect_map(b)) return;
    auto& i = s_.index.differentials;
#define LISSIM_READ_DIFFERENTIAL(member, in_block, key, suffix, scale) \
  if (block == in_block) i.member = differential(b, key, suffix, scale);
    LISSIM_DIFFERENTIAL_SERIES(LISSIM_READ_DIFFERENTIAL)
#undef LISSIM_READ_DIFFERENTIAL
  }

  void comparator(const ConfigNode& b) {
    if (!r_.expect_map(b)) return;
    require_source(r_, b);
    auto& i = s_.index.comparator;
    LISSIM_COMPARATOR_PARAMETERS(LISSIM_READ_BLOCK_PARAMETER)
    s_.national_path.comparator_population_growth = read_yearly_path(
        r_, b, "population_growth_pct", s_.baseline.base_year, s_.horizon, {-10.0, 10.0, false, false}, 0.01);
    differentials(b, "comparator");
  }

 private:
  // A missing or malformed series still registers its parameters (as zeros) after the error.
  ParameterIndex::Differential differential(const ConfigNode& b, const char* key, const std::string& suffix,
                                            double scale) {
    ParameterIndex::Differential i;
    const ConfigNode* node = r_.required(b, key);
    if (!node || !r_.expect_map(*node)) {
      const ConfigNode empty(ConfigNode::Kind::Map, b.location(), b.path() + "." + key);
#define LISSIM_ZERO_DIFFERENTIAL_PARAMETER(member, ...) i.member = parameter_or_zero(empty);
      LISSIM_DIFFERENTIAL_PARAMETERS(LISSIM_ZERO_DIFFERENTIAL_PARAMETER)
#undef LISSIM_ZERO_DIFFERENTIAL_PARAMETER
      return i;
    }
    require_source(r_, *node);
#define LISSIM_READ_DIFFERENTIAL_PARAMETER(member, key, range, in_series_units, units) \
  i.member = parameter(*node, {in_series_units ? key + suffix : key, Range::range, in_series_units ? scale : 1.0, units});
    LISSIM_DIFFERENTIAL_PARAMETERS(LISSIM_READ_DIFFERENTIAL_PARAMETER)
#undef LISSIM_READ_DIFFERENTIAL_PARAMETER
    return i;
  }

  int parameter_or_zero(const ConfigNode& where) {
    return s_.parameters.add({where.path(), Distribution::fixed(0.0), 1.0, ""});
  }

  models::Matrix cholesky(const ConfigNode& node, Eigen::Index n) {
    models::Matrix identity = models::Matrix::Identity(n, n);
    if (!r_.expect_map(node)) return identity;
    models::Matrix corr = identity;
    if (const ConfigNode* eq = node.get("equicorrelation")) {
      // Positive definite exactly when -1/(n-1) < r < 1.
      const double lower = n > 1 ? -1.0 / static_cast<double>(n - 1) : -1.0;
      const auto rho = r_.number(*eq, {lower, 1.0, true, true});
      if (!rho) return identity;
      corr.setConstant(*rho);
      corr.diagonal().setOnes();
    } else if (const ConfigNode* m = node.get("matrix")) {
      if (!read_matrix(*m, n, corr)) return identity;
    } else {
      r_.error(node, "missing key 'equicorrelation' or 'matrix'");
      return identity;
    }
    Eigen::LLT<models::Matrix> llt(corr);
    if (llt.info() != Eigen::Success) {
      r_.error(node, "the correlation matrix is not positive definite");
      return identity;
    }
    return llt.matrixL();
  }

  bool read_matrix(const ConfigNode& m, Eigen::Index n, models::Matrix& corr) {
    if (!r_.expect_list(m)) return false;
    if (static_cast<Eigen::Index>(m.size()) != n) {
      r_.error(m, "got " + std::to_string(m.size()) + " rows, must have one per sector (" + std::to_string(n) + ")");
      return false;
    }
    bool ok = true;
    for (Eigen::Index i = 0; i < n; ++i) {
      const ConfigNode& row = m.at(static_cast<std::size_t>(i));
      if (!r_.expect_list(row) || static_cast<Eigen::Index>(row.size()) != n) {
        if (row.is_sequence()) r_.error(row, "got " + std::to_string(row.size()) + " columns, must have " + std::to_string(n));
        ok = false;
        continue;
      }
      for (Eigen::Index j = 0; j < n; ++j) {
        const ConfigNode& cell = row.at(static_cast<std::size_t>(j));
        const auto value = r_.number(cell, i == j ? Range{1.0, 1.0, false, false} : Range{-1.0, 1.0, false, false});
        if (value) corr(i, j) = *value; else ok = false;
      }
    }
    for (Eigen::Index i = 0; ok && i < n; ++i)
      for (Eigen::Index j = 0; j < i; ++j)
        if (corr(i, j) != corr(j, i)) {
          r_.error(m.at(static_cast<std::size_t>(i)).at(static_cast<std::size_t>(j)),
                   "the correlation matrix must be symmetric: got " + format_number(corr(i, j)) + " here and " +
                       format_number(corr(j, i)) + " at row " + std::to_string(j + 1) + ", column " +
                       std::to_string(i + 1));
          return false;
        }
    return ok;
  }

  ValueReader& r_;
  Scenario& s_;
};

}  // namespace

void read_calibration(ValueReader& r, const ConfigNode& node, Scenario& scenario) {
  if (!r.expect_map(node)) return;
  CalibrationReader c(r, scenario);
  if (const ConfigNode* b = r.required(node, "national_cycle")) c.cycle(*b);
  if (const ConfigNode* b = r.required(node, "national")) c.national(*b);
  if (const ConfigNode* b = r.required(node, "region")) c.differentials(*b, "region");
  if (const ConfigNode* b = r.required(node, "comparator")) c.comparator(*b);
  if (const ConfigNode* b = r.required(node, "sector_defaults")) c.sectors(*b, node.get("sectors"));
  if (const ConfigNode* b = r.required(node, "correlation")) c.correlation(*b);
  if (const ConfigNode* b = r.required(node, "labour_market")) c.labour(*b);
}

#undef LISSIM_READ_BLOCK_PARAMETER

}  // namespace lissim::sim
