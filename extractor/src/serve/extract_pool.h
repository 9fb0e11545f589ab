// Internal: the extraction workers of `baocao serve`, on the pool `baocao ingest` uses
// (store/worker_pool.h). A request hands its bytes to the pool and waits at most its timeout;
// the HTTP threads stay free for reads meanwhile. A job that outlives its timeout is abandoned
// and its worker replaced (worker_pool.h says how stragglers are bounded); its extraction is
// cancelled and stops at its next budget check (within a second: baocao/core/budget.h).
// No more than `workers` extractions run at once: a worker that replaced a straggler waits for
// it to stop before it starts the next job. A text of up to 256 KB is extracted on the
// request's thread, never queued behind scans. While it extracts, a worker thread is named
// "baocao-extract" (top -H, /proc/PID/task/*/comm), and running() counts such workers.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "baocao/core/budget.h"
#include "baocao/pipeline/extract.h"
#include "baocao/store/store.h"
#include "baocao/store/worker_pool.h"

namespace baocao::serve {

// What a request can see of its extraction and do to it: the page being read by OCR of the
// pages to read (0 of 0 until OCR starts, and for a document with a text layer), and the flag
// that cancels it.
struct ExtractWatch {
  std::atomic<int> page{0};
  std::atomic<int> pages{0};
  CancelFlag cancel = MakeCancelFlag();
};

// Hands the memory a large extraction freed back to the system (glibc keeps it in its per-thread
// arenas otherwise, and the next large upload peaks on top of it: issue 18). Costs a walk of the
// heap: call it after a document of more than kReturnMemoryAfterBytes, not after every one.
inline constexpr size_t kReturnMemoryAfterBytes = size_t(1) << 20;
void ReturnFreedMemory();

class ExtractPool {
 public:
  ExtractPool(const Engine& engine, ExtractOptions options, size_t workers);
  ~ExtractPool();   // Shutdown(): waits for every worker
  ExtractPool(const ExtractPool&) = delete;
  ExtractPool& operator=(const ExtractPool&) = delete;

  // Extracts `bytes` as the document `path` and prepares its store rows. kTimeout after
  // `timeout` (or at once when every spare worker is stuck with a timed-out job); the engine's
  // own errors as they come; kInternal once the pool is shut down.
  // With `watch`, the OCR progress is written there and its flag cancels the extraction
  // (kCancelled).
  Result<PreparedDocument> Extract(std::string bytes, const std::string& path, std::chrono::milliseconds timeout,
                                   const std::shared_ptr<ExtractWatch>& watch = nullptr);

  // No new jobs; queued ones fail; waits for running ones (stragglers included).
  void Shutdown();
  size_t stragglers() const;
  // Extractions running on the workers now, stragglers included: never more than the workers.
  size_t running() const;

 private:
  // A worker's right to extract: at most `workers` at once, a straggler's held until it stops.
  // TakeSlot waits until `deadline` for one (false: none came); it names the thread.
  bool TakeSlot(std::chrono::steady_clock::time_point deadline);
  void GiveSlot();

  const Engine& engine_;
  const ExtractOptions options_;
  mutable std::mutex slots_mu_;
  std::condition_variable slot_free_;
  size_t running_ = 0;
  std::atomic<bool> shut_down_{false};   // refuses the texts extracted on the request's thread
  store::WorkerPool pool_;
};

}  // namespace baocao::serve
