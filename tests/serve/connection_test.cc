// How `baocao serve` holds its connections under load (issue 18): the gate where a connection
// waits for its request head without a thread, and the request threads shared between clients.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "serve/auth.h"
#include "serve/connection_gate.h"
#include "serve/fair_pool.h"

namespace baocao::serve {
namespace {

using namespace std::chrono_literals;

// ---- FairPool ---------------------------------------------------------------------------------

// A latch the tests open when they have seen what they wanted while jobs are held.
class Gate {
 public:
  void Open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

TEST(FairPool, OneClientNeverHoldsMoreThanItsShareOfTheThreads) {
  FairPool pool({.threads = 4, .max_running_per_client = 3, .max_queued = 100, .max_queued_per_client = 100});
  Gate release;
  std::atomic<int> greedy_started{0};
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(pool.Submit("greedy", [&] { ++greedy_started; release.Wait(); }), FairPool::Admission::kAccepted);
  }
  for (int i = 0; i < 1000 && greedy_started.load() < 3; ++i) std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(100ms);   // time for a fourth greedy job to start, were it allowed
  EXPECT_EQ(greedy_started.load(), 3);
  std::promise<void> other_ran;
  ASSERT_EQ(pool.Submit("other", [&] { other_ran.set_value(); }), FairPool::Admission::kAccepted);
  // The fourth thread is free for the other client although the greedy one has 7 jobs queued.
  EXPECT_EQ(other_ran.get_future().wait_for(10s), std::future_status::ready);
  release.Open();
  pool.Shutdown();
  EXPECT_EQ(greedy_started.load(), 10);   // queued jobs still run at shutdown
}

TEST(FairPool, ClientsTakeTurnsWhenThreadsAreScarce) {
  FairPool pool({.threads = 1, .max_running_per_client = 1, .max_queued = 100, .max_queued_per_client = 100});
  Gate release;
  std::mutex mu;
  std::vector<std::string> order;
  ASSERT_EQ(pool.Submit("a", [&] { release.Wait(); }), FairPool::Admission::kAccepted);
  for (int i = 0; i < 3; ++i) {
    pool.Submit("a", [&] { std::lock_guard l(mu); order.push_back("a"); });
  }
  for (int i = 0; i < 3; ++i) {
    pool.Submit("b", [&] { std::lock_guard l(mu); order.push_back("b"); });
  }
  release.Open();
  pool.Shutdown();
  EXPECT_EQ(order, (std::vector<std::string>{"b", "a", "b", "a", "b", "a"}));
}

TEST(FairPool, FullQueuesRefuseAtOnceInsteadOfParkingTheRequest) {
  FairPool pool({.threads = 1, .max_running_per_client = 1, .max_queued = 3, .max_queued_per_client = 2});
  Gate release;
  std::promise<void> holding;
  ASSERT_EQ(pool.Submit("a", [&] { holding.set_value(); release.Wait(); }), FairPool::Admission::kAccepted);
  holding.get_future().wait();
  EXPECT_EQ(pool.Submit("a", [] {}), FairPool::Admission::kAccepted);
  EXPECT_EQ(pool.Submit("a", [] {}), FairPool::Admission::kAccepted);
  EXPECT_EQ(pool.Submit("a", [] {}), FairPool::Admission::kClientBusy);
  EXPECT_EQ(pool.Submit("b", [] {}), FairPool::Admission::kAccepted);
  EXPECT_EQ(pool.Submit("c", [] {}), FairPool::Admission::kBusy);
  EXPECT_EQ(pool.stats().queued, 3u);
  EXPECT_EQ(pool.stats().refused, 2u);
  release.Open();
  pool.Shutdown();
  EXPECT_EQ(pool.Submit("a", [] {}), FairPool::Admission::kStopped);
}

// ---- ConnectionGate ---------------------------------------------------------------------------

// A loopback listener; Connect() returns the client's end and hands the server's end to Accept.
class Loopback {
 public:
  Loopback() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(listener_, 64), 0);
    socklen_t length = sizeof addr_;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr_), &length);
  }
  ~Loopback() { ::close(listener_); }
  // The client's end; the server's end goes to `accepted`.
  int Connect(int* accepted) {
    int client = ::socket(AF_INET, SOCK_STREAM, 0);
    EXPECT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&addr_), sizeof addr_), 0);
    *accepted = ::accept(listener_, nullptr, nullptr);
    return client;
  }

 private:
  int listener_ = -1;
  sockaddr_in addr_{};
};

void Send(int fd, const std::string& bytes) { ASSERT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL), ssize_t(bytes.size())); }

// What the server sent before closing (empty when it closed without a word).
std::string ReadAll(int fd) {
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<size_t>(n));
  return out;
}

// Connections the gate handed on, as they come.
struct Handed {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<int> fds;
  std::string client;
  bool WaitFor(size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, timeout, [&] { return fds.size() >= n; });
  }
  ConnectionGate::Ready Callback() {
    return [this](int fd, const std::string& from) {
      std::lock_guard lock(mu);
      fds.push_back(fd);
      client = from;
      cv.notify_all();
    };
  }
  ~Handed() {
    for (int fd : fds) ::close(fd);
  }
};

TEST(ConnectionGate, HandsOnAConnectionOnceItsHeadIsWholeAndLeavesTheBytesUnread) {
  Handed handed;
  auto gate = ConnectionGate::Start({}, handed.Callback());
  ASSERT_TRUE(gate.ok()) << gate.status().ToString();
  Loopback net;
  int server = -1;
  int client = net.Connect(&server);
  (*gate)->Admit(server);
  Send(client, "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  EXPECT_FALSE(handed.WaitFor(1, 300ms));   // no blank line yet: it waits, on no thread
  EXPECT_EQ((*gate)->stats().waiting, 1u);
  Send(client, "\r\n");
  ASSERT_TRUE(handed.WaitFor(1, 5s));
  EXPECT_EQ(handed.client, "127.0.0.1");
  char buf[128];
  ssize_t n = ::recv(handed.fds[0], buf, sizeof buf, MSG_DONTWAIT);
  EXPECT_EQ(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0), "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  ::close(client);
}

TEST(ConnectionGate, ASlowHeadIsRefusedWith408AtItsDeadlineWhateverItsPace) {
  Handed handed;
  auto gate = ConnectionGate::Start({.head_timeout = 600ms}, handed.Callback());
  ASSERT_TRUE(gate.ok());
  Loopback net;
  int server = -1;
  int client = net.Connect(&server);
  (*gate)->Admit(server);
  for (int i = 0; i < 4; ++i) {   // a byte now and then keeps no deadline alive
    Send(client, "G");
    std::this_thread::sleep_for(100ms);
  }
  std::string answer = ReadAll(client);
  EXPECT_EQ(answer.rfind("HTTP/1.1 408 ", 0), 0u) << answer;
  EXPECT_NE(answer.find("request_timeout"), std::string::npos);
  EXPECT_TRUE(handed.fds.empty());
  EXPECT_EQ((*gate)->stats().timed_out, 1u);
  ::close(client);
}

TEST(ConnectionGate, TooManyHeaderLinesAreRefusedWith431BeforeTheyAreRead) {
  Handed handed;
  auto gate = ConnectionGate::Start({.max_head_lines = 20}, handed.Callback());
  ASSERT_TRUE(gate.ok());
  Loopback net;
  int server = -1;
  int client = net.Connect(&server);
  (*gate)->Admit(server);
  std::string head = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 30; ++i) head += "X-Flood: 1\r\n";
  Send(client, head);
  std::string answer = ReadAll(client);
  EXPECT_EQ(answer.rfind("HTTP/1.1 431 ", 0), 0u) << answer;
  EXPECT_TRUE(handed.fds.empty());
  ::close(client);
}

TEST(ConnectionGate, AnEndlessHeadIsRefusedWith431AtTheByteLimit) {
  Handed handed;
  auto gate = ConnectionGate::Start({.max_head_bytes = 4096}, handed.Callback());
  ASSERT_TRUE(gate.ok());
  Loopback net;
  int server = -1;
  int client = net.Connect(&server);
  (*gate)->Admit(server);
  Send(client, "GET / HTTP/1.1\r\nX-Long: " + std::string(8000, 'a'));
  std::string answer = ReadAll(client);
  EXPECT_EQ(answer.rfind("HTTP/1.1 431 ", 0), 0u) << answer;
  ::close(client);
}

TEST(ConnectionGate, AFloodFromOneAddressEvictsItsOwnOldestConnectionsNotTheNewRequest) {
  Handed handed;
  auto gate = ConnectionGate::Start({.max_waiting_per_client = 4}, handed.Callback());
  ASSERT_TRUE(gate.ok());
  Loopback net;
  std::vector<int> slow;
  for (int i = 0; i < 10; ++i) {
    int server = -1;
    slow.push_back(net.Connect(&server));
    (*gate)->Admit(server);
  }
  EXPECT_EQ((*gate)->stats().waiting, 4u);
  EXPECT_EQ((*gate)->stats().evicted, 6u);
  int server = -1;
  int quick = net.Connect(&server);
  (*gate)->Admit(server);
  Send(quick, "GET /api/status HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(handed.WaitFor(1, 5s));   // the quick request gets through all the same
  EXPECT_EQ(ReadAll(slow[0]), "");      // the oldest slow one was closed without a word
  for (int fd : slow) ::close(fd);
  ::close(quick);
}

TEST(ConnectionGate, ShutdownClosesWhatStillWaitsAndRefusesNewConnections) {
  Handed handed;
  auto gate = ConnectionGate::Start({}, handed.Callback());
  ASSERT_TRUE(gate.ok());
  Loopback net;
  int server = -1;
  int client = net.Connect(&server);
  (*gate)->Admit(server);
  (*gate)->Shutdown();
  EXPECT_EQ(ReadAll(client), "");
  int late_server = -1;
  int late = net.Connect(&late_server);
  (*gate)->Admit(late_server);
  EXPECT_EQ(ReadAll(late), "");
  EXPECT_TRUE(handed.fds.empty());
  ::close(client);
  ::close(late);
}

// ---- same origin ------------------------------------------------------------------------------

TEST(SameOriginOrNone, AcceptsNoOriginAndTheServersOwnAndRefusesOthers) {
  EXPECT_TRUE(SameOriginOrNone("", "127.0.0.1:8080"));
  EXPECT_TRUE(SameOriginOrNone("http://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_TRUE(SameOriginOrNone("HTTPS://Audit.Example.VN", "audit.example.vn"));
  EXPECT_FALSE(SameOriginOrNone("http://evil.example", "127.0.0.1:8080"));
  EXPECT_FALSE(SameOriginOrNone("http://127.0.0.1:9999", "127.0.0.1:8080"));
  EXPECT_FALSE(SameOriginOrNone("null", "127.0.0.1:8080"));
  EXPECT_FALSE(SameOriginOrNone("http://127.0.0.1:8080", ""));
}

}  // namespace
}  // namespace baocao::serve
