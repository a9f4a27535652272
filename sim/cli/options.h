#pragma once
// Option descriptions shared by the subcommands and their help.
#include <boost/program_options.hpp>

#include "sim/cli/commands.h"

namespace lissim::sim {

namespace po = boost::program_options;

po::options_description run_options();
po::options_description validate_options();

// --threads if given (an error below 1), else one thread per core.
int thread_count(const po::variables_map& vm);

// Parses args with one positional argument (the scenario or results file).
po::variables_map parse_command(const Arguments& args, const po::options_description& options,
                                const char* positional_name);
// Parses args with any number of positional arguments, collected under `positional_name`, for
// a command that checks their number itself; positional_count says how many were given.
po::variables_map parse_options(const Arguments& args, const po::options_description& options,
                                const char* positional_name);
std::size_t positional_count(const po::variables_map& vm, const char* positional_name);

}  // namespace lissim::sim
