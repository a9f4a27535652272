#include "models/targets.h"

#include <array>
#include <cmath>
#include <utility>

namespace lissim::models {
namespace {

constexpr std::array<std::pair<TargetRule, std::string_view>, 4> kRuleNames{{
    {TargetRule::at_least, "at_least"},
    {TargetRule::at_most, "at_most"},
    {TargetRule::reduce_by, "reduce_by"},
    {TargetRule::share_of_growth_at_least, "share_of_growth_at_least"},
}};

const DrawArray& value(const IndicatorValues& values, Indicator i) {
  return values[static_cast<std::size_t>(i)];
}

}  // namespace

std::string_view rule_name(TargetRule rule) {
  for (const auto& [r, name] : kRuleNames)
    if (r == rule) return name;
  return "?";
}

std::string_view noise_name(MeasurementNoise noise) {
  switch (noise) {
    case MeasurementNoise::additive:
      return "additive";
    case MeasurementNoise::relative:
      return "relative";
    case MeasurementNoise::none:
      break;
  }
  return "none";
}

bool parse_rule(std::string_view name, TargetRule& rule) {
  for (const auto& [r, n] : kRuleNames) {
    if (n == name) {
      rule = r;
      return true;
    }
  }
  return false;
}

namespace {

// The rule on given values of the indicator now and at the base year (not share of growth).
MetArray rule_met(const Target& target, const DrawArray& x, const DrawArray& x_base) {
  switch (target.rule) {
    case TargetRule::at_least:
      return x >= target.threshold;
    case TargetRule::at_most:
      return x <= target.threshold;
    case TargetRule::reduce_by:
      return x <= (1.0 - target.threshold) * x_base;
    case TargetRule::share_of_growth_at_least:
      break;
  }
  return MetArray::Constant(x.size(), false);
}

// 100 numerator growth / denominator growth >= threshold, with denominator growth > 0.
MetArray share_met(const Target& target, const DrawArray& numerator_growth, const DrawArray& growth) {
  return (growth > 0.0) && (100.0 * numerator_growth / growth >= target.threshold);
}

}  // namespace

MetArray target_met(const Target& target, const IndicatorValues& now, const IndicatorValues& base) {
  if (target.rule == TargetRule::share_of_growth_at_least)
    return share_met(target, value(now, target.numerator) - value(base, target.numerator),
                     value(now, target.denominator) - value(base, target.denominator));
  return rule_met(target, value(now, target.indicator), value(base, target.indicator));
}

MeasurementNoiseState start_measurement(const PublishedSeries& p, const DrawArray& z_base) {
  MeasurementNoiseState s;
  s.base = p.noise_sd * z_base;
  s.now = s.base;
  s.drift = DrawArray::Zero(z_base.size());
  return s;
}

void advance_measurement(const PublishedSeries& p, const DrawArray& z, const DrawArray& z_drift,
                         MeasurementNoiseState& state) {
  const double a = p.autocorrelation;
  state.now = a * state.now + std::sqrt(1.0 - a * a) * p.noise_sd * z;
  state.drift += p.drift_sd * z_drift;
}

TargetJudgement judge_target(const Target& target, const IndicatorValues& now, const IndicatorValues& base,
                             const MeasurementNoiseState& n) {
  const PublishedSeries& p = target.published;
  if (p.noise == MeasurementNoise::none) {
    const MetArray met = target_met(target, now, base);
    return {met, met};
  }
  if (target.rule == TargetRule::share_of_growth_at_least) {
    // n is in pp of the numerator's share b = N / D: true N = N - n(t0) D / 100.
    const DrawArray& d = value(now, target.denominator);
    const DrawArray growth = d - value(base, target.denominator);
    const DrawArray numerator_growth = value(now, target.numerator) - value(base, target.numerator);
    const DrawArray true_growth = numerator_growth - n.base * growth / 100.0;
    const DrawArray published_growth = numerator_growth + (n.now - n.base) * d / 100.0;
    return {share_met(target, true_growth, growth), share_met(target, published_growth, growth)};
  }
  const DrawArray& x = value(now, target.indicator);
  const DrawArray& x_base = value(base, target.indicator);
  if (p.noise == MeasurementNoise::additive)
    return {rule_met(target, x - n.base, x_base - n.base), rule_met(target, x + n.now - n.base, x_base)};
  // Relative: the indicator is the jobs level or its change since the base year, on the published
  // series' own measure k(t) x filled jobs (k(t) = k(t0) exp(drift)), true and published alike.
  const DrawArray& level = value(now, Indicator::jobs);
  const DrawArray measure_base = p.base_ratio * value(base, Indicator::jobs);
  const DrawArray measure = p.base_ratio * exp_each(n.drift) * level;
  const DrawArray shift = exp_each(-n.base);
  const DrawArray published = measure * exp_each(n.now - n.base);
  if (target.indicator == Indicator::jobs)
    return {rule_met(target, measure * shift, measure_base * shift), rule_met(target, published, measure_base)};
  const DrawArray zero = DrawArray::Zero(x.size());
  return {rule_met(target, (measure - measure_base) * shift, zero), rule_met(target, published - measure_base, zero)};
}

}  // namespace lissim::models
