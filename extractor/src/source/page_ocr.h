// Internal: a PDF page's text layer judged, and read by OCR when it is absent or not text
// (baocao/ocr/ocr.h), for source/pdf.cc. Runs on the thread that reads the page.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "baocao/ocr/ocr.h"
#include "baocao/source/pdf.h"
#include "source/page_render.h"
#include "source/pdf_page.h"

namespace baocao::pdf_internal {

// What a page draws besides its text, tallied while its words are read: raster images (a scan)
// and filled outlines (text set as curves) are what could hold text the text layer lacks, so
// only a page with them is worth rendering to count its ink (MaybeOcr).
struct PageDrawing {
  double image_share = 0;    // of the page's area under raster images (overlaps counted twice)
  long filled_contours = 0;  // subpaths of filled paths (a glyph outline is one to three)
  bool MayHideText(const OcrTuning& t) const {
    return image_share >= t.may_hide_image_share || filled_contours >= t.may_hide_contours;
  }
  // Vertical strokes and hairline bars (a table's column borders), in the words' frame, in the
  // order drawn; DrawnRulings makes them rulings.
  std::vector<Ruling> verticals;
  bool too_many_verticals = false;   // vector art, not a table: none kept
  double max_image_pixels = 0;       // the largest image drawn, width x height
};

// The page being read rendered at `dpi` (RenderPage, on the reading thread's own document),
// stopping when `stop` says so.
using PageRenderFn = std::function<RenderedPage(int dpi, PixelFormat format, const std::function<bool()>& stop)>;

// Under kAuto judges the text layer of `raw` and, when OCR is due (or under kAlways), replaces
// `raw` with Tesseract's words, in PDF points; `render_page` renders the page, on need, within
// the extraction's budget (a render stops when the budget is spent). Under kNever the layer is
// judged on its text alone (no page rendered), so that the repairs name a layer that is not
// text. What it found and did is set in `p`.
void MaybeOcr(const PageRenderFn& render_page, int index, int pages, const PdfOptions& options,
              const PageDrawing& drawing, const Box& size, std::vector<RawWord>& raw, Pending& p);

// A page's layer judged whole (JudgeTextLayer, with the page's ink `dark`, -1 if not counted),
// then font by font: a signed PDF may keep most of its text in good fonts and set a header or a
// stamped line in one whose codes are shifted ("UBND 7ӌ1+ LÀO CAI"), too little of the page to
// tip the whole. A font with OcrTuning::min_judged_font_words words or more that is garbage by
// its words makes the page's layer garbage.
TextLayerJudgement JudgeByFonts(const std::string& text, const std::vector<RawWord>& raw, long dark,
                                const OcrTuning& tuning);

// Tesseract's confusions inside numbers, undone: "0I/2026/TT-BCT" -> "01/...", "ngày l6" ->
// "16", "Km2+57I" -> "571"; and the fraction slash it reads for a slash ("1105⁄KH-ĐKT"). A run
// of digits and look-alikes (I, l, O) is a number when it holds a digit and no letter touches
// it ("PC04", "Il" inside a word stay). Such a word's number is then a reading with doubt
// (uncertain_number), never a certain one. Applied to every word OCR reads.
void RepairOcrDigits(RawWord& w);

// `ocr` within the extraction's budget: its page timeout no later than the deadline (Tesseract
// stops a page at its own timeout), and a stop that a cancel or the memory ceiling raises, which
// Tesseract asks within a page.
OcrOptions WithinBudget(OcrOptions ocr, const Budget& budget);

// C0 controls (tab and line ends aside) and DEL in the words' text, as U+FFFD: a glyph code
// that maps to no character. Shifted glyph codes give them ('1' - 29 is U+0014).
void ReplaceControlCharacters(std::vector<RawWord>& raw);

}  // namespace baocao::pdf_internal
