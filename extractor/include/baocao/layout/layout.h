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
// The thresholds behind "short", "near" and "long" above are LayoutLimits, passed in with the
// LayoutOptions (defaults: the values measured on the corpus).
//
// Never fails, never throws: text with no recognizable structure is one run of paragraphs.
// Ownership: the Layout holds ranges into the caller's text, not the text itself.
// Thread safety: pure function. Complexity: linear in the text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/budget.h"
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

// The thresholds of the Layout stage and of BuildMeta (baocao/meta.h), as data: each field
// with its unit and why, so that a value can be swept without a rebuild (core/tuning.h:
// SetTuningField(limits, "header_max_lines", 80)). The defaults are the values the gold corpus
// and the real documents were read with; a change moves what is read as header, closing block,
// heading or table, never a crash (every loop stays bounded by the text).
struct LayoutLimits {
  // ---- header (the top of the document, up to its title)
  size_t header_max_lines = 60;        // non-blank lines: a header that has not ended by then is
                                       // none (a long motto block and a wrapped title fit well)
  size_t header_max_line_bytes = 4000; // bytes: a longer line is body text, whatever it starts
                                       // with (a converter's run-on paragraph)
  size_t header_max_piece_bytes = 600; // bytes: no header piece (number, date line, issuer
                                       // line, "kèm theo" clause) is longer
  size_t header_max_title_bytes = 2000;  // bytes: a title stops taking lines once this long
  size_t header_date_pieces = 2;       // pieces after "Cao Bằng, ngày" joined to it when blanks
                                       // typed as wide spaces cut the date line ("tháng 6", "năm")
  size_t kind_line_max_code_points = 80;  // code points: a longer line is a sentence that starts
                                          // with a kind's words, not the kind line
  size_t issued_with_lines = 15;       // non-blank lines at the top searched for "(Ban hành kèm
                                       // theo Quyết định số … ngày …)" when there is no date line
  size_t issued_with_wrap_lines = 2;   // lines that clause may wrap onto before its ')'

  // ---- closing block ("Nơi nhận:", the signer's title and name)
  size_t closing_look_back_lines = 12;  // non-blank lines above "Nơi nhận" that may hold the
                                        // signer's title and name (converters put them first)
  size_t closing_look_ahead_lines = 45; // lines after it that may hold the list, title and name
  size_t closing_max_line_bytes = 2000; // bytes: a longer line is body text, never the anchor
                                        // nor a line of the block (it ends the block)
  size_t closing_max_piece_bytes = 400; // bytes: a longer piece is no title, name, stamp or item
  size_t recipients_max_inline_bytes = 2000;  // bytes: "Nơi nhận: - Như trên; - Lưu: VT." on
                                              // one line (a table cell written as one line)
  size_t recipients_short_anchor_bytes = 120; // bytes: a line this short starting "Nơi nhận"
                                              // is the anchor when ':' or '(' follows; a longer
                                              // one only when its list follows the colon
  size_t recipient_wrap_max_bytes = 199;  // bytes: a recipient wrapped onto the next line, or one
                                          // that lost its bullet, is at most this long
  size_t signer_title_max_bytes = 160;    // bytes: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" and longer titles
  int signer_title_min_letters = 3;       // capitals: "TM." alone is no title line
  size_t signer_title_max_code_points = 60;  // code points of a title line in capitals without
                                             // a "TM." / "KT." prefix; longer is a heading
  size_t signer_name_max_bytes = 60;      // bytes: "Nguyễn Thị Thanh Hương" is 28
  size_t signer_name_max_word_letters = 8;  // letters per word of a person's name ("Nguyễn" is
                                            // 6, "Nghiêm" 6, "Khương" 6): longer is a common word
  int signer_name_min_words = 2;          // words of a person's name: a family and a given name,
  int signer_name_max_words = 5;          // up to two middle names and a compound given name
  size_t closing_max_speck_lines = 4;     // lines of OCR specks (a seal, a signature read as
                                          // "/Ê 4 3 CÀ") passed over between title and name

  // ---- headings and tables
  size_t heading_max_code_points = 200;   // code points: a numbered paragraph ("1. Căn cứ Kế
                                          // hoạch …" over ten lines) is longer than a heading
  int appendices_heading_min_letters = 4; // capitals of "CÁC PHỤ LỤC …" (all of "CAC PHU LUC"
                                          // is 9): a capitalized sentence is no heading
  size_t next_title_max_lines = 3;        // lines after "Phần 1" / "Phụ lục I" taken as its title
  size_t next_title_max_code_points = 200;  // code points: a longer line is text, not a title
  size_t table_max_header_rows = 3;       // header rows of a table (a header over three lines)
  size_t table_header_word_max_bytes = 12;  // bytes of a first cell read as "STT" / "TT" / "Số
                                            // TT" opening a new table's header
  size_t stt_cell_max_bytes = 19;         // bytes: "IV.", "2.1.3", "(12)" ... are short
  size_t numeric_cell_max_bytes = 39;     // bytes: "≥ 90%", "1.234.567", "8/8" ... are short

  // ---- meta (baocao/meta.h)
  size_t meta_adjacent_gap_bytes = 4;     // bytes of spaces, a dot or a hyphen between two words
                                          // of one name ("Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh")
  size_t meta_spellings = 8;              // spellings of a name tallied: a name has few; more
                                          // are not told apart
  size_t meta_abbreviation_ahead = 2;     // words after a word in capitals looked at for small
                                          // letters (then it is an abbreviation: "số 12/QĐ-SCT ngày")
  size_t issuer_council_lines = 3;        // last issuer lines read together as a council's name
                                          // ("ỦY BAN NHÂN DÂN" / "PHƯỜNG" / "CHÍ LINH")
  size_t bare_council_min_mentions = 2;   // "UBND phường đã …" mentions needed, the name being
                                          // only in the date line, to name the issuer by it

  template <class Visit>
  void ForEachField(Visit&& visit) {
    visit("header_max_lines", header_max_lines);
    visit("header_max_line_bytes", header_max_line_bytes);
    visit("header_max_piece_bytes", header_max_piece_bytes);
    visit("header_max_title_bytes", header_max_title_bytes);
    visit("header_date_pieces", header_date_pieces);
    visit("kind_line_max_code_points", kind_line_max_code_points);
    visit("issued_with_lines", issued_with_lines);
    visit("issued_with_wrap_lines", issued_with_wrap_lines);
    visit("closing_look_back_lines", closing_look_back_lines);
    visit("closing_look_ahead_lines", closing_look_ahead_lines);
    visit("closing_max_line_bytes", closing_max_line_bytes);
    visit("closing_max_piece_bytes", closing_max_piece_bytes);
    visit("recipients_max_inline_bytes", recipients_max_inline_bytes);
    visit("recipients_short_anchor_bytes", recipients_short_anchor_bytes);
    visit("recipient_wrap_max_bytes", recipient_wrap_max_bytes);
    visit("signer_title_max_bytes", signer_title_max_bytes);
    visit("signer_title_min_letters", signer_title_min_letters);
    visit("signer_title_max_code_points", signer_title_max_code_points);
    visit("signer_name_max_bytes", signer_name_max_bytes);
    visit("signer_name_max_word_letters", signer_name_max_word_letters);
    visit("signer_name_min_words", signer_name_min_words);
    visit("signer_name_max_words", signer_name_max_words);
    visit("closing_max_speck_lines", closing_max_speck_lines);
    visit("heading_max_code_points", heading_max_code_points);
    visit("appendices_heading_min_letters", appendices_heading_min_letters);
    visit("next_title_max_lines", next_title_max_lines);
    visit("next_title_max_code_points", next_title_max_code_points);
    visit("table_max_header_rows", table_max_header_rows);
    visit("table_header_word_max_bytes", table_header_word_max_bytes);
    visit("stt_cell_max_bytes", stt_cell_max_bytes);
    visit("numeric_cell_max_bytes", numeric_cell_max_bytes);
    visit("meta_adjacent_gap_bytes", meta_adjacent_gap_bytes);
    visit("meta_spellings", meta_spellings);
    visit("meta_abbreviation_ahead", meta_abbreviation_ahead);
    visit("issuer_council_lines", issuer_council_lines);
    visit("bare_council_min_mentions", bare_council_min_mentions);
  }
};

struct LayoutOptions {
  LayoutLimits limits;
  // The extraction's budget: AnalyzeLayout and BuildMeta stop early once it is spent and leave
  // the error to their caller's next Budget::Check (their partial result is never used).
  Budget budget;
};

Layout AnalyzeLayout(std::string_view text, const LayoutOptions& options = {});

}  // namespace baocao
