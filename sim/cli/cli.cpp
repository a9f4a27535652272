#include "sim/cli/cli.h"

#include <boost/program_options/errors.hpp>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/errors.h"
#include "sim/version.h"

namespace lissim::sim {

int run_cli(int argc, char** argv) {
  const Arguments all(argv + 1, argv + argc);
  try {
    if (all.empty()) {
      print_help("");
      return static_cast<int>(ExitCode::bad_input);
    }
    const std::string& command = all[0];
    const Arguments rest(all.begin() + 1, all.end());
    if (command == "--version" || command == "version") {
      std::cout << "lissim " << kVersion << " (git " << kGitSha << ")\n";
      return 0;
    }
    if (command == "--help" || command == "-h" || command == "help") {
      const std::string topic = rest.empty() ? "" : rest[0];
      if (!print_help(topic)) {
        std::cerr << "lissim: error: no command '" << topic << "'; see lissim help\n";
        return static_cast<int>(ExitCode::bad_input);
      }
      return 0;
    }
    if (command == "run") return run_command(rest);
    if (command == "validate") return validate_command(rest);
    std::cerr << "lissim: error: unknown command '" << command << "'; see lissim help\n";
    return static_cast<int>(ExitCode::bad_input);
  } catch (const boost::program_options::error& e) {
    std::cerr << "lissim: error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::bad_input);
  } catch (const InputError& e) {
    // Configuration errors are already one "file:line:col: error: ..." line per problem.
    const std::string text = e.what();
    std::cerr << (text.find(": error: ") == std::string::npos ? "lissim: error: " : "") << text << "\n";
    return static_cast<int>(e.code());
  } catch (const Error& e) {
    std::cerr << "lissim: error: " << e.what() << "\n";
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    std::cerr << "lissim: error: out of memory\n";
    return static_cast<int>(ExitCode::model);
  } catch (const std::exception& e) {
    std::cerr << "lissim: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::internal);
  }
}

}  // namespace lissim::sim
