// Export of a store: CSV files (with a PostgreSQL schema.sql) and a PostgreSQL database through
// libpq's COPY. The tables, columns, keys and indexes are read from the SQLite catalogue, so the
// export follows the schema (docs/STORE.md) instead of repeating it. The only SQL built from
// strings here is DDL over identifiers taken from that catalogue, always quoted; no row value
// is ever spliced into SQL (rows travel as COPY data).
#include <dlfcn.h>
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <type_traits>

#include "baocao/store/store.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace baocao {
namespace {

using store::Statement;

struct Column {
  std::string name;
  std::string type;   // SQLite's declared type, upper case
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  bool json = false;
};

struct ForeignKey {
  std::string column, table, to, on_delete;
};

struct Index {
  std::string name;
  bool unique = false;
  std::vector<std::string> columns;
};

struct TableSchema {
  std::string name;
  std::vector<Column> columns;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Index> indexes;
};

std::string Quote(std::string_view identifier) {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Every table of the store, parents before the tables that reference them.
Result<std::vector<TableSchema>> ReadSchema(sqlite3* db, const std::string& path) {
  auto fail = [&](const char* what) { return store::SqliteError(db, path, what); };
  Statement tables, columns, keys, indexes, index_columns;
  if (tables.Prepare(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                         "ORDER BY name") != SQLITE_OK ||
      columns.Prepare(db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid") != SQLITE_OK ||
      keys.Prepare(db, "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?1) "
                       "ORDER BY id, seq") != SQLITE_OK ||
      indexes.Prepare(db, "SELECT name, \"unique\", origin FROM pragma_index_list(?1) ORDER BY name") != SQLITE_OK ||
      index_columns.Prepare(db, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno") != SQLITE_OK) {
    return fail("cannot read the catalogue");
  }
  std::vector<TableSchema> all;
  int rc;
  while ((rc = tables.Step()) == SQLITE_ROW) all.push_back({tables.ColumnText(0), {}, {}, {}});
  if (rc != SQLITE_DONE) return fail("cannot list tables");
  for (TableSchema& t : all) {
    columns.Reset();
    columns.Text(1, t.name);
    while ((rc = columns.Step()) == SQLITE_ROW) {
      Column c;
      c.name = columns.ColumnText(0);
      c.type = Upper(columns.ColumnText(1));
      c.not_null = columns.ColumnInt(2) != 0;
      c.primary_key = columns.ColumnInt(3) != 0;
      c.json = store::IsJsonColumn(t.name, c.name);
      t.columns.push_back(std::move(c));
    }
    if (rc != SQLITE_DONE) return fail("cannot read columns");
    keys.Reset();
    keys.Text(1, t.name);
    while ((rc = keys.Step()) == SQLITE_ROW) {
      t.foreign_keys.push_back({keys.ColumnText(0), keys.ColumnText(1), keys.ColumnText(2), keys.ColumnText(3)});
    }
    if (rc != SQLITE_DONE) return fail("cannot read foreign keys");
    indexes.Reset();
    indexes.Text(1, t.name);
    std::vector<Index> found;
    std::vector<std::string> origins;
    while ((rc = indexes.Step()) == SQLITE_ROW) {
      found.push_back({indexes.ColumnText(0), indexes.ColumnInt(1) != 0, {}});
      origins.push_back(indexes.ColumnText(2));
    }
    if (rc != SQLITE_DONE) return fail("cannot read indexes");
    for (size_t i = 0; i < found.size(); ++i) {
      if (origins[i] == "pk") continue;   // the primary key is declared on its column
      index_columns.Reset();
      index_columns.Text(1, found[i].name);
      while ((rc = index_columns.Step()) == SQLITE_ROW) found[i].columns.push_back(index_columns.ColumnText(0));
      if (rc != SQLITE_DONE) return fail("cannot read index columns");
      if (origins[i] == "u" && found[i].columns.size() == 1) {   // a column's UNIQUE constraint
        for (Column& c : t.columns) c.unique |= c.name == found[i].columns[0];
      } else {
        t.indexes.push_back(std::move(found[i]));
      }
    }
  }
  // Parents first, so that CREATE TABLE ... REFERENCES and the COPYs find their targets; else
  // in name order (Kahn's algorithm, always taking the first table whose parents are placed).
  std::vector<TableSchema> ordered;
  std::set<std::string> placed;
  while (!all.empty()) {
    auto ready = std::find_if(all.begin(), all.end(), [&](const TableSchema& t) {
      for (const ForeignKey& fk : t.foreign_keys) {
        if (fk.table != t.name && !placed.count(fk.table)) return false;
      }
      return true;
    });
    if (ready == all.end()) ready = all.begin();   // a reference cycle (none in our schema)
    placed.insert(ready->name);
    ordered.push_back(std::move(*ready));
    all.erase(ready);
  }
  return ordered;
}

std::string PgType(const Column& c) {
  if (c.json) return "JSONB";
  if (c.type.find("INT") != std::string::npos) return "BIGINT";
  if (c.type.find("REAL") != std::string::npos || c.type.find("FLOA") != std::string::npos ||
      c.type.find("DOUB") != std::string::npos) {
    return "DOUBLE PRECISION";
  }
  if (c.type.find("BLOB") != std::string::npos) return "BYTEA";
  return "TEXT";
}

// CREATE TABLE / CREATE INDEX IF NOT EXISTS for every table; with `add_columns`, also ALTER
// TABLE ... ADD COLUMN IF NOT EXISTS, which brings tables an older export created up to date.
std::string PgDdl(const std::vector<TableSchema>& tables, bool add_columns) {
  std::string sql;
  for (const TableSchema& t : tables) {
    sql += "CREATE TABLE IF NOT EXISTS " + Quote(t.name) + " (";
    size_t primary = 0;
    for (const Column& c : t.columns) primary += c.primary_key;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const Column& c = t.columns[i];
      sql += std::string(i ? "," : "") + "\n  " + Quote(c.name) + " " + PgType(c);
      if (c.primary_key && primary == 1) sql += " PRIMARY KEY";
      else if (c.not_null) sql += " NOT NULL";
      if (c.unique) sql += " UNIQUE";
      for (const ForeignKey& fk : t.foreign_keys) {
        if (fk.column != c.name) continue;
        sql += " REFERENCES " + Quote(fk.table) + "(" + Quote(fk.to) + ")";
        if (fk.on_delete == "CASCADE") sql += " ON DELETE CASCADE";
      }
    }
    if (primary > 1) {
      sql += ",\n  PRIMARY KEY (";
      bool first = true;
      for (const Column& c : t.columns) {
        if (!c.primary_key) continue;
        sql += (first ? "" : ", ") + Quote(c.name);
        first = false;
      }
      sql += ")";
    }
    sql += "\n);\n";
    if (add_columns) {
      for (const Column& c : t.columns) {
        sql += "ALTER TABLE " + Quote(t.name) + " ADD COLUMN IF NOT EXISTS " + Quote(c.name) + " " + PgType(c) + ";\n";
      }
    }
    for (const Index& index : t.indexes) {
      sql += std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + Quote(index.name) +
             " ON " + Quote(t.name) + " (";
      for (size_t i = 0; i < index.columns.size(); ++i) sql += (i ? ", " : "") + Quote(index.columns[i]);
      sql += ");\n";
    }
    sql += "\n";
  }
  return sql;
}

// One field, RFC 4180: quoted when it holds , " CR or LF, or is an empty text (an unquoted
// empty field is NULL, as PostgreSQL's COPY reads it).
void AppendField(std::string& out, sqlite3_stmt* st, int col) {
  switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL: return;
    case SQLITE_INTEGER: out += std::to_string(sqlite3_column_int64(st, col)); return;
    case SQLITE_FLOAT: {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, sqlite3_column_double(st, col));
      out.append(buf, ec == std::errc() ? end : buf);
      return;
    }
    case SQLITE_BLOB: {
      static constexpr char kHex[] = "0123456789abcdef";
      const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(st, col));
      int n = sqlite3_column_bytes(st, col);
      out += "\\x";
      for (int i = 0; i < n; ++i) {
        out += kHex[data[i] >> 4];
        out += kHex[data[i] & 15];
      }
      return;
    }
    default: {
      const char* text = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
      std::string_view v(text ? text : "", sqlite3_column_bytes(st, col));
      if (!v.empty() && v.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += v;
        return;
      }
      out += '"';
      for (char c : v) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
  }
}

std::string HeaderLine(const TableSchema& t, const char* eol) {
  std::string line;
  for (size_t i = 0; i < t.columns.size(); ++i) line += (i ? "," : "") + t.columns[i].name;
  return line + eol;
}

// Streams a table's rows as CSV to `sink` in chunks of about 1 MB; the row count.
Result<int64_t> StreamRows(sqlite3* db, const std::string& path, const TableSchema& t, const char* eol,
                           const std::function<Status(const std::string&)>& sink) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < t.columns.size(); ++i) sql += (i ? ", " : "") + Quote(t.columns[i].name);
  sql += " FROM " + Quote(t.name) + " ORDER BY 1";
  Statement st;
  if (st.Prepare(db, sql.c_str()) != SQLITE_OK) return store::SqliteError(db, path, "cannot read " + t.name);
  std::string buffer;
  int64_t rows = 0;
  int rc;
  int n = static_cast<int>(t.columns.size());
  while ((rc = st.Step()) == SQLITE_ROW) {
    for (int i = 0; i < n; ++i) {
      if (i) buffer += ',';
      AppendField(buffer, st.get(), i);
    }
    buffer += eol;
    ++rows;
    if (buffer.size() >= (1u << 20)) {
      if (Status s = sink(buffer); !s.ok()) return s;
      buffer.clear();
    }
  }
  if (rc != SQLITE_DONE) return store::SqliteError(db, path, "cannot read " + t.name);
  if (!buffer.empty()) {
    if (Status s = sink(buffer); !s.ok()) return s;
  }
  return rows;
}

// A read transaction around the whole export: every table from one snapshot.
class Snapshot {
 public:
  explicit Snapshot(Store& store) : db_(store::Connection(store)) { ok_ = store::Exec(db_, "BEGIN") == SQLITE_OK; }
  ~Snapshot() {
    if (ok_) store::Exec(db_, "COMMIT");
  }
  bool ok() const { return ok_; }

 private:
  sqlite3* db_;
  bool ok_ = false;
};

constexpr const char* kCsvEol = "\r\n";

}  // namespace

Result<std::string> PostgresSchema(Store& store) {
  Result<std::vector<TableSchema>> tables = ReadSchema(store::Connection(store), store.path());
  if (!tables.ok()) return tables.status();
  return PgDdl(*tables, false);
}

Result<std::vector<ExportedTable>> ExportCsv(Store& store, const std::string& dir) {
  Snapshot snapshot(store);
  if (!snapshot.ok()) return store::SqliteError(store::Connection(store), store.path(), "cannot begin a read transaction");
  Result<std::vector<TableSchema>> tables = ReadSchema(store::Connection(store), store.path());
  if (!tables.ok()) return tables.status();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status(ErrorCode::kStore, dir + ": cannot create: " + ec.message());

  auto write_file = [&](const std::filesystem::path& file, const std::function<Status(std::ofstream&)>& body) -> Status {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) return Status(ErrorCode::kStore, file.string() + ": cannot write");
    if (Status s = body(out); !s.ok()) return s;
    out.close();
    if (!out) return Status(ErrorCode::kStore, file.string() + ": cannot write");
    return Status::Ok();
  };

  std::string load;   // the psql lines that load the files, parents first
  std::vector<ExportedTable> exported;
  for (const TableSchema& t : *tables) {
    std::filesystem::path file = std::filesystem::path(dir) / (t.name + ".csv");
    int64_t rows = 0;
    Status s = write_file(file, [&](std::ofstream& out) -> Status {
      out << HeaderLine(t, kCsvEol);
      Result<int64_t> n = StreamRows(store::Connection(store), store.path(), t, kCsvEol, [&](const std::string& chunk) {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        return out ? Status::Ok() : Status(ErrorCode::kStore, file.string() + ": cannot write");
      });
      if (!n.ok()) return n.status();
      rows = *n;
      return Status::Ok();
    });
    if (!s.ok()) return s;
    exported.push_back({t.name, rows});
    load += "--   \\copy " + Quote(t.name) + " FROM '" + t.name + ".csv' WITH (FORMAT csv, HEADER true)\n";
  }
  std::string ddl = "-- PostgreSQL schema of a baocao store (docs/STORE.md), exported with its CSV files.\n"
                    "-- Load: psql -f schema.sql, then from this folder, in this order:\n" + load + "\n" +
                    PgDdl(*tables, false);
  Status s = write_file(std::filesystem::path(dir) / "schema.sql", [&](std::ofstream& out) {
    out << ddl;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return exported;
}

namespace {

// libpq, loaded when an export to PostgreSQL first needs it: linked, it and its Kerberos, LDAP
// and GSSAPI libraries cost every process 4 ms to load, for a command few runs use (the OCR
// module is loaded the same way, extractor/src/ocr/module.h). libpq5's soname is stable.
constexpr const char* kLibpq = "libpq.so.5";

struct Libpq {
  decltype(&PQconnectdb) connectdb = nullptr;
  decltype(&PQsetNoticeProcessor) setNoticeProcessor = nullptr;
  decltype(&PQfinish) finish = nullptr;
  decltype(&PQstatus) status = nullptr;
  decltype(&PQhost) host = nullptr;
  decltype(&PQport) port = nullptr;
  decltype(&PQdb) db = nullptr;
  decltype(&PQerrorMessage) errorMessage = nullptr;
  decltype(&PQexec) exec = nullptr;
  decltype(&PQresultStatus) resultStatus = nullptr;
  decltype(&PQclear) clear = nullptr;
  decltype(&PQputCopyData) putCopyData = nullptr;
  decltype(&PQputCopyEnd) putCopyEnd = nullptr;
  decltype(&PQgetResult) getResult = nullptr;
  decltype(&PQsetClientEncoding) setClientEncoding = nullptr;
  std::string error;   // why it could not be loaded
};

const Libpq& Pq() {
  static const Libpq pq = [] {
    Libpq l;
    void* handle = ::dlopen(kLibpq, RTLD_NOW | RTLD_LOCAL);   // never closed
    if (!handle) {
      const char* why = ::dlerror();
      l.error = std::string("cannot load ") + kLibpq + " (apt-get install libpq5): " + (why ? why : "");
      return l;
    }
    auto bind = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(handle, name));
      if (!fn && l.error.empty()) l.error = std::string(kLibpq) + " has no " + name;
    };
    bind(l.connectdb, "PQconnectdb");
    bind(l.setNoticeProcessor, "PQsetNoticeProcessor");
    bind(l.finish, "PQfinish");
    bind(l.status, "PQstatus");
    bind(l.host, "PQhost");
    bind(l.port, "PQport");
    bind(l.db, "PQdb");
    bind(l.errorMessage, "PQerrorMessage");
    bind(l.exec, "PQexec");
    bind(l.resultStatus, "PQresultStatus");
    bind(l.clear, "PQclear");
    bind(l.putCopyData, "PQputCopyData");
    bind(l.putCopyEnd, "PQputCopyEnd");
    bind(l.getResult, "PQgetResult");
    bind(l.setClientEncoding, "PQsetClientEncoding");
    return l;
  }();
  return pq;
}

// A libpq connection that closes itself, and its errors as kStore values naming the server.
// Made only once Pq() has loaded.
class Postgres {
 public:
  explicit Postgres(const std::string& dsn) : conn_(Pq().connectdb(dsn.c_str())) {
    if (conn_) Pq().setNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);   // "already exists, skipping"
  }
  ~Postgres() { Pq().finish(conn_); }
  Postgres(const Postgres&) = delete;
  Postgres& operator=(const Postgres&) = delete;

  bool connected() const { return conn_ && Pq().status(conn_) == CONNECTION_OK; }
  PGconn* get() { return conn_; }

  // "postgres localhost:5432/baocao" (never the password of the DSN).
  std::string Name() const {
    if (!conn_) return "postgres";
    const char* host = Pq().host(conn_);
    const char* port = Pq().port(conn_);
    const char* db = Pq().db(conn_);
    return std::string("postgres ") + (host ? host : "") + ":" + (port ? port : "") + "/" + (db ? db : "");
  }

  Status Error(std::string_view what) const {
    std::string message = conn_ ? Pq().errorMessage(conn_) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return Status(ErrorCode::kStore, Name() + ": " + std::string(what) + ": " + message);
  }

  Status Exec(const std::string& sql, std::string_view what) {
    PGresult* r = Pq().exec(conn_, sql.c_str());
    bool ok = r && (Pq().resultStatus(r) == PGRES_COMMAND_OK || Pq().resultStatus(r) == PGRES_TUPLES_OK);
    Pq().clear(r);
    return ok ? Status::Ok() : Error(what);
  }

  // COPY ... FROM STDIN, fed by `produce`, which calls the given sink with chunks of CSV.
  Status Copy(const std::string& sql, const std::function<Status(const std::function<Status(const std::string&)>&)>& produce) {
    PGresult* r = Pq().exec(conn_, sql.c_str());
    bool ready = r && Pq().resultStatus(r) == PGRES_COPY_IN;
    Pq().clear(r);
    if (!ready) return Error("cannot start COPY");
    Status produced = produce([&](const std::string& chunk) {
      return Pq().putCopyData(conn_, chunk.data(), static_cast<int>(chunk.size())) == 1 ? Status::Ok() : Error("COPY");
    });
    if (Pq().putCopyEnd(conn_, produced.ok() ? nullptr : "export failed") != 1) return Error("COPY");
    Status result = Status::Ok();
    while (PGresult* end = Pq().getResult(conn_)) {
      if (Pq().resultStatus(end) != PGRES_COMMAND_OK && result.ok()) result = Error("COPY");
      Pq().clear(end);
    }
    return produced.ok() ? result : produced;
  }

 private:
  PGconn* conn_;
};

}  // namespace

Result<std::vector<ExportedTable>> ExportPostgres(Store& store, const std::string& dsn, const std::string& pg_schema) {
  Snapshot snapshot(store);
  if (!snapshot.ok()) return store::SqliteError(store::Connection(store), store.path(), "cannot begin a read transaction");
  Result<std::vector<TableSchema>> tables = ReadSchema(store::Connection(store), store.path());
  if (!tables.ok()) return tables.status();

  if (!Pq().error.empty()) return Status(ErrorCode::kStore, "postgres: " + Pq().error);
  Postgres pg(dsn);
  if (!pg.connected()) return pg.Error("cannot connect");
  if (Pq().setClientEncoding(pg.get(), "UTF8") != 0) return pg.Error("cannot use UTF8");
  if (Status s = pg.Exec("BEGIN", "BEGIN"); !s.ok()) return s;
  auto abort = [&](Status s) {
    // `s` is the failure to report; should the ROLLBACK fail too, the transaction still never
    // commits: PostgreSQL rolls it back when the connection closes.
    (void)pg.Exec("ROLLBACK", "ROLLBACK");
    return s;
  };
  if (!pg_schema.empty()) {
    if (Status s = pg.Exec("CREATE SCHEMA IF NOT EXISTS " + Quote(pg_schema), "cannot create schema " + pg_schema); !s.ok()) {
      return abort(s);
    }
    if (Status s = pg.Exec("SET LOCAL search_path TO " + Quote(pg_schema), "cannot use schema " + pg_schema); !s.ok()) {
      return abort(s);
    }
  }
  if (Status s = pg.Exec(PgDdl(*tables, true), "cannot create the tables"); !s.ok()) return abort(s);
  // Replace the whole set: re-running the export never duplicates a row.
  std::string truncate = "TRUNCATE ";
  for (size_t i = 0; i < tables->size(); ++i) truncate += (i ? ", " : "") + Quote((*tables)[i].name);
  if (Status s = pg.Exec(truncate, "cannot empty the tables"); !s.ok()) return abort(s);

  std::vector<ExportedTable> exported;
  for (const TableSchema& t : *tables) {
    std::string copy = "COPY " + Quote(t.name) + " (";
    for (size_t i = 0; i < t.columns.size(); ++i) copy += (i ? ", " : "") + Quote(t.columns[i].name);
    copy += ") FROM STDIN WITH (FORMAT csv)";
    int64_t rows = 0;
    Status s = pg.Copy(copy, [&](const std::function<Status(const std::string&)>& sink) -> Status {
      Result<int64_t> n = StreamRows(store::Connection(store), store.path(), t, "\n", sink);
      if (!n.ok()) return n.status();
      rows = *n;
      return Status::Ok();
    });
    if (!s.ok()) return abort(Status(s.code(), s.message() + " (table " + t.name + ")"));
    exported.push_back({t.name, rows});
  }
  if (Status s = pg.Exec("COMMIT", "cannot commit"); !s.ok()) return abort(s);
  return exported;
}

}  // namespace baocao
