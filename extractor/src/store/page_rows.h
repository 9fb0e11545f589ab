// Internal: one document_pages row (docs/STORE.md), shared by Put (store.cc), which writes a
// document's pages with it, and KeepPages (pages.cc).
#pragma once

#include <cstdint>
#include <string>

#include "baocao/source/pdf.h"
#include "store/sqlite.h"

namespace baocao::store {

inline constexpr const char* kInsertPage =
    "INSERT INTO document_pages (document_id, number, text, has_text_layer, read_by_ocr, words) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

// document_pages.words: a JSON array of [begin, end, x0, y0, x1, y1, confidence, uncertain]
// per word; empty (stored NULL) when the page kept no words. Needs no connection, so workers
// serialize it (PrepareDocument).
std::string WordsJson(const PdfPage& page);

// Binds kInsertPage's parameters; `page` and `words` must outlive the Step.
void BindPage(Statement& st, int64_t document_id, const PdfPage& page, const std::string& words);

}  // namespace baocao::store
