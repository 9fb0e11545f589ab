#include "serve/http_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <utility>

#include "serve/socket_stream.h"

namespace baocao::serve {
namespace {

constexpr int kBusyRetryAfterSeconds = 1;

// httplib's accepting loop hands each connection to its task queue; this one runs the job on
// the accepting thread, where it only gives the connection to the gate (a few system calls).
class InlineQueue final : public httplib::TaskQueue {
 public:
  explicit InlineQueue(std::function<void()> on_shutdown) : on_shutdown_(std::move(on_shutdown)) {}
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override { on_shutdown_(); }

 private:
  std::function<void()> on_shutdown_;
};

}  // namespace

Status HttpServer::Prepare(const ConnectionLimits& limits) {
  pool_ = std::make_unique<FairPool>(limits.threads);
  Result<std::unique_ptr<ConnectionGate>> gate = ConnectionGate::Start(limits.gate, [this](int fd, const std::string& client) {
    FairPool::Admission admission = pool_->Submit(client, [this, fd] { Answer(fd); });
    if (admission == FairPool::Admission::kAccepted) return;
    RefuseAndClose(fd, 503, "busy",
                   admission == FairPool::Admission::kClientBusy ? "too many requests from this address at once; try again in a moment"
                                                                 : "the server is busy; try again in a moment",
                   kBusyRetryAfterSeconds);
  });
  if (!gate.ok()) return gate.status();
  gate_ = std::move(gate).value();
  new_task_queue = [this] { return new InlineQueue([this] { Drain(); }); };
  return Status::Ok();
}

void HttpServer::SetBacklog(int backlog) {
  if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, backlog);
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  gate_->Admit(sock);
  return true;
}

void HttpServer::Answer(int fd) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const auto read_timeout = duration_cast<milliseconds>(std::chrono::seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_));
  const auto write_timeout = duration_cast<milliseconds>(std::chrono::seconds(write_timeout_sec_) + std::chrono::microseconds(write_timeout_usec_));
  SocketStream stream(fd, read_timeout, write_timeout);
  bool closed = false;
  // One request a connection: a refused request (401, 413) is answered without reading its
  // body, and closing is the only way not to read the rest of that body as the next request.
  process_request(stream, /*close_connection=*/true, closed, nullptr);
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

void HttpServer::Drain() {
  if (gate_) gate_->Shutdown();
  if (pool_) pool_->Shutdown();
}

HttpServer::Stats HttpServer::stats() const {
  Stats s;
  if (gate_) s.gate = gate_->stats();
  if (pool_) s.threads = pool_->stats();
  return s;
}

}  // namespace baocao::serve
