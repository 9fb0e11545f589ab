// Internal: one PDF page between what reads it and the layout, with no Poppler in sight (pdf.cc
// is the one file that talks to Poppler). Words as read (from the text layer, or Tesseract's in
// points), their legacy fonts decoded, turned upright into page models, one for each angle the
// page's text is set at; and, once laid out, the page's text with its words' boxes.
//
// Each function works on one page, on any thread; none keeps anything.
#pragma once

#include <string>
#include <vector>

#include "baocao/ocr/ocr.h"
#include "baocao/source/pdf.h"
#include "source/compose.h"
#include "source/page_model.h"

namespace baocao::pdf_internal {

// A word as read, before repair and turning.
struct RawWord {
  std::string text;
  Box box;
  int rotation = 0;          // Poppler's quarter turns
  bool space_after = true;
  std::string font;
  // Read by OCR: `box` is in the deskewed image (for the layout), `page_box` on the page.
  Box page_box;
  float confidence = -1;
  bool uncertain_number = false;
};

// A page read: its words in reading orientation (the text set at another angle apart), what
// was repaired on it.
struct Pending {
  PageModel model;
  std::vector<PageModel> other_rotations;   // text set at another angle than the page's body
  bool readable = true;
  bool rotated = false;                     // the body's text read turned upright
  int legacy = 0;                           // bit 1: TCVN3 decoded, bit 2: VNI decoded
  bool text_layer = false;                  // the page has a text layer (read or replaced)
  bool ocr = false;                         // its words are Tesseract's
  bool garbage = false;                     // its text layer was not text
  GarbageReason garbage_reason = GarbageReason::kNone;   // why (ocr.h)
  bool ocr_timed_out = false;
  bool ocr_turned = false;                  // scanned sideways or upside down: turned upright
  std::string ocr_error;                    // OCR was due and failed (no language data ...)
  std::vector<Ruling> rulings;              // vertical rulings, drawn or found by OCR, in points
  bool ocr_unreadable = false;              // OCR read it with too little confidence: no words
  // Over a limit of PdfLimits: the repair kind ("page_too_deep", "page_content_too_large": the
  // page skipped; "image_too_large", "ocr_page_too_large": not rendered), or empty.
  std::string over_limit;
};

// Legacy encodings: by font name, else by the statistics of each font's text on the page.
// Returns the encodings decoded (bit 1: TCVN3, bit 2: VNI).
int RepairLegacyFonts(std::vector<RawWord>& words);

// Tesseract's words (and the rulings it found) in PDF points, from the pixels of a page image
// rendered at `dpi`.
std::vector<RawWord> RawWordsOfOcr(OcrPage& read, int dpi, std::vector<Ruling>* rulings);

// `raw` (the page `width` x `height` points as displayed) into `p.model` and
// `p.other_rotations`: one page model for each angle its text is set at, the body's (the
// angle most of its text is set at) first, each turned upright and grouped into lines.
// `p.ocr` says whose words they are, `p.rulings` the page's rulings. Takes the words' text.
void BuildPageModels(std::vector<RawWord>& raw, float width, float height, const ComposeTuning& tuning, Pending& p);

// The page laid out (its running lines marked already): its text, the text of its other
// angles after it, and, with `keep_boxes`, its words' boxes with their OCR confidence.
// `carry`: what the previous page left of a table (compose.h); the next page's, after.
PdfPage ComposePdfPage(const Pending& p, bool keep_boxes, const ComposeTuning& tuning, LayoutCarry& carry);

// Appends "kind:N" for each run of consecutive pages ("ocr:2-5", "ocr_turned:3") to `repairs`.
void AppendPageRuns(std::vector<std::string>& repairs, const char* kind, const std::vector<int>& pages);

}  // namespace baocao::pdf_internal
