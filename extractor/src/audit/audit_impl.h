// Internal to the audit: the context of each fact (period, as-of date, scope, place in the
// document), the checks, and the sentences that explain a flag in Vietnamese or English.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/audit/audit.h"

namespace baocao {

inline constexpr const char* kNumberSlot = "\x01n";   // "{n}" in a scope phrase

// Plain constants of the audit's arithmetic and text; the judgment thresholds are AuditTuning's.
inline constexpr double kDecimalBase = 10.0;     // a value's last decimal is a unit of 10^-decimals
inline constexpr int kDecimalRadix = 10;         // digits of a whole number
inline constexpr double kHalfUnit = 0.5;         // rounding keeps a value within half a unit
inline constexpr double kBinaryNoise = 1e-9;     // slack for binary floating point on compared values
inline constexpr double kScaledNoise = 1e-6;     // the same on a value scaled to units of its last decimal
inline constexpr double kThousand = 1e3;         // "nghìn", "ngàn"
inline constexpr double kMillion = 1e6;          // "triệu"
inline constexpr double kBillion = 1e9;          // "tỷ"
inline constexpr unsigned char kFirstNonAscii = 0x80;   // a byte from here on is part of a UTF-8 sequence

// Folded words of a phrase of a rule file; "{n}" becomes kNumberSlot.
std::vector<std::string> FoldPhrase(std::string_view phrase);

// One fact with what the checks need to know about where and when it holds.
struct FactInfo {
  const Fact* fact = nullptr;
  int index = 0;             // in AuditContext::facts
  size_t pos = 0;            // normalized offset of the value
  TextRange sentence;        // normalized
  int block = -1;            // Layout::blocks index
  int section = -1;          // innermost Layout::sections index
  int top_section = -1;      // outermost section holding it
  std::string period;        // Fact::period
  std::string when;          // the comparison key: as-of date for stocks, else the period
  std::string scope;         // canonical scope ("phase=2"), empty when unqualified
  bool total_word = false;   // "tổng" before the value in its sentence
  int item_of = -1;          // an item of that fact (a component of a stated total), or -1
  int decimals = 0;          // decimals as written ("98,70%" -> 2)
  bool numeric = false;      // has a numeric value
  double value = 0;
  // The signature (signature.cc): what the value's own words say it is of. Two values are one
  // quantity, or members of one relation, only when these agree (Comparable).
  std::string unit;          // whose figure: "unit_commune_level", "body:cuc thue"; empty: the issuer's
  std::string unit_words;    // the words as written: "cấp xã", "Cục Thuế"
  std::string stretch;       // which stretch of time: "period_to_date" ("từ đầu năm", "lũy kế"), or empty
  std::string stretch_words;
  std::map<std::string, std::string> qualifiers;   // which kind: "qualifier_late" -> "trễ hạn"
  bool part = false;         // "trong đó" opens its clause: a part of a figure stated before
  bool scoring = false;      // a scoring rule's threshold ("dưới 95% thì ... 0 điểm"): no value
  size_t context = 0;        // a hash of its label's folded words without numbers
  int context_words = 0;     // how many
};

// Everything the checks share.
struct AuditContext {
  const AuditRules& rules;
  const AuditInput& in;
  const AuditOptions& options;
  std::vector<FactInfo> facts;                              // in text order
  std::map<std::string, std::vector<int>> by_indicator;     // indicator -> facts, in text order
  std::vector<Flag> flags;
  std::vector<Check> checks;
  // How widely values are compared (signature.cc): a report or plan as a whole; a document of
  // another kind (tờ trình, công văn, quyết định) within one sentence or table; a summary of
  // comments or a scoring table (title "tổng hợp ý kiến", "chấm điểm") within one sentence or
  // table row.
  enum class Reach { kDocument, kTable, kSentence } reach = Reach::kDocument;
  std::map<std::string, std::vector<std::string>> owned;   // indicator -> qualifier lists its name holds

  bool en() const { return options.lang == "en"; }
  // The budget is spent: a check returns at once with what it found, and the audit's caller
  // reports the budget's error (the partial flags are never used). A clock read: asked once per
  // fact a loop works on, not per fact it skips.
  bool Spent() const { return options.budget.Exhausted(); }
  // How far apart two facts are: 0 same sentence, 1 same paragraph or table, 2 same section,
  // 3 same top-level section, 4 elsewhere.
  int Tier(const FactInfo& a, const FactInfo& b) const;
  // The fact of one of `ids` nearest `anchor` with the same role, period and scope, not an
  // item, within `max_tier`; nullptr if none. Same sentence first, then paragraph, section...
  // Sentences, paragraphs and sections are nested intervals around the anchor, so the tier
  // only grows walking away from it: the first fit on each side is the best of that side.
  const FactInfo* Nearest(const FactInfo& anchor, const std::vector<std::string>& ids, int max_tier,
                          bool same_scope = true) const;
  bool IsStock(const std::string& id) const;
  // The facts of one indicator, in text order.
  const std::vector<int>& Of(const std::string& id) const;
  const IndicatorLabel* Label(const std::string& id) const;
  // "Tỷ lệ hồ sơ ..." (vi) or the English label, for explanations.
  std::string IndicatorName(const std::string& id) const;
  bool HasWords(std::string_view text, const std::string& list) const;
  Span SpanOf(TextRange r) const { return in.span_of(r); }
};

// The contexts of every fact (periods, scopes, items...).
void BuildFactInfos(AuditContext& c);

// Signatures (signature.cc): the document's reach, from its kind and title; then each fact's
// signature from its own words: the unit and stretch of time nearest before the value in its
// sentence (else in its label), the qualifiers of its clause and label, "trong đó", a scoring
// rule (which makes the fact no value); and its label context.
void ReadSignatures(AuditContext& c);
// Whether two facts may be one quantity (`same_quantity`: also both parts or both not) or
// members of one relation: same unit, stretch and qualifiers, leaving aside the qualifiers the
// indicators' own names hold ("đúng hạn" of the on-time rate), and within the document's reach.
bool Comparable(const AuditContext& c, const FactInfo& a, const FactInfo& b, bool same_quantity);
// The signature as a key, for grouping the statements of one indicator.
std::string SignatureKey(const AuditContext& c, const FactInfo& f);
// The signature's words as written, quoted: “cấp xã”, “trễ hạn” (not those of the indicator's
// own name); empty if none.
std::string SignatureWords(const AuditContext& c, const FactInfo& f);

// Checks, each appending to c.flags and c.checks.
void CheckSums(AuditContext& c);          // sum, exclusive, partition
void CheckRatios(AuditContext& c);        // ratio
void CheckMagnitudes(AuditContext& c);    // part <= whole, items <= total, cap
void CheckConflicts(AuditContext& c);     // one indicator, one period, two values
void CheckAssessments(AuditContext& c);   // Đạt / Không đạt against target and values
void CheckNames(AuditContext& c);         // the issuing ward spelled two ways
void CheckDates(AuditContext& c);         // deadlines passed, references after the document
// Relations read from the document's own structure, catalogue or not (structure*.cc): fractions
// and their percentages, wholes and their listed parts, shares of a named whole, table total rows,
// group rows, total columns and rate columns, numbered outlines, running accounts, a figure
// stated twice. Runs after the catalogue checks: a number they flagged is not flagged again.
void CheckStructure(AuditContext& c);
// An amount in figures and again in words after "Bằng chữ" (words_amount.cc): one check each,
// a conflicting_values error when they differ. The readers of the document's structure see the
// words-amount not at all: it repeats the figures, it is no other quantity.
struct AmountInWords {
  size_t figures = 0, words = 0;   // indices into the mentions
};
std::vector<AmountInWords> FindAmountsInWords(const std::vector<Mention>& mentions, std::string_view text,
                                              const AuditTuning& tuning);
void CheckAmountsInWords(AuditContext& c, const std::vector<Mention>& mentions, const std::vector<AmountInWords>& amounts);
std::vector<Mention> WithoutAmountsInWords(const std::vector<Mention>& mentions, const std::vector<AmountInWords>& amounts);

// Numbers as a reader of the language writes them: vi 12.456 / 86,91; en 12,456 / 86.91.
std::string FormatNumber(double value, int decimals, bool en);
// A fact's value with its unit: "86,91%", "1.056.000 đồng", "377 thủ tục".
std::string FormatValue(double value, int decimals, const std::string& unit, bool en);
// The decimals a computed value is shown with: those of the stated value it is compared with.
double RoundTo(double value, int decimals);
// A date "2026-02-09" as "09/02/2026", "2026-02" as "02/2026".
std::string FormatDate(const std::string& iso);
// "Tổng kinh phí" -> "tổng kinh phí", for a label inside a sentence.
std::string LowerFirst(const std::string& s);
std::string UpperFirst(const std::string& s);
// The values of a sum as "218 + 160".
std::string JoinValues(const std::vector<double>& values, int decimals, bool en);

Check MakeCheck(const std::string& relation, const std::string& rule, const std::vector<std::string>& indicators,
                std::optional<double> stated, std::optional<double> computed);
void AddMember(Check& check, const FactInfo& f, MemberRole role);
Flag MakeFlag(const std::string& kind, Severity severity, double stated, double computed, const std::string& rule);
// A text's folded words joined by single spaces, with a space at each end (" trong do "): a
// phrase of a word list reads there as " " + phrase + " ".
std::string FoldedWords(std::string_view text);
// The values a figure as written may stand for. "hơn 4,3 triệu" is any value above 4,3 triệu;
// "4,3 triệu" (a scale word after few digits) is 4,25–4,35 triệu; "khoảng 33.300" is one unit
// of its last significant digit either way. An exact figure is its value alone.
struct WrittenRange {
  double lo = 0, hi = 0;
  bool exact = true;
};
// `comparator` as the recognizer gives it (">", ">=", "<", "<="); `rough` when "khoảng",
// "gần", "xấp xỉ" stands before it.
WrittenRange RangeOf(double value, std::string_view written, Comparator comparator, bool rough);
// Whether a stated rate may be the quotient of two figures known only within their ranges: some
// quotient in range rounds or cuts to it.
bool RateMayAgree(double stated, int decimals, const WrittenRange& numerator, const WrittenRange& denominator);
// Whether the words just before `pos` (within `reach` bytes, AuditTuning::rough_reach) say the
// figure there is rough ("khoảng", "gần", "xấp xỉ", "ước").
bool RoughBefore(std::string_view text, size_t pos, size_t reach);
// The folded words (FoldedWords) of the `reach` bytes before `pos`, cut on a character boundary.
std::string FoldedWordsBefore(std::string_view text, size_t pos, size_t reach);
// Whether folded words (FoldedWords) end with one of `phrases` ("tăng", "tăng thêm"), word for word.
bool EndsWithPhrase(const std::string& folded, const std::vector<std::string>& phrases);

// Appends a span to a flag's evidence unless an equal one is there.
void AddEvidence(Flag& flag, const Span& span);
void AddIndicator(std::vector<std::string>& ids, const std::string& id);

}  // namespace baocao
