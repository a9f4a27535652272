// libFuzzer target for sweep files (lissim::sim::load_sweep, expand_points) and the scenarios
// of their points (load_scenario with the points' sets, as `lissim sweep` checks them all
// before running any).
//
// Each input is a sweep file, written to <sandbox>/work/sweep.yaml; the sandbox holds the
// tiny test scenarios and their seed data, so `scenario: ../tiny_interventions.yaml` and
// `scenario: ../tiny_uncertain.yaml` resolve (as in tests/data/sweeps/). Only the documented
// exceptions (sim/errors.h) may come out; a crash, a hang, a leak, a sanitizer report or any
// other exception is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <typeinfo>

#include "fuzz_support.h"
#include "sim/config/scenario_loader.h"
#include "sim/errors.h"
#include "sim/sweep/sweep_spec.h"

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kPointsLoaded = 4;  // the first points' scenarios (each a full load)

std::string make_sandbox() {
  const fs::path root = lissim::fuzz::make_sandbox("lissim-fuzz-sweep", [](const fs::path& at) {
    const fs::path data = lissim::fuzz::source_dir() / "tests/data";
    fs::create_directories(at / "work");
    fs::create_directories(at / "tiny");
    for (const auto& entry : fs::directory_iterator(data / "tiny"))
      fs::copy_file(entry.path(), at / "tiny" / entry.path().filename());
    for (const char* name : {"tiny_interventions.yaml", "tiny_uncertain.yaml", "tiny_deterministic.yaml"})
      fs::copy_file(data / name, at / name);
  });
  return (root / "work" / "sweep.yaml").string();
}

const std::string& sweep_file() {
  static const std::string path = make_sandbox();
  return path;
}

constexpr const char* kCode = "the sweep loader";  // what a finding names

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  sweep_file();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = sweep_file();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) {
      std::fprintf(stderr, "lissim fuzz: cannot write %s\n", path.c_str());
      std::abort();
    }
  }
  try {
    const lissim::sim::SweepSpec spec = lissim::sim::load_sweep(path);
    const std::vector<lissim::sim::SweepPoint> points = lissim::sim::expand_points(spec);
    if (points.empty()) lissim::fuzz::finding(kCode, "nothing", "a sweep without points");
    for (std::size_t p = 0; p < points.size() && p < kPointsLoaded; ++p) {
      lissim::sim::LoadOptions options;
      options.sets = points[p].sets;
      options.set_origins = points[p].set_origins;
      options.draws = spec.draws;
      try {
        lissim::sim::load_scenario(spec.base_scenario, options);
      } catch (const lissim::sim::Error&) {
      }
    }
  } catch (const lissim::sim::Error&) {
    // Documented: the input was rejected.
  } catch (const std::exception& e) {
    lissim::fuzz::finding(kCode, typeid(e).name(), e.what());
  } catch (...) {
    lissim::fuzz::finding(kCode, "a non-std exception", "?");
  }
  return 0;
}
