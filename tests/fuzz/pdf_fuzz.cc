// Fuzzes the PDF source stage: ReadPdf must not crash or hang on any bytes, refuse them only
// with the codes of baocao/source/pdf.h (never kInternal), and when it reads them give pages numbered
// in order, valid UTF-8 texts ending in a line break, and word boxes inside their page's text.
// Seeds: the small PDFs of corpus/pdf-edge/ (tools/fuzz.sh).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_check.h"
#include "baocao/source/pdf.h"
#include "core/strings.h"

namespace {

using baocao::fuzz::Check;

}  // namespace

// Fontconfig, which Poppler asks for fonts a PDF does not embed, keeps its configuration for
// the life of the process: LeakSanitizer sees that at exit. Not a finding.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig\n"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Small limits keep each run short: a page tree claiming thousands of pages is refused.
  baocao::PdfOptions options;
  options.max_pages = 64;
  options.word_boxes = size % 2 == 0;
  baocao::Result<baocao::PdfDocument> pdf = baocao::ReadPdf(input, options);
  if (!pdf.ok()) {
    baocao::ErrorCode code = pdf.status().code();
    Check(code == baocao::ErrorCode::kCorrupt || code == baocao::ErrorCode::kEncrypted ||
              code == baocao::ErrorCode::kEmpty || code == baocao::ErrorCode::kNoText ||
              code == baocao::ErrorCode::kTooLarge,
          "refusal is corrupt, encrypted, empty, no text or too large");
    Check(!pdf.status().message().empty(), "refusal has a message");
    return 0;
  }
  Check(!pdf->pages.empty(), "a read PDF has pages");
  bool any_text = false;
  for (size_t i = 0; i < pdf->pages.size(); ++i) {
    const baocao::PdfPage& page = pdf->pages[i];
    Check(page.number == static_cast<int>(i) + 1, "pages numbered in order");
    Check(baocao::internal::FirstInvalidUtf8(page.text) == std::string_view::npos, "page text is valid UTF-8");
    Check(page.text.empty() || page.text.back() == '\n', "page text ends with a line break");
    any_text = any_text || page.has_text_layer;
    uint32_t previous_end = 0;
    for (const baocao::PdfWordBox& w : page.words) {
      Check(w.begin < w.end && w.end <= page.text.size(), "word inside its page text");
      Check(w.begin >= previous_end, "words in text order");
      previous_end = w.end;
    }
    if (!options.word_boxes) Check(page.words.empty(), "no boxes unless asked");
  }
  Check(any_text, "a read PDF has a text layer somewhere");
  return 0;
}
