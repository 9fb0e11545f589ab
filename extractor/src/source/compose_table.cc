// A table's cells and rows (composer.h): each line's words split among the columns, the lines
// grouped into rows (by the padding between rows, by the numbers of the first column, or one
// line a row), and the rows written as tab-separated cells.
#include <algorithm>
#include <cmath>

#include "core/chars.h"
#include "core/statistics.h"
#include "core/strings.h"
#include "source/composer.h"

namespace baocao::pdf_internal {

using internal::FirstCodePoint;
using internal::IsLowerLetter;
using internal::Percentile;

namespace {

constexpr size_t kPercent = 100;

}  // namespace

void Composer::Table(const LinePtrs& all, const Region& r) {
  LinePtrs lines(all.begin() + static_cast<std::ptrdiff_t>(r.begin), all.begin() + static_cast<std::ptrdiff_t>(r.end));
  size_t columns = r.gutters.size() + 1;
  table_lo_ = kFar;
  table_hi_ = -kFar;
  for (const Line* l : lines) {
    table_lo_ = std::min(table_lo_, l->box.x0);
    table_hi_ = std::max(table_hi_, l->box.x1);
  }
  std::vector<CellLine> cells;
  for (const Line* l : lines) cells.push_back(SplitCells(*l, r.gutters));
  bool first_block = out_.text.empty() && pending_break_ == 0;
  bool continued = first_block && carry_.ended_in_table;
  bool by_number = false;
  std::vector<bool> anchor = NumberedLines(lines, cells, &by_number);
  size_t body_from = 0;   // rows before it are heading rows (for the carry)
  std::vector<Row> rows = Rows(lines, cells, anchor, by_number, continued, &body_from);

  Break(2);
  std::string header_key;
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    if (ri > 0) Break(1);
    std::string key = EmitRow(rows[ri], lines, cells, columns);
    if (ri < body_from) header_key += key + "\n";
  }
  Break(2);
  last_block_table_ = true;
  last_columns_ = columns;
  last_header_key_ = header_key;
  last_gutters_ = r.gutters;
  last_x0_ = table_lo_;
  last_x1_ = table_hi_;
  last_height_ = lines.empty() ? 0 : lines[0]->height;
}

// Lines numbered in the first column ("1", "II", "a)"): the number anchors its row.
// `by_number`: enough of them that the numbers tell the rows apart.
std::vector<bool> Composer::NumberedLines(const LinePtrs& lines, const std::vector<CellLine>& cells,
                                          bool* by_number) const {
  size_t numbered = 0, first_filled = 0;
  std::vector<bool> anchor(lines.size(), false);
  for (size_t k = 0; k < lines.size(); ++k) {
    if (cells[k].cells[0].empty()) continue;
    ++first_filled;
    std::string first = CellText(*lines[k], cells[k].cells[0]);
    if (IsOrdinal(first)) {
      anchor[k] = true;
      ++numbered;
    }
  }
  *by_number = numbered >= 2 && numbered * kPercent >= first_filled * t_.numbered_rows_percent;
  return anchor;
}

// The lines that open a row by the padding above them. The baseline pitch between lines of
// one cell is the smallest step seen between lines of the table, or, when every step is wider
// than single spacing, single spacing itself (the line height). A wider step is padding
// between rows: "next row". Steps under table_min_step are lines of different cells set at
// different heights (a centred cell).
std::vector<bool> Composer::RowBreaks(const LinePtrs& lines) const {
  size_t n = lines.size();
  float hh = 0;
  for (const Line* l : lines) hh += l->height / static_cast<float>(n);
  float pitch = hh;
  for (size_t k = 1; k < n; ++k) {
    float step = lines[k]->box.y1 - lines[k - 1]->box.y1;
    if (step > t_.table_min_step * hh && step < t_.single_step * hh) pitch = std::min(pitch, step);
  }
  std::vector<bool> row_break(n, false);
  for (size_t k = 1; k < n; ++k) {
    float step = lines[k]->box.y1 - lines[k - 1]->box.y1;
    if (step > t_.table_min_step * hh && step > pitch + std::max(t_.row_padding_min, t_.row_padding * pitch)) {
      row_break[k] = true;
    }
  }
  return row_break;
}

// The table's rows: by the padding between them when the table has it (split and merged by
// the numbers), else by the numbers of the first column, else one line a row (a line opening
// in lowercase continues the cell above it). `body_from`: the rows before it are headings.
std::vector<Composer::Row> Composer::Rows(const LinePtrs& lines, const std::vector<CellLine>& cells,
                                          const std::vector<bool>& anchor, bool by_number, bool continued,
                                          size_t* body_from) const {
  size_t n = lines.size();
  std::vector<bool> row_break = RowBreaks(lines);
  std::vector<Row> rows;
  if (std::find(row_break.begin(), row_break.end(), true) != row_break.end()) {
    Row current;
    for (size_t k = 0; k < n; ++k) {
      if (k > 0 && row_break[k] && !current.empty()) {
        rows.push_back(current);
        current.clear();
      }
      current.push_back(k);
    }
    rows.push_back(current);
    // A gap-separated block holding two numbered lines is two rows (no padding between them).
    if (by_number) rows = SplitByNumber(rows, anchor, lines);
    // Cells spaced wider than single spacing look like rows of their own: a block without a
    // number that opens in lowercase under a numbered row continues it.
    if (by_number) rows = MergeContinuations(rows, anchor, lines, cells);
    *body_from = 0;
    while (*body_from < rows.size() && !HasAnchor(rows[*body_from], anchor) && *body_from < t_.max_heading_rows &&
           !continued) {
      if (!IsHeadingRow(rows[*body_from], lines, cells)) break;
      ++*body_from;
    }
  } else if (by_number) {
    rows = RowsByNumber(lines, anchor, cells, continued, body_from);
  } else {
    for (size_t k = 0; k < n; ++k) {
      if (!rows.empty() && ContinuesAbove(k, cells, lines)) {
        rows.back().push_back(k);
      } else {
        rows.push_back({k});
      }
    }
  }
  return rows;
}

// The line's words by column. A piece that runs over a gutter is a merged cell: all of it goes
// to one column of its span (SpanColumn), and the line is `spanning`.
CellLine Composer::SplitCells(const Line& line, const std::vector<Gutter>& gutters) const {
  CellLine out;
  out.cells.resize(gutters.size() + 1);
  std::vector<Span> spans;
  auto column_of = [&](float x) {
    size_t c = 0;
    while (c < gutters.size() && x > gutters[c].c()) ++c;
    return c;
  };
  for (const Chunk& ch : CellPieces(line, gutters)) {
    bool crosses = false;
    for (size_t k = ch.first; k <= ch.last && !crosses; ++k) {
      const Box& wb = words_[line.words[k]].box;
      for (const Gutter& g : gutters) {
        crosses = crosses || (wb.x1 > g.l + t_.gutter_inset && wb.x0 < g.r - t_.gutter_inset);
      }
    }
    if (crosses) {
      out.spanning = true;
      spans.push_back({column_of(ch.x0), column_of(ch.x1), ch.x0, ch.x1, {}});
      for (size_t k = ch.first; k <= ch.last; ++k) spans.back().words.push_back(k);
      continue;
    }
    for (size_t k = ch.first; k <= ch.last; ++k) out.cells[column_of(words_[line.words[k]].box.cx())].push_back(k);
  }
  for (const Span& sp : spans) {
    size_t first = SpanColumn(sp, spans, out, gutters);
    for (size_t k : sp.words) out.cells[first].push_back(k);
  }
  return out;
}

// The line's pieces (Chunks) cut again at every word gap wider than a space that meets a
// gutter (cells set closer than chunk_gap); a space inside a gutter is a heading running over
// it.
std::vector<Chunk> Composer::CellPieces(const Line& line, const std::vector<Gutter>& gutters) const {
  std::vector<Chunk> pieces;
  for (const Chunk& ch : Chunks(line)) {
    Chunk cur = ch;
    cur.last = ch.first;
    cur.x1 = words_[line.words[ch.first]].box.x1;
    for (size_t k = ch.first + 1; k <= ch.last; ++k) {
      const Box& prev = words_[line.words[k - 1]].box;
      const Box& wb = words_[line.words[k]].box;
      bool cut = false;
      for (const Gutter& g : gutters) cut = cut || (wb.x0 > g.l && prev.x1 < g.r && wb.x0 - prev.x1 > space_ * line.height);
      if (cut) {
        pieces.push_back(cur);
        cur = {k, k, wb.x0, wb.x1};
      } else {
        cur.last = k;
        cur.x1 = std::max(cur.x1, wb.x1);
      }
    }
    pieces.push_back(cur);
  }
  return pieces;
}

// A heading over merged cells belongs to the first column of its span. Its text is centred
// over the span more often than not: the span is the widest run of columns left empty by the
// line around it whose middle is the text's middle; else it starts where the text starts.
size_t Composer::SpanColumn(const Span& sp, const std::vector<Span>& spans, const CellLine& out,
                            const std::vector<Gutter>& gutters) const {
  size_t first = sp.first;
  float mid = (sp.x0 + sp.x1) / 2;
  size_t lo = sp.first, hi = sp.last;
  while (lo > 0 && out.cells[lo - 1].empty() && !SpanTaken(spans, lo - 1, sp)) --lo;
  while (hi + 1 < out.cells.size() && out.cells[hi + 1].empty() && !SpanTaken(spans, hi + 1, sp)) ++hi;
  float best = -1;
  for (size_t a = lo; a <= sp.first; ++a) {
    for (size_t z = std::max(a, sp.last); z <= hi; ++z) {
      float left = a == 0 ? table_lo_ : gutters[a - 1].c(), right = z + 1 > gutters.size() ? table_hi_ : gutters[z].c();
      bool centred = std::fabs((left + right) / 2 - mid) <= std::max(t_.span_centre_min, t_.span_centre_share * (right - left));
      if (centred && right - left > best) {
        best = right - left;
        first = a;
      }
    }
  }
  return first;
}

bool Composer::SpanTaken(const std::vector<Span>& spans, size_t column, const Span& self) {
  for (const Span& s : spans) {
    if (&s != &self && column >= s.first && column <= s.last) return true;
  }
  return false;
}

std::string Composer::CellText(const Line& line, const std::vector<size_t>& positions) const {
  std::string s;
  for (size_t k : positions) s += words_[line.words[k]].text + " ";
  return internal::Squeeze(s, {}, internal::kSpaceTabNewline);
}

bool Composer::HasAnchor(const Row& row, const std::vector<bool>& anchor) {
  for (size_t k : row) {
    if (anchor[k]) return true;
  }
  return false;
}

// A heading row: no number in the first column and no cell that is a value.
bool Composer::IsHeadingRow(const Row& row, const LinePtrs& lines, const std::vector<CellLine>& cells) const {
  for (size_t k : row) {
    for (const auto& cell : cells[k].cells) {
      std::string t = CellText(*lines[k], cell);
      if (t.empty()) continue;
      bool digit = false;
      for (char c : t) digit = digit || (c >= '0' && c <= '9');
      if (digit && t.size() < t_.heading_value_bytes) return false;
    }
  }
  return true;
}

// A gap-separated block holding two numbered lines is two rows or more: each line goes to
// the numbered line it belongs to (OwnersByNumber); lines before the first number open the
// block's first row.
std::vector<Composer::Row> Composer::SplitByNumber(const std::vector<Row>& rows, const std::vector<bool>& anchor,
                               const LinePtrs& lines) const {
  std::vector<Row> out;
  for (const Row& row : rows) {
    std::vector<size_t> anchors;
    for (size_t k : row) {
      if (anchor[k]) anchors.push_back(k);
    }
    if (anchors.size() < 2) {
      out.push_back(row);
      continue;
    }
    std::vector<int> owner = OwnersByNumber(lines, row, anchors);
    std::vector<Row> split(anchors.size());
    for (size_t j = 0; j < row.size(); ++j) split[static_cast<size_t>(std::max(owner[j], 0))].push_back(row[j]);
    for (Row& r : split) out.push_back(std::move(r));
  }
  return out;
}

// For lines `members` (in order) and the numbered ones among them, the index of the number
// each line belongs to: the one above it (text wraps downwards), unless the one below is
// clearly closer (a number set in the middle of a tall row); -1 before the first number.
std::vector<int> Composer::OwnersByNumber(const LinePtrs& lines, const std::vector<size_t>& members,
                                const std::vector<size_t>& anchors) const {
  std::vector<float> steps;
  for (size_t j = 1; j < members.size(); ++j) steps.push_back(lines[members[j]]->box.cy() - lines[members[j - 1]]->box.cy());
  float pitch = std::max(Percentile(steps, kMedian), 1.0f);
  std::vector<int> owner(members.size(), -1);
  size_t a = 0;
  for (size_t j = 0; j < members.size(); ++j) {
    size_t k = members[j];
    while (a + 1 < anchors.size() && k >= anchors[a + 1]) ++a;
    if (k < anchors[0]) {
      // Before the first number: its row when the line mirrors one below the number.
      float d = lines[anchors[0]]->box.cy() - lines[k]->box.cy();
      owner[j] = d < t_.above_number * pitch ? 0 : -1;
      continue;
    }
    if (k == anchors[a]) {
      owner[j] = static_cast<int>(a);
      continue;
    }
    float up = lines[k]->box.cy() - lines[anchors[a]]->box.cy();
    float down = a + 1 < anchors.size() ? lines[anchors[a + 1]]->box.cy() - lines[k]->box.cy() : kFar;
    owner[j] = down < up - t_.owner_below_margin * pitch ? static_cast<int>(a + 1) : static_cast<int>(a);
  }
  return owner;
}

std::vector<Composer::Row> Composer::MergeContinuations(const std::vector<Row>& rows, const std::vector<bool>& anchor,
                                    const LinePtrs& lines, const std::vector<CellLine>& cells) const {
  std::vector<Row> out;
  for (const Row& row : rows) {
    bool merge = false;
    if (!out.empty() && HasAnchor(out.back(), anchor) && !HasAnchor(row, anchor) && cells[row.front()].cells[0].empty()) {
      size_t k = row.front();
      for (size_t c = 0; c < cells[k].cells.size(); ++c) {
        if (cells[k].cells[c].empty()) continue;
        bool above = false;
        for (size_t j : out.back()) above = above || !cells[j].cells[c].empty();
        merge = above && IsLowerLetter(FirstCodePoint(words_[lines[k]->words[cells[k].cells[c].front()]].text));
        break;
      }
    }
    if (merge) {
      out.back().insert(out.back().end(), row.begin(), row.end());
    } else {
      out.push_back(row);
    }
  }
  return out;
}

// Rows told apart by the numbers of the first column. A line between two numbered lines
// belongs to the upper row (text wraps downwards), unless it is clearly closer to the lower
// one (a number set in the middle of a tall row). Lines before the first number are the
// heading, or (on a page continuing a table) the rest of the row the page break cut.
std::vector<Composer::Row> Composer::RowsByNumber(const LinePtrs& lines, const std::vector<bool>& anchor,
                              const std::vector<CellLine>& cells, bool continued, size_t* body_from) const {
  size_t n = lines.size();
  std::vector<size_t> anchors;
  for (size_t k = 0; k < n; ++k) {
    if (anchor[k]) anchors.push_back(k);
  }
  std::vector<float> steps;
  for (size_t k = 1; k < n; ++k) steps.push_back(lines[k]->box.cy() - lines[k - 1]->box.cy());
  float pitch = std::max(Percentile(steps, kMedian), 1.0f);
  std::vector<int> owner(n, -1);   // index into anchors
  for (size_t a = 0; a < anchors.size(); ++a) owner[anchors[a]] = static_cast<int>(a);
  for (size_t a = 0; a + 1 <= anchors.size(); ++a) {
    size_t from = anchors[a] + 1, to = a + 1 < anchors.size() ? anchors[a + 1] : n;
    for (size_t k = from; k < to; ++k) {
      float up = lines[k]->box.cy() - lines[anchors[a]]->box.cy();
      float down = a + 1 < anchors.size() ? lines[anchors[a + 1]]->box.cy() - lines[k]->box.cy() : kFar;
      owner[k] = down < up - t_.owner_below_margin * pitch ? static_cast<int>(a + 1) : static_cast<int>(a);
    }
  }
  // Lines above the first number that mirror lines below it belong to its (centred) row.
  size_t pre_end = anchors[0];
  if (pre_end > 0) {
    std::vector<float> below;
    for (size_t k = anchors[0] + 1; k < n && owner[k] == 0; ++k) below.push_back(lines[k]->box.cy() - lines[anchors[0]]->box.cy());
    size_t k = pre_end;
    while (k > 0) {
      float d = lines[anchors[0]]->box.cy() - lines[k - 1]->box.cy();
      bool mirrored = false;
      for (float b : below) mirrored = mirrored || std::fabs(b - d) < t_.mirror_tolerance * pitch;
      if (!mirrored || d > t_.mirror_max * pitch) break;
      owner[k - 1] = 0;
      --k;
    }
    pre_end = k;
  }
  std::vector<Row> rows;
  *body_from = 0;
  if (pre_end > 0) {
    size_t heading = pre_end;
    if (continued) {
      // The heading repeated at the top of this page, if it is the previous page's heading;
      // what follows it is the rest of the cut row.
      heading = 0;
      for (size_t len = pre_end; len >= 1; --len) {
        std::string key;
        for (const Row& hr : HeadingRows(cells, 0, len)) key += RowKey(hr, lines, cells) + "\n";
        if (key == carry_.header_key) {
          heading = len;
          break;
        }
      }
    }
    for (const Row& hr : HeadingRows(cells, 0, heading)) rows.push_back(hr);
    *body_from = rows.size();
    if (heading < pre_end) {
      Row rest;
      for (size_t k = heading; k < pre_end; ++k) rest.push_back(k);
      rows.push_back(rest);
    }
  }
  for (size_t a = 0; a < anchors.size(); ++a) {
    Row row;
    for (size_t k = pre_end; k < n; ++k) {
      if (owner[k] == static_cast<int>(a)) row.push_back(k);
    }
    rows.push_back(row);
  }
  return rows;
}

// Heading lines [b, e): one row, except that a line with a heading over several columns
// closes its row (the sub-headings under it are the next row, as in the text versions).
std::vector<Composer::Row> Composer::HeadingRows(const std::vector<CellLine>& cells, size_t b, size_t e) const {
  std::vector<Row> rows;
  Row current;
  for (size_t k = b; k < e; ++k) {
    current.push_back(k);
    if (cells[k].spanning && k + 1 < e) {
      rows.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) rows.push_back(current);
  return rows;
}

std::string Composer::RowKey(const Row& row, const LinePtrs& lines, const std::vector<CellLine>& cells) const {
  std::string key;
  size_t columns = cells.empty() ? 0 : cells[0].cells.size();
  for (size_t c = 0; c < columns; ++c) {
    if (c) key += '\t';
    std::string cell;
    for (size_t k : row) cell += CellText(*lines[k], cells[k].cells[c]) + " ";
    key += internal::Squeeze(cell, {}, internal::kSpaceTabNewline);
  }
  return key;
}

bool Composer::ContinuesAbove(size_t k, const std::vector<CellLine>& cells, const LinePtrs& lines) const {
  if (k == 0) return false;
  const CellLine& cur = cells[k];
  const CellLine& above = cells[k - 1];
  for (size_t c = 0; c < cur.cells.size(); ++c) {
    if (cur.cells[c].empty()) continue;
    uint32_t w = lines[k]->words[cur.cells[c].front()];
    return IsLowerLetter(FirstCodePoint(words_[w].text)) && !above.cells[c].empty();
  }
  return false;
}

// Writes one row; returns its text (the key a repeated heading is recognized by).
std::string Composer::EmitRow(const Row& row, const LinePtrs& lines, const std::vector<CellLine>& cells,
                    size_t columns) {
  for (size_t c = 0; c < columns; ++c) {
    if (c) Put("\t");
    bool any = false;
    for (size_t k : row) {
      const std::vector<size_t>& pos = cells[k].cells[c];
      if (pos.empty()) continue;
      if (any) JoinLine();
      const Line& line = *lines[k];
      for (size_t p = 0; p < pos.size(); ++p) {
        uint32_t w = line.words[pos[p]];
        if (p > 0) {
          if (NeedsSpace(line.words[pos[p - 1]], w, line.height)) Put(" ");
          PutWord(w, words_[w].text);
        } else if (any) {
          PutFirstWordAfterJoin(w);
        } else {
          PutWord(w, words_[w].text);
        }
      }
      any = true;
    }
  }
  return RowKey(row, lines, cells);
}

}  // namespace baocao::pdf_internal
