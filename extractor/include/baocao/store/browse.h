// Internal: the filtered, paged reads behind `baocao serve`'s API (docs/SERVE.md): documents,
// flags and facts as rows of values. The SQL stays in store/; serve/ turns the rows into JSON
// and CSV.
//
//   Result<store::Page<store::DocumentRow>> page = store::ListDocumentRows(store, query);
//   if (!page.ok()) return page.status();   // kStore: "/abs/baocao.sqlite: cannot count documents: ..."
//
// Errors name the database by its absolute file name, as SQLite knows it. A count and the page
// it goes with are read in one read transaction (one snapshot). Every function runs on the
// caller's Store: not thread-safe, as the Store itself; each request thread has its own.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "baocao/core/status.h"
#include "baocao/store/reviews.h"
#include "baocao/store/store.h"

namespace baocao::store {

// Filters of the document list (each optional; see docs/SERVE.md).
struct DocumentQuery {
  std::optional<std::string> ward, province, kind;
  std::optional<std::string> period;      // documents with a fact of this period code ("2025-H1")
  std::optional<std::string> date;        // meta date starting with this ("2026", "2026-01")
  std::optional<std::string> date_from;   // meta date >= (ISO)
  std::optional<std::string> date_to;     // meta date <= (ISO; a whole day or month included)
  std::optional<std::string> q;           // text of the path, title, ward, province or number, diacritics ignored
  // path (default) | date | ward | province | kind | flags; a leading '-' sorts descending.
  // Unknown keys are the caller's to refuse (IsDocumentSort).
  std::string sort = "path";
  int64_t limit = 50;
  int64_t offset = 0;
};

// A `documents` row as the API lists it; the nullable columns stay nullable.
struct DocumentRow {
  int64_t id = 0;
  std::string path, sha256, format;
  int64_t bytes = 0;
  std::optional<int64_t> pages;
  std::optional<std::string> kind, number, ward, province, date, title;
  int64_t flag_count = 0, error_count = 0;
  std::string ingested_at;
  std::optional<std::string> encoding;
};

// `total`: the rows matching the filters; `rows`: the page of them asked for.
template <typename Row>
struct Page {
  int64_t total = 0;
  std::vector<Row> rows;
};

// Whether `sort` is a key DocumentQuery / FlagQuery sorts by.
bool IsDocumentSort(const std::string& sort);
bool IsFlagSort(const std::string& sort);

// The documents matching `query`, ordered by its sort key, then by path.
Result<Page<DocumentRow>> ListDocumentRows(Store& store, const DocumentQuery& query);
// One document's row; nullopt when there is none.
Result<std::optional<DocumentRow>> DocumentRowById(Store& store, int64_t id);

struct FlagQuery {
  std::optional<std::string> kind, severity, ward, province;
  // unreviewed | reviewed | confirmed | false_alarm | follow_up (store/reviews.h); the caller
  // checks the value.
  std::optional<std::string> review;
  std::optional<std::string> document_kind;   // the document's kind (report, plan, ...)
  std::optional<std::string> year;            // the year of the document's date ("2026")
  std::optional<std::string> q;               // text in the document's path, title or ward
  // severity (default: most severe first) | kind | path | ward | province | review; '-' descends.
  std::string sort = "severity";
  std::optional<int64_t> document;
  int64_t limit = 100;
  int64_t offset = 0;
};

// A `flags` row with its document's path, ward and province; JSON columns as stored.
struct FlagRow {
  int64_t id = 0, document_id = 0;
  std::string path;
  std::optional<std::string> ward, province;
  std::string kind, severity;
  std::string indicators;   // JSON text
  std::optional<double> stated, computed;
  std::string explanation;
  std::optional<std::string> rule;
  std::string evidence;     // JSON text
  std::optional<FlagReview> review;   // the auditor's mark, when there is one
  std::optional<std::string> document_kind;
};
// The flags matching `query`: most severe first, then by path and id.
Result<Page<FlagRow>> ListFlagRows(Store& store, const FlagQuery& query);

// For each of severity, kind, ward, province, document_kind and review ("unreviewed" or a
// verdict): its values among the flags matching `query` with that dimension's own filter left
// out, and how many flags each has, most first.
using FlagFacets = std::map<std::string, std::vector<std::pair<std::string, int64_t>>>;
Result<FlagFacets> FlagFacetCounts(Store& store, const FlagQuery& query);

struct ExportQuery {
  std::optional<std::string> ward, province, kind, indicator, period;
};

// A `facts` row joined with its document, in the columns of /api/export.csv.
struct FactExportRow {
  int64_t document_id = 0;
  std::string path;
  std::optional<std::string> ward, province, kind, document_date;
  std::string indicator, role;
  std::optional<double> value;
  std::optional<int64_t> assessment;
  std::optional<std::string> unit, comparator, period, label;
  int64_t line = 0;
  std::optional<int64_t> page;
  int64_t start = 0, end = 0;
  std::string text;
  std::optional<std::string> scope, qualifiers, basis;
};
// Calls `visit` with each fact matching `query`, ordered by path and id, as it is read; stops
// at the first failure `visit` returns, and returns it.
Status ForEachExportedFact(Store& store, const ExportQuery& query,
                           const std::function<Status(const FactExportRow&)>& visit);

}  // namespace baocao::store
