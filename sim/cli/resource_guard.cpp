#include "sim/cli/resource_guard.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/errors.h"

namespace lissim::sim {
namespace {

// The first number in a file ("max" and unreadable files give nullopt).
std::optional<double> read_number(const std::string& path) {
  std::ifstream in(path);
  double value = 0;
  if (in >> value) return value;
  return std::nullopt;
}

std::optional<double> meminfo_available() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kb = 0;
  std::string unit;
  while (in >> key >> kb) {
    std::getline(in, unit);
    if (key == "MemAvailable:") return kb * 1024;
  }
  return std::nullopt;
}

// Headroom under this process's cgroup memory limit (v2, then v1); nullopt without a limit.
std::optional<double> cgroup_headroom() {
  std::ifstream in("/proc/self/cgroup");
  std::string line, v2_path;
  while (std::getline(in, line))
    if (line.rfind("0::", 0) == 0) v2_path = line.substr(3);
  const std::string v2 = "/sys/fs/cgroup" + v2_path;
  if (const auto limit = read_number(v2 + "/memory.max"))
    return *limit - read_number(v2 + "/memory.current").value_or(0);
  const std::string v1 = "/sys/fs/cgroup/memory";
  if (const auto limit = read_number(v1 + "/memory.limit_in_bytes"); limit && *limit < 1e18)
    return *limit - read_number(v1 + "/memory.usage_in_bytes").value_or(0);
  return std::nullopt;
}

std::string parts_of(const RunFootprint& footprint) {
  std::ostringstream out;
  for (const FootprintPart& part : footprint.memory) out << "\n  " << human_bytes(part.bytes) << "  " << part.what;
  return out.str();
}

}  // namespace

std::optional<double> available_memory_bytes() {
  const auto system = meminfo_available();
  const auto cgroup = cgroup_headroom();
  if (system && cgroup) return std::min(*system, *cgroup);
  return system ? system : cgroup;
}

std::optional<double> free_disk_bytes(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path folder = fs::absolute(path, ec).parent_path();
  while (!folder.empty() && !fs::exists(folder, ec) && folder != folder.root_path()) folder = folder.parent_path();
  struct statvfs info {};
  if (folder.empty() || ::statvfs(folder.c_str(), &info) != 0) return std::nullopt;
  return static_cast<double>(info.f_bavail) * static_cast<double>(info.f_frsize);
}

double shock_cache_budget(double cap) { return std::min(cap, 0.25 * available_memory_bytes().value_or(0.0)); }

void check_resources(const std::string& command, const RunFootprint& footprint, const std::string& output,
                     const std::string& disk_hint) {
  const std::string anyway = ", or --skip-resource-check to try anyway";
  const double memory = footprint.memory_bytes();
  if (const auto available = available_memory_bytes(); available && memory > *available)
    throw InputError(command + ": not started: it could need up to " + human_bytes(memory) + " of memory, and " +
                     human_bytes(std::max(0.0, *available)) + " is available; use fewer --threads" + anyway +
                     ". The estimate:" + parts_of(footprint));
  if (output.empty()) return;
  if (const auto free = free_disk_bytes(output); free && footprint.file_bytes > *free)
    throw InputError(command + ": not started: " + output + " would take up to " + human_bytes(footprint.file_bytes) +
                     " (before compression), and its disk has " + human_bytes(*free) + " free; use fewer draws" +
                     disk_hint + anyway);
}

}  // namespace lissim::sim
