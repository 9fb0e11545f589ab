// The audit: the context of each fact, then every check, then flags sorted for people.
#include "baocao/audit/audit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "audit/audit_impl.h"
#include "baocao/link/link.h"
#include "baocao/normalize/text.h"
#include "core/sentences.h"
#include "core/strings.h"

namespace baocao {

bool AgreesWithin(double stated, int decimals, double computed) {
  double half_unit = kHalfUnit * std::pow(kDecimalBase, -std::max(0, decimals));
  return std::fabs(stated - computed) <= half_unit + kBinaryNoise;
}

WrittenRange RangeOf(double value, std::string_view written, Comparator comparator, bool rough) {
  WrittenRange r{value, value, true};
  // The digits as written and the scale word after them ("4,3 triệu": 1e6).
  size_t k = 0;
  while (k < written.size() && (std::isdigit(static_cast<unsigned char>(written[k])) || written[k] == '.' || written[k] == ',')) ++k;
  std::string numeral(written.substr(0, k));
  std::string rest = FoldedWords(written.substr(k));
  double scale = rest.rfind(" ty ", 0) == 0 ? kBillion : rest.rfind(" trieu ", 0) == 0 ? kMillion
               : (rest.rfind(" nghin ", 0) == 0 || rest.rfind(" ngan ", 0) == 0) ? kThousand : 1;
  if (scale > 1 && !numeral.empty()) {
    double shown = value / scale;
    int decimals = DecimalsWritten(numeral, shown);
    double half = kHalfUnit * std::pow(kDecimalBase, -decimals) * scale;
    r.lo = value - half;
    r.hi = value + half;
    r.exact = false;
  }
  if (rough) {
    // One unit of the last significant digit: "33.300" ±100, "0,4" ±0,1.
    double unit = 1;
    int decimals = DecimalsWritten(numeral.empty() ? std::string_view(written) : std::string_view(numeral), value / scale);
    if (decimals > 0) {
      unit = std::pow(kDecimalBase, -decimals) * scale;
    } else {
      long long whole = std::llround(value / scale);
      unit = scale;
      while (whole != 0 && whole % kDecimalRadix == 0) {
        whole /= kDecimalRadix;
        unit *= kDecimalRadix;
      }
    }
    r.lo = std::min(r.lo, value - unit);
    r.hi = std::max(r.hi, value + unit);
    r.exact = false;
  }
  if (comparator == Comparator::kAbove || comparator == Comparator::kAtLeast) {
    r.hi = std::numeric_limits<double>::infinity();
    r.exact = false;
  } else if (comparator == Comparator::kBelow || comparator == Comparator::kAtMost) {
    r.lo = 0;
    r.exact = false;
  }
  return r;
}

bool RateMayAgree(double stated, int decimals, const WrittenRange& numerator, const WrittenRange& denominator) {
  if (denominator.hi <= 0) return false;
  double lo = numerator.lo / denominator.hi * 100.0;
  double hi = denominator.lo > 0 ? numerator.hi / denominator.lo * 100.0 : std::numeric_limits<double>::infinity();
  // The quotients the stated rate stands for: rounded (half a unit below) or cut (a unit above).
  double unit = std::pow(kDecimalBase, -std::max(0, decimals));
  return hi >= stated - kHalfUnit * unit - kBinaryNoise && lo < stated + unit + kBinaryNoise;
}

std::string FoldedWordsBefore(std::string_view text, size_t pos, size_t reach) {
  pos = std::min(pos, text.size());
  size_t from = internal::CharBoundaryAtOrBefore(text, pos > reach ? pos - reach : 0);
  return FoldedWords(text.substr(from, pos - from));
}

bool EndsWithPhrase(const std::string& folded, const std::vector<std::string>& phrases) {
  for (const std::string& p : phrases) {
    std::string tail = FoldedWords(p);
    if (tail.size() > 1 && folded.size() >= tail.size() && folded.compare(folded.size() - tail.size(), tail.size(), tail) == 0) return true;
  }
  return false;
}

bool RoughBefore(std::string_view text, size_t pos, size_t reach) {
  static const std::vector<std::string> kRough = {"khoảng", "gần", "xấp xỉ", "ước", "ước tính", "ước đạt"};
  return EndsWithPhrase(FoldedWordsBefore(text, pos, reach), kRough);
}

namespace {

// The numeric tokens of a text: digits with '.' and ',' between digits.
std::vector<std::string_view> NumberTokens(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!internal::IsAsciiDigit(text[i])) { ++i; continue; }
    size_t b = i;
    while (i < text.size() && (internal::IsAsciiDigit(text[i]) ||
                               ((text[i] == '.' || text[i] == ',') && i + 1 < text.size() && internal::IsAsciiDigit(text[i + 1])))) {
      ++i;
    }
    out.push_back(text.substr(b, i - b));
  }
  return out;
}

// The readings of a token: with its last '.' or ',' as a decimal mark (and the others as
// thousands marks), or with every mark a thousands mark. Returns (value, decimals) pairs.
std::vector<std::pair<double, int>> Readings(std::string_view token) {
  std::vector<std::pair<double, int>> out;
  std::string digits;
  for (char ch : token) if (internal::IsAsciiDigit(ch)) digits.push_back(ch);
  if (digits.empty()) return out;
  out.push_back({std::strtod(digits.c_str(), nullptr), 0});
  size_t mark = token.find_last_of(".,");
  if (mark != std::string_view::npos) {
    std::string whole, frac;
    for (size_t i = 0; i < mark; ++i) if (internal::IsAsciiDigit(token[i])) whole.push_back(token[i]);
    for (size_t i = mark + 1; i < token.size(); ++i) if (internal::IsAsciiDigit(token[i])) frac.push_back(token[i]);
    std::string joined = (whole.empty() ? "0" : whole) + "." + frac;
    out.push_back({std::strtod(joined.c_str(), nullptr), static_cast<int>(frac.size())});
  }
  return out;
}

}  // namespace

int DecimalsWritten(std::string_view text, double value) {
  for (std::string_view token : NumberTokens(text)) {
    auto readings = Readings(token);
    // Prefer the decimal reading when both give the value ("1.12" is 1.12, "12.456" is 12456).
    for (auto it = readings.rbegin(); it != readings.rend(); ++it) {
      if (std::fabs(it->first - value) <= kBinaryNoise * std::max(1.0, std::fabs(value))) return it->second;
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// The context.

int AuditContext::Tier(const FactInfo& a, const FactInfo& b) const {
  if (a.sentence.begin == b.sentence.begin && a.sentence.end == b.sentence.end) return 0;
  if (a.block >= 0 && a.block == b.block) return 1;
  if (a.section == b.section) return 2;
  if (a.top_section == b.top_section) return 3;
  return 4;
}

const FactInfo* AuditContext::Nearest(const FactInfo& anchor, const std::vector<std::string>& ids, int max_tier,
                                      bool same_scope) const {
  const FactInfo* best = nullptr;
  int best_tier = std::numeric_limits<int>::max();
  size_t best_distance = 0;
  auto fits = [&](const FactInfo& f) {
    return f.numeric && f.item_of < 0 && &f != &anchor && f.fact->role == anchor.fact->role && f.period == anchor.period &&
           (!same_scope || f.scope == anchor.scope) && Comparable(*this, anchor, f, false);
  };
  auto consider = [&](const FactInfo& f) {
    int tier = Tier(anchor, f);
    size_t distance = f.pos > anchor.pos ? f.pos - anchor.pos : anchor.pos - f.pos;
    if (!best || tier < best_tier || (tier == best_tier && distance < best_distance)) {
      best = &f;
      best_tier = tier;
      best_distance = distance;
    }
  };
  for (const std::string& id : ids) {
    const std::vector<int>& list = Of(id);
    auto mid = std::lower_bound(list.begin(), list.end(), anchor.pos, [&](int i, size_t pos) { return facts[i].pos < pos; });
    for (auto it = mid; it != list.end(); ++it) {   // at or after the anchor
      const FactInfo& f = facts[*it];
      if (Tier(anchor, f) > max_tier) break;
      if (fits(f)) { consider(f); break; }
    }
    for (auto it = mid; it != list.begin();) {       // before it
      const FactInfo& f = facts[*--it];
      if (Tier(anchor, f) > max_tier) break;
      if (fits(f)) { consider(f); break; }
    }
  }
  return best;
}

const std::vector<int>& AuditContext::Of(const std::string& id) const {
  static const std::vector<int> kNone;
  auto it = by_indicator.find(id);
  return it == by_indicator.end() ? kNone : it->second;
}

bool AuditContext::IsStock(const std::string& id) const {
  return std::find(rules.stocks.begin(), rules.stocks.end(), id) != rules.stocks.end();
}

const IndicatorLabel* AuditContext::Label(const std::string& id) const {
  auto it = rules.catalogue.find(id);
  return it == rules.catalogue.end() ? nullptr : &it->second;
}

std::string AuditContext::IndicatorName(const std::string& id) const {
  const IndicatorLabel* label = Label(id);
  if (!label) return id;
  const std::string& name = en() ? label->en : label->vi;
  return name.empty() ? id : name;
}

bool AuditContext::HasWords(std::string_view text, const std::string& list) const {
  auto it = rules.words.find(list);
  if (it == rules.words.end()) return false;
  std::string joined = FoldedWords(text);
  for (const std::string& phrase : it->second) {
    if (joined.find(" " + phrase + " ") != std::string::npos) return true;
  }
  return false;
}

namespace {

// The scope of a label: each scope whose phrase occurs, with the number a "{n}" stood for.
std::string ScopeOf(const AuditRules& rules, std::string_view label) {
  std::vector<std::string> tokens = Tokenize(label);
  std::string out;
  for (const Scope& scope : rules.scopes) {
    std::string value;
    for (const auto& phrase : scope.phrases) {
      if (phrase.size() > tokens.size()) continue;
      for (size_t i = 0; i + phrase.size() <= tokens.size() && value.empty(); ++i) {
        std::string slot;
        bool ok = true;
        for (size_t k = 0; k < phrase.size() && ok; ++k) {
          const std::string& t = tokens[i + k];
          if (phrase[k] == kNumberSlot) {
            static const std::set<std::string> kRoman = {"i", "ii", "iii", "iv", "v", "vi"};
            bool small = !t.empty() && t.size() <= 2 && std::all_of(t.begin(), t.end(), internal::IsAsciiDigit);
            ok = small || kRoman.count(t);
            if (ok) slot = small ? std::to_string(std::atoi(t.c_str())) : t;
          } else {
            ok = t == phrase[k];
          }
        }
        if (ok) value = slot.empty() ? "1" : slot;
      }
      if (!value.empty()) break;
    }
    if (!value.empty()) out += (out.empty() ? "" : ";") + scope.name + "=" + value;
  }
  return out;
}

// "2026-01-01/2026-06-06" -> "2026-06-06"; "2025" -> "2025".
std::string PeriodEnd(const std::string& period) {
  size_t slash = period.find('/');
  return slash == std::string::npos ? period : period.substr(slash + 1);
}

}  // namespace

namespace {

// Where things are in the document, for placing each fact: dates and percentages by position,
// and the outermost ancestor of each section.
struct DocumentIndex {
  std::vector<const Mention*> dates;   // for the as-of dates of stocks
  std::vector<size_t> percents;        // where percentages start, for scoring rubrics
  std::vector<int> top;                // section -> its outermost ancestor
};

DocumentIndex IndexDocument(const AuditInput& in) {
  DocumentIndex index;
  for (const Mention& m : *in.mentions) if (m.type == MentionType::kDate) index.dates.push_back(&m);
  std::sort(index.dates.begin(), index.dates.end(), [](const Mention* a, const Mention* b) {
    return a->span.normalized.begin < b->span.normalized.begin;
  });
  for (const Mention& m : *in.mentions) if (m.type == MentionType::kPercent) index.percents.push_back(m.span.normalized.begin);
  std::sort(index.percents.begin(), index.percents.end());
  const std::vector<Section>& sections = in.layout->sections;
  index.top.assign(sections.size(), -1);
  std::vector<int> stack;
  for (size_t i = 0; i < sections.size(); ++i) {
    while (!stack.empty() && sections[stack.back()].level >= sections[i].level) stack.pop_back();
    index.top[i] = stack.empty() ? static_cast<int>(i) : index.top[stack.front()];
    stack.push_back(static_cast<int>(i));
  }
  return index;
}

// The fact's sentence, paragraph or table block, and sections.
void PlaceFact(const AuditContext& c, const DocumentIndex& index, FactInfo& info) {
  const Layout& layout = *c.in.layout;
  info.sentence = internal::SentenceAround(c.in.text, info.pos, c.options.tuning.sentence_reach);
  auto block = std::upper_bound(layout.blocks.begin(), layout.blocks.end(), info.pos,
                                [](size_t p, const Block& b) { return p < b.range.begin; });
  if (block != layout.blocks.begin() && info.pos < std::prev(block)->range.end) {
    info.block = static_cast<int>(std::prev(block) - layout.blocks.begin());
  }
  auto section = std::upper_bound(layout.sections.begin(), layout.sections.end(), info.pos,
                                  [](size_t p, const Section& s) { return p < s.range.begin; });
  info.section = static_cast<int>(section - layout.sections.begin()) - 1;
  info.top_section = info.section >= 0 ? index.top[info.section] : -1;
}

// "Đến ngày 06/6/2026, còn 162 hồ sơ": the date a stock is counted at, the last one after
// "đến ngày" before it in its sentence; else the end of its period.
std::string AsOfDate(const AuditContext& c, const DocumentIndex& index, const FactInfo& info) {
  const std::string_view text = c.in.text;
  const size_t reach = c.options.tuning.as_of_reach;
  std::string as_of;
  auto first = std::lower_bound(index.dates.begin(), index.dates.end(), info.sentence.begin,
                                [](const Mention* m, size_t p) { return m->span.normalized.begin < p; });
  for (auto it = first; it != index.dates.end(); ++it) {
    const Mention* d = *it;
    if (d->span.normalized.begin >= info.pos) break;
    size_t from = d->span.normalized.begin >= info.sentence.begin + reach ? d->span.normalized.begin - reach : info.sentence.begin;
    std::string_view before = text.substr(from, d->span.normalized.begin - from);
    if (c.HasWords(std::string(before) + " ", "as_of")) as_of = d->iso;
  }
  return !as_of.empty() ? as_of : PeriodEnd(info.period);
}

// "tổng" before the value in its sentence, and not before a "trong đó" that opens a list of
// components ("Tổng kinh phí là X, trong đó Y").
bool TotalWordBefore(const AuditContext& c, const FactInfo& info) {
  std::vector<std::string> tokens = Tokenize(c.in.text.substr(info.sentence.begin, info.pos - info.sentence.begin));
  size_t from = 0;
  if (auto it = c.rules.words.find("breakdown"); it != c.rules.words.end()) {
    for (const std::string& phrase : it->second) {
      std::vector<std::string> words = Tokenize(phrase);
      for (size_t k = 0; k + words.size() <= tokens.size(); ++k) {
        if (std::equal(words.begin(), words.end(), tokens.begin() + k)) from = std::max(from, k + words.size());
      }
    }
  }
  std::string tail;
  for (size_t k = from; k < tokens.size(); ++k) tail += tokens[k] + " ";
  return c.HasWords(tail, "total");
}

// The fact's value as the checks read it, and whether they read it at all.
void ReadValue(const AuditContext& c, const DocumentIndex& index, const Fact& f, FactInfo& info) {
  if (!f.value || f.assessment) return;
  info.numeric = true;
  info.value = *f.value;
  info.decimals = DecimalsWritten(f.span.text, *f.value);
  // "chiếm 75,7%, tăng 5% so với …": a change, not a level of the indicator.
  std::string before = FoldedWordsBefore(c.in.text, info.pos, c.options.tuning.change_reach);
  for (const char* list : {"change_up", "change_down"}) {
    auto it = c.rules.words.find(list);
    if (it != c.rules.words.end() && EndsWithPhrase(before, it->second)) info.numeric = false;
  }
  // A count written with decimals ("3.50" in a table of scores) is not a count of things:
  // the value was linked to the wrong indicator, and checking it would only raise noise.
  const IndicatorLabel* label = c.Label(f.indicator);
  if (label && label->kind == "count" && label->unit.find('/') == std::string::npos &&
      (info.decimals > 0 || info.value != std::floor(info.value))) {
    info.numeric = false;
  }
  // "Đạt 100% TTHC thuộc thẩm quyền giải quyết: 1": a bare number after a percentage in its
  // sentence is a score of a rubric, not a count of what the percentage counts.
  bool bare = std::none_of(f.span.text.begin(), f.span.text.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || static_cast<unsigned char>(ch) >= kFirstNonAscii || ch == '/';
  });
  auto first_percent = std::lower_bound(index.percents.begin(), index.percents.end(), info.sentence.begin);
  if (label && label->kind == "count" && bare && first_percent != index.percents.end() && *first_percent < info.pos) {
    info.numeric = false;
  }
}

// Items: in one paragraph, after a value stated as a total ("tổng kinh phí ... là X"), the
// values of the same indicator that are not totals are its components ("dự án ... là Y"): of
// the totals before it in its block with its indicator, role, period and scope, the nearest one
// comparable with it. The totals are indexed by those keys, so a paragraph of many facts costs
// the totals of each key, not every pair of its facts (quadratic before, issue 18).
void MarkItems(AuditContext& c) {
  using Key = std::tuple<int, std::string_view, Role, std::string_view, std::string_view>;
  auto key = [](const FactInfo& f) { return Key{f.block, f.fact->indicator, f.fact->role, f.period, f.scope}; };
  std::map<Key, std::vector<int>> totals;   // in text order
  for (const FactInfo& t : c.facts) {
    if (t.numeric && t.total_word && t.block >= 0) totals[key(t)].push_back(t.index);
  }
  for (FactInfo& f : c.facts) {
    if (!f.numeric || f.total_word || f.block < 0) continue;
    if (c.Spent()) return;
    auto it = totals.find(key(f));
    if (it == totals.end()) continue;
    const std::vector<int>& list = it->second;
    auto end = std::lower_bound(list.begin(), list.end(), f.pos, [&](int i, size_t pos) { return c.facts[i].pos < pos; });
    for (auto t = end; t != list.begin();) {
      const FactInfo& total = c.facts[*--t];
      if (total.fact->span.normalized.begin == f.fact->span.normalized.begin || !Comparable(c, total, f, false)) continue;
      f.item_of = total.index;
      break;
    }
  }
}

}  // namespace

void BuildFactInfos(AuditContext& c) {
  const DocumentIndex index = IndexDocument(c.in);
  const auto& facts = *c.in.facts;
  for (size_t i = 0; i < facts.size(); ++i) {
    if (c.Spent()) return;
    const Fact& f = facts[i];
    FactInfo info;
    info.fact = &f;
    info.index = static_cast<int>(i);
    info.pos = std::min(f.span.normalized.begin, c.in.text.size());
    PlaceFact(c, index, info);
    info.period = f.period;
    info.when = c.IsStock(f.indicator) ? AsOfDate(c, index, info) : f.period;
    info.scope = ScopeOf(c.rules, f.label);
    info.total_word = TotalWordBefore(c, info);
    ReadValue(c, index, f, info);
    c.facts.push_back(std::move(info));
  }
  std::stable_sort(c.facts.begin(), c.facts.end(), [](const FactInfo& a, const FactInfo& b) { return a.pos < b.pos; });
  if (c.Spent()) return;
  ReadSignatures(c);   // units, stretches, qualifiers; a scoring rule's threshold is no value
  for (size_t i = 0; i < c.facts.size(); ++i) {
    c.facts[i].index = static_cast<int>(i);
    c.by_indicator[c.facts[i].fact->indicator].push_back(static_cast<int>(i));
  }
  MarkItems(c);
}

// ---------------------------------------------------------------------------------------------
// Shared helpers.

Check MakeCheck(const std::string& relation, const std::string& rule, const std::vector<std::string>& indicators,
                std::optional<double> stated, std::optional<double> computed) {
  Check check;
  check.relation = relation;
  check.rule = rule;
  check.indicators = indicators;
  check.stated = stated;
  check.computed = computed;
  return check;
}

Flag MakeFlag(const std::string& kind, Severity severity, double stated, double computed, const std::string& rule) {
  Flag flag;
  flag.kind = kind;
  flag.severity = severity;
  flag.stated = stated;
  flag.computed = computed;
  flag.rule = rule;
  return flag;
}

std::string FoldedWords(std::string_view text) {
  std::string out = " ";
  for (const std::string& t : Tokenize(text)) out += t + " ";
  return out;
}

void AddMember(Check& check, const FactInfo& f, MemberRole role) {
  check.members.push_back({f.fact->indicator, role, f.value, f.fact->span});
}

void AddEvidence(Flag& flag, const Span& span) {
  for (const Span& s : flag.evidence) if (s.start == span.start && s.end == span.end) return;
  flag.evidence.push_back(span);
}

void AddIndicator(std::vector<std::string>& ids, const std::string& id) {
  if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// ---------------------------------------------------------------------------------------------

AuditResult Audit(const AuditRules& rules, const AuditInput& given, const AuditOptions& options) {
  AuditResult result;
  if (!given.layout || !given.mentions || !given.facts || !given.meta || !given.span_of) return result;
  const std::vector<AmountInWords> amounts = FindAmountsInWords(*given.mentions, given.text, options.tuning);
  // A copy without the words-amounts only where there are some: most documents have none, and
  // a long text's mentions are worth not copying.
  const std::vector<Mention> figures = amounts.empty() ? std::vector<Mention>() : WithoutAmountsInWords(*given.mentions, amounts);
  AuditInput input = given;
  if (!amounts.empty()) input.mentions = &figures;
  AuditContext c{rules, input, options, {}, {}, {}, {}, AuditContext::Reach::kDocument, {}};
  CheckAmountsInWords(c, *given.mentions, amounts);
  BuildFactInfos(c);
  result.readings.resize(input.facts->size());
  for (const FactInfo& f : c.facts) {
    FactReading& r = result.readings[static_cast<size_t>(f.fact - input.facts->data())];
    r.scope = f.unit_words;
    r.basis = f.stretch_words;
    for (const auto& [kind, words] : f.qualifiers) r.qualifiers.push_back(words);
  }
  // Between two checks the budget is asked: out of it, the audit stops here and the caller's
  // next Budget::Check reports why (the partial result is never used).
  for (void (*check)(AuditContext&) : {CheckSums, CheckRatios, CheckMagnitudes, CheckConflicts, CheckAssessments,
                                       CheckNames, CheckDates, CheckStructure}) {
    if (options.budget.Exhausted()) return result;
    check(c);
  }
  auto first = [](const std::vector<Span>& spans) {
    size_t best = SIZE_MAX;
    for (const Span& s : spans) best = std::min(best, s.start);
    return best;
  };
  for (Flag& f : c.flags) {
    f.explanation = UpperFirst(f.explanation);
    std::stable_sort(f.evidence.begin(), f.evidence.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  }
  std::stable_sort(c.flags.begin(), c.flags.end(), [&](const Flag& a, const Flag& b) {
    Severity ra = a.severity, rb = b.severity;   // the enum's order: most severe first
    if (ra != rb) return ra < rb;
    return first(a.evidence) < first(b.evidence);
  });
  std::stable_sort(c.checks.begin(), c.checks.end(), [&](const Check& a, const Check& b) {
    size_t fa = SIZE_MAX, fb = SIZE_MAX;
    for (const auto& m : a.members) fa = std::min(fa, m.span.start);
    for (const auto& m : b.members) fb = std::min(fb, m.span.start);
    return fa < fb;
  });
  result.flags = std::move(c.flags);
  result.checks = std::move(c.checks);
  // A flag resting on a number OCR read with doubt is a warning, not an error.
  DowngradeUncertainFlags(result.flags, options);
  return result;
}

}  // namespace baocao
