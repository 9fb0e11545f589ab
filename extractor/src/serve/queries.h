// Internal: the read side of `baocao serve`: read-only store connections handed out to request
// threads, and the answers of GET /api/documents, /api/flags and /api/export.csv as JSON and
// CSV, made from the rows the store reads (store/browse.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "baocao/core/status.h"
#include "baocao/store/store.h"
#include "baocao/store/browse.h"

namespace baocao::serve {

// Read-only connections, one per request at a time, opened on demand and kept for reuse.
class ReaderPool {
 public:
  explicit ReaderPool(std::string db) : db_(std::move(db)) {}

  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<Store> store) : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    ~Lease();
    Store& operator*() { return *store_; }
    Store* operator->() { return store_.get(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Store> store_;
  };
  Result<Lease> Acquire();

 private:
  std::string db_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> free_;
};

// Filters of the lists and the export (docs/SERVE.md), as the store reads them.
using DocumentQuery = store::DocumentQuery;
using FlagQuery = store::FlagQuery;
using ExportQuery = store::ExportQuery;

// {"total", "limit", "offset", "documents": [...]} ordered by path.
Result<nlohmann::json> ListDocuments(Store& store, const DocumentQuery& query);
// One document's list entry; nullopt when there is none.
Result<std::optional<nlohmann::json>> DocumentSummary(Store& store, int64_t id);

// {"total", "limit", "offset", "flags": [...]}: most severe first, then by path.
Result<nlohmann::json> ListFlags(Store& store, const FlagQuery& query);

// Streams the facts joined with their documents as RFC 4180 CSV (CRLF, UTF-8, header row) to
// `write`, a few rows at a time; stops early (kInternal) when `write` returns false.
Status ExportFactsCsv(Store& store, const ExportQuery& query, const std::function<bool(std::string_view)>& write);

// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled.
// A flag's evidence JSON as text: "57:86,98% | p2 14:12" (each span's page, line and text, as
// corpus/real-verdicts.tsv writes them); empty when it is not a JSON array.
std::string EvidenceText(std::string_view evidence_json);
// A review mark as the API gives it: {"verdict", "comment", "reviewer", "at"}.
nlohmann::json ReviewJson(const FlagReview& review);
std::string CsvField(std::string_view value);
// The shortest decimal that reads back as exactly `value` ("86.98", "1665600000").
std::string ShortestNumber(double value);

}  // namespace baocao::serve
