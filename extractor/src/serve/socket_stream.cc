#include "serve/socket_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace baocao::serve {
namespace {

// Waits for `events` on `fd` at most `timeout`; true when they came.
bool WaitFor(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  for (;;) {
    int n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (n < 0 && errno == EINTR) continue;
    return n > 0 && (p.revents & (events | POLLHUP | POLLERR)) != 0;
  }
}

void AddressOf(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    ::inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  }
  ip = text;
}

}  // namespace

bool SocketStream::is_readable() const { return WaitFor(fd_, POLLIN, read_timeout_); }

bool SocketStream::is_writable() const { return WaitFor(fd_, POLLOUT, write_timeout_); }

ssize_t SocketStream::read(char* ptr, size_t size) {
  if (!is_readable()) return -1;
  for (;;) {
    ssize_t n = ::recv(fd_, ptr, size, 0);
    if (n < 0 && errno == EINTR) continue;
    return n;
  }
}

ssize_t SocketStream::write(const char* ptr, size_t size) {
  if (!is_writable()) return -1;
  for (;;) {
    ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    return n;
  }
}

void SocketStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t length = sizeof addr;
  if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&addr), &length) == 0) AddressOf(addr, ip, port);
}

void SocketStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t length = sizeof addr;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length) == 0) AddressOf(addr, ip, port);
}

std::string PeerAddress(int fd) {
  std::string ip;
  int port = 0;
  SocketStream(fd, {}, {}).get_remote_ip_and_port(ip, port);
  return ip;
}

}  // namespace baocao::serve
