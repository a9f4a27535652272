#pragma once
// The backtest of MODEL.md 8: every region of a level projected from an origin with the
// differential's parameters estimated from the panel cut at the origin, conditional on the
// national outturn (the scored quantity y = ln X_region - ln X_UK carries no national term),
// scored against the published outcomes at each horizon, beside two simple rules:
//   no change  y(o + h) = y(o)
//   trend      y(o) + h (y(o - 1) - y(o - 1 - k)) / k, k = 5 or the years available
// each Gaussian with variance a + b h fitted to its own errors before the origin.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/team.h"
#include "sim/panel/calibration.h"
#include "sim/panel/forecast_scores.h"

namespace lissim::sim {

struct BacktestSettings {
  int origin = 0;
  std::vector<int> horizons{5, 7};
  std::vector<PanelSeries> series{PanelSeries::filled_jobs, PanelSeries::gva_per_hour};
  std::string level = "ITL2";
  std::int64_t draws = 10000;
  std::uint64_t seed = 20140;
  CalibrationSettings calibration;  // base_year is set to the origin
};

// A rule's Gaussian forecast variance a + b h, fitted like the model's to the rule's own
// pooled errors before the origin (b, a >= 0).
struct RuleVariance {
  double a = 0;
  double b = 0;
  int horizons = 0;  // horizons behind the fit
  double sd(int h) const;
};

struct HorizonScores {
  int horizon = 0;
  // Per region, in code order.
  std::vector<double> realised, pit, crps, crps_no_change, crps_trend;
  std::vector<double> interval_score, interval_score_no_change, interval_score_trend;  // 90% bands
  std::vector<std::array<double, 7>> quantiles;
  std::vector<double> no_change_mean, no_change_sd, trend_mean, trend_sd;
  // Over regions.
  CoverageInterval coverage_50, coverage_90;
  double crps_mean = 0, crps_no_change_mean = 0, crps_trend_mean = 0;
  double interval_score_mean = 0, interval_score_no_change_mean = 0, interval_score_trend_mean = 0;
  PairedDifference versus_no_change, versus_trend;  // model CRPS minus the rule's
};

struct SeriesBacktest {
  PanelSeries series = PanelSeries::filled_jobs;
  SeriesCalibration calibration;  // the pool's fit at the origin (model and no-change rule)
  RuleVariance no_change, trend;
  int trend_years = 0;  // k at the origin
  std::vector<HorizonScores> horizons;
};

struct Backtest {
  BacktestSettings settings;
  std::string panel_folder, panel_file, panel_sha256;
  std::vector<std::string> codes;
  std::vector<std::string> clusters;  // each region's ITL1 parent, for the shared-shock intervals
  std::vector<SeriesBacktest> series;
};

// Throws InputError for horizons that are not positive, an origin outside the panel, an
// estimation window too short, or outcome years missing after the origin. The team shares
// the regions (region i simulated by member i % size) and every member ends with the whole
// result, identical for any team size.
Backtest run_backtest(const Panel& panel, const BacktestSettings& settings, Team& team);

// The table `lissim backtest` prints.
std::string backtest_table(const Backtest& backtest);

}  // namespace lissim::sim
