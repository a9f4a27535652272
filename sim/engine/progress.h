#pragma once
// A progress line on stderr: "lissim: pass 2:  40% of 100000 draws", rewritten in place.
#include <cstdint>
#include <cstdio>

namespace lissim::sim {

class Progress {
 public:
  Progress(bool enabled, std::int64_t draws) : enabled_(enabled), draws_(draws) {}
  void update(int pass, std::int64_t done) {
    if (!enabled_) return;
    const int percent = static_cast<int>(100 * done / draws_);
    if (percent == last_) return;
    last_ = percent;
    std::fprintf(stderr, "\rlissim: pass %d: %3d%% of %lld draws", pass, percent, static_cast<long long>(draws_));
    std::fflush(stderr);
  }
  void finish() {
    if (enabled_) std::fprintf(stderr, "\r%60s\r", "");
  }

 private:
  bool enabled_;
  std::int64_t draws_;
  int last_ = -1;
};

}  // namespace lissim::sim
