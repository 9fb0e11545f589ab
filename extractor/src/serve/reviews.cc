#include "serve/reviews.h"

#include "baocao/store/reviews.h"
#include "core/strings.h"
#include "serve/queries.h"

namespace baocao::serve {

using nlohmann::json;

namespace {

const char* VerdictColumn(const std::string& review) {
  if (review == "confirmed") return "true";
  if (review == "false_alarm") return "false";
  return "";
}

}  // namespace

Result<json> DocumentReviews(Store& store, int64_t id) {
  Result<std::vector<store::DocumentFlagReview>> marks = store::ReviewsOfDocument(store, id);
  if (!marks.ok()) return marks.status();
  json reviews = json::array();
  for (const store::DocumentFlagReview& m : *marks) {
    reviews.push_back({{"flag", m.flag}, {"key", m.key}, {"review", m.review ? ReviewJson(*m.review) : json(nullptr)}});
  }
  return json{{"id", id}, {"reviews", std::move(reviews)}};
}

Result<ReviewBody> ParseReviewBody(std::string_view body) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status(ErrorCode::kUsage, "the body is a JSON object: {\"verdict\": ..., \"comment\": ...}");
  ReviewBody out;
  if (!j.contains("verdict") || !j["verdict"].is_string() || !store::IsVerdict(j["verdict"].get<std::string>())) {
    return Status(ErrorCode::kUsage, "verdict is confirmed, false_alarm or follow_up");
  }
  out.verdict = j["verdict"].get<std::string>();
  if (j.contains("comment") && !j["comment"].is_null()) {
    if (!j["comment"].is_string()) return Status(ErrorCode::kUsage, "comment is text");
    out.comment = j["comment"].get<std::string>();
    if (out.comment.size() > kMaxReviewComment) {
      return Status(ErrorCode::kUsage, "comment is over " + std::to_string(kMaxReviewComment) + " bytes");
    }
  }
  return out;
}

Result<WorkbookSheet> ReviewsSheet(Store& store) {
  Result<std::vector<store::ReviewExportRow>> rows = store::AllReviews(store);
  if (!rows.ok()) return rows.status();
  WorkbookSheet sheet{"Đánh giá",
                      {{"file"}, {"kind"}, {"severity"}, {"rule"}, {"evidence"}, {"verdict"}, {"review"}, {"comment"},
                       {"reviewer"}, {"at"}, {"sha256"}, {"flag_key"}},
                      {}};
  for (const store::ReviewExportRow& r : *rows) {
    sheet.rows.push_back({r.path.value_or(""), r.kind.value_or(""), r.severity.value_or(""), r.rule.value_or(""),
                          EvidenceText(r.evidence.value_or("")), VerdictColumn(r.review.verdict), r.review.verdict,
                          r.review.comment, r.review.reviewer, r.review.at, r.sha256, r.flag_key});
  }
  return sheet;
}

}  // namespace baocao::serve
