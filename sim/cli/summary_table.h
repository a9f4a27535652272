#pragma once
// The short table `lissim run` prints: P(each target met at the deadline) and the headline
// indicators at the deadline (median and 90% band); with interventions, also without them,
// and each intervention's appraisal in the local view.
#include <ostream>
#include <vector>

#include "sim/engine/monte_carlo.h"
#include "sim/io/draw_summary.h"

namespace lissim::sim {

void print_summary_table(std::ostream& out, const Scenario& scenario, const RunSummary& summary,
                         const std::vector<AppraisalSummary>& appraisal);

}  // namespace lissim::sim
