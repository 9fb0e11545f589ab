#include "serve/pages.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "baocao/emit/names.h"
#include "baocao/source/convert.h"
#include "baocao/source/docx.h"
#include "baocao/source/read.h"
#include "baocao/source/pdf.h"
#include "baocao/store/browse.h"
#include "baocao/store/pages.h"

namespace baocao::serve {
namespace {

using nlohmann::json;

std::string Body(int64_t id, json pages) {
  return json({{"id", id}, {"pages", std::move(pages)}}).dump(-1, ' ', false, json::error_handler_t::replace);
}

// A page read by OCR also gives its words as [begin, end, confidence, uncertain]: the page shades
// each word by how sure Tesseract was, and marks the numbers with doubtful digits.
std::string PdfPagesBody(int64_t id, const std::vector<PdfPage>& pdf_pages) {
  json pages = json::array();
  for (const PdfPage& p : pdf_pages) {
    json page = {{"number", p.number}, {"text", p.text}, {"has_text_layer", p.has_text_layer}, {"read_by_ocr", p.read_by_ocr}};
    if (p.read_by_ocr) {
      json words = json::array();
      for (const PdfWordBox& w : p.words) {
        // Rounded from the hundredth the store keeps, so that pages read again answer the same.
        const long confidence = std::lround(std::round(w.confidence * 100) / 100);
        words.push_back(json::array({w.begin, w.end, confidence, w.uncertain_number ? 1 : 0}));
      }
      page["words"] = std::move(words);
    }
    pages.push_back(std::move(page));
  }
  return Body(id, std::move(pages));
}

Result<std::string> SourceOf(Store& store, int64_t id) {
  Result<std::optional<StoredDocument>> doc = store.GetDocument(id, /*with_source=*/true);
  if (!doc.ok()) return doc.status();
  if (!*doc) return Status(ErrorCode::kNotFound, "no document " + std::to_string(id));
  return std::move((*doc)->source);
}

// A PDF stored before its pages were: the Source stage again (not the whole extraction), within
// an upload's budget (--extract-timeout, --max-memory), and its pages kept as ingest keeps them.
Result<std::vector<PdfPage>> ReadAndKeep(Store& reader, int64_t id, const std::string& sha256, const PageSources& s) {
  Result<std::string> source = SourceOf(reader, id);
  if (!source.ok()) return source.status();
  PdfOptions options = s.extract.pdf;
  options.budget = Budget::Start({s.timeout_seconds, s.extract.limits.max_memory});
  Result<PdfDocument> pdf = ReadPdf(*source, options);
  if (!pdf.ok()) return pdf.status();
  for (PdfPage& page : pdf->pages) {
    if (!page.read_by_ocr) page.words.clear();   // as the engine hands them to the store
  }
  // The answer is the pages either way; a store that cannot keep them fails the next write too.
  (void)s.with_writer([&](Store& writer) { return store::KeepPages(writer, id, sha256, pdf->pages).status(); });
  return std::move(pdf->pages);
}

// A Word file's one page: the text read from it, which its spans point into, not its zip bytes.
// A .doc, .odt or RTF file's is kept with it when it is stored (the text of LibreOffice's
// conversion, Engine::ExtractBytes), so no read converts it; one stored before that is converted
// once here, within an upload's budget, and kept. A .docx is read again: milliseconds, no OCR.
Result<std::string> WordPagesBody(Store& reader, int64_t id, const std::string& sha256, const PageSources& s) {
  auto body = [&](std::string text) {
    json page = {{"number", nullptr}, {"text", std::move(text)}, {"has_text_layer", true}};
    return Body(id, json::array({std::move(page)}));
  };
  Result<std::vector<PdfPage>> kept = store::ReadPages(reader, id);
  if (!kept.ok()) return kept.status();
  if (!kept->empty()) return body(std::move(kept->front().text));
  Result<std::string> source = SourceOf(reader, id);
  if (!source.ok()) return source.status();
  const bool converted = !LooksLikeZip(*source) || LooksLikeOdt(*source);
  if (converted) {
    const char* kind = LooksLikeOle2(*source) ? "doc" : LooksLikeOdt(*source) ? "odt" : "rtf";
    const Budget budget = Budget::Start({s.timeout_seconds, s.extract.limits.max_memory});
    Result<std::string> docx = ConvertToDocx(*source, kind, budget, s.extract.convert);
    if (!docx.ok()) return docx.status();
    source = std::move(docx);
  }
  Result<DocxDocument> docx = ReadDocx(*source, s.extract.docx);
  if (!docx.ok()) return docx.status();
  if (converted) {
    PdfPage page;
    page.number = 1;
    page.text = docx->text;
    page.has_text_layer = true;
    // The answer is the text either way; a store that cannot keep it fails the next write too.
    (void)s.with_writer([&](Store& writer) { return store::KeepPages(writer, id, sha256, {page}).status(); });
  }
  return body(std::move(docx->text));
}

}  // namespace

Result<std::string> PagesBody(int64_t id, const PageSources& s) {
  Result<ReaderPool::Lease> store = s.readers.Acquire();
  if (!store.ok()) return store.status();
  Result<std::optional<store::DocumentRow>> row = store::DocumentRowById(**store, id);
  if (!row.ok()) return row.status();
  if (!*row) return Status(ErrorCode::kNotFound, "no document " + std::to_string(id));
  const std::optional<Format> format = ParseFormat((*row)->format);
  if (format == Format::kDocx) return WordPagesBody(**store, id, (*row)->sha256, s);
  if (format != Format::kPdf && format != Format::kImage) {   // an image's pages are a scan's
    return Status(ErrorCode::kNotFound, "document " + std::to_string(id) + " is text: its source is its text");
  }
  Result<std::vector<PdfPage>> pages = store::ReadPages(**store, id);
  if (!pages.ok()) return pages.status();
  if (pages->empty()) pages = ReadAndKeep(**store, id, (*row)->sha256, s);
  if (!pages.ok()) return pages.status();
  return PdfPagesBody(id, *pages);
}

}  // namespace baocao::serve
