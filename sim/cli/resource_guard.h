#pragma once
// The resource guard: before a run starts, its estimated peak memory is compared with the
// memory the machine (or its cgroup) has available, and the bytes it will write with the free
// space where the output goes. A run that cannot fit fails at once with the estimate and its
// parts, instead of being killed or filling the disk hours in. --skip-resource-check skips it.
#include <optional>
#include <string>

#include "sim/engine/run_footprint.h"

namespace lissim::sim {

// Memory this process may still use: the smaller of MemAvailable and the cgroup's limit less its
// usage; nullopt where neither can be read.
std::optional<double> available_memory_bytes();
// Free space for an unprivileged writer on the file system holding `path` (or its nearest
// existing parent folder).
std::optional<double> free_disk_bytes(const std::string& path);

// Memory for a ShockCache: a quarter of what is available, at most `cap` bytes.
double shock_cache_budget(double cap);

// Throws InputError naming `command`, what is needed and what is available, when the run's
// memory exceeds what is available, or (with an output path) its file would not fit; the
// disk hint is more advice (", or drop --keep-draws").
void check_resources(const std::string& command, const RunFootprint& footprint, const std::string& output = "",
                     const std::string& disk_hint = "");

}  // namespace lissim::sim
