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
#include <optional>
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

// The lead byte of the UTF-8 of U+2000 to U+2FFF: "•", "–", "…" and the other marks that open
// list items.
inline constexpr unsigned char kMarkLeadByte = 0xE2;

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
  return approximate && std::fabs(stated - computed) <= std::pow(kDecimalBase, -std::max(0, decimals)) + kBinaryNoise;
}

// The reader: the document's numeric mentions in text order, and the checks and flags it adds
// to the audit's context, one flag for one inconsistency.
struct Structure {
  explicit Structure(AuditContext& ctx);

  AuditContext& c;
  const AuditTuning& tuning = c.options.tuning;
  std::string_view text;
  std::vector<const Mention*> order;   // numeric mentions, in text order
  std::set<size_t> flagged_starts;     // spans already in a flag: one inconsistency, one flag
  std::set<std::string> checked;       // member spans of checks already listed
  // Asked once per kFiguresPerBudgetCheck figures in the passes that walk them all: the
  // budget is otherwise asked only between passes, and one pass over a 16 MB paragraph's
  // figures ran two seconds past a deadline (issue 18). Out of it, the pass returns.
  static constexpr unsigned kFiguresPerBudgetCheck = 256;
  BudgetTicker ticker{c.options.budget, kFiguresPerBudgetCheck};

  // --- The figures and the relations found (structure.cc) -----------------------------------

  static std::string MemberKey(const Check& k);
  std::string_view Between(size_t b, size_t e) const { return b < e && e <= text.size() ? text.substr(b, e - b) : ""; }
  // Numeric mentions in [b, e).
  std::vector<const Mention*> In(size_t b, size_t e) const;
  // The clause or sentence around `pos`, inside [floor, ceiling): cut at ". ", "! ", "? ", a tab,
  // and with `at_semicolon` at "; " (a list of parts runs on across semicolons); at most
  // AuditTuning::sentence_reach each way.
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
  // A row's or heading's name as quoted in an explanation: cut, with "…", past 80 bytes.
  static std::string QuotedLabel(const std::string& label);
  int Decimals(const Mention& m) const { return DecimalsWritten(m.span.text, m.number); }
  bool Flagged(const Mention& m) const { return flagged_starts.count(m.span.start) > 0; }
  // A relation that holds, listed once.
  void Held(Check check);
  // A broken relation: its flag, and the relation among the checks with `holds` false, its
  // members the flag's evidence (each the figure that starts there).
  void Raise(Flag flag);
  // Flags from `first` on that rest on more than one sentence of a letter or decision: warnings.
  void AtMostWarnings(size_t first);
  static std::string BrokenRelation(const Flag& f);
  // A total and parts that do not add up: a sum_mismatch, `what` saying where they were read.
  void SumFlag(const std::string& rule, Severity severity, const Mention& total, const std::vector<const Mention*>& parts,
               double sum, int decimals, const std::string& what);
  // A total and parts that add up.
  void SumHeld(const std::string& relation, const std::string& rule, const Mention& total, const std::vector<const Mention*>& parts,
               double sum);
  // A rate that is its numerator over its denominator, as a check.
  void HeldRatio(const std::string& rule, const Mention& numerator, const Mention& denominator, const Mention& rate, double computed);

  // --- What a figure's own words say (structure_words.cc) -----------------------------------

  // Units of measure and the nouns reports count, by their first syllable: a word that is
  // neither ("đang hoạt động", "đã cấp") says nothing of what the number counts.
  static const std::set<std::string> kNouns;
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
  // ("Yên Hợp 2"), at most AuditTuning::list_name_bytes.
  bool IsName(std::string_view item, size_t at) const;
  // A bare figure before "tỷ", "triệu", "nghìn" is money when its whole is: "(NSNN 7,3 tỷ;
  // doanh nghiệp 7,95 tỷ)" of "15,25 tỷ đồng".
  static double Multiplier(const std::string& noun);
  // A part's value in its whole's unit ("7,3 tỷ" of a whole in đồng: 7,3e9).
  double AmountOf(const Mention& whole, const Mention& part) const;
  // The noun a number counts: its unit, or the word right after it ("23 cụm", "903,78 ha");
  // empty when punctuation or a linking word follows ("412, trong đó", "130 và").
  std::string NounAfter(const Mention& m) const;
  // "m²", "m³" as "m2", "m3": one unit however the exponent is written.
  static std::string SuperscriptsAsDigits(std::string word);
  // Units that can be added to the total's: the same money, the same counted noun, or none.
  bool SameKind(const Mention& total, const Mention& part) const;
  // "37 cụm công nghiệp (… 27 CCN …)": an abbreviation counts what its first word counts.
  static std::string Unabbreviated(const std::string& noun);
  // The percentage that follows a part as its share: "8.051 (99,2%)", "69 hồ sơ, chiếm 0,8%".
  const Mention* ShareAfter(size_t index, size_t end) const;
  // Whether `m`, written with other digits in at most two places (same length), reads `value`.
  bool DigitSlip(const Mention& m, double value) const;
  // The index in `order` of a mention of it.
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
  // The verb of a Status: "giai" of "status_done giai".
  static std::string Verb(const std::string& status) { return status.substr(status.find(' ') + 1); }
  // The list items on the lines after `pos` ("- …", "a) …", "1. …"), one range each, its wrapped
  // lines with it: as many as AuditTuning::max_listed_parts, of one marker kind, up to a blank
  // line or prose.
  std::vector<TextRange> ListItemsBelow(size_t pos) const;
  // A figure that names rather than counts: "Điều 50", "trang 9", "Nhóm 1", "[1]", "Thống Nhất 1",
  // "khoáng sản 3 - Vimico", a bound "<0.8" of a scoring rule. Never a part or a whole.
  bool NamesSomething(const Mention& m) const;
  // A small whole number that is all its line holds: a row number or a page number.
  bool AloneOnLine(const Mention& m) const;
  // A figure that is the list marker of its line ("1." or "2)" at the start): no part.
  bool LeafMarkerAt(const Mention& m) const;

  // --- Fractions and their percentages (structure_fractions.cc) -----------------------------

  // A fraction and the percentage that states its share, tied by `cue` ("chiếm", "(").
  struct Pair {
    const Mention* fraction;
    const Mention* percent;
    std::string cue;
    bool forced_to_100 = false;   // one of shares of one whole made to add up to 100%
  };
  // "5.373,4/5.373,4 triệu đồng": two figures joined by a slash that the recognizer read as
  // two (a decimal, or money after the second) are a fraction too. Owned here, with the
  // numerator's span; the denominator's span joins the evidence.
  std::deque<Mention> joined_fractions;
  std::map<const Mention*, const Mention*> denominator_of;
  // The numerators of fraction cells read as figures of their own (Numerator).
  std::deque<Mention> numerators;
  // A tabbed line's cell column: its count of tabs, past any column of characters.
  static constexpr size_t kTabbed = 100000;

  // Each fraction against the percentage that states its share.
  void Fractions();
  void JoinSlashFigures();
  // The numeric mentions with the fractions JoinSlashFigures made, in text order.
  std::vector<const Mention*> FiguresWithJoinedFractions();
  // "70/139 kiến nghị …, chiếm 50%": the next figure of the fraction `all[i]`'s clause, a
  // percentage introduced as its share.
  std::optional<Pair> ShareAfterFraction(const std::vector<const Mention*>& all, size_t i, TextRange clause) const;
  // A table laid out by pdftotext: the fraction ends its line, "(68,1%)" ends one of the next
  // three lines (the cell's second line), nothing else at the ends between.
  const Mention* ShareOnLinesBelow(const Mention& fraction) const;
  // "đạt 100% (45/45 nhiệm vụ)": a percentage just before, the fraction in parentheses.
  const Mention* ShareBeforeFraction(const std::vector<const Mention*>& all, size_t i, TextRange clause) const;
  // Shares of one whole: pairs with one denominator whose numerators make it and whose
  // percentages make 100, each allowed a unit of its last decimal off.
  static void MarkSharesOfOneWhole(std::vector<Pair>& pairs);
  void FractionPercent(const Pair& pair);

  // A whole over a table of fraction cells (FractionRowsAfterIntro).
  struct FractionCells {
    std::vector<std::pair<size_t, size_t>> above;   // lines before the first row
    std::vector<const Mention*> cells;              // each row's fraction cell
    size_t column = 0;                              // where the cells stand (FractionCellEnding)
  };
  void FractionRowsAfterIntro();
  void FractionRowsBelow(size_t colon);
  // The rows below a line ending in `colon` whose last cell is a fraction, in one column.
  FractionCells FractionCellsBelow(size_t colon) const;
  // The heading of the cells' column: what stands above them, from a little left of them.
  std::string ColumnHeading(const FractionCells& table) const;
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

  // --- Wholes and their listed parts (structure_breakdowns.cc) ------------------------------

  // A part of a whole, with its share.
  struct Part {
    const Mention* value;
    const Mention* percent = nullptr;
    std::string label;   // folded words just before the value
    double amount = 0;   // the value in the whole's unit ("7,3 tỷ" of a whole in đồng: 7,3e9)
  };
  // A whole's list of parts as the text opens it.
  struct PartsList {
    TextRange sentence;          // the whole's sentence, and the next one when the cue opens it
    std::string_view gap;        // from the whole to the end of the text the cue is sought in
    size_t cue_at = 0;           // the cue's offset in `gap`
    std::string cue;             // the cue phrase, folded; "(" or ":" without one
    size_t cue_pos = 0;          // the cue's offset in the text
    std::string cue_written;     // the cue as written, quoted in explanations
    bool paren_only = false;     // opened by a parenthesis or a colon, no cue word
    bool far_cue = false;        // further from the whole than AuditTuning::whole_to_cue_words
    bool one_notable = false;    // "trong đó có": one notable part, not a list
    size_t list_end = 0;         // where the list ends
    size_t parts_start = 0;      // where its parts start
    int expected = 0;            // the count of parts the text announces, or 0
  };
  // What a whole's parts say together, for WholeAndParts.
  struct PartsReading {
    int total_decimals = 0;
    int decimals = 0;               // of the whole and its parts, for the sum
    int shares_agree = 0;           // parts whose share agrees with the whole
    bool shares_make_whole = false; // every part has a share, and they add up to 100%
    bool rounded_to_100 = false;    // exactly to 100%: each share may be a unit off
    double sum = 0;
    std::vector<double> values;
    bool sum_holds = false;
    bool counted = false;           // as many parts as the text announces
    bool complementary = false;     // parts named by the words of one split (Complementary)
    bool exhaustive = false;        // the words say the parts make the whole
    std::string quote;              // the whole and its cue, as quoted in explanations
  };

  // "tổng … X, trong đó: a A, b B", "X …. Trong đó: …", "X …, gồm: …" (the parts in the sentence,
  // inside the parentheses that hold the cue, or in the list items below), and "X (a A, b B)".
  void Breakdowns();
  // "chia thành 02 nhóm", "gồm 03 nội dung" before a figure: it counts the parts, it is no whole.
  bool CountsParts(const Mention& total) const;
  // The next figure of the block after here[mi], outside the asides that follow it ("(bao gồm
  // cả 02 giấy phép điều chỉnh)"); the block's end if none.
  size_t NextFigurePastAsides(const std::vector<const Mention*>& here, size_t mi, const Block& block) const;
  // The list of parts opened after the whole here[mi], if the text opens one.
  std::optional<PartsList> OpenedParts(const std::vector<const Mention*>& here, size_t mi, const Block& block) const;
  // The cue that opens the parts, in `list.gap` (up to `reach`): a phrase of `words
  // parts_follow` not inside an aside, else a parenthesis or a colon right after the whole.
  bool FindPartsCue(PartsList& list, const Mention& total, size_t reach) const;
  // Where the list after the cue starts and ends, and the count of parts it announces.
  bool FindListBounds(PartsList& list, const Mention& total) const;
  // The cue as written, for explanations: as many words as the phrase has.
  std::string CueAsWritten(const PartsList& list) const;
  // The parts of `whole` in the list: in the rest of the sentence, or in the list items below.
  // `foreign` is set when a figure of another kind is among them.
  void CollectParts(const PartsList& list, const Mention& whole, std::vector<Part>& parts, bool& foreign) const;
  // Whether `v` is a part of this list rather than a part's own breakdown or another count.
  bool PartOfThisList(const PartsList& list, const Mention& whole, const Mention& v, const std::vector<Part>& parts) const;
  // Every part names the whole's noun ("58 kho, trong đó: … 03 kho …; 01 kho …").
  bool NamedParts(const Mention& whole, const std::vector<Part>& parts) const;
  // The parts of a list checked against their whole (here[mi], or an earlier figure of its
  // sentence where the parts are of another kind); `used_totals` keeps one reading a whole.
  void ReadParts(const PartsList& list, const std::vector<const Mention*>& here, size_t mi, std::set<size_t>& used_totals);
  // Pairs of words that split a whole with nothing left over (the levels of government, on time
  // and late, online and in person).
  bool Complementary(const std::vector<Part>& parts) const;
  // The shares of a whole's parts and their sum. `expected` is the number of parts the text
  // announces ("04 cụm …", "chia thành 02 nhóm"), or 0. Returns whether the parts add up.
  bool WholeAndParts(const Mention& total, const std::string& cue, std::vector<Part> parts, int expected);
  PartsReading ReadWholeAndParts(const Mention& total, const std::string& cue, const std::vector<Part>& parts, int expected) const;
  // Each part's share against the whole.
  void CheckPartShares(const Mention& total, const std::vector<Part>& parts, const PartsReading& reading);
  // Parts that do not add up to their whole.
  void FlagPartsSum(const Mention& total, const std::vector<Part>& parts, const PartsReading& reading);
  // "… đã cấp 09 giấy phép …. Cụ thể đối với từng loại khoáng sản như sau:" over list items that
  // each open with a count of one noun ("- Đá …: 04 giấy phép", "- Cát …: 04 giấy phép", "- Đất …:
  // 01 giấy phép"): the whole is stated in the sentence before the one that announces them, as
  // the first figure of that noun there. A warning where they do not add up (WholeAndParts).
  void WholeBeforeDetails();
  // "Số thủ tục hành chính hiện nay: 2110, trong đó:" right before a table of one row of figures:
  // the row's figures are the parts. A warning: the table may split the whole another way.
  void TableAfterBreakdown();
  // The one additive figure of a range, or nullptr (none, several, or a percentage among them).
  const Mention* OnlyFigure(TextRange range) const;
  // A count beside the list it counts: "Đối với 03 đơn vị sử dụng hóa chất: Công ty …; Nhà máy …"
  // or "… 04 nội dung sau:" over list items.
  void CountedLists();

  // --- Relations named by words (structure_named.cc) ----------------------------------------

  // A numbered heading of an outline: "3.2." with its figure, if its line has one.
  struct OutlinePoint {
    std::vector<int> number;   // {3, 2} for "3.2."
    const Mention* value;
    std::string title;
  };
  // A heading and its points one level down (indexes into the points).
  struct OutlineParent {
    size_t index;
    std::vector<size_t> children;
  };
  // A share of a named whole: "… 775.701.600.000 đồng (chiếm 15% tổng vốn đầu tư)".
  struct NamedShare {
    const Mention* part;
    const Mention* percent;
    const Mention* base;
    std::string name;   // the whole's name as written after the percentage
  };

  // Numbered outlines: "3.2.  Công bố, công khai TTHC …   3.50" is the sum of its points
  // "3.2.1. …  0.50", "3.2.2. …  1.50", … (a scoring framework, a budget by heading).
  void OutlineSums();
  std::vector<OutlinePoint> OutlinePoints() const;
  // The headings whose points 1, 2, … k are all present, each with its figure, and their own.
  std::vector<OutlineParent> OutlineParents(const std::vector<OutlinePoint>& points) const;
  // One heading against its points; `holding` other headings of the outline add up.
  void CheckOutlineHeading(const std::vector<OutlinePoint>& points, const OutlineParent& parent, int holding);
  // Shares of a named whole: "Vốn góp của nhà đầu tư: 775.701.600.000 đồng (chiếm 15% tổng vốn
  // đầu tư)" against the "Tổng vốn đầu tư: 5.171.344.000.000 đồng" stated above.
  void NamedShares();
  // The percentage order[i] as a share of a whole its words name, with the part before it.
  std::optional<NamedShare> ShareOfNamedWhole(size_t i) const;
  // The nearest figure above `part` whose own words name the whole ("Tổng vốn đầu tư: …").
  const Mention* NamedWhole(const Mention& part, const std::vector<std::string>& name) const;
  // The shares of one whole against it, and their parts' sum where the shares make 100%.
  void CheckNamedShares(const Mention& base, const std::vector<const NamedShare*>& list);
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
  // A change stated with both its ends: "đạt 1.250 hồ sơ, tăng 150 hồ sơ so với cùng kỳ năm 2024
  // (1.100 hồ sơ)".
  void StatedChanges();

  // --- Tables (structure_tables.cc) ---------------------------------------------------------

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
  // A line of a table laid out with spaces: its trailing figures, its name and marker.
  struct SpacedLine {
    std::vector<const Mention*> run;   // trailing figures, left to right
    std::string label;
    std::string marker;
  };
  // Columns [from, to] that a total column is the sum of, and in how many rows it held.
  struct ColumnRun {
    size_t from, to;
    int held = 0, tried = 0;
  };
  // Tables laid out with spaces (SpacedGrids), kept for the checks that compare places.
  std::vector<Grid> spaced;

  Cell CellOf(const TableCell& cell) const;
  static bool NotAdditiveHeader(const std::string& h);
  // "I", "II", "A", "B": a row that heads a group of numbered rows.
  static bool GroupMarker(const std::string& s);
  // "1", "12.": a numbered row.
  static bool LeafMarker(const std::string& s);
  // A row named as the total ("Tổng cộng", `words total_row`).
  bool TotalWords(std::string_view label) const;
  // Column classes from the cells (and the names, where known).
  void Classify(Grid& g) const;
  Grid GridOf(const LayoutTable& t) const;
  // Tables a converter laid out with spaces (pdftotext -layout): runs of lines that end in the
  // same number of figures ("1   Sở Tư pháp   14,50   14,50   13,50   93,10%"). The figures,
  // counted from the right, are the columns; the words before them name the row.
  std::vector<Grid> SpacedGrids() const;
  // The line [b, e) as a row of such a table, if it ends in two figures or more set apart.
  std::optional<SpacedLine> SpacedRow(size_t b, size_t e) const;
  // A run of such rows as a table: three rows at least of the width most of them have.
  std::optional<Grid> SpacedGrid(const std::vector<SpacedLine>& group) const;
  // Every relation a table states: group rows, total rows, total columns, rate columns.
  void CheckGrid(const Grid& g);
  // A column's name for explanations: its heading, else "column 3 of figures".
  std::string ColumnName(const Grid& g, size_t j) const;
  // (a) Group rows ("I. Cụm công nghiệp …") against their numbered rows.
  void CheckGroupRows(const Grid& g);
  // Total rows against the rows they total (over groups, the group rows).
  void CheckTotalRows(const Grid& g, bool grouped);
  // (b) The run of columns beside column `tc` that it totals in most rows, learned from the rows
  // (AuditTuning::learned_share); where the header names the column ("Tổng số") two rows do.
  std::optional<ColumnRun> TotalColumnRun(const Grid& g, size_t tc) const;
  void CheckTotalColumn(const Grid& g, size_t tc, const ColumnRun& run);
  // (c) A rate column against the pair of columns whose quotient it is in most rows.
  void CheckRateColumn(const Grid& g, size_t rc);
  // A comparison table ("Thiết kế cơ sở | Thiết kế xây dựng | Kết quả đối chiếu") whose row says
  // its two cells match ("Trùng khớp"): their figures must be the same.
  void RowsSaidToMatch();

  // --- One quantity stated twice; running accounts (structure_repeated.cc) ------------------

  // A figure as a statement of a quantity that may be stated again.
  struct Statement {
    const Mention* m;
    std::string digits;            // the digits as written
    std::string unit;              // money unit, "%", or the counted noun
    std::set<std::string> words;   // content words before it
    std::set<std::string> wide;    // content words of the ten before it
    bool short_figure = false;     // three significant digits: paired only between rows of one name
  };
  // What table cells say of their figures, by the figure's normalized offset.
  struct FigureContexts {
    std::map<size_t, std::set<std::string>> cell_words;        // the row's name and the column's heading
    std::map<size_t, std::string> cell_units;                   // the column's or the row's unit
    std::set<size_t> dense;                                     // figures of coordinate tables
    std::map<size_t, std::pair<int, std::string>> cell_rows;   // table and row name of a cell
    // Two cells are one quantity only in two tables, and only for rows of one name.
    bool OtherPlace(const Mention* x, const Mention* y) const;
    bool SameRowName(const Mention* x, const Mention* y) const;
  };

  // One quantity stated twice: a distinctive figure given in the body and again in an appendix
  // ("tổng diện tích 970,46 ha" … "Tổng cộng … 970,46"). Equal statements are listed as checks;
  // two that differ in a single digit, with the same unit and the same words before them, are a
  // likely slip in one of them: a warning, since the engine cannot prove they are one quantity.
  void RepeatedFigures();
  std::string UnitOf(const Mention& m) const;
  // Table cells speak through their row's name and their column's heading; coordinate tables
  // (hundreds of rows, "X", "Y", "Tọa độ") hold figures that differ in a digit by design.
  void TableContexts(FigureContexts& out) const;
  // TableContexts, and the rows of the tables laid out with spaces.
  FigureContexts FigureContextsOf() const;
  // "6695793" → 7, "5171344000000" → 7: the digits between the first and the last non-zero.
  static size_t SignificantDigits(const std::string& digits);
  // A figure as a statement, unless it is a year, too short, or a rough figure in an aside.
  std::optional<Statement> StatementOf(const Mention& m, const FigureContexts& contexts) const;
  // Two statements of one unit and length: a check where they are the same, a flag where one
  // digit differs and their words say they are one quantity. `times` counts each digit string.
  void CompareStatements(const Statement& x, const Statement& y, const FigureContexts& contexts, std::map<std::string, int>& times);
  void FlagRepeatedFigure(const Statement& x, const Statement& y);
  // Running accounts: among a few amounts of one paragraph, a later one that is the sum or the
  // difference of two earlier ones.
  void RunningAccounts();
};

}  // namespace baocao::audit_structure
