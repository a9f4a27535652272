#include "sim/random/philox_lanes.h"

#if defined(__AVX2__) || defined(__SSE2__)
#include <immintrin.h>
#endif

namespace lissim::sim {
namespace {

// Multipliers and Weyl key increments of Philox4x32 (Random123's PHILOX_M4x32_*, PHILOX_W32_*).
constexpr std::uint32_t kM0 = 0xD2511F53u;
constexpr std::uint32_t kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u;
constexpr std::uint32_t kW1 = 0xBB67AE85u;

// The compilers do not see that a 64-bit product of two 32-bit words is one unsigned 32x32
// multiply per 64-bit slot (they emit a full 64-bit multiply), so on x86-64 the rounds are
// written with that instruction; the portable loop below is the definition they follow.
#if defined(__AVX2__) || defined(__SSE2__)
#if defined(__AVX2__)
using Vec = __m256i;
inline Vec load(const std::uint64_t* p) { return _mm256_load_si256(reinterpret_cast<const Vec*>(p)); }
inline void store(std::uint64_t* p, Vec v) { _mm256_store_si256(reinterpret_cast<Vec*>(p), v); }
inline Vec splat(std::uint64_t x) { return _mm256_set1_epi64x(static_cast<long long>(x)); }
inline Vec mul32(Vec a, Vec b) { return _mm256_mul_epu32(a, b); }
inline Vec bit_xor(Vec a, Vec b) { return _mm256_xor_si256(a, b); }
inline Vec bit_and(Vec a, Vec b) { return _mm256_and_si256(a, b); }
inline Vec high32(Vec a) { return _mm256_srli_epi64(a, 32); }
#else
using Vec = __m128i;
inline Vec load(const std::uint64_t* p) { return _mm_load_si128(reinterpret_cast<const Vec*>(p)); }
inline void store(std::uint64_t* p, Vec v) { _mm_store_si128(reinterpret_cast<Vec*>(p), v); }
inline Vec splat(std::uint64_t x) { return _mm_set1_epi64x(static_cast<long long>(x)); }
inline Vec mul32(Vec a, Vec b) { return _mm_mul_epu32(a, b); }
inline Vec bit_xor(Vec a, Vec b) { return _mm_xor_si128(a, b); }
inline Vec bit_and(Vec a, Vec b) { return _mm_and_si128(a, b); }
inline Vec high32(Vec a) { return _mm_srli_epi64(a, 32); }
#endif
constexpr std::size_t kWidth = sizeof(Vec) / sizeof(std::uint64_t);
static_assert(kPhiloxLanes % kWidth == 0);

void rounds(const std::uint64_t* c0, const std::uint64_t* c1, std::uint32_t c2, std::uint32_t c3,
            std::uint32_t key0, std::uint32_t key1, PhiloxLanes& lanes) {
  constexpr std::size_t kVectors = kPhiloxLanes / kWidth;
  const Vec m0 = splat(kM0), m1 = splat(kM1), low = splat(0xFFFFFFFFu);
  Vec x0[kVectors], x1[kVectors], x2[kVectors], x3[kVectors];
  for (std::size_t v = 0; v < kVectors; ++v) {
    x0[v] = load(c0 + v * kWidth);
    x1[v] = load(c1 + v * kWidth);
    x2[v] = splat(c2);
    x3[v] = splat(c3);
  }
  // Rounds outside, vectors inside: the vectors' independent chains hide the multiply latency.
  for (int round = 0; round < 10; ++round) {
    const Vec k0 = splat(key0), k1 = splat(key1);
    for (std::size_t v = 0; v < kVectors; ++v) {
      const Vec p0 = mul32(x0[v], m0), p1 = mul32(x2[v], m1);
      x0[v] = bit_xor(bit_xor(high32(p1), x1[v]), k0);
      x1[v] = bit_and(p1, low);
      x2[v] = bit_xor(bit_xor(high32(p0), x3[v]), k1);
      x3[v] = bit_and(p0, low);
    }
    key0 += kW0;
    key1 += kW1;
  }
  for (std::size_t v = 0; v < kVectors; ++v) {
    store(&lanes.word[0][v * kWidth], x0[v]);
    store(&lanes.word[1][v * kWidth], x1[v]);
    store(&lanes.word[2][v * kWidth], x2[v]);
    store(&lanes.word[3][v * kWidth], x3[v]);
  }
}
#else
void rounds(const std::uint64_t* c0, const std::uint64_t* c1, std::uint32_t c2, std::uint32_t c3,
            std::uint32_t key0, std::uint32_t key1, PhiloxLanes& lanes) {
  std::uint64_t(&x)[4][kPhiloxLanes] = lanes.word;
  for (std::size_t l = 0; l < kPhiloxLanes; ++l) {
    x[0][l] = c0[l];
    x[1][l] = c1[l];
    x[2][l] = c2;
    x[3][l] = c3;
  }
  for (int round = 0; round < 10; ++round) {
    for (std::size_t l = 0; l < kPhiloxLanes; ++l) {
      const std::uint64_t p0 = std::uint64_t{kM0} * static_cast<std::uint32_t>(x[0][l]);
      const std::uint64_t p1 = std::uint64_t{kM1} * static_cast<std::uint32_t>(x[2][l]);
      x[0][l] = (p1 >> 32) ^ x[1][l] ^ key0;
      x[1][l] = p1 & 0xFFFFFFFFu;
      x[2][l] = (p0 >> 32) ^ x[3][l] ^ key1;
      x[3][l] = p0 & 0xFFFFFFFFu;
    }
    key0 += kW0;
    key1 += kW1;
  }
}
#endif

}  // namespace

void philox4x32_10(const std::uint64_t* c0, const std::uint64_t* c1, std::uint32_t c2, std::uint32_t c3,
                   std::uint32_t key0, std::uint32_t key1, PhiloxLanes& out) {
  rounds(c0, c1, c2, c3, key0, key1, out);
}

}  // namespace lissim::sim
