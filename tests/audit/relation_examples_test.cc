// Runs every example of the relation files (rules/audit/*.rel, `examples` blocks) through the
// engine, as the body of a ward's report dated 10/6/2026 (testing_util::kReport): a `holds:`
// passage must list its relation among the checks, holding, and raise no flag of it; a `breaks:`
// passage must raise the flag of its relation's kind. Stocks and scopes are no checks of their
// own: a stock's passages state one count as of one date twice (an agreeing check, or
// conflicting_values); a scope's `holds:` passage states two values of one indicator that the
// scope sets apart (no conflicting_values), its `breaks:` passage the same without the scope's
// words (conflicting_values). One test case per example, named by file and line, so one failure
// hides no other (as tests/recognize/rule_examples_test.cc for the recognition rules).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "baocao/emit/names.h"
#include "audit_util.h"
#include "baocao/audit/audit.h"

namespace baocao {

// Failures print the example's place, not the parameter's bytes (gtest finds PrintTo by
// argument-dependent lookup: it stands in RelationExample's own namespace).
void PrintTo(const RelationExample& e, std::ostream* os) { *os << e.file << ":" << e.line; }

namespace {

const AuditRules& Rules() {
  static const AuditRules* rules = [] {
    Result<AuditRules> loaded = AuditRules::Load(BAOCAO_RULES_DIR);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().ToString();
      std::abort();
    }
    return new AuditRules(std::move(loaded).value());
  }();
  return *rules;
}

std::string Place(const RelationExample& e) { return e.file + ":" + std::to_string(e.line); }

// The flags a broken relation of each directive raises (rules/audit/README.md, "Format").
std::vector<std::string> FlagKinds(const std::string& directive) {
  if (directive == "exclusive") return {"status_overlap", "sum_mismatch"};
  if (directive == "ratio") return {"ratio_mismatch"};
  if (directive == "part" || directive == "cap") return {"magnitude_anomaly"};
  if (directive == "stock" || directive == "scope") return {"conflicting_values"};
  return {"sum_mismatch"};
}

bool Shares(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& id) { return std::count(b.begin(), b.end(), id) > 0; });
}

// What the audit said of a passage, for a failure message.
std::string Seen(const Extraction& x) {
  std::string out;
  for (const Fact& f : x.facts) out += "  fact " + f.indicator + " " + std::string(NameOf(f.role)) + " " + (f.value ? std::to_string(*f.value) : "-") + "\n";
  for (const Check& k : x.checks) out += "  check " + k.relation + " " + k.rule + (k.holds ? "" : " (broken)") + "\n";
  for (const Flag& f : x.flags) out += "  flag " + f.kind + " " + f.rule + ": " + f.explanation + "\n";
  return out;
}

bool HasFlag(const Extraction& x, const std::string& rule, const std::vector<std::string>& kinds) {
  return std::any_of(x.flags.begin(), x.flags.end(), [&](const Flag& f) {
    return f.rule == rule && std::count(kinds.begin(), kinds.end(), f.kind) > 0;
  });
}

// A value the cap applies to: of its indicator, or of every indicator of its kind ("kind:rate").
bool Capped(const Fact& f, const std::string& anchor) {
  const std::string kind_prefix = "kind:";
  if (anchor.rfind(kind_prefix, 0) != 0) return f.indicator == anchor;
  auto label = Rules().catalogue.find(f.indicator);
  return label != Rules().catalogue.end() && label->second.kind == anchor.substr(kind_prefix.size());
}

// Two values of one indicator that differ: what a scope may set apart.
bool TwoValuesOfOneIndicator(const Extraction& x) {
  std::map<std::string, std::set<double>> values;
  for (const Fact& f : x.facts) {
    if (f.value) values[f.indicator].insert(*f.value);
  }
  return std::any_of(values.begin(), values.end(), [](const auto& v) { return v.second.size() >= 2; });
}

void ExpectRelation(const RelationExample& e, const Extraction& x) {
  const std::vector<std::string> kinds = FlagKinds(e.directive);
  if (!e.holds) {
    EXPECT_TRUE(HasFlag(x, e.relation, kinds)) << Place(e) << ": no " << kinds.front() << " of " << e.relation << " in '"
                                               << e.text << "'; the audit said:\n" << Seen(x);
    return;
  }
  bool listed = std::any_of(x.checks.begin(), x.checks.end(), [&](const Check& k) { return k.rule == e.relation && k.holds; });
  bool flagged = std::any_of(x.flags.begin(), x.flags.end(), [&](const Flag& f) { return f.rule == e.relation; });
  EXPECT_TRUE(listed && !flagged) << Place(e) << ": " << e.relation << " should be found holding in '" << e.text
                                  << "'; the audit said:\n" << Seen(x);
}

void ExpectCap(const RelationExample& e, const Extraction& x) {
  if (!e.holds) {
    EXPECT_TRUE(HasFlag(x, e.relation, FlagKinds(e.directive))) << Place(e) << ": no magnitude_anomaly of " << e.relation
                                                                << " in '" << e.text << "'; the audit said:\n" << Seen(x);
    return;
  }
  // A value under its cap is no check of its own: the value is read, and nothing is flagged.
  const std::string& anchor = e.indicators.front();
  bool read = std::any_of(x.facts.begin(), x.facts.end(), [&](const Fact& f) { return f.value && Capped(f, anchor); });
  bool flagged = std::any_of(x.flags.begin(), x.flags.end(), [&](const Flag& f) { return f.rule == e.relation; });
  EXPECT_TRUE(read && !flagged) << Place(e) << ": a value of " << anchor << " under its cap should be read in '" << e.text
                                << "' and not flagged; the audit said:\n" << Seen(x);
}

void ExpectStock(const RelationExample& e, const Extraction& x) {
  if (!e.holds) {
    bool flagged = std::any_of(x.flags.begin(), x.flags.end(), [&](const Flag& f) {
      return f.kind == "conflicting_values" && Shares(f.indicators, e.indicators);
    });
    EXPECT_TRUE(flagged) << Place(e) << ": two counts of one date should conflict in '" << e.text << "'; the audit said:\n"
                         << Seen(x);
    return;
  }
  bool agreed = std::any_of(x.checks.begin(), x.checks.end(), [&](const Check& k) {
    return k.relation == "agree" && k.rule == "builtin:conflicting_values" && k.holds && Shares(k.indicators, e.indicators);
  });
  EXPECT_TRUE(agreed) << Place(e) << ": two counts of one date should agree in '" << e.text << "'; the audit said:\n" << Seen(x);
}

void ExpectScope(const RelationExample& e, const Extraction& x) {
  bool conflict = std::any_of(x.flags.begin(), x.flags.end(), [](const Flag& f) { return f.kind == "conflicting_values"; });
  if (!e.holds) {
    EXPECT_TRUE(conflict) << Place(e) << ": without the scope's words the two values should conflict in '" << e.text
                          << "'; the audit said:\n" << Seen(x);
    return;
  }
  EXPECT_TRUE(TwoValuesOfOneIndicator(x) && !conflict) << Place(e) << ": scope " << e.scope
                                                       << " should set two values of one indicator apart in '" << e.text
                                                       << "'; the audit said:\n" << Seen(x);
}

class RelationExampleTest : public ::testing::TestWithParam<RelationExample> {};

TEST_P(RelationExampleTest, HoldsOrBreaksAsWritten) {
  const RelationExample& e = GetParam();
  const Extraction x = testing_util::Audited(testing_util::kReport + e.text + "\n");
  if (e.directive == "stock") ExpectStock(e, x);
  else if (e.directive == "scope") ExpectScope(e, x);
  else if (e.directive == "cap") ExpectCap(e, x);
  else ExpectRelation(e, x);
}

std::string CaseName(const ::testing::TestParamInfo<RelationExample>& info) {
  std::string file = info.param.file.substr(info.param.file.rfind('/') + 1);
  std::string name = file + "_line" + std::to_string(info.param.line) + (info.param.holds ? "_holds" : "_breaks");
  for (char& ch : name) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Relations, RelationExampleTest, ::testing::ValuesIn(Rules().examples), CaseName);

// Every relation, stock and scope of the shipped files has a passage where it holds and one where
// it breaks (a relation that no text can state would say why in a comment instead).
TEST(RelationExamples, EveryRelationStockAndScopeHasBoth) {
  auto has = [&](auto&& about, bool holds) {
    return std::any_of(Rules().examples.begin(), Rules().examples.end(),
                       [&](const RelationExample& e) { return e.holds == holds && about(e); });
  };
  for (const Relation& r : Rules().relations) {
    auto of = [&](const RelationExample& e) { return e.relation == r.where; };
    EXPECT_TRUE(has(of, true) && has(of, false)) << r.where << ": a relation without holds: and breaks: examples";
  }
  for (const std::string& id : Rules().stocks) {
    auto of = [&](const RelationExample& e) { return e.directive == "stock" && std::count(e.indicators.begin(), e.indicators.end(), id); };
    EXPECT_TRUE(has(of, true) && has(of, false)) << "stock " << id << ": no holds: and breaks: examples";
  }
  for (const Scope& s : Rules().scopes) {
    auto of = [&](const RelationExample& e) { return e.directive == "scope" && e.scope == s.name; };
    EXPECT_TRUE(has(of, true) && has(of, false)) << "scope " << s.name << ": no holds: and breaks: examples";
  }
}

}  // namespace
}  // namespace baocao
