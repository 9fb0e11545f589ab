#include "store/sqlite.h"

#include "baocao/normalize/text.h"

namespace baocao::store {

namespace {

void Fold(sqlite3_context* context, int, sqlite3_value** args) {
  if (sqlite3_value_type(args[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
  const std::string key = FoldKey(std::string_view(text ? text : "", static_cast<size_t>(sqlite3_value_bytes(args[0]))));
  sqlite3_result_text64(context, key.data(), key.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

Status RegisterFunctions(sqlite3* db) {
  if (sqlite3_create_function_v2(db, "baocao_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                 Fold, nullptr, nullptr, nullptr) != SQLITE_OK) {
    const char* file = sqlite3_db_filename(db, "main");
    return Status(ErrorCode::kStore, std::string(file ? file : "store") + ": cannot register baocao_fold");
  }
  return Status::Ok();
}

Status SqliteError(sqlite3* db, const std::string& db_path, std::string_view what) {
  std::string message = db_path + ": " + std::string(what);
  if (db) message += std::string(": ") + sqlite3_errmsg(db);
  return Status(ErrorCode::kStore, std::move(message));
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

int Statement::Prepare(sqlite3* db, const char* sql) {
  if (stmt_) return SQLITE_OK;
  return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::ColumnText(int col) {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt_, col));
}

std::optional<std::string> Statement::ColumnOptText(int col) {
  if (IsNull(col)) return std::nullopt;
  return ColumnText(col);
}

std::string Statement::ColumnBlob(int col) { return std::string(ColumnBlobView(col)); }

std::string_view Statement::ColumnBlobView(int col) {
  const void* data = sqlite3_column_blob(stmt_, col);
  if (!data) return {};
  return std::string_view(static_cast<const char*>(data), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

int Exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

}  // namespace baocao::store
