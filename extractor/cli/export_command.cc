// `baocao export`: the store's tables as CSV files (with a PostgreSQL schema.sql) or straight
// into PostgreSQL. The work is the library's (ExportCsv, ExportPostgres in store.h).
#include <iostream>

#include "baocao/store/store.h"
#include "cli.h"

namespace baocao::cli {
namespace {

constexpr const char* kExportHelp = R"(Usage: baocao export [--db FILE] --csv DIR
       baocao export [--db FILE] --postgres DSN [--pg-schema NAME]

Exports every table of a store (docs/STORE.md), read in one snapshot, ids kept so rows still
join.

  --csv DIR        DIR/<table>.csv for each table (RFC 4180, UTF-8, header row; NULL is an
                   empty field, an empty text is ""; the source bytes as bytea hex "\x..."),
                   and DIR/schema.sql, which creates the same tables in PostgreSQL (its
                   comment lists the psql \copy lines that load the files)
  --postgres DSN   load into PostgreSQL (libpq: "host=H port=P dbname=D user=U" or a
                   postgresql:// URI) in one transaction: tables, columns and indexes created
                   when missing (JSONB for JSON columns, BYTEA for the source), then the tables
                   emptied and filled with COPY; running it again leaves the same rows
  --pg-schema NAME the PostgreSQL schema to fill (created when missing; default: the
                   connection's search_path)

Options:
      --db FILE        the store (default ./baocao.sqlite); opened read-only
  -q, --quiet          no per-table row counts
  -h, --help           this help

Prints one line per table: its name and the number of rows exported.
Exit status: 0 success; 2 usage error; 8 the store or the export target failed (a PostgreSQL
failure leaves the target as it was).
)";

}  // namespace

int ExportCommand(const std::vector<std::string>& args) {
  std::string db = "baocao.sqlite", csv_dir, dsn, pg_schema;
  bool quiet = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) -> bool {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    if (a == "-h" || a == "--help") {
      std::cout << kExportHelp;
      return kExitOk;
    }
    if (a == "--db") {
      if (!value(&db)) return Usage("--db needs a file");
    } else if (a == "--csv") {
      if (!value(&csv_dir)) return Usage("--csv needs a folder");
    } else if (a == "--postgres") {
      if (!value(&dsn)) return Usage("--postgres needs a connection string");
    } else if (a == "--pg-schema") {
      if (!value(&pg_schema)) return Usage("--pg-schema needs a name");
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else {
      return Usage("unknown argument '" + a + "'");
    }
  }
  if (csv_dir.empty() == dsn.empty()) return Usage("export needs exactly one of --csv DIR and --postgres DSN");
  if (!pg_schema.empty() && dsn.empty()) return Usage("--pg-schema goes with --postgres");

  StoreOptions read_only;
  read_only.read_only = true;
  Result<Store> store = Store::Open(db, read_only);
  if (!store.ok()) {
    std::cerr << "baocao: " << store.status().ToString() << "\n";
    return kExitStore;
  }
  Result<std::vector<ExportedTable>> exported =
      csv_dir.empty() ? ExportPostgres(*store, dsn, pg_schema) : ExportCsv(*store, csv_dir);
  if (!exported.ok()) {
    std::cerr << "baocao: " << exported.status().ToString() << "\n";
    return kExitStore;
  }
  if (!quiet) {
    for (const ExportedTable& t : *exported) std::cout << Pad(t.name, 22) << t.rows << "\n";
  }
  return kExitOk;
}

}  // namespace baocao::cli
