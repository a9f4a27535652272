// Exact quantiles in one pass (QuantileSelector's windows, sim/engine/quantile_windows.cpp):
// one pass when the pilot predicts the wanted order statistics well, and still exact, through
// a fallback pass, when it does not (heavy tails, a step change after the pilot, point masses,
// all-equal values, few draws).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "run_lissim.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/quantile_selector.h"
#include "sim/util/lerp.h"

using namespace lissim;

namespace {

using Data = std::vector<std::vector<double>>;  // per series-year, per draw

// numpy.quantile (type 7) of the defined values.
std::array<double, 7> numpy_quantiles(const std::vector<double>& column) {
  std::vector<double> v;
  for (const double x : column)
    if (!std::isnan(x)) v.push_back(x);
  std::sort(v.begin(), v.end());
  std::array<double, 7> q{};
  if (v.empty()) q.fill(std::numeric_limits<double>::quiet_NaN());
  if (v.empty()) return q;
  for (std::size_t i = 0; i < q.size(); ++i) {
    const double h = static_cast<double>(v.size() - 1) * sim::kQuantileLevels[i];
    const auto lo = static_cast<std::size_t>(std::floor(h));
    q[i] = sim::lerp(v[lo], v[std::min(lo + 1, v.size() - 1)], h - std::floor(h));
  }
  return q;
}

struct Outcome {
  int passes = 0;                // over all draws, the pilot not counted
  std::int64_t pilot_draws = 0;  // -1: no windows
  std::vector<std::array<double, 7>> quantiles;
};

// The engine's protocol on data held in memory: pilot ranges from the first 1,024 draws, the
// windows' pilot over the first draws, then passes until every rank is resolved. Each pass feeds
// two workers' data in pieces (as blocks) and merges them, as threads do.
Outcome select(const Data& data, const sim::QuantileSelector::Options& options) {
  const auto series_years = static_cast<int>(data.size());
  const auto draws = static_cast<std::int64_t>(data[0].size());
  sim::QuantileSelector selector(series_years, options);
  std::vector<double> lo, hi;
  for (const auto& column : data) {
    std::vector<double> head;
    for (std::size_t d = 0; d < std::min<std::size_t>(column.size(), 1024); ++d)
      if (!std::isnan(column[d])) head.push_back(column[d]);
    lo.push_back(head.empty() ? 0.0 : *std::min_element(head.begin(), head.end()));
    hi.push_back(head.empty() ? 0.0 : *std::max_element(head.begin(), head.end()));
  }
  selector.start(lo, hi);
  auto feed = [&](sim::QuantileSelector::PassData& pass, std::int64_t from, std::int64_t to) {
    for (int sy = 0; sy < series_years; ++sy) {
      const Eigen::Map<const Eigen::ArrayXd> x(data[static_cast<std::size_t>(sy)].data(), draws);
      for (std::int64_t at = from; at < to; at += 1000) selector.observe(pass, sy, x.segment(at, std::min<std::int64_t>(1000, to - at)));
    }
  };
  Outcome out;
  out.pilot_draws = selector.window_pilot_draws(draws);
  if (out.pilot_draws == 0) REQUIRE(selector.place_windows(nullptr, 0, draws));
  if (out.pilot_draws > 0) {
    auto pilot = selector.make_pass_data();
    feed(pilot, 0, out.pilot_draws);
    if (!selector.place_windows(&pilot, out.pilot_draws, draws)) out.pilot_draws = -1;
  }
  while (selector.needs_pass()) {
    auto first = selector.make_pass_data(), second = selector.make_pass_data();
    feed(first, 0, draws / 3);
    feed(second, draws / 3, draws);
    selector.merge(first, second);
    if (out.passes++ == 0) {
      std::vector<std::uint64_t> valid;
      std::vector<double> mn, mx;
      for (const auto& column : data) {
        std::vector<double> v;
        for (const double x : column)
          if (!std::isnan(x)) v.push_back(x);
        valid.push_back(v.size());
        mn.push_back(v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()));
        mx.push_back(v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()));
      }
      selector.set_extremes(valid, mn, mx);
    }
    selector.finish_pass(first);
  }
  for (int sy = 0; sy < series_years; ++sy) out.quantiles.push_back(selector.quantiles(sy));
  return out;
}

void check_exact(const Data& data, const Outcome& out) {
  for (std::size_t sy = 0; sy < data.size(); ++sy) {
    const auto expected = numpy_quantiles(data[sy]);
    for (std::size_t i = 0; i < expected.size(); ++i) CHECK(out.quantiles[sy][i] == expected[i]);
  }
}

// A budget that 200,000 draws of two or three series-years exceed, so that the windows need a
// pilot. (Series of few distinct values, whose windows hold whole point masses, need the most.)
sim::QuantileSelector::Options small_budget() {
  sim::QuantileSelector::Options options;
  options.window_total_limit = 300000;
  return options;
}

constexpr std::size_t kDraws = 200000;

}  // namespace

TEST_CASE("windows placed by a pilot give exact quantiles in one pass", "[statistics][windows]") {
  std::mt19937_64 gen(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::lognormal_distribution<double> lognormal(0.0, 1.0);
  Data data(3);
  for (std::size_t d = 0; d < kDraws; ++d) {
    data[0].push_back(normal(gen));
    data[1].push_back(d % 97 == 0 ? std::numeric_limits<double>::quiet_NaN() : lognormal(gen));
    data[2].push_back(std::round(normal(gen) * 4.0));  // ties
  }
  const Outcome out = select(data, small_budget());
  CHECK(out.pilot_draws > 0);
  CHECK(out.pilot_draws < static_cast<std::int64_t>(kDraws) / 2);
  CHECK(out.passes == 1);
  check_exact(data, out);
}

TEST_CASE("few draws: every value is collected in one pass, no pilot", "[statistics][windows]") {
  for (const std::size_t draws : {1, 2, 3, 50, 5000}) {
    std::mt19937_64 gen(draws);
    std::normal_distribution<double> normal(0.0, 1.0);
    Data data(2);
    for (std::size_t d = 0; d < draws; ++d) {
      data[0].push_back(normal(gen));
      data[1].push_back(d % 2 ? std::numeric_limits<double>::quiet_NaN() : normal(gen));
    }
    const Outcome out = select(data, {});
    CHECK(out.pilot_draws == 0);
    CHECK(out.passes == 1);
    check_exact({data[0]}, {out.passes, out.pilot_draws, {out.quantiles[0]}});
    if (draws > 1) check_exact({data[1]}, {out.passes, out.pilot_draws, {out.quantiles[1]}});
  }
}

TEST_CASE("all-equal values need no values kept and no further pass", "[statistics][windows]") {
  Data data{std::vector<double>(kDraws, 3.25), std::vector<double>(kDraws, -1.0)};
  const Outcome out = select(data, small_budget());
  CHECK(out.passes == 1);
  check_exact(data, out);
}

TEST_CASE("a misleading pilot costs one fallback pass, not exactness", "[statistics][windows]") {
  std::mt19937_64 gen(11);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::cauchy_distribution<double> cauchy(0.0, 1.0);
  const auto pilot_part = [](std::size_t d) { return d < 40000; };  // beyond any pilot below

  SECTION("a step change after the pilot: the wanted ranks fall between windows") {
    Data data(2);
    for (std::size_t d = 0; d < kDraws; ++d) {
      data[0].push_back(pilot_part(d) ? normal(gen) : 10 + normal(gen));
      data[1].push_back(normal(gen));  // this one is predicted well
    }
    const Outcome out = select(data, small_budget());
    REQUIRE(out.pilot_draws > 0);
    CHECK(out.passes == 2);
    check_exact(data, out);
  }
  SECTION("a point mass after the pilot overflows a window's cap") {
    Data data(2);
    for (std::size_t d = 0; d < kDraws; ++d) {
      data[0].push_back(pilot_part(d) ? normal(gen) : 0.0);
      data[1].push_back(normal(gen));
    }
    const Outcome out = select(data, small_budget());
    REQUIRE(out.pilot_draws > 0);
    CHECK(out.passes == 2);
    check_exact(data, out);
  }
  SECTION("a pilot of one value, then a spread") {
    Data data(2);
    for (std::size_t d = 0; d < kDraws; ++d) {
      data[0].push_back(pilot_part(d) ? 1.0 : normal(gen));
      data[1].push_back(normal(gen));
    }
    const Outcome out = select(data, small_budget());
    REQUIRE(out.pilot_draws > 0);
    CHECK(out.passes == 2);
    check_exact(data, out);
  }
  SECTION("heavy tails and outliers") {
    Data data(2);
    for (std::size_t d = 0; d < kDraws; ++d) {
      data[0].push_back(cauchy(gen));
      data[1].push_back(d % 1000 == 0 ? 1e12 * normal(gen) : normal(gen));
    }
    const Outcome out = select(data, small_budget());
    CHECK(out.passes <= 2);
    check_exact(data, out);
  }
  SECTION("fallback cells too large to collect are narrowed by histograms first") {
    Data data(2);
    for (std::size_t d = 0; d < kDraws; ++d) {
      data[0].push_back(pilot_part(d) ? normal(gen) : 10 + normal(gen));
      data[1].push_back(pilot_part(d) ? normal(gen) : std::round(normal(gen)));  // and ties
    }
    sim::QuantileSelector::Options options = small_budget();
    options.bins = 512;
    options.collect_cell_limit = 500;
    const Outcome out = select(data, options);
    REQUIRE(out.pilot_draws > 0);
    CHECK(out.passes > 2);
    check_exact(data, out);
  }
  SECTION("windows too narrow to hold anything (zero width): every rank falls back") {
    Data data(2);
    for (std::size_t d = 0; d < kDraws; ++d) data[0].push_back(normal(gen)), data[1].push_back(normal(gen));
    sim::QuantileSelector::Options options = small_budget();
    options.window_sigmas = 0;
    const Outcome out = select(data, options);
    REQUIRE(out.pilot_draws > 0);
    CHECK(out.passes == 2);
    check_exact(data, out);
  }
}

TEST_CASE("a budget no pilot can meet keeps to histograms and refining passes", "[statistics][windows]") {
  std::mt19937_64 gen(5);
  std::normal_distribution<double> normal(0.0, 1.0);
  Data data(2);
  for (std::size_t d = 0; d < kDraws; ++d) data[0].push_back(normal(gen)), data[1].push_back(normal(gen));
  sim::QuantileSelector::Options options;
  options.window_total_limit = 1000;
  const Outcome out = select(data, options);
  CHECK(out.pilot_draws == -1);
  CHECK(out.passes == 2);
  check_exact(data, out);
}

TEST_CASE("the engine with a pilot: one pass, exact, the same for 1 and 2 threads", "[engine][windows]") {
  sim::LoadOptions draws_20000;
  draws_20000.draws = 20000;
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"), draws_20000);
  const sim::Simulator sim(s);
  sim::RunOptions options{1, false};
  const auto values = static_cast<std::uint64_t>(20000 * sim.layout().count() * sim.layout().years);
  options.quantiles.window_total_limit = values / 2;  // not every value fits: a pilot places windows
  const sim::RunSummary one = sim::run_monte_carlo(sim, options);
  options.threads = 2;
  const sim::RunSummary two = sim::run_monte_carlo(sim, options);
  options.quantiles.window_sigmas = 0;  // a forced fallback
  const sim::RunSummary forced = sim::run_monte_carlo(sim, options);
  CHECK(one.pilot_draws > 0);
  CHECK(one.passes == 1);
  CHECK(two.passes == 1);
  CHECK(forced.passes == 2);
  sim::BlockValues all;
  sim.run(0, 20000, all);
  for (std::size_t k = 0; k < one.series.size(); ++k)
    for (int y = 0; y < sim.layout().years; ++y) {
      std::vector<double> column(all.series[k].col(y).data(), all.series[k].col(y).data() + 20000);
      const auto expected = numpy_quantiles(column);
      for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto q = static_cast<Eigen::Index>(i);
        const double want = expected[i];
        const auto same = [want](double x) { return x == want || (std::isnan(x) && std::isnan(want)); };
        CHECK(same(one.series[k].quantiles(q, y)));
        CHECK(same(two.series[k].quantiles(q, y)));
        CHECK(same(forced.series[k].quantiles(q, y)));
      }
    }
}
