// What the phases of a RuleSet share: a loaded rule, the reading of its named groups, a
// candidate reading, and RuleSet::Impl. Internal to extractor/src/recognize.
//
// The phases, one file each:
//   rule_file.cc     loading a rule file: macros, vocabularies, rules (AddFile)
//   scan.cc          running the rules over a text, prefiltered by an RE2::Set (Scan)
//   interpret.cc     what a match means: a mention of its rule's type, or none (Interpret)
//   overlaps.cc      the longest reading wins where candidates overlap (ChooseReadings)
//   comparators.cc   "tối thiểu 90%", "từ 80% trở lên" joined to their figures
//   rule_set.cc      RuleSet itself: Load, Recognize (the phases in order), RenderMention
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "baocao/recognize/recognize.h"

namespace baocao {

std::string FormatNumber(double v);  // numbers.cc

namespace recognize_internal {

// The memory RE2 may use for one rule's pattern, and for the prefilter Sets (RE2's default is
// 8 MB): the kind and place vocabularies make large alternations.
inline constexpr int64_t kPatternMaxMemory = int64_t(64) << 20;

// The rule files' comparator syntax: `comparator: >=` and an example's rendered value
// ("=> >= 90%"). The rules' own notation, read and written here; the output's names are emit's.
std::optional<Comparator> ComparatorFromRuleSyntax(std::string_view symbol);
std::string_view RuleSyntaxOf(Comparator comparator);

struct Rule {
  RuleInfo info;
  MentionType type = MentionType::kNumber;
  bool is_comparator = false;
  bool is_skip = false;
  int priority = 0;
  bool word_boundary = true;
  bool strict_boundary = false;   // no letter or digit may touch the match, whatever it starts with
  bool before = true;             // comparator: written before the number ("tối thiểu 90%")
  std::string fixed_unit;
  std::optional<double> fixed_value;  // "không có hồ sơ quá hạn" counts zero
  Comparator comparator = Comparator::kNone;
  int kind_before = 0;            // reference: the kind is among this many words before the match
  std::unique_ptr<RE2> re;
  std::vector<std::pair<std::string, int>> groups;  // group name -> index
};

// Named groups are read by their base name: "day", "day_a" and "day_b" all answer Get("day"),
// so one pattern may offer several spellings of one field (RE2 names must be unique).
class Fields {
 public:
  Fields(const Rule& rule, const re2::StringPiece* groups, std::string_view text)
      : rule_(rule), groups_(groups), text_(text) {}
  std::string_view Get(std::string_view name) const {
    for (const auto& [group, index] : rule_.groups) {
      if (group.size() >= name.size() && group.compare(0, name.size(), name) == 0 &&
          (group.size() == name.size() || group[name.size()] == '_') && !groups_[index].empty()) {
        return std::string_view(groups_[index].data(), groups_[index].size());
      }
    }
    return {};
  }
  TextRange Range(std::string_view name) const {
    std::string_view v = Get(name);
    if (v.empty()) return {};
    size_t b = v.data() - text_.data();
    return {b, b + v.size()};
  }

 private:
  const Rule& rule_;
  const re2::StringPiece* groups_;
  std::string_view text_;
};

// Whether a letter, a digit or a combining mark stands just before (`before`) or at `pos`.
bool IsAlnumAt(std::string_view text, size_t pos, bool before);

// The folded word that ends right before `pos`, spaces skipped: "nam" before "2025", "tu" before
// "12 tháng".
std::string FoldedWordBefore(std::string_view text, size_t pos);

// A mention never runs across a blank line (a paragraph or page boundary) or a tab (a table
// cell boundary).
bool CrossesBoundary(std::string_view s);

// Whether a match of the rule is refused when it crosses a boundary (CrossesBoundary). Scan
// looks for a confined rule only inside blank-line windows, which is exact because of this.
inline bool Confined(const Rule& rule) { return !rule.is_skip; }

// ---- interpret_time.cc
inline constexpr int kFirstYear = 1900;   // years a date or a period may name
inline constexpr int kLastYear = 2100;
// The value of a run of ASCII digits; -1 for anything else (or a value past 100000).
int ToInt(std::string_view s);
// "2025-08-23", "2025-08", "2025", "--08-23"; empty when the parts are not a date.
std::string IsoDate(std::string_view day, std::string_view month, std::string_view year);
// A date match's ISO date in m.iso; false when it reads as none.
bool ReadDate(const Fields& f, std::string_view text, Mention& m);
// A period match's ISO period in m.iso; false when it reads as none.
bool ReadPeriod(const Rule& rule, const Fields& f, std::string_view text, Mention& m);

// A match's reading waiting for the choice between overlapping ones: small, the reading it
// stands for kept apart (Found::readings). A skip rule's match has a range only.
struct Candidate {
  TextRange range;
  int priority;
  uint32_t reading;
};
inline constexpr uint32_t kSkipped = UINT32_MAX;

// What the rules found: candidates in rule order, the readings in a deque so that growing never
// copies them.
struct Found {
  std::vector<Candidate> candidates;
  std::deque<Mention> readings;
};

// A part of the text a rule runs in (scan.cc): [begin, end), starting at 0 or after a newline
// and ending at a newline or the text's end.
struct Window {
  size_t begin, end;
};
// Which windows each rule can match in, as a prefilter tells (scan.cc).
struct RuleWindows {
  std::vector<Window> windows;
  std::vector<std::vector<uint32_t>> of_rule;   // rule -> indices into `windows`
};

// The readings that win (overlaps.cc): the longest where candidates overlap, between equal
// lengths the rule with the higher priority; in text order. Empties `found`.
std::vector<Mention> ChooseReadings(Found& found, const Budget& budget);

// Joins comparators written next to a number ("tối thiểu 90%", "từ 80% trở lên") to the
// figures of `mentions` (in text order), widening their spans (comparators.cc).
void AttachComparators(const std::vector<Rule>& rules, std::string_view text, std::vector<Mention>& mentions,
                       const Budget& budget);

// Reads a bare "9 tháng" as the months so far of the year the text names in "9 tháng năm 2024"
// (or "… năm nay"): the same period, where nothing around it makes it a duration
// (months_so_far.cc). `mentions` in text order.
void ReadEchoedMonthsSoFar(std::string_view text, std::vector<Mention>& mentions);

// Reads a figure in triệu, nghìn or tỷ that counts nothing after it as an amount in đồng when its
// sentence speaks of money ("Tiền ăn: 2 triệu") (amounts_in_context.cc).
void ReadAmountsInContext(std::string_view text, std::vector<Mention>& mentions);

}  // namespace recognize_internal

struct RuleSet::Impl {
  using Rule = recognize_internal::Rule;

  std::vector<Rule> rules;
  std::vector<RuleInfo> infos;
  std::unordered_map<std::string, std::string> kinds;  // FoldKey -> canonical reference kind
  // Every non-comparator rule in one RE2::Set: Scan asks it which rules can match inside each
  // blank-line window and runs a rule only where it can (null: run every rule everywhere).
  // Rules that are not Confined may match across windows: asked of one Set for the whole text.
  std::unique_ptr<RE2::Set> prefilter, whole_prefilter;
  std::vector<size_t> prefilter_rule, whole_prefilter_rule;  // Set index -> index into `rules`

  // Built on first need: only worth its compilation and its DFA's warming up once this RuleSet
  // has read kPrefilterAfter bytes (a batch, or one large document). Until then every rule
  // reads the whole text; both ways give the same mentions.
  std::once_flag prefilter_once;
  std::atomic<uint64_t> bytes_seen{0};
  static constexpr uint64_t kPrefilterAfter = uint64_t(1) << 20;
  // A rule's first reads build its reverse program and its DFA's states, several times the cost
  // of a warm read: a fresh process (the CLI on one file) spends most of recognition on it.
  // Until the rules have read kWarmAfter bytes, any text is worth a second thread (Scan).
  static constexpr uint64_t kWarmAfter = uint64_t(64) << 10;
  bool Cold() const { return bytes_seen.load(std::memory_order_relaxed) < kWarmAfter; }
  void BuildPrefilter();
  bool UsePrefilter(size_t text_size) {
    uint64_t seen = bytes_seen.fetch_add(text_size, std::memory_order_relaxed) + text_size;
    if (seen < kPrefilterAfter) return false;
    std::call_once(prefilter_once, [this] { BuildPrefilter(); });
    return prefilter != nullptr;
  }

  // rule_file.cc: reads one rule file. `global_macros` are common.rules' macros; `exported`,
  // when given, receives this file's.
  Status AddFile(std::string_view content, const std::string& file, const std::string& vocab_dir,
                 const std::map<std::string, std::string>& global_macros,
                 std::map<std::string, std::string>* exported);
  // Appends a file's rules, refusing an id already taken.
  Status Adopt(std::vector<Rule> added);

  // scan.cc: every rule's candidates over `text`, in rule order.
  // Stops early (candidates missing) once `budget` is spent: Recognize's caller reports it.
  recognize_internal::Found Scan(std::string_view text, const Budget& budget);
  recognize_internal::RuleWindows AskPrefilter(std::string_view text, const Budget& budget) const;
  // Runs `rule` over its windows (`where`, indices into `spans`), adding its candidates.
  void ScanRule(const Rule& rule, std::string_view text, const std::vector<recognize_internal::Window>& spans,
                const std::vector<uint32_t>& where, recognize_internal::Found& found, const Budget& budget) const;
  // The candidates of a match [b, e) that stands on its own: a skip rule's claim, or the
  // readings Interpret gives (`produced` is scratch space).
  void AddCandidates(const Rule& rule, const re2::StringPiece* groups, std::string_view text, size_t b, size_t e,
                     std::vector<Mention>& produced, recognize_internal::Found& found) const;

  // interpret.cc: the mentions a match of `rule` reads as (appended to `out`); false when the
  // match reads as none.
  bool Interpret(const Rule& rule, const re2::StringPiece* g, std::string_view text,
                 std::vector<Mention>& out) const;
  // Whether the words between a kind and "số" name one document ("Luật Phòng cháy, chữa cháy
  // và cứu nạn, cứu hộ"), not a phrase that runs into another citation ("quy định tại Thông tư").
  bool NameOfOneDocument(std::string_view name) const;
  // The kind that opens a document's name ending at `end` ("Luật Phòng cháy, chữa cháy … " before
  // "số 55/2024/QH15"): the nearest kind among `max_words` words back, none past a sentence's
  // punctuation, a figure or a word that joins two phrases ("tại", "theo", "của"). Returns its
  // start and canonical spelling, or npos.
  std::pair<size_t, std::string> KindBefore(std::string_view text, size_t end, int max_words) const;
  bool InterpretReference(const Rule& rule, const recognize_internal::Fields& f, std::string_view text,
                          Mention& m, std::vector<Mention>& out) const;
};

}  // namespace baocao
