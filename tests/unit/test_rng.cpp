// Counter-based streams and the normal transform: known answers and independence.
#include <Random123/philox.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/random/normal.h"
#include "sim/random/philox_lanes.h"
#include "sim/random/philox_stream.h"

using lissim::sim::DrawBatch;
using lissim::sim::kPhiloxLanes;
using lissim::sim::kRngScheme;
using lissim::sim::normal_cdf;
using lissim::sim::normal_pdf;
using lissim::sim::normal_quantile;
using lissim::sim::normal_quantiles;
using lissim::sim::PhiloxLanes;
using lissim::sim::PhiloxStream;
using lissim::sim::splitmix64;
using lissim::sim::stream_key;
using lissim::sim::uniform_from_bits;

namespace {

using Philox = r123::Philox4x32;

Philox::ctr_type philox(Philox::ctr_type ctr, Philox::key_type key) { return Philox{}(ctr, key); }

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

constexpr std::size_t kN = 200000;

// One value per draw, as the engine uses a parameter stream.
std::vector<double> per_draw(const PhiloxStream& stream, std::uint32_t year, std::uint32_t index) {
  std::vector<double> v(kN);
  for (std::size_t d = 0; d < kN; ++d) v[d] = stream.normal(d, year, index);
  return v;
}

}  // namespace

TEST_CASE("Philox4x32-10 matches Random123's published known answers", "[rng]") {
  // kat_vectors from Random123: philox4x32 10 rounds.
  auto r = philox({{0, 0, 0, 0}}, {{0, 0}});
  CHECK(r[0] == 0x6627e8d5u);
  CHECK(r[1] == 0xe169c58du);
  CHECK(r[2] == 0xbc57ac4cu);
  CHECK(r[3] == 0x9b00dbd8u);

  r = philox({{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}}, {{0xffffffffu, 0xffffffffu}});
  CHECK(r[0] == 0x408f276du);
  CHECK(r[1] == 0x41c83b0eu);
  CHECK(r[2] == 0xa20bc7c6u);
  CHECK(r[3] == 0x6d5451fdu);

  r = philox({{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}}, {{0xa4093822u, 0x299f31d0u}});
  CHECK(r[0] == 0xd16cfe09u);
  CHECK(r[1] == 0x94fdccebu);
  CHECK(r[2] == 0x5001e420u);
  CHECK(r[3] == 0x24126ea1u);
}

TEST_CASE("the vectorised Philox4x32-10 equals Random123's, known answers and random counters", "[rng]") {
  // Random123's kat_vectors (as above) in different lanes of one call, then random counters and
  // keys against the scalar r123::Philox4x32.
  const Philox::ctr_type kat_counter[3] = {{{0, 0, 0, 0}},
                                           {{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}},
                                           {{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}}};
  const Philox::key_type kat_key[3] = {{{0, 0}}, {{0xffffffffu, 0xffffffffu}}, {{0xa4093822u, 0x299f31d0u}}};
  const std::uint32_t kat_answer[3][4] = {{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u},
                                          {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu},
                                          {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}};
  for (int k = 0; k < 3; ++k) {
    alignas(64) std::uint64_t c0[kPhiloxLanes] = {}, c1[kPhiloxLanes] = {};
    const std::size_t lane = (3 * static_cast<std::size_t>(k) + 2) % kPhiloxLanes;
    c0[lane] = kat_counter[k][0];
    c1[lane] = kat_counter[k][1];
    PhiloxLanes out;
    lissim::sim::philox4x32_10(c0, c1, kat_counter[k][2], kat_counter[k][3], kat_key[k][0], kat_key[k][1], out);
    for (int w = 0; w < 4; ++w) CHECK(out.word[w][lane] == kat_answer[k][w]);
  }

  std::uint64_t state = 99;
  const auto next32 = [&state] { return static_cast<std::uint32_t>(lissim::sim::splitmix64(state++)); };
  for (int trial = 0; trial < 2000; ++trial) {
    const Philox::key_type key{{next32(), next32()}};
    const std::uint32_t c2 = next32(), c3 = next32();
    alignas(64) std::uint64_t c0[kPhiloxLanes], c1[kPhiloxLanes];
    for (std::size_t l = 0; l < kPhiloxLanes; ++l) c0[l] = next32(), c1[l] = next32();
    PhiloxLanes out;
    lissim::sim::philox4x32_10(c0, c1, c2, c3, key[0], key[1], out);
    for (std::size_t l = 0; l < kPhiloxLanes; ++l) {
      const Philox::ctr_type expected =
          philox({{static_cast<std::uint32_t>(c0[l]), static_cast<std::uint32_t>(c1[l]), c2, c3}}, key);
      for (int w = 0; w < 4; ++w) REQUIRE(out.word[w][l] == expected[w]);
    }
  }
}

TEST_CASE("stream_key is FNV-1a 64 and splitmix64 is the reference finaliser", "[rng]") {
  // Published FNV-1a 64 test vectors.
  CHECK(stream_key("") == 0xcbf29ce484222325ULL);
  CHECK(stream_key("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(stream_key("foobar") == 0x85944171f73967e8ULL);
  // First output of Vigna's splitmix64 generator seeded with 0.
  CHECK(splitmix64(0) == 0xe220a8397b1dcdafULL);
  CHECK(stream_key("shock/jobs") != stream_key("shock/job"));
}

TEST_CASE("the scheme is pinned: key, counter layout and uniform transform", "[rng]") {
  // v2: beta/PERT quantiles changed (last digits); the uniforms and normals pinned below did not.
  CHECK(std::string(kRngScheme) == "philox4x32-10/fnv1a64-stream/as241-normal v2");

  const std::uint64_t seed = 20240601;
  const PhiloxStream stream(seed, "shock/jobs");
  // Key derivation as documented in philox_stream.h.
  const std::uint64_t key64 = splitmix64(splitmix64(seed) ^ stream_key("shock/jobs"));
  CHECK(stream.key()[0] == static_cast<std::uint32_t>(key64));
  CHECK(stream.key()[1] == static_cast<std::uint32_t>(key64 >> 32));
  CHECK(stream.key()[0] == 0x893234e0u);
  CHECK(stream.key()[1] == 0xd81ed7bbu);

  // Counter {draw lo, draw hi, year, index / 2}; even index uses words 0, 1; odd uses 2, 3.
  const std::uint64_t draw = 12345678901ULL;  // > 2^32, so the high word is used
  const std::uint32_t year = 7;
  const auto w =
      philox({{static_cast<std::uint32_t>(draw), static_cast<std::uint32_t>(draw >> 32), year, 1}},
             {{stream.key()[0], stream.key()[1]}});
  const auto bits = [](std::uint32_t lo, std::uint32_t hi) {
    return (static_cast<std::uint64_t>(hi) << 32) | lo;
  };
  CHECK(stream.uniform(draw, year, 2) == uniform_from_bits(bits(w[0], w[1])));
  CHECK(stream.uniform(draw, year, 3) == uniform_from_bits(bits(w[2], w[3])));

  // Pinned values (cross-checked with an independent Python implementation of the scheme).
  CHECK(stream.uniform(draw, year, 0) == 0x1.b8710ea6fcf17p-1);
  CHECK(stream.uniform(draw, year, 1) == 0x1.634ed0191b33ap-2);
  CHECK(stream.uniform(draw, year, 3) == 0x1.fc69e62281e1fp-1);
  // The normal also depends on libm's log and sqrt; a change here means results files change.
  CHECK(stream.normal(draw, year, 1) == -0x1.92edf4b3bddcap-2);
  CHECK(stream.normal(draw, year, 3) == 0x1.3a7ff314d0294p+1);
}

TEST_CASE("uniforms are exact odd multiples of 2^-53 strictly inside (0, 1)", "[rng]") {
  CHECK(uniform_from_bits(0) == 0x1p-53);
  CHECK(uniform_from_bits(~std::uint64_t{0}) == 1.0 - 0x1p-53);
  CHECK(uniform_from_bits(std::uint64_t{1} << 63) == 0.5 + 0x1p-53);
  CHECK(uniform_from_bits((std::uint64_t{1} << 63) - 1) == 0.5 - 0x1p-53);
  // Only the top 52 bits matter.
  CHECK(uniform_from_bits(0xfff) == 0x1p-53);
  CHECK(std::isfinite(normal_quantile(uniform_from_bits(0))));
  CHECK(std::isfinite(normal_quantile(uniform_from_bits(~std::uint64_t{0}))));
  CHECK(normal_quantile(uniform_from_bits(0)) ==
        -normal_quantile(uniform_from_bits(~std::uint64_t{0})));

  const PhiloxStream stream(1, "test/uniform");
  std::vector<double> u(kN);
  stream.uniforms(3, 0, u.data(), u.size());
  double sum = 0.0, sum_sq = 0.0;
  for (const double x : u) {
    REQUIRE(x > 0.0);
    REQUIRE(x < 1.0);
    REQUIRE(std::fmod(std::ldexp(x, 53), 2.0) == 1.0);  // an odd multiple of 2^-53
    sum += x;
    sum_sq += x * x;
  }
  const double n = static_cast<double>(kN);
  const double mean = sum / n;
  const double var = sum_sq / n - mean * mean;
  CHECK(std::fabs(mean - 0.5) < 5.0 * std::sqrt(1.0 / 12.0 / n));
  CHECK(std::fabs(var - 1.0 / 12.0) < 5.0 * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n));
}

TEST_CASE("streams with different names or adjacent seeds are uncorrelated", "[rng]") {
  const double limit = 4.0 / std::sqrt(static_cast<double>(kN));
  const auto a = per_draw(PhiloxStream(42, "shock/jobs"), 3, 0);
  const auto b = per_draw(PhiloxStream(42, "shock/productivity"), 3, 0);
  const auto c = per_draw(PhiloxStream(43, "shock/jobs"), 3, 0);
  const auto d = per_draw(PhiloxStream(42, "shock/jobs"), 4, 0);  // adjacent year
  const auto e = per_draw(PhiloxStream(42, "shock/jobs"), 3, 1);  // adjacent index, same block
  CHECK(std::fabs(correlation(a, b)) < limit);
  CHECK(std::fabs(correlation(a, c)) < limit);
  CHECK(std::fabs(correlation(a, d)) < limit);
  CHECK(std::fabs(correlation(a, e)) < limit);
  // Consecutive draws of one stream (lag-1 autocorrelation).
  const std::vector<double> head(a.begin(), a.end() - 1), tail(a.begin() + 1, a.end());
  CHECK(std::fabs(correlation(head, tail)) < limit);

  // Sanity: the check can fail (a stream is perfectly correlated with itself).
  CHECK(correlation(a, per_draw(PhiloxStream(42, "shock/jobs"), 3, 0)) == Approx(1.0));
}

TEST_CASE("batched values equal the one-at-a-time values bit for bit", "[rng]") {
  const PhiloxStream stream(7, "shock/jobs");
  for (const std::size_t count :
       {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{1001}}) {
    std::vector<double> n(count), u(count);
    stream.normals(5, 11, n.data(), count);
    stream.uniforms(5, 11, u.data(), count);
    for (std::size_t i = 0; i < count; ++i) {
      const auto index = static_cast<std::uint32_t>(i);
      REQUIRE(n[i] == stream.normal(5, 11, index));
      REQUIRE(u[i] == stream.uniform(5, 11, index));
      REQUIRE(n[i] == normal_quantile(u[i]));
    }
  }
  // Indices are 32-bit: longer runs are refused before anything is written.
  CHECK_THROWS_AS(stream.normals(0, 0, nullptr, (std::size_t{1} << 32) + 1), std::invalid_argument);
}

TEST_CASE("values batched over draws equal the one-at-a-time values bit for bit", "[rng]") {
  const PhiloxStream stream(7, "shock/productivity");
  // Counts around the lane width and the run length, widths odd and even, draws above 2^32.
  for (const std::size_t count : {std::size_t{1}, std::size_t{7}, std::size_t{9}, std::size_t{128},
                                  std::size_t{129}, std::size_t{300}}) {
    for (const std::size_t width : {std::size_t{1}, std::size_t{2}, std::size_t{12}, std::size_t{13}}) {
      const std::size_t stride = count + 3;
      std::vector<double> n(width * stride, -7.0), u(width * stride, -7.0);
      const DrawBatch range{(std::uint64_t{1} << 32) - 60, nullptr, count};
      stream.normals(range, 2020, width, n.data(), stride);
      stream.uniforms(range, 2020, width, u.data(), stride);
      for (std::size_t k = 0; k < width; ++k) {
        for (std::size_t i = 0; i < stride; ++i) {
          const auto index = static_cast<std::uint32_t>(k);
          if (i >= count) {  // padding lanes are never written out
            REQUIRE(n[k * stride + i] == -7.0);
            continue;
          }
          REQUIRE(n[k * stride + i] == stream.normal(range[i], 2020, index));
          REQUIRE(u[k * stride + i] == stream.uniform(range[i], 2020, index));
        }
      }
    }
  }
  // A list of draws, repeats and gaps included, gives each draw's own values.
  const std::vector<std::uint64_t> list = {5, 5, 1000000007, 3, 0, 5, 12345678901ULL, 2, 2, 9, 4};
  std::vector<double> n(list.size() * 3);
  stream.normals(DrawBatch{0, list.data(), list.size()}, 1, 3, n.data(), list.size());
  for (std::size_t k = 0; k < 3; ++k) {
    for (std::size_t i = 0; i < list.size(); ++i)
      REQUIRE(n[k * list.size() + i] == stream.normal(list[i], 1, static_cast<std::uint32_t>(k)));
  }
  CHECK_THROWS_AS(stream.normals(DrawBatch{0, nullptr, 10}, 0, 2, n.data(), 9), std::invalid_argument);
}

TEST_CASE("normal_quantiles equals normal_quantile bit for bit, tails and both ends included", "[normal]") {
  std::vector<double> p;
  for (int i = 1; i < 4000; ++i) p.push_back(i / 4000.0);
  for (const double x : {0.075, 0.925, 0.0749999999, 0.925000001, 1e-300, 1e-20, 0x1p-53, 1 - 0x1p-53, 0.0, 1.0, 0.5})
    p.push_back(x);
  std::vector<double> z(p.size());
  normal_quantiles(p.data(), z.data(), p.size());
  for (std::size_t i = 0; i < p.size(); ++i) REQUIRE(z[i] == normal_quantile(p[i]));
  const double bad[3] = {0.3, std::nan(""), 0.6};
  double out[3];
  CHECK_THROWS_AS(normal_quantiles(bad, out, 3), std::invalid_argument);
}

TEST_CASE("a draw computed alone equals the same draw computed among others", "[rng]") {
  const PhiloxStream in_loop(2024, "param/interventions/digital_skills/gross_jobs_per_m");
  std::vector<std::vector<double>> all;
  for (std::uint64_t draw = 0; draw < 100; ++draw) {
    std::vector<double> v(30);
    in_loop.normals(draw, 2030, v.data(), v.size());
    all.push_back(v);
  }
  // A fresh object, as when one draw is re-run for debugging.
  const PhiloxStream alone(2024, "param/interventions/digital_skills/gross_jobs_per_m");
  for (const std::uint64_t draw : {0ULL, 57ULL, 99ULL}) {
    for (std::uint32_t i = 0; i < 30; ++i) REQUIRE(alone.normal(draw, 2030, i) == all[draw][i]);
  }
  // And the draws are not all the same.
  CHECK(all[57][0] != all[58][0]);
}

TEST_CASE("normal_quantile matches high-precision values", "[normal]") {
  // Reference values from mpmath at 60 digits, for the double nearest each p.
  struct Case {
    double p, z;
  };
  const Case cases[] = {
      {1e-300, -37.0470962993612},        {1e-100, -21.273453560965326},
      {1e-20, -9.262340089798407},        {0x1p-53, -8.209536151601387},
      {1e-10, -6.361340902404057},        {1e-5, -4.264890793922825},
      {0.001, -3.0902323061678136},       {0.025, -1.9599639845400543},
      {0.1, -1.2815515655446004},         {0.3, -0.5244005127080408},
      {0.6, 0.2533471031357997},          {0.9, 1.2815515655446006},
      {0.975, 1.9599639845400538},        {0.999, 3.090232306167813},
      {1.0 - 0x1p-53, 8.209536151601387},
  };
  for (const Case& c : cases) {
    INFO("p = " << c.p);
    CHECK(normal_quantile(c.p) == Approx(c.z).epsilon(2e-15));
  }
  CHECK(normal_quantile(0.5) == 0.0);
  CHECK(normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-15));
  CHECK(normal_quantile(1e-10) == Approx(-6.361340902404056).epsilon(1e-15));
  CHECK(normal_quantile(0.0) == -std::numeric_limits<double>::infinity());
  CHECK(normal_quantile(1.0) == std::numeric_limits<double>::infinity());
  CHECK_THROWS_WITH(normal_quantile(1.5), Catch::Contains("p is 1.5, but must be in [0, 1]"));
  CHECK_THROWS_AS(normal_quantile(std::nan("")), std::invalid_argument);
  CHECK_THROWS_AS(normal_quantile(-1e-300), std::invalid_argument);
}

TEST_CASE("normal_cdf matches known values", "[normal]") {
  CHECK(normal_cdf(0.0) == 0.5);
  CHECK(normal_cdf(1.959963984540054) == Approx(0.975).epsilon(1e-15));
  CHECK(normal_cdf(-1.0) == Approx(0.15865525393145705).epsilon(1e-15));
  CHECK(normal_cdf(-10.0) == Approx(7.619853024160525e-24).epsilon(1e-14));
  CHECK(normal_cdf(-37.5) == Approx(4.605353009581955e-308).epsilon(1e-12));  // near DBL_MIN
  CHECK(normal_cdf(std::numeric_limits<double>::infinity()) == 1.0);
  CHECK(normal_cdf(-std::numeric_limits<double>::infinity()) == 0.0);
  CHECK(normal_pdf(0.0) == Approx(0.3989422804014327).epsilon(1e-15));
}

TEST_CASE("normal_cdf inverts normal_quantile", "[normal]") {
  // Centre: to 1e-14 relative.
  for (double p = 1e-3; p < 1.0 - 1e-3; p += 1.7e-4) {
    INFO("p = " << p);
    REQUIRE(std::fabs(normal_cdf(normal_quantile(p)) - p) <= 1e-14 * p);
  }
  // Tails: the round trip magnifies the quantile's error by |z| phi(z) / p (about z^2), so
  // check it in units of z instead: AS241 is within 4 ulps of z down to p = 1e-300.
  for (double log10_p = -300.0; log10_p < -3.0; log10_p += 0.013) {
    for (const double p : {std::pow(10.0, log10_p), 1.0 - std::pow(10.0, log10_p)}) {
      if (p >= 1.0) continue;
      const double z = normal_quantile(p);
      const double ulp_z = std::fabs(z) * std::numeric_limits<double>::epsilon();
      const double tail = std::min(p, 1.0 - p);
      const double tolerance = 4.0 * ulp_z * normal_pdf(z) + 4.0 * tail * 1e-16;
      INFO("p = " << p << ", z = " << z);
      const double round_trip = (p < 0.5) ? normal_cdf(z) - p : (1.0 - normal_cdf(-z)) - p;
      REQUIRE(std::fabs(round_trip) <= tolerance + std::numeric_limits<double>::epsilon() * p);
    }
  }
  // Symmetry for p below 1/2 where 1 - p is exact.
  CHECK(normal_quantile(0.25) == -normal_quantile(0.75));
}
