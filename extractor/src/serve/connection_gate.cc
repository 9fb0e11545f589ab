#include "serve/connection_gate.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "core/strings.h"
#include "serve/socket_stream.h"

namespace baocao::serve {
namespace {

constexpr int kMaxEvents = 64;
// The loop wakes at least this often to close connections past their deadline.
constexpr std::chrono::milliseconds kTick{200};
// Before closing a refused connection, this much of what it sent is read and dropped, so that
// the close does not reset the connection before the client has read the refusal.
constexpr size_t kDrainBytes = size_t(64) << 10;
constexpr std::string_view kHeadEnd = "\r\n\r\n";

const char* StatusText(int status) {
  switch (status) {
    case 408: return "Request Timeout";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

std::string JsonString(std::string_view text) {   // the messages here are plain ASCII
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

void RefuseAndClose(int fd, int status, std::string_view code, std::string_view message, int retry_after_seconds) {
  const std::string body = internal::Concat({"{\"error\":{\"code\":", JsonString(code), ",\"message\":", JsonString(message), "}}"});
  std::string response = internal::Concat({"HTTP/1.1 ", std::to_string(status), " ", StatusText(status),
                                           "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ",
                                           std::to_string(body.size()), "\r\nConnection: close\r\n"});
  if (retry_after_seconds > 0) response += internal::Concat({"Retry-After: ", std::to_string(retry_after_seconds), "\r\n"});
  response += internal::Concat({"\r\n", body});
  (void)::send(fd, response.data(), response.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  ::shutdown(fd, SHUT_WR);
  char sink[4096];
  for (size_t drained = 0; drained < kDrainBytes;) {
    ssize_t n = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
    if (n <= 0) break;
    drained += static_cast<size_t>(n);
  }
  ::close(fd);
}

Result<std::unique_ptr<ConnectionGate>> ConnectionGate::Start(const GateLimits& limits, Ready ready) {
  std::unique_ptr<ConnectionGate> gate(new ConnectionGate(limits, std::move(ready)));
  gate->epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  gate->wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (gate->epoll_ < 0 || gate->wake_ < 0) return Status(ErrorCode::kInternal, "serve: cannot create an epoll instance");
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = gate->wake_;
  if (::epoll_ctl(gate->epoll_, EPOLL_CTL_ADD, gate->wake_, &event) != 0) {
    return Status(ErrorCode::kInternal, "serve: cannot watch the gate's wake-up descriptor");
  }
  gate->thread_ = std::thread([g = gate.get()] { g->Loop(); });
  return gate;
}

ConnectionGate::~ConnectionGate() {
  Shutdown();
  if (epoll_ >= 0) ::close(epoll_);
  if (wake_ >= 0) ::close(wake_);
}

void ConnectionGate::Admit(int fd) {
  const std::string client = PeerAddress(fd);
  std::lock_guard lock(mu_);
  if (stopped_) {
    ::close(fd);
    return;
  }
  if (per_client_[client] >= limits_.max_waiting_per_client) {
    auto oldest = std::find_if(waiting_.begin(), waiting_.end(), [&](const Waiting& w) { return w.client == client; });
    if (oldest != waiting_.end()) EvictLocked(oldest);
  }
  if (waiting_.size() >= limits_.max_waiting) EvictLocked(waiting_.begin());
  waiting_.push_back({fd, client, std::chrono::steady_clock::now() + limits_.head_timeout});
  by_fd_[fd] = std::prev(waiting_.end());
  ++per_client_[client];
  epoll_event event{};
  // Edge triggered: every arrival of bytes wakes the loop once, while the bytes stay unread.
  event.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  event.data.fd = fd;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) != 0) EvictLocked(std::prev(waiting_.end()));
}

void ConnectionGate::DropLocked(std::list<Waiting>::iterator it) {
  ::epoll_ctl(epoll_, EPOLL_CTL_DEL, it->fd, nullptr);
  by_fd_.erase(it->fd);
  auto count = per_client_.find(it->client);
  if (count != per_client_.end() && --count->second == 0) per_client_.erase(count);
  waiting_.erase(it);
}

void ConnectionGate::EvictLocked(std::list<Waiting>::iterator it) {
  const int fd = it->fd;
  DropLocked(it);
  ++counts_.evicted;
  ::close(fd);
}

ConnectionGate::Head ConnectionGate::Inspect(int fd) const {
  thread_local std::string buffer;
  buffer.resize(limits_.max_head_bytes + kHeadEnd.size());
  ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_PEEK | MSG_DONTWAIT);
  if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? Head::kWait : Head::kGone;
  if (n == 0) return Head::kGone;   // closed before its head was whole
  const std::string_view seen(buffer.data(), static_cast<size_t>(n));
  const size_t end = seen.find(kHeadEnd);
  const std::string_view head = seen.substr(0, end == std::string_view::npos ? seen.size() : end + 2);
  if (head.size() > limits_.max_head_bytes) return Head::kTooLarge;
  if (static_cast<size_t>(std::count(head.begin(), head.end(), '\n')) > limits_.max_head_lines) return Head::kTooLarge;
  return end == std::string_view::npos ? Head::kWait : Head::kWhole;
}

void ConnectionGate::Loop() {
  epoll_event events[kMaxEvents];
  for (;;) {
    int n = ::epoll_wait(epoll_, events, kMaxEvents, static_cast<int>(kTick.count()));
    if (n < 0 && errno != EINTR) return;
    std::vector<std::pair<int, std::string>> whole;
    std::vector<std::pair<int, Head>> refused;
    {
      std::lock_guard lock(mu_);
      if (stopped_) return;
      for (int i = 0; i < n; ++i) {
        auto found = by_fd_.find(events[i].data.fd);
        if (found == by_fd_.end()) continue;   // the wake-up descriptor, or evicted meanwhile
        Head head = Inspect(found->first);
        if (head == Head::kWait && (events[i].events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR))) head = Head::kGone;
        if (head == Head::kWait) continue;
        auto it = found->second;
        if (head == Head::kWhole) whole.emplace_back(it->fd, it->client);
        else refused.emplace_back(it->fd, head);
        if (head == Head::kTooLarge) ++counts_.too_large;
        DropLocked(it);
      }
      const auto now = std::chrono::steady_clock::now();
      while (!waiting_.empty() && waiting_.front().deadline <= now) {
        refused.emplace_back(waiting_.front().fd, Head::kWait);
        ++counts_.timed_out;
        DropLocked(waiting_.begin());
      }
    }
    for (auto& [fd, client] : whole) ready_(fd, client);
    for (auto [fd, head] : refused) {
      if (head == Head::kTooLarge) {
        RefuseAndClose(fd, 431, "headers_too_large",
                       "request headers over " + std::to_string(limits_.max_head_bytes) + " bytes or " +
                           std::to_string(limits_.max_head_lines) + " lines");
      } else if (head == Head::kWait) {
        RefuseAndClose(fd, 408, "request_timeout", "the request headers did not arrive in time");
      } else {
        ::close(fd);
      }
    }
  }
}

void ConnectionGate::Shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    while (!waiting_.empty()) {
      const int fd = waiting_.front().fd;
      DropLocked(waiting_.begin());
      ::close(fd);
    }
  }
  uint64_t one = 1;
  (void)!::write(wake_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
}

ConnectionGate::Stats ConnectionGate::stats() const {
  std::lock_guard lock(mu_);
  Stats s = counts_;
  s.waiting = waiting_.size();
  return s;
}

}  // namespace baocao::serve
