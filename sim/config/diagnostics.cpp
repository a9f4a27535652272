#include "sim/config/diagnostics.h"

#include "sim/errors.h"

namespace lissim::sim {
namespace {

// A hostile file can put 100,000 characters in a key or value: messages quote at most `limit`
// bytes of them (cut at a UTF-8 character boundary) and say how long the rest was.
std::string shortened(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size()) + " characters in all)";
}

}  // namespace

std::string SourceLocation::str() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

void Diagnostics::error(const SourceLocation& where, std::string_view key_path,
                        std::string_view message) {
  std::string line = shortened(where.str(), 300) + ": error: ";
  if (!key_path.empty()) line += shortened(key_path, 200) + ": ";
  line += shortened(message, 600);
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
