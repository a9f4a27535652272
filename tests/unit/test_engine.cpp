// The Monte Carlo engine: reproducibility across threads and blocks, exact quantiles,
// moments, target probabilities and parameter sampling.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

#include "run_lissim.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/moments.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/quantile_selector.h"
#include "sim/io/file_header.h"
#include "sim/io/history_writer.h"
#include "sim/io/results_reader.h"
#include "sim/io/results_writer.h"
#include "sim/random/philox_stream.h"

using namespace lissim;

namespace {

// Load options with only --set overrides (the other options at their defaults).
sim::LoadOptions with_sets(std::vector<std::string> sets) {
  sim::LoadOptions options;
  options.sets = std::move(sets);
  return options;
}

bool same_bits(const Eigen::ArrayXXd& a, const Eigen::ArrayXXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    const double x = a.data()[i], y = b.data()[i];
    if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
  }
  return true;
}

// Type-7 quantile of sorted values (numpy's default).
double type7(const std::vector<double>& sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sim::lerp(sorted[lo], sorted[hi], h - std::floor(h));
}

}  // namespace

TEST_CASE("1 and 2 threads give bit-identical summaries", "[engine][determinism]") {
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"));
  const sim::Simulator sim(s);
  const sim::RunSummary one = sim::run_monte_carlo(sim, {1, false});
  const sim::RunSummary two = sim::run_monte_carlo(sim, {2, false});
  REQUIRE(one.series.size() == two.series.size());
  for (std::size_t k = 0; k < one.series.size(); ++k) {
    CHECK(same_bits(one.series[k].quantiles, two.series[k].quantiles));
    CHECK(same_bits(one.series[k].mean, two.series[k].mean));
    CHECK(same_bits(one.series[k].sd, two.series[k].sd));
  }
  CHECK(same_bits(one.prob_met, two.prob_met));
}

TEST_CASE("draw k simulated alone equals draw k inside a full run", "[engine][rng]") {
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"));
  const sim::Simulator sim(s);
  sim::BlockValues all, alone;
  sim.run(0, 300, all);
  for (const int k : {0, 1, 137, 299}) {
    sim.run(static_cast<std::uint64_t>(k), 1, alone);
    for (std::size_t series = 0; series < all.series.size(); ++series)
      CHECK(same_bits(all.series[series].row(k), alone.series[series].row(0)));
  }
}

TEST_CASE("summaries equal the quantiles, mean and sd of all draws", "[engine][statistics]") {
  sim::LoadOptions draws_5000;
  draws_5000.draws = 5000;
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"), draws_5000);
  const sim::Simulator sim(s);
  const sim::RunSummary summary = sim::run_monte_carlo(sim, {2, false});
  sim::BlockValues all;
  sim.run(0, 5000, all);
  const auto& l = sim.layout();
  for (const auto indicator : {models::Indicator::jobs_change, models::Indicator::productivity_gap,
                               models::Indicator::better_jobs_share_of_growth}) {
    const int k = l.indicator_series(0, indicator);
    for (int y = 1; y < l.years; ++y) {
      std::vector<double> values;
      for (Eigen::Index d = 0; d < 5000; ++d) {
        const double x = all.series[static_cast<std::size_t>(k)](d, y);
        if (!std::isnan(x)) values.push_back(x);
      }
      std::sort(values.begin(), values.end());
      const auto& ss = summary.series[static_cast<std::size_t>(k)];
      for (std::size_t q = 0; q < sim::kQuantileLevels.size(); ++q)
        CHECK(ss.quantiles(static_cast<Eigen::Index>(q), y) == type7(values, sim::kQuantileLevels[q]));
      double mean = 0;
      for (double x : values) mean += x;
      mean /= static_cast<double>(values.size());
      double ss2 = 0;
      for (double x : values) ss2 += (x - mean) * (x - mean);
      CHECK_THAT(ss.mean[y], Catch::Matchers::WithinRel(mean, 1e-12));
      CHECK_THAT(ss.sd[y], Catch::Matchers::WithinRel(std::sqrt(ss2 / static_cast<double>(values.size() - 1)), 1e-10));
      CHECK(ss.valid[y] == static_cast<double>(values.size()));
    }
  }
  // P(target met) is the fraction of draws meeting it.
  for (int t = 0; t <= l.targets; ++t) {
    const auto& met = all.met[static_cast<std::size_t>(l.met_index(0, t))];
    for (int y = 0; y < l.years; ++y)
      CHECK(summary.prob_met(l.met_index(0, t), y) == static_cast<double>(met.col(y).count()) / 5000.0);
  }
}

TEST_CASE("quantile selection is exact through several narrowing passes", "[statistics]") {
  // Ties, outliers and a narrow histogram force underflow/overflow cells and refinements.
  std::mt19937_64 gen(42);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<std::vector<double>> data(3);
  for (int i = 0; i < 20000; ++i) {
    data[0].push_back(normal(gen));
    data[1].push_back(std::round(normal(gen) * 3.0));  // heavy ties
    data[2].push_back(i % 1000 == 0 ? 1e6 * normal(gen) : std::exp(normal(gen)));
  }
  data[2][5] = std::numeric_limits<double>::quiet_NaN();
  sim::QuantileSelector::Options options;
  options.bins = 16;
  options.collect_cell_limit = 50;
  options.collect_total_limit = 400;
  sim::QuantileSelector selector(3, options);
  selector.start({-0.1, -1.0, 0.5}, {0.1, 1.0, 2.0});  // deliberately poor pilot ranges
  std::vector<std::uint64_t> valid(3);
  std::vector<double> mn(3), mx(3);
  int passes = 0;
  while (selector.needs_pass()) {
    auto pass = selector.make_pass_data();
    for (int sy = 0; sy < 3; ++sy) {
      const Eigen::Map<const Eigen::ArrayXd> x(data[static_cast<std::size_t>(sy)].data(), 20000);
      selector.observe(pass, sy, x.head(7000));  // in two pieces, as blocks would be
      selector.observe(pass, sy, x.tail(13000));
    }
    if (passes++ == 0) {
      for (std::size_t sy = 0; sy < 3; ++sy) {
        std::vector<double> v;
        for (double x : data[sy])
          if (!std::isnan(x)) v.push_back(x);
        valid[sy] = v.size();
        mn[sy] = *std::min_element(v.begin(), v.end());
        mx[sy] = *std::max_element(v.begin(), v.end());
      }
      selector.set_extremes(valid, mn, mx);
    }
    selector.finish_pass(pass);
  }
  CHECK(passes > 2);
  for (std::size_t sy = 0; sy < 3; ++sy) {
    std::vector<double> v;
    for (double x : data[sy])
      if (!std::isnan(x)) v.push_back(x);
    std::sort(v.begin(), v.end());
    const auto q = selector.quantiles(static_cast<int>(sy));
    for (std::size_t i = 0; i < q.size(); ++i) CHECK(q[i] == type7(v, sim::kQuantileLevels[i]));
  }
}

TEST_CASE("moments merged block by block equal the direct two-pass moments", "[statistics]") {
  std::vector<double> x;
  for (int i = 0; i < 1000; ++i) x.push_back(1e6 + std::sin(i) * 10);
  const Eigen::Map<const Eigen::ArrayXd> all(x.data(), 1000);
  sim::Moments merged;
  for (int b = 0; b < 1000; b += 256) merged.merge(sim::Moments::of(all.segment(b, std::min(256, 1000 - b))));
  const sim::Moments direct = sim::Moments::of(all);
  CHECK(merged.count == 1000);
  CHECK_THAT(merged.mean, Catch::Matchers::WithinRel(direct.mean, 1e-15));
  CHECK_THAT(merged.sd(), Catch::Matchers::WithinRel(direct.sd(), 1e-10));
}

TEST_CASE("uncertain parameters are drawn from their own named streams", "[engine][rng]") {
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"));
  REQUIRE(s.parameters.uncertain().size() == 6);
  for (const int index : s.parameters.uncertain()) {
    const sim::Parameter& p = s.parameters.at(index);
    const sim::PhiloxStream stream(s.seed, "param/" + p.name);
    const models::DrawArray values = s.parameters.sample(index, s.seed, 40, 3);
    for (int i = 0; i < 3; ++i)
      CHECK(values[i] == p.distribution.quantile(stream.uniform(static_cast<std::uint64_t>(40 + i), 0, 0)));
  }
  // Adding an override elsewhere does not change another parameter's draws.
  const sim::Scenario other = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"),
                                                 with_sets({"calibration.national_cycle.persistence={dist: uniform, min: 0.2, max: 0.6}"}));
  REQUIRE(other.parameters.uncertain().size() == 7);
  const int a = s.parameters.uncertain()[2];
  int b = -1;
  for (const int i : other.parameters.uncertain())
    if (other.parameters.at(i).name == s.parameters.at(a).name) b = i;
  REQUIRE(b >= 0);
  CHECK(same_bits(s.parameters.sample(a, s.seed, 0, 100), other.parameters.sample(b, other.seed, 0, 100)));
}

TEST_CASE("a block records every uncertain parameter's draws as its own stream gives them", "[engine]") {
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain_interventions.yaml"));
  const sim::Simulator simulator(s);
  sim::BlockValues block;
  simulator.run(300, 50, block);
  const auto& uncertain = s.parameters.uncertain();
  REQUIRE(block.samples.values.cols() == static_cast<Eigen::Index>(uncertain.size()));
  for (std::size_t j = 0; j < uncertain.size(); ++j) {
    INFO(s.parameters.at(uncertain[j]).name);
    CHECK((block.samples.values.col(static_cast<Eigen::Index>(j)) ==
           s.parameters.sample(uncertain[j], s.seed, 300, 50)).all());
  }
}

TEST_CASE("the seed data's history is written under /history with its own year axis", "[engine][io]") {
  sim::HistorySeries h;
  h.id = "filled_jobs";
  h.unit = "jobs";
  h.source = "test fixture";
  h.years = {2012, 2013, 2014};
  h.region = {3900, 3950, 4000};
  h.comparator = {40000, 40500, 41000};
  h.uk = {90000, 91000, 92000};
  const std::string file = (std::filesystem::temp_directory_path() / "lissim_test_history.h5").string();
  std::filesystem::remove(file);
  {
    sim::H5OutputFile out(file);
    // Not a whole results file (whose datasets' shapes the reader checks): a file of history only.
    sim::write_file_header(out.root(), "lissim-history-test", sim::kFormatMajor, sim::kFormatMinor);
    sim::HistorySeries sector = h;
    sector.sector = "digital";
    sector.region = {390, 395, 400};
    sim::write_history(out.root(), {h, sector});
    out.close();
  }
  {
    const sim::ResultsReader r(file, {"lissim-history-test"});
    CHECK(r.numbers("/history/filled_jobs/region").values == h.region);
    CHECK(r.numbers("/history/filled_jobs/digital/region").values == std::vector<double>{390, 395, 400});
    CHECK(r.numbers("/history/filled_jobs/uk").values == h.uk);
    CHECK(r.numbers("/history/filled_jobs/years").values == std::vector<double>{2012, 2013, 2014});
    CHECK(r.text_attribute("/history/filled_jobs/comparator", "units") == "jobs");
    CHECK(r.text_attribute("/history/filled_jobs/comparator", "source") == "test fixture");
    CHECK(r.texts_attribute("/history/filled_jobs/region", "dims") ==
          std::vector<std::string>{"history/filled_jobs/year"});
  }
  std::filesystem::remove(file);
}

TEST_CASE("a run judges a SEP jobs target on k(t0) x the filled-jobs change (docs/model.md section 11)",
          "[engine][targets]") {
  // No shocks, no noise, no drift of ln k: the target's indicator is exactly k(t0) x the change.
  sim::LoadOptions draws_4;
  draws_4.draws = 4;
  sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_deterministic.yaml"), draws_4);
  const int year = s.deadline - s.base_year();
  REQUIRE(s.targets.at(0).indicator == models::Indicator::jobs_change);
  sim::BlockValues plain;
  sim::Simulator(s).run(0, 4, plain);
  const int jobs_change = sim::Simulator(s).layout().indicator_series(0, models::Indicator::jobs_change);
  const double change = plain.series[static_cast<std::size_t>(jobs_change)](0, year);
  REQUIRE(change > 0);
  constexpr double k0 = 0.9;
  s.targets[0].published = {"k x filled jobs", models::MeasurementNoise::relative, 0.0, 0.0, 0.0, k0};
  for (const double threshold : {k0 * change * (1 - 1e-9), k0 * change * (1 + 1e-9)}) {
    s.targets[0].threshold = threshold;  // below the filled-jobs change either way
    const sim::Simulator sim(s);
    sim::BlockValues out;
    sim.run(0, 4, out);
    const auto& met = out.met[static_cast<std::size_t>(sim.layout().met_index(0, 0))];
    const auto& judged = out.met[static_cast<std::size_t>(sim.layout().judged_index(0, 0))];
    const bool expected = threshold < k0 * change;
    CHECK((met.col(year) == expected).all());
    CHECK((judged.col(year) == expected).all());
  }
}
