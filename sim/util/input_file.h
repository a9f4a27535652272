#pragma once
// Safe access to the files a command reads and writes: only regular files are read (a FIFO
// would block for ever, /dev/zero would never end), reading stops at a limit, and an output
// is never one of the command's own inputs (the same device and inode, whatever the name).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace lissim::sim {

// What `path` is when it is not a regular file ("a FIFO (named pipe)", "a character device",
// "a folder", ...), after following links; "" for a regular file; nullopt when it does not exist.
std::optional<std::string> non_regular_kind(const std::string& path);

// Reads a whole regular file of at most max_bytes without blocking on it. On failure returns
// nullopt and sets `problem` to what went wrong, without the path ("is a FIFO (named pipe),
// must be a regular file", "larger than 16 MiB ...", "cannot open: No such file or directory").
std::optional<std::string> read_regular_file(const std::string& path, std::size_t max_bytes,
                                             const std::string& limit_text, std::string& problem);

// Throws InputError ("PATH: no such file", "PATH: is a FIFO (named pipe), must be a regular
// file") unless path names a regular file; `what` says what was expected ("a results file").
void require_regular_file(const std::string& path, const std::string& what);

// Throws InputError when `output` exists and is the same file as one of `inputs`.
void check_output_is_not_input(const std::string& output, const std::vector<std::string>& inputs);

}  // namespace lissim::sim
