// Internal: cpp-httplib's server with the connection handling `baocao serve` needs under load
// (issue 18). httplib accepts and parses; this class decides what happens between the two:
// an accepted connection waits in the ConnectionGate (no thread) until its request head is
// whole and within bounds, then runs on the FairPool's threads, where httplib reads and answers
// the one request of the connection. Refusals made before httplib sees a request (408, 431,
// 503) are short JSON errors as the routes' own.
//
//   serve::HttpServer http;
//   http.Get("/api/status", ...);                        // routes as on httplib::Server
//   if (Status s = http.Prepare(limits); !s.ok()) ...    // before listen
//   http.bind_to_port(...); http.SetBacklog(SOMAXCONN); http.listen_after_bind();
//
// listen_after_bind returns after stop(), once every request handed on has been answered.
#pragma once

#include <httplib.h>

#include <memory>

#include "baocao/core/status.h"
#include "serve/connection_gate.h"
#include "serve/fair_pool.h"

namespace baocao::serve {

struct ConnectionLimits {
  GateLimits gate;
  FairPoolLimits threads;
};

class HttpServer : public httplib::Server {
 public:
  // Starts the gate and the request threads; call once, before listening.
  Status Prepare(const ConnectionLimits& limits);
  // A longer listen queue than httplib's 5: a burst of connections (uploads and reads of several
  // clients, one request per connection) would lose SYNs, which clients resend only after 1 s.
  void SetBacklog(int backlog);

  struct Stats {
    ConnectionGate::Stats gate;
    FairPool::Stats threads;
  };
  Stats stats() const;

 private:
  // httplib calls this on its accepting thread (its task queue runs jobs inline, see .cc).
  bool process_and_close_socket(socket_t sock) override;
  void Answer(int fd);
  void Drain();   // the listening loop ended: close what waits, answer what was handed on

  std::unique_ptr<FairPool> pool_;
  std::unique_ptr<ConnectionGate> gate_;
};

}  // namespace baocao::serve
