#pragma once
// The sampled values of the uncertain parameters, one row per draw (/parameters/samples,
// docs/results.md). `lissim run` writes them only with --keep-samples (format 2.1); without,
// they are drawn again from the file's embedded scenario and seed - the run's own sampler and
// streams, so the same values - and checked bit for bit against the checksum the run wrote.
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/results_reader.h"
#include "sim/scenario.h"

namespace lissim::sim {

// A fingerprint of every sample of a run, in any order of blocks: the sum, modulo 2^64, of
// splitmix64(bits(x[d][k]) + 0x9e3779b97f4a7c15 * (d * K + k + 1)) over draws d and columns k.
// Written as 16 lower-case hex digits in the /parameters attribute `samples_checksum`.
class SamplesChecksum {
 public:
  explicit SamplesChecksum(std::size_t parameters) : parameters_(parameters) {}
  // Adds the rows of draws [first_draw, first_draw + block.rows()).
  void add(std::uint64_t first_draw, const Eigen::ArrayXXd& block);
  std::string hex() const;

 private:
  std::size_t parameters_;
  std::uint64_t sum_ = 0;
};

// The uncertain parameters' file-unit values of draws [first_draw, first_draw + count), one
// column per uncertain parameter, exactly as the engine draws them.
Eigen::ArrayXXd sample_uncertain_parameters(const Scenario& scenario, std::uint64_t first_draw, Eigen::Index count);

struct ParameterSamples {
  std::vector<std::string> names;
  Eigen::MatrixXd values;    // N x K
  bool drawn_again = false;  // not in the file: drawn from its scenario and seed
};

// Reads /parameters/samples, or draws them again when the file has none. Every problem is an
// InputError that says what to do (e.g. rerun lissim run with --keep-samples): the run
// sampled no parameters, the file's random-number scheme is not this lissim's, its scenario
// does not load, or the values drawn again do not match the run's checksum.
ParameterSamples read_parameter_samples(const ResultsReader& results);

}  // namespace lissim::sim
