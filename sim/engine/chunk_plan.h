#pragma once
// How the draws of a run are cut into chunks and shared among a team. Chunk c holds draws
// [c kChunkDraws, (c + 1) kChunkDraws), fixed by draw index; member r of a team of size s
// simulates chunks r, r + s, r + 2s, ... (its "own" chunks, numbered k = 0, 1, ...).
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "sim/engine/simulator.h"
#include "sim/engine/team.h"

namespace lissim::sim {

inline constexpr Eigen::Index kBlockDraws = 256;   // draws simulated together (vectorised)
inline constexpr Eigen::Index kChunkDraws = 4096;  // draws per unit of work and of ordered merging

class ChunkPlan {
 public:
  ChunkPlan(std::int64_t draws, const Team& team, int max_threads)
      : draws_(draws),
        chunks_(static_cast<std::size_t>((draws + kChunkDraws - 1) / kChunkDraws)),
        members_(static_cast<std::size_t>(team.size())),
        rank_(static_cast<std::size_t>(team.rank())),
        own_chunks_(chunks_ > rank_ ? (chunks_ - rank_ + members_ - 1) / members_ : 0),
        threads_(std::clamp<std::size_t>(own_chunks_, 1, static_cast<std::size_t>(std::max(1, max_threads)))) {}

  std::int64_t draws() const { return draws_; }
  std::size_t chunks() const { return chunks_; }          // of the whole team
  std::size_t members() const { return members_; }
  std::size_t own_chunks() const { return own_chunks_; }  // of this member
  int threads() const { return static_cast<int>(threads_); }  // no more than own chunks

  std::size_t chunk_of(std::size_t own) const { return rank_ + own * members_; }
  std::uint64_t first_draw(std::size_t chunk) const { return static_cast<std::uint64_t>(chunk) * kChunkDraws; }
  Eigen::Index rows(std::size_t chunk) const {
    return std::min<std::int64_t>(kChunkDraws, draws_ - static_cast<std::int64_t>(first_draw(chunk)));
  }

  // The draws of `chunk`, simulated block by block into `block`; fn(block) sees each in draw order.
  template <typename Fn>
  void for_each_block(const Simulator& sim, std::size_t chunk, BlockValues& block, Fn&& fn) const {
    const Eigen::Index rows_in_chunk = rows(chunk);
    for (Eigen::Index at = 0; at < rows_in_chunk; at += kBlockDraws) {
      sim.run(first_draw(chunk) + static_cast<std::uint64_t>(at), std::min(kBlockDraws, rows_in_chunk - at), block);
      fn(block);
    }
  }

 private:
  std::int64_t draws_;
  std::size_t chunks_, members_, rank_, own_chunks_, threads_;
};

}  // namespace lissim::sim
