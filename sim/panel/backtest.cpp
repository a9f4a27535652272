#include "sim/panel/backtest.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "models/regional_differential.h"
#include "sim/errors.h"
#include "sim/random/philox_stream.h"

namespace lissim::sim {

namespace {

constexpr int kValuesPerHorizon = 10;  // 7 quantiles, PIT, CRPS, interval score
constexpr int kComponents = 3;         // random numbers per region, year and use

// One region's predictive sample of y(o + h) for each horizon, sorted, from the model block.
std::vector<std::vector<double>> simulate_region(const models::DifferentialParameters& p, double published_origin,
                                                 const PhiloxStream& stream, std::uint32_t region,
                                                 const std::vector<int>& horizons, std::int64_t draws) {
  const int longest = *std::max_element(horizons.begin(), horizons.end());
  const auto normals = [&](std::uint32_t year, std::uint32_t component) {
    models::DrawArray z(draws);
    for (std::int64_t d = 0; d < draws; ++d)
      z[d] = stream.normal(static_cast<std::uint64_t>(d), year, region * kComponents + component);
    return z;
  };
  // The true value at the origin is the published one minus its noise (docs/model.md section 11).
  const models::DrawArray truth_origin = published_origin - p.noise_sd * normals(0, 0);
  models::DifferentialState state = models::start_differential(p, normals(0, 1), normals(0, 2));
  std::vector<std::vector<double>> samples;
  for (int k = 1; k <= longest; ++k) {
    const auto year = static_cast<std::uint32_t>(k);
    models::advance_differential(p, normals(year, 0), normals(year, 1), state);
    if (std::find(horizons.begin(), horizons.end(), k) == horizons.end()) continue;
    const models::DrawArray published = models::published_value(truth_origin + state.value(), p.noise_sd, normals(year, 2));
    std::vector<double> sample(published.data(), published.data() + published.size());
    std::sort(sample.begin(), sample.end());
    samples.push_back(std::move(sample));
  }
  // In the order of `horizons` (the loop above visits them ascending).
  std::vector<int> ascending = horizons;
  std::sort(ascending.begin(), ascending.end());
  std::vector<std::vector<double>> ordered;
  for (const int h : horizons)
    ordered.push_back(samples[static_cast<std::size_t>(std::find(ascending.begin(), ascending.end(), h) - ascending.begin())]);
  return ordered;
}

// The trend rule's pooled errors before the origin, fitted to a + b h.
RuleVariance fit_trend_rule(const std::vector<std::map<int, double>>& pool, int first_year, int origin, int longest,
                            const std::string& what) {
  const int horizons = std::min(longest, origin - (first_year + 2));
  if (horizons < 2)
    throw InputError("window too short for the trend rule: " + what + " starts in " + std::to_string(first_year) +
                     ", so origin " + std::to_string(origin) + " leaves fewer than two horizons of its errors");
  ErrorMoments m;
  const auto regions = static_cast<Eigen::Index>(pool.size());
  m.count = Eigen::ArrayXXd::Zero(regions, horizons);
  m.sum = m.count;
  m.sum_squares = m.count;
  for (Eigen::Index i = 0; i < regions; ++i) {
    const auto& y = pool[static_cast<std::size_t>(i)];
    for (int o = first_year + 2; o < origin; ++o) {
      const int k = std::min(5, o - 1 - first_year);
      if (!y.count(o) || !y.count(o - 1) || !y.count(o - 1 - k)) continue;
      const double slope = (y.at(o - 1) - y.at(o - 1 - k)) / k;
      for (int h = 1; h <= horizons && o + h <= origin; ++h) {
        if (!y.count(o + h)) continue;
        const double e = y.at(o + h) - y.at(o) - h * slope;
        m.count(i, h - 1) += 1;
        m.sum_squares(i, h - 1) += e * e;
      }
    }
  }
  Eigen::ArrayXd mean_square, pairs;
  pooled_mean_squares(m, Eigen::ArrayXd::Ones(regions), mean_square, pairs);
  const VarianceFit fit = fit_error_variance(mean_square, pairs, 0.0);
  return {2 * fit.noise2, fit.sigma2, horizons};
}

std::string itl1_parent(const std::string& code) { return code.substr(0, std::min<std::size_t>(3, code.size())); }

void check_settings(const BacktestSettings& settings) {
  if (settings.horizons.empty()) throw InputError("--horizons: none given");
  for (const int h : settings.horizons)
    if (h < 1) throw InputError("--horizons: got " + std::to_string(h) + ", must be at least 1");
  if (settings.draws < 100) throw InputError("--draws: got " + std::to_string(settings.draws) + ", must be at least 100");
}

// Each region's cluster (its ITL1 parent) as a number from 0, in order of first appearance.
std::vector<int> cluster_indices(const std::vector<std::string>& clusters) {
  std::map<std::string, int> cluster_ids;
  for (const auto& c : clusters) cluster_ids.emplace(c, static_cast<int>(cluster_ids.size()));
  std::vector<int> cluster;
  for (const auto& c : clusters) cluster.push_back(cluster_ids.at(c));
  return cluster;
}

// The series' first year, after checking that the panel holds the origin, every outcome and
// enough years before the origin to estimate from; `what` names the series for errors.
int check_window(const Panel& panel, const BacktestSettings& settings, int min_horizons, PanelSeries series,
                 std::string& what) {
  const auto [first, last] = panel.years(source_series(series));
  what = std::string(source_series(series)) + " (" + std::to_string(first) + "-" + std::to_string(last) + " in " +
         panel.file() + ")";
  if (settings.origin < first || settings.origin > last)
    throw InputError("origin " + std::to_string(settings.origin) + " is outside the panel: " + what);
  for (const int h : settings.horizons)
    if (settings.origin + h > last)
      throw InputError("origin " + std::to_string(settings.origin) + " at horizon " + std::to_string(h) + " needs " +
                       source_series(series) + " for " + std::to_string(settings.origin + h) + ", after the panel's last year: " +
                       what + "; a backtest needs its outcomes");
  if (settings.origin - first < min_horizons)
    throw InputError("window too short to estimate: " + what + " leaves " + std::to_string(settings.origin - first + 1) +
                     " years up to origin " + std::to_string(settings.origin) + "; the fit needs at least " +
                     std::to_string(min_horizons + 1));
  return first;
}

// Each region's relative series as known at the origin (`pool`) and as it turned out (`outcomes`).
struct RegionSeries {
  std::vector<std::map<int, double>> pool, outcomes;
};

RegionSeries region_series(const Panel& panel, const Panel& estimation, const Backtest& bt, PanelSeries series) {
  const BacktestSettings& settings = bt.settings;
  RegionSeries r;
  for (const auto& code : bt.codes) {
    const PanelRegion region = parse_region(panel, code);
    r.pool.push_back(relative_series(estimation, region, series, settings.origin));
    r.outcomes.push_back(relative_series(panel, region, series, settings.origin));
    for (const int year : {settings.origin, settings.origin - 1})
      if (!r.pool.back().count(year))
        throw InputError(panel.file() + ": no " + source_series(series) + " for " + code + " in " + std::to_string(year) +
                         " (the origin needs it)");
    for (const int h : settings.horizons)
      if (!r.outcomes.back().count(settings.origin + h))
        throw InputError(panel.file() + ": no " + std::string(source_series(series)) + " for " + code + " in " +
                         std::to_string(settings.origin + h) + ", the outcome of origin " +
                         std::to_string(settings.origin) + " at horizon " + std::to_string(h));
  }
  return r;
}

// The model's scores for every region, each row 10 values a horizon (kValuesPerHorizon): each
// member simulates the regions it owns, then everyone gathers everyone's.
std::vector<std::vector<double>> simulate_regions(const Panel& panel, const Backtest& bt, const SeriesBacktest& s,
                                                  const RegionSeries& r, Team& team) {
  const BacktestSettings& settings = bt.settings;
  const auto regions = bt.codes.size();
  const PhiloxStream stream(settings.seed, std::string("backtest/") + series_name(s.series));
  std::vector<double> mine;
  for (std::size_t i = 0; i < regions; ++i) {
    if (team.owner(i) != team.rank()) continue;
    SeriesCalibration own = s.calibration;
    describe_region(panel, parse_region(panel, bt.codes[i]), settings.calibration, own);
    const auto samples = simulate_region(own.parameters(), r.pool[i].at(settings.origin), stream,
                                         static_cast<std::uint32_t>(i), settings.horizons, settings.draws);
    mine.push_back(static_cast<double>(i));
    for (std::size_t k = 0; k < settings.horizons.size(); ++k) {
      const double y = r.outcomes[i].at(settings.origin + settings.horizons[k]);
      for (const double level : kBacktestQuantileLevels) mine.push_back(quantile_sorted(samples[k], level));
      mine.push_back(pit_sample(samples[k], y));
      mine.push_back(crps_sample(samples[k], y));
      mine.push_back(interval_score(quantile_sorted(samples[k], 0.05), quantile_sorted(samples[k], 0.95), 0.1, y));
    }
  }
  const std::size_t stride = 1 + kValuesPerHorizon * settings.horizons.size();
  std::vector<std::vector<double>> per_region(regions);
  for (const auto& part : team.gather(mine))
    for (std::size_t at = 0; at + stride <= part.size(); at += stride)
      per_region[static_cast<std::size_t>(part[at])].assign(part.begin() + static_cast<long>(at) + 1,
                                                            part.begin() + static_cast<long>(at + stride));
  for (std::size_t i = 0; i < regions; ++i)
    if (per_region[i].size() != stride - 1)
      throw Error(ExitCode::internal, "backtest: no results for region " + bt.codes[i] + " from rank " +
                                          std::to_string(team.owner(i)));
  return per_region;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (const double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

// The scores at the k-th horizon: the model's per region, the two rules' beside them, and their
// means, coverage and paired differences over the regions.
HorizonScores score_horizon(const Backtest& bt, const SeriesBacktest& s, const RegionSeries& r,
                            const std::vector<std::vector<double>>& per_region, const std::vector<int>& cluster,
                            std::size_t k) {
  const BacktestSettings& settings = bt.settings;
  HorizonScores hs;
  const int h = settings.horizons[k];
  hs.horizon = h;
  std::vector<bool> inside50, inside90;
  for (std::size_t i = 0; i < bt.codes.size(); ++i) {
    const double* v = per_region[i].data() + k * kValuesPerHorizon;
    const double y = r.outcomes[i].at(settings.origin + h);
    std::array<double, 7> q{};
    std::copy(v, v + 7, q.begin());
    hs.quantiles.push_back(q);
    hs.realised.push_back(y);
    hs.pit.push_back(v[7]);
    hs.crps.push_back(v[8]);
    hs.interval_score.push_back(v[9]);
    inside50.push_back(y >= q[2] && y <= q[4]);
    inside90.push_back(y >= q[0] && y <= q[6]);
    const auto& pool = r.pool[i];
    const double y0 = pool.at(settings.origin);
    const double slope = (pool.at(settings.origin - 1) - pool.at(settings.origin - 1 - s.trend_years)) / s.trend_years;
    const auto gaussian = [&](double mean, double sd, std::vector<double>& crps, std::vector<double>& is,
                              std::vector<double>& means, std::vector<double>& sds) {
      crps.push_back(crps_gaussian(mean, sd, y));
      is.push_back(interval_score(mean - 1.6448536269514722 * sd, mean + 1.6448536269514722 * sd, 0.1, y));
      means.push_back(mean);
      sds.push_back(sd);
    };
    gaussian(y0, s.no_change.sd(h), hs.crps_no_change, hs.interval_score_no_change, hs.no_change_mean, hs.no_change_sd);
    gaussian(y0 + h * slope, s.trend.sd(h), hs.crps_trend, hs.interval_score_trend, hs.trend_mean, hs.trend_sd);
  }
  hs.coverage_50 = coverage_interval(inside50, cluster, 0.5);
  hs.coverage_90 = coverage_interval(inside90, cluster, 0.9);
  hs.crps_mean = mean_of(hs.crps);
  hs.crps_no_change_mean = mean_of(hs.crps_no_change);
  hs.crps_trend_mean = mean_of(hs.crps_trend);
  hs.interval_score_mean = mean_of(hs.interval_score);
  hs.interval_score_no_change_mean = mean_of(hs.interval_score_no_change);
  hs.interval_score_trend_mean = mean_of(hs.interval_score_trend);
  hs.versus_no_change = paired_difference(hs.crps, hs.crps_no_change, cluster);
  hs.versus_trend = paired_difference(hs.crps, hs.crps_trend, cluster);
  return hs;
}

// One series: the pool's calibration at the origin, the two rules fitted to their own errors
// before it, the model's simulation and the scores at every horizon.
SeriesBacktest backtest_series(const Panel& panel, const Panel& estimation, const Backtest& bt,
                               const std::vector<int>& cluster, PanelSeries series, Team& team) {
  const BacktestSettings& settings = bt.settings;
  std::string what;
  const int first = check_window(panel, settings, settings.calibration.min_horizons, series, what);
  SeriesBacktest s;
  s.series = series;
  s.calibration = calibrate_pool(panel, series, settings.level, settings.calibration);
  const RegionSeries r = region_series(panel, estimation, bt, series);
  {
    Eigen::ArrayXd mean_square, pairs;
    pooled_mean_squares(s.calibration.moments, Eigen::ArrayXd::Ones(static_cast<Eigen::Index>(bt.codes.size())),
                        mean_square, pairs);
    const VarianceFit fit = fit_error_variance(mean_square, pairs, 0.0);
    s.no_change = {2 * fit.noise2, fit.sigma2, s.calibration.moments.max_horizon};
  }
  s.trend = fit_trend_rule(r.pool, first, settings.origin, settings.calibration.max_horizon, what);
  s.trend_years = std::min(5, settings.origin - 1 - first);

  const auto per_region = simulate_regions(panel, bt, s, r, team);
  for (std::size_t k = 0; k < settings.horizons.size(); ++k)
    s.horizons.push_back(score_horizon(bt, s, r, per_region, cluster, k));
  return s;
}

}  // namespace

double RuleVariance::sd(int h) const { return std::sqrt(a + b * h); }

Backtest run_backtest(const Panel& panel, const BacktestSettings& settings, Team& team) {
  check_settings(settings);
  Backtest bt;
  bt.settings = settings;
  bt.settings.calibration.base_year = settings.origin;
  bt.panel_folder = panel.folder();
  bt.panel_file = panel.file();
  bt.panel_sha256 = panel.file_sha256();
  bt.codes = panel.codes_at_level(settings.level);
  if (bt.codes.size() < 3)
    throw InputError(panel.file() + ": level " + settings.level + " has " + std::to_string(bt.codes.size()) +
                     " areas; a backtest needs at least 3");
  for (const auto& code : bt.codes) bt.clusters.push_back(itl1_parent(code));
  const std::vector<int> cluster = cluster_indices(bt.clusters);

  const Panel estimation = panel.up_to(settings.origin);  // every estimate below uses this alone
  for (const PanelSeries series : settings.series)
    bt.series.push_back(backtest_series(panel, estimation, bt, cluster, series, team));
  return bt;
}

std::string backtest_table(const Backtest& bt) {
  std::ostringstream out;
  char line[320];
  std::snprintf(line, sizeof line, "Backtest from %d: %zu %s regions, %lld draws, y = ln(region / UK), conditional on the national outturn\n",
                bt.settings.origin, bt.codes.size(), bt.settings.level.c_str(), static_cast<long long>(bt.settings.draws));
  out << line;
  out << "series        h  cover50 [95% interval]  cover90 [95% interval]    CRPS no-change   trend  model - no-change (se)  model - trend (se)\n";
  for (const auto& s : bt.series)
    for (const auto& h : s.horizons) {
      std::snprintf(line, sizeof line,
                    "%-12s %2d  %5.2f [%4.2f, %4.2f]      %5.2f [%4.2f, %4.2f]      %6.4f    %6.4f  %6.4f  %+9.5f (%7.5f)     %+8.5f (%7.5f)\n",
                    series_name(s.series), h.horizon, h.coverage_50.coverage, h.coverage_50.low, h.coverage_50.high,
                    h.coverage_90.coverage, h.coverage_90.low, h.coverage_90.high, h.crps_mean, h.crps_no_change_mean,
                    h.crps_trend_mean, h.versus_no_change.mean, h.versus_no_change.se, h.versus_trend.mean,
                    h.versus_trend.se);
      out << line;
    }
  out << "Parameters (estimated up to the origin; tau and kappa marked priors):\n";
  for (const auto& s : bt.series) {
    std::snprintf(line, sizeof line,
                  "  %-12s sigma %.4f [%.4f, %.4f]  noise_sd %.4f [%.4f, %.4f]  tau %.4f (prior)  window %d-%d\n"
                  "  %-12s no-change rule var %.2e + %.2e h; trend rule (k = %d) var %.2e + %.2e h\n",
                  series_name(s.series), s.calibration.sigma.value, s.calibration.sigma.low, s.calibration.sigma.high,
                  s.calibration.noise_sd.value, s.calibration.noise_sd.low, s.calibration.noise_sd.high,
                  s.calibration.priors.tau.value, s.calibration.window_first, s.calibration.window_last, "",
                  s.no_change.a, s.no_change.b, s.trend_years, s.trend.a, s.trend.b);
    out << line;
  }
  out << "Coverage intervals: 1.96 x max(binomial se at the nominal level, cluster-robust se over ITL1 parents).\n"
         "CRPS in natural-log points; a negative difference favours the model, beyond 2 se is a clear difference.\n";
  return out.str();
}

}  // namespace lissim::sim
