#include "sim/sensitivity/sobol_sequence.h"

#include <bit>
#include <boost/random/sobol.hpp>
#include <stdexcept>
#include <string>

namespace lissim::sim {
namespace {

constexpr unsigned kBits = 64;
// Points are taken to 53 bits so that every value is an exact double below 1: a 64-bit
// integer near 2^64 would round up to 1.0 when converted. For index < 2^53 the dropped bits
// are zero anyway (point i uses direction numbers k <= log2(i + 1), which have k + 1 bits).
constexpr double kScale = 1.0 / 9007199254740992.0;  // 2^-53

}  // namespace

std::size_t SobolSequence::max_dimension() {
  return boost::random::detail::qrng_tables::sobol::max_dimension;
}

SobolSequence::SobolSequence(std::size_t dimension) : dimension_(dimension) {
  if (dimension == 0 || dimension > max_dimension())
    throw std::invalid_argument("Sobol sequence dimension is " + std::to_string(dimension) +
                                ", but must be in [1, " + std::to_string(max_dimension()) + "]");
  boost::random::sobol engine(dimension);
  directions_.resize(kBits * dimension);
  // Boost's seed(n) positions the engine on sequence point n + 1 (Gray code of n + 1); the
  // point with Gray code 2^k, i.e. sequence position 2^(k+1) - 1, is direction number k.
  for (unsigned k = 0; k < kBits; ++k) {
    const std::uint64_t position = (k + 1 == kBits) ? ~std::uint64_t{0} : (std::uint64_t{1} << (k + 1)) - 1;
    engine.seed(position - 1);
    for (std::size_t j = 0; j < dimension; ++j) directions_[k * dimension + j] = engine();
  }
}

void SobolSequence::point(std::uint64_t index, std::span<double> out) const {
  if (index >= max_points)
    throw std::invalid_argument("Sobol point index " + std::to_string(index) + " is beyond 2^53");
  if (out.size() < dimension_)
    throw std::invalid_argument("Sobol point buffer has " + std::to_string(out.size()) + " elements, needs " +
                                std::to_string(dimension_));
  std::uint64_t gray = (index + 1) ^ ((index + 1) >> 1);
  std::vector<std::uint64_t> bits(dimension_, 0);
  while (gray != 0) {
    const auto k = static_cast<std::size_t>(std::countr_zero(gray));
    const std::uint64_t* row = directions_.data() + k * dimension_;
    for (std::size_t j = 0; j < dimension_; ++j) bits[j] ^= row[j];
    gray &= gray - 1;
  }
  for (std::size_t j = 0; j < dimension_; ++j) out[j] = static_cast<double>(bits[j] >> 11) * kScale;
}

std::vector<double> SobolSequence::point(std::uint64_t index) const {
  std::vector<double> out(dimension_);
  point(index, out);
  return out;
}

}  // namespace lissim::sim
