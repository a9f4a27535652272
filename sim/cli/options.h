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

}  // namespace lissim::sim
