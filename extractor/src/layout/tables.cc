// Tables from tab-separated lines, as PDF-to-text converters write them. What they do to a
// table, and what is undone here:
//   - a header over two or three lines, the later ones with an empty first cell
//     ("STT\tSố TTHC\t" then "\tCấp tỉnh\tCấp xã");
//   - Markdown separator lines ("---\t---");
//   - at a page break: a blank line, the header row repeated, then often the rest of the
//     previous row's cells on a line whose first cell is empty ("\tphố\t\t\t");
//   - rows of one table split by blank lines with nothing else between them.
#include <re2/re2.h>

#include "baocao/normalize/text.h"
#include "core/chars.h"
#include "layout/parts.h"

namespace baocao::layout_internal {

using internal::IsLowerLetter;

namespace {

TextRange TrimSpaces(std::string_view text, size_t b, size_t e) {
  while (b < e && (text[b] == ' ' || text[b] == '\r')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\r')) --e;
  return {b, e};
}

bool IsSeparatorCell(std::string_view s) {
  if (s.empty()) return true;
  size_t dashes = 0;
  for (char c : s) {
    if (c == '-') {
      ++dashes;
    } else if (c != ':' && c != ' ' && c != '|') {
      return false;
    }
  }
  return dashes >= 2;
}

bool SameText(const std::vector<TableCell>& a, const std::vector<TableCell>& b) {
  size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    std::string_view x = i < a.size() ? std::string_view(a[i].text) : std::string_view();
    std::string_view y = i < b.size() ? std::string_view(b[i].text) : std::string_view();
    if (x != y) return false;
  }
  return true;
}

size_t NonEmpty(const std::vector<TableCell>& cells) {
  size_t n = 0;
  for (const TableCell& c : cells) n += !c.text.empty();
  return n;
}

// The first cell of a header row: "STT", "TT", "Số TT".
bool IsHeaderWord(std::string_view cell, const LayoutLimits& limits) {
  if (cell.size() > limits.table_header_word_max_bytes) return false;
  std::string key = FoldKey(cell);
  return key == "stt" || key == "tt" || key == "so tt" || key == "so thu tu";
}

}  // namespace

bool IsSttCell(std::string_view cell, const LayoutLimits& limits) {
  static const RE2 re(
      R"(^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){0,3}[.)]?|(?:X{0,3})(?:IX|IV|V?I{0,3})[.)]?|[a-zđ][.)]?|[-+*•]|\.{1,3}|\([0-9]{1,3}\))$)",
      RE2::Quiet);
  return !cell.empty() && cell.size() <= limits.stt_cell_max_bytes && RE2::FullMatch(cell, re);
}

bool IsNumericCell(std::string_view cell, const LayoutLimits& limits) {
  static const RE2 re(R"(^[ 0-9.,%/≥≤<>=+-]*[0-9][ 0-9.,%/≥≤<>=+-]*$)", RE2::Quiet);
  return !cell.empty() && cell.size() <= limits.numeric_cell_max_bytes && RE2::FullMatch(cell, re);
}

TableBuilder::Cells TableBuilder::Split(const Line& line) const {
  Cells out;
  out.line = Trim(text_, {line.begin, line.end});
  size_t start = line.begin;
  for (size_t i = line.begin; i <= line.end; ++i) {
    if (i == line.end || text_[i] == '\t') {
      TextRange r = TrimSpaces(text_, start, i);
      out.cells.push_back({std::string(View(text_, r)), r});
      start = i + 1;
    }
  }
  return out;
}

bool TableBuilder::IsRepeatedHeader(const Cells& row) {
  const auto& header = table_.header;
  if (repeat_cursor_ < header.size() && SameText(row.cells, header[repeat_cursor_])) {
    ++repeat_cursor_;
    return true;
  }
  if (repeat_cursor_ != 0 && SameText(row.cells, header[0])) {
    repeat_cursor_ = 1;
    return true;
  }
  return false;
}

// A second or third header line: empty first cell, no numbers, filling a column the row above
// left empty or reaching past it (a cell spanning several columns above).
bool TableBuilder::IsSubHeader(const Cells& row) const {
  if (!table_.rows.empty() || table_.header.size() >= limits_.table_max_header_rows) return false;
  if (row.cells.empty() || !row.cells[0].text.empty()) return false;
  for (const TableCell& c : row.cells) {
    if (IsNumericCell(c.text, limits_)) return false;
  }
  const auto& above = table_.header.back();
  if (NonEmpty(row.cells) > 0 && row.cells.size() > above.size()) return true;
  for (size_t i = 1; i < row.cells.size() && i < above.size(); ++i) {
    if (!row.cells[i].text.empty() && above[i].text.empty()) return true;
  }
  return false;
}

void TableBuilder::Start(Cells row, const Line& line) {
  open_ = true;
  table_ = LayoutTable{};
  table_.range = row.line;
  columns_ = row.cells.size();
  table_.header.push_back(std::move(row.cells));
  first_line_ = line;
  break_since_row_ = false;
  repeat_cursor_ = 0;
  blank_pending_ = false;
}

// Joins a continuation line onto the last row, cell by cell.
void TableBuilder::Continue(const Cells& row) {
  auto& last = table_.rows.back();
  for (size_t i = 0; i < row.cells.size(); ++i) {
    const TableCell& piece = row.cells[i];
    if (piece.text.empty()) continue;
    if (i >= last.size()) last.resize(i + 1);
    TableCell& cell = last[i];
    if (cell.text.empty()) {
      cell.text = piece.text;
      cell.range = piece.range;
    } else {
      cell.text += ' ';
      cell.text += piece.text;
    }
  }
}

bool TableBuilder::Offer(const Line& line) {
  Cells row = Split(line);
  size_t filled = NonEmpty(row.cells);
  if (filled == 0) {
    Blank();
    return true;
  }
  bool separator = true;
  for (const TableCell& c : row.cells) separator = separator && IsSeparatorCell(c.text);
  if (!open_) {
    // One piece of text after a tab is an indented paragraph, not a table.
    if (filled < 2 || separator) return false;
    Start(std::move(row), line);
    return true;
  }
  bool after_blank = blank_pending_;
  blank_pending_ = false;
  if (separator) {
    table_.range.end = row.line.end;
    return true;
  }
  const std::string& first = row.cells[0].text;
  // Another table: a new header ("STT ..."), or after a blank line a row that does not fit.
  bool new_header = IsHeaderWord(first, limits_) && !SameText(row.cells, table_.header[0]);
  bool misfit = after_blank && !first.empty() && !IsSttCell(first, limits_) && row.cells.size() != columns_ &&
                !SameText(row.cells, table_.header[0]);
  if (new_header || misfit) return false;

  table_.range.end = row.line.end;
  if (IsRepeatedHeader(row)) {
    break_since_row_ = true;
    return true;
  }
  repeat_cursor_ = 0;
  if (first.empty() && table_.rows.empty()) {
    if (IsSubHeader(row)) {
      columns_ = std::max(columns_, row.cells.size());
      table_.header.push_back(std::move(row.cells));
      return true;
    }
  } else if (first.empty()) {
    const TableCell* lead = nullptr;
    for (const TableCell& c : row.cells) {
      if (!c.text.empty()) {
        lead = &c;
        break;
      }
    }
    bool lower = lead && IsLowerLetter(FirstLetter(lead->text));
    if (break_since_row_ || after_blank || lower) {
      Continue(row);
      break_since_row_ = false;
      return true;
    }
  }
  columns_ = std::max(columns_, row.cells.size());
  table_.row_ranges.push_back(row.line);
  table_.rows.push_back(std::move(row.cells));
  break_since_row_ = false;
  return true;
}

void TableBuilder::Blank() {
  if (!open_) return;
  blank_pending_ = true;
  break_since_row_ = true;
}

std::optional<LayoutTable> TableBuilder::Close(std::optional<Line>* lone_line) {
  if (!open_) return std::nullopt;
  open_ = false;
  blank_pending_ = false;
  if (table_.rows.empty() && table_.header.size() == 1) {
    if (lone_line) *lone_line = first_line_;
    return std::nullopt;
  }
  return std::move(table_);
}

}  // namespace baocao::layout_internal
