// Internal to the page layout (compose.h): the Composer, which writes one page's lines as the
// page text, and what its parts share. Its member functions live by concern:
//   compose.cc          the flow of a page (text and tables in reading order), the output, the
//                       line pitch learned by type size, and what one page carries to the next;
//   compose_columns.cc  regions: where a table or two columns of running text begin and end,
//                       and their column boundaries (gutters), from word positions or rulings;
//   compose_table.cc    a table's cells and rows;
//   compose_text.cc     running text: paragraphs.
// Every threshold is a field of the ComposeTuning it is given (baocao/source/pdf.h), in line heights
// unless the field says otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baocao/source/pdf.h"
#include "source/compose.h"
#include "source/page_model.h"

namespace baocao::pdf_internal {

// Beyond any page coordinate: the start of an extent that only grows or shrinks to a line's.
inline constexpr float kFar = 1e9f;

// A piece of a line: words set closer than ComposeTuning::chunk_gap.
struct Chunk {
  size_t first = 0, last = 0;   // positions in Line::words, inclusive
  float x0 = 0, x1 = 0;
};

// An empty vertical strip between two columns.
struct Gutter {
  float l = 0, r = 0;
  float c() const { return (l + r) / 2; }
};

// A table's cells: for each line, the words of each column (positions in Line::words).
struct CellLine {
  std::vector<std::vector<size_t>> cells;
  bool spanning = false;   // a piece of the line runs over a column boundary (merged cells)
};

// "1", "12", "1.2", "IV", "a", "a)", "3." : what numbers a table's rows.
bool IsOrdinal(std::string_view s);
// "STT", "TT", "Số TT", "Số thứ tự": the first cell of a table's heading row.
bool IsHeadingWord(std::string_view s);
// "- ", "+ ", "• ", "a) ", "1. ", "2.1. ", "IV. ": a line that opens an item.
bool StartsItem(std::string_view s);

using LinePtrs = std::vector<const Line*>;
using LineChunks = std::vector<std::vector<Chunk>>;   // each line's pieces (Chunks)

class Composer {
 public:
  Composer(const PageModel& page, LayoutCarry& carry, bool keep_boxes, const ComposeTuning& tuning);
  ComposedPage Run();

 private:
  // A stretch of lines [begin, end) read as one table, or as two columns of running text.
  struct Region {
    enum Kind { kNone, kTable, kColumns } kind = kNone;
    size_t begin = 0, end = 0;
    std::vector<Gutter> gutters;
  };
  // A piece of a table's line that runs over one or more column boundaries (a merged cell).
  struct Span {
    size_t first, last;   // columns the text runs over
    float x0, x1;
    std::vector<size_t> words;
  };
  // A table's row: the lines whose words make its cells, top to bottom (indices into the
  // table's lines).
  using Row = std::vector<size_t>;
  // The lines a stretch's candidate gutters are judged on (FindGutters).
  struct Spread {
    std::vector<size_t> pieces;   // each line's piece count
    size_t most = 0;              // the fullest line's
    float lo = kFar, hi = -kFar;  // the lines' extent
    LineChunks chunks;            // the pieces of the lines that are not the fullest
  };
  // Where a block of running text stands, and its usual line pitch (Text).
  struct TextFrame {
    float left = 0, right = 0;
    std::vector<float> steps;   // steps between lines of one size
    float pitch = 0;            // the usual one; 0: too few steps
  };

  // compose.cc: the page's flow, the output, the pitch.
  std::pair<float, float> TextEdges(const LinePtrs& lines, size_t b, size_t e) const;
  void LearnPitches(const LinePtrs& lines);
  float KnownPitch(float height) const;
  void CarryToNextPage();
  void Break(int newlines) { pending_break_ = std::max(pending_break_, newlines); }
  void FlushBreak();
  void Put(std::string_view s);
  void PutWord(uint32_t w, std::string_view text);
  bool NeedsSpace(uint32_t prev, uint32_t cur, float h) const;
  void JoinLine();
  void PutFirstWordAfterJoin(uint32_t w);
  std::vector<Chunk> Chunks(const Line& line) const;
  void Flow(const LinePtrs& lines);
  size_t ReadContinuedTable(const LinePtrs& lines, const LineChunks& chunks);
  size_t ContinuationEnd(const LinePtrs& lines, const LineChunks& chunks) const;
  std::vector<Gutter> CarriedGutters(const LinePtrs& lines, size_t k) const;
  float MedianHeight(const LinePtrs& lines, size_t b, size_t e) const;
  float BoxGap(const LinePtrs& lines, size_t k) const;
  std::string FirstChunkText(const Line& line, const std::vector<Chunk>& chunks) const;

  // compose_columns.cc: regions and their gutters.
  std::vector<float> GridOf(const Line& line) const;
  bool OtherGrid(const std::vector<float>& a, const std::vector<float>& b) const;
  bool SameGrid(const std::vector<float>& a, const std::vector<float>& b) const;
  std::vector<Gutter> RuledGutters(const LinePtrs& lines, size_t b, size_t e) const;
  std::vector<Gutter> FindGutters(const LinePtrs& lines, size_t b, size_t e, float h, bool strict = false) const;
  Spread SpreadOf(const LinePtrs& lines, size_t b, size_t e) const;
  std::vector<Gutter> FreeStrips(const LinePtrs& lines, size_t b, size_t e, const Spread& spread,
                                 float min_width) const;
  bool RunsOver(const Line& line, const std::vector<Chunk>& chunks, const Gutter& candidate, const Spread& spread) const;
  std::vector<Gutter> NarrowStrip(const LinePtrs& lines, size_t b, size_t e, const Spread& spread,
                                  const Gutter& candidate, float min_width, bool strict) const;
  std::vector<Gutter> SupportedGutters(const LinePtrs& lines, size_t b, size_t e,
                                       const std::vector<Gutter>& strips) const;
  bool Fits(const Line& line, const std::vector<Gutter>& gutters, float lo, float hi, float h) const;
  bool SameColumnsAcross(const LinePtrs& lines, const LineChunks& chunks, size_t i, size_t k, float h) const;
  size_t Crossed(const Line& line, const std::vector<Gutter>& gutters) const;
  Region FindRegion(const LinePtrs& lines, const LineChunks& chunks, size_t i, size_t floor) const;
  size_t GrowExtent(const LinePtrs& lines, const LineChunks& chunks, size_t i, size_t* last_multi) const;
  std::vector<Gutter> TrimToColumns(const LinePtrs& lines, const LineChunks& chunks, size_t i, size_t last_multi,
                                    size_t* end) const;
  bool ClearColumns(const LineChunks& chunks, size_t i, size_t end, const std::vector<Gutter>& gutters,
                    float hh) const;
  void AddWrappedCells(const LinePtrs& lines, const LineChunks& chunks, size_t floor, float hh, float lo, float hi,
                       Region& r) const;
  bool IsProse(const LinePtrs& lines, const Region& r, float lo, float hi) const;
  void Columns(const LinePtrs& lines, const Region& r);

  // compose_table.cc: cells and rows.
  CellLine SplitCells(const Line& line, const std::vector<Gutter>& gutters) const;
  std::vector<Chunk> CellPieces(const Line& line, const std::vector<Gutter>& gutters) const;
  size_t SpanColumn(const Span& sp, const std::vector<Span>& spans, const CellLine& out,
                    const std::vector<Gutter>& gutters) const;
  static bool SpanTaken(const std::vector<Span>& spans, size_t column, const Span& self);
  std::string CellText(const Line& line, const std::vector<size_t>& positions) const;
  void Table(const LinePtrs& all, const Region& r);
  std::vector<bool> NumberedLines(const LinePtrs& lines, const std::vector<CellLine>& cells, bool* by_number) const;
  std::vector<bool> RowBreaks(const LinePtrs& lines) const;
  std::vector<Row> Rows(const LinePtrs& lines, const std::vector<CellLine>& cells, const std::vector<bool>& anchor,
                        bool by_number, bool continued, size_t* body_from) const;
  static bool HasAnchor(const Row& row, const std::vector<bool>& anchor);
  bool IsHeadingRow(const Row& row, const LinePtrs& lines, const std::vector<CellLine>& cells) const;
  std::vector<Row> SplitByNumber(const std::vector<Row>& rows, const std::vector<bool>& anchor,
                                 const LinePtrs& lines) const;
  std::vector<int> OwnersByNumber(const LinePtrs& lines, const std::vector<size_t>& members,
                                  const std::vector<size_t>& anchors) const;
  std::vector<Row> MergeContinuations(const std::vector<Row>& rows, const std::vector<bool>& anchor,
                                      const LinePtrs& lines, const std::vector<CellLine>& cells) const;
  std::vector<Row> RowsByNumber(const LinePtrs& lines, const std::vector<bool>& anchor,
                                const std::vector<CellLine>& cells, bool continued, size_t* body_from) const;
  std::vector<Row> HeadingRows(const std::vector<CellLine>& cells, size_t b, size_t e) const;
  std::string RowKey(const Row& row, const LinePtrs& lines, const std::vector<CellLine>& cells) const;
  bool ContinuesAbove(size_t k, const std::vector<CellLine>& cells, const LinePtrs& lines) const;
  std::string EmitRow(const Row& row, const LinePtrs& lines, const std::vector<CellLine>& cells, size_t columns);

  // compose_text.cc: paragraphs.
  float FirstWordWidth(const Line& line) const { return words_[line.words.front()].box.width(); }
  bool Centered(const Line& line, float left, float right) const;
  TextFrame FrameOf(const LinePtrs& lines, size_t b, size_t e) const;
  bool Tabbed(const Line& line, const std::vector<Chunk>& chunks) const;
  bool JoinsAbove(const Line& a, const Line& line, const TextFrame& frame, int* newlines) const;
  void PutLine(const Line& line, const std::vector<Chunk>& chunks, bool join);
  void Text(const LinePtrs& lines, const LineChunks& chunks, size_t b, size_t e);

  const PageModel& page_;
  const std::vector<Word>& words_;
  LayoutCarry& carry_;
  bool keep_boxes_;
  const ComposeTuning& t_;
  ComposedPage out_;
  int pending_break_ = 0;
  bool join_hyphen_ = false;
  bool prev_tabbed_ = false;
  float page_left_ = 0, page_right_ = 0;
  float space_;                         // stretched_space, or ocr_stretched_space on an OCR page
  float table_lo_ = 0, table_hi_ = 0;   // the table being split into cells: its extent
  bool page_top_ = true;                // the next flow starts at the top of the page
  mutable bool ignore_rulings_ = false;  // while FindRegion grows a region of two ruled grids
  std::vector<Gutter> last_gutters_;    // the last table's columns, extent and line height
  float last_x0_ = 0, last_x1_ = 0, last_height_ = 0;
  std::deque<std::vector<Line>> storage_;   // the lines of column flows
  bool last_block_table_ = false;
  size_t last_columns_ = 0;
  std::string last_header_key_;
};

}  // namespace baocao::pdf_internal
