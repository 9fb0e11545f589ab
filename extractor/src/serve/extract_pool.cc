#include "serve/extract_pool.h"

#include <pthread.h>

#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

namespace baocao::serve {

ExtractPool::ExtractPool(const Engine& engine, ExtractOptions options, size_t workers)
    : engine_(engine), options_(std::move(options)), pool_(workers) {}

ExtractPool::~ExtractPool() { Shutdown(); }

void ExtractPool::Shutdown() { pool_.Shutdown(); }

size_t ExtractPool::stragglers() const { return pool_.stragglers(); }

namespace {

// The worker's name while it extracts, and after (Linux caps a thread's name at 15 bytes).
constexpr char kExtractingName[] = "baocao-extract";
constexpr char kIdleName[] = "baocao-worker";

// Counts and names the calling worker for the life of one extraction.
class Extracting {
 public:
  explicit Extracting(std::atomic<size_t>& running) : running_(running) {
    running_.fetch_add(1, std::memory_order_relaxed);
    pthread_setname_np(pthread_self(), kExtractingName);
  }
  ~Extracting() {
    pthread_setname_np(pthread_self(), kIdleName);
    running_.fetch_sub(1, std::memory_order_relaxed);
  }
  Extracting(const Extracting&) = delete;
  Extracting& operator=(const Extracting&) = delete;

 private:
  std::atomic<size_t>& running_;
};

Status TimedOut(const std::string& path, std::chrono::milliseconds timeout) {
  double seconds = std::chrono::duration<double>(timeout).count();
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g", seconds);
  return Status(ErrorCode::kTimeout, path + ": extraction took longer than " + limit + " s (--extract-timeout)");
}

}  // namespace

Result<PreparedDocument> ExtractPool::Extract(std::string bytes, const std::string& path,
                                              std::chrono::milliseconds timeout) {
  // The job owns its result: a job abandoned by its request still has somewhere to write.
  auto result = std::make_shared<Result<PreparedDocument>>(Status(ErrorCode::kInternal, path));
  // The extraction's budget ends with the request's wait, and a request that gives up cancels
  // it: a straggler stops at its next checkpoint, and a job still queued does not start.
  ExtractOptions options = options_;
  const double wait_seconds = std::chrono::duration<double>(timeout).count();
  if (options.limits.max_seconds <= 0 || wait_seconds < options.limits.max_seconds) options.limits.max_seconds = wait_seconds;
  options.cancel = MakeCancelFlag();
  CancelFlag cancel = options.cancel;
  store::WorkerPool::Submitted job =
      pool_.Submit([this, result, path, options = std::move(options), bytes = std::move(bytes)]() mutable {
        if (options.cancel->load()) {
          *result = Status(ErrorCode::kCancelled, path + ": the request gave up before its extraction started");
          return;
        }
        // The pages go to the store with the document: opening it never reads the PDF again.
        std::vector<PdfPage> pages;
        Extracting extracting(running_);
        Result<Extraction> x = engine_.ExtractBytes(bytes, path, options, &pages);
        *result = x.ok() ? Result<PreparedDocument>(PrepareDocument(std::move(x).value(), std::move(bytes), std::move(pages)))
                         : Result<PreparedDocument>(x.status());
      });
  switch (job.refusal) {
    case store::WorkerPool::Refusal::kShutDown:
      return Status(ErrorCode::kInternal, "the server is shutting down");
    case store::WorkerPool::Refusal::kTooManyStragglers:
      return Status(ErrorCode::kTimeout, path + ": every extraction worker is still busy with a document that timed out");
    case store::WorkerPool::Refusal::kNone:
      break;
  }
  if (!pool_.WaitFor(job.ticket, timeout)) {
    cancel->store(true);
    return TimedOut(path, timeout);
  }
  if (!pool_.Ran(job.ticket)) return Status(ErrorCode::kInternal, path + ": the server is shutting down");
  return std::move(*result);
}

}  // namespace baocao::serve
