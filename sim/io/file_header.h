#pragma once
// The root attributes every lissim HDF5 file opens with (docs/results.md): filetype,
// format_version [major, minor], lissim_version, git_sha, created_utc.
#include <string>

#include "sim/io/hdf5_file.h"

namespace lissim::sim {

void write_file_header(const H5Group& root, const std::string& filetype, int format_major, int format_minor);

}  // namespace lissim::sim
