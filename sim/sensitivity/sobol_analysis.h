#pragma once
// lissim sobol as a service (docs/sensitivity.md): Sobol indices on a Saltelli design (Saltelli
// 2010 and Jansen 1999 estimators, bootstrap intervals) or Morris screening, of a scenario's
// outputs or of an analytic test function. The command parses its options into these calls;
// sobol_writer.h writes the result and sobol_report.h prints it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/simulator.h"
#include "sim/engine/team.h"
#include "sim/sensitivity/model_evaluation.h"
#include "sim/sensitivity/morris.h"
#include "sim/sensitivity/saltelli.h"
#include "sim/sensitivity/sobol_indices.h"
#include "sim/sensitivity/test_functions.h"

namespace lissim::sim {

enum class SobolMethod { saltelli, morris };
const char* method_name(SobolMethod method);  // "saltelli", "morris"

struct SobolOptions {
  SobolMethod method = SobolMethod::saltelli;
  std::uint64_t base_samples = 1024;  // saltelli: N, a power of two
  MorrisOptions morris;
  BootstrapOptions bootstrap;
};

// A design's evaluations, as evaluate_model takes them.
struct DesignEvaluations {
  std::uint64_t count = 0;
  std::function<void(std::uint64_t, std::span<double>)> point;  // the unit-cube point of evaluation e
  std::function<std::uint64_t(std::uint64_t, std::span<const double>)> shock_draw;  // whose shocks e takes
  std::function<std::uint64_t(std::uint64_t)> order;  // the processing order (empty: 0, 1, ...)
};

// What is analysed: its outputs and factors, and how to evaluate it on a design.
struct AnalysisSubject {
  std::string name;                         // scenario or test function: names the default output
  std::string description;                  // the resolved scenario, or "test function: NAME"
  std::vector<std::string> outputs;         // labels
  std::vector<FactorGroup> factors;
  std::vector<std::string> factor_members;  // per factor: the parameters it moves, comma-separated
  std::optional<std::size_t> shock_factor;  // the macro shocks' factor (a model only)
  std::vector<AnalyticIndices> exact;       // a test function's analytic indices, per output
  // values[output][evaluation]
  std::function<std::vector<std::vector<double>>(const DesignEvaluations&)> evaluate;
};

struct ModelSubjectOptions {
  std::vector<std::string> measures;         // model_outputs specs; none: the targets' indicators
  bool individual_factors = false;           // model_factors
  std::vector<std::string> factor_prefixes;  // model_factors
  int threads = 1;
};

// A scenario's model; the simulator (and team) must outlive the subject.
AnalysisSubject model_subject(const Simulator& simulator, const ModelSubjectOptions& options, Team* team);
// "ishigami" or "sobol-g" (with its coefficients a_i); InputError for any other name.
AnalysisSubject test_function_subject(const std::string& name, const std::vector<double>& g_coefficients);

// The result: per output, Sobol indices (saltelli) or Morris effects (morris).
struct SobolAnalysis {
  SobolMethod method = SobolMethod::saltelli;
  std::string subject;                      // AnalysisSubject::description
  std::uint64_t base_samples_or_trajectories = 0;
  std::uint64_t evaluations = 0;
  std::vector<std::string> outputs;
  std::vector<std::string> factors;
  std::vector<std::string> factor_members;
  std::vector<SobolIndices> sobol;                // saltelli, per output
  std::vector<std::vector<MorrisFactor>> morris;  // morris, per output
  std::vector<AnalyticIndices> exact;             // test functions
};

// Runs the design on the subject. In a team every member ends with the whole analysis.
SobolAnalysis run_sobol_analysis(const AnalysisSubject& subject, const SobolOptions& options);

}  // namespace lissim::sim
