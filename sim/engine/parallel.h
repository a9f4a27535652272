#pragma once
// Work distribution for the engine: chunks of draws are handed to threads in any order, and
// results that must be combined in a fixed order pass through an OrderedMerger, so output
// does not depend on the number of threads.
#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace lissim::sim {

// Calls work(chunk, worker) for every chunk in [0, chunks) on `threads` workers. The first
// exception thrown by any worker is rethrown here after all workers stop.
inline void parallel_chunks(std::size_t chunks, int threads, const std::function<void(std::size_t, int)>& work) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&](int id) {
    for (std::size_t c = next++; c < chunks && !failed; c = next++) {
      try {
        work(c, id);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// Consumes results in index order 0, 1, 2, ... whatever order they are submitted in.
template <typename T>
class OrderedMerger {
 public:
  explicit OrderedMerger(std::function<void(std::size_t, T&)> consume) : consume_(std::move(consume)) {}

  void submit(std::size_t index, T value) {
    std::lock_guard lock(mutex_);
    pending_.emplace(index, std::move(value));
    while (!pending_.empty() && pending_.begin()->first == next_) {
      consume_(next_, pending_.begin()->second);
      pending_.erase(pending_.begin());
      ++next_;
    }
  }

 private:
  std::function<void(std::size_t, T&)> consume_;
  std::mutex mutex_;
  std::map<std::size_t, T> pending_;
  std::size_t next_ = 0;
};

}  // namespace lissim::sim
