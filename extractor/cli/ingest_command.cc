// `baocao ingest`: documents into the store (docs/STORE.md). Workers read, hash and extract in
// parallel; one writer (this thread) does every SQLite write, in input order, so the store's
// contents (and its ids) do not depend on -j. Between them a window of slots bounds memory: a
// worker may run at most `window` files ahead of the writer.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "baocao/store/store.h"
#include "cli.h"

namespace baocao::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIngestHelp = R"(Usage: baocao ingest [options] PATH...

Extracts every input and stores the result in a SQLite store (docs/STORE.md): the document's
meta, references, mentions, tables, facts and flags, its whole JSON and its original bytes.
A PATH that is a folder is walked recursively, in path order, for the files that look like
documents (.txt .pdf .html .htm .md .tex .text, or no extension; --all-files: every regular
file); hidden files and folders and the store itself are skipped. A FILE named on the command
line is always taken. Whatever the name, the content decides how a file is read.

A file already stored with the same path and sha256 is skipped without being extracted, so
running ingest again over the same folders only does the new and changed files. A changed file
replaces its older version; a file that cannot be extracted is recorded in the store's
`errors` table and does not stop the others. Each document is written in a transaction: a run
killed at any moment leaves only whole documents, and running it again resumes.

Options:
      --db FILE        the store (default ./baocao.sqlite; created when missing)
  -j, --jobs N         extraction workers (default: the number of CPUs)
      --all-files      in folders, take every regular file, not only document-like names
      --rules DIR      rule folder (default: $BAOCAO_RULES, else the source tree's rules/)
      --encoding ENC   force the input encoding: utf-8 | utf-16le | utf-16be | windows-1258
      --max-bytes N    refuse inputs larger than N bytes (default 268435456)
      --ocr MODE       scanned PDF pages: auto (default: pages without usable text; $BAOCAO_OCR)
                       | always | never
      --password PW    the password of encrypted PDFs
      --max-pages N    refuse PDFs of more than N pages (default 20000)
      --lang LANG      language of the stored flags' explanations: vi (default) | en
      --batch N        documents per transaction (default 64; 1: one each); a transaction
                       always holds whole documents
  -q, --quiet          no progress bar and no summary line
  -h, --help           this help

Progress (files done/total, files/s, time left) goes to standard error when it is a terminal;
the summary line (added, replaced, unchanged, failed, seconds, docs/s) to standard output.
Each failure is reported on standard error as 'baocao: CODE: FILE: reason'.

Exit status: 0 every input stored; the first failed input's code (in input order: 3 unreadable,
4 refused) when some failed; 2 usage error; 5 rules failed to load; 8 the store failed (the
run stops; what was committed stays).
)";

struct Input {
  std::string path;
  std::optional<Status> failure;   // known before reading (a folder that cannot be walked)
};

// A finished input waiting for the writer.
struct Slot {
  enum class Kind { kUnchanged, kExtracted, kFailed };
  bool ready = false;
  Kind kind = Kind::kFailed;
  std::string sha256;
  std::optional<PreparedDocument> document;   // extracted and serialized by the worker
  Status status;
};

// Groups consecutive writes into one transaction: a few whole documents per commit instead of
// one, which saves most of the commits' page and lock writes. A kill still leaves only whole
// documents (SQLite rolls back the open transaction: at most --batch documents are redone on
// the next run). Commits when the group is full (--batch documents or 32 MB), and before the
// writer waits for a worker, so finished documents are never held back by slow ones.
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
    if (open_ && !Flush().ok()) store_.Rollback();
  }

 private:
  Store& store_;
  size_t max_documents_;
  bool open_ = false;
  size_t documents_ = 0, bytes_ = 0;
};

// In a walked folder only files that look like documents are taken, so a README, a manifest or
// a spreadsheet beside the reports is not stored as one; a file named on the command line is
// always taken (its content decides how it is read).
bool DocumentLike(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".txt" || ext == ".pdf" || ext == ".htm" || ext == ".html" || ext == ".md" || ext == ".tex" ||
         ext == ".text" || ext.empty();
}

bool Hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

// The store's own files, never ingested even when they sit in an ingested folder.
class StoreFiles {
 public:
  explicit StoreFiles(const std::string& db) {
    fs::path p(db);
    name_ = p.filename().string();
    std::error_code ec;
    dir_ = fs::weakly_canonical(fs::absolute(p, ec).parent_path(), ec);
  }
  bool Contains(const fs::path& file) const {
    std::string name = file.filename().string();
    if (name != name_ && name != name_ + "-wal" && name != name_ + "-shm" && name != name_ + "-journal") return false;
    std::error_code ec;
    return fs::weakly_canonical(fs::absolute(file, ec).parent_path(), ec) == dir_;
  }

 private:
  std::string name_;
  fs::path dir_;
};

std::string Normal(const fs::path& p) {
  std::string s = p.lexically_normal().generic_string();
  return s.empty() ? "." : s;
}

std::vector<Input> CollectInputs(const std::vector<std::string>& args, const StoreFiles& store_files, bool all_files) {
  std::vector<Input> inputs;
  std::unordered_set<std::string> seen;
  auto add = [&](Input input) {
    if (seen.insert(input.path).second) inputs.push_back(std::move(input));
  };
  for (const std::string& arg : args) {
    std::error_code ec;
    if (!fs::is_directory(arg, ec)) {
      add({Normal(arg), std::nullopt});   // a missing file fails when read, with its own code
      continue;
    }
    std::vector<Input> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::none, ec), end;
    if (ec) {
      add({Normal(arg), Status(ErrorCode::kUnreadable, Normal(arg) + ": cannot list the folder: " + ec.message())});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& entry = *it;
      if (Hidden(entry.path())) {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!entry.is_regular_file(ec) || store_files.Contains(entry.path())) continue;
      if (!all_files && !DocumentLike(entry.path())) continue;
      found.push_back({Normal(entry.path()), std::nullopt});
    }
    if (ec) {
      found.push_back({Normal(arg), Status(ErrorCode::kUnreadable, Normal(arg) + ": cannot list the folder: " + ec.message())});
    }
    std::sort(found.begin(), found.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
    for (Input& input : found) add(std::move(input));
  }
  return inputs;
}

std::string Duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

class Progress {
 public:
  Progress(bool enabled, size_t total) : enabled_(enabled), total_(total), start_(Clock::now()) {}

  void Update(size_t done) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double rate = elapsed > 0 ? done / elapsed : 0;
    constexpr int kWidth = 30;
    int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
    std::string bar(filled, '#');
    bar += std::string(kWidth - filled, '.');
    char line[160];
    std::snprintf(line, sizeof line, "\r[%s] %zu/%zu files  %.0f files/s  ETA %s\033[K", bar.c_str(), done, total_,
                  rate, rate > 0 ? Duration((total_ - done) / rate).c_str() : "-");
    std::cerr << line << std::flush;
    shown_ = true;
  }
  void Clear() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  size_t total_;
  Clock::time_point start_, last_;
  bool shown_ = false;
};

}  // namespace

int IngestCommand(const std::vector<std::string>& args) {
  std::vector<std::string> paths;
  std::string db = "baocao.sqlite", rules_dir;
  size_t jobs = std::max(1u, std::thread::hardware_concurrency());
  size_t batch_size = 64;
  bool quiet = false;
  bool all_files = false;
  // Scans are read by OCR as `extract` reads them; the progress bar speaks for the pages.
  ExtractOptions options = DefaultExtractOptions();
  options.pdf.ocr.progress = nullptr;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << kIngestHelp;
      return kExitOk;
    }
    if (a == "--db") {
      if (i + 1 >= args.size()) return Usage("--db needs a file");
      db = args[++i];
    } else if (a == "-j" || a == "--jobs" || (a.rfind("-j", 0) == 0 && a.size() > 2 && a[2] != '-')) {
      std::string value = a.size() > 2 && a[1] == 'j' ? a.substr(2) : (i + 1 < args.size() ? args[++i] : "");
      if (!ParseSize(value, &jobs) || jobs == 0 || jobs > 256) return Usage("-j needs a number of workers (1-256)");
    } else if (a == "--batch") {
      if (i + 1 >= args.size() || !ParseSize(args[++i], &batch_size) || batch_size == 0) {
        return Usage("--batch needs a number of documents (1 or more)");
      }
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else if (a == "--all-files") {
      all_files = true;
    } else if (int parsed = ParseCommonOption(args, i, rules_dir, options); parsed != kNotCommon) {
      if (parsed != kExitOk) return parsed;
    } else if (a.size() > 1 && a[0] == '-') {
      return Usage("unknown option '" + a + "'");
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) return Usage("ingest needs at least one FILE or folder");

  auto started = std::chrono::steady_clock::now();
  // The rules first: a bad --rules must not leave a new, empty store behind.
  Result<Engine> engine = Engine::Create({rules_dir});
  if (!engine.ok()) {
    std::cerr << "baocao: rules: " << engine.status().ToString() << "\n";
    return ExitCodeFor(engine.status().code());
  }

  Result<Store> store = Store::Open(db);
  if (!store.ok()) {
    std::cerr << "baocao: " << store.status().ToString() << "\n";
    return kExitStore;
  }
  std::vector<Input> inputs = CollectInputs(paths, StoreFiles(db), all_files);
  std::vector<std::string> input_paths;
  input_paths.reserve(inputs.size());
  for (const Input& input : inputs) input_paths.push_back(input.path);
  // What is stored already, looked up in one read transaction before any work starts.
  Result<std::vector<std::optional<std::string>>> stored = store->Sha256Of(input_paths);
  Result<std::vector<StoredError>> errors = store->ListErrors();
  if (!stored.ok() || !errors.ok()) {
    std::cerr << "baocao: " << (stored.ok() ? errors.status() : stored.status()).ToString() << "\n";
    return kExitStore;
  }
  std::set<std::string> error_paths;
  for (const StoredError& e : *errors) error_paths.insert(e.path);

  const size_t n = inputs.size();
  jobs = std::min(jobs, std::max<size_t>(n, 1));
  const size_t window = 4 * jobs + 4;
  std::vector<Slot> slots(window);
  std::mutex mu;
  std::condition_variable slot_ready, window_moved;
  size_t next_claim = 0, written = 0;
  bool stop = false;

  auto process = [&](size_t i) {
    Slot slot;
    const Input& input = inputs[i];
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
    if ((*stored)[i] && *(*stored)[i] == slot.sha256) {
      slot.kind = Slot::Kind::kUnchanged;
      return slot;
    }
    Result<Extraction> x = engine->ExtractBytes(*bytes, input.path, options);
    if (!x.ok()) {
      slot.status = x.status();
      return slot;
    }
    slot.kind = Slot::Kind::kExtracted;
    slot.document = PrepareDocument(std::move(*x), std::move(*bytes));
    return slot;
  };
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mu);
        window_moved.wait(lock, [&] { return stop || next_claim >= n || next_claim < written + window; });
        if (stop || next_claim >= n) return;
        i = next_claim++;
      }
      Slot slot = process(i);
      slot.ready = true;
      {
        std::lock_guard lock(mu);
        slots[i % window] = std::move(slot);
      }
      slot_ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (size_t k = 0; k < jobs; ++k) threads.emplace_back(worker);

  Progress progress(!quiet && isatty(2), n);
  size_t added = 0, replaced = 0, unchanged = 0, failed = 0;
  int first_failure = kExitOk;
  Status store_failure;
  BatchWriter batch(*store, batch_size);
  for (size_t i = 0; i < n && store_failure.ok(); ++i) {
    Slot slot;
    {
      std::unique_lock lock(mu);
      if (!slots[i % window].ready) {   // commit what is done before waiting for more
        lock.unlock();
        if (store_failure = batch.Flush(); !store_failure.ok()) break;
        lock.lock();
      }
      slot_ready.wait(lock, [&] { return slots[i % window].ready; });
      slot = std::move(slots[i % window]);
      slots[i % window] = Slot();
      written = i + 1;
    }
    window_moved.notify_all();
    const std::string& path = inputs[i].path;
    switch (slot.kind) {
      case Slot::Kind::kUnchanged:
        ++unchanged;
        if (error_paths.count(path)) store_failure = batch.Add(0, [&] { return store->ClearError(path); });
        break;
      case Slot::Kind::kFailed:
        ++failed;
        progress.Clear();
        std::cerr << "baocao: " << slot.status.ToString() << "\n";
        if (first_failure == kExitOk) first_failure = ExitCodeFor(slot.status.code());
        store_failure = batch.Add(0, [&] { return store->RecordError(path, slot.sha256, slot.status); });
        break;
      case Slot::Kind::kExtracted: {
        const PreparedDocument& doc = *slot.document;
        store_failure = batch.Add(doc.source.size() + doc.json.size(), [&]() -> Status {
          Result<PutOutcome> put = store->Put(doc);
          if (!put.ok()) return put.status();
          added += *put == PutOutcome::kAdded;
          replaced += *put == PutOutcome::kReplaced;
          unchanged += *put == PutOutcome::kUnchanged;
          return Status::Ok();
        });
        break;
      }
    }
    progress.Update(i + 1);
  }
  if (store_failure.ok()) store_failure = batch.Flush();
  batch.Close();
  {
    std::lock_guard lock(mu);
    stop = true;
  }
  window_moved.notify_all();
  for (std::thread& t : threads) t.join();
  progress.Clear();
  if (!store_failure.ok()) {
    std::cerr << "baocao: " << store_failure.ToString() << "\n";
    return kExitStore;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!quiet) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "ingest: %zu files: %zu added, %zu replaced, %zu unchanged, %zu failed in %.2f s (%.1f docs/s)\n", n,
                  added, replaced, unchanged, failed, seconds, seconds > 0 ? n / seconds : 0.0);
    std::cout << line << std::flush;
  }
  return first_failure;
}

}  // namespace baocao::cli
