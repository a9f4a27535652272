// libFuzzer target for the scenario loader (lissim::sim::load_scenario).
//
// Each input is a scenario file. It is written to <sandbox>/work/scenario.yaml, where the
// sandbox is a temporary folder holding copies of the small seed data, so the usual
// references resolve:  seed_data: tiny  |  ../tiny  |  ../seeds/north_east
// Lines of the input that start with "#set " (YAML comments, so the file still parses) are
// also passed as --set assignments (LoadOptions::sets), which fuzzes the key-path parser.
//
// The loader may reject an input only with the documented exceptions (sim/errors.h:
// InputError, IoError, ModelError, all lissim::sim::Error). Any other exception, a crash,
// a hang or a sanitizer report is a finding: this function aborts so libFuzzer saves it.
//
// Built two ways (tests/fuzz/CMakeLists.txt): linked with libFuzzer (clang, LISSIM_FUZZ=ON),
// and with replay_main.cpp as the ctest case fuzz.replay_scenario_loader.
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
#include <vector>

#include "fuzz_support.h"
#include "sim/config/scenario_loader.h"
#include "sim/errors.h"

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxSets = 16;

void copy_yaml_files(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      fs::copy_file(entry.path(), to / entry.path().filename(), fs::copy_options::overwrite_existing);
  }
}

struct Sandbox {
  fs::path root;
  std::string scenario;  // <root>/work/scenario.yaml
};

Sandbox make_sandbox() {
  const fs::path root = lissim::fuzz::make_sandbox("lissim-fuzz", [](const fs::path& at) {
    const fs::path src = lissim::fuzz::source_dir();
    copy_yaml_files(src / "tests/data/tiny", at / "tiny");          // seed_data: ../tiny
    copy_yaml_files(src / "tests/data/tiny", at / "work" / "tiny");  // seed_data: tiny
    copy_yaml_files(src / "seeds/north_east", at / "seeds" / "north_east");
  });
  return {root, (root / "work" / "scenario.yaml").string()};
}

const Sandbox& sandbox() {
  static const Sandbox s = make_sandbox();
  return s;
}

// "#set key.path=value" lines, in order.
std::vector<std::string> set_lines(std::string_view text) {
  std::vector<std::string> sets;
  std::size_t start = 0;
  while (start < text.size() && sets.size() < kMaxSets) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, 5) == "#set ") sets.emplace_back(line.substr(5));
    start = end + 1;
  }
  return sets;
}

constexpr const char* kCode = "load_scenario";  // what a finding names

}  // namespace

// Sets up the sandbox once, before any input (libFuzzer and replay_main.cpp call it).
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  sandbox();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Sandbox& box = sandbox();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    std::ofstream out(box.scenario, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) {
      std::fprintf(stderr, "lissim fuzz: cannot write %s\n", box.scenario.c_str());
      std::abort();
    }
  }
  lissim::sim::LoadOptions options;
  options.sets = set_lines(text);
  try {
    const lissim::sim::Scenario scenario = lissim::sim::load_scenario(box.scenario, options);
    // A loaded scenario is complete: a name and the resolved YAML.
    if (scenario.name.empty() || scenario.resolved_yaml.empty()) lissim::fuzz::finding(kCode, "nothing", "accepted a scenario without a name");
  } catch (const lissim::sim::Error&) {
    // Documented: the input was rejected (InputError, IoError, ModelError).
  } catch (const std::exception& e) {
    lissim::fuzz::finding(kCode, typeid(e).name(), e.what());
  } catch (...) {
    lissim::fuzz::finding(kCode, "a non-std exception", "?");
  }
  return 0;
}
