#pragma once
// The short table `lissim run` prints: P(each target met at the deadline) and the headline
// indicators at the deadline (median and 90% band).
#include <ostream>

#include "sim/engine/monte_carlo.h"

namespace lissim::sim {

void print_summary_table(std::ostream& out, const Scenario& scenario, const RunSummary& summary);

}  // namespace lissim::sim
