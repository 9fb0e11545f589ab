// Running the rules over a text: each rule from the start of each window its prefilter allows,
// every match that stands on its own (word boundaries, no blank line inside) interpreted into
// candidate readings.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

#include "core/parallel.h"
#include "core/strings.h"
#include "recognize/rule_set_impl.h"

namespace baocao {

using recognize_internal::Candidate;
using recognize_internal::Found;
using recognize_internal::kSkipped;
using recognize_internal::Rule;
using recognize_internal::RuleWindows;
using recognize_internal::Window;

namespace recognize_internal {

bool IsAlnumAt(std::string_view text, size_t pos, bool before) {
  if (before ? pos == 0 : pos >= text.size()) return false;
  UChar32 cp;
  auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(pos);
  if (before) { U8_PREV(s, 0, i, cp); } else { U8_NEXT(s, i, static_cast<int32_t>(text.size()), cp); }
  return cp >= 0 && (u_isalnum(cp) || u_getCombiningClass(cp) != 0);
}

bool CrossesBoundary(std::string_view s) {
  if (s.find('\t') != std::string_view::npos) return true;
  for (size_t nl = s.find('\n'); nl != std::string_view::npos; nl = s.find('\n', nl + 1)) {
    size_t next = s.find_first_not_of(" \t\r", nl + 1);
    if (next != std::string_view::npos && s[next] == '\n') return true;
  }
  return false;
}

}  // namespace recognize_internal

using recognize_internal::Confined;
using recognize_internal::CrossesBoundary;
using recognize_internal::IsAlnumAt;

void RuleSet::Impl::BuildPrefilter() {
  prefilter.reset();
  whole_prefilter.reset();
  prefilter_rule.clear();
  whole_prefilter_rule.clear();
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_case_sensitive(false);  // as each rule's own RE2
  opts.set_max_mem(recognize_internal::kPatternMaxMemory);
  auto set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  auto whole = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  std::vector<size_t> in_set, in_whole;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].is_comparator) continue;
    std::string error;
    RE2::Set& target = Confined(rules[i]) ? *set : *whole;
    if (target.Add(rules[i].re->pattern(), &error) < 0) return;  // no prefilter: run every rule
    (Confined(rules[i]) ? in_set : in_whole).push_back(i);
  }
  if ((!in_set.empty() && !set->Compile()) || (!in_whole.empty() && !whole->Compile())) return;
  prefilter = std::move(set);
  prefilter_rule = std::move(in_set);
  whole_prefilter = std::move(whole);
  whole_prefilter_rule = std::move(in_whole);
}

namespace {

// Windows of the text such that every match of a Confined rule that Scan can accept lies
// inside one of them. Such a match never contains a blank line (a "\n", then only spaces, tabs
// or CRs, then "\n"), so it never holds both newlines of a blank line: windows end at the second
// newline of each blank line and the next starts after its first, overlapping by its spaces.
// Every window starts at 0 or after a newline and ends at a newline or the text's end, so
// ^, $ and \b read the same inside a window as in the whole text. Windows shorter than
// `min_size` are merged with the next (a union of windows is a window too).

// Texts of this size share the rules between two threads (Scan). Above it the candidates
// gathered per rule would be held twice while they are joined, for a gain that no longer matters
// beside the minutes such a text takes.
constexpr size_t kParallelRulesMinBytes = 64 * 1024;
constexpr size_t kParallelRulesMaxBytes = 16 * 1024 * 1024;
constexpr size_t kMinWindow = 0;  // merging saves Set calls but widens every rule's windows
constexpr int kMaxGroups = 32;    // capturing groups read of a match (the whole match included)
// RE2 calls between two budget checks: a call costs a microsecond or more, a check a clock read.
constexpr unsigned kMatchesPerBudgetCheck = 16;

std::vector<Window> BlankLineWindows(std::string_view text, size_t min_size) {
  std::vector<Window> windows;
  size_t begin = 0;
  size_t nl = text.find('\n');
  while (nl != std::string_view::npos) {
    size_t next = text.find_first_not_of(" \t\r", nl + 1);
    if (next == std::string_view::npos) break;
    if (text[next] != '\n') {
      nl = text.find('\n', next);
      continue;
    }
    // A blank line from `nl` to `next`: this window ends at `next`, the next starts at nl + 1.
    if (next - begin >= min_size) {
      windows.push_back({begin, next});
      begin = nl + 1;
    }
    nl = next;
  }
  windows.push_back({begin, text.size()});
  return windows;
}

}  // namespace

// A window longer than kPrefilterPiece (a paragraph of megabytes: no report has one) is asked
// in pieces that overlap by kPrefilterOverlap, with a budget check between two: one RE2::Set
// call over 64 MB takes over half a second and cannot be interrupted. A match no longer than the
// overlap lies whole in some piece, and a piece's cut edges can only add a rule (a \b or ^ that
// holds at the cut), never drop one, so the rules allowed are those of the one call but for
// rules whose every match there is longer than 64 KB.
constexpr size_t kPrefilterPiece = size_t(1) << 20;
constexpr size_t kPrefilterOverlap = size_t(64) << 10;

// Which windows each rule can match in (see BlankLineWindows). A rule runs from the start of
// each of its windows, exactly as the one pass over the whole text would from there: a match
// found outside every window of its rule can only be one the pass refuses. A rule that is not
// Confined has the whole text (the last window) as its one window, if it matches at all.
// Stops early (rules left out) once `budget` is spent: Scan's caller reports the error.
RuleWindows RuleSet::Impl::AskPrefilter(std::string_view text, const Budget& budget) const {
  RuleWindows out;
  out.windows = BlankLineWindows(text, kMinWindow);
  const uint32_t whole_text = static_cast<uint32_t>(out.windows.size());
  out.windows.push_back({0, text.size()});
  out.of_rule.resize(rules.size());
  std::vector<int> hits;
  std::vector<bool> allowed;   // per rule of the set: matched in some piece of this window
  auto ask_piece = [&](const RE2::Set& set, size_t begin, size_t end) {
    hits.clear();
    RE2::Set::ErrorInfo error{RE2::Set::kNoError};
    if (set.Match(re2::StringPiece(text.data() + begin, end - begin), &hits, &error)) {
      for (int h : hits) allowed[h] = true;
    } else if (error.kind != RE2::Set::kNoError) {  // out of memory: every rule may match here
      allowed.assign(allowed.size(), true);
    }
  };
  auto ask = [&](const RE2::Set& set, const std::vector<size_t>& set_rules, uint32_t w) {
    allowed.assign(set_rules.size(), false);
    const Window window = out.windows[w];
    for (size_t begin = window.begin; begin < window.end;) {
      if (begin > window.begin && budget.Exhausted()) return;
      size_t end = window.end - begin > kPrefilterPiece ? internal::CharBoundaryAtOrAfter(text, begin + kPrefilterPiece) : window.end;
      ask_piece(set, begin, end);
      begin = end >= window.end ? window.end : internal::CharBoundaryAtOrAfter(text, end - kPrefilterOverlap);
    }
    for (size_t i = 0; i < set_rules.size(); ++i) if (allowed[i]) out.of_rule[set_rules[i]].push_back(w);
  };
  if (!prefilter_rule.empty()) {
    for (uint32_t w = 0; w < whole_text; ++w) ask(*prefilter, prefilter_rule, w);
  }
  if (!whole_prefilter_rule.empty()) ask(*whole_prefilter, whole_prefilter_rule, whole_text);
  return out;
}

namespace {

bool IsDigitAt(std::string_view text, size_t i) { return std::isdigit(static_cast<unsigned char>(text[i])) != 0; }

// A number must not continue a longer number ("1.234" is not "234" after a dot); nor may a count
// start at the year of a date ("21/07/2021 Văn bản" is no count of 2021 văn bản).
bool ContinuesNumber(const Rule& rule, std::string_view text, size_t b) {
  if (b < 2 || !IsDigitAt(text, b - 2) || !IsDigitAt(text, b)) return false;
  const char before = text[b - 1];
  if (before == '.' || before == ',') return true;
  constexpr size_t kYearDigits = 4;
  return before == '/' && rule.type == MentionType::kCount && b + kYearDigits <= text.size() &&
         (text.substr(b, 2) == "19" || text.substr(b, 2) == "20") && IsDigitAt(text, b + kYearDigits - 1);
}

// Whether a match [b, e) of `rule` stands on its own: within word boundaries as the rule asks,
// not the tail of a number, and (a Confined rule) across no blank line or tab.
bool Bounded(const Rule& rule, std::string_view text, size_t b, size_t e) {
  if (rule.word_boundary && ((IsAlnumAt(text, b, false) && IsAlnumAt(text, b, true)) ||
                             (IsAlnumAt(text, e, true) && IsAlnumAt(text, e, false)))) {
    return false;
  }
  if (rule.strict_boundary && (IsAlnumAt(text, b, true) || IsAlnumAt(text, e, false))) return false;
  if (rule.word_boundary && ContinuesNumber(rule, text, b)) return false;
  return !(Confined(rule) && CrossesBoundary(text.substr(b, e - b)));
}

}  // namespace

void RuleSet::Impl::AddCandidates(const Rule& rule, const re2::StringPiece* groups, std::string_view text, size_t b,
                                  size_t e, std::vector<Mention>& produced, Found& found) const {
  if (rule.is_skip) {
    // A group named "claim" is what the rule claims of its match: RE2 has no lookahead, so
    // "a serial number followed by a capital" matches the capital and claims the number.
    TextRange claimed{b, e};
    std::string_view claim = recognize_internal::Fields(rule, groups, text).Get("claim");
    if (!claim.empty()) {
      size_t cb = claim.data() - text.data();
      claimed = {cb, cb + claim.size()};
    }
    found.candidates.push_back({claimed, rule.priority, kSkipped});
    return;
  }
  produced.clear();
  if (!Interpret(rule, groups, text, produced)) return;
  for (auto& m : produced) {
    found.candidates.push_back({m.span.normalized, rule.priority, static_cast<uint32_t>(found.readings.size())});
    found.readings.push_back(std::move(m));
  }
}

void RuleSet::Impl::ScanRule(const Rule& rule, std::string_view text, const std::vector<Window>& spans,
                             const std::vector<uint32_t>& where, Found& found, const Budget& budget) const {
  re2::StringPiece groups[kMaxGroups];
  std::vector<Mention> produced;
  int ngroups = std::min(rule.re->NumberOfCapturingGroups() + 1, kMaxGroups);
  BudgetTicker ticker(budget, kMatchesPerBudgetCheck);
  size_t pos = 0;
  for (uint32_t w : where) {
    const Window& window = spans[w];
    if (pos < window.begin) pos = window.begin;
    while (pos < window.end) {
      if (ticker.Exhausted()) return;   // Recognize's caller reports the budget's error
      // Only a match inside the window can be accepted: when there is none, every match that
      // starts here reaches past the window and would be refused. The DFA alone answers this
      // without scanning on to the next match of the whole text.
      if (window.end < text.size() && !rule.re->Match(text, pos, window.end, RE2::UNANCHORED, nullptr, 0)) break;
      if (!rule.re->Match(text, pos, text.size(), RE2::UNANCHORED, groups, ngroups)) return;  // none from here on
      size_t b = groups[0].data() - text.data(), e = b + groups[0].size();
      if (b >= window.end) break;  // the rule's next window (if any) decides
      if (e == b) { pos = b + 1; continue; }
      if (!Bounded(rule, text, b, e)) {
        pos = internal::CharBoundaryAtOrAfter(text, b + 1);
        continue;
      }
      AddCandidates(rule, groups, text, b, e, produced, found);
      pos = e;
    }
  }
}

namespace {

// Joins each rule's candidates, in rule order, into `all`, renumbering their readings.
void JoinInRuleOrder(std::vector<Found>& per_rule, Found& all) {
  for (Found& f : per_rule) {
    const uint32_t shift = static_cast<uint32_t>(all.readings.size());
    for (Candidate c : f.candidates) {
      if (c.reading != kSkipped) c.reading += shift;
      all.candidates.push_back(c);
    }
    for (Mention& m : f.readings) all.readings.push_back(std::move(m));
    f = Found{};   // each rule's share freed as soon as it is joined
  }
}

}  // namespace

Found RuleSet::Impl::Scan(std::string_view text, const Budget& budget) {
  const size_t nrules = rules.size();
  const bool cold = Cold();   // before this text counts
  const bool prefiltered = UsePrefilter(text.size());
  RuleWindows allowed;
  if (prefiltered) allowed = AskPrefilter(text, budget);
  const std::vector<uint32_t> whole_text_only{0};
  const std::vector<Window> whole_text{{0, text.size()}};
  // Each rule scans the text on its own; its candidates are gathered per rule and then in rule
  // order, so that the choice between them sees them exactly as one pass would have made them.
  auto scan_rule = [&](size_t ri, Found& found) {
    const Rule& rule = rules[ri];
    if (rule.is_comparator) return;
    ScanRule(rule, text, prefiltered ? allowed.windows : whole_text,
             prefiltered ? allowed.of_rule[ri] : whole_text_only, found, budget);
  };
  Found all;
  if ((text.size() >= kParallelRulesMinBytes || cold) && text.size() <= kParallelRulesMaxBytes && nrules > 1) {
    // A long text, or cold rules: the rules are shared out between this thread and one more,
    // each taking the next rule not yet taken (their costs differ by tenfold).
    std::vector<Found> per_rule(nrules);
    std::atomic<size_t> next_rule{0};
    auto work = [&] {
      for (size_t ri; (ri = next_rule.fetch_add(1)) < nrules;) scan_rule(ri, per_rule[ri]);
    };
    internal::RunBoth(work, work);
    JoinInRuleOrder(per_rule, all);
  } else {
    for (size_t ri = 0; ri < nrules && !budget.Exhausted(); ++ri) scan_rule(ri, all);
  }
  return all;
}

}  // namespace baocao
