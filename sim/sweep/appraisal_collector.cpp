#include "sim/sweep/appraisal_collector.h"

namespace lissim::sim {

void AppraisalCollector::on_chunk(const ChunkValues& chunk) {
  constexpr std::size_t kept = std::size(kKept);
  values_.resize(static_cast<std::size_t>(layout_.interventions) * kept);
  for (int i = 0; i < layout_.interventions; ++i)
    for (std::size_t m = 0; m < kept; ++m) {
      const auto& v = chunk.draw_values[static_cast<std::size_t>(layout_.draw_value_index(i, models::View::local, kKept[m]))];
      auto& into = values_[static_cast<std::size_t>(i) * kept + m];
      into.insert(into.end(), v.data(), v.data() + v.size());
    }
}

std::vector<AppraisalSummary> AppraisalCollector::summaries() {
  constexpr std::size_t kept = std::size(kKept);
  std::vector<AppraisalSummary> out(static_cast<std::size_t>(layout_.interventions * models::kViewCount));
  for (int i = 0; i < layout_.interventions; ++i) {
    AppraisalSummary& a = out[static_cast<std::size_t>(i * models::kViewCount)];
    for (std::size_t m = 0; m < kept; ++m) {
      auto& values = values_[static_cast<std::size_t>(i) * kept + m];
      if (kKept[m] == models::AppraisalMeasure::bcr) a.vfm_band_probability = vfm_band_probabilities(values);
      a.measures[static_cast<std::size_t>(kKept[m])] = summarise_draws(std::move(values));
    }
  }
  values_.clear();
  return out;
}

RunFootprint AppraisalCollector::footprint(const Simulator& simulator, int threads) {
  const SeriesLayout& layout = simulator.layout();
  const double row_values =
      static_cast<double>(simulator.scenario().parameters.uncertain().size()) + layout.draw_value_count();
  RunFootprint f = engine_footprint(layout, simulator.scenario().draws, threads, row_values);
  if (layout.interventions > 0)
    f.add_memory("appraisal draws kept for exact quantiles",
                 2.0 * static_cast<double>(simulator.scenario().draws) * layout.interventions * std::size(kKept) *
                     sizeof(double));
  return f;
}

}  // namespace lissim::sim
