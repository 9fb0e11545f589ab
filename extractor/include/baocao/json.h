// The JSON of docs/OUTPUT.md, written from an Extraction (schema_version "1.0").
//
//   nlohmann::json j = baocao::ToJson(extraction);
//   std::cout << j.dump(1);
//
// Also the JSON of the intermediate stages for `baocao extract --stage` and of errors.
// Never throws: strings are valid UTF-8 because every stage keeps them so (span texts of a
// non-UTF-8 original are decoded before they get here).
#pragma once

#include <nlohmann/json.hpp>

#include "baocao/document.h"
#include "baocao/extract.h"
#include "baocao/status.h"

namespace baocao {

inline constexpr const char* kSchemaVersion = "1.0";

nlohmann::json ToJson(const Extraction& extraction);
nlohmann::json SpanToJson(const Span& span);
nlohmann::json MentionToJson(const Mention& mention);
// {"document": {"path": ...}, "error": {"code": "too_large", "message": "..."}}
nlohmann::json ErrorToJson(const std::string& path, const Status& status);
// --stage text|layout|mentions
nlohmann::json StageToJson(const Stages& stages, std::string_view stage, std::string_view original);

}  // namespace baocao
