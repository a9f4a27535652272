#pragma once
// What the three fuzz targets share: their sandbox, a temporary folder made once per process with
// the files an input needs beside it (seed data, valid results files) and removed at exit by the
// process that made it (replay_main.cpp's forked children leave it to their parent); and how a
// finding is reported.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <string>
#include <system_error>

namespace lissim::fuzz {

// The source tree: LISSIM_SOURCE_DIR from the environment, else the one the target was built from.
inline std::filesystem::path source_dir() {
  if (const char* env = std::getenv("LISSIM_SOURCE_DIR"); env && *env) return env;
  return LISSIM_SOURCE_DIR;
}

namespace detail {
inline std::filesystem::path g_root;
inline pid_t g_owner = 0;
inline void remove_root() {
  std::error_code ec;
  if (!g_root.empty() && ::getpid() == g_owner) std::filesystem::remove_all(g_root, ec);
}
}  // namespace detail

// Makes <TMPDIR>/<name>-XXXXXX and fills it (fill(root)); a target cannot run without it, so a
// failure aborts with the reason.
inline std::filesystem::path make_sandbox(const std::string& name,
                                          const std::function<void(const std::filesystem::path&)>& fill) {
  std::string templ = (std::filesystem::temp_directory_path() / (name + "-XXXXXX")).string();
  if (!::mkdtemp(templ.data())) {
    std::perror("lissim fuzz: mkdtemp");
    std::abort();
  }
  detail::g_root = templ;
  detail::g_owner = ::getpid();
  std::atexit(detail::remove_root);
  try {
    fill(detail::g_root);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lissim fuzz: cannot set up the sandbox %s: %s\n", templ.c_str(), e.what());
    std::abort();
  }
  return detail::g_root;
}

// A finding: `code` (what the target runs) threw `what` (an undocumented exception, or "nothing"
// where it accepted what it must refuse); printed, then abort() so libFuzzer keeps the input.
[[noreturn]] inline void finding(const char* code, const char* what, const char* detail) {
  std::fprintf(stderr, "\nlissim fuzz: FINDING: %s threw %s: %.400s%s\n", code, what, detail,
               std::strlen(detail) > 400 ? "..." : "");
  std::fflush(stderr);
  std::abort();
}

}  // namespace lissim::fuzz
