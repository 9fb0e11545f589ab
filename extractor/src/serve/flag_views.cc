#include "serve/flag_views.h"

#include "baocao/emit/names.h"
#include "baocao/store/reviews.h"
#include "core/strings.h"
#include "serve/http_util.h"
#include "serve/queries.h"

namespace baocao::serve {

using nlohmann::json;

namespace {

constexpr int64_t kDefaultPage = 100;
constexpr int64_t kCsvBatch = 1000;
constexpr size_t kMaxCellCharacters = 32767;   // a spreadsheet cell's limit
constexpr const char* kCsvHeader =
    "\xEF\xBB\xBF" "id,file,ward,province,document_kind,kind,severity,explanation,stated,computed,evidence,review,comment,"
    "reviewer,at\r\n";

// At most kMaxCellCharacters code points, cut between whole UTF-8 characters.
std::string Cell(const std::string& text) {
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++characters > kMaxCellCharacters) {
      return CsvField(text.substr(0, i));
    }
  }
  return CsvField(text);
}

std::string Number(const std::optional<double>& v) { return v ? ShortestNumber(*v) : std::string(); }

}  // namespace

Result<store::FlagQuery> FlagQueryFrom(const httplib::Request& req) {
  store::FlagQuery q;
  httplib::Response scratch;
  if (!PageParams(req, scratch, kDefaultPage, &q.limit, &q.offset)) {
    return Status(ErrorCode::kUsage, "limit must be a whole number from 1 to 1000, offset from 0");
  }
  q.kind = Param(req, "kind");
  q.severity = Param(req, "severity");
  q.ward = Param(req, "ward");
  q.province = Param(req, "province");
  q.review = Param(req, "review");
  q.document_kind = Param(req, "document_kind");
  q.q = Param(req, "q");
  if (q.review && *q.review != "unreviewed" && *q.review != "reviewed" && !store::IsVerdict(*q.review)) {
    return Status(ErrorCode::kUsage, "review is unreviewed, reviewed, confirmed, false_alarm or follow_up");
  }
  if (std::optional<std::string> d = Param(req, "document")) {
    q.document = ParseId(*d);
    if (!q.document) return Status(ErrorCode::kUsage, "document must be a document id");
  }
  if (q.severity && !ParseSeverity(*q.severity)) return Status(ErrorCode::kUsage, "severity is error, warning or info");
  return q;
}

Result<json> FlagList(Store& store, const store::FlagQuery& query, bool facets) {
  Result<json> list = ListFlags(store, query);
  if (!list.ok() || !facets) return list;
  Result<store::FlagFacets> counts = store::FlagFacetCounts(store, query);
  if (!counts.ok()) return counts.status();
  json out = json::object();
  for (const auto& [dimension, values] : *counts) {
    json& entries = out[dimension] = json::array();
    for (const auto& [value, count] : values) entries.push_back({{"value", value}, {"count", count}});
  }
  (*list)["facets"] = std::move(out);
  return list;
}

Result<std::string> FlagsCsv(Store& store, store::FlagQuery query) {
  std::string out = kCsvHeader;
  query.limit = kCsvBatch;
  for (query.offset = 0;; query.offset += kCsvBatch) {
    Result<store::Page<store::FlagRow>> page = store::ListFlagRows(store, query);
    if (!page.ok()) return page.status();
    for (const store::FlagRow& r : page->rows) {
      const FlagReview review = r.review.value_or(FlagReview{});
      const std::string fields[] = {std::to_string(r.id), r.path, r.ward.value_or(""), r.province.value_or(""),
                                    r.document_kind.value_or(""), r.kind, r.severity, r.explanation, Number(r.stated),
                                    Number(r.computed), EvidenceText(r.evidence), review.verdict, review.comment,
                                    review.reviewer, review.at};
      std::string line;
      for (const std::string& f : fields) line += internal::Concat({line.empty() ? "" : ",", Cell(f)});
      out += internal::Concat({line, "\r\n"});
    }
    if (static_cast<int64_t>(page->rows.size()) < kCsvBatch) break;
  }
  return out;
}

}  // namespace baocao::serve
