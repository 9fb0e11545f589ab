// Store: Extractions in SQLite (docs/STORE.md). Every SQL text here is a constant; data only
// ever reaches SQLite through bound parameters of statements prepared once per connection.
#include "baocao/emit/names.h"
#include "baocao/store/store.h"

#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

#include "baocao/emit/json.h"
#include "store/page_rows.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace baocao {

using store::Statement;

const char* PutOutcomeName(PutOutcome outcome) {
  switch (outcome) {
    case PutOutcome::kAdded: return "added";
    case PutOutcome::kReplaced: return "replaced";
    case PutOutcome::kUnchanged: return "unchanged";
  }
  return "unknown";
}

namespace {

constexpr const char* kInsertDocument =
    "INSERT INTO documents (path, sha256, format, bytes, pages, encoding, kind, number, symbol, issuer, ward, "
    "province, date, signer, title, flag_count, error_count, ingested_at, engine, extraction, source) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)";
constexpr const char* kInsertReference =
    "INSERT INTO document_references (document_id, kind, number, date, variants, span_start, span_end, span_line, "
    "span_page, span_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kInsertMention =
    "INSERT INTO mentions (document_id, type, rule, value, range_to, numerator, denominator, iso, unit, comparator, "
    "ref_kind, ref_date, span_start, span_end, span_line, span_page, span_text) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
constexpr const char* kInsertTable =
    "INSERT INTO document_tables (document_id, ordinal, header, rows, span_start, span_end, span_line, span_page, "
    "span_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kInsertFact =
    "INSERT INTO facts (document_id, indicator, role, value, assessment, unit, comparator, period, label, span_start, "
    "span_end, span_line, span_page, span_text, scope, qualifiers, basis) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
// The flag's key (schema version 4) is computed by SQLite from the kind and evidence bound.
const char* InsertFlagSql() {
  static const std::string sql =
      "INSERT INTO flags (document_id, kind, severity, indicators, stated, computed, explanation, rule, evidence, key) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " + store::FlagKeySql("?2", "?9") + ")";
  return sql.c_str();
}
constexpr const char* kFindByPath = "SELECT id, sha256 FROM documents WHERE path = ?1";
constexpr const char* kDeleteDocument = "DELETE FROM documents WHERE id = ?1";
constexpr const char* kClearError = "DELETE FROM errors WHERE path = ?1";
constexpr const char* kRecordError =
    "INSERT INTO errors (path, sha256, code, message, at) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, code = excluded.code, "
    "message = excluded.message, at = excluded.at";
constexpr const char* kSetInfo =
    "INSERT INTO store_info (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
constexpr const char* kGetInfo = "SELECT value FROM store_info WHERE key = ?1";

// The columns of StoredDocumentInfo, in ReadInfo's order.
#define BAOCAO_INFO_COLUMNS                                                                                   \
  "id, path, sha256, format, bytes, pages, kind, number, ward, province, date, title, flag_count, error_count, " \
  "ingested_at, engine"
constexpr int kInfoColumns = 16;
constexpr const char* kGetById = "SELECT " BAOCAO_INFO_COLUMNS
                                 ", CASE WHEN ?3 THEN extraction END, CASE WHEN ?2 THEN source END FROM documents WHERE id = ?1";
constexpr const char* kGetByPath = "SELECT " BAOCAO_INFO_COLUMNS
                                   ", CASE WHEN ?3 THEN extraction END, CASE WHEN ?2 THEN source END FROM documents WHERE path = ?1";
// Unset filters are NULL parameters, so one constant statement serves every combination.
constexpr const char* kList =
    "SELECT " BAOCAO_INFO_COLUMNS " FROM documents WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR province = ?2) "
    "AND (?3 IS NULL OR ward = ?3) AND (?4 IS NULL OR substr(path, 1, length(?4)) = ?4) "
    "AND (?5 IS NULL OR date >= ?5) AND (?6 IS NULL OR date <= ?6) AND (?7 = 0 OR error_count > 0) "
    "ORDER BY path LIMIT ?8 OFFSET ?9";
#undef BAOCAO_INFO_COLUMNS
constexpr const char* kCount = "SELECT count(*) FROM documents";
constexpr const char* kListErrors = "SELECT path, sha256, code, message, at FROM errors ORDER BY path";

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string CellsJson(const std::vector<std::vector<TableCell>>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& row : rows) {
    nlohmann::json r = nlohmann::json::array();
    for (const TableCell& cell : row) r.push_back(cell.text);
    out.push_back(std::move(r));
  }
  return Dump(out);
}

std::string SpansJson(const std::vector<Span>& spans) {
  nlohmann::json out = nlohmann::json::array();
  for (const Span& s : spans) out.push_back(SpanToJson(s));
  return Dump(out);
}

// Binds a span's five columns from parameter `first` on.
void BindSpan(Statement& st, int first, const Span& span) {
  st.Int(first, static_cast<int64_t>(span.start));
  st.Int(first + 1, static_cast<int64_t>(span.end));
  st.Int(first + 2, int64_t{span.line});
  st.OptInt(first + 3, span.page);
  st.Text(first + 4, span.text);
}

StoredDocumentInfo ReadInfo(Statement& st) {
  StoredDocumentInfo info;
  info.id = st.ColumnInt(0);
  info.path = st.ColumnText(1);
  info.sha256 = st.ColumnText(2);
  info.format = ParseFormat(st.ColumnText(3)).value_or(Format::kText);
  info.bytes = st.ColumnInt(4);
  if (!st.IsNull(5)) info.pages = static_cast<int>(st.ColumnInt(5));
  info.kind = st.ColumnText(6);
  info.number = st.ColumnOptText(7);
  info.ward = st.ColumnOptText(8);
  info.province = st.ColumnOptText(9);
  info.date = st.ColumnOptText(10);
  info.title = st.ColumnOptText(11);
  info.flag_count = static_cast<int>(st.ColumnInt(12));
  info.error_count = static_cast<int>(st.ColumnInt(13));
  info.ingested_at = st.ColumnText(14);
  info.engine = st.ColumnText(15);
  return info;
}

// The JSON columns of one document, borrowed from a PreparedDocument or built for one Put.
struct JsonColumns {
  const std::string* json;
  const std::vector<std::string>* variants;
  const std::vector<std::string>* headers;
  const std::vector<std::string>* rows;
  const std::vector<std::string>* qualifiers;
  const std::vector<std::string>* indicators;
  const std::vector<std::string>* evidence;
  const std::vector<PdfPage>* pages;
  const std::vector<std::string>* page_words;
};

}  // namespace

namespace {

// Serializes the JSON columns of `x` into `d` (all but its extraction and source), the
// extraction's JSON within `budget` (its error, once spent).
Status FillJsonColumns(const Extraction& x, PreparedDocument& d, const Budget& budget) {
  std::ostringstream json;
  if (Status written = WriteJson(x, json, /*pretty=*/false, budget); !written.ok()) return written;
  d.json = std::move(json).str();
  for (const Reference& r : x.references) d.variants.push_back(Dump(nlohmann::json(r.variants)));
  for (const Table& t : x.tables) {
    d.headers.push_back(CellsJson(t.header));
    d.rows.push_back(CellsJson(t.rows));
  }
  // No qualifiers is NULL, as for the rows a version-1 store upgraded: one test for "none".
  for (const Fact& f : x.facts) {
    d.qualifiers.push_back(f.qualifiers.empty() ? std::string() : Dump(nlohmann::json(f.qualifiers)));
  }
  for (const Flag& f : x.flags) {
    d.indicators.push_back(Dump(nlohmann::json(f.indicators)));
    d.evidence.push_back(SpansJson(f.evidence));
  }
  return Status::Ok();
}

JsonColumns ColumnsOf(const PreparedDocument& d) {
  return {&d.json, &d.variants, &d.headers, &d.rows, &d.qualifiers, &d.indicators, &d.evidence, &d.pages, &d.page_words};
}

void FillPageWords(const std::vector<PdfPage>& pages, PreparedDocument& d) {
  for (const PdfPage& page : pages) d.page_words.push_back(store::WordsJson(page));
}

}  // namespace

PreparedDocument PrepareDocument(Extraction extraction, std::string source, std::vector<PdfPage> pages) {
  return PrepareDocument(std::move(extraction), std::move(source), std::move(pages), Budget()).value();   // never spent
}

Result<PreparedDocument> PrepareDocument(Extraction extraction, std::string source, std::vector<PdfPage> pages,
                                         const Budget& budget) {
  PreparedDocument doc;
  if (Status filled = FillJsonColumns(extraction, doc, budget); !filled.ok()) return filled;
  FillPageWords(pages, doc);
  doc.extraction = std::move(extraction);
  doc.source = std::move(source);
  doc.pages = std::move(pages);
  return doc;
}

struct Store::Impl {
  std::string path;
  StoreOptions options;
  sqlite3* db = nullptr;
  bool in_batch = false;
  bool engine_recorded = false;

  Statement insert_document, insert_reference, insert_mention, insert_table, insert_fact, insert_flag, insert_page;
  Statement find_by_path, delete_document, clear_error, record_error, set_info, get_info;
  Statement get_by_id, get_by_path, list, count, list_errors;

  ~Impl() {
    // Statements must be finalized before the connection closes.
    for (Statement* st : {&insert_document, &insert_reference, &insert_mention, &insert_table, &insert_fact,
                          &insert_flag, &insert_page, &find_by_path, &delete_document, &clear_error, &record_error,
                          &set_info, &get_info, &get_by_id, &get_by_path, &list, &count, &list_errors}) {
      *st = Statement();
    }
    if (db) sqlite3_close_v2(db);
  }

  Status Error(std::string_view what) const { return store::SqliteError(db, path, what); }

  // The statement, prepared on first use and reset for this one.
  Result<Statement*> Prepared(Statement& st, const char* sql) {
    if (!st.prepared() && st.Prepare(db, sql) != SQLITE_OK) return Error(std::string("cannot prepare: ") + sql);
    st.Reset();
    return &st;
  }

  Status Exec(const char* sql) {
    return store::Exec(db, sql) == SQLITE_OK ? Status::Ok() : Error(sql);
  }

  // Runs a statement that returns no rows.
  Status Run(Statement& st, std::string_view what) {
    int rc = st.Step();
    st.Reset();
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? Status::Ok() : Error(what);
  }

  Result<int> SchemaVersion() {
    Statement st;
    if (st.Prepare(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'store_info'") != SQLITE_OK ||
        st.Step() != SQLITE_ROW) {
      return Error("cannot read the schema");
    }
    if (st.ColumnInt(0) == 0) {
      Statement tables;
      if (tables.Prepare(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'") != SQLITE_OK ||
          tables.Step() != SQLITE_ROW) {
        return Error("cannot read the schema");
      }
      if (tables.ColumnInt(0) > 0) {
        return Status(ErrorCode::kStore, path + ": not a baocao store (tables but no store_info)");
      }
      return 0;
    }
    Statement version;
    if (version.Prepare(db, "SELECT value FROM store_info WHERE key = 'schema_version'") != SQLITE_OK) {
      return Error("cannot read store_info");
    }
    int rc = version.Step();
    if (rc == SQLITE_DONE) return 0;
    if (rc != SQLITE_ROW) return Error("cannot read store_info");
    std::string text = version.ColumnText(0);
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 6) {
      return Status(ErrorCode::kStore, path + ": bad schema_version '" + text + "' in store_info");
    }
    return std::stoi(text);
  }

  // Creates or upgrades the schema in one transaction; another process doing the same at the
  // same moment waits (BEGIN IMMEDIATE) and then finds nothing left to do.
  Status Migrate() {
    Result<int> version = SchemaVersion();
    if (!version.ok()) return version.status();
    if (*version > kStoreSchemaVersion) return TooNew(*version);
    if (*version == kStoreSchemaVersion) return Status::Ok();
    if (options.read_only) {
      return Status(ErrorCode::kStore, path + ": schema version " + std::to_string(*version) + ", this baocao reads " +
                                           std::to_string(kStoreSchemaVersion) + ": open it for writing once to upgrade");
    }
    if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    Status s = MigrateLocked();
    if (!s.ok()) {
      store::Exec(db, "ROLLBACK");
      return s;
    }
    return Exec("COMMIT");
  }

  Status MigrateLocked() {
    Result<int> version = SchemaVersion();
    if (!version.ok()) return version.status();
    if (*version > kStoreSchemaVersion) return TooNew(*version);
    const std::vector<const char*>& steps = store::Migrations();
    for (int v = *version; v < kStoreSchemaVersion; ++v) {
      if (Status s = Exec(steps[v]); !s.ok()) return Error("cannot create schema version " + std::to_string(v + 1));
    }
    return SetInfo("schema_version", std::to_string(kStoreSchemaVersion));
  }

  Status TooNew(int version) const {
    return Status(ErrorCode::kStore, path + ": schema version " + std::to_string(version) +
                                         " is newer than this baocao's (" + std::to_string(kStoreSchemaVersion) + ")");
  }

  Status SetInfo(const std::string& key, const std::string& value) {
    Result<Statement*> st = Prepared(set_info, kSetInfo);
    if (!st.ok()) return st.status();
    (*st)->Text(1, key);
    (*st)->Text(2, value);
    return Run(**st, "cannot write store_info");
  }

  // One transaction per call, or a savepoint inside the caller's Begin()/Commit().
  Status BeginWrite() { return Exec(in_batch ? "SAVEPOINT put" : "BEGIN IMMEDIATE"); }
  Status EndWrite() { return Exec(in_batch ? "RELEASE put" : "COMMIT"); }
  void AbortWrite() { store::Exec(db, in_batch ? "ROLLBACK TO put; RELEASE put" : "ROLLBACK"); }

  Result<PutOutcome> Put(const Extraction& x, std::string_view source, const JsonColumns& columns);
  Result<PutOutcome> PutLocked(const Extraction& x, std::string_view source, const JsonColumns& columns);
  Status InsertRows(int64_t id, const Extraction& x, const JsonColumns& columns);
  // Prepares `sql` in `slot` and runs it `count` times, `bind(statement, i)` binding row i.
  template <typename Bind>
  Status InsertEach(Statement& slot, const char* sql, size_t count, const char* table, const std::string& doc_path,
                    Bind bind);
  Result<std::optional<StoredDocument>> Get(Statement& st, const char* sql, bool by_id, int64_t id,
                                            const std::string& key, bool with_source, bool with_extraction);
};

Store::Store() : impl_(std::make_unique<Impl>()) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::Open(const std::string& path, const StoreOptions& options) {
  Store store;
  Impl& s = *store.impl_;
  s.path = path;
  s.options = options;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &s.db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status status = s.Error("cannot open");
    return status;
  }
  sqlite3_extended_result_codes(s.db, 1);
  sqlite3_busy_timeout(s.db, options.busy_timeout_ms);
  if (Status st = store::RegisterFunctions(s.db); !st.ok()) return st;
  if (!options.read_only) {
    // WAL: readers never block the writer; synchronous=NORMAL: a commit survives a killed
    // process (the OS has the WAL pages), a power cut may lose the last commits but never
    // leaves a torn one.
    Statement wal;
    if (wal.Prepare(s.db, "PRAGMA journal_mode = WAL") != SQLITE_OK || wal.Step() != SQLITE_ROW) {
      return s.Error("cannot switch to WAL");
    }
    if (Status st = s.Exec("PRAGMA synchronous = NORMAL"); !st.ok()) return st;
  }
  if (Status st = s.Exec("PRAGMA foreign_keys = ON"); !st.ok()) return st;
  if (Status st = s.Migrate(); !st.ok()) return st;
  return store;
}

const std::string& Store::path() const { return impl_->path; }
sqlite3* store::Access::Connection(Store& store) { return store.impl_->db; }

Status Store::Begin() {
  if (impl_->in_batch) return Status(ErrorCode::kInternal, impl_->path + ": Begin inside Begin");
  if (Status s = impl_->Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  impl_->in_batch = true;
  return Status::Ok();
}

Status Store::Commit() {
  if (!impl_->in_batch) return Status(ErrorCode::kInternal, impl_->path + ": Commit without Begin");
  Status s = impl_->Exec("COMMIT");
  if (!s.ok()) store::Exec(impl_->db, "ROLLBACK");
  impl_->in_batch = false;
  return s;
}

Status Store::Rollback() {
  if (!impl_->in_batch) return Status::Ok();
  impl_->in_batch = false;
  return impl_->Exec("ROLLBACK");
}

Result<PutOutcome> Store::Put(const Extraction& x, std::string_view source, const std::vector<PdfPage>& pages) {
  PreparedDocument columns;   // only the JSON columns: the Extraction, bytes and pages are not copied
  (void)FillJsonColumns(x, columns, Budget());   // no budget: never stops
  FillPageWords(pages, columns);
  JsonColumns borrowed = ColumnsOf(columns);
  borrowed.pages = &pages;
  return impl_->Put(x, source, borrowed);
}

Result<PutOutcome> Store::Put(const PreparedDocument& d) { return impl_->Put(d.extraction, d.source, ColumnsOf(d)); }

Result<PutOutcome> Store::Impl::Put(const Extraction& x, std::string_view source, const JsonColumns& columns) {
  if (Status s = BeginWrite(); !s.ok()) return s;
  Result<PutOutcome> outcome = PutLocked(x, source, columns);
  if (!outcome.ok()) {
    AbortWrite();
    return outcome;
  }
  if (Status s = EndWrite(); !s.ok()) {
    AbortWrite();
    return s;
  }
  return outcome;
}

Result<PutOutcome> Store::Impl::PutLocked(const Extraction& x, std::string_view source, const JsonColumns& columns) {
  const std::string& doc_path = x.document.path;
  Result<Statement*> clear = Prepared(clear_error, kClearError);
  if (!clear.ok()) return clear.status();
  (*clear)->Text(1, doc_path);
  if (Status s = Run(**clear, "cannot clear the error row"); !s.ok()) return s;

  Result<Statement*> find = Prepared(find_by_path, kFindByPath);
  if (!find.ok()) return find.status();
  (*find)->Text(1, doc_path);
  int rc = (*find)->Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("cannot look up " + doc_path);
  PutOutcome outcome = PutOutcome::kAdded;
  if (rc == SQLITE_ROW) {
    int64_t old_id = (*find)->ColumnInt(0);
    bool same = (*find)->ColumnText(1) == x.document.sha256;
    (*find)->Reset();
    if (same) return PutOutcome::kUnchanged;
    Result<Statement*> del = Prepared(delete_document, kDeleteDocument);
    if (!del.ok()) return del.status();
    (*del)->Int(1, old_id);
    if (Status s = Run(**del, "cannot delete the older version of " + doc_path); !s.ok()) return s;
    outcome = PutOutcome::kReplaced;
  }
  (*find)->Reset();

  if (!engine_recorded) {
    if (Status s = SetInfo("engine", options.engine); !s.ok()) return s;
    engine_recorded = true;
  }

  std::string now = UtcNow();
  int errors = 0;
  for (const Flag& f : x.flags) errors += f.severity == Severity::kError;

  Result<Statement*> ins = Prepared(insert_document, kInsertDocument);
  if (!ins.ok()) return ins.status();
  Statement& st = **ins;
  const Meta& m = x.meta;
  st.Text(1, doc_path);
  st.Text(2, x.document.sha256);
  st.Text(3, NameOf(x.document.format));
  st.Int(4, static_cast<int64_t>(x.document.bytes));
  st.OptInt(5, x.document.pages);
  st.TextOrNull(6, x.document.encoding);
  st.Text(7, m.kind.empty() ? std::string_view("other") : std::string_view(m.kind));
  st.OptText(8, m.number);
  st.OptText(9, m.symbol);
  st.OptText(10, m.issuer);
  st.OptText(11, m.ward);
  st.OptText(12, m.province);
  st.OptText(13, m.date);
  st.OptText(14, m.signer);
  st.OptText(15, m.title);
  st.Int(16, static_cast<int64_t>(x.flags.size()));
  st.Int(17, int64_t{errors});
  st.Text(18, now);
  st.Text(19, options.engine);
  st.Text(20, *columns.json);
  st.Blob(21, source);
  if (Status s = Run(st, "cannot insert " + doc_path); !s.ok()) return s;
  int64_t id = sqlite3_last_insert_rowid(db);
  if (Status s = InsertRows(id, x, columns); !s.ok()) return s;
  return outcome;
}

namespace {

void BindReference(Statement& st, int64_t id, const Reference& r, const std::string& variants) {
  st.Int(1, id);
  st.TextOrNull(2, r.kind);
  st.Text(3, r.number);
  st.TextOrNull(4, r.date);
  st.Text(5, variants);
  if (!r.spans.empty()) BindSpan(st, 6, r.spans.front());
}

// A mention's value columns: which are set depends on its type.
void BindMentionValue(Statement& st, const Mention& m) {
  switch (m.type) {
    case MentionType::kNumber:
    case MentionType::kPercent:
    case MentionType::kMoney:
    case MentionType::kCount:
      st.Double(4, m.number);
      st.OptDouble(5, m.range_to);
      break;
    case MentionType::kFraction:
      st.Double(6, m.numerator);
      st.Double(7, m.denominator);
      break;
    case MentionType::kDate:
    case MentionType::kPeriod:
      st.TextOrNull(8, m.iso);
      break;
    case MentionType::kReference:
      st.TextOrNull(8, m.iso);
      st.TextOrNull(11, m.ref_kind);
      st.TextOrNull(12, m.ref_date);
      break;
  }
}

void BindMention(Statement& st, int64_t id, const Mention& m) {
  st.Int(1, id);
  st.Text(2, MentionTypeName(m.type));
  st.Text(3, m.rule_id);
  BindMentionValue(st, m);
  st.TextOrNull(9, m.unit);
  st.TextOrNull(10, NameOf(m.comparator));
  BindSpan(st, 13, m.span);
}

void BindTable(Statement& st, int64_t id, size_t ordinal, const Table& t, const std::string& header,
               const std::string& rows) {
  st.Int(1, id);
  st.Int(2, static_cast<int64_t>(ordinal));
  st.Text(3, header);
  st.Text(4, rows);
  BindSpan(st, 5, t.span);
}

void BindFact(Statement& st, int64_t id, const Fact& f, const std::string& qualifiers) {
  st.Int(1, id);
  st.Text(2, f.indicator);
  st.Text(3, NameOf(f.role));
  st.OptDouble(4, f.value);
  if (f.assessment) st.Int(5, int64_t{*f.assessment ? 1 : 0});
  st.TextOrNull(6, f.unit);
  st.TextOrNull(7, NameOf(f.comparator));
  st.TextOrNull(8, f.period);
  st.TextOrNull(9, f.label);
  BindSpan(st, 10, f.span);
  st.TextOrNull(15, f.scope);
  st.TextOrNull(16, qualifiers);
  st.TextOrNull(17, f.basis);
}

void BindFlag(Statement& st, int64_t id, const Flag& f, const std::string& indicators, const std::string& evidence) {
  st.Int(1, id);
  st.Text(2, f.kind);
  st.Text(3, NameOf(f.severity));
  st.Text(4, indicators);
  st.OptDouble(5, f.stated);
  st.OptDouble(6, f.computed);
  st.Text(7, f.explanation);
  st.TextOrNull(8, f.rule);
  st.Text(9, evidence);
}

}  // namespace

template <typename Bind>
Status Store::Impl::InsertEach(Statement& slot, const char* sql, size_t count, const char* table,
                               const std::string& doc_path, Bind bind) {
  Result<Statement*> prepared = Prepared(slot, sql);
  if (!prepared.ok()) return prepared.status();
  Statement& st = **prepared;
  for (size_t i = 0; i < count; ++i) {
    bind(st, i);
    if (st.Step() != SQLITE_DONE) return Error(std::string("cannot insert into ") + table + " for " + doc_path);
    st.Reset();
  }
  return Status::Ok();
}

// Every row of the document's child tables, in the order docs/STORE.md lists them; stops at
// the first failure.
Status Store::Impl::InsertRows(int64_t id, const Extraction& x, const JsonColumns& c) {
  const std::string& path = x.document.path;
  Status s = InsertEach(insert_reference, kInsertReference, x.references.size(), "document_references", path,
                        [&](Statement& st, size_t i) { BindReference(st, id, x.references[i], (*c.variants)[i]); });
  if (s.ok()) {
    s = InsertEach(insert_mention, kInsertMention, x.mentions.size(), "mentions", path,
                   [&](Statement& st, size_t i) { BindMention(st, id, x.mentions[i]); });
  }
  if (s.ok()) {
    s = InsertEach(insert_table, kInsertTable, x.tables.size(), "document_tables", path, [&](Statement& st, size_t i) {
      BindTable(st, id, i + 1, x.tables[i], (*c.headers)[i], (*c.rows)[i]);
    });
  }
  if (s.ok()) {
    s = InsertEach(insert_fact, kInsertFact, x.facts.size(), "facts", path,
                   [&](Statement& st, size_t i) { BindFact(st, id, x.facts[i], (*c.qualifiers)[i]); });
  }
  if (s.ok()) {
    s = InsertEach(insert_flag, InsertFlagSql(), x.flags.size(), "flags", path, [&](Statement& st, size_t i) {
      BindFlag(st, id, x.flags[i], (*c.indicators)[i], (*c.evidence)[i]);
    });
  }
  if (s.ok()) {
    s = InsertEach(insert_page, store::kInsertPage, c.pages->size(), "document_pages", path,
                   [&](Statement& st, size_t i) { store::BindPage(st, id, (*c.pages)[i], (*c.page_words)[i]); });
  }
  return s;
}

Status Store::RecordError(const std::string& path, const std::string& sha256, const Status& status) {
  Result<Statement*> st = impl_->Prepared(impl_->record_error, kRecordError);
  if (!st.ok()) return st.status();
  std::string now = UtcNow();
  (*st)->Text(1, path);
  (*st)->TextOrNull(2, sha256);
  (*st)->Text(3, ErrorCodeName(status.code()));
  (*st)->Text(4, status.message());
  (*st)->Text(5, now);
  return impl_->Run(**st, "cannot record the error of " + path);
}

Status Store::ClearError(const std::string& path) {
  Result<Statement*> st = impl_->Prepared(impl_->clear_error, kClearError);
  if (!st.ok()) return st.status();
  (*st)->Text(1, path);
  return impl_->Run(**st, "cannot clear the error row of " + path);
}

Result<std::vector<std::optional<std::string>>> Store::Sha256Of(const std::vector<std::string>& paths) {
  // One read transaction for all the lookups: one snapshot, and no per-lookup lock dance.
  bool own = !impl_->in_batch;
  if (own) {
    if (Status s = impl_->Exec("BEGIN"); !s.ok()) return s;
  }
  std::vector<std::optional<std::string>> out;
  out.reserve(paths.size());
  Status failure;
  Result<Statement*> find = impl_->Prepared(impl_->find_by_path, kFindByPath);
  if (!find.ok()) failure = find.status();
  for (size_t i = 0; failure.ok() && i < paths.size(); ++i) {
    Statement& st = **find;
    st.Text(1, paths[i]);
    int rc = st.Step();
    if (rc == SQLITE_ROW) out.push_back(st.ColumnText(1));
    else if (rc == SQLITE_DONE) out.push_back(std::nullopt);
    else failure = impl_->Error("cannot look up " + paths[i]);
    st.Reset();
  }
  if (own) store::Exec(impl_->db, failure.ok() ? "COMMIT" : "ROLLBACK");
  if (!failure.ok()) return failure;
  return out;
}

Result<std::optional<std::string>> Store::Sha256Of(const std::string& path) {
  Result<std::vector<std::optional<std::string>>> all = Sha256Of(std::vector<std::string>{path});
  if (!all.ok()) return all.status();
  return std::move(all->front());
}

Result<std::optional<StoredDocument>> Store::Impl::Get(Statement& slot, const char* sql, bool by_id, int64_t id,
                                                       const std::string& key, bool with_source, bool with_extraction) {
  Result<Statement*> prepared = Prepared(slot, sql);
  if (!prepared.ok()) return prepared.status();
  Statement& st = **prepared;
  by_id ? st.Int(1, id) : st.Text(1, key);
  st.Int(2, int64_t{with_source ? 1 : 0});
  st.Int(3, int64_t{with_extraction ? 1 : 0});
  int rc = st.Step();
  if (rc == SQLITE_DONE) {
    st.Reset();
    return std::optional<StoredDocument>();
  }
  if (rc != SQLITE_ROW) {
    st.Reset();
    return Error("cannot read a document");
  }
  StoredDocument doc;
  doc.info = ReadInfo(st);
  doc.extraction_json = st.ColumnText(kInfoColumns);
  if (with_source) doc.source = st.ColumnBlob(kInfoColumns + 1);
  st.Reset();
  return std::optional<StoredDocument>(std::move(doc));
}

Result<std::optional<StoredDocument>> Store::GetDocument(int64_t id, bool with_source) {
  return impl_->Get(impl_->get_by_id, kGetById, true, id, {}, with_source, true);
}

Result<std::optional<StoredDocument>> Store::GetDocumentByPath(const std::string& path, bool with_source,
                                                               bool with_extraction) {
  return impl_->Get(impl_->get_by_path, kGetByPath, false, 0, path, with_source, with_extraction);
}

Result<bool> Store::DeleteDocument(int64_t id) {
  Result<Statement*> st = impl_->Prepared(impl_->delete_document, kDeleteDocument);
  if (!st.ok()) return st.status();
  (*st)->Int(1, id);
  if (Status s = impl_->Run(**st, "cannot delete document " + std::to_string(id)); !s.ok()) return s;
  return sqlite3_changes(impl_->db) > 0;
}

Result<std::vector<StoredDocumentInfo>> Store::ListDocuments(const DocumentFilter& filter) {
  Result<Statement*> prepared = impl_->Prepared(impl_->list, kList);
  if (!prepared.ok()) return prepared.status();
  Statement& st = **prepared;
  st.OptText(1, filter.kind);
  st.OptText(2, filter.province);
  st.OptText(3, filter.ward);
  st.OptText(4, filter.path_prefix);
  st.OptText(5, filter.date_from);
  st.OptText(6, filter.date_to);
  st.Int(7, int64_t{filter.only_with_errors ? 1 : 0});
  st.Int(8, filter.limit);
  st.Int(9, filter.offset);
  std::vector<StoredDocumentInfo> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadInfo(st));
  st.Reset();
  if (rc != SQLITE_DONE) return impl_->Error("cannot list documents");
  return out;
}

Result<int64_t> Store::CountDocuments() {
  Result<Statement*> st = impl_->Prepared(impl_->count, kCount);
  if (!st.ok()) return st.status();
  if ((*st)->Step() != SQLITE_ROW) {
    (*st)->Reset();
    return impl_->Error("cannot count documents");
  }
  int64_t n = (*st)->ColumnInt(0);
  (*st)->Reset();
  return n;
}

Result<std::vector<StoredError>> Store::ListErrors() {
  Result<Statement*> prepared = impl_->Prepared(impl_->list_errors, kListErrors);
  if (!prepared.ok()) return prepared.status();
  Statement& st = **prepared;
  std::vector<StoredError> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    out.push_back({st.ColumnText(0), st.ColumnOptText(1), st.ColumnText(2), st.ColumnText(3), st.ColumnText(4)});
  }
  st.Reset();
  if (rc != SQLITE_DONE) return impl_->Error("cannot list errors");
  return out;
}

Result<std::optional<std::string>> Store::Info(const std::string& key) {
  Result<Statement*> st = impl_->Prepared(impl_->get_info, kGetInfo);
  if (!st.ok()) return st.status();
  (*st)->Text(1, key);
  int rc = (*st)->Step();
  std::optional<std::string> value;
  if (rc == SQLITE_ROW) value = (*st)->ColumnText(0);
  (*st)->Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return impl_->Error("cannot read store_info");
  return value;
}

}  // namespace baocao
