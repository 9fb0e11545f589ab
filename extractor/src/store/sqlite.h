// The one place that talks to SQLite's C API (with the files of store/ that include it): a prepared statement that finalizes itself, and
// errors turned into kStore Status values that name the database file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "baocao/core/status.h"
#include "baocao/store/store.h"

namespace baocao::store {

// A Store's connection, for the files of store/ (and the store's own tests): every other
// component reads and writes through the functions those files declare. It stays owned by
// the Store; do not close it.
class Access {
 public:
  static sqlite3* Connection(Store& store);
};
inline sqlite3* Connection(Store& store) { return Access::Connection(store); }

// SQL functions every connection of a Store has: baocao_fold(text), the diacritic-free,
// case-folded key of normalize/text.h's FoldKey ("Chí Linh" -> "chi linh"), so that searches
// find "Chí Linh" from "chi linh". NULL gives NULL.
Status RegisterFunctions(sqlite3* db);

// kStore: "DB: WHAT: SQLite's message".
Status SqliteError(sqlite3* db, const std::string& db_path, std::string_view what);

// A prepared statement, reused: Reset() clears the previous row and bindings. Binding indexes
// are 1-based, as in SQL's ?1, ?2. Text and blobs are bound without copying (SQLITE_STATIC):
// they must outlive the Step() that reads them.
class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  // Prepares `sql` once (a no-op when already prepared); SQLITE_OK or the error code.
  int Prepare(sqlite3* db, const char* sql);
  bool prepared() const { return stmt_ != nullptr; }
  sqlite3_stmt* get() { return stmt_; }

  void Reset();
  void Null(int i) { sqlite3_bind_null(stmt_, i); }
  void Int(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Double(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void Text(int i, std::string_view v) { sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8); }
  void Blob(int i, std::string_view v) { sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_STATIC); }
  // Empty text stored as NULL: the schema's optional text columns.
  void TextOrNull(int i, std::string_view v) { v.empty() ? Null(i) : Text(i, v); }
  // Optional values: nullopt stored as NULL.
  void OptText(int i, const std::optional<std::string>& v) { v ? Text(i, std::string_view(*v)) : Null(i); }
  void OptDouble(int i, const std::optional<double>& v) { v ? Double(i, *v) : Null(i); }
  void OptInt(int i, const std::optional<int>& v) { v ? Int(i, int64_t{*v}) : Null(i); }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }

  bool IsNull(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t ColumnInt(int col) { return sqlite3_column_int64(stmt_, col); }
  double ColumnDouble(int col) { return sqlite3_column_double(stmt_, col); }
  std::string ColumnText(int col);
  std::optional<std::string> ColumnOptText(int col);
  std::string ColumnBlob(int col);
  // The blob without a copy: valid until the next Step() or Reset().
  std::string_view ColumnBlobView(int col);

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// Runs SQL without results (several statements allowed); SQLITE_OK or the error code.
int Exec(sqlite3* db, const char* sql);

}  // namespace baocao::store
