#pragma once
// Exact quantiles in memory that does not grow with the number of draws.
//
// Counter-based random numbers make every draw recomputable, so quantiles are found by
// selection over repeated passes instead of by storing all draws: each pass counts the values
// of a series-year in a histogram over the cell known to hold the wanted order statistics;
// the cell holding each rank is then narrowed to one bin, and once a cell is small enough its
// values are collected and sorted. The result is the exact order statistic, and quantiles
// interpolate linearly between order statistics (Hyndman & Fan type 7, numpy's default):
//   h = (n - 1) p,  q = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)),
// evaluated as numpy does (see lerp), so results equal numpy.quantile bit for bit.
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "sim/engine/team.h"
#include "sim/util/lerp.h"

namespace lissim::sim {

inline constexpr std::array<double, 7> kQuantileLevels{0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};

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
  };

  // Per-thread counts/values of one pass.
  struct PassData {
    std::vector<std::vector<std::uint64_t>> counts;  // refine cells: bins + 2 counts
    std::vector<std::vector<double>> values;         // collect cells
  };

  QuantileSelector(int series_years, Options options);

  // The first pass histograms every series-year over a pilot range [lo, hi] from a few draws.
  void start(const std::vector<double>& pilot_lo, const std::vector<double>& pilot_hi);
  // After the first pass: valid (non-NaN) counts and exact extremes of every series-year.
  void set_extremes(const std::vector<std::uint64_t>& valid, const std::vector<double>& min,
                    const std::vector<double>& max);

  bool needs_pass() const { return !active_.empty(); }
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
    std::vector<HistogramLevel> chain;  // membership: every level selects its index
    double lower = 0, upper = 0;        // bounds of the values in the cell
    std::uint64_t count = 0;            // values in the cell
    std::uint64_t below = 0;            // values of the series-year below the cell
    bool collect = false;
    std::vector<std::uint64_t> ranks;   // wanted ranks in the cell
    HistogramLevel level;               // the histogram of the cell's next pass (unless collected)

    // Whether x lies in the cell, checking the chain from level `from` on.
    bool member(double x, std::size_t from) const {
      for (std::size_t l = from; l < chain.size(); ++l)
        if (chain[l].bin_of(x) != chain[l].index) return false;
      return true;
    }
  };

  HistogramLevel level_for(const Cell& cell) const;
  void plan_pass();
  void add(PassData& data, int cell, double x) const;

  int series_years_;
  Options options_;
  std::vector<std::uint64_t> valid_;
  std::vector<double> min_, max_;
  std::vector<Cell> active_;                     // cells of the next pass
  std::vector<std::vector<int>> cells_by_series_;  // active cell indices per series-year
  std::vector<std::vector<int>> first_bins_by_series_;  // their first levels' bins (ascending)
  std::vector<std::vector<std::uint64_t>> first_bin_masks_;  // the same as bits (bin + 1)
  std::vector<std::vector<std::pair<std::uint64_t, double>>> resolved_;  // per series-year: rank -> value
};

template <typename Column>
void QuantileSelector::observe(PassData& data, int series_year, const Column& x) const {
  const auto sy = static_cast<std::size_t>(series_year);
  const auto& cells = cells_by_series_[sy];
  if (cells.empty()) return;
  if (cells.size() == 1) {
    const Cell& cell = active_[static_cast<std::size_t>(cells[0])];
    if (cell.chain.empty() && !cell.collect) {  // the first pass: count every value, invariants in locals
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

inline void QuantileSelector::add(PassData& data, int c, double x) const {
  const Cell& cell = active_[static_cast<std::size_t>(c)];
  if (cell.collect)
    data.values[static_cast<std::size_t>(c)].push_back(x);
  else
    ++data.counts[static_cast<std::size_t>(c)][static_cast<std::size_t>(cell.level.bin_of(x) + 1)];
}

}  // namespace lissim::sim
