#include "sim/engine/shock_cache.h"

namespace lissim::sim {
namespace {

// Values per draw and simulated year: ten scalar shocks, two per differential, three per
// sector and two per target (its published series).
double values_per_draw_year(const Scenario& s) {
  return 10.0 + 2.0 * models::kDifferentialCount + 3.0 * static_cast<double>(s.baseline.sectors.count()) +
         2.0 * static_cast<double>(s.targets.size());
}

std::vector<std::string> target_ids(const Scenario& s) {
  std::vector<std::string> ids;
  for (const models::Target& t : s.targets) ids.push_back(t.id);
  return ids;
}

}  // namespace

double ShockCache::bytes_needed(const Scenario& s, std::int64_t draws) {
  return static_cast<double>(draws) * (s.years() - 1) * values_per_draw_year(s) * sizeof(double);
}

ShockCache::ShockCache(const Scenario& s, std::int64_t draws, Eigen::Index block_draws, double budget_bytes)
    : seed_(s.seed),
      base_year_(s.base_year()),
      years_(s.years()),
      sectors_(static_cast<Eigen::Index>(s.baseline.sectors.count())),
      block_draws_(block_draws),
      targets_(target_ids(s)) {
  if (draws > 0 && bytes_needed(s, draws) <= budget_bytes)
    blocks_.resize(static_cast<std::size_t>((draws + block_draws - 1) / block_draws));
}

bool ShockCache::serves(const Scenario& s) const {
  return enabled() && s.seed == seed_ && s.base_year() == base_year_ && s.years() == years_ &&
         static_cast<Eigen::Index>(s.baseline.sectors.count()) == sectors_ && target_ids(s) == targets_;
}

const std::vector<models::YearShocks>* ShockCache::find(std::uint64_t first_draw, Eigen::Index count) const {
  if (first_draw % static_cast<std::uint64_t>(block_draws_) != 0) return nullptr;
  const auto b = static_cast<std::size_t>(first_draw / static_cast<std::uint64_t>(block_draws_));
  if (b >= blocks_.size() || !blocks_[b] || blocks_[b]->empty() || blocks_[b]->front().cycle.size() != count)
    return nullptr;
  return blocks_[b].get();
}

void ShockCache::store(std::uint64_t first_draw, Eigen::Index count, std::vector<models::YearShocks> shocks) {
  if (first_draw % static_cast<std::uint64_t>(block_draws_) != 0 || count > block_draws_) return;
  const auto b = static_cast<std::size_t>(first_draw / static_cast<std::uint64_t>(block_draws_));
  if (b >= blocks_.size() || blocks_[b]) return;
  blocks_[b] = std::make_unique<std::vector<models::YearShocks>>(std::move(shocks));
}

}  // namespace lissim::sim
