// What one extraction may spend: wall time and memory, and a flag that cancels it from another
// thread. The stages check it at their checkpoints - between stages, per PDF page, per OCR page,
// and every few thousand steps of their long loops - and nothing is interrupted between two
// checkpoints: an extraction overruns its budget by at most the time between two of its checks.
//
//   baocao::Budget budget = baocao::Budget::Start({.max_seconds = 60, .max_memory = 2u << 30});
//   ... a stage ...
//   if (baocao::Status s = budget.Check("layout"); !s.ok()) return s;
//   // "timeout: stopped after 60 s (--max-seconds 60), in layout"; kOverMemory when the
//   // process's resident memory is over max_memory; kCancelled after Cancel()
//
// Memory is the process's resident set (/proc/self/statm) when a checkpoint reads it: in a
// server whose workers extract side by side the ceiling is theirs together, and a worker that
// finds it exceeded stops its own extraction. Inner loops ask Exhausted() (a clock read; the
// resident set is read at most every kMemoryCheckInterval) and return early; the next Check
// turns that into the error, so a partial stage result never leaves the engine: an Exhausted()
// that saw the memory over the ceiling is remembered (the resident set may fall again before the
// Check), so every later Check of any copy fails as well.
// Thread safety: a Budget is a small value; every copy shares one cancellation flag and one
// memory verdict, and Check, Exhausted and Cancel may run on any thread at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string_view>

#include "baocao/core/status.h"

namespace baocao {

struct BudgetLimits {
  double max_seconds = 0;   // wall time from Budget::Start; 0: none
  size_t max_memory = 0;    // resident bytes of the process; 0: none
};

// A flag another thread raises to stop an extraction (a server's request that gave up).
using CancelFlag = std::shared_ptr<std::atomic<bool>>;
CancelFlag MakeCancelFlag();

class Budget {
 public:
  Budget() = default;   // no limit, never cancelled
  static Budget Start(const BudgetLimits& limits, CancelFlag cancel = nullptr);

  // kOk while within the budget; else kTimeout, kOverMemory or kCancelled, naming `where`.
  Status Check(std::string_view where) const;
  // True once Check would fail: for inner loops, which return early and leave the error to the
  // stage's caller.
  bool Exhausted() const;
  bool started() const { return started_; }   // made by Start, not by the default constructor
  const BudgetLimits& limits() const { return limits_; }
  // Seconds left before the deadline (a large number when there is none), for a library call
  // that takes a timeout of its own (Tesseract's per page).
  double SecondsLeft() const;

 private:
  // The resident bytes an Exhausted() found over max_memory (0: none yet), shared by every copy.
  using MemoryVerdict = std::shared_ptr<std::atomic<size_t>>;
  Status OverMemory(size_t resident, std::string_view where) const;

  BudgetLimits limits_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  CancelFlag cancel_;
  MemoryVerdict over_memory_;
  bool started_ = false;
};

// Exhausted() asked once every `stride` steps of a loop whose steps are too short to pay a clock
// read each (a character, a mention): `if (ticker.Exhausted()) return;` in the loop.
class BudgetTicker {
 public:
  static constexpr unsigned kDefaultStride = 1024;
  explicit BudgetTicker(const Budget& budget, unsigned stride = kDefaultStride) : budget_(budget), stride_(stride) {}
  bool Exhausted() {
    if (++steps_ < stride_) return false;
    steps_ = 0;
    return budget_.Exhausted();
  }

 private:
  const Budget& budget_;
  unsigned stride_;
  unsigned steps_ = 0;
};

// The process's resident memory in bytes (0 where /proc/self/statm cannot be read).
size_t ResidentBytes();

}  // namespace baocao
