#pragma once
// /history of a results file (docs/results.md): the published series up to the base year that
// the seed data record (baseline.yaml's history), for fan charts that start from the data.
//   /history/<id>[/<sector>]/years                   int [Y]     its own axis (scale "<path>/year")
//   /history/<id>[/<sector>]/{region, comparator, uk} float64 [Y] attrs units, description, source
#include <vector>

#include "sim/io/hdf5_file.h"
#include "sim/seed_history.h"

namespace lissim::sim {

// Writes nothing without history.
void write_history(const H5Group& root, const std::vector<HistorySeries>& history);

}  // namespace lissim::sim
