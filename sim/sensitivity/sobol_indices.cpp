#include "sim/sensitivity/sobol_indices.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <utility>

#include "sim/errors.h"
#include "sim/random/philox_stream.h"
#include "sim/util/sample_stats.h"

namespace lissim::sim {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// The point estimates on a given list of rows (the sample itself or a bootstrap resample).
struct PointEstimates {
  double mean = kNan;
  double variance = kNan;
  std::vector<double> first_order, total;
};

PointEstimates estimate(const SaltelliOutputs& f, const std::vector<std::size_t>& rows) {
  const std::size_t groups = f.ab.size();
  const auto n = static_cast<double>(rows.size());
  PointEstimates e;
  double sum = 0.0;
  for (const std::size_t r : rows) sum += f.a[r] + f.b[r];
  e.mean = sum / (2.0 * n);
  double squares = 0.0;
  for (const std::size_t r : rows) {
    const double da = f.a[r] - e.mean, db = f.b[r] - e.mean;
    squares += da * da + db * db;
  }
  e.variance = squares / (2.0 * n);
  e.first_order.assign(groups, kNan);
  e.total.assign(groups, kNan);
  if (!(e.variance > 0.0)) return e;
  for (std::size_t g = 0; g < groups; ++g) {
    const std::vector<double>& ab = f.ab[g];
    double first = 0.0, total = 0.0;
    for (const std::size_t r : rows) {
      const double change = ab[r] - f.a[r];
      first += (f.b[r] - e.mean) * change;
      total += change * change;
    }
    e.first_order[g] = first / n / e.variance;
    e.total[g] = total / (2.0 * n) / e.variance;
  }
  return e;
}

bool row_is_finite(const SaltelliOutputs& f, std::size_t r) {
  if (!std::isfinite(f.a[r]) || !std::isfinite(f.b[r])) return false;
  for (const auto& ab : f.ab)
    if (!std::isfinite(ab[r])) return false;
  return true;
}

std::string format_estimate(double value, const IndexEstimate& e) {
  std::ostringstream text;
  text.precision(3);
  text << value << " [" << e.low << ", " << e.high << "]";
  return text.str();
}

void check_sizes(const SaltelliOutputs& f, const std::vector<std::string>& names) {
  const std::size_t n = f.a.size();
  if (f.b.size() != n)
    throw InputError("Sobol indices: f(A) has " + std::to_string(n) + " rows but f(B) has " +
                     std::to_string(f.b.size()));
  if (f.ab.size() != names.size())
    throw InputError("Sobol indices: " + std::to_string(f.ab.size()) + " AB matrices but " +
                     std::to_string(names.size()) + " factor names");
  for (std::size_t g = 0; g < f.ab.size(); ++g)
    if (f.ab[g].size() != n)
      throw InputError("Sobol indices: f(AB) of '" + names[g] + "' has " + std::to_string(f.ab[g].size()) +
                       " rows, f(A) has " + std::to_string(n));
}

}  // namespace

SaltelliOutputs split_outputs(const SaltelliDesign& design, std::span<const double> outputs) {
  if (outputs.size() != design.evaluations())
    throw InputError("Sobol indices: got " + std::to_string(outputs.size()) + " outputs, but the design has " +
                     std::to_string(design.evaluations()) + " evaluations");
  const std::size_t n = design.base_samples();
  SaltelliOutputs f;
  f.a.assign(outputs.begin(), outputs.begin() + static_cast<std::ptrdiff_t>(n));
  f.b.assign(outputs.begin() + static_cast<std::ptrdiff_t>(n), outputs.begin() + static_cast<std::ptrdiff_t>(2 * n));
  for (std::size_t g = 0; g < design.group_count(); ++g) {
    const auto start = outputs.begin() + static_cast<std::ptrdiff_t>((2 + g) * n);
    f.ab.emplace_back(start, start + static_cast<std::ptrdiff_t>(n));
  }
  return f;
}

SobolIndices estimate_sobol_indices(const SaltelliOutputs& outputs, const std::vector<std::string>& names,
                                    const BootstrapOptions& options) {
  check_sizes(outputs, names);
  if (options.resamples == 1)
    throw InputError("Sobol indices: bootstrap resamples is 1, but must be 0 (no intervals) or at least 2");
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw InputError("Sobol indices: confidence is " + std::to_string(options.confidence) + ", but must be in (0, 1)");
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < outputs.a.size(); ++r)
    if (row_is_finite(outputs, r)) rows.push_back(r);
  if (rows.size() < 2)
    throw InputError("Sobol indices: only " + std::to_string(rows.size()) + " of " +
                     std::to_string(outputs.a.size()) + " rows have finite outputs; need at least 2");
  if (rows.size() > (std::size_t{1} << 32))
    throw InputError("Sobol indices: more than 2^32 rows are not supported by the bootstrap");

  SobolIndices result;
  result.rows_used = rows.size();
  result.rows_dropped = outputs.a.size() - rows.size();
  result.resamples = options.resamples;
  result.confidence = options.confidence;
  const PointEstimates point = estimate(outputs, rows);
  result.mean = point.mean;
  result.variance = point.variance;
  if (!(point.variance > 0.0))
    throw InputError("Sobol indices: the output is the same on every row (variance 0); there is nothing to apportion");

  // Bootstrap: resample b takes rows[floor(u(b, 0, i) * n)] for i in [0, n).
  const std::size_t groups = names.size();
  std::vector<std::vector<double>> first_draws(groups), total_draws(groups);
  const PhiloxStream stream(options.seed, "sensitivity.sobol_bootstrap");
  std::vector<double> uniforms(rows.size());
  std::vector<std::size_t> resample(rows.size());
  for (std::size_t b = 0; b < options.resamples; ++b) {
    stream.uniforms(b, 0, uniforms.data(), uniforms.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      resample[i] = rows[static_cast<std::size_t>(uniforms[i] * static_cast<double>(rows.size()))];
    const PointEstimates e = estimate(outputs, resample);
    for (std::size_t g = 0; g < groups; ++g) {
      first_draws[g].push_back(e.first_order[g]);
      total_draws[g].push_back(e.total[g]);
    }
  }

  const double tail = (1.0 - options.confidence) / 2.0;
  const auto interval = [&](double value, const std::vector<double>& draws) {
    IndexEstimate e;
    e.value = value;
    const std::vector<double> sorted = defined_sorted(draws);
    e.low = sorted.empty() ? kNan : sorted_quantile(sorted, tail);
    e.high = sorted.empty() ? kNan : sorted_quantile(sorted, 1.0 - tail);
    e.negative_beyond_interval = e.high < 0.0;
    return e;
  };
  const std::string level = std::to_string(static_cast<int>(std::lround(options.confidence * 100))) + "%";
  if (result.rows_dropped > 0)
    result.warnings.push_back(std::to_string(result.rows_dropped) + " of " + std::to_string(outputs.a.size()) +
                              " rows have a non-finite output and were dropped");
  for (std::size_t g = 0; g < groups; ++g) {
    FactorIndices factor{names[g], interval(point.first_order[g], first_draws[g]),
                         interval(point.total[g], total_draws[g])};
    for (const auto& [label, e] : {std::pair{"first-order", factor.first_order}, std::pair{"total", factor.total}})
      if (e.negative_beyond_interval)
        result.warnings.push_back(std::string(label) + " index of '" + names[g] + "' is " + format_estimate(e.value, e) +
                                  ", negative beyond its " + level +
                                  " interval: increase the base samples, or the output's variance may be unbounded");
    result.factors.push_back(std::move(factor));
  }
  return result;
}

SobolIndices estimate_sobol_indices(const SaltelliDesign& design, std::span<const double> outputs,
                                    const BootstrapOptions& options) {
  std::vector<std::string> names;
  for (const auto& group : design.groups()) names.push_back(group.name);
  return estimate_sobol_indices(split_outputs(design, outputs), names, options);
}

}  // namespace lissim::sim
