#include "models/indicators.h"

namespace lissim::models {
namespace {

constexpr std::array<IndicatorInfo, kIndicatorCount> kIndicators{{
    {"jobs", "persons", "Workplace-based jobs in the region"},
    {"jobs_change", "persons", "Jobs change since the base year"},
    {"employment_rate", "%", "Residents aged 16-64 in employment, % of the working-age population"},
    {"activity_rate", "%", "Economically active residents aged 16-64, % of the working-age population"},
    {"private_density", "jobs per working-age resident", "Private-sector jobs per resident aged 16-64"},
    {"gva_per_hour", "GBP per hour (base-year prices)", "Real GVA per hour worked"},
    {"better_jobs", "persons", "Jobs in SOC major groups 1-3 ('better jobs')"},
    {"better_jobs_share_of_growth", "%",
     "Better jobs created as % of net jobs created since the base year (undefined where net growth <= 0)"},
    {"working_age_population", "persons", "Residents aged 16-64"},
    {"gva", "GBP m (base-year prices)", "Real gross value added"},
    {"comparator_employment_rate", "%", "Comparator employment rate, 16-64"},
    {"comparator_activity_rate", "%", "Comparator economic-activity rate, 16-64"},
    {"comparator_private_density", "jobs per working-age resident", "Comparator private-sector employment density"},
    {"comparator_gva_per_hour", "GBP per hour (base-year prices)", "Comparator real GVA per hour worked"},
    {"employment_rate_gap", "pp", "Comparator minus region employment rate"},
    {"activity_rate_gap", "pp", "Comparator minus region economic-activity rate"},
    {"private_density_gap", "jobs per working-age resident", "Comparator minus region private-sector density"},
    {"productivity_gap", "% of comparator GVA per hour", "Relative GVA-per-hour gap, 100 (1 - Q / Q*)"},
}};

}  // namespace

const IndicatorInfo& indicator_info(Indicator indicator) {
  return kIndicators[static_cast<std::size_t>(indicator)];
}

int find_indicator(std::string_view name) {
  for (int i = 0; i < kIndicatorCount; ++i)
    if (kIndicators[static_cast<std::size_t>(i)].name == name) return i;
  return -1;
}

}  // namespace lissim::models
