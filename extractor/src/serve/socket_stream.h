// Internal: one accepted connection as cpp-httplib's Stream, so a request whose head the
// ConnectionGate has seen arrive whole is answered by httplib's own parser and routes
// (HttpServer::ServeConnection). httplib 0.11 keeps its socket stream private to its library.
//
//   serve::SocketStream stream(fd, std::chrono::seconds(30), std::chrono::seconds(30));
//   bool closed = false;
//   server.process_request(stream, /*close_connection=*/true, closed, nullptr);
//
// Every read and write waits at most its timeout for the socket (poll), then fails (-1), as
// httplib's own stream does. The stream does not own the descriptor.
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>

namespace baocao::serve {

class SocketStream final : public httplib::Stream {
 public:
  SocketStream(int fd, std::chrono::milliseconds read_timeout, std::chrono::milliseconds write_timeout)
      : fd_(fd), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return fd_; }

 private:
  int fd_;
  std::chrono::milliseconds read_timeout_;
  std::chrono::milliseconds write_timeout_;
};

// The numeric address of a socket's peer ("127.0.0.1", "::1"); empty when it has none.
std::string PeerAddress(int fd);

}  // namespace baocao::serve
