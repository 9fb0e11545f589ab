// Ingest: files and folders into the store (baocao/store/store.h), what `baocao ingest` runs.
// Workers read, hash and extract in parallel (the pool `baocao serve` extracts uploads on);
// one writer, the calling thread, does every store write, in input order, so the store's
// contents and ids do not depend on the number of workers. A worker runs at most a window of
// 4 x jobs + 4 inputs ahead of the writer, which bounds memory.
//
//   std::vector<baocao::IngestInput> inputs = baocao::CollectIngestInputs({"reports/"}, "baocao.sqlite", false);
//   baocao::Result<baocao::IngestSummary> done = baocao::Ingest(*store, *engine, inputs, options,
//       [](const baocao::IngestItem& item) { if (item.failure) std::cerr << item.failure->ToString(); });
//   if (!done.ok()) ...;   // kStore: the store failed; the run stopped, what was committed stays
//   // done->failed inputs are recorded in the store's `errors` table, not a failure of Ingest
//
// Skipping: a path stored with the same sha256 is not extracted again. A changed file replaces
// its older version; a file that cannot be read or extracted is recorded in `errors`.
// Atomicity: writes are grouped a few whole documents per transaction (IngestOptions::batch);
// a run killed at any moment leaves only whole documents, and running it again resumes.
// Threads: Ingest starts IngestOptions::jobs workers and joins them before it returns; `observe`
// is called on the calling thread. The Engine must outlive the call.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "baocao/core/status.h"
#include "baocao/store/store.h"

namespace baocao {

// One input of an ingest: a file's path, or a failure known before reading it.
struct IngestInput {
  std::string path;
  std::optional<Status> failure;   // a folder that cannot be walked (kUnreadable)
};

// The inputs `paths` name, in order, without repeats: a folder is walked recursively in path
// order for the files that look like documents (.txt .pdf .html .htm .md .tex .text, or no
// extension; `all_files`: every regular file), skipping hidden files and folders and the
// store's own files (`db` and its -wal, -shm, -journal); a file named in `paths` is always
// taken, a missing one fails when read. `skipped`, when given, counts the regular files of the
// walked folders left out for their extension, by extension (lower case, "" for none), so the
// caller can say what it did not take and why.
std::vector<IngestInput> CollectIngestInputs(const std::vector<std::string>& paths, const std::string& db,
                                             bool all_files, std::map<std::string, size_t>* skipped = nullptr);

struct IngestOptions {
  size_t jobs = 1;       // extraction workers (at most one per input)
  size_t batch = 64;     // documents per transaction (1: one each)
  ExtractOptions extract;
};

// One input the writer has handled (stored it, or recorded its failure in `errors`).
struct IngestItem {
  size_t index = 0;                  // in the inputs
  const std::string& path;
  const Status* failure = nullptr;   // why it could not be read or extracted; null when stored
};

struct IngestSummary {
  size_t added = 0, replaced = 0, unchanged = 0, failed = 0;
  std::optional<ErrorCode> first_failure;   // the first failed input's code, in input order
};

// Ingests `inputs` into `store`; `observe` (may be empty) hears of each input in order once
// the writer has handled it, also when that write failed. kStore when the store fails: the run
// stops there.
Result<IngestSummary> Ingest(Store& store, const Engine& engine, const std::vector<IngestInput>& inputs,
                             const IngestOptions& options, const std::function<void(const IngestItem&)>& observe);

}  // namespace baocao
