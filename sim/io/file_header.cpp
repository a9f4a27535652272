#include "sim/io/file_header.h"

#include <vector>

#include "sim/version.h"

namespace lissim::sim {

void write_file_header(const H5Group& root, const std::string& filetype, int format_major, int format_minor) {
  root.attribute("filetype", filetype);
  root.attribute("format_version", std::vector<int>{format_major, format_minor});
  root.attribute("lissim_version", std::string(kVersion));
  root.attribute("git_sha", std::string(kGitSha));
  root.attribute("created_utc", utc_now());
}

}  // namespace lissim::sim
