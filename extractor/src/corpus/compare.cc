// The ward x indicator comparison: each ward's latest values per period, targets, ranks and
// outliers (median and MAD).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "baocao/corpus/evidence.h"
#include "baocao/normalize/text.h"
#include "core/statistics.h"
#include "corpus/corpus_impl.h"

namespace baocao {
namespace {

using internal::Median;

bool IssuedBefore(const CorpusDocument* a, const CorpusDocument* b) {
  return std::tie(a->date, a->id) < std::tie(b->date, b->id);
}

CompareSource SourceOf(const CorpusDocument* d, const Fact* f) {
  CompareSource s;
  if (!d) return s;
  s.document = d->id;
  s.path = d->path;
  if (f) s.span = f->span;
  return s;
}

// Median, MAD and each value's robust z. MAD = 0 (more than half the values equal): the mean
// absolute deviation stands in, scaled so that both estimate the same spread for normal data.
void Spread(CompareIndicator& ind, std::vector<CompareCell*>& cells) {
  std::vector<double> values;
  for (CompareCell* c : cells) values.push_back(*c->actual);
  ind.values = values.size();
  if (values.empty()) return;
  double median = Median(values);
  std::vector<double> deviations;
  for (double v : values) deviations.push_back(std::fabs(v - median));
  double mad = Median(deviations);
  ind.median = median;
  ind.mad = mad;
  if (values.size() < 2) return;   // one value has no rank and no spread
  // Ranks: 1 is best; ties share the better rank.
  for (CompareCell* c : cells) {
    int better = 0;
    for (double v : values) better += ind.direction > 0 ? v > *c->actual : v < *c->actual;
    c->rank = better + 1;
  }
  if (values.size() < 3) return;
  double mean_ad = 0;
  for (double d : deviations) mean_ad += d;
  mean_ad /= static_cast<double>(deviations.size());
  for (CompareCell* c : cells) {
    double x = *c->actual - median;
    if (mad > 0) c->robust_z = 0.6745 * x / mad;
    else if (mean_ad > 0) c->robust_z = x / (1.253314 * mean_ad);
    else c->robust_z = 0.0;
    c->outlier = std::fabs(*c->robust_z) > 3.5;
    ind.outliers += c->outlier;
  }
}

using PeriodWard = std::pair<std::string, std::string>;   // period, ward key

// Only the ward's own figure of each indicator: another unit's ("toàn tỉnh") or another kind
// of figure ("trễ hạn", "lũy kế") is no value of this matrix, so a cell's actual and target
// are always one figure, and ranks set like against like. An assessment ("Đạt") has no
// figure of its own to qualify: only whose it is counts.
class FactSelection {
 public:
  FactSelection(const CorpusRules& rules, const CompareOptions& options)
      : rules_(rules), options_(options), province_(FoldKey(options.province)),
        wanted_(options.indicators.begin(), options.indicators.end()) {}

  bool Keep(const CorpusDocument* d, const Fact& f) const {
    if (!d || d->ward_key.empty() || f.period.empty()) return false;
    std::optional<std::string> reading = corpus::WardReading(f, rules_);
    if (!reading || (f.role != Role::kAssessment && !reading->empty())) return false;
    if (!options_.period.empty() && f.period != options_.period) return false;
    if (!province_.empty() && FoldKey(d->province) != province_) return false;
    return wanted_.empty() || wanted_.count(f.indicator) > 0;
  }

 private:
  const CorpusRules& rules_;
  const CompareOptions& options_;
  std::string province_;
  std::set<std::string> wanted_;
};

// The latest report with an actual value and the latest plan with a target, per period and ward.
struct LatestDocuments {
  std::map<PeriodWard, const CorpusDocument*> report_of, plan_of;

  const CorpusDocument* Report(const PeriodWard& key) const { return Find(report_of, key); }
  const CorpusDocument* Plan(const PeriodWard& key) const { return Find(plan_of, key); }

 private:
  static const CorpusDocument* Find(const std::map<PeriodWard, const CorpusDocument*>& m, const PeriodWard& key) {
    auto it = m.find(key);
    return it == m.end() ? nullptr : it->second;
  }
};

LatestDocuments FindLatestDocuments(const Corpus& corpus, const FactSelection& selection) {
  LatestDocuments latest;
  for (const CorpusFact& cf : corpus.facts) {
    const CorpusDocument* d = corpus.Find(cf.document);
    if (!selection.Keep(d, cf.fact) || !cf.fact.value) continue;
    PeriodWard key{cf.fact.period, d->ward_key};
    if (d->kind == "report" && cf.fact.role == Role::kActual) {
      auto& r = latest.report_of[key];
      if (!r || IssuedBefore(r, d)) r = d;
    } else if (d->kind == "plan" && cf.fact.role == Role::kTarget) {
      auto& p = latest.plan_of[key];
      if (!p || IssuedBefore(p, d)) p = d;
    }
  }
  return latest;
}

// The first statement of each indicator in the chosen documents.
struct Values {
  const Fact* actual = nullptr;
  const Fact* target = nullptr;
  const Fact* report_target = nullptr;
  const Fact* assessment = nullptr;
};
using ValuesByIndicator = std::map<std::string, Values>;

std::map<PeriodWard, ValuesByIndicator> ChooseValues(const Corpus& corpus, const FactSelection& selection,
                                                     const LatestDocuments& latest) {
  std::map<PeriodWard, ValuesByIndicator> values;
  for (const CorpusFact& cf : corpus.facts) {
    const CorpusDocument* d = corpus.Find(cf.document);
    if (!selection.Keep(d, cf.fact)) continue;
    PeriodWard key{cf.fact.period, d->ward_key};
    const Fact& f = cf.fact;
    bool from_report = latest.Report(key) == d;
    bool from_plan = latest.Plan(key) == d;
    if (!from_report && !from_plan) continue;
    Values& v = values[key][f.indicator];
    if (from_report && f.role == Role::kActual && f.value && !v.actual) v.actual = &f;
    if (from_report && f.role == Role::kTarget && f.value && !v.report_target) v.report_target = &f;
    if (from_report && f.role == Role::kAssessment && f.assessment && !v.assessment) v.assessment = &f;
    if (from_plan && f.role == Role::kTarget && f.value && !v.target) v.target = &f;
  }
  return values;
}

// The indicators of one period with a value or a target in some ward, in id order.
std::vector<CompareIndicator> PeriodIndicators(const CorpusRules& rules, const std::vector<PeriodWard>& keys,
                                               const std::map<PeriodWard, ValuesByIndicator>& values) {
  std::set<std::string> ids;
  for (const PeriodWard& key : keys) {
    for (const auto& [id, v] : values.at(key)) {
      if (v.actual || v.target || v.report_target) ids.insert(id);
    }
  }
  std::vector<CompareIndicator> indicators;
  for (const std::string& id : ids) {
    CompareIndicator ind;
    ind.id = id;
    auto c = rules.catalogue.find(id);
    if (c != rules.catalogue.end()) {
      ind.label = c->second.vi;
      ind.unit = c->second.unit;
      ind.kind = c->second.kind;
    }
    ind.direction = rules.Direction(id);
    indicators.push_back(std::move(ind));
  }
  return indicators;
}

CompareCell CellOf(const Values& x, const CorpusDocument* report, const CorpusDocument* plan, int direction) {
  CompareCell cell;
  if (x.actual) {
    cell.actual = *x.actual->value;
    cell.actual_source = SourceOf(report, x.actual);
  }
  const Fact* target = x.target ? x.target : x.report_target;
  if (target) {
    cell.target = *target->value;
    cell.comparator = target->comparator;
    cell.target_source = SourceOf(x.target ? plan : report, target);
  }
  if (x.assessment) cell.assessment = *x.assessment->assessment;
  if (cell.actual && cell.target) cell.meets_target = corpus::Meets(*cell.actual, *cell.target, cell.comparator, direction);
  return cell;
}

CompareRow RowOf(const PeriodWard& key, const LatestDocuments& latest, const ValuesByIndicator& by_indicator,
                 const std::vector<CompareIndicator>& indicators) {
  CompareRow row;
  row.ward_key = key.second;
  const CorpusDocument* report = latest.Report(key);
  const CorpusDocument* plan = latest.Plan(key);
  const CorpusDocument* any = report ? report : plan;
  row.ward = any->ward;
  row.province = any->province;
  row.report = SourceOf(report, nullptr);
  row.plan = SourceOf(plan, nullptr);
  if (report) row.report_date = report->date;
  if (plan) row.plan_date = plan->date;
  for (const CorpusDocument* d : {report, plan}) {
    if (d && std::find(row.written.begin(), row.written.end(), d->ward_written) == row.written.end()) {
      row.written.push_back(d->ward_written);
    }
  }
  for (const CompareIndicator& ind : indicators) {
    auto v = by_indicator.find(ind.id);
    row.cells.push_back(v == by_indicator.end() ? CompareCell() : CellOf(v->second, report, plan, ind.direction));
  }
  return row;
}

// Rows by province and ward; then each indicator's ranks, spread and outliers.
void SortAndRank(ComparePeriod& period) {
  std::sort(period.rows.begin(), period.rows.end(), [](const CompareRow& a, const CompareRow& b) {
    return std::tie(a.province, a.ward, a.ward_key) < std::tie(b.province, b.ward, b.ward_key);
  });
  for (size_t i = 0; i < period.indicators.size(); ++i) {
    std::vector<CompareCell*> cells;
    for (CompareRow& row : period.rows) {
      if (row.cells[i].actual) cells.push_back(&row.cells[i]);
    }
    Spread(period.indicators[i], cells);
  }
}

// The flags about a cell (same period, ward and province, and indicator) marked on it and
// kept; the others dropped.
void AttachFlags(const std::vector<CorpusFlag>& flags, Comparison& out) {
  for (const CorpusFlag& f : flags) {
    std::vector<CompareCell*> hits;
    for (ComparePeriod& period : out.periods) {
      if (period.period != f.period) continue;
      for (CompareRow& row : period.rows) {
        if (row.ward != f.ward || row.province != f.province) continue;
        for (size_t i = 0; i < period.indicators.size(); ++i) {
          if (std::find(f.indicators.begin(), f.indicators.end(), period.indicators[i].id) != f.indicators.end()) {
            hits.push_back(&row.cells[i]);
          }
        }
      }
    }
    if (hits.empty()) continue;
    for (CompareCell* c : hits) c->flags.push_back(out.flags.size());
    out.flags.push_back(f);
  }
}

}  // namespace

Comparison Compare(const Corpus& corpus, const CorpusRules& rules, const std::vector<CorpusFlag>& flags,
                   const CompareOptions& options) {
  const FactSelection selection(rules, options);
  const LatestDocuments latest = FindLatestDocuments(corpus, selection);
  const std::map<PeriodWard, ValuesByIndicator> values = ChooseValues(corpus, selection, latest);
  std::map<std::string, std::vector<PeriodWard>> periods;
  for (const auto& [key, by_indicator] : values) periods[key.first].push_back(key);

  Comparison out;
  for (auto it = periods.rbegin(); it != periods.rend(); ++it) {   // the latest period first
    ComparePeriod period;
    period.period = it->first;
    period.indicators = PeriodIndicators(rules, it->second, values);
    for (const PeriodWard& key : it->second) period.rows.push_back(RowOf(key, latest, values.at(key), period.indicators));
    SortAndRank(period);
    out.periods.push_back(std::move(period));
  }
  AttachFlags(flags, out);
  return out;
}

Status AttachLines(Store& store, Comparison& comparison) {
  std::set<int64_t> ids;
  for (const ComparePeriod& p : comparison.periods) {
    for (const CompareRow& r : p.rows) {
      for (const CompareCell& c : r.cells) {
        if (c.actual_source.document) ids.insert(c.actual_source.document);
        if (c.target_source.document) ids.insert(c.target_source.document);
      }
    }
  }
  Result<std::map<int64_t, std::string>> sources = corpus::ReadableSources(store, ids);
  if (!sources.ok()) return sources.status();
  auto fill = [&](CompareSource& s) {
    auto it = sources->find(s.document);
    if (it == sources->end() || s.span.line == 0 || s.span.start > it->second.size()) return;
    auto [begin, end] = LineAround(it->second, s.span.start);
    s.line_text = it->second.substr(begin, end - begin);
  };
  for (ComparePeriod& p : comparison.periods) {
    for (CompareRow& r : p.rows) {
      for (CompareCell& c : r.cells) {
        fill(c.actual_source);
        fill(c.target_source);
      }
    }
  }
  std::vector<CorpusFlag>& flags = comparison.flags;
  return AttachLines(store, flags);
}

}  // namespace baocao
