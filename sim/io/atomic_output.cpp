#include "sim/io/atomic_output.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "sim/errors.h"
#include "sim/util/input_file.h"

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

// The nearest folder of `target` that exists (where missing folders would be created).
fs::path nearest_existing_folder(const std::string& target) {
  std::error_code ec;
  fs::path folder = fs::absolute(target, ec).parent_path();
  while (!folder.empty() && !fs::exists(folder, ec) && folder != folder.root_path()) folder = folder.parent_path();
  return folder;
}

// Removes temporaries of this target left by processes that died without cleaning up (a
// SIGKILL, a power cut): "<target>.tmp-<pid>" whose process is gone and that no one holds
// open for writing (HDF5 locks the files it writes; the lock also covers other machines
// sharing the folder).
void remove_stale_temporaries(const std::string& target) {
  const fs::path path(target);
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  const std::string prefix = path.filename().string() + ".tmp-";
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    const int fd = ::open(it->path().c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    struct stat info {};
    const bool unused = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (unused) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
    ::close(fd);
  }
}

}  // namespace

void check_output_target(const std::string& target, bool overwrite) {
  if (target.empty()) throw InputError("the output file name is empty");
  struct stat info {};
  if (::lstat(target.c_str(), &info) == 0) {
    const auto kind = non_regular_kind(target);  // what a link points to
    if (kind && *kind == "a folder") throw InputError(target + ": is a folder, must be a file name");
    // Even with --force only a results file is replaced: never a device, FIFO or socket.
    if (!S_ISREG(info.st_mode) && !S_ISLNK(info.st_mode))
      throw InputError(target + ": is " + non_regular_kind(target).value_or("not a regular file") +
                       ", not a regular file; lissim replaces only regular files, even with --force");
    if (kind && !kind->empty())
      throw InputError(target + ": is a link to " + *kind + "; lissim replaces only regular files, even with --force");
    if (!overwrite) throw InputError(target + ": file exists; use --force to overwrite it");
  }
  // A read-only file system or a folder without write permission: say so now, not after the run.
  const fs::path folder = nearest_existing_folder(target);
  if (!folder.empty() && ::access(folder.c_str(), W_OK | X_OK) != 0)
    throw IoError(target + ": cannot write in " + folder.string() + ": " + std::strerror(errno));
}

AtomicOutput::AtomicOutput(std::string target, bool overwrite) : target_(std::move(target)), overwrite_(overwrite) {
  check_output_target(target_, overwrite_);
  const fs::path parent = fs::path(target_).parent_path();
  std::error_code ec;
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) throw IoError(parent.string() + ": cannot create folder: " + ec.message());
  temporary_ = target_ + ".tmp-" + std::to_string(::getpid());
  fs::remove(temporary_, ec);
  remove_stale_temporaries(target_);
  if (temporary_.size() < sizeof(g_pending)) {
    std::memcpy(g_pending, temporary_.c_str(), temporary_.size() + 1);
    g_has_pending = true;
    std::signal(SIGINT, remove_pending_and_exit);
    std::signal(SIGTERM, remove_pending_and_exit);
    std::signal(SIGHUP, remove_pending_and_exit);  // the terminal or SSH session closed
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
  check_output_target(target_, true);  // nor may it have become a device, FIFO or folder
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0)
    throw IoError(target_ + ": cannot rename " + temporary_ + " into place: " + std::strerror(errno));
  committed_ = true;
  g_has_pending = false;
}

}  // namespace lissim::sim
