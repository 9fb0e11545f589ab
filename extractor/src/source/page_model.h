// Internal: one PDF page as positioned words, grouped into visual lines. Everything the page
// layout (compose.h) reads; nothing here knows Poppler, so the layout is tested on words made
// by hand.
//
// Coordinates are PDF points with the origin at the top left of the page as it is read: x to
// the right, y down. For a page whose text runs rotated, pdf.cc turns the boxes first, so that
// lines are always horizontal here; `page_box` keeps the box as Poppler gave it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "baocao/source/pdf.h"

namespace baocao::pdf_internal {

// Percentile's quantile for the median (core/statistics.h).
inline constexpr float kMedian = 0.5f;

struct Box {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  float cx() const { return (x0 + x1) / 2; }
  float cy() const { return (y0 + y1) / 2; }
  void Extend(const Box& b);
};

struct Word {
  std::string text;    // UTF-8, NFC, legacy font encodings already decoded
  Box box;             // reading orientation (see above)
  Box page_box;        // as Poppler gave it: the bbox reported for spans
  bool space_after = true;
  float confidence = -1;          // read by OCR: Tesseract's confidence 0..100; -1: text layer
  bool uncertain_number = false;  // read by OCR: a number with doubtful digits (baocao/ocr/ocr.h)
};

// One visual line: words left to right.
struct Line {
  std::vector<uint32_t> words;  // indices into PageModel::words, sorted by x
  Box box;
  float height = 0;             // the median word height: the line's type size, roughly
  bool running = false;         // a running header or footer, or a page number: not emitted
};

// A vertical table ruling: a line drawn between two columns, from y0 down to y1 at x.
struct Ruling {
  float x = 0, y0 = 0, y1 = 0;
};

struct PageModel {
  int number = 0;               // 1-based
  float width = 0, height = 0;  // in reading orientation
  std::vector<Word> words;
  std::vector<Line> lines;      // top to bottom
  std::vector<Ruling> rulings;  // vertical rulings, left to right; the layout's column
                                // boundaries where they pass a table's lines (compose.h)
};

// Groups words into lines by vertical overlap (a word joins the line whose band it shares most,
// over ComposeTuning::same_line_overlap, 60%, of the smaller height: superscripts and words of
// another font size stay on their line, the line of a cell set half a line lower does not),
// each sorted left to right; lines top to bottom. `subset`: the words to use (all if empty).
// O(n log n) for the usual page.
std::vector<Line> BuildLines(const std::vector<Word>& words, const ComposeTuning& tuning,
                             const std::vector<uint32_t>& subset = {});

// The line's words joined as they read (a space where there is a gap, ComposeTuning::word_gap,
// or Poppler saw one).
std::string LineText(const PageModel& page, const Line& line, const ComposeTuning& tuning);

// Marks the running headers and footers of `pages[target]`: a line in the top or bottom margin
// band that another page of the window repeats at the same height with the same text, or a
// bare page number there ("3", "- 3 -", "Trang 3"; a counter "Trang 3/12" is kept). `pages` is a window of neighbouring
// pages in order (a few before and after the target).
void MarkRunningLines(const std::vector<PageModel*>& pages, size_t target, const ComposeTuning& tuning);

}  // namespace baocao::pdf_internal
