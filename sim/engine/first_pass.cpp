#include "sim/engine/first_pass.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lissim::sim {
namespace {

// Appends a block's rows to a chunk result: moments per series-year, and the sink's values.
void append(const BlockValues& block, const SeriesLayout& layout, bool keep_series, ChunkResult& result) {
  ChunkValues& values = result.values;
  const Eigen::Index at = values.draws;
  for (int k = 0; k < layout.count(); ++k) {
    const Eigen::ArrayXXd& series = block.series[k];
    for (int y = 0; y < layout.years; ++y) result.moments[k * layout.years + y].merge(Moments::of(series.col(y)));
    if (keep_series) values.series[k].middleRows(at, block.draws) = series;
  }
  for (int v = 0; v < layout.draw_value_count(); ++v) values.draw_values[v].segment(at, block.draws) = block.draw_values[v];
  values.parameter_samples.middleRows(at, block.draws) = block.samples.values;
  values.draws += block.draws;
}

}  // namespace

FirstPassAccumulator::FirstPassAccumulator(const QuantileSelector& selector, const SeriesLayout& layout)
    : selector_(selector),
      layout_(layout),
      histogram_(selector.make_pass_data()),
      min_(layout.count() * layout.years, std::numeric_limits<double>::infinity()),
      max_(layout.count() * layout.years, -std::numeric_limits<double>::infinity()),
      valid_(layout.count() * layout.years, 0),
      met_(layout.met_count() * layout.years, 0) {}

ChunkResult FirstPassAccumulator::simulate_chunk(const Simulator& sim, const ChunkPlan& plan, std::size_t chunk,
                                                 bool keep_series) {
  const Eigen::Index rows = plan.rows(chunk);
  ChunkResult result;
  result.moments.resize(layout_.count() * layout_.years);
  result.values.first_draw = plan.first_draw(chunk);
  if (keep_series) result.values.series.assign(layout_.count(), Eigen::ArrayXXd(rows, layout_.years));
  result.values.draw_values.assign(layout_.draw_value_count(), Eigen::ArrayXd(rows));
  plan.for_each_block(sim, chunk, block_, [&](const BlockValues& block) {
    if (result.values.draws == 0) result.values.parameter_samples.resize(rows, block.samples.values.cols());
    observe(block);
    append(block, layout_, keep_series, result);
  });
  return result;
}

void FirstPassAccumulator::observe(const BlockValues& block) {
  for (int k = 0; k < layout_.count(); ++k)
    for (int y = 0; y < layout_.years; ++y) {
      const int sy = k * layout_.years + y;
      const auto column = block.series[k].col(y);
      selector_.observe(histogram_, sy, column);
      for (Eigen::Index i = 0; i < column.size(); ++i) {
        if (std::isnan(column[i])) continue;
        min_[sy] = std::min(min_[sy], column[i]);
        max_[sy] = std::max(max_[sy], column[i]);
        ++valid_[sy];
      }
    }
  for (int m = 0; m < layout_.met_count(); ++m)
    for (int y = 0; y < layout_.years; ++y)
      met_[m * layout_.years + y] += static_cast<std::uint64_t>(block.met[m].col(y).count());
}

void FirstPassAccumulator::merge(FirstPassAccumulator& other) {
  selector_.merge(histogram_, other.histogram_);
  for (std::size_t i = 0; i < valid_.size(); ++i) {
    min_[i] = std::min(min_[i], other.min_[i]);
    max_[i] = std::max(max_[i], other.max_[i]);
    valid_[i] += other.valid_[i];
  }
  for (std::size_t i = 0; i < met_.size(); ++i) met_[i] += other.met_[i];
}

void FirstPassAccumulator::combine(Team& team) {
  selector_.combine(histogram_, team);
  team.min(min_);
  team.max(max_);
  team.sum(valid_);
  team.sum(met_);
}

void FirstPassAccumulator::finish(QuantileSelector& selector) {
  selector.set_extremes(valid_, min_, max_);
  selector.finish_pass(histogram_);
}

}  // namespace lissim::sim
