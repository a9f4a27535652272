#pragma once
// Boost.Program_options reads "-1" for an unsigned option as 2^64 - 1 (lexical_cast wraps):
// negative values of unsigned options are refused before parsing, naming the option.
#include <initializer_list>

#include "sim/cli/commands.h"

namespace lissim::sim {

// Throws InputError ("--seed: got -1, must be a whole number >= 0") when any of the options
// (long names without dashes) is given a value that starts with '-'.
void reject_negative_values(const Arguments& args, std::initializer_list<const char*> unsigned_options);

}  // namespace lissim::sim
