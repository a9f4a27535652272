#pragma once
// Named counter-based random streams (docs/model.md, "Random numbers").
//
// Every random number is a pure function of (seed, stream name, draw, year, index), so
// results do not depend on thread count or on which other streams exist, and any draw can
// be re-run alone. The scheme below is part of the results-file contract (kRngScheme);
// changing any step of it changes every result and needs a new version string.
//
//   stream_key(name) = FNV-1a 64 of the name's bytes
//                      (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
//   key64            = splitmix64(splitmix64(seed) ^ stream_key(name)).
//                      The seed is mixed before the XOR so that no (seed, name) pair can
//                      be turned into another by flipping seed bits: adjacent seeds and
//                      different names give unrelated keys.
//   key              = {low 32 bits of key64, high 32 bits of key64}.
//   counter          = {low 32 bits of draw, high 32 bits of draw, year, index / 2}.
//   block            = Philox4x32-10(counter, key) -> words w0, w1, w2, w3.
//   bits             = index even: (w1 << 32) | w0;  index odd: (w3 << 32) | w2.
//   uniform          = ((bits >> 12) + 0.5) * 2^-52
//                      i.e. the odd multiples of 2^-53 in [2^-53, 1 - 2^-53]. Every value
//                      is an exact double, never 0 or 1, and 1 - u is on the same grid.
//                      (53 bits cannot be used: (m + 0.5) * 2^-53 with m >= 2^52 is not
//                      representable and rounds to exactly 1.0 for m = 2^53 - 1.)
//   normal           = normal_quantile(uniform), Wichura's AS241 (sim/random/normal.h).
//   Parameters       = their distribution's quantile(uniform(draw, 0, 0)) (distribution.h).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lissim::sim {

// v2 (issue 18): beta and PERT quantiles solved from a per-shape table (distribution.h), on the
// side whose probability is below 1/2; they differ from v1's by up to ~1e-12 relative. Uniforms
// and normals are v1's bit for bit (batched and vectorised since, with equal results).
inline constexpr const char* kRngScheme = "philox4x32-10/fnv1a64-stream/as241-normal v2";

// FNV-1a 64-bit hash of the stream name; stable across platforms and releases.
std::uint64_t stream_key(std::string_view name);

// splitmix64 finaliser (Steele, Lea and Flood 2014): a bijective 64-bit mix.
std::uint64_t splitmix64(std::uint64_t x);

// The uniform on (0,1) built from one 64-bit word of Philox output (see the scheme above).
double uniform_from_bits(std::uint64_t bits);

// The draws of a batch: draw i is first + i, or list[i] when a list is given.
struct DrawBatch {
  std::uint64_t first = 0;
  const std::uint64_t* list = nullptr;
  std::size_t count = 0;

  std::uint64_t operator[](std::size_t i) const { return list ? list[i] : first + i; }
};

class PhiloxStream {
 public:
  PhiloxStream(std::uint64_t seed, std::string_view name);

  // In the open interval (0,1): odd multiples of 2^-53.
  double uniform(std::uint64_t draw, std::uint32_t year, std::uint32_t index) const;
  // Standard normal: normal_quantile(uniform(draw, year, index)); always finite.
  double normal(std::uint64_t draw, std::uint32_t year, std::uint32_t index) const;

  // out[i] = uniform(draw, year, i) / normal(draw, year, i) for i in [0, count), bit for bit,
  // with one Philox call per pair of values. count must be <= 2^32.
  void uniforms(std::uint64_t draw, std::uint32_t year, double* out, std::size_t count) const;
  void normals(std::uint64_t draw, std::uint32_t year, double* out, std::size_t count) const;

  // Many draws at once, bit for bit equal to the one-value calls above:
  //   out[k * stride + i] = uniform(draws[i], year, k) / normal(draws[i], year, k)
  // for i in [0, draws.count) and k in [0, width). Philox runs on kPhiloxLanes counters per
  // call (sim/random/philox_lanes.h) and the normals in vectorised runs; a partial run of
  // lanes is padded with repeats of a real draw, so no value depends on its place in the
  // batch. width must be <= 2^32; stride >= draws.count when width > 1.
  void uniforms(const DrawBatch& draws, std::uint32_t year, std::size_t width, double* out,
                std::size_t stride) const;
  void normals(const DrawBatch& draws, std::uint32_t year, std::size_t width, double* out,
               std::size_t stride) const;

  // The raw Philox block for counter {draw lo, draw hi, year, pair}; pair = index / 2.
  std::array<std::uint32_t, 4> block(std::uint64_t draw, std::uint32_t year,
                                     std::uint32_t pair) const;
  // The Philox key {k0, k1} derived from (seed, name).
  std::array<std::uint32_t, 2> key() const { return key_; }

 private:
  std::array<std::uint32_t, 2> key_;
};

}  // namespace lissim::sim
