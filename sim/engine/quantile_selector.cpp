#include "sim/engine/quantile_selector.h"

#include <algorithm>
#include <limits>
#include <map>

#include "sim/errors.h"

namespace lissim::sim {
namespace {

constexpr std::size_t kMaxChain = 4;  // after this many narrowings a cell is collected whatever its size

}  // namespace

std::vector<std::uint64_t> wanted_ranks(std::uint64_t n) {
  std::vector<std::uint64_t> ranks;
  for (const double p : kQuantileLevels) {
    const double h = static_cast<double>(n - 1) * p;
    const auto lo = static_cast<std::uint64_t>(std::floor(h));
    ranks.push_back(lo);
    ranks.push_back(std::min(lo + 1, n - 1));
  }
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  return ranks;
}

QuantileSelector::QuantileSelector(int series_years, Options options)
    : series_years_(series_years), options_(options) {
  const auto n = static_cast<std::size_t>(series_years);
  valid_.assign(n, 0);
  min_.assign(n, 0);
  max_.assign(n, 0);
  resolved_.assign(n, {});
  cells_by_series_.assign(n, {});
  first_bins_by_series_.assign(n, {});
  first_bin_masks_.assign(n, {});
  generic_.assign(n, 0);
}

void QuantileSelector::start(const std::vector<double>& pilot_lo, const std::vector<double>& pilot_hi) {
  active_.clear();
  for (int sy = 0; sy < series_years_; ++sy) {
    Cell root;
    root.series_year = sy;
    root.root = true;
    root.lower = pilot_lo[static_cast<std::size_t>(sy)];
    root.upper = pilot_hi[static_cast<std::size_t>(sy)];
    active_.push_back(root);
  }
  plan_pass();
}

void QuantileSelector::set_extremes(const std::vector<std::uint64_t>& valid, const std::vector<double>& min,
                                    const std::vector<double>& max) {
  valid_ = valid;
  min_ = min;
  max_ = max;
}

HistogramLevel QuantileSelector::level_for(const Cell& cell) const {
  HistogramLevel level;
  level.lo = cell.lower;
  level.hi = cell.upper;
  level.bins = options_.bins;
  level.scale = cell.upper > cell.lower ? options_.bins / (cell.upper - cell.lower) : 0.0;
  return level;
}

QuantileSelector::PassData QuantileSelector::make_pass_data() const {
  PassData data;
  if (windows_) {
    data.region_counts.assign(regions_, 0);
    for (const std::uint64_t cap : window_cap_) data.window_values.emplace_back(cap);
    return data;
  }
  data.counts.resize(active_.size());
  data.values.resize(active_.size());
  for (std::size_t c = 0; c < active_.size(); ++c)
    if (!active_[c].collect) data.counts[c].assign(static_cast<std::size_t>(options_.bins) + 2, 0);
  return data;
}

void QuantileSelector::merge(PassData& into, PassData& from) const {
  for (std::size_t r = 0; r < into.region_counts.size(); ++r) into.region_counts[r] += from.region_counts[r];
  for (std::size_t w = 0; w < into.window_values.size(); ++w) {
    into.window_values[w].append(from.window_values[w].begin(), from.window_values[w].size);
    from.window_values[w].release();
  }
  for (std::size_t c = 0; c < active_.size(); ++c) {
    if (active_[c].collect) {
      into.values[c].insert(into.values[c].end(), from.values[c].begin(), from.values[c].end());
    } else {
      for (std::size_t b = 0; b < into.counts[c].size(); ++b) into.counts[c][b] += from.counts[c][b];
    }
  }
}

void QuantileSelector::combine(PassData& data, Team& team) const {
  if (team.size() == 1) return;
  if (windows_) {
    team.sum(data.region_counts);
    std::vector<double> values;  // per window: its length, then (after all lengths) the values
    for (const auto& kept : data.window_values) values.push_back(static_cast<double>(kept.size));
    for (auto& kept : data.window_values) {
      values.insert(values.end(), kept.begin(), kept.end());
      kept.size = 0;
    }
    const std::vector<std::vector<double>> all = team.gather(values);
    values = {};
    for (const std::vector<double>& member : all) {
      std::size_t value_at = data.window_values.size();
      for (std::size_t w = 0; w < data.window_values.size(); ++w) {
        const auto n = static_cast<std::size_t>(member[w]);
        data.window_values[w].append(member.data() + value_at, n);
        value_at += n;
      }
    }
    return;
  }
  std::vector<std::uint64_t> counts;
  std::vector<double> values;  // per collect cell: its length, then (after all lengths) the values
  for (std::size_t c = 0; c < active_.size(); ++c) {
    if (active_[c].collect) {
      values.push_back(static_cast<double>(data.values[c].size()));
    } else {
      counts.insert(counts.end(), data.counts[c].begin(), data.counts[c].end());
    }
  }
  for (std::size_t c = 0; c < active_.size(); ++c)
    if (active_[c].collect) values.insert(values.end(), data.values[c].begin(), data.values[c].end());
  team.sum(counts);
  const std::vector<std::vector<double>> all = team.gather(values);
  std::size_t at = 0;
  for (std::size_t c = 0; c < active_.size(); ++c) {
    if (active_[c].collect) {
      data.values[c].clear();
      continue;
    }
    std::copy_n(counts.begin() + static_cast<std::ptrdiff_t>(at), data.counts[c].size(), data.counts[c].begin());
    at += data.counts[c].size();
  }
  for (const std::vector<double>& member : all) {
    std::size_t length_at = 0, value_at = 0;
    for (std::size_t c = 0; c < active_.size(); ++c)
      if (active_[c].collect) ++value_at;
    for (std::size_t c = 0; c < active_.size(); ++c) {
      if (!active_[c].collect) continue;
      const auto n = static_cast<std::size_t>(member[length_at++]);
      data.values[c].insert(data.values[c].end(), member.begin() + static_cast<std::ptrdiff_t>(value_at),
                            member.begin() + static_cast<std::ptrdiff_t>(value_at + n));
      value_at += n;
    }
  }
}

void QuantileSelector::finish_pass(PassData& data) {
  if (windows_) return finish_window_pass(data);
  std::vector<Cell> next;
  for (std::size_t c = 0; c < active_.size(); ++c) {
    Cell& cell = active_[c];
    const auto sy = static_cast<std::size_t>(cell.series_year);
    if (cell.collect) {
      auto& values = data.values[c];
      if (values.size() != cell.count)
        throw Error(ExitCode::internal, "quantile selection: a pass saw " + std::to_string(values.size()) +
                                            " values in a cell that held " + std::to_string(cell.count));
      std::sort(values.begin(), values.end());
      for (const std::uint64_t r : cell.ranks) resolved_[sy].emplace_back(r, values[r - cell.below]);
      continue;
    }
    if (cell.root) {  // the first pass: the wanted ranks are known now
      cell.count = valid_[sy];
      if (cell.count == 0) continue;
      cell.ranks = wanted_ranks(cell.count);
      if (min_[sy] == max_[sy]) {
        for (const std::uint64_t r : cell.ranks) resolved_[sy].emplace_back(r, min_[sy]);
        continue;
      }
    }
    const HistogramLevel level = level_for(cell);
    const auto& counts = data.counts[c];
    // Walk the bins (-1 .. bins) once, handing each wanted rank to the bin that holds it.
    std::map<int, Cell> children;
    std::uint64_t below = cell.below;
    std::size_t r = 0;
    for (int k = -1; k <= level.bins && r < cell.ranks.size(); ++k) {
      const std::uint64_t in_bin = counts[static_cast<std::size_t>(k + 1)];
      while (r < cell.ranks.size() && cell.ranks[r] < below + in_bin) {
        Cell& child = children[k];
        if (child.ranks.empty()) {
          child.series_year = cell.series_year;
          child.in_lo = cell.in_lo, child.in_hi = cell.in_hi;
          child.chain = cell.chain;
          HistogramLevel selected = level;
          selected.index = k;
          child.chain.push_back(selected);
          child.count = in_bin;
          child.below = below;
          if (k < 0) {
            child.lower = std::max(min_[sy], cell.in_lo), child.upper = level.lo;
          } else if (k >= level.bins) {
            child.lower = level.hi, child.upper = std::min(max_[sy], cell.in_hi);
          } else {
            child.lower = level.lo + k / level.scale;
            child.upper = k + 1 == level.bins ? level.hi : level.lo + (k + 1) / level.scale;
          }
        }
        child.ranks.push_back(cell.ranks[r]);
        ++r;
      }
      below += in_bin;
    }
    if (r != cell.ranks.size())
      throw Error(ExitCode::internal, "quantile selection: histogram counts do not add up to the values seen");
    for (auto& [k, child] : children) next.push_back(std::move(child));
  }
  active_ = std::move(next);
  plan_pass();
}

void QuantileSelector::plan_pass() {
  for (auto& cells : cells_by_series_) cells.clear();
  std::uint64_t total = 0;
  for (auto& cell : active_) {
    cell.collect = !cell.root && (cell.count <= options_.collect_cell_limit || cell.chain.size() >= kMaxChain);
    if (cell.collect) total += cell.count;
  }
  // Keep one pass's collected values within budget: narrow the largest cells first.
  if (total > options_.collect_total_limit) {
    std::vector<Cell*> order;
    for (auto& cell : active_)
      if (cell.collect && cell.chain.size() < kMaxChain) order.push_back(&cell);
    std::sort(order.begin(), order.end(), [](const Cell* a, const Cell* b) { return a->count > b->count; });
    for (Cell* cell : order) {
      if (total <= options_.collect_total_limit) break;
      cell->collect = false;
      total -= cell->count;
    }
  }
  for (auto& bins : first_bins_by_series_) bins.clear();
  for (auto& mask : first_bin_masks_) mask.clear();
  std::fill(generic_.begin(), generic_.end(), 0);
  for (std::size_t c = 0; c < active_.size(); ++c) {
    Cell& cell = active_[c];
    cell.level = level_for(cell);
    const auto sy = static_cast<std::size_t>(cell.series_year);
    cells_by_series_[sy].push_back(static_cast<int>(c));
    if (!cell.root && (cell.chain.empty() || std::isfinite(cell.in_lo) || std::isfinite(cell.in_hi))) generic_[sy] = 1;
    if (cell.chain.empty()) continue;
    const int bin = cell.chain.front().index;
    first_bins_by_series_[sy].push_back(bin);
    auto& mask = first_bin_masks_[sy];
    mask.resize(static_cast<std::size_t>(cell.chain.front().bins + 2 + 63) / 64, 0);
    mask[static_cast<std::size_t>(bin + 1) / 64] |= std::uint64_t{1} << ((bin + 1) % 64);
  }
  // observe() relies on a series-year's cells sharing their first level, in ascending bins
  // (cells from windows, with their own first levels, are tested one by one).
  for (std::size_t sy = 0; sy < cells_by_series_.size(); ++sy)
    if (!generic_[sy] && !std::is_sorted(first_bins_by_series_[sy].begin(), first_bins_by_series_[sy].end()))
      throw Error(ExitCode::internal, "quantile selection: cells of a series-year out of order");
}

std::array<double, 7> QuantileSelector::quantiles(int series_year) const {
  std::array<double, 7> q{};
  const auto sy = static_cast<std::size_t>(series_year);
  const std::uint64_t n = valid_[sy];
  if (n == 0) {
    q.fill(std::numeric_limits<double>::quiet_NaN());
    return q;
  }
  auto value = [&](std::uint64_t rank) {
    for (const auto& [r, v] : resolved_[sy])
      if (r == rank) return v;
    throw Error(ExitCode::internal, "quantile selection: rank " + std::to_string(rank) + " was not resolved");
  };
  for (std::size_t i = 0; i < kQuantileLevels.size(); ++i) {
    const double h = static_cast<double>(n - 1) * kQuantileLevels[i];
    const double lo_rank = std::floor(h);
    const auto lo = static_cast<std::uint64_t>(lo_rank);
    const double x_lo = value(lo);
    const double x_hi = value(std::min(lo + 1, n - 1));
    q[i] = lerp(x_lo, x_hi, h - lo_rank);
  }
  return q;
}

}  // namespace lissim::sim
