// The Source stage for PDF input: a PDF's bytes to the text of each page, through Poppler
// (poppler-cpp), in the form the text path reads (docs/DESIGN.md "Source").
//
//   baocao::Result<baocao::PdfDocument> pdf = baocao::ReadPdf(bytes, {.password = "baocao"});
//   if (!pdf.ok()) ...;   // kEncrypted (no or wrong password), kCorrupt (damaged beyond repair),
//                         // kEmpty (no pages), kTooLarge (over max_pages), kNoText (no page
//                         // has text: a scan with OCR off, or one OCR found no text on)
//   for (const baocao::PdfPage& p : pdf->pages) use(p.number, p.text);
//
// Each page's text is rebuilt from Poppler's word boxes (page::text_list): reading order (two
// columns read one after the other), one paragraph per line with a blank line between
// paragraphs, tables as lines of tab-separated cells (a row broken by a page break continues on
// the next page as a row with an empty first cell), running headers, footers and page numbers
// dropped, rotated pages turned upright, text in the legacy TCVN3 and VNI font encodings mapped
// to Unicode, NFC. A page without a text layer has empty text (and is listed in `repairs`).
// Poppler's own messages never reach standard error; the fatal ones are in the error message.
//
// Memory: one page's words at a time (plus a window of four neighbouring pages' words, to
// find running headers); the result holds only the pages' texts (and word boxes if asked).
// Thread safety: ReadPdf may run on several threads at once (on different inputs).
// Complexity: about linear in the number of words; Poppler's text extraction dominates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/ocr/ocr.h"
#include "baocao/core/status.h"

namespace baocao {

// Every field has an initializer, so `{.max_pages = 10}` names only what it changes.
struct PdfOptions {
  std::string password{};      // tried as the owner and as the user password
  int max_pages = 20000;       // more pages: kTooLarge
  bool word_boxes = false;     // keep each word's box (PdfPage::words), for spans' bbox
  // Scanned pages (baocao/ocr/ocr.h): under kAuto a page whose text layer is absent or garbage is
  // rendered and read by Tesseract; its words go through the same line, paragraph and table
  // reconstruction, and keep their confidence (PdfWordBox::confidence).
  OcrOptions ocr{};
};

// A word of a page's text and where it is drawn: PDF points, origin at the top left of the
// page as Poppler gives it (y grows downwards).
struct PdfWordBox {
  uint32_t begin = 0;          // byte range in PdfPage::text
  uint32_t end = 0;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float confidence = -1;          // read by OCR: 0..100; -1: from the text layer
  bool uncertain_number = false;  // read by OCR: a number with doubtful digits (baocao/ocr/ocr.h)
};

struct PdfPage {
  int number = 0;              // 1-based
  std::string text;            // as described above; ends with "\n" unless empty
  bool has_text_layer = false;
  bool read_by_ocr = false;        // `text` is Tesseract's reading of the page image
  // By `begin`; with PdfOptions::word_boxes, and always for a page read by OCR (the spans'
  // confidence comes from its words).
  std::vector<PdfWordBox> words;
};

struct PdfDocument {
  std::vector<PdfPage> pages;
  // What was repaired or is missing, by kind: "legacy_font:tcvn3", "legacy_font:vni",
  // "no_text_layer:2" (page 2; "no_text_layer:2-5" for a run), "pdf_repaired" (Poppler
  // rebuilt a damaged file), "rotated_text:3" (page 3 read turned upright), "ocr:2-5" (pages
  // read by OCR), "garbage_text_layer:4" (a text layer that was not text, replaced by OCR),
  // "ocr_timeout:6" (OCR stopped by OcrOptions::page_timeout_ms: part of the page).
  std::vector<std::string> repairs;
};

// True when the bytes are a PDF: "%PDF-" within the first 1024 bytes (as readers accept it),
// whatever the file is called.
bool LooksLikePdf(std::string_view bytes);

Result<PdfDocument> ReadPdf(std::string_view bytes, const PdfOptions& options = {});

}  // namespace baocao
