#include "models/targets.h"

#include <array>
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

bool parse_rule(std::string_view name, TargetRule& rule) {
  for (const auto& [r, n] : kRuleNames) {
    if (n == name) {
      rule = r;
      return true;
    }
  }
  return false;
}

MetArray target_met(const Target& target, const IndicatorValues& now, const IndicatorValues& base) {
  const DrawArray& x = value(now, target.indicator);
  switch (target.rule) {
    case TargetRule::at_least:
      return x >= target.threshold;
    case TargetRule::at_most:
      return x <= target.threshold;
    case TargetRule::reduce_by:
      return x <= (1.0 - target.threshold) * value(base, target.indicator);
    case TargetRule::share_of_growth_at_least: {
      const DrawArray growth = value(now, target.denominator) - value(base, target.denominator);
      const DrawArray numerator_growth = value(now, target.numerator) - value(base, target.numerator);
      const DrawArray share = 100.0 * numerator_growth / growth;
      return (growth > 0.0) && (share >= target.threshold);
    }
  }
  return MetArray::Constant(x.size(), false);
}

}  // namespace lissim::models
