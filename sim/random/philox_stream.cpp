#include "sim/random/philox_stream.h"

#include <Random123/philox.h>

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>

#include "sim/random/normal.h"
#include "sim/random/philox_lanes.h"

namespace lissim::sim {
namespace {

using Philox = r123::Philox4x32;  // Philox4x32_R<10>: 10 rounds.

std::uint64_t join(std::uint32_t lo, std::uint32_t hi) {
  return (static_cast<std::uint64_t>(hi) << 32) | lo;
}

Philox::ctr_type counter(std::uint64_t draw, std::uint32_t year, std::uint32_t pair) {
  return Philox::ctr_type{
      {static_cast<std::uint32_t>(draw), static_cast<std::uint32_t>(draw >> 32), year, pair}};
}

void check_count(std::size_t count) {
  // Indices are 32-bit; a longer run would wrap onto the first values.
  if (static_cast<std::uint64_t>(count) > (std::uint64_t{1} << 32)) {
    throw std::invalid_argument(std::string("count is ") + std::to_string(count) +
                                ", but must be <= 2^32");
  }
}

// Fills out[0, count) by applying transform to consecutive uniforms, one Philox call per pair.
template <typename Transform>
void fill(const std::array<std::uint32_t, 2>& key_words, std::uint64_t draw, std::uint32_t year,
          double* out, std::size_t count, Transform transform) {
  check_count(count);
  const Philox::key_type key{{key_words[0], key_words[1]}};
  const Philox philox;
  std::size_t i = 0;
  for (std::uint32_t pair = 0; i < count; ++pair) {
    const Philox::ctr_type w = philox(counter(draw, year, pair), key);
    out[i++] = transform(uniform_from_bits(join(w[0], w[1])));
    if (i < count) out[i++] = transform(uniform_from_bits(join(w[2], w[3])));
  }
}

// Draws per run of the batched fill: a multiple of kPhiloxLanes, small enough that a run's
// uniforms stay in L1.
constexpr std::size_t kRun = 16 * kPhiloxLanes;

// uniform_from_bits for a word pair, with the conversion of m = bits >> 12 < 2^52 spelt out
// (x86 before AVX-512 has no vector uint64 -> double): the double with exponent 2^52 and
// mantissa m is 2^52 + m, so (2^52 + m) - (2^52 - 0.5) = m + 0.5, all exact as in
// uniform_from_bits.
double uniform_from_words(std::uint64_t lo, std::uint64_t hi) {
  const std::uint64_t m = (hi << 20) | (lo >> 12);
  return (std::bit_cast<double>(m | 0x4330000000000000ULL) - (0x1p52 - 0.5)) * 0x1p-52;
}

// The batched fill: for each run of kRun draws and each pair of indices, Philox on the run's
// counters kPhiloxLanes at a time, then the transform on whole runs.
template <bool kNormal>
void fill_batch(const std::array<std::uint32_t, 2>& key, const DrawBatch& draws, std::uint32_t year,
                std::size_t width, double* out, std::size_t stride) {
  check_count(width);
  if (width > 1 && stride < draws.count) {
    throw std::invalid_argument("stride is " + std::to_string(stride) + ", but must be >= " +
                                std::to_string(draws.count) + " (the draws)");
  }
  alignas(64) double u[2][kRun];
  alignas(64) double z[kRun];
  alignas(64) std::uint64_t draw_lo[kRun], draw_hi[kRun];
  PhiloxLanes lanes;
  for (std::size_t start = 0; start < draws.count; start += kRun) {
    const std::size_t n = std::min(kRun, draws.count - start);
    // Pad to whole lanes with the run's last draw.
    const std::size_t padded = (n + kPhiloxLanes - 1) / kPhiloxLanes * kPhiloxLanes;
    for (std::size_t i = 0; i < padded; ++i) {
      const std::uint64_t draw = draws[start + std::min(i, n - 1)];
      draw_lo[i] = draw & 0xFFFFFFFFu;
      draw_hi[i] = draw >> 32;
    }
    for (std::size_t pair = 0; 2 * pair < width; ++pair) {
      for (std::size_t base = 0; base < padded; base += kPhiloxLanes) {
        philox4x32_10(draw_lo + base, draw_hi + base, year, static_cast<std::uint32_t>(pair), key[0], key[1],
                      lanes);
        for (std::size_t l = 0; l < kPhiloxLanes; ++l) {
          u[0][base + l] = uniform_from_words(lanes.word[0][l], lanes.word[1][l]);
          u[1][base + l] = uniform_from_words(lanes.word[2][l], lanes.word[3][l]);
        }
      }
      for (std::size_t half = 0; half < 2 && 2 * pair + half < width; ++half) {
        double* column = out + (2 * pair + half) * stride + start;
        if constexpr (kNormal) {
          normal_quantiles(u[half], z, padded);
          std::copy_n(z, n, column);
        } else {
          std::copy_n(u[half], n, column);
        }
      }
    }
  }
}

}  // namespace

std::uint64_t stream_key(std::string_view name) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double uniform_from_bits(std::uint64_t bits) {
  // (m + 0.5) needs at most 53 significant bits, so both operations are exact.
  constexpr double kTwoToMinus52 = 0x1p-52;
  return (static_cast<double>(bits >> 12) + 0.5) * kTwoToMinus52;
}

PhiloxStream::PhiloxStream(std::uint64_t seed, std::string_view name) {
  const std::uint64_t key64 = splitmix64(splitmix64(seed) ^ stream_key(name));
  key_ = {static_cast<std::uint32_t>(key64), static_cast<std::uint32_t>(key64 >> 32)};
}

std::array<std::uint32_t, 4> PhiloxStream::block(std::uint64_t draw, std::uint32_t year,
                                                 std::uint32_t pair) const {
  const Philox::key_type key{{key_[0], key_[1]}};
  const Philox::ctr_type w = Philox{}(counter(draw, year, pair), key);
  return {w[0], w[1], w[2], w[3]};
}

double PhiloxStream::uniform(std::uint64_t draw, std::uint32_t year, std::uint32_t index) const {
  const std::array<std::uint32_t, 4> w = block(draw, year, index / 2);
  return (index % 2 == 0) ? uniform_from_bits(join(w[0], w[1]))
                          : uniform_from_bits(join(w[2], w[3]));
}

double PhiloxStream::normal(std::uint64_t draw, std::uint32_t year, std::uint32_t index) const {
  return normal_quantile(uniform(draw, year, index));
}

void PhiloxStream::uniforms(std::uint64_t draw, std::uint32_t year, double* out,
                            std::size_t count) const {
  fill(key_, draw, year, out, count, [](double u) { return u; });
}

void PhiloxStream::normals(std::uint64_t draw, std::uint32_t year, double* out,
                           std::size_t count) const {
  fill(key_, draw, year, out, count, [](double u) { return normal_quantile(u); });
}

void PhiloxStream::uniforms(const DrawBatch& draws, std::uint32_t year, std::size_t width, double* out,
                            std::size_t stride) const {
  fill_batch<false>(key_, draws, year, width, out, stride);
}

void PhiloxStream::normals(const DrawBatch& draws, std::uint32_t year, std::size_t width, double* out,
                           std::size_t stride) const {
  fill_batch<true>(key_, draws, year, width, out, stride);
}

}  // namespace lissim::sim

