// The JSON of docs/OUTPUT.md, written from an Extraction (schema_version "1.1"; docs/output.schema.json).
//
//   nlohmann::json j = baocao::ToJson(extraction);
//   std::cout << j.dump(1);
//
// Also the JSON of the intermediate stages for `baocao extract --stage` and of errors.
// Never throws: strings are valid UTF-8 because every stage keeps them so (span texts of a
// non-UTF-8 original are decoded before they get here).
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>

#include "baocao/core/budget.h"
#include "baocao/core/document.h"
#include "baocao/emit/names.h"
#include "baocao/pipeline/extract.h"
#include "baocao/core/status.h"

namespace baocao {

inline constexpr const char* kSchemaVersion = "1.1";

nlohmann::json ToJson(const Extraction& extraction);
// The same JSON written element by element, so a large document never holds its whole JSON
// tree in memory. `pretty`: one array element a line; otherwise one line in all. Invalid
// UTF-8 (none is expected) is replaced, never thrown.
void WriteJson(const Extraction& extraction, std::ostream& out, bool pretty);
// The same within `budget`, the extraction's own (baocao/pipeline/extract.h StartBudget): the
// 64 MB of JSON of a long document take seconds to write, which count against its deadline
// (issue 18). The budget is asked every 64 elements of each long list. kOk once written whole;
// once the budget is spent, the writing stops where it is, the JSON incomplete (nothing at all
// when the budget ran out before the first byte), and the budget's error comes back (kTimeout,
// kOverMemory or kCancelled, "... in JSON output"). Never more than a few milliseconds late.
Status WriteJson(const Extraction& extraction, std::ostream& out, bool pretty, const Budget& budget);
nlohmann::json SpanToJson(const Span& span);
nlohmann::json TableToJson(const Table& table);
nlohmann::json MentionToJson(const Mention& mention);
// {"document": {"path": ...}, "error": {"code": "too_large", "message": "..."}}
nlohmann::json ErrorToJson(const std::string& path, const Status& status);
// --stage text|layout|mentions|pages ("pages": {"pages": [{"page", "text", "text_layer": "ok" |
// "absent"}]}, empty for text input)
nlohmann::json StageToJson(const Stages& stages, std::string_view stage, std::string_view original);

}  // namespace baocao
