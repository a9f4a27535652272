#pragma once
// The backtest file (filetype "lissim-backtest"; layout in docs/results.md).
#include <string>

#include "sim/panel/backtest.h"

namespace lissim::sim {

inline constexpr const char* kBacktestFiletype = "lissim-backtest";
inline constexpr int kBacktestFormatMajor = 1;
inline constexpr int kBacktestFormatMinor = 0;

// Writes a new file at path (which must not exist).
void write_backtest(const std::string& path, const Backtest& backtest);

}  // namespace lissim::sim
