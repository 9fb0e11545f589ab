#include "serve/extract_pool.h"

#include <cstdio>
#include <memory>
#include <utility>

namespace baocao::serve {

ExtractPool::ExtractPool(const Engine& engine, ExtractOptions options, size_t workers)
    : engine_(engine), options_(std::move(options)), pool_(workers) {}

ExtractPool::~ExtractPool() { Shutdown(); }

void ExtractPool::Shutdown() { pool_.Shutdown(); }

size_t ExtractPool::stragglers() const { return pool_.stragglers(); }

namespace {

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
  store::WorkerPool::Submitted job =
      pool_.Submit([this, result, path, bytes = std::move(bytes)]() mutable {
        Result<Extraction> x = engine_.ExtractBytes(bytes, path, options_);
        *result = x.ok() ? Result<PreparedDocument>(PrepareDocument(std::move(x).value(), std::move(bytes)))
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
  if (!pool_.WaitFor(job.ticket, timeout)) return TimedOut(path, timeout);
  if (!pool_.Ran(job.ticket)) return Status(ErrorCode::kInternal, path + ": the server is shutting down");
  return std::move(*result);
}

}  // namespace baocao::serve
