#include "sim/panel/backtest_writer.h"

#include "sim/io/file_header.h"
#include "sim/io/hdf5_file.h"
#include "sim/io/results_writer.h"
#include "sim/random/philox_stream.h"

namespace lissim::sim {

namespace {

void scalar(const H5Group& group, const std::string& name, double value, const std::string& units,
            const std::string& description) {
  group.write(name, {}, &value).set_units(units, description);
}

// A 1-D dataset along `axis` (region, bound or statistic: the file's scales).
void vector(const H5Group& group, const std::string& name, const std::vector<double>& values, const std::string& axis,
            const std::string& units, const std::string& description) {
  const H5Dataset set = group.write(name, {values.size()}, values.data());
  set.set_units(units, description);
  set.set_dims({axis});
}

void write_horizon(const H5Group& series_group, const Backtest& bt, const SeriesBacktest& s, const HorizonScores& h) {
  const H5Group g = series_group.group("h" + std::to_string(h.horizon));
  g.attribute("origin", static_cast<std::int64_t>(bt.settings.origin));
  g.attribute("horizon", static_cast<std::int64_t>(h.horizon));
  g.attribute("panel", bt.panel_folder);
  g.attribute("level", bt.settings.level);
  g.attribute("draws", static_cast<std::int64_t>(bt.settings.draws));
  g.attribute("target_year", static_cast<std::int64_t>(bt.settings.origin + h.horizon));
  const std::string y = "y = ln X_region - ln X_UK of " + std::string(series_name(s.series));
  scalar(g, "coverage_50", h.coverage_50.coverage, "fraction", "share of regions inside the model's central 50% band");
  scalar(g, "coverage_90", h.coverage_90.coverage, "fraction", "share of regions inside the model's central 90% band");
  const std::string interval_note =
      "95% interval: coverage +/- 1.96 max(binomial se at the nominal level, cluster-robust se over ITL1 parents)";
  vector(g, "coverage_50_interval", {h.coverage_50.low, h.coverage_50.high}, "bound", "fraction", interval_note);
  vector(g, "coverage_90_interval", {h.coverage_90.low, h.coverage_90.high}, "bound", "fraction", interval_note);
  scalar(g, "crps", h.crps_mean, "natural-log points", "mean CRPS of the model over regions");
  scalar(g, "crps_no_change", h.crps_no_change_mean, "natural-log points", "mean CRPS of the no-change rule");
  scalar(g, "crps_trend", h.crps_trend_mean, "natural-log points", "mean CRPS of the trend rule");
  vector(g, "crps_minus_no_change", {h.versus_no_change.mean, h.versus_no_change.se}, "statistic",
         "natural-log points",
         "mean paired difference (model - rule) and its standard error");
  vector(g, "crps_minus_trend", {h.versus_trend.mean, h.versus_trend.se}, "statistic", "natural-log points",
         "mean paired difference (model - rule) and its standard error");
  scalar(g, "interval_score_90", h.interval_score_mean, "natural-log points", "mean interval score of the model's 90% band");
  scalar(g, "interval_score_90_no_change", h.interval_score_no_change_mean, "natural-log points",
         "mean interval score of the no-change rule's 90% band");
  scalar(g, "interval_score_90_trend", h.interval_score_trend_mean, "natural-log points",
         "mean interval score of the trend rule's 90% band");
  g.hard_link("/region_codes", "codes");  // the region axis's scale, under its 1.0 name too
  const H5Dataset clusters = g.write("clusters", bt.clusters);
  clusters.set_units("", "ITL1 parent of each region (the clusters of the coverage intervals)");
  clusters.set_dims({"region"});
  vector(g, "realised", h.realised, "region", "natural-log points", "published outcome, " + y);
  vector(g, "pit", h.pit, "region", "fraction", "share of the model's draws at or below the outcome");
  vector(g, "crps_by_region", h.crps, "region", "natural-log points", "CRPS of the model");
  vector(g, "crps_no_change_by_region", h.crps_no_change, "region", "natural-log points", "CRPS of the no-change rule");
  vector(g, "crps_trend_by_region", h.crps_trend, "region", "natural-log points", "CRPS of the trend rule");
  vector(g, "no_change_mean", h.no_change_mean, "region", "natural-log points", "the no-change rule's Gaussian mean");
  vector(g, "no_change_sd", h.no_change_sd, "region", "natural-log points", "the no-change rule's Gaussian sd");
  vector(g, "trend_mean", h.trend_mean, "region", "natural-log points", "the trend rule's Gaussian mean");
  vector(g, "trend_sd", h.trend_sd, "region", "natural-log points", "the trend rule's Gaussian sd");
  std::vector<double> quantiles(7 * h.quantiles.size());
  for (std::size_t r = 0; r < h.quantiles.size(); ++r)
    for (std::size_t q = 0; q < 7; ++q) quantiles[q * h.quantiles.size() + r] = h.quantiles[r][q];
  const H5Dataset set = g.write("quantiles", {7, h.quantiles.size()}, quantiles.data());
  set.set_units("natural-log points", "the model's predictive quantiles of " + y + " at /quantile_levels");
  set.set_dims({"quantile", "region"});
}

}  // namespace

void write_backtest(const std::string& path, const Backtest& bt) {
  quiet_hdf5_errors();
  H5OutputFile file(path);
  H5Group& root = file.root();
  write_file_header(root, kBacktestFiletype, kFormatMajor, kFormatMinor);
  root.attribute("rng_scheme", std::string(kRngScheme));
  root.attribute("seed", static_cast<std::int64_t>(bt.settings.seed));
  root.attribute("draws", static_cast<std::int64_t>(bt.settings.draws));
  root.attribute("origin", static_cast<std::int64_t>(bt.settings.origin));
  root.attribute("horizons", bt.settings.horizons);
  root.attribute("level", bt.settings.level);
  root.attribute("panel", bt.panel_folder);
  root.attribute("panel_file", bt.panel_file);
  root.attribute("panel_sha256", bt.panel_sha256);
  // The axes' dimension scales (format 2.0, docs/results.md).
  const std::vector<double> levels(kBacktestQuantileLevels.begin(), kBacktestQuantileLevels.end());
  const H5Dataset quantile_scale = root.write("quantile_levels", {levels.size()}, levels.data());
  quantile_scale.set_units("probability", "levels of every quantiles dataset");
  quantile_scale.make_scale("quantile");
  const H5Dataset region_scale = root.write("region_codes", bt.codes);
  region_scale.set_units("", "region codes (sorted): the regions of every per-region dataset");
  region_scale.make_scale("region");
  const H5Dataset bound_scale = root.write("interval_bounds", std::vector<std::string>{"low", "high"});
  bound_scale.set_units("", "the ends of every coverage interval");
  bound_scale.make_scale("bound");
  const H5Dataset statistic_scale = root.write("difference_statistics", std::vector<std::string>{"mean", "se"});
  statistic_scale.set_units("", "mean paired CRPS difference and its standard error");
  statistic_scale.make_scale("statistic");
  const H5Group top = root.group("backtest");
  for (const auto& s : bt.series) {
    const H5Group g = top.group(series_name(s.series));
    const auto& c = s.calibration;
    g.attribute("source", std::string(source_series(s.series)));
    g.attribute("pool_level", c.pool_level);
    g.attribute("window", std::vector<int>{c.window_first, c.window_last});
    g.attribute("sigma", c.sigma.value);
    g.attribute("sigma_interval", std::vector<double>{c.sigma.low, c.sigma.high});
    g.attribute("noise_sd", c.noise_sd.value);
    g.attribute("noise_sd_interval", std::vector<double>{c.noise_sd.low, c.noise_sd.high});
    g.attribute("tau_prior", c.priors.tau.value);
    g.attribute("kappa_prior", c.priors.kappa.value);
    g.attribute("no_change_variance_ab", std::vector<double>{s.no_change.a, s.no_change.b});
    g.attribute("trend_variance_ab", std::vector<double>{s.trend.a, s.trend.b});
    g.attribute("trend_years", static_cast<std::int64_t>(s.trend_years));
    for (const auto& h : s.horizons) write_horizon(g, bt, s, h);
  }
  file.close();
}

}  // namespace lissim::sim
