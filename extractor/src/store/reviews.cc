// flag_reviews (docs/STORE.md, schema version 4): the auditors' marks, keyed by the document's
// bytes and the flag's key, so that they outlive the rows of one extraction.
#include "baocao/store/reviews.h"

#include <array>
#include <ctime>

#include "baocao/store/store.h"
#include "store/sqlite.h"

namespace baocao::store {
namespace {

constexpr std::array<std::string_view, 3> kVerdicts = {"confirmed", "false_alarm", "follow_up"};

// The document's bytes and its flags' keys in id order, which is the order of its extraction's
// "flags" (Put inserts them so).
constexpr const char* kDocumentFlags =
    "SELECT d.sha256, f.key, r.verdict, r.comment, r.reviewer, r.at FROM documents d "
    "LEFT JOIN flags f ON f.document_id = d.id "
    "LEFT JOIN flag_reviews r ON r.sha256 = d.sha256 AND r.flag_key = f.key WHERE d.id = ?1 ORDER BY f.id";
constexpr const char* kUpsert =
    "INSERT INTO flag_reviews (sha256, flag_key, verdict, comment, reviewer, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT(sha256, flag_key) DO UPDATE SET verdict = excluded.verdict, comment = excluded.comment, "
    "reviewer = excluded.reviewer, at = excluded.at";
constexpr const char* kDelete = "DELETE FROM flag_reviews WHERE sha256 = ?1 AND flag_key = ?2";
// A mark's flag: any stored document with those bytes (the same file may be stored twice).
constexpr const char* kAll =
    "SELECT (SELECT d.path FROM documents d JOIN flags f ON f.document_id = d.id "
    "        WHERE d.sha256 = r.sha256 AND f.key = r.flag_key ORDER BY d.path LIMIT 1) AS path, "
    "r.sha256, r.flag_key, r.verdict, r.comment, r.reviewer, r.at FROM flag_reviews r ORDER BY path, r.flag_key";
constexpr const char* kFlagOfPath =
    "SELECT f.kind, f.severity, f.rule, f.evidence FROM flags f JOIN documents d ON d.id = f.document_id "
    "WHERE d.path = ?1 AND f.key = ?2 LIMIT 1";

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[sizeof "2026-12-07T21:40:00Z"];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The bytes of document `id` and the key of its flag number `flag` (by id, as ReviewsOfDocument
// numbers them), in one query; kNotFound when either is missing.
constexpr const char* kFlagPlace =
    "SELECT d.sha256, (SELECT f.key FROM flags f WHERE f.document_id = d.id ORDER BY f.id LIMIT 1 OFFSET ?2) "
    "FROM documents d WHERE d.id = ?1";

Result<std::pair<std::string, std::string>> FlagPlace(Store& store, int64_t id, int64_t flag) {
  sqlite3* db = Connection(store);
  Statement st;
  if (st.Prepare(db, kFlagPlace) != SQLITE_OK) return SqliteError(db, store.path(), "cannot prepare a flag's place");
  st.Int(1, id);
  st.Int(2, flag);
  const int rc = st.Step();
  if (rc == SQLITE_DONE) return Status(ErrorCode::kNotFound, "no document " + std::to_string(id));
  if (rc != SQLITE_ROW) return SqliteError(db, store.path(), "cannot read document " + std::to_string(id));
  if (flag < 0 || st.IsNull(1)) {
    return Status(ErrorCode::kNotFound, "document " + std::to_string(id) + " has no flag " + std::to_string(flag));
  }
  return std::make_pair(st.ColumnText(0), st.ColumnText(1));
}

}  // namespace

bool IsVerdict(std::string_view verdict) {
  for (std::string_view v : kVerdicts) {
    if (v == verdict) return true;
  }
  return false;
}

Result<std::vector<DocumentFlagReview>> ReviewsOfDocument(Store& store, int64_t id) {
  sqlite3* db = Connection(store);
  Statement st;
  if (st.Prepare(db, kDocumentFlags) != SQLITE_OK) return SqliteError(db, store.path(), "cannot read review marks");
  st.Int(1, id);
  std::vector<DocumentFlagReview> out;
  bool found = false;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    found = true;
    if (st.IsNull(1)) continue;   // a document without flags: its one row has none
    DocumentFlagReview& r = out.emplace_back();
    r.flag = static_cast<int64_t>(out.size()) - 1;
    r.key = st.ColumnText(1);
    if (!st.IsNull(2)) r.review = FlagReview{st.ColumnText(2), st.ColumnText(3), st.ColumnText(4), st.ColumnText(5)};
  }
  if (rc != SQLITE_DONE) return SqliteError(db, store.path(), "cannot read review marks of document " + std::to_string(id));
  if (!found) return Status(ErrorCode::kNotFound, "no document " + std::to_string(id));
  return out;
}

Result<FlagReview> SetReview(Store& store, int64_t id, int64_t flag, std::string_view verdict, std::string_view comment,
                             std::string_view reviewer) {
  if (!IsVerdict(verdict)) return Status(ErrorCode::kUsage, "a verdict is confirmed, false_alarm or follow_up");
  Result<std::pair<std::string, std::string>> place = FlagPlace(store, id, flag);
  if (!place.ok()) return place.status();
  FlagReview review{std::string(verdict), std::string(comment), std::string(reviewer), UtcNow()};
  sqlite3* db = Connection(store);
  Statement st;
  if (st.Prepare(db, kUpsert) != SQLITE_OK) return SqliteError(db, store.path(), "cannot prepare a review mark");
  st.Text(1, place->first);
  st.Text(2, place->second);
  st.Text(3, review.verdict);
  st.Text(4, review.comment);
  st.Text(5, review.reviewer);
  st.Text(6, review.at);
  if (st.Step() != SQLITE_DONE) return SqliteError(db, store.path(), "cannot write a review mark");
  return review;
}

Result<bool> ClearReview(Store& store, int64_t id, int64_t flag) {
  Result<std::pair<std::string, std::string>> place = FlagPlace(store, id, flag);
  if (!place.ok()) return place.status();
  sqlite3* db = Connection(store);
  Statement st;
  if (st.Prepare(db, kDelete) != SQLITE_OK) return SqliteError(db, store.path(), "cannot prepare a review removal");
  st.Text(1, place->first);
  st.Text(2, place->second);
  if (st.Step() != SQLITE_DONE) return SqliteError(db, store.path(), "cannot remove a review mark");
  return sqlite3_changes(db) > 0;
}

Result<std::vector<ReviewExportRow>> AllReviews(Store& store) {
  sqlite3* db = Connection(store);
  Statement st, flag;
  if (st.Prepare(db, kAll) != SQLITE_OK || flag.Prepare(db, kFlagOfPath) != SQLITE_OK) {
    return SqliteError(db, store.path(), "cannot read review marks");
  }
  std::vector<ReviewExportRow> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    ReviewExportRow& r = out.emplace_back();
    r.path = st.ColumnOptText(0);
    r.sha256 = st.ColumnText(1);
    r.flag_key = st.ColumnText(2);
    r.review = FlagReview{st.ColumnText(3), st.ColumnText(4), st.ColumnText(5), st.ColumnText(6)};
    if (!r.path) continue;
    flag.Reset();
    flag.Text(1, *r.path);
    flag.Text(2, r.flag_key);
    if (flag.Step() == SQLITE_ROW) {
      r.kind = flag.ColumnText(0);
      r.severity = flag.ColumnText(1);
      r.rule = flag.ColumnOptText(2);
      r.evidence = flag.ColumnText(3);
    }
  }
  if (rc != SQLITE_DONE) return SqliteError(db, store.path(), "cannot read review marks");
  return out;
}

}  // namespace baocao::store
