// lissim sobol: variance-based sensitivity indices of a scenario's outputs (Saltelli design,
// Jansen and Saltelli 2010 estimators, bootstrap intervals), Morris screening, and the same
// estimators on the standard analytic test functions for validation (docs/sensitivity.md).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/config/scenario_loader.h"
#include "sim/engine/team_factory.h"
#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/io/file_header.h"
#include "sim/io/hdf5_file.h"
#include "sim/io/results_writer.h"
#include "sim/sensitivity/model_evaluation.h"
#include "sim/sensitivity/morris.h"
#include "sim/sensitivity/sobol_indices.h"
#include "sim/sensitivity/test_functions.h"

namespace lissim::sim {
namespace {

po::options_description sobol_options() {
  po::options_description o("lissim sobol SCENARIO.yaml -o OUT.h5 [options]");
  o.add_options()
      ("output,o", po::value<std::string>(), "results file (default: out/<scenario name>_sobol.h5)")
      ("base-samples", po::value<std::uint64_t>()->default_value(1024), "N, a power of two: N (factors + 2) model runs")
      ("method", po::value<std::string>()->default_value("saltelli"), "saltelli (Sobol indices) or morris (screening)")
      ("trajectories", po::value<std::size_t>()->default_value(20), "morris: trajectories r: r (factors + 1) runs")
      ("levels", po::value<std::size_t>()->default_value(4), "morris: grid levels p (even)")
      ("factors", po::value<std::string>()->default_value("grouped"),
       "grouped (a sector parameter across sectors and each intervention as one factor) or individual")
      ("params", po::value<std::vector<std::string>>()->composing(),
       "only parameters whose names start with this are factors; the rest move as one (repeatable)")
      ("measure", po::value<std::vector<std::string>>()->composing(),
       "an output: [effect:]INDICATOR@YEAR or INTERVENTION:MEASURE (repeatable; default: the targets' "
       "indicators at the deadline)")
      ("set", po::value<std::vector<std::string>>()->composing(), "override a scenario value: key.path=value")
      ("test-function", po::value<std::string>(), "instead of a scenario: ishigami or sobol-g (analytic indices)")
      ("g-coefficients", po::value<std::string>()->default_value("0,1,4.5,9,99,99"), "sobol-g: a1,a2,...")
      ("resamples", po::value<std::size_t>()->default_value(1000), "bootstrap resamples for the intervals")
      ("threads", po::value<int>(), "worker threads (default: all cores); results do not depend on it")
      ("force", po::bool_switch(), "overwrite an existing results file")
      ("quiet,q", po::bool_switch(), "print nothing but errors")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

std::vector<double> parse_list(const std::string& text) {
  std::vector<double> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      out.push_back(std::stod(item));
    } catch (...) {
      throw InputError("--g-coefficients: got '" + item + "', must be numbers separated by commas");
    }
  }
  if (out.empty()) throw InputError("--g-coefficients: got none, must give at least one");
  return out;
}

struct Analysis {
  std::vector<std::string> labels;
  std::vector<std::string> factors;
  std::vector<std::string> factor_members;
  std::vector<SobolIndices> sobol;           // saltelli, per output
  std::vector<std::vector<MorrisFactor>> morris;  // morris, per output
  std::vector<AnalyticIndices> exact;        // test functions
};

void print_sobol(const Analysis& a) {
  for (std::size_t o = 0; o < a.sobol.size(); ++o) {
    const SobolIndices& s = a.sobol[o];
    std::cout << "\n" << a.labels[o] << ": Sobol indices (" << static_cast<int>(100 * s.confidence)
              << "% bootstrap intervals), largest total first\n";
    std::vector<std::size_t> order(s.factors.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return s.factors[x].total.value > s.factors[y].total.value; });
    for (const std::size_t i : order) {
      const FactorIndices& f = s.factors[i];
      char line[256];
      std::snprintf(line, sizeof line, "  %-48s S1 %6.3f [%6.3f, %6.3f]  ST %6.3f [%6.3f, %6.3f]", f.name.c_str(),
                    f.first_order.value, f.first_order.low, f.first_order.high, f.total.value, f.total.low,
                    f.total.high);
      std::cout << line;
      if (!a.exact.empty())
        std::printf("  exact S1 %.4f ST %.4f", a.exact[o].first_order[i], a.exact[o].total[i]);
      std::cout << "\n";
    }
    for (const std::string& w : s.warnings) std::cout << "  warning: " << w << "\n";
  }
  for (std::size_t o = 0; o < a.morris.size(); ++o) {
    std::cout << "\n" << a.labels[o] << ": Morris elementary effects, largest mu* first\n";
    std::vector<MorrisFactor> factors = a.morris[o];
    std::sort(factors.begin(), factors.end(), [](const auto& x, const auto& y) { return x.mu_star > y.mu_star; });
    for (const MorrisFactor& f : factors) {
      char line[200];
      std::snprintf(line, sizeof line, "  %-48s mu* %11.4g  mu %11.4g  sigma %11.4g\n", f.name.c_str(), f.mu_star,
                    f.mu, f.sigma);
      std::cout << line;
    }
  }
}

void write_analysis(const std::string& path, const Analysis& a, const std::string& method,
                    const std::string& subject_yaml, std::uint64_t samples, std::uint64_t evaluations) {
  quiet_hdf5_errors();
  H5OutputFile file(path);
  H5Group& root = file.root();
  write_file_header(root, "lissim-sobol", kFormatMajor, kFormatMinor);
  root.attribute("method", method);
  root.attribute("subject", subject_yaml);
  root.attribute("base_samples_or_trajectories", static_cast<std::int64_t>(samples));
  root.attribute("model_evaluations", static_cast<std::int64_t>(evaluations));
  const auto k = static_cast<hsize_t>(a.factors.size());
  H5Group top = root.group(method == "morris" ? "morris" : "sobol");
  const H5Dataset factors = top.write("factors", a.factors);
  factors.set_units("", "Factor names: a parameter, a group of parameters, or macro_shocks");
  factors.make_scale("factor");
  const H5Dataset members = top.write("factor_parameters", a.factor_members);
  members.set_units("", "The parameters each factor moves, comma-separated");
  members.set_dims({"factor"});
  for (std::size_t o = 0; o < a.labels.size(); ++o) {
    H5Group g = top.group(a.labels[o]);
    auto put = [&](const char* name, const std::vector<double>& v, const char* description,
                   const char* units = "1") {
      const H5Dataset set = g.write(name, {k}, v.data());
      set.set_units(units, description);
      set.set_dims({"factor"});
    };
    if (method == "morris") {
      std::vector<double> mu, mu_star, sigma;
      for (const MorrisFactor& f : a.morris[o]) mu.push_back(f.mu), mu_star.push_back(f.mu_star), sigma.push_back(f.sigma);
      const char* step = "output units per unit-cube step";
      put("mu", mu, "Mean elementary effect", step);
      put("mu_star", mu_star, "Mean absolute elementary effect", step);
      put("sigma", sigma, "Sd of the elementary effects", step);
      continue;
    }
    const SobolIndices& s = a.sobol[o];
    std::vector<double> s1, st, s1_low, s1_high, st_low, st_high, s1_conf, st_conf;
    for (const FactorIndices& f : s.factors) {
      s1.push_back(f.first_order.value), st.push_back(f.total.value);
      s1_low.push_back(f.first_order.low), s1_high.push_back(f.first_order.high);
      st_low.push_back(f.total.low), st_high.push_back(f.total.high);
      s1_conf.push_back((f.first_order.high - f.first_order.low) / 2), st_conf.push_back((f.total.high - f.total.low) / 2);
    }
    put("S1", s1, "First-order Sobol index (Saltelli 2010)");
    put("ST", st, "Total Sobol index (Jansen 1999)");
    put("S1_low", s1_low, "Lower end of the bootstrap interval of S1");
    put("S1_high", s1_high, "Upper end of the bootstrap interval of S1");
    put("ST_low", st_low, "Lower end of the bootstrap interval of ST");
    put("ST_high", st_high, "Upper end of the bootstrap interval of ST");
    put("S1_conf", s1_conf, "Half-width of the bootstrap interval of S1");
    put("ST_conf", st_conf, "Half-width of the bootstrap interval of ST");
    if (!a.exact.empty()) {
      put("S1_exact", a.exact[o].first_order, "Analytic first-order index of the test function");
      put("ST_exact", a.exact[o].total, "Analytic total index of the test function");
    }
    g.attribute("confidence", s.confidence);
    g.attribute("mean", s.mean);
    g.attribute("variance", s.variance);
    g.attribute("rows_dropped", static_cast<std::int64_t>(s.rows_dropped));
    g.attribute("warnings", s.warnings.empty() ? std::vector<std::string>{""} : s.warnings);
  }
  file.close();
}

}  // namespace

int sobol_command(const Arguments& args) {
  po::options_description options = sobol_options();
  po::options_description all;
  all.add(options);
  all.add_options()("scenario", po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  po::store(parse_command_line(args, all, positional), vm);
  po::notify(vm);
  if (vm["help"].as<bool>()) {
    std::cout << options << "\n";
    return 0;
  }
  const bool test_function = vm.count("test-function") > 0;
  const std::size_t scenarios = vm.count("scenario") ? vm["scenario"].as<std::vector<std::string>>().size() : 0;
  if (test_function == (scenarios == 1) || scenarios > 1)
    throw InputError("expected one SCENARIO.yaml or --test-function, not both; see lissim help sobol");
  const std::string method = vm["method"].as<std::string>();
  if (method != "saltelli" && method != "morris")
    throw InputError("--method: got '" + method + "', must be saltelli or morris");
  const std::string factor_mode = vm["factors"].as<std::string>();
  if (factor_mode != "grouped" && factor_mode != "individual")
    throw InputError("--factors: got '" + factor_mode + "', must be grouped or individual");
  const std::uint64_t samples = vm["base-samples"].as<std::uint64_t>();
  if (method == "saltelli") check_base_samples(samples);
  const int threads = thread_count(vm);
  BootstrapOptions bootstrap;
  bootstrap.resamples = vm["resamples"].as<std::size_t>();
  MorrisOptions morris_options;
  morris_options.trajectories = vm["trajectories"].as<std::size_t>();
  morris_options.levels = vm["levels"].as<std::size_t>();

  const std::unique_ptr<Team> team = make_team();
  Analysis a;
  std::vector<FactorGroup> groups;
  std::string subject, default_output;
  // evaluate(evaluations, point, shock_draw, order): values[output][evaluation] (evaluate_model).
  std::function<std::vector<std::vector<double>>(std::uint64_t, const std::function<void(std::uint64_t, std::span<double>)>&,
                                                 const std::function<std::uint64_t(std::uint64_t, std::span<const double>)>&,
                                                 const std::function<std::uint64_t(std::uint64_t)>&)>
      evaluate;
  std::size_t shock_group = static_cast<std::size_t>(-1);
  std::optional<Scenario> scenario;
  std::optional<Simulator> simulator;
  std::vector<ModelOutput> outputs;

  if (test_function) {
    const std::string name = vm["test-function"].as<std::string>();
    std::function<double(std::span<const double>)> f;
    std::size_t dims = 0;
    if (name == "ishigami") {
      const Ishigami ishigami;
      f = ishigami, dims = 3;
      a.exact.push_back(ishigami.indices());
    } else if (name == "sobol-g") {
      const GFunction g{parse_list(vm["g-coefficients"].as<std::string>())};
      f = g, dims = g.a.size();
      a.exact.push_back(g.indices());
    } else {
      throw InputError("--test-function: got '" + name + "', must be ishigami or sobol-g");
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < dims; ++i) names.push_back("x" + std::to_string(i + 1));
    groups = one_group_per_column(names);
    a.labels = {name};
    subject = "test function: " + name;
    default_output = "out/" + name + "_" + method + ".h5";
    evaluate = [f, dims](std::uint64_t n, const auto& point, const auto&, const auto&) {
      std::vector<std::vector<double>> v(1, std::vector<double>(n));
      std::vector<double> u(dims);
      for (std::uint64_t e = 0; e < n; ++e) point(e, u), v[0][e] = f(u);
      return v;
    };
  } else {
    LoadOptions load;
    if (vm.count("set")) load.sets = vm["set"].as<std::vector<std::string>>();
    scenario.emplace(load_scenario(vm["scenario"].as<std::vector<std::string>>()[0], load));
    simulator.emplace(*scenario);
    outputs = model_outputs(*scenario, simulator->layout(),
                            vm.count("measure") ? vm["measure"].as<std::vector<std::string>>() : std::vector<std::string>{});
    for (const ModelOutput& o : outputs) a.labels.push_back(o.label);
    groups = model_factors(*scenario, factor_mode == "individual",
                           vm.count("params") ? vm["params"].as<std::vector<std::string>>() : std::vector<std::string>{});
    shock_group = groups.size() - 1;
    subject = scenario->resolved_yaml;
    default_output = "out/" + scenario->name + "_" + method + ".h5";
    evaluate = [&](std::uint64_t n, const auto& point, const auto& shock_draw, const auto& order) {
      return evaluate_model(*simulator, outputs, n, point, shock_draw, threads, team.get(), order);
    };
  }
  const std::vector<std::string> columns =
      test_function ? std::vector<std::string>{} : model_columns(*scenario);
  for (const FactorGroup& g : groups) {
    a.factors.push_back(g.name);
    std::string members;
    for (const std::size_t c : g.columns) members += (members.empty() ? "" : ", ") + (columns.empty() ? g.name : columns[c]);
    a.factor_members.push_back(members);
  }
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : default_output;
  const bool force = vm["force"].as<bool>();
  check_output_target(output, force);

  std::uint64_t evaluations = 0;
  if (method == "saltelli") {
    std::size_t column_count = 0;
    for (const FactorGroup& g : groups) column_count += g.columns.size();
    const SaltelliDesign design(column_count, groups, samples);
    evaluations = design.evaluations();
    const auto point = [&](std::uint64_t e, std::span<double> u) { design.row(e, u); };
    // The macro shocks: A's row r takes draw r's shocks, B's takes draw N + r, and AB_g takes
    // B's exactly when g is the shocks' group.
    const auto shock_draw = [&](std::uint64_t e, std::span<const double>) {
      const SaltelliRow row = design.locate(e);
      const bool from_b = row.matrix == SaltelliMatrix::B || (row.matrix == SaltelliMatrix::AB && row.group == shock_group);
      return from_b ? samples + row.row : row.row;
    };
    // Row r of A, B and every AB_g side by side: they share two shock draws, generated once.
    const std::uint64_t matrices = evaluations / samples;
    const auto order = [samples, matrices](std::uint64_t position) {
      return (position % matrices) * samples + position / matrices;
    };
    const auto values = evaluate(evaluations, point, shock_draw, order);
    for (const auto& v : values) a.sobol.push_back(estimate_sobol_indices(design, v, bootstrap));
  } else {
    const MorrisDesign design(groups.size(), morris_options);
    evaluations = design.evaluations();
    // Morris moves factors, so each factor is one column here: a group's columns move together.
    std::vector<double> factor_point(groups.size());
    const auto point = [&](std::uint64_t e, std::span<double> u) {
      std::vector<double> f(groups.size());
      design.point(e, f);
      for (std::size_t g = 0; g < groups.size(); ++g)
        for (const std::size_t c : groups[g].columns) u[c] = f[g];
    };
    const auto shock_draw = [&, levels = design.levels()](std::uint64_t, std::span<const double> u) {
      return static_cast<std::uint64_t>(u[u.size() - 1] * static_cast<double>(levels - 1) + 0.5);
    };
    const auto values = evaluate(evaluations, point, shock_draw, {});
    for (const auto& v : values) a.morris.push_back(morris_effects(design, v, a.factors));
  }

  if (!team->leader()) return 0;  // every member holds every value; rank 0 writes
  AtomicOutput target(output, force);
  write_analysis(target.temporary_path(), a, method, subject, method == "saltelli" ? samples : morris_options.trajectories,
                 evaluations);
  target.commit();
  if (!vm["quiet"].as<bool>()) {
    std::cout << "lissim sobol (" << method << "): " << a.factors.size() << " factors, " << evaluations
              << " model evaluations -> " << output << "\n";
    print_sobol(a);
  }
  return 0;
}

}  // namespace lissim::sim
