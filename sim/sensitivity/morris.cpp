#include "sim/sensitivity/morris.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/errors.h"
#include "sim/random/philox_stream.h"

namespace lissim::sim {
namespace {

// Philox "year" slots of the design's random choices, per trajectory (the Philox draw).
constexpr std::uint32_t kStartLevel = 0, kDirection = 1, kOrder = 2;

std::size_t uniform_index(double u, std::size_t n) {
  // u is in (0, 1), never 1, so the index is below n.
  return static_cast<std::size_t>(u * static_cast<double>(n));
}

}  // namespace

MorrisDesign::MorrisDesign(std::size_t factors, const MorrisOptions& options)
    : factors_(factors), trajectories_(options.trajectories), levels_(options.levels), delta_(0.0) {
  if (factors == 0) throw InputError("Morris design: no factors; there is nothing to screen");
  if (trajectories_ < 2)
    throw InputError("Morris design: trajectories is " + std::to_string(trajectories_) +
                     ", but must be at least 2 (sigma needs two effects per factor)");
  if (levels_ < 2 || levels_ % 2 != 0)
    throw InputError("Morris design: levels is " + std::to_string(levels_) +
                     ", but must be even and at least 2 (Delta = p / (2 (p - 1)) is then a whole number of levels)");
  if (factors_ > std::numeric_limits<std::uint32_t>::max())
    throw InputError("Morris design: more than 2^32 factors");
  const auto p = static_cast<double>(levels_);
  delta_ = p / (2.0 * (p - 1.0));
  const PhiloxStream stream(options.seed, "sensitivity.morris");
  start_.resize(trajectories_ * factors_);
  order_.resize(trajectories_ * factors_);
  direction_.resize(trajectories_ * factors_);
  const std::size_t base_levels = levels_ / 2;  // l / (p - 1) for l in [0, p/2 - 1]: l/(p-1) + Delta <= 1
  for (std::size_t t = 0; t < trajectories_; ++t) {
    const std::size_t at = t * factors_;
    for (std::size_t i = 0; i < factors_; ++i) {
      const auto index = static_cast<std::uint32_t>(i);
      const double level = static_cast<double>(uniform_index(stream.uniform(t, kStartLevel, index), base_levels));
      const bool up = stream.uniform(t, kDirection, index) < 0.5;
      direction_[at + i] = up ? 1.0 : -1.0;
      // A factor stepping down starts Delta higher, so both of its points lie on the grid.
      start_[at + i] = level / (p - 1.0) + (up ? 0.0 : delta_);
      order_[at + i] = i;
    }
    // Fisher-Yates shuffle of the order in which factors move.
    for (std::size_t j = factors_; j > 1; --j) {
      const std::size_t pick = uniform_index(stream.uniform(t, kOrder, static_cast<std::uint32_t>(j - 1)), j);
      std::swap(order_[at + j - 1], order_[at + pick]);
    }
  }
}

void MorrisDesign::point(std::size_t trajectory, std::size_t step, std::span<double> out) const {
  if (trajectory >= trajectories_ || step > factors_) throw std::out_of_range("Morris point is outside the design");
  if (out.size() < factors_) throw std::invalid_argument("Morris point buffer is smaller than the factor count");
  const std::size_t at = trajectory * factors_;
  for (std::size_t i = 0; i < factors_; ++i) out[i] = start_[at + i];
  for (std::size_t j = 0; j < step; ++j) {
    const std::size_t i = order_[at + j];
    out[i] = start_[at + i] + direction_[at + i] * delta_;
  }
}

void MorrisDesign::point(std::uint64_t evaluation, std::span<double> out) const {
  point(static_cast<std::size_t>(evaluation / (factors_ + 1)), static_cast<std::size_t>(evaluation % (factors_ + 1)),
        out);
}

std::size_t MorrisDesign::factor_moved(std::size_t trajectory, std::size_t step) const {
  if (trajectory >= trajectories_ || step == 0 || step > factors_)
    throw std::out_of_range("Morris step is outside the design");
  return order_[trajectory * factors_ + step - 1];
}

double MorrisDesign::move(std::size_t trajectory, std::size_t step) const {
  return direction_[trajectory * factors_ + factor_moved(trajectory, step)] * delta_;
}

std::vector<MorrisFactor> morris_effects(const MorrisDesign& design, std::span<const double> outputs,
                                         const std::vector<std::string>& names) {
  const std::size_t k = design.factors();
  if (names.size() != k)
    throw InputError("Morris effects: " + std::to_string(names.size()) + " names for " + std::to_string(k) +
                     " factors");
  if (outputs.size() != design.evaluations())
    throw InputError("Morris effects: got " + std::to_string(outputs.size()) + " outputs, but the design has " +
                     std::to_string(design.evaluations()) + " points");
  std::vector<std::vector<double>> effects(k);
  for (std::size_t t = 0; t < design.trajectories(); ++t) {
    const std::size_t at = t * (k + 1);
    for (std::size_t step = 1; step <= k; ++step) {
      const double before = outputs[at + step - 1], after = outputs[at + step];
      if (!std::isfinite(before) || !std::isfinite(after)) continue;
      effects[design.factor_moved(t, step)].push_back((after - before) / design.move(t, step));
    }
  }
  std::vector<MorrisFactor> result;
  for (std::size_t i = 0; i < k; ++i) {
    MorrisFactor factor{names[i], std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                        std::numeric_limits<double>::quiet_NaN(), effects[i].size()};
    const auto n = static_cast<double>(effects[i].size());
    if (!effects[i].empty()) {
      double sum = 0.0, sum_abs = 0.0;
      for (const double e : effects[i]) {
        sum += e;
        sum_abs += std::fabs(e);
      }
      factor.mu = sum / n;
      factor.mu_star = sum_abs / n;
      if (effects[i].size() >= 2) {
        double squares = 0.0;
        for (const double e : effects[i]) squares += (e - factor.mu) * (e - factor.mu);
        factor.sigma = std::sqrt(squares / (n - 1.0));
      }
    }
    result.push_back(std::move(factor));
  }
  return result;
}

std::vector<double> evaluate_design(const MorrisDesign& design,
                                    const std::function<double(std::span<const double>)>& model) {
  std::vector<double> outputs(design.evaluations());
  std::vector<double> x(design.factors());
  for (std::uint64_t e = 0; e < design.evaluations(); ++e) {
    design.point(e, x);
    outputs[e] = model(x);
  }
  return outputs;
}

}  // namespace lissim::sim
