// Text recognition (OCR) of scanned pages through Tesseract (issue 9): which pages need it, the
// page image made ready for it, and the words it reads with their boxes and confidences.
//
//   baocao::OcrImage image = ...;           // a page rendered at 300 dpi (PdfOptions::ocr.dpi)
//   baocao::Result<baocao::OcrPage> page = baocao::RecognizeImage(image, {.languages = "vie"});
//   if (!page.ok()) ...;   // kUnavailable-like failures come back as kInternal with the reason
//                          // ("tesseract: language data 'vie' not found"); an image with no
//                          // text gives an OcrPage without words, never an error
//   for (const baocao::OcrWord& w : page->words) use(w.text, w.confidence, w.uncertain_number);
//
// The PDF reader (baocao/source/pdf.h) calls this for each page whose text layer is absent or garbage
// (ClassifyTextLayer) under OcrMode::kAuto, or for every page under kAlways; the words then go
// through the same line, paragraph and table reconstruction as the words of a text layer, and
// their confidence reaches every span they make (Span::confidence, Span::uncertain).
//
// Doubt, as documented in docs/EXTENSIONS.md: a word's confidence is Tesseract's (0-100). A word
// holding a digit is an uncertain number when its confidence is below kUncertainWordConfidence,
// or when one of the characters Tesseract confuses in the fonts of these documents (1/7, 0/8,
// 5/6, ',' against '.') was read with a confidence below kUncertainGlyphConfidence.
//
// Ownership and threads: each thread keeps one Tesseract instance (initialising one loads the
// language model, about 0.2 s), reused for every page that thread reads; RecognizeImage may run
// on many threads at once. Memory: one page image and its binarized copy at a time (about 9 MB
// each for an A4 page at 300 dpi). Time: about 1-3 s a page on one core; `page_timeout_ms`
// bounds it (the words read so far are kept and OcrPage::timed_out is set).
//
// Cache (for measuring and tuning, off unless asked): with $BAOCAO_OCR_CACHE naming a folder,
// the words of each page are kept there under the SHA-256 of the page's pixels, the languages,
// the dpi and a version of this module's preparation, and read back instead of running
// Tesseract on the same image again. A timed-out page is not kept. Safe across processes
// (files appear whole, by rename).
// Errors are values: nothing here throws.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/status.h"

namespace baocao {

enum class OcrMode {
  kAuto,     // pages whose text layer is absent or garbage
  kAlways,   // every page, the text layer ignored
  kNever,    // none: a page without text stays empty (a PDF of scans only is kNoText)
};
// "auto" | "always" | "never"; false for anything else.
bool ParseOcrMode(std::string_view name, OcrMode* mode);
const char* OcrModeName(OcrMode mode);

// Below this word confidence a number read by OCR is uncertain.
constexpr float kUncertainWordConfidence = 80.0f;
// Below this confidence one of the confusable characters (1 7 0 8 5 6 , .) makes its number
// uncertain, even in a word read with more confidence as a whole.
constexpr float kUncertainGlyphConfidence = 90.0f;

// Every field has an initializer, so `{.page_timeout_ms = 1000}` names only what it changes.
struct OcrOptions {
  // Off unless asked for: OCR costs seconds a page and needs Tesseract's language data, so a
  // library caller opts in. The command line asks for kAuto by default (--ocr, $BAOCAO_OCR).
  OcrMode mode = OcrMode::kNever;
  // Tesseract language models, "+"-joined. "vie" alone: its model covers the Latin letters and
  // digits these documents use, and a second model doubles the time for no gain measured.
  std::string languages = "vie";
  // Rendering resolution for recognition. Tesseract is trained on text of about 20-30 px
  // x-height (10-12 pt at 300 dpi); 300 is where it reads these documents' 13-14 pt best, and
  // more costs time and memory without gain (tools/bench/ocr.sh).
  int dpi = 300;
  int page_timeout_ms = 60000;   // per page; 0: no limit
  // Where Tesseract's language data is; empty: TESSDATA_PREFIX, else Tesseract's default.
  std::string tessdata_dir{};
  // Called before each page read by OCR (page, pages in the document), e.g. for a progress line.
  std::function<void(int page, int pages)> progress{};
};

// A page image, dark text on light, rows of `stride` bytes. RGB is read as its brightest channel:
// coloured ink (a red seal, a blue signature) turns light and the black text under it stays,
// which plain luminance would not give (a red seal is as dark as text in gray).
struct OcrImage {
  int width = 0;
  int height = 0;
  int stride = 0;
  int channels = 1;                  // 1: 8-bit gray; 3: RGB, 8 bits each
  int dpi = 300;
  const uint8_t* pixels = nullptr;   // not owned
};

// A word as Tesseract read it. Coordinates are pixels of the OcrImage, origin top left. `x0..y1`
// is in the deskewed image, its vertical extent its text line's band, set as a text layer sets
// a word's box: about one em tall from Tesseract's row height, 0.8 of it above the baseline (so
// the words of one line share one band whatever their ascenders and tone marks, and the page
// layout measures gaps in the same unit as on text PDFs): what line reconstruction reads.
// `page_box` is the word's own box turned back into the image as given: what spans report.
struct OcrWord {
  std::string text;          // UTF-8
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float page_box[4] = {0, 0, 0, 0};
  float confidence = 0;      // 0..100
  bool uncertain_number = false;   // holds a digit read with doubt (see above)
};

// A vertical table ruling found (and erased) before reading: a drawn line between two columns,
// in the deskewed image's pixels like OcrWord's x0..y1. The page layout takes it as a column
// boundary, which word positions alone do not always show on a scan.
struct OcrRuling {
  float x = 0, y0 = 0, y1 = 0;
};

struct OcrPage {
  std::vector<OcrWord> words;      // in Tesseract's reading order
  std::vector<OcrRuling> rulings;  // vertical rulings, left to right
  float skew_degrees = 0;          // the skew corrected before reading (0: none found)
  bool timed_out = false;          // page_timeout_ms ran out: the words read so far
};

// Reads one page image: Tesseract's page layout, then a recovery pass over the ink no word took
// (a number alone in a narrow ruled cell, which the page layout drops), read a piece at a time
// as one line and kept above confidence 60. Returns an error only when Tesseract cannot start
// (language data missing) or the image is unusable (no pixels); a page with no text has no words.
Result<OcrPage> RecognizeImage(const OcrImage& image, const OcrOptions& options);

// Whether Tesseract and the language data of `options` can be loaded on this machine.
Status OcrAvailable(const OcrOptions& options);

// What a page's text layer is worth, from its text and the ink on the page.
enum class TextLayerQuality {
  kUsable,    // read it
  kAbsent,    // no text (an image-only page): OCR it if it has ink
  kGarbage,   // text that is not Vietnamese (U+FFFD, letters of no Vietnamese word, control
              // characters: a font without a Unicode map), or far fewer characters than its
              // ink shows (a scan under a thin text layer, such as a stamp's text)
  kBlank,     // no text and (almost) no ink: nothing to read
};
const char* TextLayerQualityName(TextLayerQuality quality);

// `dark_pixels`: pixels darker than mid-gray with the page rendered at `ink_dpi`; negative when
// not measured (then only the text itself is judged). Measured on the corpus at 50 dpi, text
// pages have 9-23 dark pixels a character (tables with rulings the most); a page with more
// than 60 a character has ink its text layer does not account for.
TextLayerQuality ClassifyTextLayer(std::string_view text, long dark_pixels, int ink_dpi);

// Below this many characters a text layer may be a thin one over a scan: only then is the page
// rendered at low resolution to count its ink (a full page of text holds about 2000).
constexpr size_t kInkCheckBelowChars = 1000;
// The resolution of that ink count: enough to see a line of text, cheap to render.
constexpr int kInkDpi = 50;

// Letters no Vietnamese word has, which Tesseract's Vietnamese model gives for the Đ and N of
// these fonts, often doubled ("QĐÐ-UBND", "71-NÑQ/CP"): an Eth (U+00D0) after Đ and an Ñ after
// N are one glyph read twice and dropped; elsewhere they become Đ and N. Applied to every word
// RecognizeImage returns.
std::string RepairOcrGlyphs(std::string word);

// Pixels darker than mid-gray (< 160 of 255) of a gray image.
long CountDarkPixels(const OcrImage& image);

}  // namespace baocao
