#include "baocao/store/worker_pool.h"

#include <utility>

namespace baocao::store {

struct WorkerPool::Job {
  std::function<void()> work;
  std::condition_variable done_cv;
  bool started = false;
  bool done = false;
  bool ran = false;
  bool abandoned = false;   // the waiter stopped waiting: the result is dropped
};

WorkerPool::WorkerPool(size_t workers) : workers_(workers == 0 ? 1 : workers) {
  std::lock_guard lock(mu_);
  for (size_t i = 0; i < workers_; ++i) Spawn();
}

WorkerPool::~WorkerPool() { Shutdown(); }

void WorkerPool::Spawn() {
  std::thread t([this] { Work(); });
  std::thread::id id = t.get_id();
  threads_.emplace(id, std::move(t));
}

void WorkerPool::JoinRetired() {
  for (std::thread::id id : retired_) {
    auto it = threads_.find(id);
    if (it == threads_.end()) continue;
    if (it->second.joinable()) it->second.join();   // it has left Work(): returns at once
    threads_.erase(it);
  }
  retired_.clear();
}

size_t WorkerPool::stragglers() const {
  std::lock_guard lock(mu_);
  return stragglers_;
}

WorkerPool::Submitted WorkerPool::Submit(std::function<void()> work) {
  auto job = std::make_shared<Job>();
  job->work = std::move(work);
  std::lock_guard lock(mu_);
  if (shutdown_) return {nullptr, Refusal::kShutDown};
  if (stragglers_ >= kStragglersPerWorker * workers_) return {nullptr, Refusal::kTooManyStragglers};
  queue_.push_back(job);
  has_job_.notify_one();
  return {std::move(job), Refusal::kNone};
}

void WorkerPool::Wait(const Ticket& job) {
  std::unique_lock lock(mu_);
  job->done_cv.wait(lock, [&] { return job->done; });
}

bool WorkerPool::WaitFor(const Ticket& job, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  if (job->done_cv.wait_for(lock, timeout, [&] { return job->done; })) return true;
  job->abandoned = true;
  if (job->started) {
    // Its worker is stuck with it: start another so the pool keeps its strength.
    ++stragglers_;
    ++excess_;
    JoinRetired();
    Spawn();
  }
  return false;
}

bool WorkerPool::Finished(const Ticket& job) const {
  std::lock_guard lock(mu_);
  return job->done;
}

bool WorkerPool::Ran(const Ticket& job) const {
  std::lock_guard lock(mu_);
  return job->ran;
}

void WorkerPool::Work() {
  std::unique_lock lock(mu_);
  for (;;) {
    has_job_.wait(lock, [&] { return shutdown_ || !queue_.empty(); });
    if (queue_.empty()) return;   // shut down
    Ticket job = std::move(queue_.front());
    queue_.pop_front();
    if (job->abandoned) continue;   // its waiter gave up before it started
    job->started = true;
    lock.unlock();
    job->work();
    job->work = nullptr;   // what it captured (an abandoned result) goes now, outside the lock
    lock.lock();
    job->ran = true;
    job->done = true;
    job->done_cv.notify_all();
    if (job->abandoned) {
      --stragglers_;
      if (excess_ > 0) {   // a replacement took this worker's place: retire
        --excess_;
        retired_.push_back(std::this_thread::get_id());
        return;
      }
    }
  }
}

void WorkerPool::Shutdown() {
  std::map<std::thread::id, std::thread> threads;
  {
    std::lock_guard lock(mu_);
    if (shutdown_ && threads_.empty()) return;
    shutdown_ = true;
    for (Ticket& job : queue_) {
      job->work = nullptr;
      job->done = true;
      job->done_cv.notify_all();
    }
    queue_.clear();
    threads.swap(threads_);
    retired_.clear();
  }
  has_job_.notify_all();
  for (auto& [id, t] : threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace baocao::store
