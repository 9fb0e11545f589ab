// document_pages (docs/STORE.md): a PDF's pages as its extraction read them, written by Put,
// read back for `baocao serve`, and kept late for a document stored before schema version 3.
#include "baocao/store/pages.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "store/page_rows.h"
#include "store/sqlite.h"

namespace baocao::store {
namespace {

constexpr const char* kReadPages =
    "SELECT number, text, has_text_layer, read_by_ocr, words FROM document_pages WHERE document_id = ?1 ORDER BY number";
// Whether the document still holds those bytes, and whether it has pages already.
constexpr const char* kCanKeep =
    "SELECT (SELECT count(*) FROM documents WHERE id = ?1 AND sha256 = ?2), "
    "(SELECT count(*) FROM document_pages WHERE document_id = ?1)";
constexpr double kHundredths = 100;

// A box to the hundredth of a point (a scan's pixel at 300 dpi is 0.24 points): the JSON stays
// short, and the float's binary noise ("12.300000190734863") stays out of it.
double Rounded(float v) { return std::round(static_cast<double>(v) * kHundredths) / kHundredths; }

// The words of a stored page; a column that is not the array WordsJson writes gives none (the
// words are an aid to the text, never a reason to refuse the page).
std::vector<PdfWordBox> ParseWords(std::string_view text) {
  std::vector<PdfWordBox> words;
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) return words;
  for (const nlohmann::json& w : json) {
    if (!w.is_array() || w.size() != 8) return {};
    for (const nlohmann::json& field : w) {
      if (!field.is_number()) return {};
    }
    PdfWordBox box;
    box.begin = w[0].get<uint32_t>();
    box.end = w[1].get<uint32_t>();
    box.x0 = w[2].get<float>();
    box.y0 = w[3].get<float>();
    box.x1 = w[4].get<float>();
    box.y1 = w[5].get<float>();
    box.confidence = w[6].get<float>();
    box.uncertain_number = w[7].get<int>() != 0;
    words.push_back(box);
  }
  return words;
}

}  // namespace

std::string WordsJson(const PdfPage& page) {
  if (page.words.empty()) return {};
  nlohmann::json words = nlohmann::json::array();
  for (const PdfWordBox& w : page.words) {
    words.push_back({w.begin, w.end, Rounded(w.x0), Rounded(w.y0), Rounded(w.x1), Rounded(w.y1), Rounded(w.confidence),
                     w.uncertain_number ? 1 : 0});
  }
  return words.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void BindPage(Statement& st, int64_t document_id, const PdfPage& page, const std::string& words) {
  st.Int(1, document_id);
  st.Int(2, int64_t{page.number});
  st.Text(3, page.text);
  st.Int(4, int64_t{page.has_text_layer ? 1 : 0});
  st.Int(5, int64_t{page.read_by_ocr ? 1 : 0});
  st.TextOrNull(6, words);
}

Result<std::vector<PdfPage>> ReadPages(Store& store, int64_t id) {
  sqlite3* db = Connection(store);
  Statement st;
  if (st.Prepare(db, kReadPages) != SQLITE_OK) return SqliteError(db, store.path(), "cannot read the pages");
  st.Int(1, id);
  std::vector<PdfPage> pages;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    PdfPage& page = pages.emplace_back();
    page.number = static_cast<int>(st.ColumnInt(0));
    page.text = st.ColumnText(1);
    page.has_text_layer = st.ColumnInt(2) != 0;
    page.read_by_ocr = st.ColumnInt(3) != 0;
    if (!st.IsNull(4)) page.words = ParseWords(st.ColumnText(4));
  }
  if (rc != SQLITE_DONE) return SqliteError(db, store.path(), "cannot read the pages of document " + std::to_string(id));
  return pages;
}

namespace {

// KeepPages inside the transaction Begin() opened.
Result<bool> KeepPagesLocked(sqlite3* db, const std::string& db_path, int64_t id, std::string_view sha256,
                             const std::vector<PdfPage>& pages) {
  Statement check;
  if (check.Prepare(db, kCanKeep) != SQLITE_OK) return SqliteError(db, db_path, "cannot prepare the pages' check");
  check.Int(1, id);
  check.Text(2, sha256);
  if (check.Step() != SQLITE_ROW) return SqliteError(db, db_path, "cannot check document " + std::to_string(id));
  if (check.ColumnInt(0) == 0 || check.ColumnInt(1) > 0) return false;
  check.Reset();
  Statement insert;
  if (insert.Prepare(db, kInsertPage) != SQLITE_OK) return SqliteError(db, db_path, "cannot prepare the pages' insert");
  for (const PdfPage& page : pages) {
    const std::string words = WordsJson(page);
    BindPage(insert, id, page, words);
    if (insert.Step() != SQLITE_DONE) {
      return SqliteError(db, db_path, "cannot insert into document_pages for document " + std::to_string(id));
    }
    insert.Reset();
  }
  return true;
}

}  // namespace

Result<bool> KeepPages(Store& store, int64_t id, std::string_view sha256, const std::vector<PdfPage>& pages) {
  if (Status s = store.Begin(); !s.ok()) return s;
  Result<bool> kept = KeepPagesLocked(Connection(store), store.path(), id, sha256, pages);
  if (!kept.ok()) {
    // The write's own error is the one to report; a failed rollback leaves SQLite to undo the
    // transaction when the connection closes.
    (void)store.Rollback();
    return kept;
  }
  if (Status s = store.Commit(); !s.ok()) return s;
  return kept;
}

}  // namespace baocao::store
