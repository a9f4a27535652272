#pragma once
// A chunk sink that keeps the local-view appraisal values a sweep summarises (BCR, NPV, cost
// per net job of each intervention and the package) and summarises them at the end. It holds
// three values per intervention per draw.
#include <vector>

#include "sim/engine/monte_carlo.h"
#include "sim/engine/run_footprint.h"
#include "sim/io/draw_summary.h"

namespace lissim::sim {

class AppraisalCollector : public ChunkSink {
 public:
  explicit AppraisalCollector(const SeriesLayout& layout) : layout_(layout) {}
  bool wants_series() const override { return false; }
  void on_chunk(const ChunkValues& chunk) override;
  // Per intervention (then the package) and view, as InterventionsWriter::finish; the national
  // view is left empty.
  std::vector<AppraisalSummary> summaries();

  // What one point's run needs (the resource guard): the engine's memory and the kept values
  // (vectors may hold up to twice their size while growing).
  static RunFootprint footprint(const Simulator& simulator, int threads);

 private:
  static constexpr models::AppraisalMeasure kKept[] = {models::AppraisalMeasure::bcr, models::AppraisalMeasure::npv,
                                                       models::AppraisalMeasure::cost_per_net_job};
  SeriesLayout layout_;
  std::vector<std::vector<double>> values_;  // per intervention x kept measure
};

}  // namespace lissim::sim
