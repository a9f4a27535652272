#pragma once
// The backtest file (filetype "lissim-backtest"; layout in docs/results.md).
#include <string>

#include "sim/panel/backtest.h"

namespace lissim::sim {

// Format 2.0 like the results file (kFormatMajor): dimension scales on every axis.
inline constexpr const char* kBacktestFiletype = "lissim-backtest";

// Writes a new file at path (which must not exist).
void write_backtest(const std::string& path, const Backtest& backtest);

}  // namespace lissim::sim
