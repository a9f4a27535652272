// The region model against closed forms and accounting identities (docs/model.md sections 1-10).
#include <catch2/catch.hpp>

#include <cmath>

#include "models/aggregates.h"
#include "models/national_cycle.h"
#include "models/targets.h"
#include "run_lissim.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/simulator.h"

using namespace lissim;
using Catch::Matchers::WithinRel;
using Catch::Matchers::WithinAbs;

namespace {

double series(const sim::BlockValues& b, const sim::SeriesLayout& l, models::Indicator i, int draw, int year) {
  return b.series[static_cast<std::size_t>(l.indicator_series(0, i))](draw, year);
}

}  // namespace

TEST_CASE("zero-shock path equals the closed-form growth path", "[model]") {
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_deterministic.yaml"));
  const sim::Simulator sim(s);
  sim::BlockValues b;
  sim.run(0, 3, b);
  const auto& l = sim.layout();
  using I = models::Indicator;
  for (int t = 0; t < l.years; ++t) {
    INFO("year " << 2014 + t);
    const double ja = 1000 * std::exp(0.01 * t), jb = 3000 * std::exp(0.02 * t);
    const double qa = 20 * std::exp(0.005 * t), qb = 30 * std::exp(0.01 * t);
    const double jobs = ja + jb, hours = 1500 * ja + 1800 * jb, gva = qa * ja * 1500 + qb * jb * 1800;
    const double population = 5000 * std::exp(0.001 * t);
    const double employment = 0.6 * 5000 * std::sqrt(jobs / 4000) / population;  // phi = 0.5
    const double activity = 0.7 + 0.5 * (employment - 0.6);
    const double better = (0.3 + 0.002 * t) * ja + (0.5 + 0.002 * t) * jb;
    const double density = (0.8 * ja + 0.5 * jb) / population;
    const double ce = 0.65 + 0.001 * t, ca = 0.75 + 0.0005 * t, cd = 0.5 + 0.001 * t;
    const double cq = 28 * std::exp(0.007 * t);
    for (int d = 0; d < 3; ++d) {
      const double tol = 1e-12;
      CHECK_THAT(series(b, l, I::jobs, d, t), WithinRel(jobs, tol));
      CHECK_THAT(series(b, l, I::jobs_change, d, t), WithinAbs(jobs - 4000, 1e-9));
      CHECK_THAT(series(b, l, I::gva, d, t), WithinRel(gva / 1e6, tol));
      CHECK_THAT(series(b, l, I::gva_per_hour, d, t), WithinRel(gva / hours, tol));
      CHECK_THAT(series(b, l, I::working_age_population, d, t), WithinRel(population, tol));
      CHECK_THAT(series(b, l, I::employment_rate, d, t), WithinRel(100 * employment, tol));
      CHECK_THAT(series(b, l, I::activity_rate, d, t), WithinRel(100 * activity, tol));
      CHECK_THAT(series(b, l, I::better_jobs, d, t), WithinRel(better, tol));
      CHECK_THAT(series(b, l, I::private_density, d, t), WithinRel(density, tol));
      CHECK_THAT(series(b, l, I::comparator_employment_rate, d, t), WithinRel(100 * ce, tol));
      CHECK_THAT(series(b, l, I::comparator_activity_rate, d, t), WithinRel(100 * ca, tol));
      CHECK_THAT(series(b, l, I::comparator_private_density, d, t), WithinRel(cd, tol));
      CHECK_THAT(series(b, l, I::comparator_gva_per_hour, d, t), WithinRel(cq, tol));
      CHECK_THAT(series(b, l, I::employment_rate_gap, d, t), WithinAbs(100 * (ce - employment), 1e-10));
      CHECK_THAT(series(b, l, I::activity_rate_gap, d, t), WithinAbs(100 * (ca - activity), 1e-10));
      CHECK_THAT(series(b, l, I::private_density_gap, d, t), WithinAbs(cd - density, 1e-12));
      CHECK_THAT(series(b, l, I::productivity_gap, d, t), WithinAbs(100 * (1 - gva / hours / cq), 1e-10));
      if (t > 0) {
        CHECK_THAT(series(b, l, I::better_jobs_share_of_growth, d, t),
                   WithinRel(100 * (better - 1800) / (jobs - 4000), 1e-9));
      } else {
        CHECK(std::isnan(series(b, l, I::better_jobs_share_of_growth, d, t)));
      }
    }
  }
}

TEST_CASE("aggregates are sums over sectors, and Q = GVA / hours", "[model]") {
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"));
  const sim::Simulator sim(s);
  sim::BlockValues b;
  sim.run(100, 50, b);
  const auto& l = sim.layout();
  const auto& hours = s.baseline.sectors.hours_per_job;
  for (int d = 0; d < 50; ++d) {
    for (int t = 0; t < l.years; ++t) {
      double jobs = 0, total_hours = 0, gva = 0;
      for (int k = 0; k < l.sectors; ++k) {
        const double j = b.series[static_cast<std::size_t>(l.sector_jobs_series(0, k))](d, t);
        const double q = b.series[static_cast<std::size_t>(l.sector_gva_series(0, k))](d, t);
        jobs += j;
        total_hours += j * hours[k];
        gva += q * j * hours[k];
      }
      CHECK_THAT(series(b, l, models::Indicator::jobs, d, t), WithinRel(jobs, 1e-13));
      CHECK_THAT(series(b, l, models::Indicator::gva, d, t), WithinRel(gva / 1e6, 1e-13));
      CHECK_THAT(series(b, l, models::Indicator::gva_per_hour, d, t), WithinRel(gva / total_hours, 1e-13));
    }
  }
}

TEST_CASE("the activity rate stays at least the employment rate plus the minimum unemployment", "[model]") {
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"),
                                             {{"calibration.labour_market.min_unemployment_pct=12"}, {}, {}});
  const sim::Simulator sim(s);
  sim::BlockValues b;
  sim.run(0, 200, b);
  const auto& l = sim.layout();
  for (int d = 0; d < 200; ++d)
    for (int t = 1; t < l.years; ++t)
      CHECK(series(b, l, models::Indicator::activity_rate, d, t) >=
            series(b, l, models::Indicator::employment_rate, d, t) + 12 - 1e-9);
}

TEST_CASE("national cycle: AR(1) with a recession hazard", "[model]") {
  models::CycleParameters p;
  p.persistence = models::DrawArray::Constant(2, 0.5);
  p.sd = models::DrawArray::Constant(2, 0.01);
  p.recession_probability = models::DrawArray::Constant(2, 0.1);
  p.depth_median = models::DrawArray::Constant(2, 0.03);
  p.depth_sd_log = models::DrawArray::Constant(2, 0.5);
  models::YearShocks z;
  z.resize(2, 1);
  z.cycle << 1.0, -2.0;
  z.recession_uniform << 0.05, 0.5;  // a recession in draw 0 only
  z.recession_depth << 1.0, 1.0;
  models::DrawArray c(2);
  c << 0.02, 0.0;
  models::advance_cycle(p, z, c);
  CHECK_THAT(c[0], WithinRel(0.5 * 0.02 + 0.01 - 0.03 * std::exp(0.5), 1e-14));
  CHECK_THAT(c[1], WithinRel(-0.02, 1e-14));
}

TEST_CASE("target rules on hand-made cases", "[model][targets]") {
  using I = models::Indicator;
  models::IndicatorValues base, now;
  for (auto& a : base) a = models::DrawArray::Zero(4);
  for (auto& a : now) a = models::DrawArray::Zero(4);
  auto at = [](models::IndicatorValues& v, I i) -> models::DrawArray& { return v[static_cast<std::size_t>(i)]; };

  models::Target more_jobs{"more_jobs", "", I::jobs_change, models::TargetRule::at_least, 100000};
  at(now, I::jobs_change) << 99999, 100000, 100001, -5;
  CHECK((models::target_met(more_jobs, now, base) == (models::MetArray(4) << false, true, true, false).finished()).all());

  models::Target gap{"employment_rate_gap", "", I::employment_rate_gap, models::TargetRule::at_most, 0};
  at(now, I::employment_rate_gap) << 0.1, 0.0, -0.1, 5;
  CHECK((models::target_met(gap, now, base) == (models::MetArray(4) << false, true, true, false).finished()).all());

  models::Target halve{"productivity_gap", "", I::productivity_gap, models::TargetRule::reduce_by, 0.5};
  at(base, I::productivity_gap) << 8, 8, 8, 8;
  at(now, I::productivity_gap) << 4.01, 4, 3, 9;
  CHECK((models::target_met(halve, now, base) == (models::MetArray(4) << false, true, true, false).finished()).all());

  models::Target better{"better_jobs", "", I::better_jobs_share_of_growth, models::TargetRule::share_of_growth_at_least,
                        70, I::better_jobs, I::jobs};
  at(base, I::jobs) << 1000, 1000, 1000, 1000;
  at(base, I::better_jobs) << 400, 400, 400, 400;
  // Growth 100 with 70 better (met), 100 with 69 (not), no growth, and a fall of 10 jobs with
  // 20 fewer better jobs: a ratio of 200% that must not count as met.
  at(now, I::jobs) << 1100, 1100, 1000, 990;
  at(now, I::better_jobs) << 470, 469, 450, 380;
  CHECK((models::target_met(better, now, base) == (models::MetArray(4) << true, false, false, false).finished()).all());
}
