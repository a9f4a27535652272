#include "sim/engine/chunk_exchange.h"

#include <algorithm>

#include "sim/errors.h"

namespace lissim::sim {

ChunkExchange::ChunkExchange(const ChunkPlan& plan, const SeriesLayout& layout, Team& team, ChunkSink* sink,
                             bool keep_series, Progress& progress)
    : plan_(plan),
      layout_(layout),
      team_(team),
      sink_(sink),
      keep_series_(keep_series),
      progress_(progress),
      moments_(layout.count() * layout.years),
      merger_([this](std::size_t own, ChunkResult& result) { consume(own, result); }) {}

void ChunkExchange::consume(std::size_t own, ChunkResult& result) {
  const std::size_t chunk = plan_.chunk_of(own);
  if (!team_.leader()) {
    team_.send_to_leader(chunk, pack(result));
    return;
  }
  receive_until(chunk);  // other members' chunks come first
  merge(result);
}

void ChunkExchange::finish() {
  if (team_.leader()) receive_until(plan_.chunks());
}

void ChunkExchange::merge(const ChunkResult& result) {
  for (std::size_t i = 0; i < moments_.size(); ++i) moments_[i].merge(result.moments[i]);
  if (sink_) sink_->on_chunk(result.values);
  merged_draws_ += result.values.draws;
  progress_.update(1, merged_draws_);
  ++next_chunk_;
}

void ChunkExchange::receive_until(std::size_t chunk) {
  while (next_chunk_ < chunk) merge(unpack(team_.receive(team_.owner(next_chunk_), next_chunk_), layout_, keep_series_));
}

std::vector<double> pack(const ChunkResult& r) {
  std::vector<double> out{static_cast<double>(r.values.first_draw), static_cast<double>(r.values.draws)};
  for (const Moments& m : r.moments) out.insert(out.end(), {m.count, m.mean, m.m2});
  for (const auto& s : r.values.series) out.insert(out.end(), s.data(), s.data() + s.size());
  for (const auto& v : r.values.draw_values) out.insert(out.end(), v.data(), v.data() + v.size());
  const auto& p = r.values.parameter_samples;
  out.insert(out.end(), p.data(), p.data() + p.size());
  return out;
}

ChunkResult unpack(const std::vector<double>& in, const SeriesLayout& layout, bool keep_series) {
  ChunkResult r;
  std::size_t at = 0;
  r.values.first_draw = static_cast<std::uint64_t>(in.at(at++));
  r.values.draws = static_cast<Eigen::Index>(in.at(at++));
  r.moments.resize(layout.count() * layout.years);
  for (Moments& m : r.moments) {
    m.count = in.at(at++);
    m.mean = in.at(at++);
    m.m2 = in.at(at++);
  }
  const Eigen::Index n = r.values.draws;
  // Every read below is bounds-checked against the message's length first.
  auto take = [&](Eigen::Index values) {
    if (values < 0 || in.size() - at < static_cast<std::size_t>(values))
      throw Error(ExitCode::internal, "a chunk message from a team member has the wrong length");
    const double* start = in.data() + at;
    at += static_cast<std::size_t>(values);
    return start;
  };
  if (keep_series) {
    r.values.series.resize(layout.count());
    for (auto& s : r.values.series) s = Eigen::Map<const Eigen::ArrayXXd>(take(n * layout.years), n, layout.years);
  }
  r.values.draw_values.resize(layout.draw_value_count());
  for (auto& v : r.values.draw_values) v = Eigen::Map<const Eigen::ArrayXd>(take(n), n);
  const auto parameters = static_cast<Eigen::Index>((in.size() - at) / static_cast<std::size_t>(std::max<Eigen::Index>(1, n)));
  r.values.parameter_samples = Eigen::Map<const Eigen::ArrayXXd>(take(n * parameters), n, parameters);
  if (at != in.size()) throw Error(ExitCode::internal, "a chunk message from a team member has the wrong length");
  return r;
}

}  // namespace lissim::sim
