// Replays files through LLVMFuzzerTestOneInput without libFuzzer: the ctest case
// fuzz.replay_<target> runs the seed corpus and every saved regression this way in every
// build (under ASan/UBSan with LISSIM_SANITIZE=ON).
//   lissim_fuzz_replay_<target> PATH...   each PATH a file or a folder (its files, not subfolders)
// Each input runs in a child process, so one finding does not hide the next: every failing
// input is listed at the end. Exits 0 when all inputs pass, 1 otherwise (or on bad usage,
// or when no input was found).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> collect(int argc, char** argv, bool& ok) {
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const fs::path path(argv[i]);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(path))
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.') files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      inputs.insert(inputs.end(), files.begin(), files.end());
    } else if (fs::is_regular_file(path, ec)) {
      inputs.push_back(path);
    } else {
      std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
      ok = false;
    }
  }
  return inputs;
}

// Runs one input in a child process; returns a description of the failure, or "".
std::string replay(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::fprintf(stderr, "replay %s (%zu bytes)\n", path.c_str(), bytes.size());
  std::fflush(stderr);
  const pid_t child = ::fork();
  if (child < 0) return std::string("fork failed: ") + std::strerror(errno);
  if (child == 0) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    std::exit(0);  // exit, not _exit: LeakSanitizer checks at exit
  }
  int status = 0;
  if (::waitpid(child, &status, 0) < 0) return std::string("waitpid failed: ") + std::strerror(errno);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  if (WIFSIGNALED(status)) return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  return "exit status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PATH...  (files or folders of fuzz inputs)\n", argv[0]);
    return 1;
  }
  bool ok = true;
  const std::vector<fs::path> inputs = collect(argc, argv, ok);
  if (!ok) return 1;
  if (inputs.empty()) {
    std::fprintf(stderr, "no inputs found\n");
    return 1;
  }
  LLVMFuzzerInitialize(&argc, &argv);
  std::vector<std::string> failures;
  for (const auto& path : inputs) {
    const std::string failure = replay(path);
    if (!failure.empty()) failures.push_back(path.string() + ": " + failure);
  }
  if (failures.empty()) {
    std::fprintf(stderr, "replayed %zu inputs: no findings\n", inputs.size());
    return 0;
  }
  std::fprintf(stderr, "\nreplayed %zu inputs: %zu findings (see the reports above):\n", inputs.size(), failures.size());
  for (const auto& f : failures) std::fprintf(stderr, "  %s\n", f.c_str());
  return 1;
}
