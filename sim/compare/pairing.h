#pragma once
// Whether two runs share their random numbers draw by draw (common random numbers), so
// that B - A can be taken draw by draw: lissim's streams are keyed by seed and name and
// counted by draw, so two runs with the same seed, draws, base year, RNG scheme and seed
// data (the resolved baseline, calibration and targets) see the same shocks and parameter
// draws in every draw; what differs between them is the decision (interventions, appraisal).
#include <string>

#include "sim/io/embedded_scenario.h"
#include "sim/io/results_reader.h"

namespace lissim::sim {

struct Pairing {
  bool paired = false;
  std::string explanation;  // what they share, or every reason they are not paired
};

Pairing pair_runs(const ResultsReader& a, const EmbeddedScenario& scenario_a, const ResultsReader& b,
                  const EmbeddedScenario& scenario_b);

}  // namespace lissim::sim
