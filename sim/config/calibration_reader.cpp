#include <Eigen/Cholesky>
#include <cmath>
#include <limits>

#include "sim/config/section_readers.h"

namespace lissim::sim {
namespace {

// A model parameter in a calibration block: `scale` converts the file's units to the model's.
struct ParameterField {
  const char* key;
  Range range;
  double scale;
  const char* units;
  // Values beyond +-plausible (file units) would drive the model out of range in the run;
  // checked on the central 99.8% of a distribution, so `validate` refuses what `run` cannot do.
  double plausible = std::numeric_limits<double>::infinity();
};

constexpr double kPercent = 0.01;
constexpr double kPlausibleRate = 50;  // % or pp a year: trends, shocks' sd, elasticities

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
        check_plausible(*node, d, f.plausible);
      }
    }
    const std::string path = block.path() + "." + f.key;
    return s_.parameters.add({name.empty() ? path : name, d, f.scale, f.units});
  }

  void check_plausible(const ConfigNode& node, const Distribution& d, double plausible) {
    if (!std::isfinite(plausible)) return;
    const double lo = d.quantile(0.001), hi = d.quantile(0.999);
    if (std::abs(lo) <= plausible && std::abs(hi) <= plausible) return;
    const std::string value = d.is_fixed() ? "got " + format_number(hi)
                                           : "its central 99.8% spans " + format_number(lo) + " to " + format_number(hi);
    r_.error(node, value + ", implausible: must be within +-" + format_number(plausible) +
                       " (larger values drive the model out of range)");
  }

  void cycle(const ConfigNode& b) {
    if (!r_.expect_map(b)) return;
    require_source(r_, b);
    auto& i = s_.index.cycle;
    i.persistence = parameter(b, {"persistence", Range::unit_open_upper(), 1.0, "1"});
    i.sd = parameter(b, {"sd_pct", Range::non_negative(), kPercent, "pp", kPlausibleRate});
    i.recession_probability = parameter(b, {"recession_probability", Range::unit(), 1.0, "1"});
    i.depth_median = parameter(b, {"recession_depth_median_pct", Range::positive(), kPercent, "pp", 100.0});
    i.depth_sd_log = parameter(b, {"recession_depth_sd_log", Range::non_negative(), 1.0, "1"});
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
    const ParameterField fields[] = {
        {"jobs_trend_pct", Range::any(), kPercent, "% a year", kPlausibleRate},
        {"jobs_cycle_elasticity", Range::any(), 1.0, "1", kPlausibleRate},
        {"jobs_sd_pct", Range::non_negative(), kPercent, "pp", kPlausibleRate},
        {"productivity_trend_pct", Range::any(), kPercent, "% a year", kPlausibleRate},
        {"productivity_cycle_elasticity", Range::any(), 1.0, "1", kPlausibleRate},
        {"productivity_sd_pct", Range::non_negative(), kPercent, "pp", kPlausibleRate},
        {"better_jobs_trend_pp", {-10.0, 10.0, false, false}, kPercent, "pp a year"},
        {"better_jobs_sd_pp", {0.0, 10.0, false, false}, kPercent, "pp"},
    };
    std::vector<int>* slots[] = {&s_.index.sectors.jobs_trend, &s_.index.sectors.jobs_cycle_elasticity,
                                 &s_.index.sectors.jobs_sd, &s_.index.sectors.productivity_trend,
                                 &s_.index.sectors.productivity_cycle_elasticity, &s_.index.sectors.productivity_sd,
                                 &s_.index.sectors.better_jobs_trend, &s_.index.sectors.better_jobs_sd};
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
    i.resident_share_of_job_growth = parameter(b, {"resident_share_of_job_growth", Range::unit(), 1.0, "1"});
    i.inactive_share_of_new_employment = parameter(b, {"inactive_share_of_new_employment", Range::unit_open(), 1.0, "1"});
    i.activity_trend = parameter(b, {"activity_trend_pp", {-5.0, 5.0, false, false}, kPercent, "pp a year"});
    i.activity_sd = parameter(b, {"activity_sd_pp", {0.0, 10.0, false, false}, kPercent, "pp"});
    i.residents_in_work_sd = parameter(b, {"residents_in_work_sd_pct", {0.0, 20.0, false, false}, kPercent, "pp"});
    i.min_unemployment = parameter(b, {"min_unemployment_pct", {0.0, 50.0, false, false}, kPercent, "%"});
    i.migration_response = parameter(b, {"migration_response", Range::non_negative(), 1.0, "1", 10.0});
    i.reference_jobs_growth = parameter(b, {"reference_jobs_growth_pct", Range::any(), kPercent, "% a year", kPlausibleRate});
    i.population_sd = parameter(b, {"population_sd_pct", {0.0, 20.0, false, false}, kPercent, "pp"});
  }

  void comparator(const ConfigNode& b) {
    if (!r_.expect_map(b)) return;
    auto& i = s_.index.comparator;
    i.employment_rate = series(b, "employment_rate", "trend_pp", "sd_pp", kPercent);
    i.activity_rate = series(b, "activity_rate", "trend_pp", "sd_pp", kPercent);
    i.private_density = series(b, "private_density", "trend", "sd", 1.0);
    i.log_gva_per_hour = series(b, "gva_per_hour", "trend_pct", "sd_pct", kPercent);
  }

 private:
  ParameterIndex::ComparatorSeries series(const ConfigNode& b, const char* key, const char* trend,
                                          const char* sd, double scale) {
    const ConfigNode* node = r_.required(b, key);
    if (!node || !r_.expect_map(*node)) {
      const ConfigNode empty(ConfigNode::Kind::Map, b.location(), b.path() + "." + key);
      return {parameter_or_zero(empty), parameter_or_zero(empty), parameter_or_zero(empty)};
    }
    require_source(r_, *node);
    // In the file's units (pp, % or jobs per resident): the plausible bound scales with them.
    const double plausible = scale == kPercent ? kPlausibleRate : kPlausibleRate * kPercent;
    return {parameter(*node, {trend, Range::any(), scale, "a year", plausible}),
            parameter(*node, {"cycle_elasticity", Range::any(), 1.0, "1", kPlausibleRate}),
            parameter(*node, {sd, Range::non_negative(), scale, "a year", plausible})};
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
  if (const ConfigNode* b = r.required(node, "sector_defaults")) c.sectors(*b, node.get("sectors"));
  if (const ConfigNode* b = r.required(node, "correlation")) c.correlation(*b);
  if (const ConfigNode* b = r.required(node, "labour_market")) c.labour(*b);
  if (const ConfigNode* b = r.required(node, "comparator")) c.comparator(*b);
}

}  // namespace lissim::sim
