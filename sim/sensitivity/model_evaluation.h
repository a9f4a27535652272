#pragma once
// The model as a function of a unit-cube point, for variance-based and screening designs
// (lissim sobol): one column per uncertain parameter (mapped through its distribution's
// inverse CDF) and a last column standing for the macro shocks, whose value is the choice of
// which draw's shocks the evaluation takes.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/simulator.h"
#include "sim/engine/team.h"
#include "sim/sensitivity/saltelli.h"

namespace lissim::sim {

// One scalar output of an evaluation.
struct ModelOutput {
  std::string label;  // "productivity_gap@2024", "effect:jobs@2024", "all:bcr"
  bool appraisal = false;
  int path = 0;       // Path::scenario or Path::effect
  models::Indicator indicator = models::Indicator::jobs;
  int year_index = 0;
  int intervention = 0;
  models::AppraisalMeasure measure = models::AppraisalMeasure::bcr;
};

// Parses "[effect:]INDICATOR@YEAR" and "INTERVENTION:MEASURE"; with none, each target's
// indicator at the deadline, and the package's BCR when there are interventions.
std::vector<ModelOutput> model_outputs(const Scenario& scenario, const SeriesLayout& layout,
                                       const std::vector<std::string>& specs);

// Columns: the uncertain parameters in /parameters/names order, then the macro shocks.
std::vector<std::string> model_columns(const Scenario& scenario);

// Factors: grouped (each calibration parameter alone, a sector parameter across sectors as
// one, each intervention's parameters as one) or individual (one per parameter). With
// `prefixes`, only the parameters whose names start with one of them are factors (grouped or
// individual as asked) and the rest move together as "other_parameters". The macro shocks are
// always one factor, named "macro_shocks", last.
std::vector<FactorGroup> model_factors(const Scenario& scenario, bool individual,
                                       const std::vector<std::string>& prefixes = {});

// Evaluates outputs at `evaluations` points: point(e, u) fills the unit-cube point of
// evaluation e, shock_draw(e, u) names the draw whose shocks it takes. Returns
// values[output][evaluation]; evaluations run in blocks on `threads` threads, and each value
// depends only on its point, never on the block, thread or rank. In a team (MPI) member r
// evaluates blocks r, r + size, ... and every member ends with all values. With `order`,
// position p of the processing is evaluation order(p) (a permutation): a design puts the
// evaluations that share a shock draw side by side, and a block generates those shocks once.
std::vector<std::vector<double>> evaluate_model(
    const Simulator& simulator, const std::vector<ModelOutput>& outputs, std::uint64_t evaluations,
    const std::function<void(std::uint64_t, std::span<double>)>& point,
    const std::function<std::uint64_t(std::uint64_t, std::span<const double>)>& shock_draw, int threads,
    Team* team = nullptr, const std::function<std::uint64_t(std::uint64_t)>& order = {});

}  // namespace lissim::sim
