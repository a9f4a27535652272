#pragma once
// What `lissim sweep` prints when it is done: a table with one row per point (the swept
// values, P(met) of every target in the deadline year, the package's median BCR), and for
// each --goal TARGET:PROBABILITY the smallest swept value at which the target reaches it.
#include <ostream>
#include <string>
#include <vector>

#include "sim/scenario.h"
#include "sim/sweep/point_summary.h"
#include "sim/sweep/sweep_spec.h"

namespace lissim::sim {

struct SweepGoal {
  std::string target;  // a target id of the base scenario, or "all"
  double probability = 0;
};

// Parses "TARGET:PROBABILITY" (probability in (0, 1]); InputError naming --goal otherwise.
SweepGoal parse_goal(const std::string& text, const Scenario& base);

void print_sweep_table(std::ostream& out, const SweepSpec& spec, const std::vector<SweepPoint>& points,
                       const Scenario& base, const std::vector<PointSummary>& summaries,
                       const std::vector<SweepGoal>& goals);

}  // namespace lissim::sim
