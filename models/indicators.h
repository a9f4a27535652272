#pragma once
// The indicators reported per draw and year (docs/results.md, "Indicators"), in output units.
#include <array>
#include <string_view>

#include "models/arrays.h"

namespace lissim::models {

enum class Indicator : int {
  jobs,
  jobs_change,
  employment_rate,
  activity_rate,
  private_density,
  gva_per_hour,
  better_jobs,
  better_jobs_share_of_growth,
  working_age_population,
  gva,
  comparator_employment_rate,
  comparator_activity_rate,
  comparator_private_density,
  comparator_gva_per_hour,
  employment_rate_gap,
  activity_rate_gap,
  private_density_gap,
  productivity_gap,
};
inline constexpr int kIndicatorCount = 18;

struct IndicatorInfo {
  std::string_view name;
  std::string_view units;
  std::string_view description;
};

const IndicatorInfo& indicator_info(Indicator indicator);
// The indicator with this name, or -1.
int find_indicator(std::string_view name);

// One array over draws per indicator, indexed by static_cast<int>(Indicator).
using IndicatorValues = std::array<DrawArray, kIndicatorCount>;

}  // namespace lissim::models
