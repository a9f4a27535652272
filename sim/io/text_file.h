#pragma once
// Writes a whole text file through a temporary file beside it and a rename, so a reader
// never sees half a file and a failed write leaves any earlier file as it was.
#include <string>

namespace lissim::sim {

// Fails (InputError) if the file exists and overwrite is false; IoError if it cannot be written.
void write_text_file(const std::string& path, const std::string& text, bool overwrite);

}  // namespace lissim::sim
