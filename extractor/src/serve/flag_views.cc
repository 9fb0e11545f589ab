#include "serve/flag_views.h"

#include "baocao/emit/json.h"
#include "baocao/emit/names.h"
#include "baocao/store/reviews.h"
#include "core/strings.h"
#include "serve/http_util.h"
#include "serve/queries.h"

namespace baocao::serve {

using nlohmann::json;

namespace {

constexpr int64_t kDefaultPage = 100;
constexpr int64_t kBatch = 1000;   // rows read at a time for a download
std::string Number(const std::optional<double>& v) { return v ? ShortestNumber(*v) : std::string(); }

}  // namespace

store::DocumentQuery DocumentQueryFrom(const httplib::Request& req) {
  store::DocumentQuery q;
  q.ward = Param(req, "ward");
  q.province = Param(req, "province");
  q.kind = Param(req, "kind");
  q.period = Param(req, "period");
  q.date = Param(req, "date");
  q.date_from = Param(req, "date_from");
  q.date_to = Param(req, "date_to");
  q.q = Param(req, "q");
  if (std::optional<std::string> sort = Param(req, "sort")) q.sort = *sort;
  return q;
}

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
  q.year = Param(req, "year");
  q.q = Param(req, "q");
  if (q.review && *q.review != "unreviewed" && *q.review != "reviewed" && !store::IsVerdict(*q.review)) {
    return Status(ErrorCode::kUsage, "review is unreviewed, reviewed, confirmed, false_alarm or follow_up");
  }
  if (std::optional<std::string> d = Param(req, "document")) {
    q.document = ParseId(*d);
    if (!q.document) return Status(ErrorCode::kUsage, "document must be a document id");
  }
  if (q.severity && !ParseSeverity(*q.severity)) return Status(ErrorCode::kUsage, "severity is error, warning or info");
  if (std::optional<std::string> sort = Param(req, "sort")) q.sort = *sort;
  if (!store::IsFlagSort(q.sort)) {
    return Status(ErrorCode::kUsage, "sort is severity, kind, path, ward, province or review, with '-' before it to reverse");
  }
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

Result<WorkbookSheet> FlagsSheet(Store& store, store::FlagQuery query) {
  WorkbookSheet sheet{"Phát hiện",
                      {{"id", true}, {"file"}, {"ward"}, {"province"}, {"document_kind"}, {"kind"}, {"severity"},
                       {"explanation"}, {"stated", true}, {"computed", true}, {"evidence"}, {"review"}, {"comment"},
                       {"reviewer"}, {"at"}},
                      {}};
  query.limit = kBatch;
  for (query.offset = 0;; query.offset += kBatch) {
    Result<store::Page<store::FlagRow>> page = store::ListFlagRows(store, query);
    if (!page.ok()) return page.status();
    for (const store::FlagRow& r : page->rows) {
      const FlagReview review = r.review.value_or(FlagReview{});
      sheet.rows.push_back({std::to_string(r.id), r.path, r.ward.value_or(""), r.province.value_or(""),
                            r.document_kind.value_or(""), r.kind, r.severity, r.explanation, Number(r.stated),
                            Number(r.computed), EvidenceText(r.evidence), review.verdict, review.comment, review.reviewer,
                            review.at});
    }
    if (static_cast<int64_t>(page->rows.size()) < kBatch) break;
  }
  return sheet;
}

Result<WorkbookSheet> DocumentsSheet(Store& store, const httplib::Request& req) {
  store::DocumentQuery query = DocumentQueryFrom(req);
  if (!store::IsDocumentSort(query.sort)) query.sort = "path";
  WorkbookSheet sheet{"Tài liệu",
                      {{"id", true}, {"file"}, {"kind"}, {"number"}, {"date"}, {"ward"}, {"province"}, {"title"}, {"format"},
                       {"pages", true}, {"flags", true}, {"errors", true}, {"ingested_at"}},
                      {}};
  query.limit = kBatch;
  for (query.offset = 0;; query.offset += kBatch) {
    Result<store::Page<store::DocumentRow>> page = store::ListDocumentRows(store, query);
    if (!page.ok()) return page.status();
    for (const store::DocumentRow& d : page->rows) {
      sheet.rows.push_back({std::to_string(d.id), d.path, d.kind.value_or(""), d.number.value_or(""), d.date.value_or(""),
                            d.ward.value_or(""), d.province.value_or(""), d.title.value_or(""), d.format,
                            d.pages ? std::to_string(*d.pages) : std::string(), std::to_string(d.flag_count), std::to_string(d.error_count), d.ingested_at});
    }
    if (static_cast<int64_t>(page->rows.size()) < kBatch) break;
  }
  return sheet;
}

}  // namespace baocao::serve

namespace baocao::serve {

json CorpusFlagsJson(const std::vector<CorpusFlag>& flags) {
  json out = json::array();
  for (const CorpusFlag& f : flags) {
    json evidence = json::array();
    for (const CorpusEvidence& e : f.evidence) {
      json span = SpanToJson(e.span);
      span["document_id"] = e.document;
      span["path"] = e.path;
      span["line_text"] = e.line_text;
      evidence.push_back(std::move(span));
    }
    out.push_back({{"kind", f.kind},
                   {"severity", f.severity},
                   {"indicators", f.indicators},
                   {"ward", f.ward},
                   {"province", f.province},
                   {"period", f.period},
                   {"stated", f.stated ? json(*f.stated) : json(nullptr)},
                   {"computed", f.computed ? json(*f.computed) : json(nullptr)},
                   {"explanation", f.explanation},
                   {"rule", f.rule},
                   {"evidence", std::move(evidence)}});
  }
  return out;
}

}  // namespace baocao::serve
