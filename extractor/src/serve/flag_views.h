// Internal: the flags of every stored document as one list (GET /api/flags, /api/flags.csv):
// the filters a request gives, the facets that show what else there is, and the CSV download.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "baocao/core/status.h"
#include "baocao/corpus/corpus.h"
#include "baocao/store/browse.h"

namespace baocao::serve {

// The filters of a documents request: ward, province, kind, period, date, date_from, date_to,
// q, sort (unchecked: store::IsDocumentSort; limit and offset are the caller's).
store::DocumentQuery DocumentQueryFrom(const httplib::Request& req);

// The filters of a flags request: kind, severity, ward, province, document (an id), review
// (unreviewed | reviewed | a verdict), document_kind, year (of the document's date), q (text in a document's path, title or
// ward), sort (store::FlagQuery::sort), limit and offset. kUsage naming the parameter that is wrong.
Result<store::FlagQuery> FlagQueryFrom(const httplib::Request& req);

// {"total", "limit", "offset", "flags": [...]} and, with `facets`, "facets": {"severity":
// [{"value", "count"}, ...], "kind": ..., "ward": ..., "province": ..., "document_kind": ..., "year": ...,
// "review": ...}.
Result<nlohmann::json> FlagList(Store& store, const store::FlagQuery& query, bool facets);

// Every flag matching `query` (its limit and offset ignored) as a table (serve/table_export.h
// makes it CSV or XLSX): id, file, ward, province, document_kind, kind, severity, explanation,
// stated, computed, evidence ("LINE:TEXT | ..."), review, comment, reviewer, at.
Result<WorkbookSheet> FlagsSheet(Store& store, store::FlagQuery query);

// Every stored document matching the list's filters (ward, province, kind, period, date,
// date_from, date_to, q) as a table: id, file, kind, number, date, ward, province, title,
// format, pages, flags, errors, ingested_at.
Result<WorkbookSheet> DocumentsSheet(Store& store, const httplib::Request& req);

// The flags across documents (AuditCorpus, lines attached) as GET /api/flags?scope=corpus gives
// them: kind, severity, indicators, ward, province, period, stated, computed, explanation, rule,
// evidence (each a span with document_id, path and line_text).
nlohmann::json CorpusFlagsJson(const std::vector<CorpusFlag>& flags);

}  // namespace baocao::serve
