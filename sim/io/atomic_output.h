#pragma once
// Writes a results file under a temporary name beside the target and renames it into place
// only when complete: an interrupted or failed run never leaves a half-written file and never
// destroys an earlier result. SIGINT, SIGTERM and SIGHUP remove the temporary file; temporaries
// of processes that died without cleaning up are removed by the next output to the same target.
#include <string>

namespace lissim::sim {

class AtomicOutput {
 public:
  // Fails (InputError) if target exists and overwrite is false; creates missing folders.
  AtomicOutput(std::string target, bool overwrite);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();  // removes the temporary file unless committed

  const std::string& temporary_path() const { return temporary_; }
  const std::string& target() const { return target_; }
  void commit();  // renames the temporary file to the target

 private:
  std::string target_;
  std::string temporary_;
  bool overwrite_;
  bool committed_ = false;
};

// Checks up front (before a long run) that the target may be written: a non-empty name, not a
// folder, not a device, FIFO or socket (not even with overwrite), in a folder that can be written.
void check_output_target(const std::string& target, bool overwrite);

}  // namespace lissim::sim
