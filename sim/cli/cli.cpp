#include "sim/cli/cli.h"

#include <boost/program_options/errors.hpp>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/engine/team_factory.h"
#include "sim/errors.h"
#include "sim/version.h"

namespace lissim::sim {

namespace {

// Where messages go that this process must not print.
std::ostream& null_stream() {
  static std::ostream sink(nullptr);
  return sink;
}

int dispatch(const Arguments& all) {
  {
    if (all.empty()) {
      print_help("");
      return static_cast<int>(ExitCode::bad_input);
    }
    const std::string& command = all[0];
    const Arguments rest(all.begin() + 1, all.end());
    if (command == "--version" || command == "version") {
      std::cout << "lissim " << kVersion << " (git " << kGitSha << (built_with_mpi() ? ", MPI" : "") << ")\n";
      return 0;
    }
    if (command == "--help" || command == "-h" || command == "help") {
      const std::string topic = rest.empty() ? "" : rest[0];
      // compare and export print their own help.
      if (topic == "compare" || topic == "export")
        return topic == "compare" ? compare_command({"--help"}) : export_command({"--help"});
      if (topic == "sweep") return sweep_command({"--help"});
      if (topic == "sensitivity") return sensitivity_command({"--help"});
      if (topic == "sobol") return sobol_command({"--help"});
      if (topic == "calibrate") return calibrate_command({"--help"});
      if (topic == "backtest") return backtest_command({"--help"});
      if (topic == "build-region") return build_region_command({"--help"});
      if (!print_help(topic)) {
        std::cerr << "lissim: error: no command '" << topic << "'; see lissim help\n";
        return static_cast<int>(ExitCode::bad_input);
      }
      return 0;
    }
    if (command == "run") return run_command(rest);
    if (command == "validate") return validate_command(rest);
    if (command == "compare") return compare_command(rest);
    if (command == "export") return export_command(rest);
    if (command == "sweep") return sweep_command(rest);
    if (command == "sensitivity") return sensitivity_command(rest);
    if (command == "sobol") return sobol_command(rest);
    if (command == "calibrate") return calibrate_command(rest);
    if (command == "backtest") return backtest_command(rest);
    if (command == "build-region") return build_region_command(rest);
    std::cerr << "lissim: error: unknown command '" << command << "'; see lissim help\n";
    return static_cast<int>(ExitCode::bad_input);
  }
}

}  // namespace

int run_cli(int argc, char** argv) {
  const Arguments all(argv + 1, argv + argc);
  // In an MPI job every rank meets the same input errors: rank 0 alone reports them.
  std::ostream& err = process_rank() == 0 ? std::cerr : null_stream();
  try {
    return dispatch(all);
  } catch (const boost::program_options::error& e) {
    err << "lissim: error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::bad_input);
  } catch (const InputError& e) {
    // Configuration errors are already one "file:line:col: error: ..." line per problem.
    const std::string text = e.what();
    err << (text.find(": error: ") == std::string::npos ? "lissim: error: " : "") << text << "\n";
    return static_cast<int>(e.code());
  } catch (const Error& e) {
    err << "lissim: error: " << e.what() << "\n";
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    err << "lissim: error: out of memory\n";
    return static_cast<int>(ExitCode::model);
  } catch (const std::exception& e) {
    err << "lissim: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::internal);
  }
}

}  // namespace lissim::sim
