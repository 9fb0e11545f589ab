// Ingest (baocao/ingest.h): workers on store/worker_pool.h read, hash and extract; the calling
// thread writes every result in input order, a few documents per transaction.
#include "baocao/store/ingest.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "baocao/store/worker_pool.h"

namespace baocao {
namespace {

// How far the workers may run ahead of the writer, in inputs per worker (plus a few): enough
// that a slow document does not idle the others, few enough that memory stays bounded.
constexpr size_t kWindowPerJob = 4;
constexpr size_t kWindowSlack = 4;

// A finished input waiting for the writer.
struct Slot {
  enum class Kind { kUnchanged, kExtracted, kFailed };
  Kind kind = Kind::kFailed;
  std::string sha256;
  std::optional<PreparedDocument> document;   // extracted and serialized by the worker
  Status status;
};

// What the store holds already, looked up in one read transaction before any work starts.
struct Known {
  std::vector<std::optional<std::string>> sha256;   // per input
  std::set<std::string> error_paths;                 // paths with a row in `errors`
};

Result<Known> LookUpStored(Store& store, const std::vector<IngestInput>& inputs) {
  std::vector<std::string> paths;
  paths.reserve(inputs.size());
  for (const IngestInput& input : inputs) paths.push_back(input.path);
  Result<std::vector<std::optional<std::string>>> stored = store.Sha256Of(paths);
  Result<std::vector<StoredError>> errors = store.ListErrors();
  if (!stored.ok()) return stored.status();
  if (!errors.ok()) return errors.status();
  Known known;
  known.sha256 = std::move(stored).value();
  for (const StoredError& e : *errors) known.error_paths.insert(e.path);
  return known;
}

// A worker's job: read, hash, skip when unchanged, else extract and serialize.
Slot Process(const Engine& engine, const ExtractOptions& options, const IngestInput& input,
             const std::optional<std::string>& stored_sha256) {
  Slot slot;
  if (input.failure) {
    slot.status = *input.failure;
    return slot;
  }
  Result<std::string> bytes = ReadFileBytes(input.path, options.max_bytes);
  if (!bytes.ok()) {
    slot.status = bytes.status();
    return slot;
  }
  slot.sha256 = Sha256Hex(*bytes);
  if (stored_sha256 && *stored_sha256 == slot.sha256) {
    slot.kind = Slot::Kind::kUnchanged;
    return slot;
  }
  // A PDF's pages come out of this one reading and are stored with it: nothing reads it again.
  std::vector<PdfPage> pages;
  Result<Extraction> x = engine.ExtractBytes(*bytes, input.path, options, &pages);
  if (!x.ok()) {
    slot.status = x.status();
    return slot;
  }
  slot.kind = Slot::Kind::kExtracted;
  slot.document = PrepareDocument(std::move(*x), std::move(*bytes), std::move(pages));
  return slot;
}

// Groups consecutive writes into one transaction: a few whole documents per commit instead of
// one, which saves most of the commits' page and lock writes. A kill still leaves only whole
// documents (SQLite rolls back the open transaction: at most `batch` documents are redone on
// the next run). Commits when the group is full (`batch` documents or kMaxBytes), and before
// the writer waits for a worker, so finished documents are never held back by slow ones.
class BatchWriter {
 public:
  static constexpr size_t kMaxBytes = size_t(32) << 20;

  BatchWriter(Store& store, size_t max_documents) : store_(store), max_documents_(max_documents) {}

  // Runs `write` inside the current group (opening one if needed); `bytes`: its size.
  template <typename Write>
  Status Add(size_t bytes, Write&& write) {
    if (!open_) {
      if (Status s = store_.Begin(); !s.ok()) return s;
      open_ = true;
    }
    if (Status s = write(); !s.ok()) return s;
    ++documents_;
    bytes_ += bytes;
    return documents_ >= max_documents_ || bytes_ >= kMaxBytes ? Flush() : Status::Ok();
  }

  Status Flush() {
    if (!open_) return Status::Ok();
    open_ = false;
    documents_ = bytes_ = 0;
    return store_.Commit();
  }

  // After a failure: keeps what the group holds when it can still commit.
  void Close() {
    if (!open_ || Flush().ok()) return;
    // The run already stops on the first failure, which it reports; a rollback that fails
    // too leaves SQLite to roll the transaction back when the connection closes.
    (void)store_.Rollback();
  }

 private:
  Store& store_;
  size_t max_documents_;
  bool open_ = false;
  size_t documents_ = 0, bytes_ = 0;
};

// The writer's side: stores each finished input in order and counts what happened.
class Writer {
 public:
  Writer(Store& store, const Known& known, size_t batch) : store_(store), known_(known), batch_(store, batch) {}

  // Stores one input's result; a failure here is the store's.
  Status Write(const std::string& path, Slot& slot) {
    switch (slot.kind) {
      case Slot::Kind::kUnchanged:
        ++summary_.unchanged;
        if (!known_.error_paths.count(path)) return Status::Ok();
        return batch_.Add(0, [&] { return store_.ClearError(path); });
      case Slot::Kind::kFailed:
        ++summary_.failed;
        if (!summary_.first_failure) summary_.first_failure = slot.status.code();
        return batch_.Add(0, [&] { return store_.RecordError(path, slot.sha256, slot.status); });
      case Slot::Kind::kExtracted:
        return Put(*slot.document);
    }
    return Status::Ok();
  }

  BatchWriter& batch() { return batch_; }
  const IngestSummary& summary() const { return summary_; }

 private:
  Status Put(const PreparedDocument& doc) {
    return batch_.Add(doc.source.size() + doc.json.size(), [&]() -> Status {
      Result<PutOutcome> put = store_.Put(doc);
      if (!put.ok()) return put.status();
      summary_.added += *put == PutOutcome::kAdded;
      summary_.replaced += *put == PutOutcome::kReplaced;
      summary_.unchanged += *put == PutOutcome::kUnchanged;
      return Status::Ok();
    });
  }

  Store& store_;
  const Known& known_;
  BatchWriter batch_;
  IngestSummary summary_;
};

// The inputs handed to the pool and not yet written, oldest first.
class Pending {
 public:
  Pending(store::WorkerPool& pool, const Engine& engine, const ExtractOptions& options,
          const std::vector<IngestInput>& inputs, const Known& known)
      : pool_(pool), engine_(engine), options_(options), inputs_(inputs), known_(known) {}

  void Submit(size_t i) {
    auto slot = std::make_shared<Slot>();
    const Engine& engine = engine_;
    const ExtractOptions& options = options_;
    const IngestInput& input = inputs_[i];
    const std::optional<std::string>& stored = known_.sha256[i];
    store::WorkerPool::Submitted job =
        pool_.Submit([slot, &engine, &options, &input, &stored] { *slot = Process(engine, options, input, stored); });
    queue_.push_back({std::move(job.ticket), std::move(slot)});
  }
  // Whether the oldest input is done, without waiting.
  bool FrontReady() const { return pool_.Finished(queue_.front().ticket); }
  // The oldest input's result, once its worker is done.
  Slot TakeFront() {
    Entry entry = std::move(queue_.front());
    queue_.pop_front();
    pool_.Wait(entry.ticket);
    return std::move(*entry.slot);
  }

 private:
  struct Entry {
    store::WorkerPool::Ticket ticket;
    std::shared_ptr<Slot> slot;
  };
  store::WorkerPool& pool_;
  const Engine& engine_;
  const ExtractOptions& options_;
  const std::vector<IngestInput>& inputs_;
  const Known& known_;
  std::deque<Entry> queue_;
};

}  // namespace

Result<IngestSummary> Ingest(Store& store, const Engine& engine, const std::vector<IngestInput>& inputs,
                             const IngestOptions& options, const std::function<void(const IngestItem&)>& observe) {
  Result<Known> known = LookUpStored(store, inputs);
  if (!known.ok()) return known.status();
  const size_t n = inputs.size();
  const size_t jobs = std::min(std::max<size_t>(options.jobs, 1), std::max<size_t>(n, 1));
  const size_t window = kWindowPerJob * jobs + kWindowSlack;
  store::WorkerPool pool(jobs);
  Pending pending(pool, engine, options.extract, inputs, *known);
  for (size_t i = 0; i < std::min(n, window); ++i) pending.Submit(i);

  Writer writer(store, *known, options.batch);
  Status failure;
  for (size_t i = 0; i < n && failure.ok(); ++i) {
    // Commit what is done before waiting for more.
    if (!pending.FrontReady() && !(failure = writer.batch().Flush()).ok()) break;
    Slot slot = pending.TakeFront();
    if (i + window < n) pending.Submit(i + window);
    failure = writer.Write(inputs[i].path, slot);
    if (observe) observe({i, inputs[i].path, slot.kind == Slot::Kind::kFailed ? &slot.status : nullptr});
  }
  if (failure.ok()) failure = writer.batch().Flush();
  writer.batch().Close();
  pool.Shutdown();
  if (!failure.ok()) return failure;
  return writer.summary();
}

}  // namespace baocao
