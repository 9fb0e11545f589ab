// `baocao export`: CSV files that read back to exactly the store's values, a schema.sql that
// PostgreSQL accepts, and --postgres against a real PostgreSQL server started here on
// loopback (Debian's postgresql package); when no server can be started the PostgreSQL tests
// are SKIPPED, never passed.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <memory>

#include "store_test_util.h"

namespace baocao::store_test {
namespace {

const std::string kDocs = std::string(BAOCAO_CORPUS_DIR) + "/docs";

// A store with the four corpus documents and one failed input.
void MakeStore(const TempDir& dir, const std::string& db) {
  WriteFile(dir.path() / "bad" / "empty.txt", "\n");
  ASSERT_EQ(Baocao(Ingest(kDocs + " " + (dir / "bad") + " --db " + db)).status, 4);
}

// RFC 4180 reader: rows of fields; nullopt is an unquoted empty field (NULL).
std::vector<std::vector<std::optional<std::string>>> ParseCsv(const std::string& text, bool* crlf_only) {
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::vector<std::optional<std::string>> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  *crlf_only = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
      continue;
    }
    if (c == '"') {
      quoted = was_quoted = true;
    } else if (c == ',' || c == '\r' || c == '\n') {
      if (c == '\n' && (i == 0 || text[i - 1] != '\r')) *crlf_only = false;
      if (c == '\n') continue;
      row.push_back(field.empty() && !was_quoted ? std::nullopt : std::optional<std::string>(field));
      field.clear();
      was_quoted = false;
      if (c == '\r') rows.push_back(std::move(row)), row.clear();
    } else {
      field += c;
    }
  }
  return rows;
}

std::string Hex(const void* data, int n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  for (int i = 0; i < n; ++i) {
    unsigned char b = static_cast<const unsigned char*>(data)[i];
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

TEST(ExportCsv, EveryTableReadsBackToTheStoresValues) {
  TempDir dir;
  std::string db = dir / "s.sqlite";
  MakeStore(dir, db);
  Outcome run = Baocao("export --db " + db + " --csv " + (dir / "csv"));
  ASSERT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("documents"), std::string::npos);
  ASSERT_TRUE(std::filesystem::exists(dir.path() / "csv" / "schema.sql"));

  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  int tables = 0;
  for (const std::string& table : Query(handle, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    ++tables;
    std::string text = testing_util::ReadBytes(dir.path() / "csv" / (table + ".csv"));
    bool crlf_only = false;
    auto rows = ParseCsv(text, &crlf_only);
    EXPECT_TRUE(crlf_only) << table;
    ASSERT_FALSE(rows.empty()) << table;   // the header row at least
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(handle, ("SELECT * FROM " + table + " ORDER BY 1").c_str(), -1, &st, nullptr), SQLITE_OK);
    int columns = sqlite3_column_count(st);
    ASSERT_EQ(rows[0].size(), static_cast<size_t>(columns)) << table;
    for (int c = 0; c < columns; ++c) EXPECT_EQ(rows[0][c].value_or(""), sqlite3_column_name(st, c));
    size_t r = 1;
    for (; sqlite3_step(st) == SQLITE_ROW; ++r) {
      ASSERT_LT(r, rows.size()) << table;
      ASSERT_EQ(rows[r].size(), static_cast<size_t>(columns)) << table << " row " << r;
      for (int c = 0; c < columns; ++c) {
        const std::optional<std::string>& field = rows[r][c];
        std::string where = table + "." + sqlite3_column_name(st, c) + " row " + std::to_string(r);
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_NULL: EXPECT_FALSE(field.has_value()) << where; break;
          case SQLITE_INTEGER: EXPECT_EQ(field.value_or("?"), std::to_string(sqlite3_column_int64(st, c))) << where; break;
          case SQLITE_FLOAT: {
            double parsed = 0;
            std::string f = field.value_or("?");
            std::from_chars(f.data(), f.data() + f.size(), parsed);
            EXPECT_EQ(parsed, sqlite3_column_double(st, c)) << where;   // exact, not approximately
            break;
          }
          case SQLITE_BLOB:
            EXPECT_EQ(field.value_or("?"), Hex(sqlite3_column_blob(st, c), sqlite3_column_bytes(st, c))) << where;
            break;
          default:
            EXPECT_EQ(field.value_or("(null)"),
                      std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c)), sqlite3_column_bytes(st, c)))
                << where;
        }
      }
    }
    sqlite3_finalize(st);
    EXPECT_EQ(r, rows.size()) << table;
  }
  sqlite3_close(handle);
  EXPECT_EQ(tables, 11);   // document_pages since schema version 3, flag_reviews since 4
}

TEST(ExportCsv, FactsSayWhoseFigureAndOfWhatKindAndSchemaSqlTypesThem) {
  TempDir dir;
  std::string db = dir / "s.sqlite";
  MakeStore(dir, db);
  ASSERT_EQ(Baocao("export --db " + db + " --csv " + (dir / "csv")).status, 0);
  bool crlf_only = false;
  auto rows = ParseCsv(testing_util::ReadBytes(dir.path() / "csv" / "facts.csv"), &crlf_only);
  ASSERT_GT(rows.size(), 1u);
  auto column = [&](const std::string& name) {
    auto at = std::find(rows[0].begin(), rows[0].end(), std::optional<std::string>(name));
    EXPECT_NE(at, rows[0].end()) << name;
    return static_cast<size_t>(at - rows[0].begin());
  };
  size_t scope = column("scope"), qualifiers = column("qualifiers");
  column("basis");
  // The corpus's reports give communes' figures ("cấp xã") and kinds ("trực tuyến").
  size_t scoped = 0, qualified = 0;
  for (size_t r = 1; r < rows.size(); ++r) {
    scoped += rows[r].at(scope).has_value();
    if (rows[r].at(qualifiers)) {
      ++qualified;
      EXPECT_EQ(rows[r][qualifiers]->front(), '[') << *rows[r][qualifiers];   // a JSON array
    }
  }
  EXPECT_GT(scoped, 0u);
  EXPECT_GT(qualified, 0u);
  std::string schema = testing_util::ReadBytes(dir.path() / "csv" / "schema.sql");
  EXPECT_NE(schema.find("\"qualifiers\" JSONB"), std::string::npos);
  EXPECT_NE(schema.find("\"scope\" TEXT"), std::string::npos);
  EXPECT_NE(schema.find("\"basis\" TEXT"), std::string::npos);
}

TEST(ExportCommand, UsageAndFailures) {
  TempDir dir;
  EXPECT_EQ(Baocao("export").status, 2);                                              // no target
  EXPECT_EQ(Baocao("export --csv a --postgres b").status, 2);                         // two targets
  EXPECT_EQ(Baocao("export --help").status, 0);
  EXPECT_EQ(Baocao("export --db " + (dir / "missing.sqlite") + " --csv " + (dir / "csv")).status, 8);
  std::string db = dir / "s.sqlite";
  MakeStore(dir, db);
  // Nothing listens on port 1: a store failure (8) naming PostgreSQL, not a crash.
  Outcome run = Baocao("export --db " + db + " --postgres 'host=127.0.0.1 port=1 dbname=x connect_timeout=2'", true);
  EXPECT_EQ(run.status, 8);
  EXPECT_NE(run.out.find("postgres"), std::string::npos) << run.out;
}

// A PostgreSQL server of Debian's package, in a temporary folder, on a free loopback port, run
// as the `postgres` user when this test runs as root. Stopped and removed at the end.
class PostgresServer {
 public:
  static std::unique_ptr<PostgresServer> Start(std::string* why) {
    std::string bin;
    for (const char* version : {"17", "16", "15", "14", "13"}) {
      std::string candidate = std::string("/usr/lib/postgresql/") + version + "/bin";
      if (access((candidate + "/initdb").c_str(), X_OK) == 0) {
        bin = candidate;
        break;
      }
    }
    if (bin.empty()) {
      *why = "no PostgreSQL server binaries under /usr/lib/postgresql";
      return nullptr;
    }
    auto server = std::unique_ptr<PostgresServer>(new PostgresServer());
    server->bin_ = bin;
    std::string pattern = (std::filesystem::temp_directory_path() / "baocao-pg-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
      *why = "cannot create a temporary folder";
      return nullptr;
    }
    server->dir_ = pattern;
    if (geteuid() == 0) {
      passwd* pw = getpwnam("postgres");
      if (!pw || chown(pattern.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        *why = "running as root and no 'postgres' user to run the server as";
        return nullptr;
      }
      server->as_ = "runuser -u postgres -- ";
    }
    int port = FreePort();
    if (port <= 0) {
      *why = "no free loopback port";
      return nullptr;
    }
    std::string d = server->dir_;
    std::string initdb = server->as_ + bin + "/initdb -D " + d + "/data -A trust -U postgres -E UTF8 --locale=C --no-sync > " +
                         d + "/initdb.log 2>&1";
    if (std::system(initdb.c_str()) != 0) {
      *why = "initdb failed: " + testing_util::ReadBytes(d + "/initdb.log");
      return nullptr;
    }
    std::string start = server->as_ + bin + "/pg_ctl -D " + d + "/data -l " + d + "/server.log -w -t 60 -o \"-p " +
                        std::to_string(port) + " -k " + d + " -c listen_addresses=127.0.0.1 -F\" start > /dev/null 2>&1";
    if (std::system(start.c_str()) != 0) {
      *why = "the server did not start: " + testing_util::ReadBytes(d + "/server.log");
      return nullptr;
    }
    server->started_ = true;
    server->dsn_ = "host=127.0.0.1 port=" + std::to_string(port) + " user=postgres dbname=postgres";
    return server;
  }

  ~PostgresServer() {
    if (started_) std::system((as_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate stop > /dev/null 2>&1").c_str());
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  const std::string& dsn() const { return dsn_; }

 private:
  PostgresServer() = default;

  static int FreePort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = -1;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port = ntohs(addr.sin_port);
    }
    close(fd);
    return port;
  }

  std::string bin_, dir_, as_, dsn_;
  bool started_ = false;
};

// A libpq connection for the checks.
class Pg {
 public:
  explicit Pg(const std::string& dsn) : conn_(PQconnectdb(dsn.c_str())) {}
  ~Pg() { PQfinish(conn_); }
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }
  // The rows of a query, each field as text ("NULL" for NULL), joined by '|'.
  std::vector<std::string> Rows(const std::string& sql) {
    std::vector<std::string> out;
    PGresult* r = PQexec(conn_, sql.c_str());
    if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
      out.push_back(std::string("ERROR ") + PQerrorMessage(conn_));
    } else {
      for (int i = 0; i < PQntuples(r); ++i) {
        std::string row;
        for (int j = 0; j < PQnfields(r); ++j) {
          if (j) row += '|';
          row += PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j);
        }
        out.push_back(std::move(row));
      }
    }
    PQclear(r);
    return out;
  }
  std::string One(const std::string& sql) {
    std::vector<std::string> rows = Rows(sql);
    return rows.size() == 1 ? rows[0] : "(" + std::to_string(rows.size()) + " rows)";
  }
  PGconn* get() { return conn_; }

 private:
  PGconn* conn_;
};

std::vector<std::string> StoreTables(const std::string& db) {
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  std::vector<std::string> tables = Query(handle, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  sqlite3_close(handle);
  return tables;
}

class ExportPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    server_ = PostgresServer::Start(&why);
    if (!server_) GTEST_SKIP() << "PostgreSQL could not be started: " << why;
  }
  std::unique_ptr<PostgresServer> server_;
};

TEST_F(ExportPostgres, LoadsEveryRowAndLoadsAgainWithoutDuplicates) {
  TempDir dir;
  std::string db = dir / "s.sqlite";
  MakeStore(dir, db);
  std::string dsn = server_->dsn();
  ASSERT_EQ(Baocao("export --db " + db + " --postgres '" + dsn + "'").status, 0);
  Pg pg(dsn);
  ASSERT_TRUE(pg.ok());
  for (const std::string& table : StoreTables(db)) {
    EXPECT_EQ(pg.One("SELECT count(*) FROM " + table), std::to_string(Count(db, table))) << table;
  }
  EXPECT_EQ(pg.One("SELECT count(*) FROM documents"), "4");
  // Values round-trip: every source byte (its sha256 recomputed by PostgreSQL), JSONB, reals.
  EXPECT_EQ(pg.One("SELECT count(*) FROM documents WHERE encode(sha256(source), 'hex') <> sha256"), "0");
  EXPECT_EQ(pg.One("SELECT extraction->'meta'->>'ward' FROM documents WHERE path LIKE '%chi-linh-2026-01-report.txt'"),
            "Chí Linh");
  EXPECT_EQ(pg.One("SELECT stated, computed, evidence->0->>'line', indicators->>0 FROM flags "
                   "WHERE kind = 'sum_mismatch' AND stated = 377"),
            "377|378|127|tthc.procedures_total");
  EXPECT_EQ(pg.One("SELECT pg_typeof(extraction)::text || ' ' || pg_typeof(source)::text || ' ' || pg_typeof(value)::text "
                   "FROM documents, facts LIMIT 1"),
            "jsonb bytea double precision");
  EXPECT_EQ(pg.One("SELECT count(*) > 0 FROM facts WHERE jsonb_typeof(qualifiers) = 'array' AND scope IS NULL"), "t");
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  std::vector<std::string> sqlite_rows = Query(handle, "SELECT id, span_text, CASE WHEN value IS NULL THEN 'NULL' ELSE printf('%!.17g', value) END FROM facts ORDER BY id");
  std::vector<std::string> errors = Query(handle, "SELECT path, code, message FROM errors");
  sqlite3_close(handle);
  std::vector<std::string> pg_rows = pg.Rows("SELECT id, span_text, value FROM facts ORDER BY id");
  ASSERT_EQ(pg_rows.size(), sqlite_rows.size());
  for (size_t i = 0; i < pg_rows.size(); ++i) {
    // Same id and text; the value read back is the same double.
    std::string a = pg_rows[i], b = sqlite_rows[i];
    std::string a_value = a.substr(a.rfind('|') + 1), b_value = b.substr(b.rfind('|') + 1);
    EXPECT_EQ(a.substr(0, a.rfind('|')), b.substr(0, b.rfind('|')));
    if (a_value == "NULL" || b_value == "NULL") {
      EXPECT_EQ(a_value, b_value);
    } else {
      EXPECT_EQ(std::stod(a_value), std::stod(b_value)) << a << " vs " << b;
    }
  }
  EXPECT_EQ(pg.Rows("SELECT path, code, message FROM errors"), errors);

  // Again, after one more document: the same rows plus that document's, nothing twice.
  WriteFile(dir.path() / "more" / "copy.txt", testing_util::ReadBytes(kDocs + "/hong-bang-2026-plan.txt"));
  ASSERT_EQ(Baocao(Ingest((dir / "more") + " --db " + db)).status, 0);
  ASSERT_EQ(Baocao("export --db " + db + " --postgres '" + dsn + "'").status, 0);
  for (const std::string& table : StoreTables(db)) {
    EXPECT_EQ(pg.One("SELECT count(*) FROM " + table), std::to_string(Count(db, table))) << table;
  }
  EXPECT_EQ(pg.One("SELECT count(*) FROM documents"), "5");
  ASSERT_EQ(Baocao("export --db " + db + " --postgres '" + dsn + "'").status, 0);
  EXPECT_EQ(pg.One("SELECT count(*) FROM mentions"), std::to_string(Count(db, "mentions")));
  // Foreign keys hold in PostgreSQL too.
  EXPECT_EQ(pg.One("SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.document_id WHERE d.id IS NULL"), "0");
}

TEST_F(ExportPostgres, CsvFilesLoadWithTheirSchemaSql) {
  TempDir dir;
  std::string db = dir / "s.sqlite";
  MakeStore(dir, db);
  ASSERT_EQ(Baocao("export --db " + db + " --csv " + (dir / "csv")).status, 0);
  Pg pg(server_->dsn());
  ASSERT_TRUE(pg.ok());
  ASSERT_EQ(pg.Rows("CREATE SCHEMA from_csv; SET search_path TO from_csv"), std::vector<std::string>{});
  std::string schema = testing_util::ReadBytes(dir.path() / "csv" / "schema.sql");
  ASSERT_EQ(pg.Rows(schema), std::vector<std::string>{});
  // The order the schema.sql comment gives: parents first.
  for (const std::string& line : {std::string("documents"), std::string("document_pages"), std::string("document_references"), std::string("document_tables"),
                                  std::string("errors"), std::string("facts"), std::string("flags"), std::string("mentions"),
                                  std::string("store_info"), std::string("corpus_flags")}) {
    PGresult* r = PQexec(pg.get(), ("COPY " + line + " FROM STDIN WITH (FORMAT csv, HEADER true)").c_str());
    ASSERT_EQ(PQresultStatus(r), PGRES_COPY_IN) << PQerrorMessage(pg.get());
    PQclear(r);
    std::string bytes = testing_util::ReadBytes(dir.path() / "csv" / (line + ".csv"));
    ASSERT_EQ(PQputCopyData(pg.get(), bytes.data(), static_cast<int>(bytes.size())), 1);
    ASSERT_EQ(PQputCopyEnd(pg.get(), nullptr), 1);
    r = PQgetResult(pg.get());
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << line << ": " << PQerrorMessage(pg.get());
    PQclear(r);
    while ((r = PQgetResult(pg.get()))) PQclear(r);
    EXPECT_EQ(pg.One("SELECT count(*) FROM " + line), std::to_string(Count(db, line))) << line;
  }
  EXPECT_EQ(pg.One("SELECT count(*) FROM documents WHERE encode(sha256(source), 'hex') <> sha256"), "0");
  EXPECT_EQ(pg.One("SELECT jsonb_array_length(header) > 0 FROM document_tables ORDER BY id LIMIT 1"), "t");
}

}  // namespace
}  // namespace baocao::store_test
