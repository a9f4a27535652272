#pragma once
// Sobol low-discrepancy points in [0,1)^d by index, for the Saltelli design (saltelli.h).
//
// The direction numbers are Boost.Random's (boost::random::sobol: Joe and Kuo 2008,
// "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci.
// Comput. 30:2635; up to 3667 dimensions), in Gray-code order. Point 0 here is the
// sequence's second point (0.5, ..., 0.5): the first, all zeros, is skipped because it
// sits on the corner of the cube and maps to -inf for unbounded distributions.
//
// Why not use the Boost engine directly: it is a stateful stream, and the engine evaluating
// the design wants any point from any thread. So the constructor reads the direction numbers
// out of a Boost engine once (the point with Gray code 2^k is the k-th direction number), and
// point(i) is then a const, thread-safe XOR of the direction numbers selected by the Gray
// code of i + 1 - the same arithmetic as Boost's own seed(i); the tests check the two agree.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace lissim::sim {

class SobolSequence {
 public:
  // Largest dimension Boost's tables support (3667 in Boost 1.74).
  static std::size_t max_dimension();
  // Points are exact multiples of 2^-53 for index < 2^53 (more points than can be used).
  static constexpr std::uint64_t max_points = std::uint64_t{1} << 53;

  // 1 <= dimension <= max_dimension(); otherwise std::invalid_argument naming both.
  explicit SobolSequence(std::size_t dimension);

  std::size_t dimension() const { return dimension_; }

  // Writes point `index` (0-based, the all-zero point skipped) into out[0, dimension).
  // index < max_points; out.size() >= dimension.
  void point(std::uint64_t index, std::span<double> out) const;
  std::vector<double> point(std::uint64_t index) const;

 private:
  std::size_t dimension_;
  // directions_[k * dimension_ + j]: direction number k of coordinate j, top bit = 1/2.
  std::vector<std::uint64_t> directions_;
};

}  // namespace lissim::sim
