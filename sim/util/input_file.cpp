#include "sim/util/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/errors.h"

namespace lissim::sim {
namespace {

std::string kind_of(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Closes a file descriptor on every path out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::string> non_regular_kind(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return kind_of(info.st_mode);
}

std::optional<std::string> read_regular_file(const std::string& path, std::size_t max_bytes,
                                             const std::string& limit_text, std::string& problem) {
  // Look before opening: opening some devices has effects of its own.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    problem = std::string("cannot open file: ") + std::strerror(errno);
    return std::nullopt;
  }
  if (const std::string kind = kind_of(info.st_mode); !kind.empty()) {
    problem = "is " + kind + ", must be a regular file";
    return std::nullopt;
  }
  // O_NONBLOCK: if the name was swapped for a FIFO in between, opening does not wait.
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    problem = std::string("cannot open file: ") + std::strerror(errno);
    return std::nullopt;
  }
  if (::fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    problem = "is " + kind_of(info.st_mode) + ", must be a regular file";
    return std::nullopt;
  }
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      problem = std::string("cannot read file: ") + std::strerror(errno);
      return std::nullopt;
    }
    if (n == 0) break;
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
      problem = "file is larger than " + limit_text;
      return std::nullopt;
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

void require_regular_file(const std::string& path, const std::string& what) {
  const auto kind = non_regular_kind(path);
  if (!kind) throw InputError(path + ": no such file");
  if (!kind->empty()) throw InputError(path + ": is " + *kind + ", must be " + what + " (a regular file)");
}

void check_output_is_not_input(const std::string& output, const std::vector<std::string>& inputs) {
  struct stat out {};
  if (::stat(output.c_str(), &out) != 0) return;
  for (const std::string& input : inputs) {
    struct stat in {};
    if (::stat(input.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
      throw InputError(output + ": is an input of this command (" + input +
                       "); writing there would destroy it, even with --force; choose another output");
  }
}

}  // namespace lissim::sim
