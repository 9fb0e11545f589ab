// The Layout stage: a normalized Text cut into the parts of a Vietnamese administrative
// document: the header (number and symbol, place and date line, kind line, title), sections
// ("Phần 1", "I.", "1.", "1.1.", "Phụ lục I"), paragraphs and list items, tables (tab-separated
// rows; a header spanning two or three lines; a repeated header after a page break; a row
// broken across a page boundary and continued), and the closing block (Nơi nhận, the signer's
// title and name).
//
//   baocao::Layout layout = baocao::AnalyzeLayout(text.view());
//   for (const auto& table : layout.tables) ...   // ranges are into the normalized Text
//   layout.header.number;       // "43/BC-UBND"; absent for "Số: /BC-UBND", symbol "BC-UBND"
//   AnalyzeLayout("").blocks;   // empty: no failure, just nothing found
//
// What is read how (details in extractor/src/layout/*.cc):
//   - Lines are cut into pieces at a tab or a gap of three spaces or more, so the header's two
//     columns (issuer | national motto, number | place and date) and the closing block's
//     (recipients | signer) read the same whether a converter wrote them on one line or two.
//   - Header: the lines at the top up to the title's end; the kind comes from the kind line
//     ("BÁO CÁO"), else a "V/v" subject line (official letter, whose subject is the title),
//     else the symbol ("BC-" report, "KH-" plan, "QĐ-" decision, another document type of
//     Decree 30 "other", an issuer-unit symbol "UBND-VHXH" official letter). No number, date
//     or kind at the top: no header.
//   - Sections: a line of at most 200 characters starting with a marker and a capitalized
//     title. `level` is the nesting depth (1 outermost) by marker rank: Phần / Phụ lục, then
//     I., then 1., 1.1., 1.1.1., then a). "Phần 1" / "Phụ lục I" take their title from the
//     next line(s) when they have none. Section::line is the line in the normalized Text.
//   - Tables: consecutive tab-separated lines, cells split on tabs; see LayoutTable.
//   - Closing block: from "Nơi nhận:" (or the first "TM." / "KT." line), with the signer's
//     title lines just above it when the converter put them first; it may stand mid-text,
//     appendices following.
//
// Never fails, never throws: text with no recognizable structure is one run of paragraphs.
// Ownership: the Layout holds ranges into the caller's text, not the text itself.
// Thread safety: pure function. Complexity: linear in the text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/document.h"

namespace baocao {

// One piece of the text in reading order: a header line (kHeader, one per line, the title's
// lines included), a heading, a paragraph (wrapped lines joined), a list item, a table, or the
// closing block (kClosing, once). Blank lines belong to no block.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  TextRange range;
  int section = -1;     // index into Layout::sections, -1 before the first section
  int table = -1;       // index into Layout::tables for kTable
};

// A table as converters write one, page breaks undone: the first row is the header, and a
// line right after it with an empty first cell and no numbers that fills a column the row
// above left empty is a second (or third) header row ("\tCấp tỉnh\tCấp xã"). Markdown
// separator lines ("---\t---") are dropped. After a page break (blank lines, a repeat of the
// header) a line with an empty first cell continues the previous row cell by cell (joined by a
// space), as does one whose first text begins in lower case; otherwise it is a row of its own.
// Blank lines do not end a table when a repeated header, a continuation or a numbered row
// follows; a new header ("STT ...") or text does. A lone tab-separated line is text.
struct LayoutTable {
  TextRange range;                                   // the whole table, first to last row
  std::vector<std::vector<TableCell>> header;        // header rows (usually one or two)
  std::vector<std::vector<TableCell>> rows;          // body rows, continuations joined
  std::vector<TextRange> row_ranges;                 // first line of each body row
  int section = -1;
};

struct DocumentHeader {
  std::optional<TextRange> number_line;   // "Số: 43/BC-UBND" / "Số /KH-UBND"
  std::optional<std::string> number;      // "43/BC-UBND", absent when the number is blank
  std::optional<std::string> symbol;      // "BC-UBND"
  std::optional<TextRange> date_line;     // "Chí Linh, ngày 26 tháng 01 năm 2026"
  std::optional<std::string> place;       // "Chí Linh"
  std::optional<std::string> date;        // ISO, partial when the day or month is blank
  std::optional<TextRange> kind_line;     // "BÁO CÁO"
  std::string kind;                       // report | plan | decision | official_letter | other
  std::optional<TextRange> title;         // the title paragraph(s) after the kind line
  std::optional<std::string> issuer_line; // "UBND PHƯỜNG CHÍ LINH" when the header gives it
  // Added: the pieces behind the fields above.
  std::optional<std::string> title_text;  // the title's lines joined by one space
  std::vector<std::string> issuer_lines;  // the issuer block line by line: {"UBND TỈNH LÂM ĐỒNG",
                                          // "SỞ NỘI VỤ"}; issuer_line is them joined
  std::optional<TextRange> issuer_range;  // the first to the last issuer line
};

struct ClosingBlock {
  std::optional<TextRange> range;
  std::vector<std::string> recipients;    // "Nơi nhận:" list items, without their dashes
  std::optional<std::string> signer_title;// "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
  std::optional<std::string> signer;      // "Trần Thị Hồng Vân"
  std::optional<TextRange> signer_range;
  std::optional<TextRange> signer_title_range;  // first to last line of the signer's title
};

struct Layout {
  DocumentHeader header;
  std::vector<Section> sections;
  std::vector<Block> blocks;
  std::vector<LayoutTable> tables;
  ClosingBlock closing;
};

Layout AnalyzeLayout(std::string_view text);

}  // namespace baocao
