#pragma once
// SEP targets as data (docs/model.md section 10): a rule on an indicator, judged per draw.
#include <string>
#include <string_view>

#include "models/indicators.h"

namespace lissim::models {

enum class TargetRule {
  at_least,                  // X(t) >= threshold
  at_most,                   // X(t) <= threshold
  reduce_by,                 // X(t) <= (1 - threshold) X(base)
  share_of_growth_at_least,  // 100 (N(t) - N(base)) / (D(t) - D(base)) >= threshold, D(t) - D(base) > 0
};

std::string_view rule_name(TargetRule rule);
// Parses a rule name; false if unknown.
bool parse_rule(std::string_view name, TargetRule& rule);

struct Target {
  std::string id;
  std::string description;
  Indicator indicator = Indicator::jobs;
  TargetRule rule = TargetRule::at_least;
  double threshold = 0;                     // in the indicator's units (a fraction for reduce_by)
  Indicator numerator = Indicator::better_jobs;  // share_of_growth_at_least only
  Indicator denominator = Indicator::jobs;       // share_of_growth_at_least only
};

using MetArray = Eigen::Array<bool, Eigen::Dynamic, 1>;

// Whether each draw meets the target in the year of `now`, given the base-year values.
MetArray target_met(const Target& target, const IndicatorValues& now, const IndicatorValues& base);

}  // namespace lissim::models
