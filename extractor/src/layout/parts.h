// The pieces AnalyzeLayout puts together, one file each: the header (header.cc), the closing
// block (closing.cc), headings (headings.cc) and tables (tables.cc). Internal to
// extractor/src/layout.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/layout/layout.h"
#include "layout/text_util.h"

namespace baocao::layout_internal {

// ---- header.cc
struct HeaderScan {
  DocumentHeader header;
  std::vector<size_t> lines;   // indices of the lines the header took (title included)
  size_t body_start = 0;       // index of the first line after the header
};
// Reads the header from the top of the text: issuer block, national motto, "Số: 43/BC-UBND",
// the place and date line, the kind line (or "V/v ..."), the title. A text whose top holds
// none of number, date or kind has no header (body_start 0).
HeaderScan AnalyzeHeader(std::string_view text, const std::vector<Line>& lines, const LayoutLimits& limits);

// "report" for "BÁO CÁO", "plan" for "KẾ HOẠCH ..." (upper case), ... ; empty when `segment`
// is no kind line.
std::string KindOfLine(std::string_view segment, const LayoutLimits& limits);
// The kind a document symbol implies: "BC-UBND" -> report, "KH/BCĐ" -> plan, "QĐ-UBND" ->
// decision, "TTr-SNV" -> other, "UBND-VHXH" (issuer-unit, as official letters are numbered)
// -> official_letter.
std::string KindOfSymbol(std::string_view symbol);

// ---- closing.cc
struct ClosingScan {
  ClosingBlock closing;
  size_t first_line = 0;      // the block's lines, [first_line, end_line)
  size_t end_line = 0;
};
// Finds "Nơi nhận:" with its list, the signer's title and name, searching from line `from`;
// the title may stand before or after the list. No block: closing.range is empty.
ClosingScan FindClosing(std::string_view text, const std::vector<Line>& lines, size_t from,
                        const LayoutLimits& limits);

// ---- headings.cc
// A heading's rank: its marker's place in the order Decree 30 documents nest them. A numbered
// heading ranks 1 + its number's parts ("1." 2, "1.1." 3, "1.1.1." 4), deeper ones all 5.
inline constexpr int kRankPart = 0;          // "Phần 1", "Phụ lục I", "CÁC PHỤ LỤC"
inline constexpr int kRankRoman = 1;         // "I."
inline constexpr int kRankDeepestNumber = 5; // "1.1.1.1." and deeper
inline constexpr int kRankLetter = 6;        // "a)", also "1)"

struct Heading {
  int rank = 0;               // kRankPart ... kRankLetter
  std::string number;         // "Phần 1", "Phụ lục I", "I", "1.2", "a"
  TextRange title;            // may be empty ("Phần 1" with its title on the next line)
  bool takes_next_title = false;  // Phần / Phụ lục without a title of its own
};
// A heading line: short-ish, starting with a section marker and a capitalized title. Never a
// list item or a table row (the caller passes lines without tabs).
std::optional<Heading> MatchHeading(std::string_view text, TextRange line, const LayoutLimits& limits);
// "- ", "+ ", "• ", "* ": the range of the item's text after its bullet.
std::optional<TextRange> MatchListItem(std::string_view text, TextRange line);

// ---- tables.cc
// Builds tables from tab-separated lines, one line at a time, in text order.
class TableBuilder {
 public:
  TableBuilder(std::string_view text, const LayoutLimits& limits) : text_(text), limits_(limits) {}
  // Offers a line that contains a tab. False when the line is not a table row (it does not
  // continue the open table and cannot start one); the open table is then left as it is.
  bool Offer(const Line& line);
  // A blank line (or one of only tabs and spaces).
  void Blank();
  // Ends the open table, if any. Returns it when it is a real table (two rows or more);
  // otherwise its single line comes back in `lone_line` for the caller to treat as text.
  std::optional<LayoutTable> Close(std::optional<Line>* lone_line = nullptr);
  bool open() const { return open_; }

 private:
  struct Cells {
    std::vector<TableCell> cells;
    TextRange line;
  };
  Cells Split(const Line& line) const;
  bool IsRepeatedHeader(const Cells& row);
  bool IsSubHeader(const Cells& row) const;
  void Start(Cells row, const Line& line);
  void Continue(const Cells& row);

  std::string_view text_;
  const LayoutLimits& limits_;
  bool open_ = false;
  LayoutTable table_;
  Line first_line_;
  size_t columns_ = 0;
  bool break_since_row_ = false;   // a blank line or a repeated header since the last row
  size_t repeat_cursor_ = 0;       // header rows matched so far by a repeated header
  bool blank_pending_ = false;
};

// "1", "2.1", "IV.", "a)", "-", "..", "(3)"
bool IsSttCell(std::string_view cell, const LayoutLimits& limits);
// "1752", "86,98%", "≥ 90%", "8/8"
bool IsNumericCell(std::string_view cell, const LayoutLimits& limits);

}  // namespace baocao::layout_internal
