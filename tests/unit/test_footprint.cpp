// The resource guard's estimates (sim/engine/run_footprint.h): the parts follow exactly from
// the sizes the engine and the results writer allocate and write.
#include <catch2/catch.hpp>

#include "run_lissim.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/simulator.h"
#include "sim/io/results_writer.h"
#include "sim/sweep/appraisal_collector.h"

using namespace lissim;

TEST_CASE("the histogram part is threads x series-years x (4096 + 2) counters", "[footprint]") {
  sim::LoadOptions load;
  load.draws = 1000;
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"), load);
  const sim::Simulator simulator(s);
  const auto& layout = simulator.layout();
  const sim::RunFootprint f = sim::ResultsWriter::footprint(simulator, 3, false);
  REQUIRE(f.memory.front().what.find("3 threads x") != std::string::npos);
  CHECK(f.memory.front().bytes == 3.0 * layout.count() * layout.years * 4098 * 8);
  double total = 0;
  for (const auto& part : f.memory) total += part.bytes;
  CHECK(f.memory_bytes() == total);
  // Values collected for the order statistics: all of them when fewer than the budget.
  CHECK(f.memory[1].bytes == 2.0 * 1000 * layout.count() * layout.years * 8);
}

TEST_CASE("the file holds a row of parameter samples per draw when kept, and kept draws per indicator-year",
          "[footprint]") {
  sim::LoadOptions load;
  load.draws = 5000;
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_uncertain.yaml"), load);
  const sim::Simulator simulator(s);
  const double params = static_cast<double>(s.parameters.uncertain().size());
  REQUIRE(params > 0);
  REQUIRE(simulator.layout().paths == 1);
  // Plus the per-draw target flags, a bit each: ceil(5000 / 8) bytes per flag.
  const double flags = 625.0 * simulator.layout().met_count();
  CHECK(sim::ResultsWriter::footprint(simulator, 1, false).file_bytes == flags);
  CHECK(sim::ResultsWriter::footprint(simulator, 1, false, true).file_bytes == 5000 * params * 8 + flags);
  CHECK(sim::ResultsWriter::footprint(simulator, 1, true).file_bytes ==
        5000 * models::kIndicatorCount * simulator.layout().years * 8 + flags);
  CHECK(sim::ResultsWriter::footprint(simulator, 1, true, true).file_bytes ==
        5000 * (params + models::kIndicatorCount * simulator.layout().years) * 8 + flags);
}

TEST_CASE("with interventions the file adds appraisal draws and kept counterfactual draws", "[footprint]") {
  sim::LoadOptions load;
  load.draws = 100;
  const sim::Scenario s = sim::load_scenario(test::source_path("tests/data/tiny_interventions.yaml"), load);
  const sim::Simulator simulator(s);
  const auto& layout = simulator.layout();
  REQUIRE(layout.paths == 3);
  REQUIRE(layout.appraisal_value_count() > 0);
  const double params = static_cast<double>(s.parameters.uncertain().size());
  // Appraisal draws as doubles, the target flags (scenario and counterfactual) as bits:
  // ceil(100 / 8) = 13 bytes each.
  CHECK(sim::ResultsWriter::footprint(simulator, 1, true, true).file_bytes ==
        100 * (params + layout.appraisal_value_count() + 2.0 * models::kIndicatorCount * layout.years) * 8 +
            13.0 * layout.met_count());
  // A sweep point keeps three local measures per intervention and draw, in growing vectors.
  const sim::RunFootprint point = sim::AppraisalCollector::footprint(simulator, 1);
  CHECK(point.file_bytes == 0);
  CHECK(point.memory.back().bytes == 2.0 * 100 * layout.interventions * 3 * 8);
}

TEST_CASE("byte counts read as a person would write them", "[footprint]") {
  CHECK(sim::human_bytes(0) == "0 bytes");
  CHECK(sim::human_bytes(999) == "999 bytes");
  CHECK(sim::human_bytes(1500) == "1.5 kB");
  CHECK(sim::human_bytes(64e6) == "64 MB");
  CHECK(sim::human_bytes(3.57e12) == "3.57 TB");
}
