// The corpus component's reads and its one write (corpus_flags), against docs/STORE.md.
#include "baocao/emit/names.h"
#include "baocao/store/corpus_rows.h"

#include <nlohmann/json.hpp>

#include "store/sqlite.h"

namespace baocao::store {
namespace {

constexpr const char* kSelectFacts =
    "SELECT document_id, indicator, role, value, assessment, unit, comparator, period, label, span_start, span_end, "
    "span_line, span_page, span_text, scope, qualifiers, basis FROM facts ORDER BY document_id, span_start, id";
constexpr const char* kSelectCitations =
    "SELECT document_id, iso, ref_kind, ref_date, span_start, span_end, span_line, span_page, span_text "
    "FROM mentions WHERE type = 'reference' ORDER BY document_id, span_start, id";
constexpr const char* kSelectDocuments =
    "SELECT id, path, kind, number, symbol, issuer, ward, province, date, title, format, encoding, source "
    "FROM documents ORDER BY id";
constexpr const char* kSelectSource = "SELECT format, encoding, source FROM documents WHERE id = ?1";
constexpr const char* kInsertCorpusFlag =
    "INSERT INTO corpus_flags (kind, severity, indicators, ward, period, stated, computed, explanation, rule, "
    "evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

// facts.qualifiers: a JSON array of strings, or NULL (read as "") for none.
std::vector<std::string> QualifiersOf(const std::string& json) {
  std::vector<std::string> out;
  if (json.empty()) return out;
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return out;
  for (const nlohmann::json& q : parsed) {
    if (q.is_string()) out.push_back(q.get<std::string>());
  }
  return out;
}

// A span's five columns from column `first` on.
Span ReadSpan(Statement& st, int first) {
  Span s;
  s.start = static_cast<size_t>(st.ColumnInt(first));
  s.end = static_cast<size_t>(st.ColumnInt(first + 1));
  s.line = static_cast<int>(st.ColumnInt(first + 2));
  if (!st.IsNull(first + 3)) s.page = static_cast<int>(st.ColumnInt(first + 3));
  s.text = st.ColumnText(first + 4);
  return s;
}

StoredFact ReadFactRow(Statement& st) {
  StoredFact f;
  f.document = st.ColumnInt(0);
  f.fact.indicator = st.ColumnText(1);
  f.fact.role = ParseRole(st.ColumnText(2)).value_or(Role::kActual);
  if (!st.IsNull(3)) f.fact.value = st.ColumnDouble(3);
  if (!st.IsNull(4)) f.fact.assessment = st.ColumnInt(4) != 0;
  f.fact.unit = st.ColumnText(5);
  f.fact.comparator = ParseComparator(st.ColumnText(6)).value_or(Comparator::kNone);
  f.fact.period = st.ColumnText(7);
  f.fact.label = st.ColumnText(8);
  f.fact.span = ReadSpan(st, 9);
  f.fact.scope = st.ColumnText(14);
  f.fact.qualifiers = QualifiersOf(st.ColumnText(15));
  f.fact.basis = st.ColumnText(16);
  return f;
}

StoredCitation ReadCitationRow(Statement& st) {
  StoredCitation c;
  c.document = st.ColumnInt(0);
  c.number = st.ColumnText(1);
  c.kind = st.ColumnText(2);
  c.date = st.ColumnText(3);
  c.span = ReadSpan(st, 4);
  return c;
}

StoredDocumentMeta ReadDocumentMeta(Statement& st) {
  StoredDocumentMeta d;
  d.id = st.ColumnInt(0);
  d.path = st.ColumnText(1);
  d.kind = st.ColumnText(2);
  d.number = st.ColumnText(3);
  d.symbol = st.ColumnText(4);
  d.issuer = st.ColumnText(5);
  d.ward = st.ColumnText(6);
  d.province = st.ColumnText(7);
  d.date = st.ColumnText(8);
  d.title = st.ColumnText(9);
  d.format = st.ColumnText(10);
  d.encoding = st.ColumnText(11);
  return d;
}

// Each row of `sql` (no parameters) read by `read` and handed to `visit`; kStore naming
// `table` on failure.
template <typename Read, typename Visit>
Status ForEachRow(Store& store, const char* sql, const char* table, Read read, const Visit& visit) {
  sqlite3* db = Connection(store);
  Statement st;
  if (st.Prepare(db, sql) != SQLITE_OK) return SqliteError(db, store.path(), table);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) visit(read(st));
  if (rc != SQLITE_DONE) return SqliteError(db, store.path(), table);
  return Status::Ok();
}

void BindCorpusFlag(Statement& insert, const CorpusFlagRow& f) {
  insert.Text(1, f.kind);
  insert.Text(2, f.severity);
  insert.Text(3, f.indicators);
  insert.TextOrNull(4, f.ward);
  insert.TextOrNull(5, f.period);
  insert.OptDouble(6, f.stated);
  insert.OptDouble(7, f.computed);
  insert.Text(8, f.explanation);
  insert.TextOrNull(9, f.rule);
  insert.Text(10, f.evidence);
}

}  // namespace

Status ForEachFact(Store& store, const std::function<void(StoredFact&&)>& visit) {
  return ForEachRow(store, kSelectFacts, "facts", ReadFactRow, visit);
}

Status ForEachCitation(Store& store, const std::function<void(StoredCitation&&)>& visit) {
  return ForEachRow(store, kSelectCitations, "mentions", ReadCitationRow, visit);
}

Status ForEachDocumentWithSource(Store& store,
                                 const std::function<void(const StoredDocumentMeta&, std::string_view source)>& visit) {
  sqlite3* db = Connection(store);
  Statement st;
  if (st.Prepare(db, kSelectDocuments) != SQLITE_OK) return SqliteError(db, store.path(), "documents");
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) visit(ReadDocumentMeta(st), st.ColumnBlobView(12));
  if (rc != SQLITE_DONE) return SqliteError(db, store.path(), "documents");
  return Status::Ok();
}

Status ForEachSource(Store& store, const std::set<int64_t>& ids,
                     const std::function<void(int64_t id, const std::string& format, const std::string& encoding,
                                              std::string_view source)>& visit) {
  sqlite3* db = Connection(store);
  Statement st;
  if (st.Prepare(db, kSelectSource) != SQLITE_OK) return SqliteError(db, store.path(), "documents");
  for (int64_t id : ids) {
    st.Reset();
    st.Int(1, id);
    int rc = st.Step();
    if (rc == SQLITE_DONE) continue;
    if (rc != SQLITE_ROW) return SqliteError(db, store.path(), "documents");
    visit(id, st.ColumnText(0), st.ColumnText(1), st.ColumnBlobView(2));
  }
  return Status::Ok();
}

Status ReplaceCorpusFlags(Store& store, const std::vector<CorpusFlagRow>& rows) {
  sqlite3* db = Connection(store);
  const std::string& name = store.path();
  if (Exec(db, "BEGIN IMMEDIATE") != SQLITE_OK) return SqliteError(db, name, "corpus_flags: begin");
  auto fail = [&](std::string_view what) {
    Status s = SqliteError(db, name, what);
    Exec(db, "ROLLBACK");
    return s;
  };
  if (Exec(db, "DELETE FROM corpus_flags") != SQLITE_OK) return fail("corpus_flags: delete");
  Statement insert;
  if (insert.Prepare(db, kInsertCorpusFlag) != SQLITE_OK) return fail("corpus_flags: insert");
  for (const CorpusFlagRow& f : rows) {
    insert.Reset();
    BindCorpusFlag(insert, f);
    if (insert.Step() != SQLITE_DONE) return fail("corpus_flags: insert");
  }
  if (Exec(db, "COMMIT") != SQLITE_OK) return fail("corpus_flags: commit");
  return Status::Ok();
}

}  // namespace baocao::store
