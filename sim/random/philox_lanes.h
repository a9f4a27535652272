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

// Results in structure-of-arrays form: word[w][lane], each 32-bit word held in the low half of
// a 64-bit slot (the high half is zero), the layout of the vector 32x32 -> 64 multiply, so
// that no shuffles are needed.
struct PhiloxLanes {
  alignas(64) std::uint64_t word[4][kPhiloxLanes];
};

// out = Philox4x32-10 of the kPhiloxLanes counters {c0[l], c1[l], c2, c3} under {key0, key1}.
// c0 and c1 hold 32-bit values in 64-bit slots and are 64-byte aligned; they are read with
// vector loads, so a caller should write them well before (a vector load of words just
// written one by one stalls on store forwarding).
void philox4x32_10(const std::uint64_t* c0, const std::uint64_t* c1, std::uint32_t c2, std::uint32_t c3,
                   std::uint32_t key0, std::uint32_t key1, PhiloxLanes& out);

}  // namespace lissim::sim
