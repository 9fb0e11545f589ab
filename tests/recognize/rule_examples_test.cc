// Runs every example written in the rule files (rules/**/*.rules): each `match:` must produce
// a mention from that rule with the expected value, each `reject:` no mention of the rule's
// type. One test case per example, named by file and line, so one failure hides no other.
#include <gtest/gtest.h>

#include "baocao/recognize/recognize.h"

namespace baocao {
namespace {

const RuleSet& Rules() {
  static RuleSet* rules = [] {
    auto loaded = RuleSet::Load(BAOCAO_RULES_DIR);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().ToString();
      std::abort();
    }
    return new RuleSet(std::move(loaded).value());
  }();
  return *rules;
}

struct Case {
  RuleInfo rule;
  RuleExample example;
};

std::vector<Case> AllExamples() {
  std::vector<Case> cases;
  for (const RuleInfo& rule : Rules().rules()) {
    for (const RuleExample& ex : rule.examples) cases.push_back({rule, ex});
  }
  return cases;
}

// Failures print the example's place, not the parameter's bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.example.file << ":" << c.example.line; }

class RuleExampleTest : public ::testing::TestWithParam<Case> {};

TEST_P(RuleExampleTest, HoldsForTheWholeRuleSet) {
  const Case& c = GetParam();
  std::vector<Mention> found = Rules().Recognize(c.example.text);
  std::string seen;
  for (const Mention& m : found) seen += "  " + m.rule_id + ": " + RenderMention(m) + "\n";
  if (c.example.reject) {
    for (const Mention& m : found) {
      bool same_kind = c.rule.type == "skip" || c.rule.type == "comparator" ? false : MentionTypeName(m.type) == c.rule.type;
      EXPECT_FALSE(same_kind) << c.example.file << ":" << c.example.line << ": '" << c.example.text
                              << "' must give no " << c.rule.type << ", got:\n" << seen;
    }
    if (c.rule.type == "skip") {
      // A skip rule's reject example: no number may be read inside what it claims.
      for (const Mention& m : found) {
        EXPECT_NE(m.type, MentionType::kNumber) << c.example.file << ":" << c.example.line << ": '"
                                                << c.example.text << "' gave a number:\n" << seen;
      }
    }
    return;
  }
  bool matched = false;
  for (const Mention& m : found) matched |= m.rule_id == c.rule.id && RenderMention(m) == c.example.expected;
  EXPECT_TRUE(matched) << c.example.file << ":" << c.example.line << ": '" << c.example.text << "' should give "
                       << c.rule.id << " => " << c.example.expected << ", got:\n" << seen;
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.rule.id + "_line" + std::to_string(info.param.example.line);
  for (char& ch : name) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleExampleTest, ::testing::ValuesIn(AllExamples()), CaseName);

TEST(RuleSet, EveryRuleHasAnExample) {
  for (const RuleInfo& rule : Rules().rules()) {
    if (rule.type == "comparator") continue;  // exercised by the numeric rules' examples
    EXPECT_FALSE(rule.examples.empty()) << rule.file << ":" << rule.line << ": rule " << rule.id << " has no example";
  }
}

TEST(RuleSet, BadPatternNamesFileAndLine) {
  auto loaded = RuleSet::LoadString("rule x.bad\ntype: number\npattern: (?P<num>[0-9\n", "bad.rules");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kBadRules);
  EXPECT_NE(loaded.status().message().find("bad.rules:3"), std::string::npos) << loaded.status().message();
}

TEST(RuleSet, UnknownMacroIsALoadError) {
  auto loaded = RuleSet::LoadString("rule x.macro\ntype: number\npattern: {NOPE}\n", "m.rules");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("NOPE"), std::string::npos);
}

TEST(RuleSet, RuleWithoutPatternIsALoadError) {
  auto loaded = RuleSet::LoadString("rule x.empty\ntype: number\n", "e.rules");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("e.rules:1"), std::string::npos);
}

}  // namespace
}  // namespace baocao
