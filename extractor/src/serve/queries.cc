#include "serve/queries.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace baocao::serve {
namespace {

// A prepared statement owned for one query.
class Query {
 public:
  Query(sqlite3* db, const std::string& sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &st_, nullptr);
  }
  ~Query() { sqlite3_finalize(st_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  Status Error(const std::string& what) const {
    return Status(ErrorCode::kStore, std::string(sqlite3_db_filename(db_, "main") ? sqlite3_db_filename(db_, "main") : "store") +
                                         ": " + what + ": " + sqlite3_errmsg(db_));
  }
  void Bind(int i, const std::string& s) { sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT); }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(st_, i, v); }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(st_); }

  bool Null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
  int64_t Int(int c) const { return sqlite3_column_int64(st_, c); }
  double Real(int c) const { return sqlite3_column_double(st_, c); }
  std::string_view Text(int c) const {
    const unsigned char* p = sqlite3_column_text(st_, c);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, c)))
             : std::string_view();
  }
  nlohmann::json TextOrNull(int c) const { return Null(c) ? nlohmann::json(nullptr) : nlohmann::json(std::string(Text(c))); }
  nlohmann::json IntOrNull(int c) const { return Null(c) ? nlohmann::json(nullptr) : nlohmann::json(Int(c)); }
  nlohmann::json RealOrNull(int c) const { return Null(c) ? nlohmann::json(nullptr) : nlohmann::json(Real(c)); }
  // A JSON column (docs/STORE.md), parsed; null when it is not JSON.
  nlohmann::json Json(int c) const {
    nlohmann::json j = nlohmann::json::parse(Text(c), nullptr, /*allow_exceptions=*/false);
    return j.is_discarded() ? nlohmann::json(nullptr) : j;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  int rc_;
};

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
  void AddInt(const std::string& condition, int64_t value) {
    clauses_ += (clauses_.empty() ? " WHERE " : " AND ") + condition;
    values_.push_back(Value{{}, value, true});
  }
  const std::string& sql() const { return clauses_; }
  // Binds the values from parameter 1; returns the next free parameter index.
  int Bind(Query& q) const {
    int i = 1;
    for (const Value& v : values_) {
      if (v.is_int) q.Bind(i++, v.number);
      else q.Bind(i++, v.text);
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

// A date bound that includes the whole day or month it names ("2025-12" <= "2025-12-31").
std::string UpperDateBound(const std::string& date) { return date + "\xF4"; }

Where DocumentWhere(const DocumentQuery& query) {
  Where w;
  w.Add("d.ward = ?", query.ward);
  w.Add("d.province = ?", query.province);
  w.Add("d.kind = ?", query.kind);
  w.Add("EXISTS (SELECT 1 FROM facts f WHERE f.document_id = d.id AND f.period = ?)", query.period);
  w.Add("substr(d.date, 1, length(?)) = ?", query.date);
  w.Add("d.date >= ?", query.date_from);
  if (query.date_to) w.Add("d.date <= ?", UpperDateBound(*query.date_to));
  if (query.q) {
    std::string pattern = "%";
    for (char c : *query.q) {
      if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
      pattern.push_back(c);
    }
    pattern += "%";
    w.Add("(d.path LIKE ? ESCAPE '\\' OR ifnull(d.title, '') LIKE ? ESCAPE '\\' OR ifnull(d.ward, '') LIKE ? ESCAPE '\\')",
          pattern);
  }
  return w;
}

constexpr const char* kDocumentColumns =
    "d.id, d.path, d.sha256, d.format, d.bytes, d.pages, d.kind, d.number, d.ward, d.province, d.date, d.title, "
    "d.flag_count, d.error_count, d.ingested_at, d.encoding";

nlohmann::json DocumentRow(const Query& q) {
  return {{"id", q.Int(0)},          {"path", std::string(q.Text(1))}, {"sha256", std::string(q.Text(2))},
          {"format", std::string(q.Text(3))}, {"bytes", q.Int(4)},     {"pages", q.IntOrNull(5)},
          {"kind", q.TextOrNull(6)}, {"number", q.TextOrNull(7)},      {"ward", q.TextOrNull(8)},
          {"province", q.TextOrNull(9)}, {"date", q.TextOrNull(10)},   {"title", q.TextOrNull(11)},
          {"flag_count", q.Int(12)}, {"error_count", q.Int(13)},       {"ingested_at", std::string(q.Text(14))},
          {"encoding", q.TextOrNull(15)}};
}

}  // namespace

ReaderPool::Lease::~Lease() {
  if (!store_ || !pool_) return;
  std::lock_guard lock(pool_->mu_);
  pool_->free_.push_back(std::move(store_));
}

Result<ReaderPool::Lease> ReaderPool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!free_.empty()) {
      std::unique_ptr<Store> store = std::move(free_.back());
      free_.pop_back();
      return Lease(this, std::move(store));
    }
  }
  StoreOptions options;
  options.read_only = true;
  Result<Store> store = Store::Open(db_, options);
  if (!store.ok()) return store.status();
  return Lease(this, std::make_unique<Store>(std::move(store).value()));
}

Result<nlohmann::json> ListDocuments(Store& store, const DocumentQuery& query) {
  Where where = DocumentWhere(query);
  const std::string& where_sql = where.sql();
  // One read transaction: the count and the page come from the same snapshot.
  sqlite3_exec(store.handle(), "BEGIN", nullptr, nullptr, nullptr);
  struct End {
    sqlite3* db;
    ~End() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  } end{store.handle()};

  Query count(store.handle(), "SELECT count(*) FROM documents d" + where_sql);
  if (!count.ok()) return count.Error("cannot count documents");
  where.Bind(count);
  if (count.Step() != SQLITE_ROW) return count.Error("cannot count documents");
  int64_t total = count.Int(0);

  Query page(store.handle(), std::string("SELECT ") + kDocumentColumns + " FROM documents d" + where_sql +
                                 " ORDER BY d.path LIMIT ? OFFSET ?");
  if (!page.ok()) return page.Error("cannot list documents");
  int next = where.Bind(page);
  page.Bind(next, query.limit);
  page.Bind(next + 1, query.offset);
  nlohmann::json documents = nlohmann::json::array();
  int rc;
  while ((rc = page.Step()) == SQLITE_ROW) documents.push_back(DocumentRow(page));
  if (rc != SQLITE_DONE) return page.Error("cannot list documents");
  return nlohmann::json{{"total", total}, {"limit", query.limit}, {"offset", query.offset}, {"documents", std::move(documents)}};
}

Result<std::optional<nlohmann::json>> DocumentSummary(Store& store, int64_t id) {
  Query q(store.handle(), std::string("SELECT ") + kDocumentColumns + " FROM documents d WHERE d.id = ?1");
  if (!q.ok()) return q.Error("cannot read a document");
  q.Bind(1, id);
  int rc = q.Step();
  if (rc == SQLITE_DONE) return std::optional<nlohmann::json>();
  if (rc != SQLITE_ROW) return q.Error("cannot read a document");
  return std::optional<nlohmann::json>(DocumentRow(q));
}

Result<nlohmann::json> ListFlags(Store& store, const FlagQuery& query) {
  Where where;
  where.Add("f.kind = ?", query.kind);
  where.Add("f.severity = ?", query.severity);
  where.Add("d.ward = ?", query.ward);
  where.Add("d.province = ?", query.province);
  if (query.document) where.AddInt("f.document_id = ?", *query.document);
  const std::string& where_sql = where.sql();
  sqlite3_exec(store.handle(), "BEGIN", nullptr, nullptr, nullptr);
  struct End {
    sqlite3* db;
    ~End() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  } end{store.handle()};

  const std::string from = " FROM flags f JOIN documents d ON d.id = f.document_id" + where_sql;
  Query count(store.handle(), "SELECT count(*)" + from);
  if (!count.ok()) return count.Error("cannot count flags");
  where.Bind(count);
  if (count.Step() != SQLITE_ROW) return count.Error("cannot count flags");
  int64_t total = count.Int(0);

  Query page(store.handle(),
             "SELECT f.id, f.document_id, d.path, d.ward, d.province, f.kind, f.severity, f.indicators, f.stated, "
             "f.computed, f.explanation, f.rule, f.evidence" + from +
                 " ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, d.path, f.id"
                 " LIMIT ? OFFSET ?");
  if (!page.ok()) return page.Error("cannot list flags");
  int next = where.Bind(page);
  page.Bind(next, query.limit);
  page.Bind(next + 1, query.offset);
  nlohmann::json flags = nlohmann::json::array();
  int rc;
  while ((rc = page.Step()) == SQLITE_ROW) {
    flags.push_back({{"id", page.Int(0)},
                     {"document_id", page.Int(1)},
                     {"path", std::string(page.Text(2))},
                     {"ward", page.TextOrNull(3)},
                     {"province", page.TextOrNull(4)},
                     {"kind", std::string(page.Text(5))},
                     {"severity", std::string(page.Text(6))},
                     {"indicators", page.Json(7)},
                     {"stated", page.RealOrNull(8)},
                     {"computed", page.RealOrNull(9)},
                     {"explanation", std::string(page.Text(10))},
                     {"rule", page.TextOrNull(11)},
                     {"evidence", page.Json(12)}});
  }
  if (rc != SQLITE_DONE) return page.Error("cannot list flags");
  return nlohmann::json{{"total", total}, {"limit", query.limit}, {"offset", query.offset}, {"flags", std::move(flags)}};
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string ShortestNumber(double value) {
  if (!std::isfinite(value)) return "";
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  std::string s = buf;
  // %g writes 1.6656e+09 for large values; a plain integer reads better in a spreadsheet.
  if (s.find('e') != std::string::npos && std::fabs(value) < 1e17 && value == std::floor(value)) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
    s = buf;
  }
  return s;
}

Status ExportFactsCsv(Store& store, const ExportQuery& query, const std::function<bool(std::string_view)>& write) {
  Where where;
  where.Add("d.ward = ?", query.ward);
  where.Add("d.province = ?", query.province);
  where.Add("d.kind = ?", query.kind);
  where.Add("f.indicator = ?", query.indicator);
  where.Add("f.period = ?", query.period);
  Query q(store.handle(),
          "SELECT f.document_id, d.path, d.ward, d.province, d.kind, d.date, f.indicator, f.role, f.value, "
          "f.assessment, f.unit, f.comparator, f.period, f.label, f.span_line, f.span_page, f.span_start, f.span_end, "
          "f.span_text, f.scope, f.qualifiers, f.basis FROM facts f JOIN documents d ON d.id = f.document_id" +
              where.sql() + " ORDER BY d.path, f.id");
  if (!q.ok()) return q.Error("cannot export facts");
  where.Bind(q);
  std::string chunk =
      "document_id,path,ward,province,kind,document_date,indicator,role,value,assessment,unit,comparator,period,"
      "label,line,page,start,end,text,scope,qualifiers,basis\r\n";
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    for (int c = 0; c < 22; ++c) {
      if (c > 0) chunk.push_back(',');
      if (q.Null(c)) continue;
      if (c == 8) chunk += ShortestNumber(q.Real(c));
      else if (c == 9) chunk += q.Int(c) ? "true" : "false";
      else chunk += CsvField(q.Text(c));
    }
    chunk += "\r\n";
    if (chunk.size() >= (64u << 10)) {
      if (!write(chunk)) return Status(ErrorCode::kInternal, "the client went away");
      chunk.clear();
    }
  }
  if (rc != SQLITE_DONE) return q.Error("cannot export facts");
  if (!chunk.empty() && !write(chunk)) return Status(ErrorCode::kInternal, "the client went away");
  return Status::Ok();
}

}  // namespace baocao::serve
