// Internal: the request threads of `baocao serve`, shared fairly between client addresses.
// httplib's own pool is one FIFO queue without bound: one client that opens many slow
// requests takes every thread, and everyone else waits behind it. Here each client address has
// its own queue, threads take work from the clients in turn, one client never has more than
// `max_running_per_client` requests on threads at once, and the queues are bounded: a request
// over a bound is refused at once (the caller answers 503 with Retry-After), never parked.
//
//   serve::FairPool pool({.threads = 24, .max_running_per_client = 18, .max_queued = 96,
//                         .max_queued_per_client = 48});
//   if (pool.Submit("203.0.113.7", [fd] { Answer(fd); }) != FairPool::Admission::kAccepted) Refuse(fd);
//   pool.Shutdown();   // runs what is queued, then joins the threads
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace baocao::serve {

struct FairPoolLimits {
  size_t threads = 1;
  size_t max_running_per_client = 1;
  size_t max_queued = 1;               // waiting for a thread, all clients together
  size_t max_queued_per_client = 1;
};

class FairPool {
 public:
  explicit FairPool(const FairPoolLimits& limits);
  ~FairPool();
  FairPool(const FairPool&) = delete;
  FairPool& operator=(const FairPool&) = delete;

  enum class Admission { kAccepted, kBusy, kClientBusy, kStopped };
  // Queues `job` for `client`; kBusy when every queue together is full, kClientBusy when this
  // client's is, kStopped after Shutdown. A refused job is dropped unrun.
  Admission Submit(const std::string& client, std::function<void()> job);
  // No new jobs; the queued ones still run; returns when every thread has ended.
  void Shutdown();

  struct Stats {
    size_t running = 0;
    size_t queued = 0;
    uint64_t refused = 0;   // Submit answers other than kAccepted, since the start
  };
  Stats stats() const;

 private:
  struct Client {
    std::deque<std::function<void()>> queue;
    size_t running = 0;
  };
  void Work();
  // The next client after the last one served (in address order, wrapping) that has a job and
  // is under its running cap; end() when none. Called with mu_ held.
  std::map<std::string, Client>::iterator NextClient();

  const FairPoolLimits limits_;
  mutable std::mutex mu_;
  std::condition_variable work_;
  std::map<std::string, Client> clients_;
  std::string last_served_;
  size_t queued_ = 0;
  size_t running_ = 0;
  uint64_t refused_ = 0;
  bool stopping_ = false;
  std::mutex join_mu_;
  std::vector<std::thread> threads_;
};

}  // namespace baocao::serve
