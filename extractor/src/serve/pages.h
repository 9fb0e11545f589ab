// Internal: GET /api/documents/{id}/pages (docs/SERVE.md), the texts a document's spans point
// into. A PDF's pages come from the store (document_pages), kept there by the one extraction
// that stored it; only a PDF stored before schema version 3 is read again, once, and its pages
// then kept, so a scanned document is OCRed at most once whatever the page asks (issue 16).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "baocao/core/status.h"
#include "baocao/pipeline/extract.h"
#include "baocao/store/store.h"
#include "serve/queries.h"

namespace baocao::serve {

struct PageSources {
  ReaderPool& readers;
  const ExtractOptions& extract;   // how a PDF or Word file is read again: its options, memory limit
  double timeout_seconds;          // a PDF read again stops after this (--extract-timeout)
  // Runs `write` on the server's one writer connection, under its lock.
  std::function<Status(const std::function<Status(Store&)>& write)> with_writer;
};

// {"id": ID, "pages": [{"number", "text", "has_text_layer", "read_by_ocr", "words"}]}: a PDF's
// pages, by number ("words", of a page read by OCR only: [begin, end, confidence 0-100,
// uncertain 0|1], byte offsets into "text"), or a
// Word file's text as one page of number null. kNotFound: no document `id`, or a text document
// (its source is its text); a PDF read again fails as ReadPdf does (kTimeout past the limit).
// A failure to keep the pages read again is not the request's: the next one reads them again.
Result<std::string> PagesBody(int64_t id, const PageSources& sources);

}  // namespace baocao::serve
