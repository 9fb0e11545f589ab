// Internal: the extraction workers `baocao ingest` and `baocao serve` share. Jobs run in the
// order they are queued, each on one of `workers` threads; the caller waits for a job without a
// limit (ingest, which writes results in input order) or with a timeout (serve, one upload).
//
//   WorkerPool pool(4);
//   auto result = std::make_shared<Result<PreparedDocument>>(Status());
//   WorkerPool::Submitted job = pool.Submit([=] { *result = Work(); });
//   if (!job.ticket) ...;                          // refused: shut down, or too many stragglers
//   if (!pool.WaitFor(job.ticket, 60s)) ...;       // abandoned: its result will be dropped
//   if (!pool.Ran(job.ticket)) ...;                // dropped by Shutdown before it ran
//
// A job that outlives its timeout cannot be interrupted (the engine has no cancellation between
// the instructions of a stage), so the waiter gives up at once, the job's result is dropped when
// it finishes, and a replacement worker starts so that `workers` threads stay available; the
// stuck worker retires when its job returns. At most kStragglersPerWorker x `workers` such
// stragglers run at once: beyond that Submit refuses, so a flood of pathological files cannot
// grow the threads without bound.
// Thread safety: every member may be called from any thread. A job's own state (its result)
// is written by the job and read by its waiter after Wait/WaitFor returned true: the pool's
// lock orders the two.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace baocao::store {

class WorkerPool {
 public:
  // Abandoned jobs still running, per worker, beyond which Submit refuses new jobs.
  static constexpr size_t kStragglersPerWorker = 2;

  explicit WorkerPool(size_t workers);   // 0 workers: 1
  ~WorkerPool();                         // Shutdown(): waits for every worker
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  struct Job;
  using Ticket = std::shared_ptr<Job>;
  enum class Refusal { kNone, kShutDown, kTooManyStragglers };
  struct Submitted {
    Ticket ticket;                     // null when refused
    Refusal refusal = Refusal::kNone;
  };
  // Queues `work` behind the jobs already queued.
  Submitted Submit(std::function<void()> work);

  // Blocks until the job has run or Shutdown dropped it.
  void Wait(const Ticket& job);
  // The same for at most `timeout`: false when the job has not finished, and it is then
  // abandoned (dropped if it had not started; else its worker is replaced).
  bool WaitFor(const Ticket& job, std::chrono::milliseconds timeout);
  // Whether the job has run or was dropped, without waiting.
  bool Finished(const Ticket& job) const;
  // After a wait: whether the job ran (false: Shutdown dropped it from the queue).
  bool Ran(const Ticket& job) const;

  // No new jobs; queued ones are dropped; waits for running ones (stragglers included).
  void Shutdown();
  size_t workers() const { return workers_; }
  size_t stragglers() const;

 private:
  void Work();
  void Spawn();         // with mu_ held
  void JoinRetired();   // with mu_ held

  const size_t workers_;
  mutable std::mutex mu_;
  std::condition_variable has_job_;
  std::deque<Ticket> queue_;
  std::map<std::thread::id, std::thread> threads_;
  std::vector<std::thread::id> retired_;
  size_t stragglers_ = 0;   // workers busy with a job whose waiter gave up
  size_t excess_ = 0;       // replacement workers not yet balanced by a retiring straggler
  bool shutdown_ = false;
};

}  // namespace baocao::store
