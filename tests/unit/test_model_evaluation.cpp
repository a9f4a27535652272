// The model as a function of a design's points (lissim sobol): an evaluation's value depends
// only on its point and its shock draw, never on the block it shares, the rows it shares its
// shock draw with (whose shocks are generated once), the processing order or the threads.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "run_lissim.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/simulator.h"
#include "sim/sensitivity/model_evaluation.h"

using namespace lissim::sim;

namespace {

// A deterministic point inside the unit cube for evaluation e.
void point_of(std::uint64_t e, std::span<double> u) {
  for (std::size_t j = 0; j < u.size(); ++j) {
    const double x = 0.6180339887498949 * static_cast<double>((e + 1) * (j + 3));
    u[j] = 0.01 + 0.98 * (x - std::floor(x));
  }
}

// Equal, or both undefined (the better-jobs share without growth is NaN).
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

bool same(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

// Five shock draws for 300 evaluations: every block holds many rows with the same draw.
std::uint64_t shock_of(std::uint64_t e) { return 1000 + e % 5; }

}  // namespace

TEST_CASE("evaluations sharing a shock draw equal the same evaluations run one by one", "[sensitivity][engine]") {
  const Scenario s = load_scenario(lissim::test::source_path("tests/data/tiny_uncertain.yaml"));
  const Simulator simulator(s);
  const std::vector<ModelOutput> outputs = model_outputs(s, simulator.layout(), {});
  REQUIRE(!outputs.empty());
  constexpr std::uint64_t n = 300;
  const auto shared = evaluate_model(simulator, outputs, n, point_of,
                                     [](std::uint64_t e, std::span<const double>) { return shock_of(e); }, 1);

  for (std::uint64_t e = 0; e < n; e += 7) {
    const auto alone = evaluate_model(
        simulator, outputs, 1, [e](std::uint64_t, std::span<double> u) { point_of(e, u); },
        [e](std::uint64_t, std::span<const double>) { return shock_of(e); }, 1);
    for (std::size_t o = 0; o < outputs.size(); ++o) {
      INFO("evaluation " << e << ", output " << outputs[o].label);
      CHECK(same(alone[o][0], shared[o][e]));
    }
  }

  // Processed in reverse on two threads, the values come back in evaluation order, unchanged.
  const auto reversed = evaluate_model(
      simulator, outputs, n, point_of, [](std::uint64_t e, std::span<const double>) { return shock_of(e); }, 2,
      nullptr, [](std::uint64_t position) { return n - 1 - position; });
  for (std::size_t o = 0; o < outputs.size(); ++o) CHECK(same(reversed[o], shared[o]));
}
