#pragma once
// The tables `lissim sensitivity` prints: for each output, the parameters in order of
// |PRCC| (a tornado chart's bars, longest first) with PRCC, SRC, their intervals and the
// regressions' R^2 - as aligned text for a terminal, or as tidy CSV (one row per output and
// parameter) for spreadsheets and plotting.
#include <ostream>
#include <vector>

#include "sim/sensitivity/draw_outputs.h"
#include "sim/sensitivity/regression.h"

namespace lissim::sim {

struct ExplainedOutput {
  DrawOutput output;
  RegressionSensitivity sensitivity;
};

// Parameter indices ordered by |PRCC|, largest first; dropped (NaN) parameters last, ties in
// file order.
std::vector<std::size_t> tornado_order(const RegressionSensitivity& sensitivity);

void print_tornado_text(std::ostream& out, const std::vector<ExplainedOutput>& outputs);
void print_tornado_csv(std::ostream& out, const std::vector<ExplainedOutput>& outputs);

}  // namespace lissim::sim
