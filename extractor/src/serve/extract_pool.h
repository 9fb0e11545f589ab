// Internal: the extraction workers of `baocao serve`, on the pool `baocao ingest` uses
// (store/worker_pool.h). A request hands its bytes to the pool and waits at most its timeout;
// the HTTP threads stay free for reads meanwhile. A job that outlives its timeout is abandoned
// and its worker replaced (worker_pool.h says how stragglers are bounded); its extraction is
// cancelled and stops at its next budget check (within a second: baocao/core/budget.h).
// While it extracts, a worker thread is named "baocao-extract" (top -H, /proc/PID/task/*/comm),
// and running() counts such workers: what tools/bench/serve-deadline watches.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

#include "baocao/pipeline/extract.h"
#include "baocao/store/store.h"
#include "baocao/store/worker_pool.h"

namespace baocao::serve {

class ExtractPool {
 public:
  ExtractPool(const Engine& engine, ExtractOptions options, size_t workers);
  ~ExtractPool();   // Shutdown(): waits for every worker
  ExtractPool(const ExtractPool&) = delete;
  ExtractPool& operator=(const ExtractPool&) = delete;

  // Extracts `bytes` as the document `path` and prepares its store rows. kTimeout after
  // `timeout` (or at once when every spare worker is stuck with a timed-out job); the engine's
  // own errors as they come; kInternal once the pool is shut down.
  Result<PreparedDocument> Extract(std::string bytes, const std::string& path, std::chrono::milliseconds timeout);

  // No new jobs; queued ones fail; waits for running ones (stragglers included).
  void Shutdown();
  size_t stragglers() const;
  // Extractions running now, stragglers included.
  size_t running() const { return running_.load(std::memory_order_relaxed); }

 private:
  const Engine& engine_;
  const ExtractOptions options_;
  std::atomic<size_t> running_{0};
  store::WorkerPool pool_;
};

}  // namespace baocao::serve
