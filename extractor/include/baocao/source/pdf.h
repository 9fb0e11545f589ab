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

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/budget.h"
#include "baocao/ocr/ocr.h"
#include "baocao/core/status.h"

namespace baocao {

// The thresholds of a PDF page's layout (the words to lines, running headers, columns, tables
// and paragraphs of the text described above) and of reading its words and drawn rulings, as
// data: each field with its unit and why, so that a value can be swept without a rebuild
// (core/tuning.h: SetTuningField(options.compose, "chunk_gap", 0.6)). The defaults are the
// values the corpus, the real documents and their scans were read with; a change moves what
// is read as a space, a cell, a row or a paragraph, never a crash.
//
// Units: "line heights" are a line's median word height (a text layer's word box runs from its
// font's ascent to its descent, about 1.15 times the type size; a word read by OCR is given the
// same band, baocao/ocr.h); "points" are PDF points (1/72 inch); "pitches" are the baseline
// step between the lines of one table cell; "font sizes" are Poppler's. The quantiles are
// those of core/statistics.h's Percentile (nearest rank).
struct ComposeTuning {
  // ---- Words to lines (source/page_model.cc)
  float min_height = 0.1f;            // points: the least height a word or line is given, so a
                                      // box drawn flat (a rule set as text) divides by no zero
  float same_line_overlap = 0.6f;     // of the smaller height: a word joins the line whose band
                                      // it overlaps this much (a superscript or another font on
                                      // the line does; the line of a cell set half a line
                                      // lower, a centred cell beside a wrapped one, does not)
  float word_gap = 0.12f;             // line heights: a wider gap between two words is a space,
                                      // where the text layer marked none (glyphs set one by one)

  // ---- Running headers and footers (source/page_model.cc)
  float running_margin = 0.12f;       // of the page height: running lines sit in the top or the
                                      // bottom band this tall
  size_t running_edge_lines = 2;      // lines: and are among the page's first or last ones
  float running_min_drift = 4.0f;     // points: a line repeated on another page within this
                                      // height (or running_drift, if more) is the same line
  float running_drift = 0.6f;         // line heights: see running_min_drift

  // ---- Pieces of a line, and the text's edges (source/compose.cc)
  float chunk_gap = 0.55f;            // line heights: a wider gap separates two pieces of a
                                      // line (cells); a space is about 0.25
  float tab_gap = 2.0f;               // line heights: a gap this wide in a line of running text
                                      // is kept, as a tab (a date line's place and date)
  float stretched_space = 0.25f;      // line heights: a wider gap between two words may part
                                      // two cells set close (a stretched space is narrower)
  float ocr_stretched_space = 0.4f;   // line heights: the same between words read by OCR, whose
                                      // ink boxes lack a glyph's side bearings: the same space
                                      // is wider between them, and varies with the letters
  float edge_low_quantile = 0.1f;     // the text's left edge is this quantile of its lines' left
                                      // ends (an indented or centred line is no edge) ...
  float edge_high_quantile = 0.9f;    // ... and its right edge this quantile of their right ends

  // ---- The line pitch of running text, learned by type size and carried from page to page
  float same_size = 0.1f;             // line heights: two lines closer in height than this are
                                      // of one type size
  float min_line_step = 0.8f;         // line heights: a smaller step between two baselines is
                                      // no step from one line of a paragraph to the next (the
                                      // lines of cells set at different heights) ...
  float max_line_step = 2.5f;         // ... nor is a wider one (the space between two blocks)
  float pitch_quantile = 0.25f;       // the pitch is this quantile of those steps: the usual
                                      // step inside a paragraph, below the wider ones between
                                      // paragraphs
  size_t min_pitch_steps = 3;         // steps: fewer measure no pitch
  size_t max_known_pitches = 16;      // type sizes whose pitch a document remembers

  // ---- Where a table or two columns begin and end (source/compose_columns.cc: FindRegion)
  float region_gap = 1.6f;            // line heights: lines of one table are at most this far
                                      // apart (inside one ruled table they may be farther: a
                                      // tall row sets its cells' lines far apart)
  size_t max_lone_lines = 16;         // lines: one-piece lines (a tall cell) before a table's
                                      // columns are known; more are running text
  float table_same_size = 0.25f;      // line heights: a line whose height differs more is of
                                      // another type size, not the table's
  size_t max_heading_lines = 3;       // lines: a heading drawn as a table of its own over its
                                      // body, or a second heading row, comes within this many
  float min_usual_gap = 0.3f;         // line heights: the usual gap between a table's lines is
                                      // taken as at least this
  float wide_gap_factor = 2.5f;       // times the usual gap: a wider gap (and wide_gap_margin
                                      // wider) may part two tables, if their columns differ
  float wide_gap_margin = 0.5f;       // line heights: see wide_gap_factor
  size_t lookahead_lines = 12;        // lines after such a gap compared with those before it
  float close_line_gap = 0.5f;        // line heights: lines after the gap this close to the
                                      // line above are one block with it
  float wide_line = 0.5f;             // of the table's width: a one-piece line wider than this
                                      // that runs over two gutters is running text
  float running_text_width = 0.7f;    // of the text's width: before any column is known, a
                                      // one-piece line wider than this is running text
  float strong_gutter = 1.5f;         // line heights: a gutter this wide (or two gutters) makes
                                      // two lines a table; else three lines are needed
  float wrap_gap_slack = 1.0f;        // points: a wrapped cell's line may be as far from its row
                                      // as the widest gap inside the table, plus this ...
  float max_wrap_gap = 1.2f;          // line heights: ... but no farther than this
  float wrap_same_size = 0.2f;        // line heights: and of the table's type size within this

  // ---- Column boundaries (source/compose_columns.cc)
  float min_gutter = 2.0f;            // points: the narrowest strip a column boundary can be
                                      // (stretched_space wide, if more)
  float centred_heading = 0.25f;      // of a strip's width: a heading whose middle is this close
                                      // to the strip's stands over the columns on both sides
  float gutter_inset = 0.5f;          // points: a word reaching less than this into a strip has
                                      // only touched it
  float same_ruling = 2.0f;           // points: rulings this close are one (two lines of one
                                      // ruled table, a ruling drawn a little aside)
  int ruling_touch = 1;               // points: a word reaching this little past a ruling with
                                      // its edge is still on its side
  float double_ruling = 3.0f;         // points: two rulings this close with no word between them
                                      // are one double border ...
  float empty_column_inset = 1.0f;    // points: ... farther apart, an empty column: its strip
                                      // starts and ends this far inside them

  // ---- Two columns of running text rather than a two-column table (IsProse)
  float prose_gutter_from = 0.3f;     // of the width: the one gutter's middle lies between this
  float prose_gutter_to = 0.7f;       // and this (near the middle) ...
  float prose_min_side = 0.3f;        // ... and each side is at least this wide
  size_t prose_min_lines = 4;         // lines: each side runs over at least this many ...
  int prose_min_words = 4;            // ... of this many words (the median) ...
  float prose_full_reach = 1.5f;      // line heights: ... half of them ending this close to the
                                      // column's edge (justified or wrapped)

  // ---- Table cells and rows (source/compose_table.cc)
  float span_centre_min = 4.0f;       // points: a heading over merged cells stands over the span
                                      // whose middle is this close to its own ...
  float span_centre_share = 0.06f;    // ... or this share of the span's width, if more
  size_t numbered_rows_percent = 60;  // of the lines with a first cell: when this many (two at
                                      // least) are numbers ("1", "II", "a)"), the numbers tell
                                      // the rows apart
  float table_min_step = 0.8f;        // line heights: a smaller step is between lines of two
                                      // cells set at different heights (a centred cell)
  float single_step = 1.25f;          // line heights: a smaller step may be single spacing
                                      // between the lines of one cell
  float row_padding_min = 1.5f;       // points: a step wider than the cell pitch by this (or by
                                      // row_padding, if more) is padding between rows
  float row_padding = 0.1f;           // pitches: see row_padding_min
  size_t max_heading_rows = 3;        // rows before the first numbered one that may be headings
  size_t heading_value_bytes = 12;    // bytes: a cell holding a digit and shorter than this is a
                                      // value, so its row is no heading
  float above_number = 0.75f;         // pitches: a line this close above a block's first number
                                      // belongs to its row (a number set in a tall row's middle)
  float owner_below_margin = 0.3f;    // pitches: a line between two numbers goes to the lower
                                      // one when that is closer by this (text wraps downwards)
  float mirror_tolerance = 0.35f;     // pitches: a line above a row's number mirrors one below it
                                      // when their distances differ by less (a centred row) ...
  float mirror_max = 1.6f;            // ... and it is no farther above than this

  // ---- Paragraphs (source/compose_text.cc)
  size_t min_block_lines = 5;         // lines: a block of running text this long measures its
                                      // own edges (a shorter one is judged on the page's)
  int centered_margin = 2;            // line heights: a centred line stands this far in from the
                                      // left edge at least ...
  float centered_tolerance = 1.5f;    // line heights: ... its two margins differing by less
  float size_change = 0.2f;           // of the smaller height: two lines differing more are of
                                      // two paragraphs (a heading over its text)
  float default_pitch = 1.25f;        // line heights: single spacing, when no pitch is known
  float paragraph_gap_min = 1.5f;     // points: a step wider than the pitch by this (or by
                                      // paragraph_gap, if more) is spacing between paragraphs
  float paragraph_gap = 0.12f;        // line heights: see paragraph_gap_min
  int max_paragraph_step = 3;         // line heights: a wider step always parts two paragraphs
  float space_width = 0.25f;          // line heights: a space, to tell whether the next line's
                                      // first word would have fitted at this line's end
  float wrap_slack = 0.3f;            // line heights: a line that would have reached this close
                                      // to the right edge ended for want of room
  float indent = 1.2f;                // line heights: a line starting this far right of the left
                                      // edge ...
  float indent_step = 0.8f;           // ... and this far right of the line above is indented
  float hanging_indent = 0.5f;        // line heights: a line this close to the text after an
                                      // item's marker continues the item (a hanging indent)
  float long_line = 0.8f;             // of the text's width: a line reaching this far is long;
                                      // one after it opening in lowercase or a digit continues it

  // ---- A page's words and drawn rulings as Poppler gives them (source/pdf.cc)
  double same_baseline = 0.5;         // font sizes: words whose baselines are this close are on
                                      // one line (Poppler's rule, so a raised mark stays on it)
  double space_gap = 0.03;            // font sizes: a wider gap on a line is a space (Poppler's
                                      // maxCharSpacing, the rule its reading order follows)
  int same_word_shift = 1;            // points: the same word drawn again this close is one word
                                      // (a fake bold)
  double ruling_max_width = 1.5;      // points: a stroke or filled bar this thin ...
  double ruling_min_height = 4.0;     // points: ... and this tall is a piece of a table border
  size_t max_drawn_verticals = 4000;  // pieces: more on a page is a drawing, not tables (and
                                      // bounds the memory)
  float drawn_ruling_step = 0.5f;     // points: pieces this close sideways ...
  float drawn_ruling_gap = 1.0f;      // points: ... and along the border are one ruling (a
                                      // border drawn cell by cell)
  float drawn_ruling_drift = 1.0f;    // points: a joined ruling drifting more sideways is none

  template <class Visit>
  void ForEachField(Visit&& visit) {
    visit("min_height", min_height);
    visit("same_line_overlap", same_line_overlap);
    visit("word_gap", word_gap);
    visit("running_margin", running_margin);
    visit("running_edge_lines", running_edge_lines);
    visit("running_min_drift", running_min_drift);
    visit("running_drift", running_drift);
    visit("chunk_gap", chunk_gap);
    visit("tab_gap", tab_gap);
    visit("stretched_space", stretched_space);
    visit("ocr_stretched_space", ocr_stretched_space);
    visit("edge_low_quantile", edge_low_quantile);
    visit("edge_high_quantile", edge_high_quantile);
    visit("same_size", same_size);
    visit("min_line_step", min_line_step);
    visit("max_line_step", max_line_step);
    visit("pitch_quantile", pitch_quantile);
    visit("min_pitch_steps", min_pitch_steps);
    visit("max_known_pitches", max_known_pitches);
    visit("region_gap", region_gap);
    visit("max_lone_lines", max_lone_lines);
    visit("table_same_size", table_same_size);
    visit("max_heading_lines", max_heading_lines);
    visit("min_usual_gap", min_usual_gap);
    visit("wide_gap_factor", wide_gap_factor);
    visit("wide_gap_margin", wide_gap_margin);
    visit("lookahead_lines", lookahead_lines);
    visit("close_line_gap", close_line_gap);
    visit("wide_line", wide_line);
    visit("running_text_width", running_text_width);
    visit("strong_gutter", strong_gutter);
    visit("wrap_gap_slack", wrap_gap_slack);
    visit("max_wrap_gap", max_wrap_gap);
    visit("wrap_same_size", wrap_same_size);
    visit("min_gutter", min_gutter);
    visit("centred_heading", centred_heading);
    visit("gutter_inset", gutter_inset);
    visit("same_ruling", same_ruling);
    visit("ruling_touch", ruling_touch);
    visit("double_ruling", double_ruling);
    visit("empty_column_inset", empty_column_inset);
    visit("prose_gutter_from", prose_gutter_from);
    visit("prose_gutter_to", prose_gutter_to);
    visit("prose_min_side", prose_min_side);
    visit("prose_min_lines", prose_min_lines);
    visit("prose_min_words", prose_min_words);
    visit("prose_full_reach", prose_full_reach);
    visit("span_centre_min", span_centre_min);
    visit("span_centre_share", span_centre_share);
    visit("numbered_rows_percent", numbered_rows_percent);
    visit("table_min_step", table_min_step);
    visit("single_step", single_step);
    visit("row_padding_min", row_padding_min);
    visit("row_padding", row_padding);
    visit("max_heading_rows", max_heading_rows);
    visit("heading_value_bytes", heading_value_bytes);
    visit("above_number", above_number);
    visit("owner_below_margin", owner_below_margin);
    visit("mirror_tolerance", mirror_tolerance);
    visit("mirror_max", mirror_max);
    visit("min_block_lines", min_block_lines);
    visit("centered_margin", centered_margin);
    visit("centered_tolerance", centered_tolerance);
    visit("size_change", size_change);
    visit("default_pitch", default_pitch);
    visit("paragraph_gap_min", paragraph_gap_min);
    visit("paragraph_gap", paragraph_gap);
    visit("max_paragraph_step", max_paragraph_step);
    visit("space_width", space_width);
    visit("wrap_slack", wrap_slack);
    visit("indent", indent);
    visit("indent_step", indent_step);
    visit("hanging_indent", hanging_indent);
    visit("long_line", long_line);
    visit("same_baseline", same_baseline);
    visit("space_gap", space_gap);
    visit("same_word_shift", same_word_shift);
    visit("ruling_max_width", ruling_max_width);
    visit("ruling_min_height", ruling_min_height);
    visit("max_drawn_verticals", max_drawn_verticals);
    visit("drawn_ruling_step", drawn_ruling_step);
    visit("drawn_ruling_gap", drawn_ruling_gap);
    visit("drawn_ruling_drift", drawn_ruling_drift);
  }
};

// Every field has an initializer, so `{.max_pages = 10}` names only what it changes.
// What one page may ask of Poppler and of OCR, checked before the page is drawn or rendered; a
// page over a limit is skipped (its text left empty) and named in PdfDocument::repairs, so a
// hostile page costs a scan of its bytes, not the machine (issue 18).
struct PdfLimits {
  // Graphics-state saves ('q') open at once in a page's content: each costs Poppler a copy of the
  // state (about 1 KB), so 5 million took 4.6 GB (issue 18). Real pages nest a few dozen.
  size_t max_graphics_depth = 10000;
  // A page's content streams, decoded. A text page of these documents is 5-60 KB; a drawn
  // map or chart a few MB.
  size_t max_content_bytes = size_t(64) << 20;
  // Pixels of one image a page draws (width x height): an A4 scan at 600 dpi is 35 million; one
  // of 100000 x 100000 took Poppler 56 s to render (issue 18).
  double max_image_pixels = 200e6;
  // Pixels of one page rendered for OCR (at OcrOptions::dpi): A4 at 300 dpi is 8.7 million;
  // an A0 sheet 140 million. A larger page is not rendered (repair "ocr_page_too_large:N").
  double max_render_pixels = 150e6;
};

struct PdfOptions {
  std::string password{};      // tried as the owner and as the user password
  int max_pages = 20000;       // more pages: kTooLarge
  bool word_boxes = false;     // keep each word's box (PdfPage::words), for spans' bbox
  // Scanned pages (baocao/ocr/ocr.h): under kAuto a page whose text layer is absent or garbage is
  // rendered and read by Tesseract; its words go through the same line, paragraph and table
  // reconstruction, and keep their confidence (PdfWordBox::confidence).
  OcrOptions ocr{};
  ComposeTuning compose{};     // the page layout's thresholds (above)
  PdfLimits limits{};          // what Poppler and OCR are asked to do for one page (above)
  // The extraction's budget (baocao/core/budget.h), checked before each page and each page's
  // OCR, and asked while a page is rendered for OCR (between its drawing operators and the rows
  // of its images) and recognized: when it runs out ReadPdf returns its error (kTimeout,
  // kOverMemory, kCancelled).
  Budget budget{};
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
