// Interventions built on evidence types (tests/data/evidence, tests/data/tiny_evidence.yaml)
// against hand calculations: the unit conversion of the library's counts and money, the
// additionality chain per outcome and view, the employment channel and its valuation, the
// appraisal period past the horizon, and the sanity-check warnings. The tiny region has no
// shocks, so every number is a closed form.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "run_lissim.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/simulator.h"
#include "tiny_region.h"

using namespace lissim;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using models::AppraisalMeasure;
using models::View;
using sim::InterventionSeries;

namespace {

constexpr int kSupport = 0, kWork = 1, kAll = 2;
constexpr int kHorizon = 6;   // 2020
constexpr int kEnd = 12;      // 2026: ten years after the 2016 spend

sim::Scenario tiny_evidence(const std::vector<std::string>& sets = {}) {
  sim::LoadOptions options;
  options.sets = sets;
  return sim::load_scenario(test::source_path("tests/data/tiny_evidence.yaml"), options);
}

double discount(int t) { return 1.0 / std::pow(1.035, t); }
using test::tiny_region::gva_per_hour0;
using test::tiny_region::jobs0;
using test::tiny_region::kHours;
// The region's average GVA per job (GBP m): the work taken by residents moved into work.
double average_gva_per_job(int t) {
  double gva = 0, jobs = 0;
  for (int s = 0; s < 2; ++s) {
    gva += kHours[s] * gva_per_hour0(s, t) * jobs0(s, t);
    jobs += jobs0(s, t);
  }
  return gva / jobs / 1e6;
}

// support: GBP 1m in 2016 (t = 2), lag 0, ramp 0, persistence 1, all on alpha (base-year GVA
// 1000 x 1500 x 20 = GBP 30m). Jobs: 20 gross x (0.9)(0.6)(0.75)(1)(1.2) = 9.72 net locally,
// 0 in the UK view (displacement 1). Productivity: GBP 0.3m a year on GBP 30m = 1% gross per
// GBP 1m; x (0.6)(0.9) = 0.54% locally, x (0.6)(0.8) = 0.48% in the UK view.
constexpr double kSupportJobs = 20 * 0.9 * 0.6 * 0.75 * 1.2;
constexpr double kUpliftLocal = 0.01 * 0.6 * 0.9, kUpliftNational = 0.01 * 0.6 * 0.8;
// work: GBP 2m in 2016, lag 0, ramp 1, persistence 0.5: effective spend 1, 2, 1, 0.5, ... from
// 2016; 400 starts x 0.25 sustained = 100 gross per GBP 1m, x (0.4)(0.8) = 32 net per GBP 1m
// in both views (labour supply counts in the UK view).
double work_effective(int t) {
  if (t < 2) return 0;
  if (t == 2) return 1;
  return 2 * std::pow(0.5, t - 3);
}
constexpr double kWorkNetPerM = 100 * 0.4 * 0.8;

double series(const sim::BlockValues& b, const sim::SeriesLayout& l, int i, InterventionSeries s, int t) {
  return b.series[static_cast<std::size_t>(l.intervention_series(i, s))](0, t);
}
double measure(const sim::BlockValues& b, const sim::SeriesLayout& l, int i, View v, AppraisalMeasure m) {
  return b.draw_values[static_cast<std::size_t>(l.draw_value_index(i, v, m))][0];
}

}  // namespace

TEST_CASE("evidence types: converted units, the chain per outcome and view, the employment channel", "[evidence]") {
  const sim::Scenario s = tiny_evidence();
  REQUIRE(s.interventions.size() == 2);
  REQUIRE(s.interventions[kSupport].evidence);
  CHECK(s.interventions[kSupport].evidence->type == "tiny_support");
  CHECK(s.interventions[kWork].name == "Tiny employment support");
  CHECK(s.appraisal_end_year == 2026);
  const sim::Simulator sim(s);
  sim::BlockValues b;
  sim.run(0, 1, b);
  const auto& l = sim.layout();
  for (int t = 0; t <= kHorizon; ++t) {
    INFO("year " << 2014 + t);
    const double on = t >= 2 ? 1.0 : 0.0;
    CHECK_THAT(series(b, l, kSupport, InterventionSeries::jobs_local, t), WithinAbs(on * kSupportJobs, 1e-12));
    CHECK(series(b, l, kSupport, InterventionSeries::jobs_national, t) == 0.0);
    const double value = kHours[0] * gva_per_hour0(0, t) / 1e6;
    CHECK_THAT(series(b, l, kSupport, InterventionSeries::gva_local, t),
               WithinAbs(on * value * (kUpliftLocal * jobs0(0, t) + kSupportJobs + kUpliftLocal * kSupportJobs), 1e-12));
    CHECK_THAT(series(b, l, kSupport, InterventionSeries::gva_national, t),
               WithinAbs(on * value * kUpliftNational * jobs0(0, t), 1e-12));
    const double residents = kWorkNetPerM * work_effective(t);
    CHECK_THAT(series(b, l, kWork, InterventionSeries::jobs_local, t), WithinAbs(residents, 1e-12));
    CHECK_THAT(series(b, l, kWork, InterventionSeries::jobs_national, t), WithinAbs(residents, 1e-12));
    CHECK_THAT(series(b, l, kWork, InterventionSeries::gva_local, t),
               WithinAbs(residents * average_gva_per_job(t), 1e-12));
  }
  // The appraisal runs to 2026, valuing 2021-2026 at 2020's levels.
  double work_benefit = 0, work_job_years = 0, support_benefit = 0, support_demand = 0;
  for (int t = 1; t <= kEnd; ++t) {
    const int v = std::min(t, kHorizon);
    const double residents = kWorkNetPerM * work_effective(t);
    work_benefit += discount(t) * residents * average_gva_per_job(v);
    work_job_years += residents;
    const double on = t >= 2 ? 1.0 : 0.0;
    const double value = kHours[0] * gva_per_hour0(0, v) / 1e6;
    support_benefit +=
        discount(t) * on * value * (kUpliftLocal * jobs0(0, v) + kSupportJobs + kUpliftLocal * kSupportJobs);
    support_demand += discount(t) * on * value * kSupportJobs;
  }
  const double work_cost = 2 * discount(2);  // no optimism bias
  CHECK_THAT(measure(b, l, kWork, View::local, AppraisalMeasure::benefit_pv), WithinRel(work_benefit, 1e-12));
  CHECK_THAT(measure(b, l, kWork, View::local, AppraisalMeasure::bcr), WithinRel(work_benefit / work_cost, 1e-12));
  CHECK_THAT(measure(b, l, kWork, View::local, AppraisalMeasure::bcr_without_productivity),
             WithinRel(work_benefit / work_cost, 1e-12));
  CHECK_THAT(measure(b, l, kWork, View::national, AppraisalMeasure::bcr), WithinRel(work_benefit / work_cost, 1e-12));
  CHECK_THAT(measure(b, l, kWork, View::local, AppraisalMeasure::peak_net_jobs), WithinRel(2 * kWorkNetPerM, 1e-12));
  CHECK_THAT(measure(b, l, kWork, View::local, AppraisalMeasure::cost_per_net_job), WithinRel(2e6 / 64, 1e-12));
  CHECK_THAT(measure(b, l, kWork, View::local, AppraisalMeasure::net_job_years), WithinRel(work_job_years, 1e-12));
  CHECK_THAT(measure(b, l, kWork, View::local, AppraisalMeasure::cost_per_net_job_year),
             WithinRel(2e6 / work_job_years, 1e-12));
  const double support_cost = 1.1 * discount(2);
  CHECK_THAT(measure(b, l, kSupport, View::local, AppraisalMeasure::bcr),
             WithinRel(support_benefit / support_cost, 1e-12));
  CHECK_THAT(measure(b, l, kSupport, View::local, AppraisalMeasure::bcr_without_productivity),
             WithinRel(support_demand / support_cost, 1e-12));
  CHECK_THAT(measure(b, l, kSupport, View::local, AppraisalMeasure::cost_per_net_job),
             WithinRel(1e6 / kSupportJobs, 1e-12));
  CHECK(std::isnan(measure(b, l, kSupport, View::national, AppraisalMeasure::cost_per_net_job)));
  CHECK_THAT(measure(b, l, kAll, View::local, AppraisalMeasure::benefit_pv),
             WithinRel(work_benefit + support_benefit, 1e-12));
  CHECK(measure(b, l, kAll, View::local, AppraisalMeasure::public_cost) == 3.0);
}

TEST_CASE("evidence types: overrides need a reason and are checked against the evidence", "[evidence]") {
  const std::string file = test::source_path("tests/data/tiny_evidence.yaml");
  const auto quiet = test::run_lissim("validate " + file);
  CHECK(quiet.exit_code == 0);
  CHECK_THAT(quiet.output, !Catch::Contains("warning"));
  // 2 gross jobs per GBP 1m: GBP 1e6 / (2 x 0.486) = GBP 1,028,807 per net job, above 150,000.
  const std::string set = " --set 'interventions[support].channels.jobs.gross_per_gbp_m=2'";
  const auto unexplained = test::run_lissim("validate " + file + set);
  CHECK(unexplained.exit_code == 2);
  CHECK_THAT(unexplained.output, Catch::Contains("tiny_evidence.yaml:12:"));
  CHECK_THAT(unexplained.output, Catch::Contains("say why the scenario knows better in `source`"));
  const auto explained = test::run_lissim("validate " + file + set + " --set 'interventions[support].source=own survey'");
  CHECK(explained.exit_code == 0);
  CHECK_THAT(explained.output, Catch::Contains("warning: intervention support (evidence type tiny_support): "
                                               "channels.jobs.gross_per_gbp_m has central value 2, outside the range "
                                               "the evidence supports, 20 to 20"));
  CHECK_THAT(explained.output, Catch::Contains("central cost per net job GBP 1028807"));
  CHECK_THAT(explained.output, Catch::Contains("GBP 20000 to 150000 (test_evaluation: Table 4)"));
}

TEST_CASE("evidence types: run warns when simulated results leave the evidence range", "[evidence]") {
  const std::string out = "/tmp/lissim_test_evidence_" + std::to_string(::getpid()) + ".h5";
  // Appraised over 2015-2017 only, support returns about GBP 0.9m on GBP 1.03m: a BCR below 1.
  const auto r = test::run_lissim("run " + test::source_path("tests/data/tiny_evidence.yaml") +
                                  " --set appraisal.end_year=2017 -q --force -o " + out);
  std::remove(out.c_str());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("warning: intervention support (evidence type tiny_support): simulated median "
                                       "BCR (local view)"));
  CHECK_THAT(r.output, Catch::Contains("outside the range the evidence supports, 1 to 4 (test_evaluation: Table 5)"));
}

TEST_CASE("employment channel: residents moved into work raise the employment and activity rates", "[evidence]") {
  // Without support's jobs the population path is the counterfactual's, so the effects are
  // closed forms: +100 N / P on the employment rate, +100 x 0.4 N / P on the activity rate.
  const sim::Scenario s = tiny_evidence({"interventions[support].spend_gbp_m={2016: 0}"});
  const sim::Simulator sim(s);
  sim::BlockValues b;
  sim.run(0, 1, b);
  const auto& l = sim.layout();
  auto value = [&](int path, models::Indicator i, int t) {
    return b.series[static_cast<std::size_t>(l.indicator_series(path, i))](0, t);
  };
  constexpr int kScenario = 0, kCounterfactual = 1, kEffect = 2;
  for (int t = 0; t <= kHorizon; ++t) {
    INFO("year " << 2014 + t);
    const double population = value(kCounterfactual, models::Indicator::working_age_population, t);
    CHECK(value(kScenario, models::Indicator::working_age_population, t) == population);
    const double residents = kWorkNetPerM * work_effective(t);
    CHECK_THAT(value(kEffect, models::Indicator::employment_rate, t), WithinAbs(100 * residents / population, 1e-10));
    CHECK_THAT(value(kEffect, models::Indicator::activity_rate, t),
               WithinAbs(100 * 0.4 * residents / population, 1e-10));
    CHECK_THAT(value(kEffect, models::Indicator::employment_rate_gap, t),
               WithinAbs(-100 * residents / population, 1e-10));
    CHECK(value(kEffect, models::Indicator::jobs, t) == 0.0);  // labour supply: no new workplace jobs
  }
}
