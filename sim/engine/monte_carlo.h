#pragma once
// The Monte Carlo engine: simulates all draws in fixed chunks on any number of threads and
// summarises every series-year (exact quantiles, mean, sd) and every target (probability met),
// in memory that does not grow with the number of draws. Chunks are fixed by draw index and
// merged in draw order, so 1 thread and N threads give bit-identical summaries.
#include <cstdint>
#include <vector>

#include "sim/engine/chunk_plan.h"
#include "sim/engine/quantile_selector.h"
#include "sim/engine/simulator.h"
#include "sim/engine/team.h"

namespace lissim::sim {

struct SeriesSummary {
  Eigen::ArrayXXd quantiles;  // 7 x years (kQuantileLevels)
  Eigen::ArrayXd mean;        // years
  Eigen::ArrayXd sd;          // years
  Eigen::ArrayXd valid;       // draws with a defined value, per year
};

struct RunSummary {
  SeriesLayout layout;
  std::int64_t draws = 0;
  std::vector<SeriesSummary> series;  // layout.count() entries
  Eigen::ArrayXXd prob_met;           // layout.met_count() x years
  int passes = 0;                     // passes over the draws (for docs and benchmarks)
  std::int64_t pilot_draws = 0;       // first draws simulated once more to place the windows
};

// The values of one chunk, handed over in draw order during the first pass.
struct ChunkValues {
  std::uint64_t first_draw = 0;
  Eigen::Index draws = 0;
  std::vector<Eigen::ArrayXXd> series;     // draws x years, only when the sink wants series
  std::vector<Eigen::ArrayXd> draw_values; // per draw (SeriesLayout::draw_value_index), always
  Eigen::ArrayXXd parameter_samples;       // draws x uncertain parameters, file units, always
};

class ChunkSink {
 public:
  virtual ~ChunkSink() = default;
  virtual bool wants_series() const = 0;
  virtual void on_chunk(const ChunkValues& chunk) = 0;
};

struct RunOptions {
  int threads = 1;            // per team member
  bool progress = false;      // a progress line on stderr (the leader's)
  bool keep_series = false;   // members without a sink: send the series to the leader's sink
  QuantileSelector::Options quantiles = {};  // budgets of the exact quantiles (tests force fallbacks)
};

// The first pass's histogram range of every series-year (series-major), from a pilot of the
// first draws. Exposed for tests/bench (which replays the first pass).
void pilot_ranges(const Simulator& sim, std::int64_t draws, std::vector<double>& lo, std::vector<double>& hi);

// Runs every draw. With a team, each member simulates its share of the chunks and the leader
// (whose sink receives every chunk in draw order) gets the summary; other members' summaries
// hold only what the collectives gave them. Without a team the process works alone.
RunSummary run_monte_carlo(const Simulator& simulator, const RunOptions& options, ChunkSink* sink = nullptr,
                           Team* team = nullptr);

}  // namespace lissim::sim
