// Internal: the extraction workers of `baocao serve`. A request hands its bytes to the pool and
// waits at most its timeout; the HTTP threads stay free for reads meanwhile.
//
// A job that outlives its timeout cannot be interrupted (the engine has no cancellation between
// the instructions of a stage), so its request gets kTimeout at once, the job's result is
// dropped when it finishes, and a replacement worker starts so that `workers` threads stay
// available; the stuck worker retires when its job returns. At most 2 x `workers` such
// stragglers run at once: beyond that a new job is refused with kTimeout immediately, so a
// flood of pathological files cannot grow the threads without bound.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "baocao/store/store.h"

namespace baocao::serve {

class ExtractPool {
 public:
  ExtractPool(const Engine& engine, ExtractOptions options, size_t workers);
  ~ExtractPool();   // Shutdown(): waits for every worker
  ExtractPool(const ExtractPool&) = delete;
  ExtractPool& operator=(const ExtractPool&) = delete;

  // Extracts `bytes` as the document `path` and prepares its store rows. kTimeout after
  // `timeout`; the engine's own errors as they come; kInternal once the pool is shut down.
  Result<PreparedDocument> Extract(std::string bytes, const std::string& path, std::chrono::milliseconds timeout);

  // No new jobs; queued ones fail; waits for running ones (stragglers included).
  void Shutdown();
  size_t stragglers() const;

 private:
  struct Job;
  void Work();
  void Spawn();   // with mu_ held
  void JoinRetired();   // with mu_ held

  const Engine& engine_;
  const ExtractOptions options_;
  const size_t workers_;
  mutable std::mutex mu_;
  std::condition_variable has_job_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::map<std::thread::id, std::thread> threads_;
  std::vector<std::thread::id> retired_;
  size_t stragglers_ = 0;   // workers busy with a job whose request gave up
  size_t excess_ = 0;       // replacement workers not yet balanced by a retiring straggler
  bool shutdown_ = false;
};

}  // namespace baocao::serve
