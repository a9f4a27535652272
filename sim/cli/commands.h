#pragma once
// One function per subcommand; each parses its own options and returns an exit code.
#include <string>
#include <vector>

namespace lissim::sim {

using Arguments = std::vector<std::string>;

int run_command(const Arguments& args);
int validate_command(const Arguments& args);
int compare_command(const Arguments& args);  // compare_command.cpp
int export_command(const Arguments& args);   // export_command.cpp
int sweep_command(const Arguments& args);    // sweep_command.cpp
int sensitivity_command(const Arguments& args);  // sensitivity_command.cpp
int sobol_command(const Arguments& args);        // sobol_command.cpp
int calibrate_command(const Arguments& args);    // calibrate_command.cpp
int backtest_command(const Arguments& args);     // backtest_command.cpp
int build_region_command(const Arguments& args);  // build_region_command.cpp

// Prints a command's usage (or the overview for an empty name); false if unknown.
bool print_help(const std::string& command);

}  // namespace lissim::sim
