// The value one document becomes: what every stage adds to, and what the JSON of
// docs/OUTPUT.md, the store and the pages are written from. Plain data, no behaviour.
//
// Positions: a TextRange is a byte range of the normalized Text (internal); a Span is what
// leaves the engine: byte offsets into the ORIGINAL input, its 1-based line, and the original
// bytes of that range as text, so an auditor finds the value without running the engine.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baocao {

struct TextRange {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return end <= begin; }
};

// Where in a Word document a span starts: a body paragraph (1-based, in body order), or a
// table's row and cell (1-based; table in the body's order, cell the grid column), or a
// footnote or endnote (its number as printed). Zero: not that kind of place.
struct SpanOrigin {
  int paragraph = 0;
  int table = 0;
  int row = 0;
  int cell = 0;
  int footnote = 0;
  int endnote = 0;
};

struct Span {
  size_t start = 0;          // byte offset into the original file (PDF: into the page's text)
  size_t end = 0;            // exclusive
  int line = 0;              // 1-based line of `start` (PDF: within the page's text)
  std::optional<int> page;   // set for PDF input
  std::string text;          // the original text of [start, end)
  TextRange normalized;      // the same range in the normalized Text (not emitted)
  // PDF input, when asked for (ExtractOptions::pdf.word_boxes): the box of the words the span
  // covers, [x0, y0, x1, y1] in PDF points, origin at the top left of the page.
  std::optional<std::array<double, 4>> bbox;
  // PDF pages read by OCR (baocao/ocr/ocr.h): the lowest confidence (0..100) of the words the span
  // covers, and whether one of them is a number whose digits are in doubt.
  std::optional<float> confidence;
  bool uncertain = false;
  // Word input: the part of the document the span starts in (docs/EXTENSIONS.md "origin").
  std::optional<SpanOrigin> origin;
};

enum class MentionType { kNumber, kPercent, kMoney, kCount, kFraction, kDate, kPeriod, kReference };
const char* MentionTypeName(MentionType type);

// Closed sets, as enums so a misspelt value is a compile error, not a silent mismatch. Their
// names in the output (docs/OUTPUT.md: "error", "target", ">=", "pdf") belong to emit/
// (baocao/emit/names.h), which writes and reads them.
enum class Comparator { kNone, kAtLeast, kAbove, kAtMost, kBelow, kEqual };   // "" >= > <= < =
enum class Role { kActual, kTarget, kAssessment };            // what a fact's value is
enum class Severity { kError, kWarning, kInfo };              // most severe first: the sort order
// A check member's part in its relation; kTarget: the target a value was checked against, kFigures
// and kWords: an amount written in figures and in words, kMember: one of the figures of a list.
enum class MemberRole { kTotal, kPart, kRate, kNumerator, kDenominator, kWhole, kValue, kTarget, kFigures, kWords, kMember };
enum class Format { kText, kPdf, kDocx, kImage };             // how the input was read

// One recognized item. Which fields are meaningful depends on `type` (docs/OUTPUT.md):
// number/percent/money/count use `number` (and `range_to` for ranges); fraction uses
// numerator/denominator; date/period use `iso`; reference uses `ref_kind`, `iso` (number/symbol)
// and `ref_date`.
struct Mention {
  MentionType type = MentionType::kNumber;
  std::string rule_id;       // the rule that produced it, e.g. "date.dmy_numeric"
  double number = 0;
  std::optional<double> range_to;
  double numerator = 0;
  double denominator = 0;
  std::string iso;           // date "2025-08-23", period "2025-H1", reference number "57-NQ/TW"
  std::string unit;          // "%", "đồng", "USD", the counted noun, or empty
  Comparator comparator = Comparator::kNone;
  std::string ref_kind;      // reference: "Nghị quyết"
  std::string ref_date;      // reference: ISO date or empty
  bool year_inferred = false;
  Span span;
};

// A distinct cited document, with every place it is cited.
struct Reference {
  std::string kind;                    // "Nghị quyết"
  std::string number;                  // "57-NQ/TW", or "57" when only that is ever written
  std::string date;                    // ISO or empty
  std::vector<std::string> variants;   // other spellings seen ("57- NQ/TW", "Nghị quyết 57")
  std::vector<Span> spans;
};

struct TableCell {
  std::string text;          // normalized text of the cell (continuations joined by a space)
  TextRange range;           // the first piece of the cell in the normalized Text
};

struct Table {
  Span span;
  std::vector<std::vector<TableCell>> header;  // one or more header rows
  std::vector<std::vector<TableCell>> rows;
  std::vector<int> row_lines;                  // 1-based line of each row's first piece
};

enum class BlockKind { kHeading, kParagraph, kListItem, kTable, kHeader, kClosing };

// A section of the document ("I.", "1.2.", "Phần 1", "Phụ lục I"), as a flat list in reading
// order; `level` gives the nesting.
struct Section {
  int level = 0;
  std::string number;        // "I", "1.2", "Phần 1"
  std::string title;
  TextRange range;
  int line = 0;
};

struct Meta {
  std::string kind;          // report | plan | decision | official_letter | other
  std::optional<std::string> number;
  std::optional<std::string> symbol;
  std::optional<std::string> issuer;
  std::optional<std::string> ward;
  std::optional<std::string> province;
  std::optional<std::string> date;
  std::optional<std::string> signer;
  std::optional<std::string> title;
  std::optional<std::string> place;
  std::vector<std::string> recipients;   // Nơi nhận
  std::optional<std::string> signer_title;
};

struct Fact {
  std::string indicator;
  Role role = Role::kActual;
  std::optional<double> value;
  std::optional<bool> assessment;
  std::string unit;
  Comparator comparator = Comparator::kNone;
  std::string period;
  std::string label;
  Span span;
  // What the value's own words say it is of (the audit's reading, docs/EXTENSIONS.md): the unit
  // whose figure it is, as written ("cấp xã", "Cục Thuế"; empty: the issuing unit's own), the
  // kinds that qualify it ("trễ hạn", "trực tuyến"), and the stretch of time it covers ("lũy
  // kế", "từ đầu năm", "trong kỳ"; empty: the period's own).
  std::string scope;
  std::vector<std::string> qualifiers;
  std::string basis;
};

struct Flag {
  std::string kind;
  Severity severity = Severity::kError;
  std::vector<std::string> indicators;
  std::optional<double> stated;
  std::optional<double> computed;
  std::string explanation;
  std::vector<Span> evidence;
  std::string rule;          // the relation that raised it ("rules/audit/relations.rel:12"), or
                             // the built-in check ("builtin:name_variant")
};

// A relation the audit verified as holding, with the values that took part: the other side
// of a flag, so an auditor (and tools/mutate) sees what was checked, not only what failed.
struct CheckMember {
  std::string indicator;
  MemberRole role = MemberRole::kValue;
  double value = 0;
  Span span;
};

struct Check {
  std::string relation;      // sum | exclusive | partition | ratio | part_whole | agree |
                             // assessment | table_sum | date
  std::string rule;          // as Flag::rule
  std::vector<std::string> indicators;
  std::optional<double> stated;
  std::optional<double> computed;
  std::vector<CheckMember> members;
  // False for a relation read from the document's structure that does not hold: its flag says
  // why; the check lists it among the relations found (structure.cc).
  bool holds = true;
};

struct DocumentInfo {
  std::string path;
  std::string sha256;
  Format format = Format::kText;
  std::optional<int> pages;
  size_t bytes = 0;
  std::string encoding;          // the encoding the input was decoded from ("utf-8", "utf-16le" ...)
  std::vector<std::string> repairs;   // what the normalizer changed, by kind ("html", "latex" ...)
};

struct Extraction {
  DocumentInfo document;
  Meta meta;
  std::vector<Section> sections;
  std::vector<Reference> references;
  std::vector<Fact> facts;
  std::vector<Mention> mentions;
  std::vector<Table> tables;
  std::vector<Flag> flags;
  std::vector<Check> checks;   // relations verified as holding (audit stage)
};

}  // namespace baocao
