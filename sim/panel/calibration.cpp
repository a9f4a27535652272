#include "sim/panel/calibration.h"

#include <algorithm>
#include <cmath>

#include "sim/errors.h"
#include "sim/panel/single_series_fit.h"
#include "sim/random/philox_stream.h"

namespace lissim::sim {

namespace {

// Linear interpolation between order statistics (R's type 7).
double percentile(std::vector<double> values, double p) {
  if (values.empty()) throw ModelError("calibration: no resample could be fitted (every resample lacked a horizon)");
  std::sort(values.begin(), values.end());
  const double position = p * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

void check_base_year(const Panel& panel, PanelSeries series, const CalibrationSettings& settings) {
  const auto [first, last] = panel.years(source_series(series));
  const std::string span = std::string(source_series(series)) + " covers " + std::to_string(first) + "-" +
                           std::to_string(last) + " in " + panel.file();
  if (settings.base_year < first || settings.base_year > last)
    throw InputError("base year " + std::to_string(settings.base_year) + " is outside the panel: " + span);
  const int horizons = settings.base_year - first;
  if (horizons < settings.min_horizons)
    throw InputError("window too short to estimate: " + span + ", so up to base year " +
                     std::to_string(settings.base_year) + " only " + std::to_string(horizons + 1) +
                     " years; the fit needs at least " + std::to_string(settings.min_horizons + 1) +
                     " (horizons 1-" + std::to_string(settings.min_horizons) + ")");
}

}  // namespace

models::DifferentialParameters SeriesCalibration::parameters() const {
  models::DifferentialParameters p;
  p.sigma = sigma.value;
  p.noise_sd = noise_sd.value;
  p.tau = priors.tau.value;
  p.kappa = priors.kappa.value;
  p.past_growth = past_growth;
  p.transitory_rho = priors.transitory_rho.value;
  p.transitory_sd = priors.transitory_sd.value;
  return p;
}

PoolEstimates estimate_pool(const ErrorMoments& moments, const CalibrationSettings& settings,
                            const std::string& stream_name) {
  PoolEstimates e;
  const double tau2 = settings.priors.tau.value * settings.priors.tau.value;
  const auto regions = moments.count.rows();
  Eigen::ArrayXd mean_square, pairs;
  pooled_mean_squares(moments, Eigen::ArrayXd::Ones(regions), mean_square, pairs);
  e.fit = fit_error_variance(mean_square, pairs, tau2);
  e.tau2_free = fit_error_variance(mean_square, pairs, 0, true).tau2;

  // Intervals: the whole fit repeated on resamples of the pool's regions.
  const PhiloxStream stream(settings.seed, stream_name);
  std::vector<double> sigmas, noises;
  int negative_tau2 = 0;
  Eigen::ArrayXd weights(regions);
  for (int b = 0; b < settings.resamples; ++b) {
    weights.setZero();
    for (Eigen::Index slot = 0; slot < regions; ++slot) {
      const double u = stream.uniform(static_cast<std::uint64_t>(b), 0, static_cast<std::uint32_t>(slot));
      weights[std::min<Eigen::Index>(regions - 1, static_cast<Eigen::Index>(u * static_cast<double>(regions)))] += 1;
    }
    pooled_mean_squares(moments, weights, mean_square, pairs);
    if ((pairs <= 0).any()) continue;
    const VarianceFit f = fit_error_variance(mean_square, pairs, tau2);
    sigmas.push_back(std::sqrt(f.sigma2));
    noises.push_back(std::sqrt(f.noise2));
    if (fit_error_variance(mean_square, pairs, 0, true).tau2 < 0) ++negative_tau2;
  }
  const double tail = (1 - settings.interval_level) / 2;
  e.sigma = {std::sqrt(e.fit.sigma2), percentile(sigmas, tail), percentile(sigmas, 1 - tail)};
  e.noise_sd = {std::sqrt(e.fit.noise2), percentile(noises, tail), percentile(noises, 1 - tail)};
  e.tau2_free_negative_share = static_cast<double>(negative_tau2) / static_cast<double>(sigmas.size());
  return e;
}

SeriesCalibration calibrate_pool(const Panel& full_panel, PanelSeries series, const std::string& pool_level,
                                 const CalibrationSettings& settings) {
  check_base_year(full_panel, series, settings);
  const Panel panel = full_panel.up_to(settings.base_year);  // nothing later enters below
  SeriesCalibration c;
  c.series = series;
  c.priors = settings.priors;
  c.pool_level = pool_level;
  c.pool_codes = panel.codes_at_level(pool_level);
  if (c.pool_codes.size() < 3)
    throw InputError(panel.file() + ": the pool of " + pool_level + " regions has " +
                     std::to_string(c.pool_codes.size()) + " areas; resampling needs at least 3");
  c.window_first = panel.years(source_series(series)).first;
  c.window_last = settings.base_year;
  const int max_horizon = std::min(settings.max_horizon, settings.base_year - c.window_first);

  std::vector<std::map<int, double>> pool_series;
  for (const auto& code : c.pool_codes)
    pool_series.push_back(relative_series(panel, parse_region(panel, code), series, settings.base_year));
  c.moments = no_change_error_moments(pool_series, settings.base_year, max_horizon);

  {
    Eigen::ArrayXd mean_square, pairs;
    pooled_mean_squares(c.moments, Eigen::ArrayXd::Ones(static_cast<Eigen::Index>(c.pool_codes.size())), mean_square, pairs);
    if ((pairs <= 0).any())
      throw InputError(panel.file() + ": no " + std::string(source_series(series)) + " errors at some horizon for the " +
                       pool_level + " pool up to " + std::to_string(settings.base_year));
  }
  const PoolEstimates e =
      estimate_pool(c.moments, settings, std::string("calibrate/resample/") + series_name(series) + "/" + pool_level);
  c.fit = e.fit;
  c.sigma = e.sigma;
  c.noise_sd = e.noise_sd;
  c.tau2_free = e.tau2_free;
  c.tau2_free_negative_share = e.tau2_free_negative_share;
  c.mean_error = c.moments.sum.colwise().sum().transpose() / e.fit.pairs;
  return c;
}

void describe_region(const Panel& full_panel, const PanelRegion& region, const CalibrationSettings& settings,
                     SeriesCalibration& c) {
  const Panel panel = full_panel.up_to(settings.base_year);
  const PanelSeries series = c.series;
  const std::map<int, double> own = relative_series(panel, region, series, settings.base_year);
  if (!own.count(settings.base_year))
    throw InputError(panel.file() + ": no " + std::string(source_series(series)) + " for region " + region.label +
                     " in base year " + std::to_string(settings.base_year));
  c.base_value = own.at(settings.base_year);
  const int first = own.begin()->first;
  c.past_growth_years = settings.base_year - first;
  if (c.past_growth_years > 0) {
    const double n = c.past_growth_years;
    c.past_growth = (c.base_value - own.begin()->second) / n;
    c.past_growth_se = std::sqrt(c.fit.sigma2 / n + 2 * c.fit.noise2 / (n * n));
  }
}

SeriesCalibration calibrate_series(const Panel& panel, const PanelRegion& region, PanelSeries series,
                                   const std::string& pool_level, const CalibrationSettings& settings) {
  SeriesCalibration c = calibrate_pool(panel, series, pool_level, settings);
  describe_region(panel, region, settings, c);
  return c;
}

SeriesCalibration calibrate_own_series(const Panel& full_panel, const PanelRegion& region, PanelSeries series,
                                       const CalibrationSettings& settings) {
  check_base_year(full_panel, series, settings);
  const Panel panel = full_panel.up_to(settings.base_year);
  SeriesCalibration c;
  c.series = series;
  c.priors = settings.priors;
  c.pool_level = "own";
  c.pool_codes = region.codes;
  c.window_first = panel.years(source_series(series)).first;
  c.window_last = settings.base_year;
  const int max_horizon = std::min(settings.max_horizon, settings.base_year - c.window_first);
  // The comparator's drift is its own past growth, persisting (kappa = 1, a prior like the region's 0).
  c.priors.kappa = {1.0, 0.0, 1.0};
  const std::map<int, double> y = relative_series(panel, region, series, settings.base_year);
  const SingleSeriesFit f = fit_single_series(y, settings.interval_level);
  c.sigma = {f.sigma, f.sigma_low, f.sigma_high};
  c.noise_sd = {f.noise_sd, f.noise_low, f.noise_high};
  // The fit table: errors of the forecast y(o) + h drift against h sigma^2 + 2 sigma_m^2.
  c.moments = no_change_error_moments({y}, settings.base_year, max_horizon, f.drift);
  Eigen::ArrayXd mean_square, pairs;
  pooled_mean_squares(c.moments, Eigen::ArrayXd::Ones(1), mean_square, pairs);
  const Eigen::ArrayXd h = Eigen::ArrayXd::LinSpaced(max_horizon, 1.0, static_cast<double>(max_horizon));
  c.fit.observed = mean_square;
  c.fit.pairs = pairs;
  c.fit.sigma2 = f.sigma * f.sigma;
  c.fit.noise2 = f.noise_sd * f.noise_sd;
  c.fit.fitted = h * c.fit.sigma2 + 2 * c.fit.noise2;
  c.mean_error = c.moments.sum.row(0).transpose() / pairs.max(1.0);
  c.tau2_free = fit_error_variance(mean_square, pairs, 0, true).tau2;
  describe_region(panel, region, settings, c);
  c.past_growth = f.drift;
  c.past_growth_se = f.drift_se;
  return c;
}

RegionCalibration calibrate_region(const Panel& panel, const PanelRegion& region, const CalibrationSettings& settings) {
  RegionCalibration r;
  r.region = region;
  r.comparator = england_excluding_london(panel);
  r.settings = settings;
  r.panel_folder = panel.folder();
  r.panel_file = panel.file();
  r.panel_sha256 = panel.file_sha256();
  for (const PanelSeries series : kPanelSeries) {
    r.region_series.push_back(calibrate_series(panel, region, series, "ITL2", settings));
    r.comparator_series.push_back(calibrate_own_series(panel, r.comparator, series, settings));
  }
  // The region inside the comparator: its ITL1 parent (the first three characters of an ITL
  // code) is one of the comparator's regions.
  r.region_in_comparator = std::all_of(region.codes.begin(), region.codes.end(), [&](const std::string& code) {
    return std::find(r.comparator.codes.begin(), r.comparator.codes.end(), code.substr(0, 3)) != r.comparator.codes.end();
  });
  if (r.region_in_comparator) {
    const Panel cut = panel.up_to(settings.base_year);
    double own = 0, comparator = 0;
    for (const auto& code : region.codes) own += cut.value("filled_jobs", code, settings.base_year).value_or(0);
    for (const auto& code : r.comparator.codes) comparator += cut.value("filled_jobs", code, settings.base_year).value_or(0);
    r.region_share_of_comparator_jobs = comparator > 0 ? own / comparator : 0;
  }
  return r;
}

}  // namespace lissim::sim
