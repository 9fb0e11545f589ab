// Internal: the flags of every stored document as one list (GET /api/flags, /api/flags.csv):
// the filters a request gives, the facets that show what else there is, and the CSV download.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "baocao/core/status.h"
#include "baocao/store/browse.h"

namespace baocao::serve {

// The filters of a flags request: kind, severity, ward, province, document (an id), review
// (unreviewed | reviewed | a verdict), document_kind, q (text in a document's path, title or
// ward), limit and offset. kUsage naming the parameter that is wrong.
Result<store::FlagQuery> FlagQueryFrom(const httplib::Request& req);

// {"total", "limit", "offset", "flags": [...]} and, with `facets`, "facets": {"severity":
// [{"value", "count"}, ...], "kind": ..., "ward": ..., "province": ..., "document_kind": ...,
// "review": ...}.
Result<nlohmann::json> FlagList(Store& store, const store::FlagQuery& query, bool facets);

// Every flag matching `query` (its limit and offset ignored) as CSV: UTF-8 with a BOM (so
// spreadsheet programs read Vietnamese right), CRLF, one value a cell, no cell over 32,767
// characters: id, file, ward, province, document_kind, kind, severity, explanation, stated,
// computed, evidence ("LINE:TEXT | ..."), review, comment, reviewer, at.
Result<std::string> FlagsCsv(Store& store, store::FlagQuery query);

}  // namespace baocao::serve
