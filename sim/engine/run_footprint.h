#pragma once
// What a run will need before it starts: peak memory, from the sizes the engine allocates (the
// quantile histograms per thread, the values collected for exact quantiles, chunk buffers), plus
// what a sink adds; and the bytes written per draw. The resource guard (sim/cli/resource_guard.h)
// compares these with what the machine has, so a run too big fails at once, not hours in.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/series_layout.h"

namespace lissim::sim {

struct FootprintPart {
  std::string what;  // "quantile histograms (2 threads x 1,632 series-years x 4,098 bins)"
  double bytes = 0;
};

struct RunFootprint {
  std::vector<FootprintPart> memory;  // parts of the peak, added up
  double file_bytes = 0;              // written to the output, before compression

  double memory_bytes() const;
  void add_memory(std::string what, double bytes) { memory.push_back({std::move(what), bytes}); }
};

// The engine's own needs: `row_values` are the values per draw that travel with each chunk to
// the sink (parameter samples, appraisal draw values, and kept series-years).
RunFootprint engine_footprint(const SeriesLayout& layout, std::int64_t draws, int threads, double row_values);

// "1.5 GB", "730 MB", "12 kB": for messages.
std::string human_bytes(double bytes);

}  // namespace lissim::sim
