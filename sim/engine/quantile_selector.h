#pragma once
// Exact quantiles in bounded memory.
//
// Usually in one pass: a pilot (a histogram of the first draws, or nothing when every value
// fits the budget) predicts where each wanted order statistic lies, and the pass collects the
// values inside a window around each prediction while counting every region between windows
// (quantile_windows.cpp). A wanted rank inside a window is then selected exactly from what was
// collected. Where a rank falls outside (a misleading pilot) or a window overflows its cap, the
// region holding it becomes a cell of the refining passes below.
//
// Refining: counter-based random numbers make every draw recomputable, so a cell is narrowed
// over further passes instead of storing all draws: each pass counts the cell's values in a
// histogram, the cell holding each rank is then narrowed to one bin, and once a cell is small
// enough its values are collected and sorted. (Without windows, the first pass histograms
// every series-year over the pilot's range.) The result is the exact order statistic, and quantiles
// interpolate linearly between order statistics (Hyndman & Fan type 7, numpy's default):
//   h = (n - 1) p,  q = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)),
// evaluated as numpy does (see lerp), so results equal numpy.quantile bit for bit.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include <Eigen/Core>

#include "sim/engine/team.h"
#include "sim/util/lerp.h"

namespace lissim::sim {

inline constexpr std::array<double, 7> kQuantileLevels{0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};

// The order statistics (0-based ranks, ascending) that type-7 quantiles of n values need.
std::vector<std::uint64_t> wanted_ranks(std::uint64_t n);

// One histogram over [lo, hi]: bins 0..bins-1, with -1 below lo and `bins` above hi.
struct HistogramLevel {
  double lo = 0, hi = 0, scale = 0;  // scale = bins / (hi - lo), 0 when hi == lo
  int bins = 0;
  int index = 0;  // the bin this level selects (when part of a cell's chain)

  int bin_of(double x) const {
    if (x < lo) return -1;
    if (x > hi) return bins;
    const double b = (x - lo) * scale;
    return b >= bins ? bins - 1 : static_cast<int>(b);
  }
};

class QuantileSelector {
 public:
  struct Options {
    int bins = 4096;
    // Values a cell may hold to be collected directly. Large, so that a point mass (many equal
    // values, which no narrowing separates) is collected at once; the total limit bounds memory.
    std::uint64_t collect_cell_limit = 1u << 22;
    std::uint64_t collect_total_limit = 1u << 24;        // values collected in one pass, all cells
    // Windows: values all windows are predicted to collect (the budget a one-pass run fits), and
    // their half-width in standard errors of the pilot's quantiles.
    std::uint64_t window_total_limit = 1u << 25;
    double window_sigmas = 5.0;
  };

  // The values a window keeps, up to its cap: allocated whole but untouched, so resident only
  // as values arrive, and written without a branch (observe_windows).
  struct WindowValues {
    std::unique_ptr<double[]> values;
    std::uint64_t size = 0, cap = 0;

    explicit WindowValues(std::uint64_t capacity = 0)
        : values(capacity ? new double[capacity] : nullptr), cap(capacity) {}
    double* begin() const { return values.get(); }
    double* end() const { return values.get() + size; }
    void append(const double* from, std::uint64_t n) {  // what fits
      n = std::min(n, cap - size);
      std::copy(from, from + n, values.get() + size);
      size += n;
    }
    void release() { values.reset(), size = 0, cap = 0; }
  };

  // Per-thread counts/values of one pass.
  struct PassData {
    std::vector<std::vector<std::uint64_t>> counts;  // refine cells: bins + 2 counts
    std::vector<std::vector<double>> values;         // collect cells
    std::vector<std::uint64_t> region_counts;        // windows: every series-year's regions
    std::vector<WindowValues> window_values;         // windows: each window's values
  };

  QuantileSelector(int series_years, Options options);

  // Histograms every series-year over a pilot range [lo, hi] from a few draws in the next pass.
  void start(const std::vector<double>& pilot_lo, const std::vector<double>& pilot_hi);
  // Draws the histogram pilot of place_windows needs for a run of `draws` draws: 0 when every
  // value fits the window budget (no pilot), -1 when no pilot small enough (half the draws)
  // predicts windows within the budget, so the run keeps to histograms and refining passes.
  std::int64_t window_pilot_draws(std::int64_t draws) const;
  // Whether a run keeps every value of its `series_years` in the window budget: one pass, no
  // pilot, nothing simulated twice.
  static bool keeps_every_value(int series_years, std::int64_t draws, const Options& options);
  // Makes the next pass collect windows: around the wanted quantiles of the histograms of a pass
  // over the first `pilot_draws` draws (after start), or, with no pilot, every value. False (the
  // next pass histograms, as after start) if the windows are predicted to exceed the budget.
  bool place_windows(const PassData* pilot, std::int64_t pilot_draws, std::int64_t draws);
  // After the first pass: valid (non-NaN) counts and exact extremes of every series-year.
  void set_extremes(const std::vector<std::uint64_t>& valid, const std::vector<double>& min,
                    const std::vector<double>& max);

  bool needs_pass() const { return windows_ || !active_.empty(); }
  PassData make_pass_data() const;
  // Feeds the values of one series-year (NaN skipped).
  template <typename Column>
  void observe(PassData& data, int series_year, const Column& x) const;
  void merge(PassData& into, PassData& from) const;
  // Adds up every team member's pass data, so each member holds the whole pass.
  void combine(PassData& data, Team& team) const;
  // Narrows or resolves every wanted rank; schedules the next pass if needed.
  void finish_pass(PassData& data);

  // Quantiles (kQuantileLevels) of a series-year once no pass is needed; NaN without values.
  std::array<double, 7> quantiles(int series_year) const;

 private:
  struct Cell {
    int series_year = 0;
    bool root = false;                  // a whole series-year, histogrammed over the pilot range
    // Membership: inside [in_lo, in_hi] (a region of the window pass) and every level of the
    // chain selects its index.
    double in_lo = -std::numeric_limits<double>::infinity(), in_hi = std::numeric_limits<double>::infinity();
    std::vector<HistogramLevel> chain;
    double lower = 0, upper = 0;        // bounds of the values in the cell
    std::uint64_t count = 0;            // values in the cell
    std::uint64_t below = 0;            // values of the series-year below the cell
    bool collect = false;
    std::vector<std::uint64_t> ranks;   // wanted ranks in the cell
    HistogramLevel level;               // the histogram of the cell's next pass (unless collected)

    // Whether x lies in the cell, checking the chain from level `from` on (and the region).
    bool member(double x, std::size_t from) const {
      if (x < in_lo || x > in_hi) return false;
      for (std::size_t l = from; l < chain.size(); ++l)
        if (chain[l].bin_of(x) != chain[l].index) return false;
      return true;
    }
  };

  // The windows of one series-year: regions 0..2w, region 2j + 1 being window j = [a_j, b_j],
  // even regions the gaps around them. A value's region is the number of edges it reaches.
  static constexpr std::size_t kMaxEdges = 2 * kQuantileLevels.size();
  struct WindowSet {
    // a_0, next(b_0), a_1, next(b_1), ...: x >= edge passes it; NaN after the last (never passed),
    // so that every series-year compares with all kMaxEdges, unrolled and without branches.
    std::array<double, kMaxEdges> edges;
    std::vector<double> lo, hi;       // a_j, b_j
    std::size_t first_region = 0;     // into PassData::region_counts
    std::size_t first_window = 0;     // into PassData::window_values
  };

  HistogramLevel level_for(const Cell& cell) const;
  void plan_pass();
  void add(PassData& data, int cell, double x) const;
  void finish_window_pass(PassData& data);
  template <typename Column>
  void observe_windows(PassData& data, int series_year, const Column& x) const;

  int series_years_;
  Options options_;
  std::vector<std::uint64_t> valid_;
  std::vector<double> min_, max_;
  std::vector<Cell> active_;                     // cells of the next pass
  std::vector<std::vector<int>> cells_by_series_;  // active cell indices per series-year
  std::vector<std::vector<int>> first_bins_by_series_;  // their first levels' bins (ascending)
  std::vector<std::vector<std::uint64_t>> first_bin_masks_;  // the same as bits (bin + 1)
  std::vector<char> generic_;  // per series-year: cells from windows, tested one by one in observe
  std::vector<std::vector<std::pair<std::uint64_t, double>>> resolved_;  // per series-year: rank -> value
  bool windows_ = false;                 // the next pass collects windows
  std::vector<WindowSet> window_sets_;   // per series-year
  std::vector<std::uint64_t> window_cap_;  // per window: values kept (more: the window overflows)
  std::size_t regions_ = 0;              // over all series-years
};

template <typename Column>
void QuantileSelector::observe(PassData& data, int series_year, const Column& x) const {
  if (windows_) return observe_windows(data, series_year, x);
  const auto sy = static_cast<std::size_t>(series_year);
  const auto& cells = cells_by_series_[sy];
  if (cells.empty()) return;
  if (generic_[sy]) {  // a fallback after windows: few cells, few values
    for (Eigen::Index i = 0; i < x.size(); ++i)
      for (const int c : cells)
        if (!std::isnan(x[i]) && active_[static_cast<std::size_t>(c)].member(x[i], 0)) {
          add(data, c, x[i]);
          break;
        }
    return;
  }
  if (cells.size() == 1) {
    const Cell& cell = active_[static_cast<std::size_t>(cells[0])];
    if (cell.root) {  // the first pass: count every value, invariants in locals
      const HistogramLevel level = cell.level;
      std::uint64_t* counts = data.counts[static_cast<std::size_t>(cells[0])].data() + 1;
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i])) ++counts[level.bin_of(x[i])];
      return;
    }
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (!std::isnan(x[i]) && cell.member(x[i], 0)) add(data, cells[0], x[i]);
    return;
  }
  // Several cells refine one first histogram, in ascending bins: a value's bin there picks the
  // cells that can hold it (one bin computation per value instead of one per cell).
  // Most values fall in no cell: a bit per first-level bin says so without a search.
  const HistogramLevel first = active_[static_cast<std::size_t>(cells[0])].chain.front();
  const auto& bins = first_bins_by_series_[sy];
  const std::uint64_t* mask = first_bin_masks_[sy].data();
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) continue;
    const int bin = first.bin_of(x[i]);
    const auto bit = static_cast<unsigned>(bin + 1);
    if (!((mask[bit / 64] >> (bit % 64)) & 1u)) continue;
    std::size_t k = 0;
    while (k < bins.size() && bins[k] < bin) ++k;
    for (; k < bins.size() && bins[k] == bin; ++k)  // cells are disjoint: at most one holds x
      if (active_[static_cast<std::size_t>(cells[k])].member(x[i], 1)) {
        add(data, cells[k], x[i]);
        break;
      }
  }
}

// A value's region is how many edges it reaches (branch-free: the edges are few); odd regions
// are windows, whose values are kept up to their cap.
template <typename Column>
void QuantileSelector::observe_windows(PassData& data, int series_year, const Column& x) const {
  const WindowSet& set = window_sets_[static_cast<std::size_t>(series_year)];
  const std::array<double, kMaxEdges> edges = set.edges;
  std::uint64_t* counts = data.region_counts.data() + set.first_region;
  // Where each region's next value goes: its window's free space, or (gaps, full windows) a scratch.
  double scratch = 0;
  std::array<double*, kMaxEdges + 1> at, end;
  for (std::size_t region = 0; region <= kMaxEdges; ++region) {
    const std::size_t w = set.first_window + region / 2;
    const bool window = region % 2 == 1 && region / 2 < set.lo.size();
    at[region] = window ? data.window_values[w].end() : &scratch;
    end[region] = window ? data.window_values[w].begin() + data.window_values[w].cap : &scratch;
  }
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double v = x[i];
    if (std::isnan(v)) continue;
    std::size_t region = 0;
    for (std::size_t e = 0; e < kMaxEdges; ++e) region += v >= edges[e];
    ++counts[region];
    double* const slot = at[region];
    const bool room = slot != end[region];
    *(room ? slot : &scratch) = v;
    at[region] = slot + room;
  }
  for (std::size_t j = 0; j < set.lo.size(); ++j) {
    WindowValues& kept = data.window_values[set.first_window + j];
    kept.size = static_cast<std::uint64_t>(at[2 * j + 1] - kept.begin());
  }
}

inline void QuantileSelector::add(PassData& data, int c, double x) const {
  const Cell& cell = active_[static_cast<std::size_t>(c)];
  if (cell.collect)
    data.values[static_cast<std::size_t>(c)].push_back(x);
  else
    ++data.counts[static_cast<std::size_t>(c)][static_cast<std::size_t>(cell.level.bin_of(x) + 1)];
}

}  // namespace lissim::sim
