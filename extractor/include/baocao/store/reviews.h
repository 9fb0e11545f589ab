// Auditors' review marks on flags (flag_reviews, docs/STORE.md, schema version 4): each flag of
// a stored document may be marked confirmed, a false alarm or needing follow-up, with a comment,
// who marked it and when. A mark belongs to the document's bytes (sha256) and the flag's key
// (its kind and the places of its evidence), so it survives a re-extraction of the same file and
// follows the same bytes under another name; false-alarm marks export as verdicts.
//
//   Result<FlagReview> mark = store::SetReview(store, doc_id, 2, "false_alarm", "dòng 97 đúng", "kiem.toan.1");
//   Result<std::vector<DocumentFlagReview>> marks = store::ReviewsOfDocument(store, doc_id);
//   // one entry per flag of the document, in the order of its extraction's "flags"
//
// Errors are values: kNotFound (no such document or flag), kUsage (a verdict not of the three),
// kStore with the database's file name. Like the Store they run on, not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/status.h"

namespace baocao {

class Store;

// One mark. verdict: confirmed | false_alarm | follow_up; at: UTC, "2026-12-07T21:40:00Z".
struct FlagReview {
  std::string verdict, comment, reviewer, at;
};

namespace store {

// Whether `verdict` is one of the three marks.
bool IsVerdict(std::string_view verdict);

struct DocumentFlagReview {
  int64_t flag = 0;       // index into the document's extraction "flags"
  std::string key;        // the flag's key (kind@page:start-end,...)
  std::optional<FlagReview> review;
};
// Every flag of document `id` with its mark, if any; empty for a document without flags.
// kNotFound when there is no such document.
Result<std::vector<DocumentFlagReview>> ReviewsOfDocument(Store& store, int64_t id);

// Marks flag `flag` (an index as above) of document `id`, replacing an earlier mark; returns the
// mark as stored (with its time).
Result<FlagReview> SetReview(Store& store, int64_t id, int64_t flag, std::string_view verdict, std::string_view comment,
                             std::string_view reviewer);
// Removes the mark of that flag; false when it had none.
Result<bool> ClearReview(Store& store, int64_t id, int64_t flag);

// A mark with its flag and document, for the verdicts export. A mark whose document is no longer
// stored has no path (and no flag fields).
struct ReviewExportRow {
  std::optional<std::string> path;
  std::string sha256, flag_key;
  std::optional<std::string> kind, severity, rule;
  std::optional<std::string> evidence;   // the flag's evidence JSON
  FlagReview review;
};
// Every mark, by path then flag key.
Result<std::vector<ReviewExportRow>> AllReviews(Store& store);

}  // namespace store
}  // namespace baocao
