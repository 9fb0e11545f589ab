#include "serve/fair_pool.h"

namespace baocao::serve {

FairPool::FairPool(const FairPoolLimits& limits) : limits_(limits) {
  threads_.reserve(limits_.threads);
  for (size_t i = 0; i < limits_.threads; ++i) threads_.emplace_back([this] { Work(); });
}

FairPool::~FairPool() { Shutdown(); }

FairPool::Admission FairPool::Submit(const std::string& client, std::function<void()> job) {
  std::lock_guard lock(mu_);
  Admission refused = stopping_                          ? Admission::kStopped
                      : queued_ >= limits_.max_queued    ? Admission::kBusy
                                                         : Admission::kAccepted;
  if (refused == Admission::kAccepted) {
    Client& c = clients_[client];
    if (c.queue.size() >= limits_.max_queued_per_client) {
      refused = Admission::kClientBusy;
    } else {
      c.queue.push_back(std::move(job));
      ++queued_;
      work_.notify_one();
      return Admission::kAccepted;
    }
  }
  ++refused_;
  return refused;
}

std::map<std::string, FairPool::Client>::iterator FairPool::NextClient() {
  auto eligible = [this](const Client& c) { return !c.queue.empty() && c.running < limits_.max_running_per_client; };
  auto start = clients_.upper_bound(last_served_);
  for (auto it = start; it != clients_.end(); ++it) {
    if (eligible(it->second)) return it;
  }
  for (auto it = clients_.begin(); it != start; ++it) {
    if (eligible(it->second)) return it;
  }
  return clients_.end();
}

void FairPool::Work() {
  std::unique_lock lock(mu_);
  for (;;) {
    auto it = clients_.end();
    work_.wait(lock, [&] {
      it = NextClient();
      return it != clients_.end() || (stopping_ && queued_ == 0);
    });
    if (it == clients_.end()) return;   // stopping, and nothing left to run
    std::function<void()> job = std::move(it->second.queue.front());
    it->second.queue.pop_front();
    --queued_;
    ++it->second.running;
    ++running_;
    last_served_ = it->first;
    const std::string client = it->first;
    lock.unlock();
    job();
    job = nullptr;   // its captures (a socket's owner) go before the next wait
    lock.lock();
    --running_;
    auto done = clients_.find(client);
    if (--done->second.running == 0 && done->second.queue.empty()) clients_.erase(done);
    // A client under its cap again may have jobs that no waiting thread was woken for.
    work_.notify_all();
  }
}

void FairPool::Shutdown() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  std::lock_guard lock(join_mu_);   // a second caller waits for the first's joins
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

FairPool::Stats FairPool::stats() const {
  std::lock_guard lock(mu_);
  return {running_, queued_, refused_};
}

}  // namespace baocao::serve
