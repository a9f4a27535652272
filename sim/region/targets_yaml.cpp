// targets.yaml as `lissim build-region` writes it (docs/regions.md): the SEP-style gap targets
// against the comparator, with a marked default deadline and each target's published series.
#include <cmath>
#include <sstream>

#include "sim/region/seed_files.h"
#include "sim/util/yaml_text.h"

namespace lissim::sim {
namespace {

double noise_sd(const std::vector<SeriesCalibration>& all, PanelSeries which) {
  for (const auto& s : all)
    if (s.series == which) return s.noise_sd.value;
  return 0;
}

struct GapTarget {
  const char* id;
  const char* description;
  const char* rule;
  double threshold;
  const char* series;
  double noise;
  double autocorrelation;
  std::string source;
};

}  // namespace

std::string targets_yaml(const BuiltRegion& b, const RegionCalibration& r) {
  const int deadline = b.base_year + kDefaultTargetYears;
  const std::string region = b.file.region_name, comparator = b.file.comparator_name;
  const std::string by = " by " + std::to_string(deadline);
  // The productivity gap's published noise: the region's and the comparator's GVA per hour noise
  // (panel calibration), combined, as pp of the gap 100 (1 - Q / Q*).
  const double region_noise = noise_sd(r.region_series, PanelSeries::gva_per_hour);
  const double comparator_noise = noise_sd(r.comparator_series, PanelSeries::gva_per_hour);
  const double relative = b.gva_per_hour / b.comparator_gva_per_hour;
  const double productivity_noise = 100 * std::hypot(region_noise, comparator_noise) * relative;
  const std::string aps = "E, the North East default's: APS rates at LEP level carry a 95% interval of about +/-1.5 pp "
                          "(sd 0.77 pp), the comparator's about 0.15 pp, combined 0.78 pp; autocorrelation 0.3: "
                          "consecutive APS years share LFS respondents (assumed).";
  const std::vector<GapTarget> targets = {
      {"employment_rate_gap", "Close the gap with the comparator in the employment rate for people aged 16-64",
       "at_most", 0, "APS 16-64 employment rate, comparator minus region (pp)", 0.78, 0.3, aps},
      {"activity_rate_gap", "Reduce the gap with the comparator in economic activity for people aged 16-64 by 50%",
       "reduce_by", 0.5, "APS 16-64 economic activity rate, comparator minus region (pp)", 0.78, 0.3, aps},
      {"private_density_gap", "Reduce the gap with the comparator in private sector employment density by 50%",
       "reduce_by", 0.5, "BRES private-sector employment / ONS 16-64 population, comparator minus region", 0.008, 0,
       "E, the North East default's: BRES employment at LEP level has a sampling error of about 1.5% (sd) on a "
       "density of about 0.5; the comparator's is negligible; independent by year."},
      {"productivity_gap", "Reduce the gap with the comparator in GVA per hour worked by 50%", "reduce_by", 0.5,
       "ONS subregional productivity, GVA per hour worked, current prices: 100 (1 - region / comparator)",
       productivity_noise, 0,
       "D, the panel calibration's measurement noise of GVA per hour for the region (" + number("%.4f", region_noise) +
           ") and the comparator (" + number("%.4f", comparator_noise) + "), combined, times Q/Q* (" +
           number("%.3f", relative) + "): " + number("%.2f", productivity_noise) +
           " pp of the gap; independent by year, as the estimator assumes."},
  };
  std::ostringstream out;
  out << "# " << region << " targets (lissim seed data), written by lissim build-region: the SEP-style gap\n"
      << "# targets against " << comparator << ". Replace or add the region's own targets (docs/model.md,\n"
      << "# section 10); the deadline is a marked default.\n"
      << "base_year: " << b.base_year << "\n"
      << "deadline: " << deadline << "\n"
      << folded("", "source",
                "E: default targets of lissim build-region, not the region's own: the four gap targets of the North "
                "East SEP (close the employment-rate gap; halve the activity-rate, private-density and productivity "
                "gaps) against " + comparator + ", with the deadline " + std::to_string(kDefaultTargetYears) +
                    " years after the base year (the North East SEP's span, 2014-2024). Gaps as docs/model.md "
                    "section 9 defines them.")
      << "targets:\n";
  for (const auto& t : targets) {
    out << "  - id: " << t.id << "\n"
        << "    description: " << quoted(t.description + by) << "\n"
        << "    indicator: " << t.id << "\n"
        << "    rule: " << t.rule << "\n"
        << "    threshold: " << number("%.6g", t.threshold) << "\n"
        << "    published:\n"
        << "      series: " << quoted(t.series) << "\n"
        << "      noise: additive\n"
        << "      noise_sd: " << number("%.3g", t.noise) << "\n"
        << "      autocorrelation: " << number("%.2g", t.autocorrelation) << "\n"
        << folded("      ", "source", t.source);
  }
  return out.str();
}

}  // namespace lissim::sim
