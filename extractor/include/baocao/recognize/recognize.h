// The Mentions stage: rule sets loaded from `rules/` (data, not code) find numbers,
// percentages, money, counts, fractions, dates, periods and document references in a Text.
//
//   baocao::Result<baocao::RuleSet> rules = baocao::RuleSet::Load("rules");
//   if (!rules.ok()) { ... rules.status().message() names "rules/date/date.rules:12" ... }
//   std::vector<baocao::Mention> found = rules->Recognize(text.view());
//
// Rule files (`rules/**/*.rules`) hold `define NAME = PATTERN` macros, `vocab NAME = FILE`
// word lists, and rules: `rule ID`, `type:`, `pattern:` (RE2, verbatim), optional `priority:`,
// `unit:`, `comparator:`, `position:`, `boundary:`, and examples `match: TEXT => VALUE` /
// `reject: TEXT` that the test suite runs. The grammar is in rules/README.md.
//
// Thread safety: a loaded RuleSet is immutable; Recognize may run on many threads at once.
// Complexity: linear in the text for each rule (RE2), plus n log n to resolve overlaps.
// Mentions carry normalized ranges only; the pipeline turns them into Spans.
#pragma once

#include <memory>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "baocao/core/budget.h"
#include "baocao/core/document.h"
#include "baocao/core/status.h"

namespace baocao {

struct RuleExample {
  std::string text;
  std::string expected;   // rendered value (see RenderMention); empty for a reject example
  bool reject = false;
  std::string file;
  int line = 0;
};

struct RuleInfo {
  std::string id;
  std::string type;       // mention type, or "comparator" / "skip"
  std::string file;
  int line = 0;
  std::vector<RuleExample> examples;
};

class RuleSet {
 public:
  // Loads every `*.rules` file below `dir`. kBadRules names file:line of the first error.
  static Result<RuleSet> Load(const std::string& dir);
  // Loads rules from one string (tests); `name` stands in for the file name in errors.
  static Result<RuleSet> LoadString(std::string_view content, const std::string& name,
                                    const std::string& vocab_dir = ".");

  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;
  ~RuleSet();

  // Mentions in `text`, in text order, without overlaps (the longest reading wins). Once
  // `budget` is spent it stops early with what it has: the caller's next Budget::Check turns
  // that into the budget's error (the partial mentions are never used).
  std::vector<Mention> Recognize(std::string_view text, const Budget& budget = Budget()) const;

  const std::vector<RuleInfo>& rules() const;
  // Whether the rules have read little yet (under 64 KB): their automata are still being built,
  // so the next Recognize costs several times a warm one, on two threads whatever the size.
  bool Cold() const;
  // Canonical spelling of a reference kind ("nghị quyết" -> "Nghị quyết"), from the vocabulary.
  std::string CanonicalKind(std::string_view kind) const;

 private:
  RuleSet();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The value of a mention as one string, as rule examples write it:
// "12456", "86.98%", "499000000 đồng", "358 thủ tục", "6578/7569 hồ sơ", "2024-12-22",
// "2025-H1", "Nghị quyết|57-NQ/TW|2024-12-22"; a comparator comes first (">= 90%"), a range
// as "1000..2000 đồng".
std::string RenderMention(const Mention& mention);

// Parses a number written the Vietnamese way ("12.456" -> 12456, "98,70" -> 98.7,
// "1.665.600.000", "94.3" -> 94.3). False when `s` is not a number.
bool ParseVietnameseNumber(std::string_view s, double* value);

// Parses spelled-out Vietnamese numerals ("hai mươi ba" -> 23, "một trăm linh năm" -> 105,
// "một nghìn không trăm hai mươi tư" -> 1024, "ba tỷ rưỡi" -> 3500000000, "mười lăm phẩy năm"
// -> 15.5). True only when all of `words` is one numeral the grammar is sure of.
bool ParseVietnameseNumerals(std::string_view words, double* value);

// A numeral found in a run of words: bytes [begin, end) of the run, and its value.
struct SpelledNumber {
  size_t begin = 0, end = 0;
  double value = 0;
};
// The numerals of a run of numeral words, left to right, each the longest the grammar reads
// there ("hai mươi ba năm" -> 23 over "hai mươi ba"). A run the grammar is unsure of ("một
// nghìn hai", said for 1.200 and written for 1.002; "hai trăm tư") gives nothing from there on:
// a number is never guessed. One digit word alone ("hai", "năm") is a numeral only when
// `single_digit` (a unit follows it: "năm phần trăm"); otherwise "một" is also "a", "năm" "year".
std::vector<SpelledNumber> FindVietnameseNumerals(std::string_view words, bool single_digit);

// A date or month written without its year ("ngày 23/8", "tháng 10": iso "--08-23", "--10")
// takes the year its sentence gives (the nearest dated mention there), else the year of the
// document's date (`doc_date`, ISO), else the nearest year in its paragraph; `year_inferred` is
// then set (docs/OUTPUT.md). `mentions` in text order, offsets into `text`.
void InferYears(std::vector<Mention>& mentions, std::string_view text, const std::optional<std::string>& doc_date);

// Whether `word` is one of a spelled numeral's words ("hai", "mươi", "nghìn", "rưỡi", "phẩy").
bool IsVietnameseNumeralWord(std::string_view word);

}  // namespace baocao
