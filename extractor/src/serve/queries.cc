#include "serve/queries.h"

#include "core/strings.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace baocao::serve {
namespace {

using nlohmann::json;

template <typename T>
json OrNull(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

// A JSON column (docs/STORE.md), parsed; null when it is not JSON.
json Parsed(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? json(nullptr) : j;
}

json DocumentJson(const store::DocumentRow& r) {
  return {{"id", r.id},
          {"path", r.path},
          {"sha256", r.sha256},
          {"format", r.format},
          {"bytes", r.bytes},
          {"pages", OrNull(r.pages)},
          {"kind", OrNull(r.kind)},
          {"number", OrNull(r.number)},
          {"ward", OrNull(r.ward)},
          {"province", OrNull(r.province)},
          {"date", OrNull(r.date)},
          {"title", OrNull(r.title)},
          {"flag_count", r.flag_count},
          {"error_count", r.error_count},
          {"ingested_at", r.ingested_at},
          {"encoding", OrNull(r.encoding)}};
}

json FlagJson(const store::FlagRow& r) {
  return {{"id", r.id},
          {"document_id", r.document_id},
          {"path", r.path},
          {"ward", OrNull(r.ward)},
          {"province", OrNull(r.province)},
          {"kind", r.kind},
          {"severity", r.severity},
          {"indicators", Parsed(r.indicators)},
          {"stated", OrNull(r.stated)},
          {"computed", OrNull(r.computed)},
          {"explanation", r.explanation},
          {"rule", OrNull(r.rule)},
          {"evidence", Parsed(r.evidence)},
          {"review", r.review ? ReviewJson(*r.review) : json(nullptr)}};
}

constexpr const char* kExportHeader =
    "document_id,path,ward,province,kind,document_date,indicator,role,value,assessment,unit,comparator,period,"
    "label,line,page,start,end,text,scope,qualifiers,basis\r\n";
// Rows are written to the client in chunks of about this many bytes.
constexpr size_t kExportChunkBytes = size_t(64) << 10;

// One CSV line of /api/export.csv: NULL is an empty field, the value in its shortest exact
// form, the assessment as true/false, everything else as text.
void AppendExportLine(const store::FactExportRow& r, std::string& out) {
  auto text = [](const std::optional<std::string>& v) { return v ? CsvField(*v) : std::string(); };
  auto whole = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
  const std::string fields[] = {std::to_string(r.document_id),
                                CsvField(r.path),
                                text(r.ward),
                                text(r.province),
                                text(r.kind),
                                text(r.document_date),
                                CsvField(r.indicator),
                                CsvField(r.role),
                                r.value ? ShortestNumber(*r.value) : std::string(),
                                r.assessment ? std::string(*r.assessment ? "true" : "false") : std::string(),
                                text(r.unit),
                                text(r.comparator),
                                text(r.period),
                                text(r.label),
                                std::to_string(r.line),
                                whole(r.page),
                                std::to_string(r.start),
                                std::to_string(r.end),
                                CsvField(r.text),
                                text(r.scope),
                                text(r.qualifiers),
                                text(r.basis)};
  for (size_t i = 0; i < std::size(fields); ++i) {
    if (i > 0) out.push_back(',');
    out += fields[i];
  }
  out += "\r\n";
}

}  // namespace

ReaderPool::Lease::~Lease() {
  if (!store_ || !pool_) return;
  std::lock_guard lock(pool_->mu_);
  pool_->free_.push_back(std::move(store_));
}

Result<ReaderPool::Lease> ReaderPool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!free_.empty()) {
      std::unique_ptr<Store> store = std::move(free_.back());
      free_.pop_back();
      return Lease(this, std::move(store));
    }
  }
  StoreOptions options;
  options.read_only = true;
  Result<Store> store = Store::Open(db_, options);
  if (!store.ok()) return store.status();
  return Lease(this, std::make_unique<Store>(std::move(store).value()));
}

Result<json> ListDocuments(Store& store, const DocumentQuery& query) {
  Result<store::Page<store::DocumentRow>> page = store::ListDocumentRows(store, query);
  if (!page.ok()) return page.status();
  json documents = json::array();
  for (const store::DocumentRow& r : page->rows) documents.push_back(DocumentJson(r));
  return json{{"total", page->total}, {"limit", query.limit}, {"offset", query.offset}, {"documents", std::move(documents)}};
}

Result<std::optional<json>> DocumentSummary(Store& store, int64_t id) {
  Result<std::optional<store::DocumentRow>> row = store::DocumentRowById(store, id);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<json>();
  return std::optional<json>(DocumentJson(**row));
}

std::string EvidenceText(std::string_view evidence) {
  json spans = json::parse(evidence, nullptr, /*allow_exceptions=*/false);
  if (!spans.is_array()) return {};
  std::string out;
  for (const json& span : spans) {
    if (!span.is_object()) continue;
    std::string place = span.value("line", json()).is_number() ? std::to_string(span["line"].get<int64_t>()) : "?";
    if (span.value("page", json()).is_number()) place = internal::Concat({"p", std::to_string(span["page"].get<int64_t>()), " ", place});
    const std::string text = span.value("text", json()).is_string() ? span["text"].get<std::string>() : "";
    out += internal::Concat({out.empty() ? "" : " | ", place, ":", text});
  }
  return out;
}

json ReviewJson(const FlagReview& r) {
  return {{"verdict", r.verdict}, {"comment", r.comment}, {"reviewer", r.reviewer}, {"at", r.at}};
}

Result<json> ListFlags(Store& store, const FlagQuery& query) {
  Result<store::Page<store::FlagRow>> page = store::ListFlagRows(store, query);
  if (!page.ok()) return page.status();
  json flags = json::array();
  for (const store::FlagRow& r : page->rows) flags.push_back(FlagJson(r));
  return json{{"total", page->total}, {"limit", query.limit}, {"offset", query.offset}, {"flags", std::move(flags)}};
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string ShortestNumber(double value) {
  if (!std::isfinite(value)) return "";
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  std::string s = buf;
  // %g writes 1.6656e+09 for large values; a plain integer reads better in a spreadsheet.
  if (s.find('e') != std::string::npos && std::fabs(value) < 1e17 && value == std::floor(value)) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
    s = buf;
  }
  return s;
}

Status ExportFactsCsv(Store& store, const ExportQuery& query, const std::function<bool(std::string_view)>& write) {
  const Status gone(ErrorCode::kInternal, "the client went away");
  std::string chunk = kExportHeader;
  Status s = store::ForEachExportedFact(store, query, [&](const store::FactExportRow& row) {
    AppendExportLine(row, chunk);
    if (chunk.size() < kExportChunkBytes) return Status::Ok();
    if (!write(chunk)) return gone;
    chunk.clear();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!chunk.empty() && !write(chunk)) return gone;
  return Status::Ok();
}

}  // namespace baocao::serve
