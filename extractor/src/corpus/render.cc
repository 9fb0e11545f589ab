// The comparison as CSV and as JSON (docs/COMPARE.md); the terminal's form is the CLI's.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "corpus/corpus_impl.h"

namespace baocao {
namespace {

std::string Machine(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

nlohmann::json SpanJson(const CompareSource& s) {
  if (!s.document) return nullptr;
  nlohmann::json j = {{"document_id", s.document}, {"path", s.path},  {"line", s.span.line},
                      {"start", s.span.start},     {"end", s.span.end}, {"text", s.span.text}};
  if (s.span.page) j["page"] = *s.span.page;
  if (!s.line_text.empty()) j["line_text"] = s.line_text;
  return j;
}

}  // namespace

nlohmann::json CorpusFlagToJson(const CorpusFlag& f) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const CorpusEvidence& e : f.evidence) {
    nlohmann::json j = {{"document_id", e.document}, {"path", e.path}, {"start", e.span.start}, {"end", e.span.end},
                        {"line", e.span.line}, {"page", nullptr}, {"text", e.span.text}};
    if (e.span.page) j["page"] = *e.span.page;
    if (!e.line_text.empty()) j["line_text"] = e.line_text;
    evidence.push_back(std::move(j));
  }
  nlohmann::json j = {{"kind", f.kind},         {"severity", f.severity},       {"indicators", f.indicators},
                      {"ward", f.ward},         {"province", f.province},       {"period", f.period},
                      {"stated", nullptr},      {"computed", nullptr},          {"explanation", f.explanation},
                      {"rule", f.rule},         {"evidence", std::move(evidence)}};
  if (f.stated) j["stated"] = *f.stated;
  if (f.computed) j["computed"] = *f.computed;
  return j;
}

std::string CompareToCsv(const Comparison& comparison) {
  using corpus::CsvField;
  std::ostringstream out;
  out << "period,province,ward,indicator,label,unit,direction,actual,target,comparator,meets_target,assessment,"
         "rank,robust_z,outlier,flags,actual_document,actual_line,actual_text,target_document,target_line\n";
  for (const ComparePeriod& p : comparison.periods) {
    for (const CompareRow& r : p.rows) {
      for (size_t i = 0; i < p.indicators.size(); ++i) {
        const CompareCell& c = r.cells[i];
        if (!c.actual && !c.target) continue;
        const CompareIndicator& ind = p.indicators[i];
        std::string flag_kinds;
        for (size_t k : c.flags) flag_kinds += (flag_kinds.empty() ? "" : ";") + comparison.flags[k].kind;
        out << CsvField(p.period) << ',' << CsvField(r.province) << ',' << CsvField(r.ward) << ',' << CsvField(ind.id) << ','
            << CsvField(ind.label) << ',' << CsvField(ind.unit) << ',' << (ind.direction > 0 ? "higher" : "lower") << ','
            << (c.actual ? Machine(*c.actual) : "") << ',' << (c.target ? Machine(*c.target) : "") << ','
            << CsvField(std::string(NameOf(c.comparator))) << ',' << (c.meets_target ? (*c.meets_target ? "true" : "false") : "") << ','
            << (c.assessment ? (*c.assessment ? "true" : "false") : "") << ',' << (c.rank ? std::to_string(c.rank) : "") << ','
            << (c.robust_z ? Machine(std::round(*c.robust_z * 1000) / 1000) : "") << ',' << (c.outlier ? "true" : "false") << ','
            << CsvField(flag_kinds) << ',' << CsvField(c.actual_source.path) << ','
            << (c.actual_source.document ? std::to_string(c.actual_source.span.line) : "") << ','
            << CsvField(c.actual_source.span.text) << ',' << CsvField(c.target_source.path) << ','
            << (c.target_source.document ? std::to_string(c.target_source.span.line) : "") << "\n";
      }
    }
  }
  return out.str();
}

std::string CompareToJson(const Comparison& comparison) {
  nlohmann::json periods = nlohmann::json::array();
  for (const ComparePeriod& p : comparison.periods) {
    nlohmann::json indicators = nlohmann::json::array();
    for (const CompareIndicator& ind : p.indicators) {
      nlohmann::json j = {{"id", ind.id},         {"label", ind.label},  {"unit", ind.unit},
                          {"kind", ind.kind},     {"direction", ind.direction > 0 ? "higher" : "lower"},
                          {"values", ind.values}, {"median", nullptr},   {"mad", nullptr},
                          {"outliers", ind.outliers}};
      if (ind.median) j["median"] = *ind.median;
      if (ind.mad) j["mad"] = *ind.mad;
      indicators.push_back(std::move(j));
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const CompareRow& r : p.rows) {
      nlohmann::json cells = nlohmann::json::object();
      for (size_t i = 0; i < p.indicators.size(); ++i) {
        const CompareCell& c = r.cells[i];
        if (!c.actual && !c.target) continue;
        nlohmann::json j = {{"actual", nullptr},     {"target", nullptr},      {"comparator", c.comparator},
                            {"meets_target", nullptr}, {"assessment", nullptr}, {"rank", nullptr},
                            {"robust_z", nullptr},   {"outlier", c.outlier},    {"flags", c.flags},
                            {"source", SpanJson(c.actual_source)}, {"target_source", SpanJson(c.target_source)}};
        if (c.actual) j["actual"] = *c.actual;
        if (c.target) j["target"] = *c.target;
        if (c.meets_target) j["meets_target"] = *c.meets_target;
        if (c.assessment) j["assessment"] = *c.assessment;
        if (c.rank) j["rank"] = c.rank;
        if (c.robust_z) j["robust_z"] = *c.robust_z;
        cells[p.indicators[i].id] = std::move(j);
      }
      auto doc = [](const CompareSource& s, const std::string& date) -> nlohmann::json {
        if (!s.document) return nullptr;
        return {{"document_id", s.document}, {"path", s.path}, {"date", date}};
      };
      rows.push_back({{"ward", r.ward}, {"province", r.province}, {"written", r.written},
                      {"report", doc(r.report, r.report_date)}, {"plan", doc(r.plan, r.plan_date)},
                      {"cells", std::move(cells)}});
    }
    periods.push_back({{"period", p.period}, {"period_words", PeriodWords(p.period)},
                       {"indicators", std::move(indicators)}, {"rows", std::move(rows)}});
  }
  nlohmann::json flags = nlohmann::json::array();
  for (const CorpusFlag& f : comparison.flags) flags.push_back(CorpusFlagToJson(f));
  nlohmann::json j = {{"schema", "baocao-compare/1"}, {"periods", std::move(periods)}, {"flags", std::move(flags)}};
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace baocao
