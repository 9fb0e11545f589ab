// The store: Extractions kept in one SQLite file (schema in docs/STORE.md), so that many
// documents can be compared, audited together, exported and served.
//
//   baocao::Result<baocao::Store> store = baocao::Store::Open("baocao.sqlite");
//   if (!store.ok()) return store.status();     // kStore: "baocao.sqlite: cannot open: ..."
//   baocao::Result<baocao::PutOutcome> put = store->Put(extraction, source_bytes);
//   if (!put.ok()) ...;                         // kStore naming the database and the statement
//   // *put: kAdded (new path), kReplaced (path known, other sha256), kUnchanged (no-op)
//
// Atomicity: Put writes one document and all its rows (references, mentions, tables, facts,
// flags, a PDF's pages) in one transaction, replacing an older version at the same path in that same
// transaction; a process killed at any moment leaves either the old or the new document, never
// part of one. Begin()/Commit() group several Puts into one transaction (faster; still only
// whole documents are ever visible): inside a group each Put is a savepoint, so a failed Put
// undoes only itself.
// Errors are values: no exception leaves this header; SQLite failures come back as kStore with
// the database's file name and SQLite's message.
// Ownership and threads: a Store owns one SQLite connection and is NOT thread-safe; give each
// thread its own Store (SQLite's WAL mode lets readers run beside one writer; a second writer
// waits up to `busy_timeout_ms`). Statements are prepared once per Store and reused.
// Schema versions: Open creates the schema in a new file, upgrades an older schema in one
// transaction, and refuses (kStore) a file written by a newer baocao.
// Complexity: Put is linear in the document's rows (plus index updates, O(log n) each);
// lookups by path or id are index lookups; ListDocuments scans `documents` (without its large
// columns).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/document.h"
#include "baocao/core/status.h"
#include "baocao/source/pdf.h"

namespace baocao {

class Store;
namespace store {
class Access;   // store/sqlite.h: the connection, for the store's own files only
}  // namespace store

// The schema this build writes (store_info.schema_version).
inline constexpr int kStoreSchemaVersion = 4;

enum class PutOutcome {
  kAdded,      // the path was not stored
  kReplaced,   // the path was stored with another sha256: the old document is gone
  kUnchanged,  // the path is stored with this sha256: nothing written
};
const char* PutOutcomeName(PutOutcome outcome);   // "added" | "replaced" | "unchanged"

struct StoreOptions {
  bool read_only = false;      // open an existing store for reading only (a server's readers)
  int busy_timeout_ms = 10000;  // how long to wait for another process's write lock
  // Recorded in documents.engine for every Put.
  std::string engine = "baocao 0.1.0";
};

// One row of `documents` without its large columns (extraction JSON, source bytes).
struct StoredDocumentInfo {
  int64_t id = 0;
  std::string path;
  std::string sha256;
  Format format = Format::kText;
  int64_t bytes = 0;
  std::optional<int> pages;
  std::string kind;
  std::optional<std::string> number;
  std::optional<std::string> ward;
  std::optional<std::string> province;
  std::optional<std::string> date;
  std::optional<std::string> title;
  int flag_count = 0;
  int error_count = 0;
  std::string ingested_at;
  std::string engine;
};

struct StoredDocument {
  StoredDocumentInfo info;
  std::string extraction_json;   // docs/OUTPUT.md, as baocao::WriteJson wrote it (compact)
  std::string source;            // the original bytes; empty unless asked for
};

// Filters of ListDocuments; an unset field does not filter. Results are ordered by path.
struct DocumentFilter {
  std::optional<std::string> kind;
  std::optional<std::string> province;
  std::optional<std::string> ward;
  std::optional<std::string> path_prefix;   // paths starting with this (byte-wise)
  std::optional<std::string> date_from;     // meta date >= (ISO, compared as text)
  std::optional<std::string> date_to;       // meta date <= (ISO; "2025-12-31" includes the day)
  bool only_with_errors = false;            // at least one flag of severity error
  int64_t limit = -1;                       // -1: no limit
  int64_t offset = 0;
};

// One row of `errors`: the latest failed attempt at a path.
struct StoredError {
  std::string path;
  std::optional<std::string> sha256;
  std::string code;      // ErrorCodeName of the failure ("too_large")
  std::string message;
  std::string at;        // UTC ISO-8601
};

// A document ready to store: the Extraction with its JSON columns already serialized
// (docs/STORE.md). Preparing needs no connection and no lock, so many threads prepare while
// the one thread that owns the Store writes (what `baocao ingest` does).
struct PreparedDocument {
  Extraction extraction;
  std::string source;                    // the original bytes
  // A PDF's pages as its extraction read them (Engine::ExtractBytes with pages): the rows of
  // document_pages, so the PDF is never read (or OCRed) again to show it. Empty: none kept.
  std::vector<PdfPage> pages;
  std::vector<std::string> page_words;   // per page: document_pages.words (empty: none, NULL)
  std::string json;                      // documents.extraction (baocao::WriteJson, compact)
  std::vector<std::string> variants;     // per reference: document_references.variants
  std::vector<std::string> headers;      // per table: document_tables.header
  std::vector<std::string> rows;         // per table: document_tables.rows
  std::vector<std::string> qualifiers;   // per fact: facts.qualifiers (empty: none, stored NULL)
  std::vector<std::string> indicators;   // per flag: flags.indicators
  std::vector<std::string> evidence;     // per flag: flags.evidence
};
PreparedDocument PrepareDocument(Extraction extraction, std::string source, std::vector<PdfPage> pages = {});
// The same within `budget`, the extraction's own (serve's request deadline): the JSON of a long
// document takes seconds to write (baocao/emit/json.h). The budget's error once it is spent.
Result<PreparedDocument> PrepareDocument(Extraction extraction, std::string source, std::vector<PdfPage> pages,
                                         const Budget& budget);

class Store {
 public:
  // Opens (creating when missing, unless read_only) the store at `path`: WAL journal,
  // foreign keys on, the busy timeout set, the schema created or upgraded.
  static Result<Store> Open(const std::string& path, const StoreOptions& options = {});
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Stores `extraction` (its document.path is the key) with the original `source` bytes and,
  // for a PDF, the `pages` its extraction read (none given: a reader reads the PDF again).
  // Clears the path's row in `errors` (also when unchanged: the file is good again).
  Result<PutOutcome> Put(const Extraction& extraction, std::string_view source, const std::vector<PdfPage>& pages = {});
  // The same for a document prepared beforehand (on another thread).
  Result<PutOutcome> Put(const PreparedDocument& document);
  // Records a failed attempt at `path` (replacing an earlier one); `sha256` empty when the
  // bytes could not be read. A stored document at `path` is left as it is.
  Status RecordError(const std::string& path, const std::string& sha256, const Status& status);
  // Forgets the failed attempt at `path` (the file is good again but was not re-extracted).
  Status ClearError(const std::string& path);

  // Groups the following Puts and RecordErrors into one transaction until Commit (or Rollback).
  Status Begin();
  Status Commit();
  Status Rollback();

  // The stored sha256 of each path (nullopt: not stored), all read in one transaction.
  Result<std::vector<std::optional<std::string>>> Sha256Of(const std::vector<std::string>& paths);
  Result<std::optional<std::string>> Sha256Of(const std::string& path);

  // nullopt when there is no such document. `with_source`: also read the original bytes;
  // `with_extraction` false: leave extraction_json empty (a caller that holds it already).
  Result<std::optional<StoredDocument>> GetDocument(int64_t id, bool with_source = false);
  Result<std::optional<StoredDocument>> GetDocumentByPath(const std::string& path, bool with_source = false,
                                                          bool with_extraction = true);
  // Deletes a document and all its rows; false when there was none.
  Result<bool> DeleteDocument(int64_t id);
  Result<std::vector<StoredDocumentInfo>> ListDocuments(const DocumentFilter& filter = {});
  Result<int64_t> CountDocuments();
  Result<std::vector<StoredError>> ListErrors();

  // Value of a store_info key ("schema_version", "engine"); nullopt when absent.
  Result<std::optional<std::string>> Info(const std::string& key);
  const std::string& path() const;

 private:
  friend class store::Access;
  Store();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------------------------
// Export: every table of the store (docs/STORE.md), read in one snapshot, ids kept, so the
// rows still join. The tables, columns, keys and indexes are read from the store itself, so a
// column added to the schema is exported without a change here.

struct ExportedTable {
  std::string name;
  int64_t rows = 0;
};

// DIR/<table>.csv for each table (RFC 4180: CRLF, fields with , " CR LF quoted, quotes
// doubled; UTF-8; a header row; NULL is an empty field, an empty text is ""; REAL in the
// shortest form that reads back exactly; BLOB as PostgreSQL's bytea hex "\x…"), and
// DIR/schema.sql, which creates the same tables in PostgreSQL (PostgresSchema). DIR is created.
// kStore names the database or the file that failed.
Result<std::vector<ExportedTable>> ExportCsv(Store& store, const std::string& dir);

// Loads every table into PostgreSQL (libpq `dsn`: "host=... port=... dbname=..." or a URI) in
// ONE transaction: creates what is missing (tables, columns, indexes), empties the tables and
// COPYs the store into them; running it again leaves the same rows, and a failure leaves the
// previous contents. `pg_schema`: the PostgreSQL schema to use (created if missing); empty:
// the connection's search_path. kStore carries libpq's message.
Result<std::vector<ExportedTable>> ExportPostgres(Store& store, const std::string& dsn,
                                                  const std::string& pg_schema = {});

// The PostgreSQL DDL of the store's tables (CREATE TABLE / INDEX IF NOT EXISTS): BIGINT,
// DOUBLE PRECISION, TEXT, BYTEA, and JSONB for the JSON columns.
Result<std::string> PostgresSchema(Store& store);

}  // namespace baocao
