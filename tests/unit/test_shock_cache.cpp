// The shock cache (sim/engine/shock_cache.h): a run whose further passes, or a second run, read
// their shocks from the cache gives bit-identical summaries; the cache refuses what does not
// fit its budget and scenarios that draw other shocks.
#include <catch2/catch.hpp>

#include "run_lissim.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/shock_cache.h"

using namespace lissim;

namespace {

sim::Scenario tiny(std::int64_t draws, std::uint64_t seed = 0) {
  sim::LoadOptions load;
  load.draws = draws;
  if (seed) load.seed = seed;
  return sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"), load);
}

// Equal entry by entry, NaN (no value) matching NaN.
bool same(const Eigen::ArrayXXd& a, const Eigen::ArrayXXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && ((a == b) || (a.isNaN() && b.isNaN())).all();
}

void require_same(const sim::RunSummary& a, const sim::RunSummary& b) {
  REQUIRE(a.series.size() == b.series.size());
  for (std::size_t k = 0; k < a.series.size(); ++k) {
    INFO("series " << k);
    CHECK(same(a.series[k].quantiles, b.series[k].quantiles));
    CHECK(same(a.series[k].mean, b.series[k].mean));
    CHECK(same(a.series[k].sd, b.series[k].sd));
  }
  CHECK(same(a.prob_met, b.prob_met));
}

}  // namespace

TEST_CASE("shocks read from the cache give the summaries of shocks generated", "[engine][shock_cache]") {
  const sim::Scenario s = tiny(3000);  // 11 full blocks and a partial one
  sim::RunOptions options;
  options.threads = 2;
  const sim::RunSummary plain = sim::run_monte_carlo(sim::Simulator(s), options);

  sim::ShockCache cache(s, s.draws, sim::kBlockDraws, 1e9);
  REQUIRE(cache.enabled());
  REQUIRE(cache.find(0, sim::kBlockDraws) == nullptr);
  const sim::Simulator cached(s, &cache);
  const sim::RunSummary first = sim::run_monte_carlo(cached, options);  // fills it; pass 2 reads it
  REQUIRE(cache.find(0, sim::kBlockDraws) != nullptr);
  REQUIRE(cache.find(2816, 3000 - 2816) != nullptr);  // the partial last block
  REQUIRE(cache.find(0, 100) == nullptr);               // another block shape is not served
  const sim::RunSummary second = sim::run_monte_carlo(cached, options);  // every shock from memory
  require_same(plain, first);
  require_same(plain, second);
}

TEST_CASE("the shock cache holds only what fits, for scenarios with the same shocks", "[engine][shock_cache]") {
  const sim::Scenario s = tiny(3000);
  const double needed = sim::ShockCache::bytes_needed(s, 3000);
  // Years after the base year x draws x (10 scalar shocks + 2 per differential + 3 per sector
  // + 2 per target) doubles.
  CHECK(needed == 3000.0 * (s.years() - 1) *
                      (10 + 2 * 6 + 3 * static_cast<double>(s.baseline.sectors.count()) +
                       2 * static_cast<double>(s.targets.size())) *
                      8);
  CHECK_FALSE(sim::ShockCache(s, 3000, sim::kBlockDraws, needed - 1).enabled());
  const sim::ShockCache cache(s, 3000, sim::kBlockDraws, needed);
  CHECK(cache.enabled());
  CHECK(cache.serves(s));
  CHECK(cache.serves(tiny(500)));  // other draws, the same streams
  CHECK_FALSE(cache.serves(tiny(3000, 99)));
  sim::Scenario fewer_targets = tiny(3000);
  fewer_targets.targets.pop_back();  // the published series' shocks differ
  CHECK_FALSE(cache.serves(fewer_targets));
}
