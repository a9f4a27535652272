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

namespace lissim::sim {

inline constexpr std::array<double, 7> kQuantileLevels{0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};

// a + t (b - a), computed from the nearer end as numpy's quantile does (more accurate, and
// monotone in t).
double lerp(double a, double b, double t);

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
    std::uint64_t collect_cell_limit = 1u << 16;         // values per cell to collect directly
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

    bool member(double x) const {
      for (const auto& level : chain)
        if (level.bin_of(x) != level.index) return false;
      return true;
    }
  };

  HistogramLevel level_for(const Cell& cell) const;
  void plan_pass();

  int series_years_;
  Options options_;
  std::vector<std::uint64_t> valid_;
  std::vector<double> min_, max_;
  std::vector<Cell> active_;                     // cells of the next pass
  std::vector<std::vector<int>> cells_by_series_;  // active cell indices per series-year
  std::vector<std::vector<std::pair<std::uint64_t, double>>> resolved_;  // per series-year: rank -> value
};

template <typename Column>
void QuantileSelector::observe(PassData& data, int series_year, const Column& x) const {
  const auto& cells = cells_by_series_[static_cast<std::size_t>(series_year)];
  if (cells.empty()) return;
  for (const int c : cells) {
    const Cell& cell = active_[static_cast<std::size_t>(c)];
    if (cell.collect) {
      auto& out = data.values[static_cast<std::size_t>(c)];
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && cell.member(x[i])) out.push_back(x[i]);
    } else {
      const HistogramLevel level = level_for(cell);
      auto& counts = data.counts[static_cast<std::size_t>(c)];
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && cell.member(x[i])) ++counts[static_cast<std::size_t>(level.bin_of(x[i]) + 1)];
    }
  }
}

}  // namespace lissim::sim
