#pragma once
// Calibration of the regional differential from the panel (MODEL.md 7): for a region and a
// base year, per series, the random-walk sd sigma and the measurement noise sigma_m estimated
// from no-change errors pooled over the regions of a pool level (ITL2 for a region), with
// percentile intervals from resampling the pool's regions; the comparator from its own series;
// marked priors for tau, kappa and the transitory part; the region's base value and past growth.
// Only panel.up_to(base_year) is ever read.
#include <cstdint>
#include <string>
#include <vector>

#include "models/regional_differential.h"
#include "sim/panel/differential_priors.h"
#include "sim/panel/error_variance_fit.h"
#include "sim/panel/panel_region.h"

namespace lissim::sim {

struct CalibrationSettings {
  int base_year = 0;
  int max_horizon = 6;         // longest horizon in the fit (fewer if the window is shorter)
  int min_horizons = 3;        // a shorter window cannot be estimated
  int resamples = 1000;        // region resamples for the intervals
  std::uint64_t seed = 20141;  // of the resampling stream
  double interval_level = 0.90;
  DifferentialPriors priors;
};

struct Estimate {
  double value = 0;
  double low = 0;   // percentile interval over region resamples
  double high = 0;
};

struct SeriesCalibration {
  PanelSeries series = PanelSeries::filled_jobs;
  std::string pool_level;
  std::vector<std::string> pool_codes;
  int window_first = 0;  // first year of the series in the window
  int window_last = 0;   // the base year
  ErrorMoments moments;
  VarianceFit fit;       // tau fixed at its prior
  Estimate sigma;        // sqrt of the fit's sigma2
  Estimate noise_sd;     // sigma_m
  double tau2_free = 0;  // the free fit of tau^2 (diagnostic)
  double tau2_free_negative_share = 0;  // share of resamples with a negative free tau^2
  Eigen::ArrayXd mean_error;            // pooled mean error by horizon (diagnostic)
  // The region itself
  double base_value = 0;   // y at the base year
  double past_growth = 0;  // m: (y(base) - y(first)) / (base - first)
  double past_growth_se = 0;  // under the fitted process: sqrt(sigma^2 / n + 2 sigma_m^2 / n^2)
  int past_growth_years = 0;
  // The model block's parameters: estimates plus the priors' central values.
  models::DifferentialParameters parameters() const;
  DifferentialPriors priors;
};

// The fit and its resampling intervals from a pool's error moments (the estimator alone, so
// that it can be tested on panels simulated by the model).
struct PoolEstimates {
  VarianceFit fit;
  Estimate sigma;
  Estimate noise_sd;
  double tau2_free = 0;
  double tau2_free_negative_share = 0;
};
PoolEstimates estimate_pool(const ErrorMoments& moments, const CalibrationSettings& settings,
                            const std::string& stream_name);

// The pool's part: every field but the region's own (base value, past growth).
SeriesCalibration calibrate_pool(const Panel& panel, PanelSeries series, const std::string& pool_level,
                                 const CalibrationSettings& settings);
// The region's part: base value and past growth m (with its se under the pool's fit), from
// the panel cut at the base year.
void describe_region(const Panel& panel, const PanelRegion& region, const CalibrationSettings& settings,
                     SeriesCalibration& calibration);
// A large aggregate (the comparator) from its own series (sim/panel/single_series_fit.h): REML
// estimates of sigma and sigma_m with profile-likelihood intervals, its drift (GLS, with se) as
// past growth; the fit table shows the errors of y(o) + h drift against h sigma^2 + 2 sigma_m^2.
SeriesCalibration calibrate_own_series(const Panel& panel, const PanelRegion& region, PanelSeries series,
                                       const CalibrationSettings& settings);
// Both. pool_level: an ITL level ("ITL2" for a LEP-sized region).
SeriesCalibration calibrate_series(const Panel& panel, const PanelRegion& region, PanelSeries series,
                                   const std::string& pool_level, const CalibrationSettings& settings);

struct RegionCalibration {
  PanelRegion region;
  PanelRegion comparator;
  CalibrationSettings settings;
  std::vector<SeriesCalibration> region_series;      // filled_jobs, gva_per_hour
  std::vector<SeriesCalibration> comparator_series;  // the same, from its own series
  bool region_in_comparator = false;
  double region_share_of_comparator_jobs = 0;  // at the base year
  std::string panel_folder, panel_file, panel_sha256;
};

// Checks the base year against the panel (InputError naming the year and the panel's span).
RegionCalibration calibrate_region(const Panel& panel, const PanelRegion& region, const CalibrationSettings& settings);

}  // namespace lissim::sim
