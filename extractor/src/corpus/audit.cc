// The cross-document audit: plans against reports, one statement against another, citations
// against citations, one ward's spellings; and the corpus_flags table it rebuilds.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "baocao/corpus/evidence.h"
#include "baocao/normalize/text.h"
#include "corpus/corpus_impl.h"
#include "baocao/store/corpus_rows.h"

namespace baocao {
namespace {

using corpus::ComparatorText;
using corpus::DayMonthYear;
using corpus::DocumentName;
using corpus::FormatValue;
using corpus::Meets;
using corpus::WardName;

constexpr size_t kMaxEvidence = 12;

struct Context {
  const Corpus& corpus;
  const CorpusRules& rules;
  bool en;

  std::string Label(const std::string& id) const {
    auto it = rules.catalogue.find(id);
    if (it == rules.catalogue.end()) return id;
    return en ? it->second.en : it->second.vi;
  }
  std::string Name(int64_t doc) const {
    const CorpusDocument* d = corpus.Find(doc);
    return d ? DocumentName(*d, en ? "en" : "vi") : "?";
  }
  std::string Period(const std::string& p) const { return PeriodWords(p, en ? "en" : "vi"); }
  CorpusEvidence Evidence(int64_t doc, const Span& span) const {
    CorpusEvidence e;
    e.document = doc;
    const CorpusDocument* d = corpus.Find(doc);
    if (d) e.path = d->path;
    e.span = span;
    return e;
  }
};

// Documents in the order they were issued: date, then store order.
bool IssuedBefore(const CorpusDocument* a, const CorpusDocument* b) {
  return std::tie(a->date, a->id) < std::tie(b->date, b->id);
}

// Whether two stated values are one value written to different precisions.
bool Agree(const Fact& a, const Fact& b) {
  double x = *a.value, y = *b.value;
  return AgreesWithin(x, DecimalsWritten(a.span.text, x), y) || AgreesWithin(y, DecimalsWritten(b.span.text, y), x);
}

// ---- (a) a report against its plan's targets ---------------------------------------------------

using TargetKey = std::tuple<std::string, std::string, std::string>;   // ward, period, indicator
// A target meets only results of its own reading (WardReading): a "trễ hạn" rate is not the
// on-time rate the plan targets, a "lũy kế" figure not the period's.
using Figure = std::pair<TargetKey, std::string>;

// The figures a plan-against-report check compares, gathered from every fact.
struct PlanFigures {
  std::map<Figure, std::pair<const CorpusDocument*, const Fact*>> targets;   // the latest plan's first target
  std::map<std::pair<int64_t, Figure>, std::vector<const Fact*>> actuals;    // by report
  // By report and indicator: a "Đạt" has no figure of its own to qualify, it speaks of the row.
  std::map<std::pair<int64_t, TargetKey>, std::vector<const Fact*>> assessments;
};

PlanFigures GatherPlanFigures(const Context& cx) {
  PlanFigures p;
  for (const CorpusFact& cf : cx.corpus.facts) {
    const CorpusDocument* d = cx.corpus.Find(cf.document);
    const Fact& f = cf.fact;
    if (!d || d->ward_key.empty() || f.period.empty()) continue;
    std::optional<std::string> reading = corpus::WardReading(f, cx.rules);
    if (!reading) continue;   // another unit's figure ("toàn tỉnh", "cấp xã"): not the ward's
    TargetKey key{d->ward_key, f.period, f.indicator};
    Figure figure{key, *reading};
    if (d->kind == "plan" && f.role == Role::kTarget && f.value) {
      // The latest plan's first statement (facts come in document order).
      auto it = p.targets.find(figure);
      if (it == p.targets.end() || IssuedBefore(it->second.first, d)) p.targets[figure] = {d, &f};
    } else if (d->kind == "report" && f.role == Role::kActual && f.value) {
      p.actuals[{d->id, figure}].push_back(&f);
    } else if (d->kind == "report" && f.role == Role::kAssessment && f.assessment) {
      p.assessments[{d->id, key}].push_back(&f);
    }
  }
  return p;
}

// One report's results for one figure against its plan's target, and what the report says.
struct TargetCase {
  int64_t doc = 0;
  const CorpusDocument* report = nullptr;
  const CorpusDocument* plan = nullptr;
  const Fact* target = nullptr;
  const Fact* missed = nullptr;   // the first result that misses the target
  const Fact* actual = nullptr;   // the missed result, else the first
  const Fact* said = nullptr;     // the last "Đạt" / "Không đạt" of the row
  bool pass = false, fail = false;
  std::string indicator, period;
};

TargetCase JudgeResults(const Context& cx, int64_t doc, const TargetKey& key,
                        const std::pair<const CorpusDocument*, const Fact*>& plan_target,
                        const std::vector<const Fact*>& results, const std::vector<const Fact*>& said_here) {
  TargetCase c;
  c.doc = doc;
  c.report = cx.corpus.Find(doc);
  c.plan = plan_target.first;
  c.target = plan_target.second;
  c.indicator = std::get<2>(key);
  c.period = std::get<1>(key);
  int direction = cx.rules.Direction(c.indicator);
  for (const Fact* a : results) {
    if (!a->unit.empty() && !c.target->unit.empty() && a->unit != c.target->unit) continue;
    if (!Meets(*a->value, *c.target->value, c.target->comparator, direction)) {
      c.missed = a;
      break;
    }
  }
  for (const Fact* s : said_here) {
    (*s->assessment ? c.pass : c.fail) = true;
    c.said = s;
  }
  c.actual = c.missed ? c.missed : results.front();
  return c;
}

// The flag's kind, severity and explanation when the report contradicts its plan's target (or
// is silent about missing it); false when it does not.
bool ExplainTargetCase(const Context& cx, const TargetCase& c, CorpusFlag& flag) {
  const std::string target_text = ComparatorText(c.target->comparator) + FormatValue(*c.target->value, c.target->unit);
  const std::string value_text = FormatValue(*c.actual->value, c.actual->unit);
  const std::string head = cx.Label(c.indicator) + ", " + cx.Period(c.period) + ", " +
                           WardName(c.report->ward, c.report->province, cx.en ? "en" : "vi") + ": ";
  const std::string report = cx.Name(c.doc), plan = cx.Name(c.plan->id);
  if (c.missed && c.pass && !c.fail) {
    flag.kind = "assessment_mismatch";
    flag.severity = Severity::kError;
    flag.explanation = head + (cx.en ? report + " assesses “achieved” with " + value_text + ", but " + plan +
                                           " set the target " + target_text + "."
                                     : report + " đánh giá “Đạt” với kết quả " + value_text + ", nhưng " + plan +
                                           " đặt chỉ tiêu " + target_text + ".");
  } else if (c.missed && !c.pass && !c.fail) {
    flag.kind = "target_missed";
    flag.severity = Severity::kWarning;
    flag.explanation = head + (cx.en ? "the result " + value_text + " in " + report + " misses the target " +
                                           target_text + " of " + plan + ", and the report does not say so."
                                     : "kết quả " + value_text + " trong " + report + " chưa đạt chỉ tiêu " +
                                           target_text + " của " + plan + ", báo cáo không nêu là chưa đạt.");
  } else if (!c.missed && c.fail && !c.pass) {
    flag.kind = "assessment_mismatch";
    flag.severity = Severity::kWarning;
    flag.explanation = head + (cx.en ? report + " assesses “not achieved” although " + value_text +
                                           " meets the target " + target_text + " of " + plan + "."
                                     : report + " đánh giá “Không đạt” dù kết quả " + value_text +
                                           " đã đạt chỉ tiêu " + target_text + " của " + plan + ".");
  } else {
    return false;
  }
  return true;
}

CorpusFlag TargetFlag(const Context& cx, const TargetCase& c, CorpusFlag flag) {
  flag.rule = "corpus:plan_target";
  flag.indicators = {c.indicator};
  flag.ward = c.report->ward;
  flag.province = c.report->province;
  flag.period = c.period;
  flag.stated = *c.actual->value;
  flag.computed = *c.target->value;
  flag.evidence.push_back(cx.Evidence(c.plan->id, c.target->span));
  flag.evidence.push_back(cx.Evidence(c.doc, c.actual->span));
  if (c.said && (c.pass || c.fail)) flag.evidence.push_back(cx.Evidence(c.doc, c.said->span));
  return flag;
}

void CheckPlanTargets(const Context& cx, std::vector<CorpusFlag>& out) {
  const PlanFigures figures = GatherPlanFigures(cx);
  static const std::vector<const Fact*> kNone;
  for (const auto& [where, results] : figures.actuals) {
    const auto& [doc, figure] = where;
    const TargetKey& key = figure.first;
    auto t = figures.targets.find(figure);
    if (t == figures.targets.end()) continue;
    auto said_of = figures.assessments.find({doc, key});
    const std::vector<const Fact*>& said_here = said_of == figures.assessments.end() ? kNone : said_of->second;
    TargetCase c = JudgeResults(cx, doc, key, t->second, results, said_here);
    CorpusFlag flag;
    if (ExplainTargetCase(cx, c, flag)) out.push_back(TargetFlag(cx, c, std::move(flag)));
  }
}

// ---- (b) one statement, two values -------------------------------------------------------------

void CheckConflicts(const Context& cx, std::vector<CorpusFlag>& out) {
  // ward, period, id, role, unit, reading (WardReading: a "lũy kế" figure and the period's are
  // two figures, not two values of one)
  using Key = std::tuple<std::string, std::string, std::string, Role, std::string, std::string>;
  std::map<Key, std::map<const CorpusDocument*, std::vector<const Fact*>, decltype(&IssuedBefore)>> groups;
  for (const CorpusFact& cf : cx.corpus.facts) {
    const Fact& f = cf.fact;
    if (!f.value || f.period.empty() || (f.role != Role::kActual && f.role != Role::kTarget)) continue;
    if (cx.rules.stocks.count(f.indicator)) continue;   // counted at a date: two dates, two values
    const CorpusDocument* d = cx.corpus.Find(cf.document);
    if (!d || d->ward_key.empty()) continue;
    std::optional<std::string> reading = corpus::WardReading(f, cx.rules);
    if (!reading) continue;   // another unit's figure: no statement of the ward's
    Key key{d->ward_key, f.period, f.indicator, f.role, f.unit, *reading};
    auto [it, added] = groups.try_emplace(key, &IssuedBefore);
    it->second[d].push_back(&f);
  }
  for (const auto& [key, docs] : groups) {
    if (docs.size() < 2) continue;
    const auto& [first_doc, first] = *docs.begin();
    for (auto it = std::next(docs.begin()); it != docs.end(); ++it) {
      const auto& [doc, facts] = *it;
      bool agree = false;
      for (const Fact* a : first) {
        for (const Fact* b : facts) agree = agree || Agree(*a, *b);
      }
      if (agree) continue;
      const Fact* a = first.front();
      const Fact* b = facts.front();
      const std::string& indicator = std::get<2>(key);
      bool target = std::get<3>(key) == Role::kTarget;
      CorpusFlag flag;
      flag.kind = "conflicting_values";
      flag.severity = target ? Severity::kWarning : Severity::kError;
      flag.rule = "corpus:conflicting_values";
      flag.indicators = {indicator};
      flag.ward = doc->ward;
      flag.province = doc->province;
      flag.period = std::get<1>(key);
      flag.stated = *b->value;
      flag.computed = *a->value;
      std::string head = (target ? (cx.en ? "Target: " : "Chỉ tiêu: ") : std::string()) + cx.Label(indicator) + ", " +
                         cx.Period(flag.period) + ", " + WardName(doc->ward, doc->province, cx.en ? "en" : "vi") + ": ";
      std::string va = FormatValue(*a->value, a->unit), vb = FormatValue(*b->value, b->unit);
      flag.explanation = head + (cx.en ? cx.Name(first_doc->id) + " states " + va + ", " + cx.Name(doc->id) + " states " + vb + "."
                                       : cx.Name(first_doc->id) + " nêu " + va + ", " + cx.Name(doc->id) + " nêu " + vb + ".");
      flag.evidence.push_back(cx.Evidence(first_doc->id, a->span));
      flag.evidence.push_back(cx.Evidence(doc->id, b->span));
      out.push_back(std::move(flag));
    }
  }
}

// ---- (c) one cited document, two dates or two symbols ------------------------------------------

// Where a document's number is unique: the country (Resolution 57-NQ/TW), a province (the
// province's plans), or one ward (its own plans and reports, numbered from 1 each year).
std::string ScopeOf(const std::string& number, const std::string& issuer, const CorpusDocument& citing) {
  std::string symbol = FoldKey(number);
  for (char& c : symbol) {
    if (c == '/' || c == '-') c = ' ';
  }
  std::set<std::string> tokens;
  {
    std::string t;
    for (char c : symbol + " ") {
      if (c == ' ') {
        if (!t.empty()) tokens.insert(t);
        t.clear();
      } else {
        t.push_back(c);
      }
    }
  }
  for (const char* national : {"tw", "cp", "ttg", "qh", "ubtvqh", "bct", "vpcp", "btttt", "bkhcn", "bnv", "bca", "bcdtw"}) {
    if (tokens.count(national)) return "country";
  }
  std::string who = " " + FoldKey(issuer) + " ";
  for (const char* national : {" bo chinh tri ", " chinh phu ", " thu tuong ", " quoc hoi ", " trung uong ", " ban bi thu ", " bo "}) {
    if (who.find(national) != std::string::npos) return "country";
  }
  bool ward_level = who.find(" phuong ") != std::string::npos || who.find(" dac khu ") != std::string::npos ||
                    (who.find(" xa ") != std::string::npos && who.find(" xa hoi ") == std::string::npos);
  bool province_level = who.find(" tinh ") != std::string::npos || who.find(" thanh pho ") != std::string::npos ||
                        who.find(" tinh uy ") != std::string::npos || who.find(" thanh uy ") != std::string::npos ||
                        who.starts_with(" so ") || tokens.count("tu");
  if (province_level && !ward_level) return citing.province.empty() ? std::string() : "province|" + FoldKey(citing.province);
  // A ward's own documents: without the ward there is nothing to scope their numbers by.
  return citing.ward_key.empty() ? std::string() : "ward|" + citing.ward_key;
}

std::string KindWord(const CorpusDocument& d) {
  if (d.kind == "plan") return "Kế hoạch";
  if (d.kind == "report") return "Báo cáo";
  if (d.kind == "decision") return "Quyết định";
  if (d.kind == "official_letter") return "Công văn";
  return {};
}

struct Statement {
  int64_t document;
  std::string kind, number, date;
  Span span;
};

// The number's digits before its symbol ("01/KH-UBND" -> "1"), empty without a symbol.
std::string NumberPart(const std::string& number) {
  size_t cut = number.find_first_of("/-");
  if (cut == std::string::npos || cut == 0) return {};
  std::string digits = number.substr(0, cut);
  if (digits.find_first_not_of("0123456789") != std::string::npos) return {};
  size_t nz = digits.find_first_not_of('0');
  return nz == std::string::npos ? "0" : digits.substr(nz);
}

// Only '-' and '/' differ: "71-NQ/CP" for "71/NQ-CP".
bool SeparatorsOnly(const std::string& a, const std::string& b) {
  auto strip = [](std::string s) {
    std::erase_if(s, [](char c) { return c == '-' || c == '/'; });
    return s;
  };
  return strip(a) == strip(b);
}

using ScopedStatement = std::pair<std::string, Statement>;   // scope, statement

// Every statement of a document's number and date that has a scope: the citations, and each
// document's own header, which says what it is, as its citations do.
std::vector<ScopedStatement> CollectStatements(const Context& cx) {
  std::vector<ScopedStatement> statements;
  for (const CorpusCitation& c : cx.corpus.citations) {
    const CorpusDocument* d = cx.corpus.Find(c.document);
    if (!d || c.date.size() != 10) continue;
    std::string scope = ScopeOf(c.number, c.issuer, *d);
    if (!scope.empty()) statements.push_back({scope, {c.document, c.kind, c.number, c.date, c.span}});
  }
  for (const CorpusDocument& d : cx.corpus.documents) {
    std::string kind = KindWord(d);
    if (kind.empty() || d.number.empty() || d.date.size() != 10 || !d.number_span) continue;
    std::string scope = ScopeOf(d.number, d.issuer, d);
    if (!scope.empty()) statements.push_back({scope, {d.id, kind, d.number, d.date, *d.number_span}});
  }
  return statements;
}

std::string NumberKey(const std::string& n) {
  std::string k = FoldKey(n);
  std::erase(k, ' ');
  return k;
}

// key -> variant (a date, or a number) -> the statements that give it.
using Variants = std::map<std::string, std::vector<const Statement*>>;
struct CitationGroups {
  std::map<std::string, Variants> by_number;   // one kind, number and year: its dates
  std::map<std::string, Variants> by_date;     // one kind, number part and date: its symbols
};

CitationGroups GroupStatements(const std::vector<ScopedStatement>& statements) {
  CitationGroups g;
  for (const auto& [scope, s] : statements) {
    std::string kind = FoldKey(s.kind);
    g.by_number[scope + "|" + kind + "|" + NumberKey(s.number) + "|" + s.date.substr(0, 4)][s.date].push_back(&s);
    std::string part = NumberPart(s.number);
    if (!part.empty()) g.by_date[scope + "|" + kind + "|" + part + "|" + s.date][NumberKey(s.number)].push_back(&s);
  }
  return g;
}

// Every document of a minority variant, then a few of the others.
void AddVariantEvidence(const Context& cx, const Variants& variants, CorpusFlag& flag) {
  std::vector<const std::vector<const Statement*>*> order;
  for (const auto& [v, list] : variants) order.push_back(&list);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
  std::set<int64_t> seen;
  for (const auto* list : order) {
    size_t taken = 0;
    for (const Statement* s : *list) {
      if (flag.evidence.size() >= kMaxEvidence || (taken >= 3 && list == order.back())) break;
      if (!seen.insert(s->document).second) continue;
      flag.evidence.push_back(cx.Evidence(s->document, s->span));
      ++taken;
    }
  }
}

// " (3 văn bản)": how many documents cite it so.
std::string InDocuments(const Context& cx, const std::vector<const Statement*>& list) {
  std::set<int64_t> docs;
  for (const Statement* s : list) docs.insert(s->document);
  size_t n = docs.size();
  return " (" + std::to_string(n) + (cx.en ? " document" : " văn bản") + (cx.en && n > 1 ? "s" : "") + ")";
}

// A flag about citations within one ward (or province) names it, from one citing document.
void NameScope(const Context& cx, const std::string& key, const Statement* any, CorpusFlag& flag) {
  const CorpusDocument* d = cx.corpus.Find(any->document);
  if (key.starts_with("ward|") && d) {
    flag.ward = d->ward;
    flag.province = d->province;
  } else if (key.starts_with("province|") && d) {
    flag.province = d->province;
  }
}

// One kind and number cited with several dates.
CorpusFlag DateMismatch(const Context& cx, const std::string& key, const Variants& dates) {
  const Statement* any = dates.begin()->second.front();
  CorpusFlag flag;
  flag.kind = "reference_mismatch";
  flag.severity = Severity::kWarning;
  flag.rule = "corpus:reference_date";
  std::string list;
  for (const auto& [date, ss] : dates) {
    if (!list.empty()) list += ", ";
    list += DayMonthYear(date) + InDocuments(cx, ss);
  }
  flag.explanation = cx.en ? any->kind + " no. " + any->number + " is cited with " + std::to_string(dates.size()) +
                                 " different dates: " + list + "."
                           : any->kind + " số " + any->number + " được dẫn chiếu với " + std::to_string(dates.size()) +
                                 " ngày khác nhau: " + list + ".";
  AddVariantEvidence(cx, dates, flag);
  NameScope(cx, key, any, flag);
  return flag;
}

// One kind, number and date cited with several symbols; info when only '-' and '/' differ.
CorpusFlag SymbolMismatch(const Context& cx, const std::string& key, const Variants& numbers) {
  bool separators = true;
  std::string list;
  const Statement* any = numbers.begin()->second.front();
  for (const auto& [n, ss] : numbers) {
    separators = separators && SeparatorsOnly(n, numbers.begin()->first);
    if (!list.empty()) list += ", ";
    list += ss.front()->number + InDocuments(cx, ss);
  }
  CorpusFlag flag;
  flag.kind = "reference_mismatch";
  flag.severity = separators ? Severity::kInfo : Severity::kWarning;
  flag.rule = "corpus:reference_symbol";
  flag.explanation = cx.en ? any->kind + " of " + DayMonthYear(any->date) + " is cited with " + std::to_string(numbers.size()) +
                                 " different numbers or symbols: " + list + "."
                           : any->kind + " ngày " + DayMonthYear(any->date) + " được dẫn chiếu với " +
                                 std::to_string(numbers.size()) + " số, ký hiệu khác nhau: " + list + ".";
  AddVariantEvidence(cx, numbers, flag);
  NameScope(cx, key, any, flag);
  return flag;
}

void CheckCitations(const Context& cx, std::vector<CorpusFlag>& out) {
  const std::vector<ScopedStatement> statements = CollectStatements(cx);
  const CitationGroups groups = GroupStatements(statements);
  for (const auto& [key, dates] : groups.by_number) {
    if (dates.size() >= 2) out.push_back(DateMismatch(cx, key, dates));
  }
  for (const auto& [key, numbers] : groups.by_date) {
    if (numbers.size() >= 2) out.push_back(SymbolMismatch(cx, key, numbers));
  }
}

// ---- (d) one ward, two spellings ---------------------------------------------------------------

void CheckWardNames(const Context& cx, std::vector<CorpusFlag>& out) {
  // ward identity -> spelling (case aside) -> documents
  std::map<std::string, std::map<std::string, std::vector<const CorpusDocument*>>> spellings;
  for (const CorpusDocument& d : cx.corpus.documents) {
    if (d.ward_key.empty()) continue;
    spellings[d.ward_key][corpus::SpellingKey(corpus::StripUnitWord(d.ward_written))].push_back(&d);
  }
  for (const auto& [key, forms] : spellings) {
    if (forms.size() < 2) continue;
    const CorpusDocument* sample = forms.begin()->second.front();
    // The spelling others are measured against: the registry's, else the most common.
    std::string canonical = corpus::SpellingKey(sample->ward);
    if (!forms.count(canonical)) {
      size_t most = 0;
      for (const auto& [form, docs] : forms) {
        if (docs.size() > most) {
          most = docs.size();
          canonical = form;
        }
      }
    }
    const auto& reference = forms.at(canonical);
    for (const auto& [form, docs] : forms) {
      if (form == canonical) continue;
      const CorpusDocument* first = docs.front();
      std::string written = corpus::StripUnitWord(first->ward_written);
      std::string right = corpus::StripUnitWord(reference.front()->ward_written);
      CorpusFlag flag;
      flag.kind = "name_variant";
      flag.severity = first->ward_listed ? Severity::kInfo : Severity::kWarning;
      flag.rule = "corpus:name_variant";
      flag.ward = first->ward;
      flag.province = first->province;
      std::string where = WardName(first->ward, first->province, cx.en ? "en" : "vi");
      std::string n = std::to_string(docs.size()), m = std::to_string(reference.size());
      if (cx.en) {
        flag.explanation = where + " is written “" + written + "” in " + n + (docs.size() > 1 ? " documents" : " document") +
                           ", “" + right + "” in " + m + (reference.size() > 1 ? " others" : " other") +
                           (first->ward_known && !first->ward_listed ? " (the registry's spelling)." : ".");
      } else {
        flag.explanation = where + " được viết là “" + written + "” trong " + n + " văn bản, khác với “" + right + "” của " + m +
                           " văn bản khác" + (first->ward_known && !first->ward_listed ? " (cách viết trong danh mục phường, xã)." : ".");
      }
      auto add = [&](const CorpusDocument* d) {
        Span span = d->ward_span.value_or(Span{});
        if (!d->ward_span) span.text = d->ward_written;
        flag.evidence.push_back(cx.Evidence(d->id, span));
      };
      for (const CorpusDocument* d : docs) {
        if (flag.evidence.size() + 1 >= kMaxEvidence) break;
        add(d);
      }
      add(reference.front());
      out.push_back(std::move(flag));
    }
  }
}

}  // namespace

std::vector<CorpusFlag> AuditCorpus(const Corpus& corpus, const CorpusRules& rules, const CorpusAuditOptions& options) {
  Context cx{corpus, rules, options.lang == "en"};
  std::vector<CorpusFlag> flags;
  CheckPlanTargets(cx, flags);
  CheckConflicts(cx, flags);
  CheckCitations(cx, flags);
  CheckWardNames(cx, flags);
  std::stable_sort(flags.begin(), flags.end(), [](const CorpusFlag& a, const CorpusFlag& b) {
    return std::make_tuple(a.severity, a.province, a.ward, a.period, a.kind) <
           std::make_tuple(b.severity, b.province, b.ward, b.period, b.kind);
  });
  return flags;
}

namespace {

nlohmann::json EvidenceJson(const CorpusEvidence& e) {
  nlohmann::json j = {{"document_id", e.document}, {"path", e.path}, {"start", e.span.start}, {"end", e.span.end},
                      {"line", e.span.line}, {"page", nullptr}, {"text", e.span.text}};
  if (e.span.page) j["page"] = *e.span.page;
  return j;
}

}  // namespace

Status WriteCorpusFlags(Store& store, const std::vector<CorpusFlag>& flags) {
  std::vector<store::CorpusFlagRow> rows;
  rows.reserve(flags.size());
  for (const CorpusFlag& f : flags) {
    nlohmann::json evidence = nlohmann::json::array();
    for (const CorpusEvidence& e : f.evidence) evidence.push_back(EvidenceJson(e));
    rows.push_back({f.kind, std::string(NameOf(f.severity)), nlohmann::json(f.indicators).dump(), f.ward, f.period, f.stated, f.computed,
                    f.explanation, f.rule, evidence.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  }
  return store::ReplaceCorpusFlags(store, rows);
}

namespace {

void AttachReadable(const std::map<int64_t, std::string>& readable, std::vector<CorpusFlag>& flags) {
  for (CorpusFlag& f : flags) {
    for (CorpusEvidence& e : f.evidence) {
      auto it = readable.find(e.document);
      if (it == readable.end() || e.span.line == 0 || e.span.start > it->second.size()) continue;
      auto [begin, end] = LineAround(it->second, e.span.start);
      e.line_text = it->second.substr(begin, end - begin);
      e.line_begin = begin;
    }
  }
}

}  // namespace

void AttachLines(const std::map<int64_t, std::string>& sources, const Corpus& corpus, std::vector<CorpusFlag>& flags) {
  std::map<int64_t, std::string> readable;
  for (const auto& [id, bytes] : sources) {
    const CorpusDocument* d = corpus.Find(id);
    if (d && corpus::LinesReadable(*d)) readable.emplace(id, bytes);
  }
  AttachReadable(readable, flags);
}

Status AttachLines(Store& store, std::vector<CorpusFlag>& flags) {
  std::set<int64_t> ids;
  for (const CorpusFlag& f : flags) {
    for (const CorpusEvidence& e : f.evidence) ids.insert(e.document);
  }
  Result<std::map<int64_t, std::string>> sources = corpus::ReadableSources(store, ids);
  if (!sources.ok()) return sources.status();
  AttachReadable(*sources, flags);
  return Status::Ok();
}

}  // namespace baocao
