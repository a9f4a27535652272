#include "sim/sensitivity/sobol_analysis.h"

#include "sim/errors.h"

namespace lissim::sim {
namespace {

// Saltelli: the macro shocks of A's row r are draw r's, B's are draw N + r's, and AB_g takes
// B's exactly when g is the shocks' factor. Row r of A, B and every AB_g are processed side by
// side: they share two shock draws, generated once.
void run_saltelli(const AnalysisSubject& subject, const SobolOptions& options, SobolAnalysis& analysis) {
  const std::uint64_t samples = options.base_samples;
  std::size_t columns = 0;
  for (const FactorGroup& g : subject.factors) columns += g.columns.size();
  const SaltelliDesign design(columns, subject.factors, samples);
  const std::uint64_t matrices = design.evaluations() / samples;
  DesignEvaluations runs;
  runs.count = design.evaluations();
  runs.point = [&](std::uint64_t e, std::span<double> u) { design.row(e, u); };
  runs.shock_draw = [&](std::uint64_t e, std::span<const double>) {
    const SaltelliRow row = design.locate(e);
    const bool from_b =
        row.matrix == SaltelliMatrix::B || (row.matrix == SaltelliMatrix::AB && row.group == subject.shock_factor);
    return from_b ? samples + row.row : row.row;
  };
  runs.order = [samples, matrices](std::uint64_t position) { return (position % matrices) * samples + position / matrices; };
  for (const auto& values : subject.evaluate(runs))
    analysis.sobol.push_back(estimate_sobol_indices(design, values, options.bootstrap));
  analysis.base_samples_or_trajectories = samples;
  analysis.evaluations = runs.count;
}

// Morris moves factors, so a factor's columns move together; the last column (the macro shocks
// of a model) picks the draw whose shocks an evaluation takes from its grid level.
void run_morris(const AnalysisSubject& subject, const SobolOptions& options, SobolAnalysis& analysis) {
  const std::vector<FactorGroup>& factors = subject.factors;
  const MorrisDesign design(factors.size(), options.morris);
  DesignEvaluations runs;
  runs.count = design.evaluations();
  runs.point = [&](std::uint64_t e, std::span<double> u) {
    std::vector<double> f(factors.size());
    design.point(e, f);
    for (std::size_t g = 0; g < factors.size(); ++g)
      for (const std::size_t c : factors[g].columns) u[c] = f[g];
  };
  runs.shock_draw = [levels = design.levels()](std::uint64_t, std::span<const double> u) {
    return static_cast<std::uint64_t>(u[u.size() - 1] * static_cast<double>(levels - 1) + 0.5);
  };
  for (const auto& values : subject.evaluate(runs)) analysis.morris.push_back(morris_effects(design, values, analysis.factors));
  analysis.base_samples_or_trajectories = options.morris.trajectories;
  analysis.evaluations = runs.count;
}

}  // namespace

const char* method_name(SobolMethod method) { return method == SobolMethod::morris ? "morris" : "saltelli"; }

AnalysisSubject model_subject(const Simulator& simulator, const ModelSubjectOptions& options, Team* team) {
  const Scenario& scenario = simulator.scenario();
  AnalysisSubject s;
  s.name = scenario.name;
  s.description = scenario.resolved_yaml;
  const std::vector<ModelOutput> outputs = model_outputs(scenario, simulator.layout(), options.measures);
  for (const ModelOutput& o : outputs) s.outputs.push_back(o.label);
  s.factors = model_factors(scenario, options.individual_factors, options.factor_prefixes);
  s.shock_factor = s.factors.size() - 1;
  const std::vector<std::string> columns = model_columns(scenario);
  for (const FactorGroup& g : s.factors) {
    std::string members;
    for (const std::size_t c : g.columns) members += (members.empty() ? "" : ", ") + columns[c];
    s.factor_members.push_back(members);
  }
  s.evaluate = [&simulator, outputs, threads = options.threads, team](const DesignEvaluations& runs) {
    return evaluate_model(simulator, outputs, runs.count, runs.point, runs.shock_draw, threads, team, runs.order);
  };
  return s;
}

AnalysisSubject test_function_subject(const std::string& name, const std::vector<double>& g_coefficients) {
  std::function<double(std::span<const double>)> f;
  std::size_t dims = 0;
  AnalysisSubject s;
  if (name == "ishigami") {
    const Ishigami ishigami;
    f = ishigami, dims = 3;
    s.exact.push_back(ishigami.indices());
  } else if (name == "sobol-g") {
    const GFunction g{g_coefficients};
    f = g, dims = g.a.size();
    s.exact.push_back(g.indices());
  } else {
    throw InputError("--test-function: got '" + name + "', must be ishigami or sobol-g");
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < dims; ++i) names.push_back(std::string("x") += std::to_string(i + 1));  // not "x" + ...: GCC 12 warns falsely (-Wrestrict)
  s.name = name;
  s.description = "test function: " + name;
  s.outputs = {name};
  s.factors = one_group_per_column(names);
  s.factor_members = names;  // each factor is its own column
  s.evaluate = [f, dims](const DesignEvaluations& runs) {
    std::vector<std::vector<double>> values(1, std::vector<double>(runs.count));
    std::vector<double> u(dims);
    for (std::uint64_t e = 0; e < runs.count; ++e) runs.point(e, u), values[0][e] = f(u);
    return values;
  };
  return s;
}

SobolAnalysis run_sobol_analysis(const AnalysisSubject& subject, const SobolOptions& options) {
  SobolAnalysis analysis;
  analysis.method = options.method;
  analysis.subject = subject.description;
  analysis.outputs = subject.outputs;
  for (const FactorGroup& g : subject.factors) analysis.factors.push_back(g.name);
  analysis.factor_members = subject.factor_members;
  analysis.exact = subject.exact;
  if (options.method == SobolMethod::saltelli)
    run_saltelli(subject, options, analysis);
  else
    run_morris(subject, options, analysis);
  return analysis;
}

}  // namespace lissim::sim
