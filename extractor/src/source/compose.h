// Internal: one page's lines to the page text the rest of the engine reads, in the form the
// text versions of the documents have (corpus/docs/*.txt): reading order, one paragraph per
// line, a blank line between paragraphs, each table row one line of tab-separated cells.
//
//   - Columns: a stretch of lines split by one empty vertical strip near the middle, both sides
//     running text, is read left column first, then the right one.
//   - Tables ("stream" reconstruction, no ruling lines needed): consecutive lines whose words
//     leave the same vertical strips empty are a table; the strips are the column boundaries.
//     Where the page has vertical rulings (PageModel::rulings: the column borders a text PDF
//     draws, or a scan's, found by the OCR pass) the rulings that pass a table's lines are its
//     column boundaries instead, lines passed by another set of rulings belong to another
//     table, and lines inside one ruled table stay in it however far apart (a tall row, a row
//     of one wrapped cell).
//     A cell whose text wraps is one cell: the lines of a row are told apart by the padding
//     between rows when the table has it, else by the row's number in the first column (also
//     when that number sits in the middle of a tall row). A heading over two lines is one
//     heading row; a heading over several columns stays its own row, as in the text versions.
//   - A row broken by a page break continues on the next page as a row whose first cell is
//     empty (after the heading row, if the table repeats it): the layout stage joins it.
//   - Paragraphs: visual lines of one paragraph become one line (a line that ended only because
//     the next word did not fit); a line-end hyphen between two lowercase letters is dropped.
//
// Every emitted word is recorded with its byte range in the page text and its box, so any span
// of the text can be given a bounding box.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "source/page_model.h"

namespace baocao::pdf_internal {

struct WordSpan {
  uint32_t begin = 0;   // byte range of the word in the page text
  uint32_t end = 0;
  Box box;              // Word::page_box
  uint32_t word = 0;    // index into PageModel::words (OCR confidence travels by it)
};

struct ComposedPage {
  std::string text;               // ends with "\n" unless empty
  std::vector<WordSpan> words;    // in text order; empty unless boxes were asked for
};

// What one page tells the next about a table running over the page break.
struct LayoutCarry {
  bool ended_in_table = false;    // the page's last block was a table
  size_t columns = 0;
  std::string header_key;         // that table's heading rows, as emitted
  // That table's column boundaries ({left, right} of each gutter), extent and line height: the
  // rest of a row cut by the page break, alone at the top of the next page, is read on them.
  std::vector<std::pair<float, float>> gutters;
  float table_x0 = 0, table_x1 = 0, line_height = 0;
  // The line pitch of running text seen so far, by line height: {height, pitch} pairs. A
  // page with only a few lines of text uses it to tell paragraph spacing from line spacing.
  std::vector<std::pair<float, float>> pitches;
};

// `tuning`: the thresholds (baocao/pdf.h), read for the call only.
ComposedPage ComposePage(const PageModel& page, LayoutCarry& carry, bool keep_boxes, const ComposeTuning& tuning);

}  // namespace baocao::pdf_internal
