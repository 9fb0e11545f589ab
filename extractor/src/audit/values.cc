// Statements of one value: two values for one indicator and period (conflicting_values), and
// a self-assessment against the document's own target and values (assessment_mismatch).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "audit/audit_impl.h"
#include "core/strings.h"

namespace baocao {
namespace {

std::string Unit(const AuditContext& c, const FactInfo& f) {
  if (!f.fact->unit.empty()) return f.fact->unit;
  const IndicatorLabel* label = c.Label(f.fact->indicator);
  return label ? label->unit : "";
}

// "2025" -> "năm 2025"; "2026-06-06" -> "ngày 06/06/2026"; "A/B" -> "từ A đến B".
std::string DescribeWhen(const std::string& when, bool stock, bool en) {
  if (when.empty()) return en ? "the same period" : "cùng kỳ";
  size_t slash = when.find('/');
  if (slash != std::string::npos) {
    std::string a = FormatDate(when.substr(0, slash)), b = FormatDate(when.substr(slash + 1));
    return en ? "the period " + a + " to " + b : "giai đoạn từ " + a + " đến " + b;
  }
  constexpr size_t kYearLength = 4, kMonthIsoLength = 7, kDateIsoLength = 10;   // "2025", "2025-06", "2025-06-06"
  if (when.size() == kDateIsoLength) {
    return en ? (stock ? "the date " : "") + FormatDate(when) : (stock ? "thời điểm ngày " : "ngày ") + FormatDate(when);
  }
  if (when.size() == kMonthIsoLength && when[kYearLength] == '-') return en ? FormatDate(when) : "tháng " + FormatDate(when);
  if (when.size() == kYearLength) return en ? "the year " + when : "năm " + when;
  return when;
}

bool Agree(const FactInfo& a, const FactInfo& b) {
  return AgreesWithin(a.value, std::min(a.decimals, b.decimals), b.value);
}

// A fact's words, quoted for an explanation: its label, cut to about 90 bytes around the value
// at word boundaries; `elide` puts "…" for the value ("còn … hồ sơ đang giải quyết").
std::string Quote(const AuditContext& c, const FactInfo& f, bool elide) {
  std::string label = f.fact->label;
  const std::string& value = f.fact->span.text;
  // Where the value stands in the label: the label is the text around it, white space collapsed.
  size_t at = std::string::npos;
  if (!value.empty()) {
    std::string_view text = c.in.text;
    const size_t slack = c.options.tuning.label_search_slack;
    size_t lo = f.pos > label.size() + slack ? f.pos - label.size() - slack : 0;
    size_t found = text.substr(lo, label.size() + 2 * slack + value.size()).find(label);
    if (found != std::string_view::npos && lo + found <= f.pos && f.pos + value.size() <= lo + found + label.size()) {
      at = f.pos - lo - found;
    } else {
      at = label.find(value);
    }
  }
  if (elide && at != std::string::npos) label.replace(at, value.size(), "…");
  constexpr size_t kMax = 90;
  if (label.size() > kMax) {
    size_t mark = at == std::string::npos ? 0 : at;
    size_t begin = mark > kMax / 2 ? mark - kMax / 2 : 0;
    size_t end = std::min(label.size(), begin + kMax);
    if (begin > 0) {
      size_t space = label.find(' ', begin);
      begin = space != std::string::npos && space < mark ? space + 1 : internal::CharBoundaryAtOrBefore(label, begin);
    }
    if (end < label.size()) {
      size_t space = label.rfind(' ', end);
      end = space != std::string::npos && space > mark ? space : internal::CharBoundaryAtOrBefore(label, end);
    }
    label = (begin > 0 ? "…" : "") + label.substr(begin, end - begin) + (end < label.size() ? "…" : "");
  }
  return "“" + label + "”";
}

// Two statements read alike: the same label words, enough of them to say what is counted.
bool SameWords(const FactInfo& a, const FactInfo& b) {
  return a.context == b.context && a.context_words == b.context_words && a.context_words >= 3;
}

// One indicator, role, period (or as-of date), scope and signature: one quantity.
using StatementKey = std::tuple<std::string, Role, std::string, std::string, std::string>;

// The statements of each quantity, in the order the quantities first appear.
struct Statements {
  std::map<StatementKey, std::vector<const FactInfo*>> groups;
  std::vector<StatementKey> order;
};

Statements GroupStatements(const AuditContext& c) {
  Statements out;
  // Each group's statements by start and value, so that a repeat is found without a pass over
  // its group (quadratic in a long document's one quantity before, issue 18).
  std::map<StatementKey, std::set<std::pair<size_t, double>>> stated;
  for (const FactInfo& f : c.facts) {
    if (!f.numeric || f.item_of >= 0) continue;
    if (c.Spent()) return out;
    StatementKey key{f.fact->indicator, f.fact->role, f.when, f.scope, SignatureKey(c, f)};
    auto& group = out.groups[key];
    if (group.empty()) out.order.push_back(key);
    // One mention read twice (a fraction as two facts of one indicator) is one statement.
    if (stated[key].insert({f.fact->span.start, f.value}).second) group.push_back(&f);
  }
  return out;
}

// The flag for a later statement `f` of the quantity first stated as `ref` with another value.
// Within one paragraph or table, or said in the same words, the two statements are surely of
// one quantity: an error. Across paragraphs in other words, the reading that makes them one is
// weaker: a warning. `when` is the statements' period or as-of date.
Flag ConflictFlag(const AuditContext& c, const FactInfo& ref, const FactInfo& f, const std::string& when_key) {
  const bool en = c.en(), stock = c.IsStock(ref.fact->indicator);
  bool sure = c.Tier(ref, f) <= 1 || SameWords(ref, f);
  Flag flag;
  flag.kind = "conflicting_values";
  flag.severity = sure ? Severity::kError : Severity::kWarning;
  flag.indicators = {ref.fact->indicator};
  flag.stated = ref.value;
  flag.computed = f.value;
  flag.rule = "builtin:conflicting_values";
  std::string label = c.IndicatorName(ref.fact->indicator);
  bool target = ref.fact->role == Role::kTarget;
  std::string a = FormatValue(ref.value, ref.decimals, Unit(c, ref), en);
  std::string b = FormatValue(f.value, f.decimals, Unit(c, f), en);
  if (ref.fact->comparator != Comparator::kNone) a = ComparatorText(ref.fact->comparator) + a;
  if (f.fact->comparator != Comparator::kNone) b = ComparatorText(f.fact->comparator) + b;
  std::string when = DescribeWhen(when_key, stock, en);
  // The words that made the two numbers one quantity: each statement's own, and the unit,
  // time or kind both name.
  std::string line_a = std::to_string(ref.fact->span.line), line_b = std::to_string(f.fact->span.line);
  std::string shared = SignatureWords(c, ref);
  std::string why;
  if (SameWords(ref, f)) {
    why = en ? " Both are written " + Quote(c, ref, true) : " Cả hai câu cùng viết " + Quote(c, ref, true);
  } else {
    why = en ? " " + Quote(c, ref, false) + " (line " + line_a + ") and " + Quote(c, f, false) + " (line " + line_b +
                   ") were both read as this indicator"
             : " " + Quote(c, ref, false) + " (dòng " + line_a + ") và " + Quote(c, f, false) + " (dòng " + line_b +
                   ") đều được hiểu là chỉ tiêu này";
  }
  if (!shared.empty()) why += en ? ", both with " + shared : ", cùng gắn với " + shared;
  why += ".";
  if (flag.severity == Severity::kWarning) {
    why += en ? " The statements are in different paragraphs and worded differently: check that they are of one quantity."
              : " Hai câu ở các đoạn khác nhau và diễn đạt khác nhau: cần xem lại có đúng là cùng một đại lượng không.";
  }
  if (en) {
    flag.explanation = label + (target ? " (target)" : "") + ": " + a + " (line " + line_a + ") and " + b + " (line " +
                       line_b + ") are both given for " + when + "." + why;
  } else {
    flag.explanation = label + (target ? " (chỉ tiêu)" : "") + ": " + a + " (dòng " + line_a + ") và " + b + " (dòng " +
                       line_b + ") cùng được nêu cho " + when + "." + why;
  }
  AddEvidence(flag, ref.fact->span);
  AddEvidence(flag, f.fact->span);
  return flag;
}

// The first statement of one quantity against each later one: a flag for each other value
// (later statements of that value join its evidence), a check for those that agree.
void CompareStatements(AuditContext& c, const StatementKey& key, std::vector<const FactInfo*>& group) {
  std::stable_sort(group.begin(), group.end(), [](const FactInfo* a, const FactInfo* b) { return a->pos < b->pos; });
  const FactInfo& ref = *group.front();
  std::vector<std::pair<const FactInfo*, Flag>> raised;   // the first fact of each other value
  std::vector<const FactInfo*> agreeing = {&ref};
  for (size_t i = 1; i < group.size(); ++i) {
    const FactInfo& f = *group[i];
    // Two values of one indicator in one sentence ("14 hồ sơ phi địa giới/137 hồ sơ nộp trực
    // tuyến") are two things the linker read as one, not a document contradicting itself.
    if (c.Tier(ref, f) == 0 || !Comparable(c, ref, f, true)) continue;
    if (Agree(ref, f)) {
      agreeing.push_back(&f);
      continue;
    }
    auto same = std::find_if(raised.begin(), raised.end(), [&](const auto& r) { return Agree(*r.first, f); });
    if (same != raised.end()) {
      AddEvidence(same->second, f.fact->span);
      continue;
    }
    raised.push_back({&f, ConflictFlag(c, ref, f, std::get<2>(key))});
  }
  for (auto& r : raised) c.flags.push_back(std::move(r.second));
  if (agreeing.size() >= 2) {
    Check check = MakeCheck("agree", "builtin:conflicting_values", {ref.fact->indicator}, ref.value, ref.value);
    for (const FactInfo* f : agreeing) AddMember(check, *f, MemberRole::kValue);
    c.checks.push_back(std::move(check));
  }
}

}  // namespace

void CheckConflicts(AuditContext& c) {
  Statements statements = GroupStatements(c);
  for (const StatementKey& key : statements.order) {
    std::vector<const FactInfo*>& group = statements.groups[key];
    if (group.size() >= 2) CompareStatements(c, key, group);
  }
}

void CheckAssessments(AuditContext& c) {
  for (const FactInfo& a : c.facts) {
    if (!a.fact->assessment) continue;
    if (c.Spent()) return;
    const std::string& id = a.fact->indicator;
    const IndicatorLabel* label = c.Label(id);
    if (label && label->kind == "rank") continue;   // a rank is better when lower: no rule here
    const FactInfo* target = nullptr;
    const FactInfo* row_value = nullptr;
    for (int fi : c.Of(id)) {
      const FactInfo& f = c.facts[fi];
      if (!f.numeric || f.fact->span.line != a.fact->span.line) continue;
      if (f.fact->role == Role::kTarget && !target) target = &f;
      if (f.fact->role == Role::kActual && !row_value) row_value = &f;
    }
    if (!target) continue;
    std::vector<const FactInfo*> values;
    if (row_value) values.push_back(row_value);
    for (int fi : c.Of(id)) {
      const FactInfo& f = c.facts[fi];
      if (!f.numeric || &f == row_value || f.item_of >= 0 || f.fact->role != Role::kActual) continue;
      if (f.period != a.period || f.scope != target->scope) continue;
      values.push_back(&f);
    }
    if (values.empty()) continue;
    const Comparator cmp = target->fact->comparator;
    auto meets = [&](double v) {
      double t = target->value;
      if (cmp == Comparator::kAbove) return v > t + kBinaryNoise;
      if (cmp == Comparator::kBelow) return v < t - kBinaryNoise;
      if (cmp == Comparator::kAtMost) return v <= t + kBinaryNoise;
      return v >= t - kBinaryNoise;
    };
    bool verdict = *a.fact->assessment;
    const FactInfo* against = nullptr;
    for (const FactInfo* v : values) {
      if (meets(v->value) != verdict) { against = v; break; }
    }
    if (!against) {
      Check check = MakeCheck("assessment", "builtin:assessment", {id}, target->value, values.front()->value);
      AddMember(check, *target, MemberRole::kTarget);
      // The row's own value and the nearest others: a long document restating one indicator
      // many times would otherwise make this list grow with the square of its length.
      std::stable_sort(values.begin() + (row_value ? 1 : 0), values.end(), [&](const FactInfo* x, const FactInfo* y) {
        auto d = [&](const FactInfo* f) { return f->pos > a.pos ? f->pos - a.pos : a.pos - f->pos; };
        return d(x) < d(y);
      });
      for (size_t i = 0; i < values.size() && i < 4; ++i) AddMember(check, *values[i], MemberRole::kValue);
      c.checks.push_back(std::move(check));
      continue;
    }
    const bool en = c.en();
    Flag flag;
    flag.kind = "assessment_mismatch";
    flag.severity = Severity::kError;
    flag.indicators = {id};
    flag.stated = target->value;
    flag.computed = against->value;
    flag.rule = "builtin:assessment";
    std::string name = c.IndicatorName(id);
    std::string goal = ComparatorText(cmp) + FormatValue(target->value, target->decimals, Unit(c, *target), en);
    std::string value = FormatValue(against->value, against->decimals, Unit(c, *against), en);
    std::string said = verdict ? "Đạt" : "Không đạt";
    std::string where = against == row_value ? (en ? "the row's own value " : "giá trị của chính dòng này ")
                                             : (en ? "the value " : "giá trị ");
    std::string line = std::to_string(against->fact->span.line);
    if (en) {
      flag.explanation = name + ": self-assessed “" + said + "” (" + (verdict ? "met" : "not met") + ") against the target " +
                         goal + ", but " + where + value + " (line " + line + ") " + (verdict ? "does not meet" : "meets") +
                         " it.";
    } else {
      flag.explanation = name + ": tự đánh giá “" + said + "” so với chỉ tiêu " + goal + ", nhưng " + where + value +
                         " (dòng " + line + ") " + (verdict ? "không đạt" : "đã đạt") + " chỉ tiêu.";
    }
    AddEvidence(flag, a.fact->span);
    AddEvidence(flag, target->fact->span);
    AddEvidence(flag, against->fact->span);
    c.flags.push_back(std::move(flag));
  }
}

std::string ComparatorSymbol(Comparator comparator) {
  switch (comparator) {
    case Comparator::kAtLeast: return "≥";
    case Comparator::kAbove: return ">";
    case Comparator::kAtMost: return "≤";
    case Comparator::kBelow: return "<";
    case Comparator::kEqual:
    case Comparator::kNone: break;
  }
  return "";
}

std::string ComparatorText(Comparator comparator) {
  std::string text = ComparatorSymbol(comparator);
  if (!text.empty()) text += ' ';
  return text;
}

}  // namespace baocao
