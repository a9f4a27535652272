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

// Parses a command line; a mistyped option is an InputError naming the closest option
// ("unrecognised option '--draw'; did you mean '--draws'?"), as a mistyped YAML key is.
po::parsed_options parse_command_line(const Arguments& args, const po::options_description& options,
                                      const po::positional_options_description& positional);

// Parses args with one positional argument (the scenario or results file).
po::variables_map parse_command(const Arguments& args, const po::options_description& options,
                                const char* positional_name);

}  // namespace lissim::sim
