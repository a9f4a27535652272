#pragma once
// Writes one series' summaries into a group: quantiles [7, Y], mean [Y], sd [Y], and
// defined_fraction [Y] when some of the `draws` draws have no value.
#include <cstdint>
#include <string>

#include "sim/engine/monte_carlo.h"
#include "sim/io/hdf5_file.h"

namespace lissim::sim {

void write_series_summary(const H5Group& group, const SeriesSummary& s, std::int64_t draws, const std::string& units,
                          const std::string& description);

}  // namespace lissim::sim
