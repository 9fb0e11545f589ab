// The Layout stage: a normalized Text cut into the parts of a Vietnamese administrative
// document: the header (number and symbol, place and date line, kind line, title), sections
// ("Phần 1", "I.", "1.", "1.1.", "Phụ lục I"), paragraphs and list items, tables (tab-separated
// or pipe rows; a header row spanning two lines; a repeated header after a page break; a row
// broken across a page boundary and continued), and the closing block (Nơi nhận, the signer's
// title and name).
//
//   baocao::Layout layout = baocao::AnalyzeLayout(text.view());
//   for (const auto& table : layout.tables) ...   // ranges are into the normalized Text
//
// Never fails: text with no recognizable structure is one run of paragraphs. Thread safety:
// pure function. Complexity: linear in the text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/document.h"

namespace baocao {

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  TextRange range;
  int section = -1;     // index into Layout::sections, -1 before the first section
  int table = -1;       // index into Layout::tables for kTable
};

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
