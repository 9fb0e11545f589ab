// Helpers of the store tests: temporary folders, a corpus of varied copies of the bundled
// documents, running the CLI, and a canonical dump of a store to compare two stores by.
#pragma once

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "corpus_util.h"

namespace baocao::store_test {

namespace fs = std::filesystem;

// A fresh folder under the system's temporary folder, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "baocao-store-XXXXXX").string();
    if (char* made = mkdtemp(pattern.data())) path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

inline void WriteFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// `count` documents in `dir` (doc-00000.txt ...): the bundled corpus documents in turn, each
// with one sentence of its own appended (its number and a count of dossiers), so that every
// copy has its own sha256 and its own mentions.
inline std::vector<std::string> MakeCorpus(const fs::path& dir, int count) {
  std::vector<std::string> originals;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(BAOCAO_CORPUS_DIR) / "docs")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) originals.push_back(testing_util::ReadBytes(f));
  std::vector<std::string> names;
  for (int k = 0; k < count; ++k) {
    char name[32];
    std::snprintf(name, sizeof name, "doc-%05d.txt", k);
    std::string text = originals[k % originals.size()] + "\nGhi chú bổ sung số " + std::to_string(k) +
                       ": đã tiếp nhận " + std::to_string(k * 37 % 1000) + " hồ sơ trực tuyến trong năm 2025.\n";
    WriteFile(dir / name, text);
    names.push_back(name);
  }
  return names;
}

struct Outcome {
  int status = -1;   // exit status, or 128 + signal
  std::string out;   // standard output
};

// Runs the baocao binary with `args` (a shell fragment); standard error is discarded unless
// `keep_stderr`, in which case it is appended to `out`.
inline Outcome Baocao(const std::string& args, bool keep_stderr = false) {
  std::string command = std::string(BAOCAO_BINARY) + " " + args + (keep_stderr ? " 2>&1" : " 2>/dev/null");
  Outcome result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.out.append(buf, n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
  return result;
}

inline std::string Ingest(const std::string& args) {
  return "ingest --quiet --rules " + std::string(BAOCAO_RULES_DIR) + " " + args;
}

// Runs one query and returns its rows, each rendered as SQL literals (quote()) joined by '|'.
inline std::vector<std::string> Query(sqlite3* db, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    rows.push_back("ERROR " + std::string(sqlite3_errmsg(db)) + " in " + sql);
    return rows;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const unsigned char* text = sqlite3_column_text(st, i);
      if (i) row += '|';
      row += text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  return rows;
}

inline int64_t Count(const std::string& db_path, const std::string& table) {
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    std::vector<std::string> rows = Query(db, "SELECT count(*) FROM " + table);
    if (rows.size() == 1 && rows[0].rfind("ERROR", 0) != 0) n = std::stoll(rows[0]);
  }
  sqlite3_close(db);
  return n;
}

// Every table of the store, every row, in a form that does not depend on the order documents
// were written in: ids and document_ids replaced by the document's path, the times
// (ingested_at, errors.at) left out, every value as an SQL literal, rows sorted. Two stores
// with the same documents give the same dump. `only_paths`: keep the rows of these documents
// (and nothing of other tables).
inline std::string CanonicalDump(const std::string& db_path, const std::optional<std::set<std::string>>& only_paths = {}) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "cannot open " + db_path;
  std::string dump;
  for (const std::string& table : Query(db, "SELECT quote(name) FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    std::string name = table.substr(1, table.size() - 2);
    std::vector<std::string> columns = Query(db, "SELECT name FROM pragma_table_info('" + name + "') ORDER BY cid");
    bool per_document = name == "documents" ||
                        std::find(columns.begin(), columns.end(), "document_id") != columns.end();
    if (only_paths && !per_document) continue;
    std::string select = "SELECT ";
    std::string path_expr;
    bool first = true;
    for (const std::string& c : columns) {
      if (c == "id" || c == "ingested_at" || (name == "errors" && c == "at")) continue;
      std::string expr = c == "document_id" ? "(SELECT path FROM documents d WHERE d.id = document_id)" : c;
      if (name == "documents" && c == "path") path_expr = "path";
      if (c == "document_id") path_expr = expr;
      select += (first ? "quote(" : " || '|' || quote(") + expr + ")";
      first = false;
    }
    if (!path_expr.empty()) select = "SELECT " + path_expr + ", " + select.substr(7);
    else select = "SELECT '', " + select.substr(7);
    select += " FROM " + name;
    std::vector<std::string> rows;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, select.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      dump += "ERROR " + std::string(sqlite3_errmsg(db)) + "\n";
      continue;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string path = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      if (only_paths && !only_paths->count(path)) continue;
      rows.push_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    }
    sqlite3_finalize(st);
    std::sort(rows.begin(), rows.end());
    dump += "== " + name + " (" + std::to_string(rows.size()) + " rows)\n";
    for (const std::string& row : rows) dump += row + "\n";
  }
  sqlite3_close(db);
  return dump;
}

// The paths stored in `documents`.
inline std::set<std::string> StoredPaths(const std::string& db_path) {
  sqlite3* db = nullptr;
  std::set<std::string> paths;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    for (const std::string& p : Query(db, "SELECT path FROM documents")) paths.insert(p);
  }
  sqlite3_close(db);
  return paths;
}

}  // namespace baocao::store_test
