#pragma once
// National structural-change trends of the sectors (MODEL.md 2.1, docs/regions.md): the trend of
// each sector's share of UK output, from the panel's chained-volume GVA by industry, over the
// years up to the base year only. The panel has output by industry but no jobs by industry
// before 2015, so it identifies the output share's trend, which is the sum of the jobs share's
// trend and the relative productivity's trend: the calibration takes the split from a marked
// estimate of the jobs share's trend.
#include <string>
#include <vector>

#include "sim/region/region_builder.h"

namespace lissim::sim {

// Years of the fit: the base year and the ten before it (as the national central path).
inline constexpr int kShareTrendWindow = 10;
// Fewer years than this in the window: no fit (the sector keeps its marked estimate).
inline constexpr int kShareTrendMinYears = 5;

struct ShareTrend {
  bool fitted = false;
  double pct = 0;     // 100 x OLS slope of ln(part / total) on the year, % a year
  double se_pct = 0;  // its OLS standard error (annual errors taken as independent)
  int first = 0, last = 0, years = 0;
};

// The trend of ln(part / total) over the years in [base_year - window, base_year] where both
// are positive; years after the base year are never read.
ShareTrend fit_share_trend(const std::vector<int>& years, const std::vector<double>& part,
                           const std::vector<double>& total, int base_year, int window = kShareTrendWindow);

// Each sector's UK output share trend, in the order of built.sectors, from the history's UK
// chained-volume GVA of the sector's industries and of all industries.
std::vector<ShareTrend> uk_output_share_trends(const BuiltRegion& built);

}  // namespace lissim::sim
