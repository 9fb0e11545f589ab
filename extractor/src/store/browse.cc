// The read side of `baocao serve` against docs/STORE.md. Filters become a WHERE clause of
// constant conditions; the values only ever reach SQLite as bound parameters.
#include "baocao/store/browse.h"

#include <map>

#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "store/sqlite.h"

namespace baocao::store {
namespace {

using internal::Concat;

// kStore: "FILE: WHAT: SQLite's message", FILE being the database's absolute name.
Status FileError(sqlite3* db, const std::string& what) {
  const char* file = sqlite3_db_filename(db, "main");
  return Status(ErrorCode::kStore, Concat({file ? file : "store", ": ", what, ": ", sqlite3_errmsg(db)}));
}

// A WHERE clause built from optional filters, with its bound values in order. Conditions use
// plain "?" placeholders, numbered by SQLite in order; a condition with several binds its value
// to each.
class Where {
 public:
  void Add(const std::string& condition, const std::optional<std::string>& value) {
    if (value) Add(condition, *value);
  }
  void Add(const std::string& condition, const std::string& value) {
    clauses_ += (clauses_.empty() ? " WHERE " : " AND ") + condition;
    for (char c : condition) {
      if (c == '?') values_.push_back(Value{value, 0, false});
    }
  }
  void Add(const std::string& condition) { clauses_ += (clauses_.empty() ? " WHERE " : " AND ") + condition; }
  void AddInt(const std::string& condition, int64_t value) {
    clauses_ += (clauses_.empty() ? " WHERE " : " AND ") + condition;
    values_.push_back(Value{{}, value, true});
  }
  const std::string& sql() const { return clauses_; }
  // Binds the values from parameter 1 (they must outlive the statement's steps); returns the
  // next free parameter index.
  int Bind(Statement& st) const {
    int i = 1;
    for (const Value& v : values_) {
      if (v.is_int) st.Int(i++, v.number);
      else st.Text(i++, v.text);
    }
    return i;
  }

 private:
  struct Value {
    std::string text;
    int64_t number;
    bool is_int;
  };
  std::string clauses_;
  std::vector<Value> values_;
};

// A read transaction for the life of the object: a count and its page from one snapshot.
class ReadTransaction {
 public:
  explicit ReadTransaction(sqlite3* db) : db_(db) { Exec(db_, "BEGIN"); }
  ~ReadTransaction() { Exec(db_, "COMMIT"); }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  sqlite3* db_;
};

std::optional<std::string> OptText(Statement& st, int col) { return st.ColumnOptText(col); }
std::optional<int64_t> OptInt(Statement& st, int col) {
  return st.IsNull(col) ? std::nullopt : std::optional<int64_t>(st.ColumnInt(col));
}
std::optional<double> OptDouble(Statement& st, int col) {
  return st.IsNull(col) ? std::nullopt : std::optional<double>(st.ColumnDouble(col));
}

// A date bound that includes the whole day or month it names ("2025-12" <= "2025-12-31").
std::string UpperDateBound(const std::string& date) { return date + "\xF4"; }

// The documents whose path, title, ward, province or number hold the search text, whatever
// their diacritics and case ("chi linh" finds "Chí Linh"); the pattern is folded the same way.
constexpr const char* kFoldedSearch =
    "(baocao_fold(d.path) LIKE ? ESCAPE '\\' OR baocao_fold(ifnull(d.title, '')) LIKE ? ESCAPE '\\' OR "
    "baocao_fold(ifnull(d.ward, '')) LIKE ? ESCAPE '\\' OR baocao_fold(ifnull(d.province, '')) LIKE ? ESCAPE '\\' OR "
    "baocao_fold(ifnull(d.number, '')) LIKE ? ESCAPE '\\')";

// A LIKE pattern matching `text` anywhere, its wildcards escaped with '\'.
std::string ContainsPattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern += "%";
  return pattern;
}

Where DocumentWhere(const DocumentQuery& query) {
  Where w;
  w.Add("d.ward = ?", query.ward);
  w.Add("d.province = ?", query.province);
  w.Add("d.kind = ?", query.kind);
  w.Add("EXISTS (SELECT 1 FROM facts f WHERE f.document_id = d.id AND f.period = ?)", query.period);
  w.Add("substr(d.date, 1, length(?)) = ?", query.date);
  w.Add("d.date >= ?", query.date_from);
  if (query.date_to) w.Add("d.date <= ?", UpperDateBound(*query.date_to));
  if (query.q) w.Add(kFoldedSearch, ContainsPattern(FoldKey(*query.q)));
  return w;
}

Where FlagWhere(const FlagQuery& query) {
  Where w;
  w.Add("f.kind = ?", query.kind);
  w.Add("f.severity = ?", query.severity);
  w.Add("d.ward = ?", query.ward);
  w.Add("d.province = ?", query.province);
  w.Add("d.kind = ?", query.document_kind);
  w.Add("substr(d.date, 1, 4) = ?", query.year);
  if (query.q) w.Add(kFoldedSearch, ContainsPattern(FoldKey(*query.q)));
  if (query.document) w.AddInt("f.document_id = ?", *query.document);
  if (query.review) {
    if (*query.review == "unreviewed") w.Add("r.verdict IS NULL");
    else if (*query.review == "reviewed") w.Add("r.verdict IS NOT NULL");
    else w.Add("r.verdict = ?", *query.review);
  }
  return w;
}

Where ExportWhere(const ExportQuery& query) {
  Where w;
  w.Add("d.ward = ?", query.ward);
  w.Add("d.province = ?", query.province);
  w.Add("d.kind = ?", query.kind);
  w.Add("f.indicator = ?", query.indicator);
  w.Add("f.period = ?", query.period);
  return w;
}

constexpr const char* kDocumentColumns =
    "d.id, d.path, d.sha256, d.format, d.bytes, d.pages, d.kind, d.number, d.ward, d.province, d.date, d.title, "
    "d.flag_count, d.error_count, d.ingested_at, d.encoding";
constexpr const char* kFlagColumns =
    "SELECT f.id, f.document_id, d.path, d.ward, d.province, f.kind, f.severity, f.indicators, f.stated, "
    "f.computed, f.explanation, f.rule, f.evidence, r.verdict, r.comment, r.reviewer, r.at, d.kind";
// A flag's review mark (schema version 4), by the document's bytes and the flag's key.
constexpr const char* kFlagsWithReviews =
    " FROM flags f JOIN documents d ON d.id = f.document_id"
    " LEFT JOIN flag_reviews r ON r.sha256 = d.sha256 AND r.flag_key = f.key";
constexpr const char* kSeverityRank = "CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END";

// Sort keys and the SQL they order by (NULLs last whichever way); a fixed list: the key never
// reaches SQL itself.
const std::map<std::string, std::string>& DocumentSorts() {
  static const std::map<std::string, std::string> sorts = {
      {"path", "d.path"}, {"date", "d.date"},   {"ward", "d.ward"},
      {"province", "d.province"}, {"kind", "d.kind"}, {"flags", "d.flag_count"}};
  return sorts;
}
const std::map<std::string, std::string>& FlagSorts() {
  static const std::map<std::string, std::string> sorts = {
      {"severity", kSeverityRank}, {"kind", "f.kind"},         {"path", "d.path"},
      {"ward", "d.ward"},          {"province", "d.province"}, {"review", "ifnull(r.verdict, '')"}};
  return sorts;
}

// " ORDER BY KEY [DESC] NULLS LAST, TIEBREAK LIMIT ? OFFSET ?" for a checked sort key.
std::string OrderBy(const std::map<std::string, std::string>& sorts, const std::string& sort, const char* tiebreak) {
  const bool descending = !sort.empty() && sort[0] == '-';
  auto it = sorts.find(descending ? sort.substr(1) : sort);
  if (it == sorts.end()) it = sorts.begin();
  return Concat({" ORDER BY ", it->second, descending ? " DESC" : "", " NULLS LAST, ", tiebreak, " LIMIT ? OFFSET ?"});
}

bool KnownSort(const std::map<std::string, std::string>& sorts, const std::string& sort) {
  return sorts.count(!sort.empty() && sort[0] == '-' ? sort.substr(1) : sort) > 0;
}
constexpr const char* kExportColumns =
    "SELECT f.document_id, d.path, d.ward, d.province, d.kind, d.date, f.indicator, f.role, f.value, "
    "f.assessment, f.unit, f.comparator, f.period, f.label, f.span_line, f.span_page, f.span_start, f.span_end, "
    "f.span_text, f.scope, f.qualifiers, f.basis FROM facts f JOIN documents d ON d.id = f.document_id";

DocumentRow ReadDocumentRow(Statement& st) {
  DocumentRow r;
  r.id = st.ColumnInt(0);
  r.path = st.ColumnText(1);
  r.sha256 = st.ColumnText(2);
  r.format = st.ColumnText(3);
  r.bytes = st.ColumnInt(4);
  r.pages = OptInt(st, 5);
  r.kind = OptText(st, 6);
  r.number = OptText(st, 7);
  r.ward = OptText(st, 8);
  r.province = OptText(st, 9);
  r.date = OptText(st, 10);
  r.title = OptText(st, 11);
  r.flag_count = st.ColumnInt(12);
  r.error_count = st.ColumnInt(13);
  r.ingested_at = st.ColumnText(14);
  r.encoding = OptText(st, 15);
  return r;
}

FlagRow ReadFlagRow(Statement& st) {
  FlagRow r;
  r.id = st.ColumnInt(0);
  r.document_id = st.ColumnInt(1);
  r.path = st.ColumnText(2);
  r.ward = OptText(st, 3);
  r.province = OptText(st, 4);
  r.kind = st.ColumnText(5);
  r.severity = st.ColumnText(6);
  r.indicators = st.ColumnText(7);
  r.stated = OptDouble(st, 8);
  r.computed = OptDouble(st, 9);
  r.explanation = st.ColumnText(10);
  r.rule = OptText(st, 11);
  r.evidence = st.ColumnText(12);
  if (!st.IsNull(13)) r.review = FlagReview{st.ColumnText(13), st.ColumnText(14), st.ColumnText(15), st.ColumnText(16)};
  r.document_kind = OptText(st, 17);
  return r;
}

FactExportRow ReadFactExportRow(Statement& st) {
  FactExportRow r;
  r.document_id = st.ColumnInt(0);
  r.path = st.ColumnText(1);
  r.ward = OptText(st, 2);
  r.province = OptText(st, 3);
  r.kind = OptText(st, 4);
  r.document_date = OptText(st, 5);
  r.indicator = st.ColumnText(6);
  r.role = st.ColumnText(7);
  r.value = OptDouble(st, 8);
  r.assessment = OptInt(st, 9);
  r.unit = OptText(st, 10);
  r.comparator = OptText(st, 11);
  r.period = OptText(st, 12);
  r.label = OptText(st, 13);
  r.line = st.ColumnInt(14);
  r.page = OptInt(st, 15);
  r.start = st.ColumnInt(16);
  r.end = st.ColumnInt(17);
  r.text = st.ColumnText(18);
  r.scope = OptText(st, 19);
  r.qualifiers = OptText(st, 20);
  r.basis = OptText(st, 21);
  return r;
}

// SELECT count(*) `from` (a FROM and WHERE clause) with `where`'s values.
Result<int64_t> Count(sqlite3* db, const std::string& from, const Where& where, const std::string& what) {
  Statement count;
  if (count.Prepare(db, Concat({"SELECT count(*)", from}).c_str()) != SQLITE_OK) return FileError(db, what);
  where.Bind(count);
  if (count.Step() != SQLITE_ROW) return FileError(db, what);
  return count.ColumnInt(0);
}

// The rows of `select` (ending in LIMIT ? OFFSET ?) with `where`'s values, read by `read`.
template <typename Row, typename Read>
Result<std::vector<Row>> PageRows(sqlite3* db, const std::string& select, const Where& where, int64_t limit,
                                  int64_t offset, const std::string& what, Read read) {
  Statement page;
  if (page.Prepare(db, select.c_str()) != SQLITE_OK) return FileError(db, what);
  int next = where.Bind(page);
  page.Int(next, limit);
  page.Int(next + 1, offset);
  std::vector<Row> rows;
  int rc;
  while ((rc = page.Step()) == SQLITE_ROW) rows.push_back(read(page));
  if (rc != SQLITE_DONE) return FileError(db, what);
  return rows;
}

}  // namespace

Result<Page<DocumentRow>> ListDocumentRows(Store& store, const DocumentQuery& query) {
  sqlite3* db = Connection(store);
  Where where = DocumentWhere(query);
  ReadTransaction snapshot(db);
  const std::string from = Concat({" FROM documents d", where.sql()});
  Result<int64_t> total = Count(db, from, where, "cannot count documents");
  if (!total.ok()) return total.status();
  std::string select = Concat({"SELECT ", kDocumentColumns, from, OrderBy(DocumentSorts(), query.sort, "d.path")});
  Result<std::vector<DocumentRow>> rows = PageRows<DocumentRow>(db, select, where, query.limit, query.offset,
                                                                "cannot list documents", ReadDocumentRow);
  if (!rows.ok()) return rows.status();
  return Page<DocumentRow>{*total, std::move(rows).value()};
}

Result<std::optional<DocumentRow>> DocumentRowById(Store& store, int64_t id) {
  sqlite3* db = Connection(store);
  Statement st;
  std::string select = Concat({"SELECT ", kDocumentColumns, " FROM documents d WHERE d.id = ?1"});
  if (st.Prepare(db, select.c_str()) != SQLITE_OK) return FileError(db, "cannot read a document");
  st.Int(1, id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<DocumentRow>();
  if (rc != SQLITE_ROW) return FileError(db, "cannot read a document");
  return std::optional<DocumentRow>(ReadDocumentRow(st));
}

bool IsDocumentSort(const std::string& sort) { return KnownSort(DocumentSorts(), sort); }
bool IsFlagSort(const std::string& sort) { return KnownSort(FlagSorts(), sort); }

Result<Page<FlagRow>> ListFlagRows(Store& store, const FlagQuery& query) {
  sqlite3* db = Connection(store);
  Where where = FlagWhere(query);
  ReadTransaction snapshot(db);
  const std::string from = Concat({kFlagsWithReviews, where.sql()});
  Result<int64_t> total = Count(db, from, where, "cannot count flags");
  if (!total.ok()) return total.status();
  Result<std::vector<FlagRow>> rows = PageRows<FlagRow>(db, Concat({kFlagColumns, from, OrderBy(FlagSorts(), query.sort, Concat({kSeverityRank, ", d.path, f.id"}).c_str())}), where, query.limit,
                                                        query.offset, "cannot list flags", ReadFlagRow);
  if (!rows.ok()) return rows.status();
  return Page<FlagRow>{*total, std::move(rows).value()};
}

Result<FlagFacets> FlagFacetCounts(Store& store, const FlagQuery& query) {
  sqlite3* db = Connection(store);
  ReadTransaction snapshot(db);
  // Each dimension is counted under every filter but its own, so that its other values stay
  // in view as choices.
  struct Dimension {
    const char* name;
    const char* expression;
    std::optional<std::string> FlagQuery::*filter;
  };
  static const Dimension kDimensions[] = {
      {"severity", "f.severity", &FlagQuery::severity},
      {"kind", "f.kind", &FlagQuery::kind},
      {"ward", "d.ward", &FlagQuery::ward},
      {"province", "d.province", &FlagQuery::province},
      {"document_kind", "d.kind", &FlagQuery::document_kind},
      {"year", "substr(d.date, 1, 4)", &FlagQuery::year},
      {"review", "ifnull(r.verdict, 'unreviewed')", &FlagQuery::review},
  };
  FlagFacets facets;
  for (const Dimension& dim : kDimensions) {
    FlagQuery others = query;
    others.*(dim.filter) = std::nullopt;
    Where where = FlagWhere(others);
    Statement st;
    const std::string sql = Concat({"SELECT ", dim.expression, ", count(*)", kFlagsWithReviews, where.sql(), " GROUP BY 1 ORDER BY 2 DESC, 1"});
    if (st.Prepare(db, sql.c_str()) != SQLITE_OK) return FileError(db, "cannot count flags");
    where.Bind(st);
    std::vector<std::pair<std::string, int64_t>>& counts = facets[dim.name];
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      if (!st.IsNull(0)) counts.emplace_back(st.ColumnText(0), st.ColumnInt(1));
    }
    if (rc != SQLITE_DONE) return FileError(db, "cannot count flags");
  }
  return facets;
}

Status ForEachExportedFact(Store& store, const ExportQuery& query,
                           const std::function<Status(const FactExportRow&)>& visit) {
  sqlite3* db = Connection(store);
  Where where = ExportWhere(query);
  Statement st;
  std::string select = Concat({kExportColumns, where.sql(), " ORDER BY d.path, f.id"});
  if (st.Prepare(db, select.c_str()) != SQLITE_OK) return FileError(db, "cannot export facts");
  where.Bind(st);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    if (Status s = visit(ReadFactExportRow(st)); !s.ok()) return s;
  }
  if (rc != SQLITE_DONE) return FileError(db, "cannot export facts");
  return Status::Ok();
}

}  // namespace baocao::store
