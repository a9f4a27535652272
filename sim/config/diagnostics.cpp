#include "sim/config/diagnostics.h"

#include "sim/errors.h"

namespace lissim::sim {

std::string SourceLocation::str() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

void Diagnostics::error(const SourceLocation& where, std::string_view key_path,
                        std::string_view message) {
  std::string line = where.str() + ": error: ";
  if (!key_path.empty()) line += std::string(key_path) + ": ";
  line += message;
  // The same problem reached twice (e.g. through a merged node) is reported once.
  for (const auto& existing : messages_)
    if (existing == line) return;
  messages_.push_back(std::move(line));
}

void Diagnostics::throw_if_errors() const {
  if (messages_.empty()) return;
  std::string all;
  for (const auto& m : messages_) {
    if (!all.empty()) all += '\n';
    all += m;
  }
  throw InputError(all);
}

}  // namespace lissim::sim
