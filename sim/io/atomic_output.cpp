#include "sim/io/atomic_output.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "sim/errors.h"

namespace lissim::sim {
namespace {

namespace fs = std::filesystem;

// The temporary file to remove if a signal arrives (one output at a time).
char g_pending[4096];
std::atomic<bool> g_has_pending{false};

extern "C" void remove_pending_and_exit(int signal) {
  if (g_has_pending.load()) ::unlink(g_pending);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace

void check_output_target(const std::string& target, bool overwrite) {
  std::error_code ec;
  if (fs::exists(target, ec) && !overwrite)
    throw InputError(target + ": file exists; use --force to overwrite it");
  if (fs::is_directory(target, ec)) throw InputError(target + ": is a folder, must be a file name");
}

AtomicOutput::AtomicOutput(std::string target, bool overwrite) : target_(std::move(target)), overwrite_(overwrite) {
  check_output_target(target_, overwrite_);
  const fs::path parent = fs::path(target_).parent_path();
  std::error_code ec;
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) throw IoError(parent.string() + ": cannot create folder: " + ec.message());
  temporary_ = target_ + ".tmp-" + std::to_string(::getpid());
  fs::remove(temporary_, ec);
  if (temporary_.size() < sizeof(g_pending)) {
    std::memcpy(g_pending, temporary_.c_str(), temporary_.size() + 1);
    g_has_pending = true;
    std::signal(SIGINT, remove_pending_and_exit);
    std::signal(SIGTERM, remove_pending_and_exit);
  }
}

AtomicOutput::~AtomicOutput() {
  g_has_pending = false;
  if (!committed_) {
    std::error_code ec;
    fs::remove(temporary_, ec);
  }
}

void AtomicOutput::commit() {
  // Re-check: another process may have created the target during the run.
  std::error_code ec;
  if (!overwrite_ && fs::exists(target_, ec))
    throw InputError(target_ + ": file appeared during the run; use --force to overwrite it");
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0)
    throw IoError(target_ + ": cannot rename " + temporary_ + " into place: " + std::strerror(errno));
  committed_ = true;
  g_has_pending = false;
}

}  // namespace lissim::sim
