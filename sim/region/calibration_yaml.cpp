// calibration.yaml as `lissim build-region` writes it (docs/regions.md, "The calibration and
// targets it writes"): estimates from the panel calibration, marked priors for the rest.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/errors.h"
#include "sim/random/normal.h"
#include "sim/region/sector_trends.h"
#include "sim/region/seed_files.h"
#include "sim/util/yaml_text.h"

namespace lissim::sim {
namespace {

const SeriesCalibration& series(const std::vector<SeriesCalibration>& all, PanelSeries which) {
  for (const auto& s : all)
    if (s.series == which) return s;
  throw ModelError(std::string("build-region: the panel calibration has no ") + series_name(which) + " series");
}

const HistorySeries& history(const BuiltRegion& b, const std::string& id) {
  for (const auto& h : b.history)
    if (h.id == id && h.sector.empty()) return h;
  throw ModelError("build-region: the built region has no " + id + " history");
}

// The UK's mean growth, % a year, over the ten years to the base year (or the years the panel has).
struct UkGrowth {
  double pct = 0;
  int first = 0, last = 0;
};

UkGrowth uk_growth(const HistorySeries& h, int base_year) {
  UkGrowth g;
  g.last = base_year;
  g.first = std::max(h.years.front(), base_year - 10);
  const auto at = [&](int year) {
    const auto i = std::find(h.years.begin(), h.years.end(), year) - h.years.begin();
    if (i == static_cast<long>(h.years.size()))
      throw InputError("build-region: the panel's UK " + h.id + " has no value for " + std::to_string(year));
    return h.uk[static_cast<std::size_t>(i)];
  };
  if (g.first >= g.last)
    throw InputError("build-region: the panel's UK " + h.id + " has no year before the base year " +
                     std::to_string(base_year) + " to take the national central path from");
  g.pct = 100 * std::log(at(g.last) / at(g.first)) / (g.last - g.first);
  return g;
}

// A differential block (docs/model.md, "Regional differential") from the panel's estimates.
void differential(std::ostringstream& out, const std::string& indent, const char* key, const SeriesCalibration& c,
                  double z, bool drawn_sigma, const std::string& who) {
  const double sigma = 100 * c.sigma.value;
  const double sigma_sd = 100 * (c.sigma.high - c.sigma.low) / (2 * z);
  out << indent << key << ":\n";
  if (drawn_sigma)
    out << indent << "  sigma_pct: {dist: normal, mean: " << number("%.3g", sigma) << ", sd: " << number("%.2g", sigma_sd)
        << ", lower: 0}\n";
  else
    out << indent << "  sigma_pct: " << number("%.3g", sigma) << "\n";
  out << indent << "  tau_pct: " << number("%.3g", 100 * c.priors.tau.value) << "\n"
      << indent << "  kappa: " << number("%.3g", c.priors.kappa.value) << "\n"
      << indent << "  past_growth_pct: " << number("%.3g", 100 * c.past_growth) << "\n"
      << indent << "  transitory_rho: " << number("%.3g", c.priors.transitory_rho.value) << "\n"
      << indent << "  transitory_sd_pct: " << number("%.3g", 100 * c.priors.transitory_sd.value) << "\n"
      << indent << "  cycle_sensitivity: 0\n";
  const std::string pool = c.pool_level == "own" ? "its own series" : std::to_string(c.pool_codes.size()) + " " +
                                                                           c.pool_level + " regions";
  out << folded(indent + "  ", "source",
                "sigma_pct: D, lissim calibrate estimate for " + who + " (" + series_name(c.series) +
                    " relative to the UK, " + pool + ", " + std::to_string(c.window_first) + "-" +
                    std::to_string(c.window_last) + ": sigma " + number("%.4f", c.sigma.value) + ", 90% interval [" +
                    number("%.4f", c.sigma.low) + ", " + number("%.4f", c.sigma.high) + "]" +
                    (drawn_sigma ? ") drawn as a normal whose 90% interval is that interval" : ")") +
                    ". past_growth_pct: D, " + number("%.3g", 100 * c.past_growth) + "% a year over the window (se " +
                    number("%.2g", 100 * c.past_growth_se) + "). tau_pct, kappa, transitory_rho, transitory_sd_pct: "
                    "marked priors (E, MODEL.md 7: not identified by the panel; tau range " +
                    number("%.2g", 100 * c.priors.tau.low) + "-" + number("%.2g", 100 * c.priors.tau.high) +
                    " pp a year, kappa " + number("%.2g", c.priors.kappa.low) + "-" +
                    number("%.2g", c.priors.kappa.high) + "), set before any backtest. cycle_sensitivity: E, 0, "
                    "MODEL.md 2.2's default.");
}

// The comparator's correlation with the region's differential: s sigma_r / sigma_c (the
// comparator contains the region, with share s of its jobs); 0 when it does not contain it.
double correlation(const RegionCalibration& r, PanelSeries which) {
  if (!r.region_in_comparator) return 0;
  const double sigma_c = series(r.comparator_series, which).sigma.value;
  if (sigma_c <= 0) return 0;
  return std::min(0.9, r.region_share_of_comparator_jobs * series(r.region_series, which).sigma.value / sigma_c);
}

// MODEL.md 2.1: each sector's UK output share trend (D) is its jobs share's trend plus its
// relative productivity's; with the jobs share's at its marked default (mean 0), the relative
// productivity trend takes the fitted output share trend.
void sector_trends(std::ostringstream& out, const BuiltRegion& b) {
  const std::vector<ShareTrend> trends = uk_output_share_trends(b);
  std::string blocks;
  for (std::size_t s = 0; s < b.sectors.size(); ++s) {
    const ShareTrend& t = trends[s];
    if (!t.fitted) continue;
    blocks += "  " + b.sectors[s].id + ":\n    relative_productivity_trend_pct: {dist: normal, mean: " +
              number("%.2f", t.pct) + ", sd: 0.5}\n" +
              folded("    ", "source",
                     "D - E: the trend of the sector's share of UK chained-volume GVA (its industries over all "
                     "industries, panel GVA by industry, " + std::to_string(t.first) + "-" + std::to_string(t.last) +
                         ", OLS slope of the log share " + number("%.2f", t.pct) + "% a year, se " +
                         number("%.2f", t.se_pct) + ") less the jobs share's trend (E, sector_defaults, mean 0); "
                         "sd 0.5 (E): whether the past trend persists and how it splits between jobs and "
                         "productivity.");
  }
  if (!blocks.empty()) out << "\nsectors:\n" << blocks;
}

// What the panel does not identify: the North East default's marked priors (seeds/north_east/
// calibration.yaml gives their reasoning), the same for any region until its user replaces them.
constexpr const char* kPriorBlocks = R"(national_cycle:
  persistence: {dist: pert, min: 0.5, mode: 0.7, max: 0.85}
  sd_pct: {dist: normal, mean: 0.8, sd: 0.15, lower: 0.3}
  recession_probability: {dist: beta, mean: 0.1, sd: 0.04}
  recession_depth_median_pct: {dist: lognormal, median: 3.5, sd_log: 0.2}
  recession_depth_sd_log: {dist: uniform, min: 0.4, max: 0.7}
  source: >-
    All E, the North East default's priors for the UK output level gap (seeds/north_east/calibration.yaml
    gives their reasoning): persistence of estimated UK output gaps, non-recession innovations,
    six or seven years of falling UK GDP in 1955-2014, recession depths of about 3-4 pp (2009: 6).
)";

constexpr const char* kNationalPriors = R"(  jobs_cycle_elasticity: {dist: normal, mean: 0.45, sd: 0.1}
  gva_per_hour_cycle_elasticity: {dist: normal, mean: 0.5, sd: 0.1}
  jobs_permanent_sd_pct: {dist: uniform, min: 0.3, max: 0.7}
  jobs_trend_sd_pct: {dist: uniform, min: 0.1, max: 0.4}
  gva_per_hour_permanent_sd_pct: {dist: uniform, min: 0.5, max: 1.0}
  gva_per_hour_trend_sd_pct: {dist: uniform, min: 0.3, max: 0.7}
  employment_rate_cycle_elasticity: {dist: normal, mean: 0.3, sd: 0.07}
  activity_rate_cycle_elasticity: {dist: normal, mean: 0.1, sd: 0.05}
  employment_rate_permanent_sd_pp: 0.2
  activity_rate_permanent_sd_pp: 0.15
)";

constexpr const char* kSectorDefaults = R"(sector_defaults:
  jobs_share_trend_pct: {dist: normal, mean: 0, sd: 0.5}
  jobs_share_sd_pct: 1.1
  relative_productivity_trend_pct: {dist: normal, mean: 0, sd: 0.5}
  relative_productivity_sd_pct: 1.5
  better_jobs_trend_pp: {dist: normal, mean: 0.3, sd: 0.15, lower: -1, upper: 2}
  better_jobs_sd_pp: {dist: uniform, min: 0.1, max: 0.5}
  source: >-
    All E: no jobs-share trend of a sector's own (the panel has no jobs by industry before 2015;
    sd 0.5 pp a year for the uncertainty), the North East default's noise of a sector with no
    specific evidence, and the UK's rise in the SOC 1-3 share (about 0.3 pp a year within
    industries, APS, approximate). relative_productivity_trend_pct here is for a sector whose
    industries the panel lacks; the others have their own under `sectors:`, from the panel.
)";

constexpr const char* kRestPriors = R"(correlation:
  jobs: {equicorrelation: 0}
  productivity: {equicorrelation: 0}
  source: >-
    E. What sectors share (region-wide shocks) is in the region's differential; no correlation assumed.

labour_market:
  resident_share_of_job_growth: {dist: uniform, min: 0.4, max: 0.8}
  inactive_share_of_new_employment: {dist: pert, min: 0.1, mode: 0.3, max: 0.6}
  activity_trend_pp: {dist: normal, mean: 0, sd: 0.1, lower: -1, upper: 1}
  activity_sd_pp: {dist: uniform, min: 0.2, max: 0.5}
  residents_in_work_sd_pct: {dist: uniform, min: 0.3, max: 0.8}
  min_unemployment_pct: {dist: triangular, min: 2.5, mode: 3.0, max: 3.5}
  migration_response: {dist: uniform, min: 0.1, max: 0.4}
  population_sd_pct: {dist: uniform, min: 0.1, max: 0.3}
  source: >-
    All E, the North East default's priors (seeds/north_east/calibration.yaml gives their reasoning):
    resident share of job growth from UK local labour-market studies (MODEL.md 2.6), the inactive
    share of new employment from UK 16-64 rates 2008-14, no regional activity trend, a frictional
    unemployment floor of about 3%, a small migration response.
)";

}  // namespace

std::string calibration_yaml(const BuiltRegion& b, const RegionCalibration& r, const std::string& command) {
  const double z = normal_quantile(0.5 + r.settings.interval_level / 2);
  const UkGrowth jobs = uk_growth(history(b, "filled_jobs"), b.base_year);
  const UkGrowth gva = uk_growth(history(b, "gva_per_hour_real"), b.base_year);
  const std::string next = std::to_string(b.base_year + 1);
  std::ostringstream out;
  out << "# " << b.file.region_name << " calibration, model v2 (lissim seed data), base year " << b.base_year
      << ", written by\n#   " << command
      << "\n# Nothing after the base year was used. Tags: D = computed from the panel (estimates of lissim\n"
         "# calibrate, panel_calibration.yaml beside this file), E = marked prior or estimate: the North East\n"
         "# default's, to be replaced with the region's own evidence where it has any (docs/regions.md).\n\n";
  out << kPriorBlocks << "\nnational:\n" << kNationalPriors;
  out << "  central_path:\n"
      << "    jobs_growth_pct: {" << next << ": " << number("%.3f", jobs.pct) << "}\n"
      << "    gva_per_hour_growth_pct: {" << next << ": " << number("%.3f", gva.pct) << "}\n"
      << "    employment_rate_change_pp: {" << next << ": 0}\n"
      << "    activity_rate_change_pp: {" << next << ": 0}\n"
      << folded("    ", "source",
                "D, default of MODEL.md 2.1 (marked as such): the UK panel's average growth over " +
                    std::to_string(jobs.first) + "-" + std::to_string(jobs.last) + " (filled jobs, " +
                    number("%.3g", jobs.pct) + "% a year) and " + std::to_string(gva.first) + "-" +
                    std::to_string(gva.last) + " (GVA per hour, chained-volume index, " + number("%.3g", gva.pct) +
                    "% a year), held for every later year; the 16-64 rates flat at the base year (MODEL.md 2.1 "
                    "default). A scenario replaces any year in one line.");
  out << folded("  ", "source",
                "All E, the North East default's priors for the national block (seeds/north_east/calibration.yaml "
                "gives their reasoning): cycle elasticities from 2008-11, permanent and trend sds of the UK series.");
  out << "\nregion:\n";
  differential(out, "  ", "jobs", series(r.region_series, PanelSeries::filled_jobs), z, true, b.region.label);
  differential(out, "  ", "gva_per_hour", series(r.region_series, PanelSeries::gva_per_hour), z, true, b.region.label);
  const double rho_jobs = correlation(r, PanelSeries::filled_jobs);
  const double rho_gva = correlation(r, PanelSeries::gva_per_hour);
  out << "\ncomparator:\n"
      << "  jobs_correlation: " << number("%.2f", rho_jobs) << "\n"
      << "  gva_per_hour_correlation: " << number("%.2f", rho_gva) << "\n"
      << "  population_growth_pct: {" << next << ": 0.3}\n"
      << folded("  ", "source",
                "jobs_correlation and gva_per_hour_correlation: E, s sigma_r / sigma_c with the region's share of "
                "the comparator's filled jobs s = " + number("%.3f", r.region_share_of_comparator_jobs) +
                    " (panel, base year; 0 when the comparator does not contain the region) and the random-walk "
                    "sds below, at most 0.9. population_growth_pct: E, England excluding London 16-64 population "
                    "growth about 0.3% a year (the North East default: ONS 2014-based projections, approximate).");
  differential(out, "  ", "jobs", series(r.comparator_series, PanelSeries::filled_jobs), z, false,
               "England excluding London");
  differential(out, "  ", "gva_per_hour", series(r.comparator_series, PanelSeries::gva_per_hour), z, false,
               "England excluding London");
  out << R"(  employment_rate:
    sigma_pp: 0.15
    tau_pp: 0.05
    kappa: 0
    past_growth_pp: 0
    transitory_rho: 0
    transitory_sd_pp: 0
    cycle_sensitivity: 0
    source: >-
      All E (the panel has no rates): a small differential against the national rate, random-walk sd
      0.15 pp a year, drift sd 0.05 pp a year, no drift assumed.
  activity_rate:
    sigma_pp: 0.1
    tau_pp: 0.05
    kappa: 0
    past_growth_pp: 0
    transitory_rho: 0
    transitory_sd_pp: 0
    cycle_sensitivity: 0
    source: >-
      All E, as for the employment rate: random-walk sd 0.1 pp a year, drift sd 0.05 pp a year.

)";
  out << kSectorDefaults;
  sector_trends(out, b);
  out << "\n" << kRestPriors;
  return out.str();
}

}  // namespace lissim::sim
