#pragma once
// Numbers as people read them in a terminal or report: four significant figures in plain
// notation (never 1e-05), thousands separators from 1,000 on, "-" for undefined (NaN), and an
// exact zero always as "0" so a file compared with itself visibly shows no difference.
#include <string>

#include "sim/util/sample_stats.h"

namespace lissim::sim {

std::string display_number(double x);
// With an explicit sign: +12.5, -3, 0.
std::string display_signed(double x);
// "median [lo, hi]".
std::string display_band(const Band& band, bool sign = false);
// A probability in percent: 45.2%.
std::string display_percent(double p);
// A difference of probabilities in percentage points: +1.3 pp, 0 pp.
std::string display_pp(double difference);

}  // namespace lissim::sim
