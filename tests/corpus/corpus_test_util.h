// Small corpora built by hand for the corpus suites: documents and facts as the store holds
// them, wards resolved as LoadCorpus resolves them.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "baocao/emit/names.h"
#include "baocao/corpus/corpus.h"
#include "corpus/corpus_impl.h"

namespace baocao::corpus_test {

inline const CorpusRules& Rules() {
  static const CorpusRules rules = [] {
    Result<CorpusRules> r = CorpusRules::Load(BAOCAO_RULES_DIR);
    if (!r.ok()) ADD_FAILURE() << r.status().ToString();
    return r.ok() ? std::move(*r) : CorpusRules{};
  }();
  return rules;
}

// A value as a document writes it: 91.5 -> "91,5%", 12 -> "12".
inline std::string Written(double value, const std::string& unit) {
  std::string v = VietnameseNumber(value);
  return unit == "%" ? v + "%" : v;
}

class CorpusBuilder {
 public:
  // Adds a document; returns its id (1, 2, ...).
  int64_t Doc(const std::string& kind, const std::string& ward, const std::string& province, const std::string& date,
              const std::string& number = "") {
    CorpusDocument d;
    d.id = static_cast<int64_t>(corpus_.documents.size() + 1);
    d.path = "docs/" + std::to_string(d.id) + "-" + kind + ".txt";
    d.kind = kind;
    d.ward_written = ward;
    d.province_written = province;
    d.date = date;
    d.number = number;
    d.format = baocao::Format::kText;
    d.encoding = "utf-8";
    if (!number.empty()) {
      Span s;
      s.line = 3;
      s.text = number;
      d.number_span = s;
    }
    corpus_.documents.push_back(d);
    return d.id;
  }
  // A fact of document `doc` on line `line`; `text` defaults to the value as written. The
  // reference (valid until the next fact) sets what else the fact says it is of (scope...).
  baocao::Fact& Fact(int64_t doc, const std::string& indicator, const std::string& role, double value, const std::string& period,
            const std::string& comparator = "", const std::string& unit = "%", int line = 0, std::string text = "") {
    CorpusFact f;
    f.document = doc;
    f.fact.indicator = indicator;
    f.fact.role = baocao::ParseRole(role).value();
    f.fact.value = value;
    f.fact.unit = unit;
    f.fact.comparator = baocao::ParseComparator(comparator).value();
    f.fact.period = period;
    f.fact.span.line = line ? line : static_cast<int>(corpus_.facts.size() + 10);
    f.fact.span.start = static_cast<size_t>(f.fact.span.line) * 100;
    f.fact.span.end = f.fact.span.start + 5;
    f.fact.span.text = text.empty() ? Written(value, unit) : text;
    corpus_.facts.push_back(f);
    return corpus_.facts.back().fact;
  }
  void Assessment(int64_t doc, const std::string& indicator, bool passed, const std::string& period) {
    CorpusFact f;
    f.document = doc;
    f.fact.indicator = indicator;
    f.fact.role = baocao::Role::kAssessment;
    f.fact.assessment = passed;
    f.fact.period = period;
    f.fact.span.line = static_cast<int>(corpus_.facts.size() + 10);
    f.fact.span.text = passed ? "Đạt" : "Không đạt";
    corpus_.facts.push_back(f);
  }
  void Cite(int64_t doc, const std::string& kind, const std::string& number, const std::string& date,
            const std::string& issuer) {
    CorpusCitation c;
    c.document = doc;
    c.kind = kind;
    c.number = number;
    c.date = date;
    c.issuer = issuer;
    c.span.line = 9;
    c.span.text = kind + " số " + number;
    corpus_.citations.push_back(c);
  }
  Corpus Build() {
    Corpus c = corpus_;
    corpus::ResolveWards(c, Rules());
    return c;
  }

 private:
  Corpus corpus_;
};

inline std::vector<CorpusFlag> OfKind(const std::vector<CorpusFlag>& flags, const std::string& kind) {
  std::vector<CorpusFlag> out;
  for (const CorpusFlag& f : flags) {
    if (f.kind == kind) out.push_back(f);
  }
  return out;
}

}  // namespace baocao::corpus_test
