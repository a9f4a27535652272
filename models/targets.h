#pragma once
// SEP targets as data (docs/model.md section 10): a rule on an indicator, judged per draw.
#include <string>
#include <string_view>

#include "models/indicators.h"

namespace lissim::models {

enum class TargetRule {
  at_least,                  // X(t) >= threshold
  at_most,                   // X(t) <= threshold
  reduce_by,                 // X(t) <= (1 - threshold) X(base)
  share_of_growth_at_least,  // 100 (N(t) - N(base)) / (D(t) - D(base)) >= threshold, D(t) - D(base) > 0
};

std::string_view rule_name(TargetRule rule);
// Parses a rule name; false if unknown.
bool parse_rule(std::string_view name, TargetRule& rule);

// docs/model.md section 11: the published series a monitoring report would judge the target by. Its value is
// the true value plus noise that does not accumulate: n(t) = a n(t-1) + sqrt(1 - a^2) sd z(t),
// n(t0) = sd z(t0). The published base-year value is the seed data, so the true base value is
// published minus n(t0). additive: noise in the indicator's units (for a share of growth: pp of
// the numerator's share of the denominator); relative: noise on the log of the jobs level, and
// the published figure's definition drifts from the modelled one by ln k(t), a random walk.
enum class MeasurementNoise { none, additive, relative };

std::string_view noise_name(MeasurementNoise noise);

struct PublishedSeries {
  std::string series;          // what is published (e.g. "APS 16-64 employment rate, LEP minus ExL")
  MeasurementNoise noise = MeasurementNoise::none;
  double noise_sd = 0;         // indicator units (additive) or log points (relative)
  double autocorrelation = 0;  // a, year to year
  double drift_sd = 0;         // relative only: sd of the annual steps of ln k
  double base_ratio = 1;       // relative only: k(t0), the published measure over filled jobs in the base year
};

struct Target {
  std::string id;
  std::string description;
  Indicator indicator = Indicator::jobs;
  TargetRule rule = TargetRule::at_least;
  double threshold = 0;                     // in the indicator's units (a fraction for reduce_by)
  Indicator numerator = Indicator::better_jobs;  // share_of_growth_at_least only
  Indicator denominator = Indicator::jobs;       // share_of_growth_at_least only
  PublishedSeries published;
};

using MetArray = Eigen::Array<bool, Eigen::Dynamic, 1>;

// Whether each draw meets the target in the year of `now`, given the base-year values, with the
// values as simulated (the simulation starts from the published base-year data).
MetArray target_met(const Target& target, const IndicatorValues& now, const IndicatorValues& base);

// The noise of one target's published series for a block of draws (docs/model.md section 11).
struct MeasurementNoiseState {
  DrawArray base;   // n(t0)
  DrawArray now;    // n(t)
  DrawArray drift;  // ln k(t) - ln k(t0)
};

MeasurementNoiseState start_measurement(const PublishedSeries& p, const DrawArray& z_base);
void advance_measurement(const PublishedSeries& p, const DrawArray& z, const DrawArray& z_drift,
                         MeasurementNoiseState& state);

struct TargetJudgement {
  MetArray met;     // true(t) against true(t0): the target is met
  MetArray judged;  // published(t) against the published base value: a monitoring report says so
};

// Both judgements. The true path is the simulated one shifted by the base-year noise (the model
// starts from the published data): true = simulated - n(t0) (additive) or x exp(-n(t0)) (relative).
// A relative target is judged on its own measure k(t) x jobs, true and published alike.
TargetJudgement judge_target(const Target& target, const IndicatorValues& now, const IndicatorValues& base,
                             const MeasurementNoiseState& noise);

}  // namespace lissim::models
