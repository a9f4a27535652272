#include "sim/io/parameter_samples.h"

#include <cstdio>
#include <cstring>

#include "sim/config/scenario_loader.h"
#include "sim/errors.h"
#include "sim/random/philox_stream.h"

namespace lissim::sim {
namespace {

constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;  // 2^64 / golden ratio, as splitmix64
constexpr Eigen::Index kBlockDraws = 4096;  // drawn again block by block, checksummed as they come

std::string text_or_empty(const ResultsReader& results, const std::string& name) {
  return results.has_attribute("/", name) ? results.text_attribute("/", name) : std::string();
}

ParameterSamples stored_samples(const ResultsReader& results, std::vector<std::string> names) {
  const NumericArray array = results.numbers("/parameters/samples");
  if (array.shape.size() != 2 || array.cols() != names.size())
    throw InputError(results.path() + ": damaged results file: /parameters/samples does not have one column per name");
  ParameterSamples samples;
  samples.names = std::move(names);
  samples.values.resize(static_cast<Eigen::Index>(array.rows()), static_cast<Eigen::Index>(array.cols()));
  for (std::size_t r = 0; r < array.rows(); ++r)
    for (std::size_t c = 0; c < array.cols(); ++c)
      samples.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = array.at(r, c);
  return samples;
}

ParameterSamples drawn_again(const ResultsReader& results, std::vector<std::string> names) {
  const std::string& file = results.path();
  const std::string rerun = ": rerun lissim run with --keep-samples to keep them in the file";
  const std::string why = file + ": no /parameters/samples (the run did not keep them) and they cannot be drawn again";
  const std::string scheme = text_or_empty(results, "rng_scheme");
  if (scheme != kRngScheme)
    throw InputError(why + ": the file's random-number scheme is '" + scheme + "', this lissim's '" + kRngScheme +
                     "'" + rerun);
  if (!results.has_attribute("/parameters", "samples_checksum") || !results.has_attribute("/", "scenario_yaml"))
    throw InputError(why + ": the file has no scenario_yaml or /parameters samples_checksum to draw and check them" +
                     rerun);
  Scenario scenario;
  try {
    scenario = load_resolved_scenario(results.text_attribute("/", "scenario_yaml"), file + ": scenario_yaml");
  } catch (const InputError& e) {
    throw InputError(why + ": its embedded scenario does not load with this lissim (" + e.what() + ")" + rerun);
  }
  if (static_cast<std::int64_t>(scenario.seed) != results.integer_attribute("/", "seed") ||
      scenario.draws != results.integer_attribute("/", "draws"))
    throw InputError(file + ": damaged results file: the seed and draws of scenario_yaml are not the root attributes "
                            "seed and draws");
  const std::vector<int>& uncertain = scenario.parameters.uncertain();
  std::vector<std::string> scenario_names;
  for (const int i : uncertain) scenario_names.push_back(scenario.parameters.at(i).name);
  if (scenario_names != names)
    throw InputError(why + ": its embedded scenario's uncertain parameters are not /parameters/names" + rerun);

  ParameterSamples samples;
  samples.names = std::move(names);
  samples.drawn_again = true;
  samples.values.resize(scenario.draws, static_cast<Eigen::Index>(uncertain.size()));
  SamplesChecksum checksum(uncertain.size());
  for (Eigen::Index first = 0; first < scenario.draws; first += kBlockDraws) {
    const Eigen::Index count = std::min(kBlockDraws, scenario.draws - first);
    const Eigen::ArrayXXd block = sample_uncertain_parameters(scenario, static_cast<std::uint64_t>(first), count);
    checksum.add(static_cast<std::uint64_t>(first), block);
    samples.values.middleRows(first, count) = block.matrix();
  }
  const std::string expected = results.text_attribute("/parameters", "samples_checksum");
  if (checksum.hex() != expected)
    throw InputError(why + ": drawn again they do not match the run's (samples_checksum " + expected + ", drawn " +
                     checksum.hex() + "), so this lissim samples parameters differently from the one that wrote the "
                     "file (" + text_or_empty(results, "lissim_version") + ")" + rerun);
  return samples;
}

}  // namespace

void SamplesChecksum::add(std::uint64_t first_draw, const Eigen::ArrayXXd& block) {
  const auto k = static_cast<std::uint64_t>(parameters_);
  for (Eigen::Index c = 0; c < block.cols(); ++c)
    for (Eigen::Index r = 0; r < block.rows(); ++r) {
      std::uint64_t bits;
      const double x = block(r, c);
      std::memcpy(&bits, &x, sizeof bits);
      const std::uint64_t position = (first_draw + static_cast<std::uint64_t>(r)) * k + static_cast<std::uint64_t>(c);
      sum_ += splitmix64(bits + kGolden * (position + 1));
    }
}

std::string SamplesChecksum::hex() const {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(sum_));
  return text;
}

Eigen::ArrayXXd sample_uncertain_parameters(const Scenario& scenario, std::uint64_t first_draw, Eigen::Index count) {
  const std::vector<int>& uncertain = scenario.parameters.uncertain();
  Eigen::ArrayXXd values(count, static_cast<Eigen::Index>(uncertain.size()));
  for (std::size_t j = 0; j < uncertain.size(); ++j)
    values.col(static_cast<Eigen::Index>(j)) = scenario.parameters.sample(uncertain[j], scenario.seed, first_draw, count);
  return values;
}

ParameterSamples read_parameter_samples(const ResultsReader& results) {
  if (!results.exists("/parameters/names"))
    throw InputError(results.path() + ": no /parameters/names; not a results file of lissim run");
  std::vector<std::string> names = results.texts("/parameters/names");
  if (names.empty())
    throw InputError(results.path() + ": the run sampled no uncertain parameters, so there is nothing to rank; give "
                                      "parameters distributions (e.g. {dist: uniform, min: 1, max: 3}) and rerun");
  if (results.exists("/parameters/samples")) return stored_samples(results, std::move(names));
  return drawn_again(results, std::move(names));
}

}  // namespace lissim::sim
