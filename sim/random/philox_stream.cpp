#include "sim/random/philox_stream.h"

#include <Random123/philox.h>

#include <stdexcept>
#include <string>

#include "sim/random/normal.h"

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

}  // namespace lissim::sim
