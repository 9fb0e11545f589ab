// Internal: where `baocao serve`'s connections wait, without a thread, until their request head
// (request line and headers, up to the blank line) has arrived whole.
//
// httplib gives each accepted connection a request thread at once and reads the head on it, a
// line at a time, with a timeout per read and no bound on the number of lines: 24 clients that
// send one byte every 10 s held every thread, and one request of 6 million header lines grew
// the server by 1.5 GB. Here one thread watches every waiting connection (epoll, edge
// triggered), looks at what has arrived without taking it (MSG_PEEK, so httplib later reads the
// head itself), and hands a connection on only once its head is whole:
// - a head not whole within `head_timeout` of the accept: 408, closed;
// - a head over `max_head_bytes` or `max_head_lines`: 431, closed, before it is read;
// - one client address with `max_waiting_per_client` connections waiting: its oldest waiting
//   connection is closed to make room (a flood from one address costs that address, not the
//   others, and a quick request of the same address still gets through); over `max_waiting`
//   in all, the oldest of all is closed.
//
//   auto gate = serve::ConnectionGate::Start(limits, [&](int fd, const std::string& client) {
//     pool.Submit(client, ...);   // on the gate's thread: must not block
//   });
//   gate->Admit(accepted_fd);     // the gate owns the descriptor from here
//   gate->Shutdown();             // closes what still waits
//
// Thread safety: Admit, stats and Shutdown may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "baocao/core/status.h"

namespace baocao::serve {

struct GateLimits {
  std::chrono::milliseconds head_timeout{10000};   // from the accept to the head's blank line
  size_t max_head_bytes = size_t(32) << 10;
  size_t max_head_lines = 100;                     // the request line and the headers
  size_t max_waiting_per_client = 32;
  size_t max_waiting = 1024;
};

class ConnectionGate {
 public:
  // Receives a connection whose head is whole, with its peer's address; owns the descriptor
  // from then. Runs on the gate's thread: it must not block.
  using Ready = std::function<void(int fd, const std::string& client)>;
  // kInternal when the system refuses an epoll instance or a thread.
  static Result<std::unique_ptr<ConnectionGate>> Start(const GateLimits& limits, Ready ready);
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  // Takes an accepted connection; after Shutdown it is closed at once.
  void Admit(int fd);
  // Stops the gate's thread and closes every connection still waiting. Idempotent.
  void Shutdown();

  struct Stats {
    size_t waiting = 0;
    uint64_t timed_out = 0;   // 408: the head did not arrive in time
    uint64_t too_large = 0;   // 431
    uint64_t evicted = 0;     // closed to make room for a newer connection
  };
  Stats stats() const;

 private:
  struct Waiting {
    int fd;
    std::string client;
    std::chrono::steady_clock::time_point deadline;
  };
  ConnectionGate(const GateLimits& limits, Ready ready) : limits_(limits), ready_(std::move(ready)) {}
  void Loop();
  // What has arrived on a waiting connection: kWhole hands it on; kWait keeps it; the others close it.
  enum class Head { kWait, kWhole, kTooLarge, kGone };
  Head Inspect(int fd) const;
  void DropLocked(std::list<Waiting>::iterator it);   // mu_ held; closes nothing
  void EvictLocked(std::list<Waiting>::iterator it);  // mu_ held; closes the connection

  const GateLimits limits_;
  const Ready ready_;
  int epoll_ = -1;
  int wake_ = -1;   // an eventfd that ends the loop
  mutable std::mutex mu_;
  std::list<Waiting> waiting_;   // in order of admission, which is the order of deadlines
  std::unordered_map<int, std::list<Waiting>::iterator> by_fd_;
  std::unordered_map<std::string, size_t> per_client_;
  Stats counts_;
  bool stopped_ = false;
  std::thread thread_;
};

// Writes a short whole HTTP response (a JSON error body, `Connection: close`, and Retry-After
// when `retry_after_seconds` > 0) without waiting for the socket, then closes it. For refusals
// made before httplib sees the connection.
void RefuseAndClose(int fd, int status, std::string_view code, std::string_view message, int retry_after_seconds = 0);

}  // namespace baocao::serve
