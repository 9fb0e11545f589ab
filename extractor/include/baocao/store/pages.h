// A PDF's pages kept with their document (document_pages, docs/STORE.md): each page's text as
// the extraction read it, which the spans' offsets point into, and for a page read by OCR its
// words with their boxes and confidence. Put writes them with the document (store.h); these
// read them, and keep them afterwards for a document stored before schema version 3, so that
// showing a scanned document runs OCR at most once.
//
//   Result<std::vector<PdfPage>> pages = store::ReadPages(store, id);
//   if (!pages.ok()) return pages.status();       // kStore naming the database
//   if (pages->empty()) ...;                       // none kept: read the PDF, then KeepPages
//
// Errors are values (kStore with the database's file name). Like the Store they run on, not
// thread-safe: one Store per thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "baocao/core/status.h"
#include "baocao/source/pdf.h"
#include "baocao/store/store.h"

namespace baocao::store {

// The pages kept with document `id`, by number; empty when there are none (text or Word input,
// a PDF stored before schema version 3, or no such document). Box coordinates and confidences
// come back to the hundredth, as they are stored.
Result<std::vector<PdfPage>> ReadPages(Store& store, int64_t id);

// Keeps `pages` as document `id`'s, in one transaction, if that document still holds the bytes
// of `sha256` (it may have been replaced meanwhile, under the same id) and has no pages yet
// (another request may have kept them first). Returns whether they were written.
Result<bool> KeepPages(Store& store, int64_t id, std::string_view sha256, const std::vector<PdfPage>& pages);

}  // namespace baocao::store
