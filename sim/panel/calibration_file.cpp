#include "sim/panel/calibration_file.h"

#include <cstdio>
#include <sstream>

#include "sim/io/hdf5_file.h"
#include "sim/util/yaml_text.h"
#include "sim/version.h"

namespace lissim::sim {

namespace {

std::string number(double x) { return sim::number("%.6g", x); }

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}


void write_estimate(std::ostream& out, const std::string& indent, const char* key, const Estimate& e,
                    double level) {
  out << indent << key << ": {value: " << number(e.value) << ", interval: [" << number(e.low) << ", "
      << number(e.high) << "], interval_level: " << number(level) << ", status: estimate}\n";
}

void write_prior(std::ostream& out, const std::string& indent, const char* key, const PriorValue& p) {
  out << indent << key << ": {value: " << number(p.value) << ", range: [" << number(p.low) << ", " << number(p.high)
      << "], status: prior}\n";
}

void write_series(std::ostream& out, const SeriesCalibration& c, double level, bool comparator) {
  const std::string in = "      ";
  out << "    " << series_name(c.series) << ":\n";
  out << in << "source: " << source_series(c.series) << "\n";
  out << in << "relative_to: " << kUkCode << "\n";
  out << in << "unit: natural-log points (a year for sigma, tau, past_growth)\n";
  out << in << "pool: {level: " << c.pool_level << ", regions: " << (c.pool_level == "own" ? 1 : c.pool_codes.size()) << ", codes: "
      << list(c.pool_codes) << "}\n";
  out << in << "window: [" << c.window_first << ", " << c.window_last << "]\n";
  out << in << "origins: [" << c.moments.first_origin << ", " << c.moments.last_origin << "]\n";
  out << in << "horizons: [1, " << c.moments.max_horizon << "]\n";
  out << in << "base_value: " << number(c.base_value) << "   # y = ln(region / UK) in the base year, as published\n";
  out << in << "past_growth: {value: " << number(c.past_growth) << ", se: " << number(c.past_growth_se)
      << ", years: " << c.past_growth_years << ", status: estimate}"
      << (comparator ? "   # the comparator's drift against the UK\n" : "   # m of MODEL.md 2.2\n");
  write_estimate(out, in, "sigma", c.sigma, level);
  write_estimate(out, in, "noise_sd", c.noise_sd, level);
  write_prior(out, in, "tau", c.priors.tau);
  write_prior(out, in, "kappa", c.priors.kappa);
  write_prior(out, in, "transitory_rho", c.priors.transitory_rho);
  write_prior(out, in, "transitory_sd", c.priors.transitory_sd);
  out << in << "prior_reason: " << quoted(kPriorReason) << "\n";
  out << in << "diagnostics: {tau2_free_fit: " << number(c.tau2_free);
  if (c.pool_level != "own") out << ", tau2_free_negative_share: " << number(c.tau2_free_negative_share);
  out << "}\n";
  out << in << (c.pool_level == "own" ? "fit:   # mean square of the errors around the drift, by horizon\n"
                                      : "fit:   # pooled mean square of no-change errors by horizon\n");
  for (Eigen::Index h = 0; h < c.fit.observed.size(); ++h)
    out << in << "  - {horizon: " << h + 1 << ", pairs: " << c.fit.pairs[h] << ", observed: " << number(c.fit.observed[h])
        << ", fitted: " << number(c.fit.fitted[h]) << ", mean_error: " << number(c.mean_error[h]) << "}\n";
}

}  // namespace

std::string calibration_yaml(const RegionCalibration& r) {
  std::ostringstream out;
  const double level = r.settings.interval_level;
  out << "# lissim calibration of the regional differential (MODEL.md 2.2, 2.3, 2.8, 2.9) from the UK\n"
         "# regional panel by pseudo-out-of-sample no-change errors (MODEL.md 7; docs/model.md says how).\n"
         "# status: estimate = fitted to the panel up to the base year; prior = not identified by the\n"
         "# panel, set by hand before any backtest, with a plausible range for sensitivity runs.\n";
  out << "filetype: " << kCalibrationFiletype << "\n";
  out << "format_version: [" << kCalibrationFormatMajor << ", " << kCalibrationFormatMinor << "]\n";
  out << "lissim_version: " << quoted(kVersion) << "\n";
  out << "git_sha: " << quoted(kGitSha) << "\n";
  out << "created_utc: " << quoted(utc_now()) << "\n";
  out << "provenance:\n";
  out << "  panel: " << quoted(r.panel_folder) << "\n";
  out << "  panel_file: " << quoted(r.panel_file) << "\n";
  out << "  panel_sha256: " << r.panel_sha256 << "\n";
  out << "  base_year: " << r.settings.base_year << "   # no later year enters any estimate\n";
  out << "  method: " << quoted("no-change errors y(o+h) - y(o) pooled over the pool's regions and the origins o with "
                                "o + h <= base_year; mean squares by horizon fitted by weighted least squares to "
                                "h sigma^2 + h^2 tau^2 + 2 noise_sd^2 with tau at its prior; intervals: percentiles "
                                "over resamples of the pool's regions") << "\n";
  out << "  resamples: " << r.settings.resamples << "\n";
  out << "  resample_seed: " << r.settings.seed << "\n";
  out << "region:\n";
  out << "  codes: " << list(r.region.codes) << "\n";
  out << "  level: " << r.region.level << "\n";
  out << "  series:\n";
  for (const auto& c : r.region_series) write_series(out, c, level, false);
  out << "comparator:\n";
  out << "  name: England excluding London\n";
  out << "  codes: " << list(r.comparator.codes) << "\n";
  out << "  level: " << r.comparator.level << "\n";
  out << "  contains_region: " << (r.region_in_comparator ? "true" : "false") << "\n";
  out << "  region_share_of_jobs: " << number(r.region_share_of_comparator_jobs)
      << "   # filled jobs in the base year; the two differentials are correlated through it\n";
  out << "  series:\n";
  for (const auto& c : r.comparator_series) write_series(out, c, level, true);
  return out.str();
}

std::string calibration_table(const RegionCalibration& r) {
  std::ostringstream out;
  char line[256];
  const auto block = [&](const SeriesCalibration& c, const std::string& who) {
    const std::string pool = c.pool_level == "own" ? "its own series (REML, profile-likelihood intervals)"
                                                   : "pool " + std::to_string(c.pool_codes.size()) + " " + c.pool_level + " regions";
    std::snprintf(line, sizeof line, "%s, %s relative to the UK: %s, %d-%d, base year %d\n", who.c_str(),
                  series_name(c.series), pool.c_str(), c.window_first, c.window_last, c.window_last);
    out << line;
    out << "  horizon   pairs   observed MSE    fitted   (x 1e-4, log points squared)\n";
    for (Eigen::Index h = 0; h < c.fit.observed.size(); ++h) {
      std::snprintf(line, sizeof line, "  %7ld %7.0f %10.3f %10.3f\n", static_cast<long>(h + 1), c.fit.pairs[h],
                    1e4 * c.fit.observed[h], 1e4 * c.fit.fitted[h]);
      out << line;
    }
    std::snprintf(line, sizeof line, "  sigma %.4f [%.4f, %.4f]  noise_sd %.4f [%.4f, %.4f]  (estimates, %.0f%% intervals)\n",
                  c.sigma.value, c.sigma.low, c.sigma.high, c.noise_sd.value, c.noise_sd.low, c.noise_sd.high,
                  100 * r.settings.interval_level);
    out << line;
    std::snprintf(line, sizeof line, "  tau %.4f (prior)  kappa %.2f (prior)  free fit: tau^2 %.2e", c.priors.tau.value,
                  c.priors.kappa.value, c.tau2_free);
    out << line;
    if (c.pool_level != "own") {
      std::snprintf(line, sizeof line, ", negative in %.0f%% of resamples", 100 * c.tau2_free_negative_share);
      out << line;
    }
    std::snprintf(line, sizeof line, "\n  base value %.4f  %s %.4f a year (se %.4f)\n\n", c.base_value,
                  c.pool_level == "own" ? "drift" : "past growth", c.past_growth, c.past_growth_se);
    out << line;
  };
  for (const auto& c : r.region_series) block(c, "Region " + r.region.label);
  for (const auto& c : r.comparator_series) block(c, "Comparator England excluding London");
  return out.str();
}

}  // namespace lissim::sim
