// Relations a document states by its own structure, whether or not its numbers are catalogue
// indicators (rules/audit/README.md, "Relations read from structure"):
//   - a fraction and its percentage: "Có 70/139 kiến nghị …, chiếm 50%", "đạt 100% (45/45)";
//   - a whole and its listed parts: "đã giải quyết 8.120 hồ sơ, trong đó đúng hạn 8.051 (99,2%),
//     trễ hạn 69 (0,8%)": each part's percentage of the whole, and the parts' sum;
//   - tables: a total row ("Tổng cộng", also above its rows, also over groups "I", "II"), a total
//     column ("Tổng số" beside its part columns), a rate column that is one column over another.
// Only the document's own words make numbers one relation; the explanation quotes them. Where the
// reading is weaker (no percentage confirms the whole, a relation learned from a table's other
// rows holds in only two of them) a broken relation is a warning, not an error.
#include <algorithm>
#include <set>

#include "audit/structure_impl.h"

namespace baocao::audit_structure {

Structure::Structure(AuditContext& ctx) : c(ctx), text(ctx.in.text) {
  for (const Mention& m : *c.in.mentions) if (IsNumeric(m)) order.push_back(&m);
  std::sort(order.begin(), order.end(), [](const Mention* a, const Mention* b) {
    return a->span.normalized.begin < b->span.normalized.begin;
  });
  for (const Flag& f : c.flags) for (const Span& s : f.evidence) flagged_starts.insert(s.start);
  for (const Check& k : c.checks) checked.insert(MemberKey(k));
}

std::string Structure::MemberKey(const Check& k) {
  std::vector<size_t> starts;
  for (const CheckMember& m : k.members) starts.push_back(m.span.start);
  std::sort(starts.begin(), starts.end());
  std::string key;
  for (size_t s : starts) key += std::to_string(s) + ",";
  return key;
}

std::vector<const Mention*> Structure::In(size_t b, size_t e) const {
  std::vector<const Mention*> out;
  auto lo = std::lower_bound(order.begin(), order.end(), b,
                             [](const Mention* m, size_t p) { return m->span.normalized.begin < p; });
  for (auto it = lo; it != order.end() && (*it)->span.normalized.begin < e; ++it) out.push_back(*it);
  return out;
}

TextRange Structure::Sentence(size_t pos, size_t floor, size_t ceiling, bool at_semicolon, bool at_newline) const {
  auto stop = [&](size_t i) {
    char ch = text[i];
    if (ch == '\t' || (ch == '\n' && (at_newline || ListMarkerAt(i + 1) || PrevNonSpace(i) == ':'))) return true;
    bool end = ch == '.' || ch == '!' || ch == '?' || (at_semicolon && ch == ';');
    return end && (i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
  };
  // A converter's run-on line is cut 2 KB each way, as the audit's sentences are: the checks
  // stay linear in the text.
  const size_t reach = tuning.sentence_reach;
  floor = std::max(floor, pos > reach ? internal::CharBoundaryAtOrBefore(text, pos - reach) : size_t{0});
  ceiling = std::min(ceiling, internal::CharBoundaryAtOrBefore(text, std::min(text.size(), pos + reach)));
  size_t b = pos, e = pos;
  while (b > floor && !stop(b - 1)) --b;
  while (e < ceiling && !stop(e)) ++e;
  return {b, e};
}

size_t Structure::LineStart(size_t pos, size_t reach) const {
  size_t floor = pos > reach ? pos - reach : 0;
  for (size_t i = pos; i > floor; --i) {
    if (text[i - 1] == '\n') return i;
  }
  return floor;
}

char Structure::PrevNonSpace(size_t i) const {
  while (i > 0 && text[i - 1] == ' ') --i;
  return i > 0 ? text[i - 1] : '\0';
}

bool Structure::Scores(const std::string& folded) {
  static const std::set<std::string> kNotScore = {"thoi", "dia", "trong", "dac", "quan", "uu", "nhuoc", "khuyet", "diem"};
  constexpr std::string_view kPoints = " diem ";
  size_t at = 0;
  while ((at = folded.find(kPoints, at)) != std::string::npos) {
    size_t b = folded.rfind(' ', at - 1);
    std::string prev = b == std::string::npos || at == 0 ? "" : folded.substr(b + 1, at - b - 1);
    if (!kNotScore.count(prev)) return true;
    at += kPoints.size() - 1;   // on to its last space, which may open the next one
  }
  return false;
}

bool Structure::ListMarkerAt(size_t i) const {
  while (i < text.size() && text[i] == ' ') ++i;
  if (i >= text.size()) return false;
  char ch = text[i];
  if (ch == '-' || ch == '+' || ch == '*') return true;
  if (static_cast<unsigned char>(ch) == kMarkLeadByte) return true;   // "•", "–" and other marks
  size_t j = i;
  while (j < text.size() && j - i < 4 && (std::isdigit(static_cast<unsigned char>(text[j])) || std::isalpha(static_cast<unsigned char>(text[j])))) ++j;
  if (j == i || j >= text.size()) return false;
  bool lower_letter = j - i == 1 && std::islower(static_cast<unsigned char>(text[i]));
  bool digits = std::all_of(text.begin() + i, text.begin() + j, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  bool roman = std::all_of(text.begin() + i, text.begin() + j, [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
  return (text[j] == ')' && (lower_letter || digits)) || (text[j] == '.' && (digits || roman) && j + 1 < text.size() && text[j + 1] == ' ');
}

std::string Structure::MarkerKind(size_t i) const {
  if (!ListMarkerAt(i)) return "";
  while (i < text.size() && text[i] == ' ') ++i;
  char ch = text[i];
  if (ch == '-' || ch == '+' || ch == '*') return std::string(1, ch);
  if (static_cast<unsigned char>(ch) == kMarkLeadByte) return "mark";
  size_t j = i;
  while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
  bool digits = std::isdigit(static_cast<unsigned char>(ch));
  bool roman = ch == 'I' || ch == 'V' || ch == 'X';
  return std::string(digits ? "9" : roman ? "I" : "a") + (j < text.size() ? std::string(1, text[j]) : "");
}

std::string Structure::WithoutAsides(std::string_view raw) {
  std::string out;
  int depth = 0;
  for (char ch : raw) {
    if (ch == '(') ++depth;
    else if (ch == ')' && depth > 0) --depth;
    else if (depth == 0) out.push_back(ch);
  }
  return out;
}

int Structure::LeadingDecimals(std::string_view t) {
  size_t k = 0;
  while (k < t.size() && (std::isdigit(static_cast<unsigned char>(t[k])) || t[k] == '.' || t[k] == ',')) ++k;
  size_t comma = t.substr(0, k).rfind(',');
  return comma == std::string_view::npos ? 0 : static_cast<int>(k - comma - 1);
}

std::string Structure::QuotedLabel(const std::string& label) {
  constexpr size_t kQuotedBytes = 80;   // a row's or heading's name is quoted this far
  return label.size() > kQuotedBytes ? label.substr(0, CharBoundaryAtOrBefore(label, kQuotedBytes)) + "…" : label;
}

void Structure::Held(Check check) {
  std::string key = MemberKey(check);
  if (checked.insert(key).second) c.checks.push_back(std::move(check));
}

void Structure::Raise(Flag flag) {
  for (const Span& s : flag.evidence) flagged_starts.insert(s.start);
  Check k = MakeCheck(BrokenRelation(flag), flag.rule, {}, flag.stated, flag.computed);
  k.holds = false;
  for (const Span& s : flag.evidence) {
    auto at = std::lower_bound(order.begin(), order.end(), s.normalized.begin,
                               [](const Mention* m, size_t p) { return m->span.normalized.begin < p; });
    double value = 0;
    if (at != order.end() && (*at)->span.normalized.begin == s.normalized.begin) {
      value = (*at)->type == MentionType::kFraction ? (*at)->numerator : (*at)->number;
    }
    k.members.push_back({"", MemberRole::kMember, value, s});
  }
  c.checks.push_back(std::move(k));
  c.flags.push_back(std::move(flag));
}

void Structure::AtMostWarnings(size_t first) {
  const bool en = c.en();
  for (size_t i = first; i < c.flags.size(); ++i) {
    Flag& f = c.flags[i];
    if (f.severity != Severity::kError) continue;
    f.severity = Severity::kWarning;
    f.explanation += en ? " (Not a report or plan: a relation across sentences is a warning.)"
                        : " (Văn bản không phải báo cáo, kế hoạch: liên hệ giữa các câu chỉ ở mức cảnh báo.)";
  }
}

std::string Structure::BrokenRelation(const Flag& f) {
  if (f.kind == "conflicting_values") return "agree";
  if (f.rule == "builtin:named_rate" || f.rule == "builtin:defined_rate") return "ratio";
  if (f.rule == "builtin:remainder") return "difference";
  if (f.rule == "builtin:stated_change") return f.kind == "ratio_mismatch" ? "ratio" : "difference";
  if (f.rule.find("fraction") != std::string::npos) return "fraction_percent";
  if (f.kind == "ratio_mismatch") return f.rule.find("table") != std::string::npos ? "ratio" : "part_percent";
  if (f.rule.find("table") != std::string::npos) return "table_sum";
  return "sum";
}

void Structure::HeldRatio(const std::string& rule, const Mention& numerator, const Mention& denominator, const Mention& rate, double computed) {
  Check k = MakeCheck("ratio", rule, {}, rate.number, computed);
  k.members.push_back({"", MemberRole::kNumerator, numerator.number, numerator.span});
  k.members.push_back({"", MemberRole::kDenominator, denominator.number, denominator.span});
  k.members.push_back({"", MemberRole::kRate, rate.number, rate.span});
  Held(std::move(k));
}

void Structure::SumFlag(const std::string& rule, Severity severity, const Mention& total, const std::vector<const Mention*>& parts,
             double sum, int decimals, const std::string& what) {
  const bool en = c.en();
  Flag f = MakeFlag("sum_mismatch", severity, total.number, sum, rule);
  AddEvidence(f, total.span);
  std::vector<double> values;
  for (const Mention* p : parts) {
    AddEvidence(f, p->span);
    values.push_back(p->number);
  }
  constexpr size_t kValuesWritten = 12;   // more parts than this are counted, not written out
  std::string expr = (values.size() <= kValuesWritten ? JoinValues(values, decimals, en)
                                                      : (en ? std::to_string(values.size()) + " values" : std::to_string(values.size()) + " giá trị")) +
                     " = " + FormatNumber(sum, decimals, en);
  f.explanation = en ? what + ": " + expr + ", not the " + FormatNumber(total.number, decimals, en) + " stated as the total."
                     : what + ": " + expr + ", khác tổng số đã ghi là " + FormatNumber(total.number, decimals, en) + ".";
  Raise(std::move(f));
}

void Structure::SumHeld(const std::string& relation, const std::string& rule, const Mention& total, const std::vector<const Mention*>& parts,
             double sum) {
  Check k = MakeCheck(relation, rule, {}, total.number, sum);
  k.members.push_back({"", MemberRole::kTotal, total.number, total.span});
  for (const Mention* p : parts) k.members.push_back({"", MemberRole::kPart, p->number, p->span});
  Held(std::move(k));
}

}  // namespace baocao::audit_structure

namespace baocao {

void CheckStructure(AuditContext& c) {
  audit_structure::Structure s(c);
  // Reports and plans are read whole. Letters, decisions and submissions: a relation that joins
  // sentences is at most a warning. Comment tables and scoring annexes ("narrow_title"): only
  // what one sentence or one table states is read.
  const bool whole = c.reach == AuditContext::Reach::kDocument;
  const bool narrow = c.reach == AuditContext::Reach::kSentence;
  auto across_sentences = [&](auto&& read) {
    if (narrow) return;
    size_t first = c.flags.size();
    read();
    if (!whole) s.AtMostWarnings(first);
  };
  // Between two passes the budget is asked (c.Spent): out of it, the rest is skipped and the
  // audit's caller reports the error.
  auto pass = [&](auto&& read) {
    if (!c.Spent()) read();
  };
  pass([&] { s.Fractions(); });
  pass([&] { s.Breakdowns(); });
  pass([&] { across_sentences([&] { s.NamedShares(); }); });
  pass([&] { s.OutlineSums(); });
  for (const LayoutTable& t : c.in.layout->tables) pass([&] { s.CheckGrid(s.GridOf(t)); });
  pass([&] { s.spaced = s.SpacedGrids(); });
  for (const auto& grid : s.spaced) pass([&] { s.CheckGrid(grid); });
  pass([&] { s.TableAfterBreakdown(); });
  pass([&] { s.FractionRowsAfterIntro(); });
  pass([&] { across_sentences([&] { s.WholeBeforeDetails(); }); });
  pass([&] { s.RowsSaidToMatch(); });
  pass([&] { across_sentences([&] { s.NamedRates(); }); });
  pass([&] { across_sentences([&] { s.DefinedRates(); }); });
  pass([&] { across_sentences([&] { s.Remainders(); }); });
  pass([&] { s.StatedChanges(); });
  pass([&] { s.CountedLists(); });
  pass([&] { across_sentences([&] { s.RepeatedFigures(); }); });
  pass([&] { across_sentences([&] { s.RunningAccounts(); }); });
}

}  // namespace baocao
