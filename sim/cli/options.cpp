#include "sim/cli/options.h"

#include <algorithm>
#include <iostream>
#include <set>
#include <thread>

#include "sim/config/config_node.h"
#include "sim/errors.h"

namespace lissim::sim {

po::options_description run_options() {
  po::options_description o("lissim run SCENARIO.yaml [options]");
  o.add_options()
      ("output,o", po::value<std::string>(), "results file (default: out/<scenario name>.h5)")
      ("draws", po::value<std::int64_t>(), "Monte Carlo draws (overrides the scenario)")
      ("seed", po::value<std::uint64_t>(), "random seed (overrides the scenario)")
      ("threads", po::value<int>(), "worker threads (default: all cores); results do not depend on it")
      ("set", po::value<std::vector<std::string>>()->composing(), "override a scenario value: key.path=value (repeatable)")
      ("keep-draws", po::bool_switch(), "also write every draw of every indicator (large files)")
      ("keep-samples", po::bool_switch(),
       "also write every draw's parameter samples (/parameters/samples, about 0.5 kB a draw; lissim "
       "sensitivity and export draw them again when the file lacks them)")
      ("force", po::bool_switch(), "overwrite an existing results file")
      ("skip-resource-check", po::bool_switch(), "start even if the run looks too big for memory or disk")
      ("quiet,q", po::bool_switch(), "print nothing but errors")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

po::options_description validate_options() {
  po::options_description o("lissim validate SCENARIO.yaml [options]");
  o.add_options()
      ("set", po::value<std::vector<std::string>>()->composing(), "override a scenario value: key.path=value (repeatable)")
      ("print", po::bool_switch(), "print the resolved scenario (seed data and defaults included)")
      ("help,h", po::bool_switch(), "show this help");
  return o;
}

int thread_count(const po::variables_map& vm) {
  if (!vm.count("threads")) return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = vm["threads"].as<int>();
  if (threads < 1) throw InputError("--threads: got " + std::to_string(threads) + ", must be >= 1");
  return threads;
}

po::parsed_options parse_command_line(const Arguments& args, const po::options_description& options,
                                      const po::positional_options_description& positional) {
  try {
    return po::command_line_parser(args).options(options).positional(positional).run();
  } catch (const po::unknown_option& e) {
    std::set<std::string> names;
    for (const auto& option : options.options())
      if (!option->long_name().empty()) names.insert(option->long_name());
    std::string typed = e.get_option_name();
    typed.erase(0, typed.find_first_not_of('-'));
    const std::string suggestion = suggest_key(typed, names);
    throw InputError(std::string(e.what()) + (suggestion.empty() ? "" : "; did you mean '--" + suggestion + "'?"));
  }
}

po::variables_map parse_options(const Arguments& args, const po::options_description& options,
                                const char* positional_name) {
  po::options_description all;
  all.add(options);
  all.add_options()(positional_name, po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add(positional_name, -1);
  po::variables_map vm;
  po::store(parse_command_line(args, all, positional), vm);
  po::notify(vm);
  return vm;
}

std::size_t positional_count(const po::variables_map& vm, const char* positional_name) {
  return vm.count(positional_name) ? vm[positional_name].as<std::vector<std::string>>().size() : 0;
}

po::variables_map parse_command(const Arguments& args, const po::options_description& options,
                                const char* positional_name) {
  po::variables_map vm = parse_options(args, options, positional_name);
  if (vm.count("help") && vm["help"].as<bool>()) return vm;
  const std::size_t count = positional_count(vm, positional_name);
  if (count != 1)
    throw InputError(std::string("expected exactly one ") + positional_name + " argument, got " +
                     std::to_string(count) + "; see lissim help");
  return vm;
}

bool print_help(const std::string& command) {
  if (command.empty()) {
    std::cout << "lissim: local industrial strategy scenario simulator\n\n"
                 "usage: lissim COMMAND [options]\n\n"
                 "commands:\n"
                 "  run SCENARIO.yaml       Monte Carlo projection; writes an HDF5 results file\n"
                 "  validate SCENARIO.yaml  check a scenario and its seed data; every problem as file:line:col\n"
                 "  compare A.h5 B.h5 ...   results side by side: targets, indicators, appraisal; paired where\n"
                 "                          runs share their random numbers\n"
                 "  export RESULTS.h5 --csv DIR  summaries as tidy CSV files for spreadsheets, R and pandas\n"
                 "  sweep SWEEP.yaml -o OUT.h5  a grid or one-at-a-time sweep of any scenario numbers\n"
                 "  sensitivity RESULTS.h5  rank correlations (PRCC, SRC) of outputs on the sampled parameters\n"
                 "  sobol SCENARIO.yaml -o OUT.h5  Sobol indices (Saltelli design) or Morris screening\n"
                 "  calibrate --panel DIR --region CODE --base-year Y -o FILE.yaml  the regional differential's\n"
                 "                          uncertainty estimated from the UK regional panel (MODEL.md 7)\n"
                 "  backtest --panel DIR --origin Y -o FILE.h5  project every ITL2 region from an origin and\n"
                 "                          score the outcomes (coverage, CRPS, PIT)\n"
                 "  build-region --panel DIR --region CODE --base-year Y --region-file FILE -o DIR\n"
                 "                          a region's seed data (baseline.yaml, panel_calibration.yaml) from\n"
                 "                          the panel and a sourced region file\n"
                 "  help COMMAND            options of a command\n"
                 "  --version               version and git commit\n\n"
                 "exit codes: 0 ok, 2 bad usage or input, 3 I/O, 4 model failure, 70 internal error\n";
    return true;
  }
  if (command == "run") {
    std::cout << run_options() << "\n";
    return true;
  }
  if (command == "validate") {
    std::cout << validate_options() << "\n";
    return true;
  }
  return false;
}

}  // namespace lissim::sim
