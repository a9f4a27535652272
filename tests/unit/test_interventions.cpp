// Interventions and appraisal against hand calculations (docs/interventions.md).
// The fixture tests/data/tiny_interventions.yaml has no shocks and
// fixed parameters, so every number below is a closed form.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "models/appraisal.h"
#include "models/intervention_timing.h"
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

// Interventions are held in id order: adoption, skills, then the package.
constexpr int kAdoption = 0, kSkills = 1, kAll = 2;
constexpr int kYears = 11;  // 2014-2024

sim::Scenario tiny(const std::vector<std::string>& sets = {}) {
  sim::LoadOptions options;
  options.sets = sets;
  return sim::load_scenario(test::source_path("tests/data/tiny_interventions.yaml"), options);
}

double discount(int t) { return 1.0 / std::pow(1.035, t); }

// Skills: spend 2 in 2016 and 2017, lag 1, ramp 1, persistence 0.5; each cohort decays on its
// own clock once it has reached its full effect. Effective spend E(t) by year index (2014 = 0),
// worked through by hand (the appraisal period runs to 2027, ten years after the last spend):
//   2017: the 2016 cohort at age 0 gives half its effect: 1
//   2018: 2016 cohort full (2) + 2017 cohort half (1) = 3
//   2019: 2016 cohort decayed a year (1) + 2017 cohort full (2) = 3
//   2020: 0.5 + 1 = 1.5; then halving every year.
constexpr int kAppraisalYears = 14;  // 2014-2027
const double kSkillsEffective[kAppraisalYears] = {0, 0, 0, 1, 3, 3, 1.5, 0.75, 0.375, 0.1875, 0.09375,
                                                  0.046875, 0.0234375, 0.01171875};
// Net / gross for jobs: (1 - 0.1)(1 - 0.2)(1 - 0.25)(1 - 0) 1.5 locally; (1 - 0.2)(1 - 0.75), no
// multiplier, in the UK view.
constexpr double kSkillsLocal = 0.9 * 0.8 * 0.75 * 1.5, kSkillsNational = 1.0 * 0.8 * 0.25 * 1.0;

using test::tiny_region::gva_per_hour0;
using test::tiny_region::jobs0;
using test::tiny_region::kHours;

double series(const sim::BlockValues& b, const sim::SeriesLayout& l, int intervention, InterventionSeries s, int t) {
  return b.series[static_cast<std::size_t>(l.intervention_series(intervention, s))](0, t);
}

double measure(const sim::BlockValues& b, const sim::SeriesLayout& l, int intervention, View v, AppraisalMeasure m) {
  return b.draw_values[static_cast<std::size_t>(l.draw_value_index(intervention, v, m))][0];
}

}  // namespace

TEST_CASE("additionality: net is gross times the whole chain, for every outcome", "[interventions]") {
  models::Additionality a;
  auto one = [](double x) { return models::DrawArray::Constant(1, x); };
  a.leakage = one(0.1);
  a.deadweight = one(0.3);
  a.displacement = one(0.25);
  a.substitution = one(0.05);
  a.multiplier = one(1.4);
  CHECK_THAT(a.net_share()[0], WithinRel(0.9 * 0.7 * 0.75 * 0.95 * 1.4, 1e-15));
}

TEST_CASE("ramp: a cohort reaches its full effect ramp years after it starts", "[interventions]") {
  CHECK(models::ramp_share(-1, 2) == 0.0);
  CHECK_THAT(models::ramp_share(0, 2), WithinRel(1.0 / 3, 1e-15));
  CHECK_THAT(models::ramp_share(1, 2), WithinRel(2.0 / 3, 1e-15));
  CHECK(models::ramp_share(2, 2) == 1.0);
  CHECK(models::ramp_share(10, 2) == 1.0);
  CHECK(models::ramp_share(0, 0) == 1.0);
  // Fractional lags interpolate: continuous in the lag.
  CHECK_THAT(models::ramp_share(-0.5, 0), WithinRel(0.5, 1e-15));
}

TEST_CASE("effective spend follows lag, ramp and persistence by hand", "[interventions]") {
  models::InterventionDesign d;
  d.spend = Eigen::ArrayXd::Zero(kYears);
  d.spend[2] = 2.0;
  d.spend[3] = 2.0;
  models::InterventionDraws draws;
  draws.lag = models::DrawArray::Constant(2, 1.0);
  draws.ramp = models::DrawArray::Constant(2, 1.0);
  draws.persistence = models::DrawArray::Constant(2, 0.5);
  draws.lag[1] = 1.5;  // half a year later: half way between the lag-1 and lag-2 profiles
  for (int t = 0; t < kAppraisalYears; ++t) {  // past the spend array: the appraisal period
    INFO("year index " << t);
    const models::DrawArray e = models::effective_spend(d, t, draws);
    CHECK_THAT(e[0], WithinAbs(kSkillsEffective[t], 1e-15));
    // Lag 1.5: cohorts ramp (a + 1) / 2 with a = t - tau - 1.5, then decay 0.5^max(0, a - 1).
    double expected = 0;
    for (int tau : {2, 3}) {
      const double a = t - tau - 1.5;
      expected += 2.0 * models::ramp_share(a, 1.0) * std::pow(0.5, std::max(0.0, a - 1.0));
    }
    CHECK_THAT(e[1], WithinAbs(expected, 1e-15));
  }
  models::InterventionDesign none = d;
  none.spend.setZero();
  CHECK(none.last_spend_year() == -1);
  CHECK((models::effective_spend(none, 5, draws) == 0.0).all());
}

TEST_CASE("cohorts: the last spend reaches its full effect before it decays", "[interventions]") {
  // The old rule started every cohort's decay at the last spend + lag, so a last cohort with a
  // ramp never reached its full effect. Now: ramp 3, persistence 0.5, spend only in year 5.
  CHECK(models::cohort_weight(-1.0, 3.0, 0.5) == 0.0);
  CHECK_THAT(models::cohort_weight(0.0, 3.0, 0.5), WithinRel(0.25, 1e-15));
  CHECK_THAT(models::cohort_weight(2.0, 3.0, 0.5), WithinRel(0.75, 1e-15));
  CHECK(models::cohort_weight(3.0, 3.0, 0.5) == 1.0);  // full effect, then decay
  CHECK_THAT(models::cohort_weight(4.0, 3.0, 0.5), WithinRel(0.5, 1e-15));
  CHECK_THAT(models::cohort_weight(5.5, 3.0, 0.5), WithinRel(std::pow(0.5, 2.5), 1e-15));
  models::InterventionDesign d;
  d.spend = Eigen::ArrayXd::Zero(8);
  d.spend[2] = 1.0;
  d.spend[5] = 1.0;
  models::InterventionDraws draws;
  draws.lag = models::DrawArray::Constant(1, 0.0);
  draws.ramp = models::DrawArray::Constant(1, 3.0);
  draws.persistence = models::DrawArray::Constant(1, 0.5);
  // Year 8: the year-5 cohort at age 3 is at full effect (1); the year-2 cohort at age 6 has
  // decayed three years since its full effect (1/8).
  CHECK_THAT(models::effective_spend(d, 8, draws)[0], WithinRel(1.0 + 0.125, 1e-15));
}

TEST_CASE("saturation: same first-pound effect, monotone, concave, bounded, half at the half-saturation spend",
          "[interventions]") {
  models::InterventionDesign d;
  d.saturates = true;
  models::InterventionDraws draws;
  const double h = 20.0;
  draws.half_saturation = models::DrawArray::Constant(201, h);
  models::DrawArray spend(201);
  for (Eigen::Index i = 0; i < spend.size(); ++i) spend[i] = 0.5 * static_cast<double>(i);
  const models::DrawArray s = models::saturated_spend(d, spend, draws);
  const double bound = h / std::log(2.0);
  CHECK(s[0] == 0.0);
  CHECK_THAT(s[1] / spend[1], WithinRel(1.0, 0.02));  // slope 1 at zero
  for (Eigen::Index i = 1; i < s.size(); ++i) {
    CHECK(s[i] > s[i - 1]);
    CHECK(s[i] < bound);
    CHECK(s[i] <= spend[i]);
    if (i + 1 < s.size()) CHECK(s[i + 1] - s[i] < s[i] - s[i - 1]);
  }
  CHECK_THAT(s[40], WithinRel(bound / 2, 1e-12));  // spend 20 = h: half the maximum
  d.saturates = false;
  CHECK((models::saturated_spend(d, spend, draws) == spend).all());
}

TEST_CASE("complementarity: the skills factor rises linearly to one", "[interventions]") {
  models::InterventionDraws draws;
  draws.share_without_skills = models::DrawArray::Constant(3, 0.6);
  draws.skills_spend_for_full_effect = models::DrawArray::Constant(3, 5.0);
  models::DrawArray skills(3);
  skills << 0.0, 2.5, 50.0;
  const models::DrawArray k = models::skills_factor(draws, skills);
  CHECK(k[0] == 0.6);
  CHECK_THAT(k[1], WithinRel(0.8, 1e-15));
  CHECK(k[2] == 1.0);
}

TEST_CASE("value-for-money bands and discounting", "[interventions]") {
  CHECK(models::vfm_band(0.99) == 0);
  CHECK(models::vfm_band(1.0) == 1);
  CHECK(models::vfm_band(1.5) == 2);
  CHECK(models::vfm_band(3.99) == 3);
  CHECK(models::vfm_band(4.0) == 4);
  CHECK(models::vfm_band(std::nan("")) == -1);
  CHECK_THAT(models::discount_factor(0.035, 10), WithinRel(1.0 / 1.4105987606, 1e-10));
  Eigen::ArrayXd spend = Eigen::ArrayXd::Zero(4);
  spend << 0, 0, 2, 2;
  CHECK_THAT(models::discounted_spend(spend, 0.035), WithinRel(2 / 1.035 / 1.035 + 2 / std::pow(1.035, 3), 1e-15));
}

TEST_CASE("net additional jobs by year match the hand-computed profile in both views", "[interventions]") {
  const sim::Scenario s = tiny();
  REQUIRE(s.interventions.size() == 2);
  CHECK(s.interventions[kAdoption].design.id == "adoption");
  const sim::Simulator sim(s);
  sim::BlockValues b;
  sim.run(0, 2, b);
  const auto& l = sim.layout();
  for (int t = 0; t < kYears; ++t) {
    INFO("year " << 2014 + t);
    CHECK_THAT(series(b, l, kSkills, InterventionSeries::jobs_local, t),
               WithinAbs(10 * kSkillsEffective[t] * kSkillsLocal, 1e-12));
    CHECK_THAT(series(b, l, kSkills, InterventionSeries::jobs_national, t),
               WithinAbs(10 * kSkillsEffective[t] * kSkillsNational, 1e-12));
    CHECK(series(b, l, kAdoption, InterventionSeries::jobs_local, t) == 0.0);
    CHECK(series(b, l, kAll, InterventionSeries::jobs_local, t) == series(b, l, kSkills, InterventionSeries::jobs_local, t));
    // The scenario path carries the jobs: the effect on alpha's jobs is skills' net jobs.
    const double effect = b.series[static_cast<std::size_t>(l.sector_jobs_series(2, 0))](0, t);
    CHECK_THAT(effect, WithinAbs(10 * kSkillsEffective[t] * kSkillsLocal, 1e-9));
  }
}

TEST_CASE("net additional GVA and the appraisal match a hand calculation; attributions add up", "[interventions]") {
  const sim::Scenario s = tiny();
  REQUIRE(s.appraisal_end_year == 2027);  // ten years after the last spend (2017), past the 2024 horizon
  const sim::Simulator sim(s);
  sim::BlockValues b;
  sim.run(0, 1, b);
  const auto& l = sim.layout();
  // Adoption: 4m in 2016, lag 0, ramp 0, persistence 1: U_beta = 4 x 0.5% x (1 - 0.5) = 1% from
  // 2016; 20% of it spills over to alpha: U_alpha = 0.2%. Skills adds jobs to alpha only.
  // After the 2024 horizon, effects go on by their timing, valued at 2024's sector levels.
  double benefit[3] = {0, 0, 0}, demand[3] = {0, 0, 0}, job_years = 0, peak = 0;
  for (int t = 1; t < kAppraisalYears; ++t) {
    const double u[2] = {t >= 2 ? 0.002 : 0.0, t >= 2 ? 0.01 : 0.0};
    const double a[2] = {10 * kSkillsEffective[t] * kSkillsLocal, 0.0};
    const int v = std::min(t, kYears - 1);  // the year whose counterfactual levels value it
    double own[2] = {0, 0}, total = 0;
    for (int sec = 0; sec < 2; ++sec) {
      const double value = kHours[sec] * gva_per_hour0(sec, v) / 1e6;  // GBP m per job
      own[kAdoption] += value * (u[sec] * jobs0(sec, v) + 0.5 * u[sec] * a[sec]);
      own[kSkills] += value * (a[sec] + 0.5 * u[sec] * a[sec]);
      total += value * (u[sec] * jobs0(sec, v) + a[sec] + u[sec] * a[sec]);
      demand[kSkills] += discount(t) * value * a[sec];  // without the productivity channel
    }
    for (int i = 0; i < 2; ++i) benefit[i] += discount(t) * own[i];
    benefit[kAll] += discount(t) * total;
    job_years += a[0];
    peak = std::max(peak, a[0]);
    if (t >= kYears) continue;  // the yearly series stop at the horizon
    INFO("year " << 2014 + t);
    CHECK_THAT(series(b, l, kAdoption, InterventionSeries::gva_local, t), WithinRel(own[kAdoption], 1e-12));
    CHECK_THAT(series(b, l, kSkills, InterventionSeries::gva_local, t), WithinRel(own[kSkills], 1e-12));
    CHECK_THAT(series(b, l, kAll, InterventionSeries::gva_local, t), WithinRel(total, 1e-12));
    CHECK_THAT(own[kAdoption] + own[kSkills], WithinRel(total, 1e-12));
    // The package's GVA gain is the scenario's GVA minus the counterfactual's.
    const double gva_effect =
        b.series[static_cast<std::size_t>(l.indicator_series(2, models::Indicator::gva))](0, t);
    CHECK_THAT(gva_effect, WithinRel(total, 1e-9));
  }
  demand[kAll] = demand[kSkills];
  const double skills_cost = 1.1 * (2 * discount(2) + 2 * discount(3));
  const double adoption_cost = 1.2 * 4 * discount(2);
  auto check = [&](int i, double cost, double benefit_pv) {
    INFO("intervention " << i);
    CHECK_THAT(measure(b, l, i, View::local, AppraisalMeasure::cost_pv), WithinRel(cost, 1e-14));
    CHECK_THAT(measure(b, l, i, View::local, AppraisalMeasure::benefit_pv), WithinRel(benefit_pv, 1e-12));
    CHECK_THAT(measure(b, l, i, View::local, AppraisalMeasure::npv), WithinRel(benefit_pv - cost, 1e-12));
    CHECK_THAT(measure(b, l, i, View::local, AppraisalMeasure::bcr), WithinRel(benefit_pv / cost, 1e-12));
  };
  check(kAdoption, adoption_cost, benefit[kAdoption]);
  check(kSkills, skills_cost, benefit[kSkills]);
  check(kAll, adoption_cost + skills_cost, benefit[kAll]);
  // As evaluations report it: undiscounted public cost (GBP 4m, no optimism bias) over jobs.
  CHECK(measure(b, l, kSkills, View::local, AppraisalMeasure::public_cost) == 4.0);
  CHECK_THAT(measure(b, l, kSkills, View::local, AppraisalMeasure::cost_per_net_job), WithinRel(4e6 / peak, 1e-12));
  CHECK_THAT(measure(b, l, kSkills, View::local, AppraisalMeasure::cost_per_net_job_year),
             WithinRel(4e6 / job_years, 1e-12));
  // The Green Book figure: the present value of cost, optimism bias included.
  CHECK_THAT(measure(b, l, kSkills, View::local, AppraisalMeasure::cost_pv_per_net_job),
             WithinRel(skills_cost * 1e6 / peak, 1e-12));
  CHECK_THAT(measure(b, l, kSkills, View::local, AppraisalMeasure::cost_pv_per_net_job_year),
             WithinRel(skills_cost * 1e6 / job_years, 1e-12));
  CHECK_THAT(measure(b, l, kSkills, View::local, AppraisalMeasure::peak_net_jobs), WithinRel(peak, 1e-12));
  // Without the productivity channel: only the skills jobs' GVA counts.
  CHECK_THAT(measure(b, l, kSkills, View::local, AppraisalMeasure::bcr_without_productivity),
             WithinRel(demand[kSkills] / skills_cost, 1e-12));
  CHECK(measure(b, l, kAdoption, View::local, AppraisalMeasure::bcr_without_productivity) == 0.0);
  CHECK_THAT(measure(b, l, kAll, View::local, AppraisalMeasure::bcr_without_productivity),
             WithinRel(demand[kAll] / (adoption_cost + skills_cost), 1e-12));
  CHECK(measure(b, l, kAll, View::local, AppraisalMeasure::residual_value_pv) == 0.0);
  // Adoption creates no jobs: its cost per job is undefined.
  CHECK(std::isnan(measure(b, l, kAdoption, View::local, AppraisalMeasure::cost_per_net_job)));
}

TEST_CASE("appraisal period: its own end year, and a residual value for an asset that outlives it",
          "[interventions]") {
  // Adoption's asset lasts 20 years after its 2016 spend (to 2036); the period ends in 2020.
  const sim::Scenario s = tiny({"appraisal.end_year=2020", "interventions[adoption].asset_life_years=20"});
  const sim::Simulator sim(s);
  sim::BlockValues b;
  sim.run(0, 1, b);
  const auto& l = sim.layout();
  double benefit = 0, last = 0;
  for (int t = 1; t <= 6; ++t) {  // 2015-2020
    const double u[2] = {t >= 2 ? 0.002 : 0.0, t >= 2 ? 0.01 : 0.0};
    const double a[2] = {10 * kSkillsEffective[t] * kSkillsLocal, 0.0};
    last = 0;
    for (int sec = 0; sec < 2; ++sec)
      last += kHours[sec] * gva_per_hour0(sec, t) / 1e6 * (u[sec] * jobs0(sec, t) + 0.5 * u[sec] * a[sec]);
    benefit += discount(t) * last;
  }
  // Persistence 1: the 2020 benefit goes on for 16 more years, discounted.
  double residual = 0;
  for (int k = 1; k <= 16; ++k) residual += last * discount(6 + k);
  CHECK_THAT(measure(b, l, kAdoption, View::local, AppraisalMeasure::residual_value_pv), WithinRel(residual, 1e-12));
  CHECK_THAT(measure(b, l, kAdoption, View::local, AppraisalMeasure::benefit_pv),
             WithinRel(benefit + residual, 1e-12));
  CHECK(measure(b, l, kSkills, View::local, AppraisalMeasure::residual_value_pv) == 0.0);
  CHECK_THAT(measure(b, l, kAll, View::local, AppraisalMeasure::residual_value_pv), WithinRel(residual, 1e-12));
  const auto before = test::run_lissim("validate " + test::source_path("tests/data/tiny_interventions.yaml") +
                                       " --set appraisal.end_year=2016");
  CHECK(before.exit_code == 2);
  CHECK_THAT(before.output, Catch::Contains("before the last spend in 2017"));
}

TEST_CASE("zero spend gives the counterfactual exactly", "[interventions]") {
  const sim::Scenario s = tiny({"interventions[skills].spend_gbp_m={2016: 0}", "interventions[adoption].spend_gbp_m={2016: 0}"});
  const sim::Simulator sim(s);
  sim::BlockValues b;
  sim.run(0, 4, b);
  const auto& l = sim.layout();
  for (int k = 0; k < l.per_path(); ++k) {
    INFO("series " << k);
    const auto& with = b.series[static_cast<std::size_t>(k)];
    const auto& without = b.series[static_cast<std::size_t>(l.per_path() + k)];
    // Bit for bit, NaN where both are NaN.
    CHECK(((with == without) || (with.isNaN() && without.isNaN())).all());
  }
  for (int i = 0; i < l.interventions; ++i)
    CHECK((b.series[static_cast<std::size_t>(l.intervention_series(i, InterventionSeries::gva_local))] == 0.0).all());
}

TEST_CASE("bad interventions are clear errors", "[interventions]") {
  struct Case {
    std::string set, fragment;
  };
  const Case cases[] = {
      {"interventions[skills].sectors={alpha: 0.5, beta: 0.4}", "must add up to 1"},
      {"interventions[skills].sectors={alpah: 1}", "did you mean 'alpha'"},
      {"interventions[skills].spend_gbp_m={2014: 1}", "2014"},
      {"interventions[skills].spend_gbp_m={2016: {dist: uniform, min: 1, max: 2}}", "optimism_bias_pct"},
      {"interventions[skills].foundation=skills", "must be an Industrial Strategy foundation"},
      {"interventions[skills].additionality.local.jobs.deadweight=1.2", "deadweight"},
      {"interventions[skills].additionality.national.jobs.multiplier=1.3", "the UK view has no multipliers"},
      {"interventions[skills].additionality.national.jobs.leakage=0.1", "the UK view has no leakage"},
      {"interventions[adoption].benefit_shortfall_pct=120", "benefit_shortfall_pct"},
      {"interventions[skills].id=adoption", "duplicate intervention id 'adoption'"},
      {"interventions[skills].id=all", "choose another id"},
      {"interventions[adoption].complementarity={skills_intervention: skils, share_without_skills: 0.5, "
       "skills_spend_for_full_effect_gbp_m: 2}",
       "must be the id of another intervention"},
      {"interventions[skills].spillovers={share: 0.1, sectors: {beta: 1}}", "needs a productivity channel"},
      {"interventions[skills].channels.job={gross_per_gbp_m: 3}", "did you mean 'jobs'"},
  };
  for (const Case& c : cases) {
    INFO(c.set);
    const auto r = test::run_lissim("validate " + test::source_path("tests/data/tiny_interventions.yaml") +
                                    " --set '" + c.set + "'");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(c.fragment));
    CHECK_THAT(r.output, Catch::Contains("interventions["));  // the key path
  }
}

TEST_CASE("numbers that overflow the model are a model failure, not a crash or a file", "[interventions]") {
  const std::string out = "/tmp/lissim_test_overflow_" + std::to_string(::getpid()) + ".h5";
  const auto r = test::run_lissim("run " + test::source_path("tests/data/tiny_interventions.yaml") +
                                  " --set 'interventions[skills].channels.jobs.gross_per_gbp_m=1e308' -q -o " + out);
  CHECK(r.exit_code == 4);
  CHECK_THAT(r.output, Catch::Contains("draw 0, year 2018: the scenario indicator jobs is not a number"));
  CHECK(::access(out.c_str(), F_OK) != 0);  // no results file
  const auto spend = test::run_lissim("validate " + test::source_path("tests/data/tiny_interventions.yaml") +
                                      " --set 'interventions[skills].spend_gbp_m={2016: 1e308}'");
  CHECK(spend.exit_code == 2);
  CHECK_THAT(spend.output, Catch::Contains("must be in [0, 1e+06]"));
}
