#include "serve/extract_pool.h"

#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

#include "baocao/source/docx.h"
#include "baocao/source/image.h"
#include "baocao/source/pdf.h"
#include "baocao/source/read.h"

namespace baocao::serve {

namespace {

// The worker's name while it extracts, and after (Linux caps a thread's name at 15 bytes).
constexpr char kExtractingName[] = "baocao-extract";
constexpr char kIdleName[] = "baocao-worker";

// Text this small is extracted on the request's own thread (milliseconds), never queued.
constexpr size_t kInlineMaxBytes = 256 * 1024;

// Only text: an RTF goes through LibreOffice (a second or more) and an image through OCR, however
// small, and both hand back pages for the store (Engine::ExtractBytes), as a PDF and a .doc do.
bool ExtractsInline(std::string_view bytes) {
  return bytes.size() <= kInlineMaxBytes && !LooksLikePdf(bytes) && !LooksLikeZip(bytes) && !LooksLikeOle2(bytes) &&
         !LooksLikeRtf(bytes) && !LooksLikeImage(bytes);
}

ExtractOptions WithDeadline(ExtractOptions options, double seconds_left) {
  if (options.limits.max_seconds <= 0 || seconds_left < options.limits.max_seconds) options.limits.max_seconds = seconds_left;
  return options;
}

Status TimedOut(const std::string& path, std::chrono::milliseconds timeout) {
  double seconds = std::chrono::duration<double>(timeout).count();
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g", seconds);
  return Status(ErrorCode::kTimeout, path + ": extraction took longer than " + limit + " s (--extract-timeout)");
}

}  // namespace

void ReturnFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

ExtractPool::ExtractPool(const Engine& engine, ExtractOptions options, size_t workers)
    : engine_(engine), options_(std::move(options)), pool_(workers) {}

ExtractPool::~ExtractPool() { Shutdown(); }

void ExtractPool::Shutdown() {
  shut_down_ = true;
  pool_.Shutdown();
}

size_t ExtractPool::stragglers() const { return pool_.stragglers(); }

size_t ExtractPool::running() const {
  std::lock_guard lock(slots_mu_);
  return running_;
}

bool ExtractPool::TakeSlot(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(slots_mu_);
  if (!slot_free_.wait_until(lock, deadline, [&] { return running_ < pool_.workers(); })) return false;
  ++running_;
  pthread_setname_np(pthread_self(), kExtractingName);
  return true;
}

void ExtractPool::GiveSlot() {
  pthread_setname_np(pthread_self(), kIdleName);
  {
    std::lock_guard lock(slots_mu_);
    --running_;
  }
  slot_free_.notify_one();
}

Result<PreparedDocument> ExtractPool::Extract(std::string bytes, const std::string& path,
                                              std::chrono::milliseconds timeout,
                                              const std::shared_ptr<ExtractWatch>& watch) {
  // A small text behind scans that each hold a worker for their whole timeout would wait its
  // own out and be refused (issue 18); it costs the request's thread a few milliseconds.
  if (ExtractsInline(bytes)) {
    if (shut_down_) return Status(ErrorCode::kInternal, "the server is shutting down");
    const double seconds = std::chrono::duration<double>(timeout).count();
    if (seconds <= 0) return TimedOut(path, timeout);   // a budget of 0 s would be none
    ExtractOptions options = WithDeadline(options_, seconds);
    const Budget budget = StartBudget(options);   // the store's JSON is written within it too
    Result<Extraction> x = engine_.ExtractBytes(bytes, path, options);
    Result<PreparedDocument> prepared = x.ok() ? PrepareDocument(std::move(x).value(), std::move(bytes), {}, budget)
                                               : Result<PreparedDocument>(x.status());
    if (prepared.status().code() == ErrorCode::kTimeout) return TimedOut(path, timeout);
    return prepared;
  }
  // The job owns its result: a job abandoned by its request still has somewhere to write.
  auto result = std::make_shared<Result<PreparedDocument>>(Status(ErrorCode::kInternal, path));
  // The extraction's budget ends when the request's wait does, however long the job was
  // queued, and a request that gives up cancels it: a straggler stops at its next checkpoint,
  // a job started a moment before its request gives up stops before its first page is drawn
  // (not after a second of rendering), and a job still queued does not start.
  ExtractOptions options = options_;
  options.cancel = watch ? watch->cancel : MakeCancelFlag();
  if (watch) {
    options.pdf.ocr.progress = [watch](int page, int pages) {
      watch->page = page;
      watch->pages = pages;
    };
  }
  CancelFlag cancel = options.cancel;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  store::WorkerPool::Submitted job =
      pool_.Submit([this, result, path, deadline, options = std::move(options), bytes = std::move(bytes)]() mutable {
        const double left = std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
        if (options.cancel->load() || left <= 0) {
          *result = Status(ErrorCode::kCancelled, path + ": the request gave up before its extraction started");
          return;
        }
        // A straggler holds its slot until it stops: a worker that replaced it waits (at most
        // until its request gives up), so that no more than `workers` extractions run at once.
        if (!TakeSlot(deadline)) {
          *result = Status(ErrorCode::kCancelled, path + ": the request gave up while a stopping extraction held the worker");
          return;
        }
        options = WithDeadline(std::move(options), left);
        // The store's JSON of a long document takes seconds: written within the same budget.
        const Budget budget = StartBudget(options);
        // The pages go to the store with the document: opening it never reads the PDF again.
        std::vector<PdfPage> pages;
        Result<Extraction> x = engine_.ExtractBytes(bytes, path, options, &pages);
        *result = x.ok() ? PrepareDocument(std::move(x).value(), std::move(bytes), std::move(pages), budget)
                         : Result<PreparedDocument>(x.status());
        GiveSlot();
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
