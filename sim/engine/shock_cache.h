#pragma once
// The macro and sector shocks of every block of draws, kept after their first use, so that
// the further passes of a run and the later points of a sweep (the same seed, sectors, years
// and targets draw the same random numbers) read them from memory instead of generating them again:
// generating them is most of the random-number work. Used only when all of them fit the
// memory budget; the values are exactly those generated, so results do not change.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/shocks.h"
#include "sim/scenario.h"

namespace lissim::sim {

class ShockCache {
 public:
  // Blocks are cached by their first draw, a multiple of `block_draws` (kBlockDraws).
  ShockCache(const Scenario& scenario, std::int64_t draws, Eigen::Index block_draws, double budget_bytes);

  // Memory a cache of every shock of `draws` draws takes.
  static double bytes_needed(const Scenario& scenario, std::int64_t draws);

  // Whether it holds (or will hold) every block: the shocks fit the budget.
  bool enabled() const { return !blocks_.empty(); }
  // Whether a scenario draws the same shocks as the one the cache was made for.
  bool serves(const Scenario& scenario) const;

  // The shocks of the block of `count` draws from `first_draw`, years 1..years-1 (index y - 1);
  // nullptr until stored. A block is stored and read by one thread at a time (the engine hands
  // each block to one worker per pass; passes and points follow one another).
  const std::vector<models::YearShocks>* find(std::uint64_t first_draw, Eigen::Index count) const;
  void store(std::uint64_t first_draw, Eigen::Index count, std::vector<models::YearShocks> shocks);

 private:
  std::uint64_t seed_ = 0;
  int base_year_ = 0, years_ = 0;
  Eigen::Index sectors_ = 0, block_draws_ = 0;
  std::vector<std::string> targets_;  // ids: each target's published series has its own streams
  std::vector<std::unique_ptr<std::vector<models::YearShocks>>> blocks_;
};

}  // namespace lissim::sim
