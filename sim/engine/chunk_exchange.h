#pragma once
// Brings every chunk's first-pass result to the leader in chunk order, whatever thread or team
// member simulated it: the leader merges its own chunks as they complete, receiving the other
// members' chunks as their turn comes; other members send theirs. The leader's moments and
// sink therefore see the draws in the same order for any number of threads and members.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/engine/chunk_plan.h"
#include "sim/engine/first_pass.h"
#include "sim/engine/parallel.h"
#include "sim/engine/progress.h"

namespace lissim::sim {

class ChunkExchange {
 public:
  ChunkExchange(const ChunkPlan& plan, const SeriesLayout& layout, Team& team, ChunkSink* sink, bool keep_series,
                Progress& progress);

  // The result of this member's own chunk `own` (ChunkPlan numbering); any thread, any order.
  void submit(std::size_t own, ChunkResult result) { merger_.submit(own, std::move(result)); }
  // After every own chunk is submitted: the leader receives the chunks still to come.
  void finish();

  const std::vector<Moments>& moments() const { return moments_; }  // the leader's, per series-year

 private:
  void consume(std::size_t own, ChunkResult& result);
  void merge(const ChunkResult& result);
  void receive_until(std::size_t chunk);

  const ChunkPlan& plan_;
  const SeriesLayout& layout_;
  Team& team_;
  ChunkSink* sink_;
  bool keep_series_;
  Progress& progress_;
  std::vector<Moments> moments_;
  std::int64_t merged_draws_ = 0;
  std::size_t next_chunk_ = 0;  // the leader's next chunk to merge, in global order
  OrderedMerger<ChunkResult> merger_;
};

// A chunk result as one message from a team member to the leader:
// first_draw, draws, (count, mean, m2) per series-year, series (if kept), draw values, samples.
std::vector<double> pack(const ChunkResult& result);
ChunkResult unpack(const std::vector<double>& message, const SeriesLayout& layout, bool keep_series);

}  // namespace lissim::sim
