// lissim backtest --panel DIR --origin YEAR [--horizons 5,7] -o FILE.h5
#include <exception>
#include <iostream>
#include <memory>

#include "sim/cli/options.h"
#include "sim/engine/team_factory.h"
#include "sim/errors.h"
#include "sim/io/atomic_output.h"
#include "sim/panel/backtest_writer.h"

namespace lissim::sim {
namespace {

po::options_description backtest_options() {
  po::options_description o("lissim backtest --panel DIR --origin YEAR -o FILE.h5 [options]");
  o.add_options()
      ("panel", po::value<std::string>(), "panel folder in the shared/data/uk_regions format")
      ("origin", po::value<int>(), "origin year: parameters use the panel up to it only")
      ("horizons", po::value<std::string>()->default_value("5,7"), "forecast horizons in years, comma separated")
      ("series", po::value<std::string>()->default_value("filled_jobs,gva_per_hour"), "series to score")
      ("level", po::value<std::string>()->default_value("ITL2"), "the regions projected (and pooled): ITL1, ITL2 or ITL3")
      ("draws", po::value<std::int64_t>()->default_value(10000), "Monte Carlo draws per region")
      ("seed", po::value<std::uint64_t>()->default_value(20140), "random seed")
      ("output,o", po::value<std::string>(), "backtest file to write (HDF5)")
      ("force", po::bool_switch(), "overwrite an existing file")
      ("quiet,q", po::bool_switch(), "print nothing but errors")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  for (const char c : text + ",") {
    if (c == ',') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else if (c != ' ') {
      part += c;
    }
  }
  return parts;
}

std::vector<int> parse_horizons(const std::string& text) {
  std::vector<int> horizons;
  for (const auto& part : split(text)) {
    try {
      std::size_t used = 0;
      const int h = std::stoi(part, &used);
      if (used != part.size()) throw std::invalid_argument(part);
      if (std::find(horizons.begin(), horizons.end(), h) != horizons.end())
        throw InputError("--horizons: " + part + " given twice");
      horizons.push_back(h);
    } catch (const std::logic_error&) {
      throw InputError("--horizons: got '" + part + "', must be whole numbers of years, e.g. 5,7");
    }
  }
  return horizons;
}

}  // namespace

int backtest_command(const Arguments& args) {
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(backtest_options()).run(), vm);
  po::notify(vm);
  if (vm["help"].as<bool>()) {
    std::cout << "Projects every region of a panel level from an origin with the regional differential's\n"
                 "parameters estimated from the panel up to the origin only, conditional on the national\n"
                 "outturn, and scores the published outcomes (coverage of the 50% and 90% bands, CRPS, PIT)\n"
                 "beside the no-change and trend rules (MODEL.md 8; docs/model.md). With years after the\n"
                 "origin missing from the panel it exits 2.\n\n"
              << backtest_options() << "\n";
    return 0;
  }
  for (const char* name : {"panel", "origin", "output"})
    if (!vm.count(name)) throw InputError(std::string("backtest needs --") + name + "; see lissim help backtest");
  BacktestSettings settings;
  settings.origin = vm["origin"].as<int>();
  settings.horizons = parse_horizons(vm["horizons"].as<std::string>());
  settings.series.clear();
  for (const auto& name : split(vm["series"].as<std::string>())) settings.series.push_back(parse_series(name));
  if (settings.series.empty()) throw InputError("--series: none given");
  settings.level = vm["level"].as<std::string>();
  if (settings.level != "ITL1" && settings.level != "ITL2" && settings.level != "ITL3")
    throw InputError("--level: got '" + settings.level + "', must be ITL1, ITL2 or ITL3");
  settings.draws = vm["draws"].as<std::int64_t>();
  settings.seed = vm["seed"].as<std::uint64_t>();
  const std::string output = vm["output"].as<std::string>();
  const bool force = vm["force"].as<bool>();

  const Panel panel = Panel::read(vm["panel"].as<std::string>());
  const std::unique_ptr<Team> team = make_team();
  // Only the leader writes: it checks the target, and every member learns the outcome before
  // the collective steps of the backtest (a member stopping alone would leave the others waiting).
  std::exception_ptr output_problem;
  std::vector<std::uint64_t> problem_code{0};
  if (team->leader()) {
    try {
      check_output_target(output, force);
    } catch (const Error& e) {
      output_problem = std::current_exception();
      problem_code[0] = static_cast<std::uint64_t>(e.code());
    }
  }
  team->sum(problem_code);
  if (output_problem) std::rethrow_exception(output_problem);
  if (problem_code[0] != 0) throw Error(static_cast<ExitCode>(problem_code[0]), "rank 0 cannot write " + output);
  const Backtest backtest = run_backtest(panel, settings, *team);
  if (!team->leader()) return 0;
  AtomicOutput target(output, force);
  write_backtest(target.temporary_path(), backtest);
  target.commit();
  if (!vm["quiet"].as<bool>()) {
    std::cout << backtest_table(backtest);
    std::cout << "lissim backtest: wrote " << output;
    if (team->size() > 1) std::cout << " (" << team->size() << " MPI ranks)";
    std::cout << "\n";
  }
  return 0;
}

}  // namespace lissim::sim
