#pragma once
// Philox4x32-10 on several counters at once (Salmon et al. 2011, the algorithm of Random123's
// r123::Philox4x32): the same integer operations as the scalar generator, written as loops over
// kPhiloxLanes counters that the compiler turns into vector instructions (a 32x32 -> 64-bit
// multiply handles 4 lanes per AVX2 instruction). The bits equal Random123's exactly
// (tests/unit/test_rng.cpp checks both against its known answers and each other).
#include <cstddef>
#include <cstdint>

namespace lissim::sim {

// Counters per call: two AVX2 (or one AVX-512) vectors of 32-bit words per counter word.
inline constexpr std::size_t kPhiloxLanes = 8;

// Counters and results in structure-of-arrays form: word[w][lane], each 32-bit word held in
// the low half of a 64-bit slot (the high half is zero), the layout of the vector 32x32 -> 64
// multiply, so that no shuffles are needed.
struct PhiloxLanes {
  alignas(64) std::uint64_t word[4][kPhiloxLanes];
};

// Replaces every lane's counter by Philox4x32-10(counter, {key0, key1}).
void philox4x32_10(PhiloxLanes& lanes, std::uint32_t key0, std::uint32_t key1);

}  // namespace lissim::sim
