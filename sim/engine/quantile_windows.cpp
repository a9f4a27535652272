// The window pass of QuantileSelector (quantile_selector.h): windows placed from a pilot
// histogram, and the wanted ranks selected from what they collected.
//
// The pilot is a histogram of the first m draws. The count of all n draws below a value whose
// pilot fraction is p - d differs from n (p - d) by about n sqrt(p (1 - p)) sqrt((1 - f)^2 / m +
// (1 - f) / n) (f = m / n: the pilot's error in the distribution, and the other draws' own
// spread), so a window of that many standard errors each side of the pilot's quantile holds
// the wanted rank but for a tiny probability. Its share of the values shrinks as 1 / sqrt(m):
// the pilot is as large as the budget of collected values needs (none when every value fits).
#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/engine/quantile_selector.h"
#include "sim/errors.h"

namespace lissim::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::int64_t kMinPilotDraws = 2048;  // below this, the 5% tail of a pilot is too thin
constexpr std::int64_t kPilotStep = 1024;
// The pilot is sized for this share of the budget: the windows it places hold more than the
// formula says (whole bins, point masses, the pilot's own error).
constexpr double kPlanningMargin = 0.7;

// The standard error of a pilot quantile at level p, as a fraction of the draws (see above).
double window_spread(double p, std::int64_t pilot, std::int64_t draws) {
  const double f = static_cast<double>(pilot) / static_cast<double>(draws);
  return std::sqrt(p * (1 - p)) * std::sqrt((1 - f) * (1 - f) / static_cast<double>(pilot) +
                                            (1 - f) / static_cast<double>(draws));
}

// Value bounds of bin k of a histogram level (-1: below lo, bins: above hi), closed: a window
// from them may hold a bin edge of its neighbour, which costs nothing.
double bin_lower(const HistogramLevel& level, int k) {
  if (k < 0) return -kInf;
  if (k >= level.bins) return level.hi;
  if (k == 0 || level.scale == 0) return level.lo;
  return level.lo + k / level.scale;
}
double bin_upper(const HistogramLevel& level, int k) {
  if (k < 0) return level.lo;
  if (k >= level.bins) return kInf;
  if (k + 1 == level.bins || level.scale == 0) return level.hi;
  return level.lo + (k + 1) / level.scale;
}

// Each wanted level's window, `sigmas` of its rank's spread either side, as a range of the pilot's
// bins (counts: bins -1 .. bins); none when the pilot has no valid value.
std::vector<std::pair<int, int>> level_ranges(const std::vector<std::uint64_t>& counts, const HistogramLevel& level,
                                              double sigmas, std::int64_t pilot_draws, std::int64_t draws) {
  std::uint64_t valid = 0;
  for (const std::uint64_t k : counts) valid += k;
  std::vector<std::pair<int, int>> ranges;
  for (const double p : kQuantileLevels) {
    if (valid == 0) break;
    const double top = static_cast<double>(valid - 1);
    const double centre = p * top;
    const double half = sigmas * window_spread(p, pilot_draws, draws) * static_cast<double>(valid) + 2;
    const double first = std::clamp(std::floor(centre - half), 0.0, top);
    const double last = std::clamp(std::ceil(centre + half) + 1, 0.0, top);
    std::pair<int, int> range{level.bins, level.bins};
    double below = 0;
    bool found_first = false;
    for (int k = -1; k <= level.bins; ++k) {
      below += static_cast<double>(counts[static_cast<std::size_t>(k + 1)]);
      if (!found_first && below > first) range.first = k, found_first = true;
      if (below > last) {
        range.second = k;
        break;
      }
    }
    ranges.push_back(range);
  }
  return ranges;
}

}  // namespace

bool QuantileSelector::keeps_every_value(int series_years, std::int64_t draws, const Options& options) {
  return static_cast<double>(draws) * series_years <= static_cast<double>(options.window_total_limit);
}

std::int64_t QuantileSelector::window_pilot_draws(std::int64_t draws) const {
  if (keeps_every_value(series_years_, draws, options_)) return 0;
  // Series-years whose pilot range is one value (constants) are predicted to collect nothing.
  double varying = 0;
  for (const Cell& cell : active_)
    if (cell.root && cell.upper > cell.lower) ++varying;
  for (std::int64_t m = kMinPilotDraws; 2 * m <= draws; m += kPilotStep) {
    double share = 0;  // of a series-year's values, all windows (an overestimate: they overlap)
    for (const double p : kQuantileLevels) share += 2 * options_.window_sigmas * window_spread(p, m, draws);
    if (std::min(share, 1.0) * static_cast<double>(draws) * varying <= kPlanningMargin * static_cast<double>(options_.window_total_limit))
      return m;
  }
  return -1;
}

bool QuantileSelector::place_windows(const PassData* pilot, std::int64_t pilot_draws, std::int64_t draws) {
  std::vector<WindowSet> sets(static_cast<std::size_t>(series_years_));
  std::vector<std::uint64_t> caps;
  double predicted = 0;
  const auto n = static_cast<double>(draws);
  std::size_t regions = 0;
  for (std::size_t c = 0; c < active_.size(); ++c) {
    const Cell& cell = active_[c];
    WindowSet& set = sets[static_cast<std::size_t>(cell.series_year)];
    set.first_region = regions;
    set.first_window = caps.size();
    if (!pilot) {  // every value
      set.lo = {-kInf};
      set.hi = {kInf};
      caps.push_back(static_cast<std::uint64_t>(draws));
      predicted += n;
    } else {
      const std::vector<std::uint64_t>& counts = pilot->counts[c];  // bins -1 .. bins
      // Each wanted level's window as a range of pilot bins, merged where they meet.
      std::vector<std::pair<int, int>> ranges =
          level_ranges(counts, cell.level, options_.window_sigmas, pilot_draws, draws);
      std::sort(ranges.begin(), ranges.end());
      for (const auto& [first, last] : ranges) {
        const double lo = bin_lower(cell.level, first), hi = bin_upper(cell.level, last);
        if (!set.hi.empty() && lo <= set.hi.back()) {  // meets the previous window
          set.hi.back() = std::max(set.hi.back(), hi);
          continue;
        }
        set.lo.push_back(lo);
        set.hi.push_back(hi);
      }
      // Predicted values per window: its pilot share of the draws. One value: counted, not kept.
      for (std::size_t j = 0; j < set.lo.size(); ++j) {
        std::uint64_t inside = 0;
        for (int k = -1; k <= cell.level.bins; ++k) {
          const double lo = bin_lower(cell.level, k), hi = bin_upper(cell.level, k);
          if (hi >= set.lo[j] && lo <= set.hi[j]) inside += counts[static_cast<std::size_t>(k + 1)];
        }
        const double expected =
            set.lo[j] == set.hi[j] ? 0.0 : static_cast<double>(inside) / static_cast<double>(pilot_draws) * n;
        predicted += expected;
        caps.push_back(set.lo[j] == set.hi[j] ? 0 : static_cast<std::uint64_t>(2 * expected + n / 1000 + 1024));
      }
    }
    set.edges.fill(std::numeric_limits<double>::quiet_NaN());
    for (std::size_t j = 0; j < set.lo.size(); ++j) {
      set.edges[2 * j] = set.lo[j];
      set.edges[2 * j + 1] = std::nextafter(set.hi[j], kInf);
    }
    regions += 2 * set.lo.size() + 1;
  }
  if (predicted > static_cast<double>(options_.window_total_limit)) return false;
  window_sets_ = std::move(sets);
  window_cap_ = std::move(caps);
  regions_ = regions;
  windows_ = true;
  active_.clear();
  plan_pass();
  return true;
}

// Every wanted rank inside a window that kept all its values is selected from them; the region
// holding any other becomes a cell of the refining passes.
void QuantileSelector::finish_window_pass(PassData& data) {
  windows_ = false;
  std::vector<Cell> next;
  for (int s = 0; s < series_years_; ++s) {
    const auto sy = static_cast<std::size_t>(s);
    const std::uint64_t n = valid_[sy];
    if (n == 0) continue;
    const std::vector<std::uint64_t> ranks = wanted_ranks(n);
    if (min_[sy] == max_[sy]) {
      for (const std::uint64_t r : ranks) resolved_[sy].emplace_back(r, min_[sy]);
      continue;
    }
    const WindowSet& set = window_sets_[sy];
    const std::size_t windows = set.lo.size();
    std::uint64_t below = 0;
    std::size_t r = 0;
    for (std::size_t region = 0; region <= 2 * windows; ++region) {
      const std::uint64_t count = data.region_counts[set.first_region + region];
      std::vector<std::uint64_t> inside;
      for (; r < ranks.size() && ranks[r] < below + count; ++r) inside.push_back(ranks[r]);
      if (!inside.empty()) {
        const std::size_t j = region / 2;
        const bool window = region % 2 == 1;
        WindowValues* values = window ? &data.window_values[set.first_window + j] : nullptr;
        if (window && set.lo[j] == set.hi[j]) {
          for (const std::uint64_t rank : inside) resolved_[sy].emplace_back(rank, set.lo[j]);
        } else if (window && values->size == count) {
          // Ascending ranks: each selection leaves the larger values after it for the next.
          auto from = values->begin();
          for (const std::uint64_t rank : inside) {
            const auto at = values->begin() + static_cast<std::ptrdiff_t>(rank - below);
            std::nth_element(from, at, values->end());
            resolved_[sy].emplace_back(rank, *at);
            from = at + 1;
          }
        } else {  // a gap, or a window past its cap
          Cell cell;
          cell.series_year = s;
          cell.in_lo = window ? set.lo[j] : region == 0 ? -kInf : std::nextafter(set.hi[j - 1], kInf);
          cell.in_hi = window ? set.hi[j] : j == windows ? kInf : std::nextafter(set.lo[j], -kInf);
          cell.lower = std::max(cell.in_lo, min_[sy]);
          cell.upper = std::min(cell.in_hi, max_[sy]);
          cell.count = count;
          cell.below = below;
          cell.ranks = inside;
          next.push_back(std::move(cell));
        }
      }
      if (region % 2 == 1) data.window_values[set.first_window + region / 2].release();
      below += count;
    }
    if (below != n)
      throw Error(ExitCode::internal, "quantile selection: window counts do not add up to the values seen");
  }
  window_sets_.clear();
  window_cap_.clear();
  regions_ = 0;
  active_ = std::move(next);
  plan_pass();
}

}  // namespace lissim::sim
