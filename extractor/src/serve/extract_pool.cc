#include "serve/extract_pool.h"

#include <cstdio>
#include <optional>
#include <utility>

namespace baocao::serve {

struct ExtractPool::Job {
  std::string bytes;
  std::string path;
  std::condition_variable done_cv;
  bool started = false;
  bool done = false;
  bool abandoned = false;   // the request stopped waiting: the result is dropped
  std::optional<Result<PreparedDocument>> result;
};

ExtractPool::ExtractPool(const Engine& engine, ExtractOptions options, size_t workers)
    : engine_(engine), options_(std::move(options)), workers_(workers == 0 ? 1 : workers) {
  std::lock_guard lock(mu_);
  for (size_t i = 0; i < workers_; ++i) Spawn();
}

ExtractPool::~ExtractPool() { Shutdown(); }

void ExtractPool::Spawn() {
  std::thread t([this] { Work(); });
  std::thread::id id = t.get_id();
  threads_.emplace(id, std::move(t));
}

void ExtractPool::JoinRetired() {
  for (std::thread::id id : retired_) {
    auto it = threads_.find(id);
    if (it == threads_.end()) continue;
    if (it->second.joinable()) it->second.join();   // it has left Work(): returns at once
    threads_.erase(it);
  }
  retired_.clear();
}

size_t ExtractPool::stragglers() const {
  std::lock_guard lock(mu_);
  return stragglers_;
}

Result<PreparedDocument> ExtractPool::Extract(std::string bytes, const std::string& path,
                                              std::chrono::milliseconds timeout) {
  auto job = std::make_shared<Job>();
  job->bytes = std::move(bytes);
  job->path = path;
  std::unique_lock lock(mu_);
  if (shutdown_) return Status(ErrorCode::kInternal, "the server is shutting down");
  if (stragglers_ >= 2 * workers_) {
    return Status(ErrorCode::kTimeout, path + ": every extraction worker is still busy with a document that timed out");
  }
  queue_.push_back(job);
  has_job_.notify_one();
  if (!job->done_cv.wait_for(lock, timeout, [&] { return job->done; })) {
    job->abandoned = true;
    if (job->started) {
      // Its worker is stuck with it: start another so the pool keeps its strength.
      ++stragglers_;
      ++excess_;
      JoinRetired();
      Spawn();
    }
    double seconds = std::chrono::duration<double>(timeout).count();
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", seconds);
    return Status(ErrorCode::kTimeout, path + ": extraction took longer than " + limit + " s (--extract-timeout)");
  }
  return std::move(*job->result);
}

void ExtractPool::Work() {
  std::unique_lock lock(mu_);
  for (;;) {
    has_job_.wait(lock, [&] { return shutdown_ || !queue_.empty(); });
    if (queue_.empty()) return;   // shut down
    std::shared_ptr<Job> job = std::move(queue_.front());
    queue_.pop_front();
    if (job->abandoned) continue;   // its request gave up before it started
    job->started = true;
    lock.unlock();
    Result<PreparedDocument> result = [&]() -> Result<PreparedDocument> {
      Result<Extraction> x = engine_.ExtractBytes(job->bytes, job->path, options_);
      if (!x.ok()) return x.status();
      return PrepareDocument(std::move(x).value(), std::move(job->bytes));
    }();
    lock.lock();
    job->result.emplace(std::move(result));
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

void ExtractPool::Shutdown() {
  std::map<std::thread::id, std::thread> threads;
  {
    std::lock_guard lock(mu_);
    if (shutdown_ && threads_.empty()) return;
    shutdown_ = true;
    for (std::shared_ptr<Job>& job : queue_) {
      job->result.emplace(Status(ErrorCode::kInternal, job->path + ": the server is shutting down"));
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

}  // namespace baocao::serve
