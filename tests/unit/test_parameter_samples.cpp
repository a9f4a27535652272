// Parameter samples kept on request (lissim run --keep-samples, results format 2.1) and drawn
// again from a file's embedded scenario and seed otherwise (sim/io/parameter_samples.h).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>

#include "run_lissim.h"
#include "sim/config/scenario_loader.h"
#include "sim/errors.h"
#include "sim/io/parameter_samples.h"
#include "sim/io/results_reader.h"

using namespace lissim::sim;
namespace fs = std::filesystem;

namespace {

bool same_bits(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  // memcmp must not see the null data of an empty matrix.
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         (a.size() == 0 || std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0);
}

struct TemporaryFolder {
  fs::path dir = fs::temp_directory_path() / ("lissim_test_samples_" + std::to_string(::getpid()));
  TemporaryFolder() { fs::create_directories(dir); }
  ~TemporaryFolder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

TEST_CASE("the checksum of samples matches an independent NumPy computation", "[samples]") {
  // numpy: x.view(uint64) + 0x9e3779b97f4a7c15 * (d * K + k + 1), splitmix64, summed mod 2^64.
  Eigen::ArrayXXd x(3, 2);
  x << 1.0, 2.0, 3.0, -0.0, 0.1, 1e300;
  SamplesChecksum at_zero(2), at_five(2);
  at_zero.add(0, x);
  at_five.add(5, x);
  CHECK(at_zero.hex() == "f14c4e04298d740a");
  CHECK(at_five.hex() == "5a5b75505bf9e449");
}

TEST_CASE("the checksum does not depend on the blocks, and sees one bit of one value", "[samples]") {
  Eigen::ArrayXXd x = Eigen::ArrayXXd::Random(10, 3);
  SamplesChecksum whole(3), in_blocks(3);
  whole.add(0, x);
  in_blocks.add(7, x.bottomRows(3));  // any order of blocks, as chunks arrive
  in_blocks.add(0, x.topRows(7));
  CHECK(whole.hex() == in_blocks.hex());
  SamplesChecksum swapped(3), changed(3);
  Eigen::ArrayXXd y = x;
  std::swap(y(2, 1), y(4, 1));  // the same values in other draws
  swapped.add(0, y);
  CHECK(swapped.hex() != whole.hex());
  y = x;
  y(9, 2) = std::nextafter(y(9, 2), 2.0);
  changed.add(0, y);
  CHECK(changed.hex() != whole.hex());
}

TEST_CASE("a resolved scenario loads again to the same scenario and samples", "[samples][config]") {
  for (const char* file : {"tests/data/tiny_uncertain.yaml", "tests/data/tiny_uncertain_interventions.yaml",
                           "tests/data/tiny_evidence.yaml", "scenarios/north_east_lis_digital.yaml"}) {
    INFO(file);
    LoadOptions load;
    load.draws = 300;
    load.sets = {"seed=11"};
    const Scenario original = load_scenario(lissim::test::source_path(file), load);
    const Scenario again = load_resolved_scenario(original.resolved_yaml, "x.h5: scenario_yaml");
    CHECK(again.resolved_yaml == original.resolved_yaml);
    CHECK(again.seed == 11);
    CHECK(again.draws == 300);
    REQUIRE(again.parameters.uncertain().size() == original.parameters.uncertain().size());
    for (std::size_t j = 0; j < again.parameters.uncertain().size(); ++j) {
      const Parameter& a = again.parameters.at(again.parameters.uncertain()[j]);
      const Parameter& b = original.parameters.at(original.parameters.uncertain()[j]);
      CHECK(a.name == b.name);
      CHECK(a.distribution.describe() == b.distribution.describe());
    }
    CHECK(same_bits(sample_uncertain_parameters(again, 17, 40).matrix(),
                    sample_uncertain_parameters(original, 17, 40).matrix()));
  }
}

TEST_CASE("a resolved scenario's own mistakes are errors naming it", "[samples][config]") {
  const auto message = [](const std::string& yaml) {
    try {
      load_resolved_scenario(yaml, "x.h5: scenario_yaml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(message("- a\n- b\n").find("x.h5: scenario_yaml") != std::string::npos);
  CHECK(message("name: x\nseed_data: tiny\n").find("horizon") != std::string::npos);
}

TEST_CASE("samples drawn again from a file equal the ones --keep-samples writes", "[samples][cli]") {
  using lissim::test::run_lissim;
  const TemporaryFolder folder;
  const std::string scenario = lissim::test::source_path("tests/data/tiny_uncertain_interventions.yaml");
  const std::string kept = (folder.dir / "kept.h5").string(), lean = (folder.dir / "lean.h5").string();
  // Different thread counts: chunks arrive in other blocks, the values are the same.
  REQUIRE(run_lissim("run " + scenario + " --draws 1500 --threads 1 --keep-draws --keep-samples -q -o " + kept)
              .exit_code == 0);
  REQUIRE(run_lissim("run " + scenario + " --draws 1500 --threads 3 --keep-draws -q -o " + lean).exit_code == 0);

  const ResultsReader with(kept), without(lean);
  CHECK(with.exists("/parameters/samples"));
  CHECK_FALSE(without.exists("/parameters/samples"));
  CHECK(with.integer_attribute("/", "draws") == 1500);
  CHECK(with.text_attribute("/parameters", "samples_checksum") ==
        without.text_attribute("/parameters", "samples_checksum"));
  const ParameterSamples stored = read_parameter_samples(with);
  const ParameterSamples again = read_parameter_samples(without);
  CHECK_FALSE(stored.drawn_again);
  CHECK(again.drawn_again);
  CHECK(again.names == stored.names);
  REQUIRE(stored.values.rows() == 1500);
  CHECK(same_bits(again.values, stored.values));

  // The tornado tables, CSV at full precision, are the same bit for bit.
  for (const std::string options : {" --format csv", " --intervention all --format csv", " --output effect:jobs@2020 --format csv"}) {
    INFO(options);
    const auto a = run_lissim("sensitivity " + kept + options + " 2>/dev/null");
    const auto b = run_lissim("sensitivity " + lean + options + " 2>/dev/null");
    REQUIRE(a.exit_code == 0);
    CHECK(a.output == b.output);
  }
}
