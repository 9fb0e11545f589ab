// An extraction's budget (baocao/core/budget.h).
#include "baocao/core/budget.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace baocao {

namespace {

using Clock = std::chrono::steady_clock;

// Reading /proc/self/statm costs a system call or three (about 10 us): inner loops that ask
// Exhausted() often read it at most this often, the clock every time.
constexpr auto kMemoryCheckInterval = std::chrono::milliseconds(50);
constexpr double kBytesPerMegabyte = 1024.0 * 1024.0;

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

// When the resident set was last read and what it was, per thread: a worker's loops read it
// about every kMemoryCheckInterval, whatever the other workers do.
struct MemoryReading {
  Clock::time_point at{};
  size_t bytes = 0;
};
thread_local MemoryReading last_reading;

size_t RecentResidentBytes(bool fresh) {
  const Clock::time_point now = Clock::now();
  if (fresh || now - last_reading.at >= kMemoryCheckInterval) last_reading = {now, ResidentBytes()};
  return last_reading.bytes;
}

}  // namespace

CancelFlag MakeCancelFlag() { return std::make_shared<std::atomic<bool>>(false); }

size_t ResidentBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, resident = 0;
  const int read = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  if (read != 2) return 0;
  return static_cast<size_t>(resident) * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

Budget Budget::Start(const BudgetLimits& limits, CancelFlag cancel) {
  Budget budget;
  budget.limits_ = limits;
  budget.cancel_ = std::move(cancel);
  budget.started_ = true;
  budget.over_memory_ = std::make_shared<std::atomic<size_t>>(0);
  if (limits.max_seconds > 0) {
    budget.deadline_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limits.max_seconds));
  }
  return budget;
}

Status Budget::Check(std::string_view where) const {
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
    return Status(ErrorCode::kCancelled, "extraction cancelled, in " + std::string(where));
  }
  if (limits_.max_seconds > 0 && Clock::now() >= deadline_) {
    return Status(ErrorCode::kTimeout, "stopped after " + Number(limits_.max_seconds) + " s (--max-seconds " +
                                           Number(limits_.max_seconds) + "), in " + std::string(where));
  }
  if (limits_.max_memory > 0) {
    // A loop that stopped on memory may have freed some since: its verdict stands.
    if (const size_t seen = over_memory_ ? over_memory_->load(std::memory_order_relaxed) : 0; seen > 0) {
      return OverMemory(seen, where);
    }
    const size_t resident = RecentResidentBytes(true);
    if (resident > limits_.max_memory) return OverMemory(resident, where);
  }
  return Status::Ok();
}

Status Budget::OverMemory(size_t resident, std::string_view where) const {
  return Status(ErrorCode::kOverMemory, "stopped at " + Number(resident / kBytesPerMegabyte) + " MiB resident, over " +
                                            Number(limits_.max_memory / kBytesPerMegabyte) + " MiB (--max-memory " +
                                            std::to_string(limits_.max_memory) + "), in " + std::string(where));
}

bool Budget::Exhausted() const {
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) return true;
  if (limits_.max_seconds > 0 && Clock::now() >= deadline_) return true;
  if (limits_.max_memory == 0) return false;
  const size_t resident = RecentResidentBytes(false);
  if (resident <= limits_.max_memory) return false;
  if (over_memory_) over_memory_->store(resident, std::memory_order_relaxed);
  return true;
}

double Budget::SecondsLeft() const {
  constexpr double kNoDeadline = 1e9;
  if (limits_.max_seconds <= 0) return kNoDeadline;
  return std::chrono::duration<double>(deadline_ - Clock::now()).count();
}

}  // namespace baocao
