// Internal to the audit: the reader of the relations a document states by its own structure
// (rules/audit/README.md, "Relations read from structure"), shared by the files that hold its
// checks: audit/structure.cc (the entry point, CheckStructure of audit_impl.h, and the text
// and the relations found), structure_words.cc (what a figure's own words say),
// structure_fractions.cc, structure_breakdowns.cc, structure_named.cc, structure_tables.cc and
// structure_repeated.cc. Nothing here is used outside those files.
#pragma once

#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/audit_impl.h"
#include "core/strings.h"

namespace baocao::audit_structure {

using internal::CharBoundaryAtOrBefore;
using internal::Trim;

// ---------------------------------------------------------------------------------------------
// Tuning, each number with the reason for it.

// A percentage belongs to the fraction or part just before it when at most this many words
// stand between them ("8.051 hồ sơ (99,2%)", "70/139 kiến nghị đã được trả lời, chiếm 50%" is
// longer: the fraction-percentage pair allows the whole clause, as nothing numeric intervenes).
constexpr size_t kPartPercentWords = 5;
// A learned table relation (total column, rate column) must hold in this share of the rows it
// can be computed on, and in at least two of them, before a row where it fails is flagged.
constexpr double kLearnedShare = 0.75;
// With at least this many rows confirming a learned relation, a row that breaks it is an error.
constexpr int kLearnedErrorRows = 3;
// A sentence is read at most this far each way from a figure (a run-on line has no end).
constexpr size_t kSentenceReach = 2048;
// Words between a whole and the cue that opens its parts ("tại 04 đơn vị hoạt động trong lĩnh
// vực hóa chất trên địa bàn tỉnh Lào Cai, bao gồm …"); asides in parentheses do not count.
constexpr size_t kWholeToCueWords = 20;
// Parts listed after "trong đó:" on the lines below: at most this many list items are read.
constexpr int kMaxListedParts = 12;

inline bool IsAdditive(const Mention& m) {
  return m.type == MentionType::kNumber || m.type == MentionType::kCount || m.type == MentionType::kMoney;
}
inline bool IsNumeric(const Mention& m) {
  return IsAdditive(m) || m.type == MentionType::kPercent || m.type == MentionType::kFraction;
}

inline bool HasWord(const std::string& folded, const char* word) {
  return folded.find(std::string(" ") + word + " ") != std::string::npos;
}

// A stated rate agrees as the audit's RateAgrees says (rounded or truncated to its decimals);
// one written after "khoảng" (about) within one unit of its last decimal more.
inline bool RateAgrees(double stated, int decimals, double computed, bool approximate) {
  if (baocao::RateAgrees(stated, decimals, computed)) return true;
  return approximate && std::fabs(stated - computed) <= std::pow(10.0, -std::max(0, decimals)) + 1e-9;
}
// The reader: the document's numeric mentions in text order, and the checks and flags it adds
// to the audit's context, one flag for one inconsistency.
struct Structure {
  explicit Structure(AuditContext& ctx);

  AuditContext& c;
  std::string_view text;
  std::vector<const Mention*> order;   // numeric mentions, in text order
  std::set<size_t> flagged_starts;     // spans already in a flag: one inconsistency, one flag
  std::set<std::string> checked;       // member spans of checks already listed

  // Nested types.
  struct Pair {
    const Mention* fraction;
    const Mention* percent;
    std::string cue;
    bool forced_to_100 = false;   // one of shares of one whole made to add up to 100%
  };
  struct Part {
    const Mention* value;
    const Mention* percent = nullptr;
    std::string label;   // folded words just before the value
    double amount = 0;   // the value in the whole's unit ("7,3 tỷ" of a whole in đồng: 7,3e9)
  };
  struct Statement {
    const Mention* m;
    std::string digits;            // the digits as written
    std::string unit;              // money unit, "%", or the counted noun
    std::set<std::string> words;   // content words before it
    std::set<std::string> wide;    // content words of the ten before it
    bool short_figure = false;     // three significant digits: paired only between rows of one name
  };
  struct Cell {
    const Mention* m = nullptr;   // the cell's one additive or percentage value
    bool blank = false;           // empty or a dash: zero in a sum
  };
  // A table as the checks see it: rows of cells, what each row is, and the columns' names
  // where the document gives them.
  struct Grid {
    std::vector<std::vector<Cell>> cells;   // rows × width
    std::vector<std::string> label;         // the row's name, for explanations
    std::vector<int> kind;                  // 0 plain, 1 total ("Tổng cộng"), 2 group ("I", "A"), 3 numbered
    std::vector<std::string> column;        // names as written; empty when not known
    std::vector<bool> additive, rate;
    bool named = false;                     // columns named by a header
    size_t width = 0;
  };

  // Figures the checks made of the text, owned here (audit/structure_fractions.cc).
  // "5.373,4/5.373,4 triệu đồng": two figures joined by a slash that the recognizer read as
  // two (a decimal, or money after the second) are a fraction too. Owned here, with the
  // numerator's span; the denominator's span joins the evidence.
  std::deque<Mention> joined_fractions;
  std::map<const Mention*, const Mention*> denominator_of;
  // The numerators of fraction cells read as figures of their own (Numerator).
  std::deque<Mention> numerators;

  // Tables laid out with spaces (SpacedGrids), kept for the checks that compare places.
  std::vector<Grid> spaced;

  // The text and the relations found (audit/structure.cc).
  static std::string MemberKey(const Check& k);
  std::string_view Between(size_t b, size_t e) const { return b < e && e <= text.size() ? text.substr(b, e - b) : ""; }
  // Numeric mentions in [b, e).
  std::vector<const Mention*> In(size_t b, size_t e) const;
  // The clause or sentence around `pos`, inside [floor, ceiling): cut at ". ", "! ", "? ", a tab,
  // and with `at_semicolon` at "; " (a list of parts runs on across semicolons).
  TextRange Sentence(size_t pos, size_t floor, size_t ceiling, bool at_semicolon, bool at_newline) const;
  // The start of the line holding `pos`, looking back at most `reach` bytes (a run-on line of
  // megabytes must not be scanned from every figure on it).
  size_t LineStart(size_t pos, size_t reach) const;
  char PrevNonSpace(size_t i) const;
  // A scoring rule or rubric ("Tính điểm theo công thức", "điểm tối đa", "thì điểm đánh giá là
  // 0"): its figures are scores and bounds, not a whole and its parts.
  static bool Scores(const std::string& folded);
  // Whether a line starting at `i` opens a list item or a numbered point: "a)", "-", "+", "2.",
  // "II." — a new statement, even where a converter joined it to the paragraph above.
  bool ListMarkerAt(size_t i) const;
  // The kind of list marker a line starting at `i` opens with ("-", "+", "a)", "1)", "1.", "I."),
  // or "" for none.
  std::string MarkerKind(size_t i) const;
  // The text without its parenthesized asides ("(Bằng chữ: Một nghìn … đồng chẵn)").
  static std::string WithoutAsides(std::string_view raw);
  // Decimals of the figure a text starts with, Vietnamese style ("5.373,4 triệu đồng" -> 1).
  static int LeadingDecimals(std::string_view t);
  int Decimals(const Mention& m) const { return DecimalsWritten(m.span.text, m.number); }
  bool Flagged(const Mention& m) const { return flagged_starts.count(m.span.start) > 0; }
  void Held(Check check);
  // A broken relation: its flag, and the relation among the checks with `holds` false, its
  // members the flag's evidence (each the figure that starts there).
  void Raise(Flag flag);
  // Flags from `first` on that rest on more than one sentence of a letter or decision: warnings.
  void AtMostWarnings(size_t first);
  static std::string BrokenRelation(const Flag& f);
  void SumFlag(const std::string& rule, const std::string& severity, const Mention& total, const std::vector<const Mention*>& parts,
               double sum, int decimals, const std::string& what);
  void SumHeld(const std::string& relation, const std::string& rule, const Mention& total, const std::vector<const Mention*>& parts,
               double sum);
  // A rate that is its numerator over its denominator, as a check.
  void HeldRatio(const std::string& rule, const Mention& numerator, const Mention& denominator, const Mention& rate, double computed);

  // What a figure's own words say (audit/structure_words.cc).
  // Words between a fraction and a percentage that make the percentage something else: a change
  // ("tăng 5% so với"), a comparison with another base.
  static bool ChangesBase(const std::string& folded);
  // The word that introduces a percentage as the share just stated.
  static bool IntroducesShare(const std::string& folded_before);
  // The words a figure is named by, after it: "14 hồ sơ phi địa giới TTHC/…" → "ho so phi dia gioi
  // tthc", "156 tổng số hồ⏎sơ." → "tong so ho so"; up to punctuation or the next figure.
  std::string LabelAfter(const Mention& m, size_t limit) const;
  // Up to `sentences` sentences before `pos`, within its paragraph (a blank line ends it).
  size_t SentencesBack(size_t pos, int sentences) const;
  // A name in a list: two words at least, opening with a capital, no figure but one that names
  // ("Yên Hợp 2"), at most 200 bytes.
  bool IsName(std::string_view item, size_t at) const;
  // A bare figure before "tỷ", "triệu", "nghìn" is money when its whole is: "(NSNN 7,3 tỷ;
  // doanh nghiệp 7,95 tỷ)" of "15,25 tỷ đồng".
  static double Multiplier(const std::string& noun);
  double AmountOf(const Mention& whole, const Mention& part) const;
  // Units that can be added to the total's: the same money, the same counted noun, or none.
  // The noun a number counts: its unit, or the word right after it ("23 cụm", "903,78 ha");
  // empty when punctuation or a linking word follows ("412, trong đó", "130 và").
  std::string NounAfter(const Mention& m) const;
  // "m²", "m³" as "m2", "m3": one unit however the exponent is written.
  static std::string SuperscriptsAsDigits(std::string word);
  // Units of measure and the nouns reports count, by their first syllable: a word that is
  // neither ("đang hoạt động", "đã cấp") says nothing of what the number counts.
  static const std::set<std::string> kNouns;
  // Units that can be added to the total's: the same money, the same counted noun, or none.
  bool SameKind(const Mention& total, const Mention& part) const;
  // "37 cụm công nghiệp (… 27 CCN …)": an abbreviation counts what its first word counts.
  static std::string Unabbreviated(const std::string& noun);
  // The percentage that follows a part as its share: "8.051 (99,2%)", "69 hồ sơ, chiếm 0,8%".
  const Mention* ShareAfter(size_t index, size_t end) const;
  // Whether `m`, written with other digits in at most two places (same length), reads `value`.
  bool DigitSlip(const Mention& m, double value) const;
  size_t IndexOf(const Mention* m) const;
  // Where a cue phrase of `list` starts in the folded words of `raw`, as a byte offset into
  // `raw` (the first letter of the phrase), or npos; `found` gets the phrase.
  size_t FindCue(std::string_view raw, const std::string& list, std::string* found) const;
  // The number of parts a text announces just before a whole or a cue: "04 cụm công nghiệp với
  // tổng diện tích 62ha", "chia thành 02 nhóm:". 0 when none.
  int AnnouncedCount(size_t from, size_t to) const;
  // The status words give a figure (`words status_*`: "đã", "đang", "chưa") with the word they
  // qualify: "status_done giai" for "đã giải quyết"; the first such phrase in `folded` (the last
  // with `last`), or "".
  std::string Status(const std::string& folded, bool last) const;
  // The list items on the lines after `pos` ("- …", "a) …", "1. …"), one range each, its wrapped
  // lines with it: as many as kMaxListedParts, of one marker kind, up to a blank line or prose.
  std::vector<TextRange> ListItemsBelow(size_t pos) const;
  // A figure that names rather than counts: "Điều 50", "trang 9", "Nhóm 1", "[1]", "Thống Nhất 1",
  // "khoáng sản 3 - Vimico", a bound "<0.8" of a scoring rule. Never a part or a whole.
  bool NamesSomething(const Mention& m) const;
  // A small whole number that is all its line holds: a row number or a page number.
  bool AloneOnLine(const Mention& m) const;
  // A figure that is the list marker of its line ("1." or "2)" at the start): no part.
  bool LeafMarkerAt(const Mention& m) const;
  static std::string Verb(const std::string& status) { return status.substr(status.find(' ') + 1); }

  // Fractions and their percentages (audit/structure_fractions.cc).
  // A tabbed line's cell column: its count of tabs, past any column of characters.
  static constexpr size_t kTabbed = 100000;
  void FractionPercent(const Pair& pair);
  void JoinSlashFigures();
  void Fractions();
  // Columns as pdftotext lays them out: characters, not bytes.
  static size_t Columns(std::string_view s);
  // A line of running prose: it starts near the margin and runs on past `width` columns without
  // the wide gaps that separate a table's cells.
  static bool ProseLine(std::string_view line, size_t width);
  // The fraction that opens a line's last cell, or nullptr: after a tab ("…\t1.732/2.090 (82,9%)")
  // or, laid out with spaces, as the line's last word after a gap ("   862/1.266",
  // "  1.700/2.912/3.141"). `column` gets where the cell stands: its character column, or for a
  // tabbed line a count of its tabs far from any character column.
  const Mention* FractionCellEnding(size_t lb, size_t le, size_t* column) const;
  // The numerator of a fraction cell as a figure of its own, its span narrowed to its digits.
  const Mention* Numerator(const Mention& f);
  void FractionRowsAfterIntro();
  void FractionRowsBelow(size_t colon);

  // Wholes and their listed parts (audit/structure_breakdowns.cc).
  // Pairs of words that split a whole with nothing left over (the levels of government, on time
  // and late, online and in person).
  bool Complementary(const std::vector<Part>& parts) const;
  // The shares of a whole's parts and their sum. `expected` is the number of parts the text
  // announces ("04 cụm …", "chia thành 02 nhóm"), or 0. Returns whether the parts add up.
  bool WholeAndParts(const Mention& total, const std::string& cue, std::vector<Part> parts, int expected);
  // "tổng … X, trong đó: a A, b B", "X …. Trong đó: …", "X …, gồm: …" (the parts in the sentence,
  // inside the parentheses that hold the cue, or in the list items below), and "X (a A, b B)".
  void Breakdowns();
  // "… đã cấp 09 giấy phép …. Cụ thể đối với từng loại khoáng sản như sau:" over list items that
  // each open with a count of one noun ("- Đá …: 04 giấy phép", "- Cát …: 04 giấy phép", "- Đất …:
  // 01 giấy phép"): the whole is stated in the sentence before the one that announces them, as
  // the first figure of that noun there. A warning where they do not add up (WholeAndParts).
  void WholeBeforeDetails();
  // The one additive figure of a range, or nullptr (none, several, or a percentage among them).
  const Mention* OnlyFigure(TextRange range) const;
  void TableAfterBreakdown();
  void CountedLists();

  // Relations named by words: shares, outlines, rates, remainders, changes (audit/structure_named.cc).
  void NamedShares();
  void OutlineSums();
  // "Có 14 hồ sơ phi địa giới TTHC/137 hồ sơ nộp trực tuyến/156 tổng số hồ sơ. Tỷ lệ hồ sơ nộp trực
  // tuyến đạt 88%. Tỷ lệ hồ sơ phi địa giới TTHC so với hồ sơ nộp trực tuyến chiếm 10%.": a rate
  // whose name is word for word the label of a count up to three sentences before. Its base is
  // the count "so với" names, else the one labelled "tổng số" of the same noun.
  void NamedRates();
  // "tỷ lệ lấp đầy bình quân đạt 29,0% (diện tích đất công nghiệp đã cho thuê trên tổng diện
  // tích đất công nghiệp)": a rate defined in words right after it. Each side is the figure of
  // its sentence (or the one before) whose own words before it end as the side's words do, two
  // words at least and more than any other's: "đã cho thuê 188,75 ha" for "… đã cho thuê",
  // "diện tích đất công nghiệp 650,32 ha" for "tổng diện tích đất công nghiệp". A warning: the
  // figures are named, not written beside the rate.
  void DefinedRates();
  // "… là 60,0 ha. Hiện trạng … là 1,69 ha. Như vậy … còn lại đến năm 2030 là 58,31 ha.": what is
  // left ("còn lại") after the only two figures of its kind in the sentences before: the first
  // less the second. Flagged only where a digit or two written differently would make it exact.
  void Remainders();
  void StatedChanges();

  // Tables (audit/structure_tables.cc).
  Cell CellOf(const TableCell& cell) const;
  static bool NotAdditiveHeader(const std::string& h);
  // "I", "II", "A", "B": a row that heads a group of numbered rows.
  static bool GroupMarker(const std::string& s);
  static bool LeafMarker(const std::string& s);
  bool TotalWords(std::string_view label) const;
  // Column classes from the cells (and the names, where known).
  void Classify(Grid& g) const;
  Grid GridOf(const LayoutTable& t) const;
  // Tables a converter laid out with spaces (pdftotext -layout): runs of lines that end in the
  // same number of figures ("1   Sở Tư pháp   14,50   14,50   13,50   93,10%"). The figures,
  // counted from the right, are the columns; the words before them name the row.
  std::vector<Grid> SpacedGrids() const;
  void CheckGrid(const Grid& g);
  void RowsSaidToMatch();

  // One quantity stated twice, running accounts (audit/structure_repeated.cc).
  // A report states a few thousand figures; past that (a concatenation, a data dump) pairing
  // figures across places costs memory and finds nothing a reader would call one quantity.
  static constexpr size_t kMaxFiguresToPair = 20000;
  std::string UnitOf(const Mention& m) const;
  // Table cells speak through their row's name and their column's heading; coordinate tables
  // (hundreds of rows, "X", "Y", "Tọa độ") hold figures that differ in a digit by design.
  void TableContexts(std::map<size_t, std::set<std::string>>* words, std::map<size_t, std::string>* units,
                     std::set<size_t>* dense, std::map<size_t, std::pair<int, std::string>>* rows) const;
  // "6695793" → 7, "5171344000000" → 7: the digits between the first and the last non-zero.
  static size_t SignificantDigits(const std::string& digits);
  void RepeatedFigures();
  void RunningAccounts();

};

}  // namespace baocao::audit_structure
