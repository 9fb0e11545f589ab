// A long text's rules run on two threads (RuleSet::Recognize): the mentions must be those the
// one-thread pass gives. Documents short enough for one thread, joined by blank lines into a
// text long enough for two, must give each document's own mentions at shifted offsets. So must
// a short text read while the rules are cold (a process's first text), which also takes two.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <tuple>

#include "baocao/recognize/recognize.h"

namespace baocao {
namespace {

std::string Slurp(const std::string& name) {
  std::ifstream in(std::string(BAOCAO_CORPUS_DIR) + "/docs/" + name, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

using Key = std::tuple<size_t, size_t, std::string, int, double, std::string, std::string, Comparator>;

Key KeyOf(const Mention& m, size_t shift) {
  return {m.span.normalized.begin + shift, m.span.normalized.end + shift, m.rule_id, static_cast<int>(m.type),
          m.number, m.iso, m.unit, m.comparator};
}

TEST(RuleSetLongText, TwoThreadsFindWhatOneThreadFindsInEachPart) {
  auto loaded = RuleSet::Load(BAOCAO_RULES_DIR);   // a set of its own: no prefilter warmed by others
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const RuleSet& rules = *loaded;
  std::vector<std::string> parts;
  for (const char* name : {"ba-ngoi-2026-plan.txt", "hong-bang-2026-plan.txt", "chi-linh-2026-01-report.txt"}) {
    parts.push_back(Slurp(name));
    ASSERT_FALSE(parts.back().empty()) << name;
    ASSERT_LT(parts.back().size(), 64u * 1024) << name << " would itself be read on two threads";
  }
  while (rules.Cold()) rules.Recognize(parts[0]);   // warm: the parts below are read on one thread
  std::string joined;
  std::vector<Key> expected;
  for (const std::string& part : parts) {
    size_t shift = joined.size();
    for (const Mention& m : rules.Recognize(part)) expected.push_back(KeyOf(m, shift));
    joined += part;
    joined += "\n\n\n";
  }
  ASSERT_GE(joined.size(), 64u * 1024) << "the joined text must take the two-thread path";
  std::vector<Key> got;
  for (const Mention& m : rules.Recognize(joined)) got.push_back(KeyOf(m, 0));
  ASSERT_GT(expected.size(), 300u);
  EXPECT_EQ(got, expected);
}

TEST(RuleSetColdStart, ReadsAShortTextOnTwoThreadsWhileColdAndFindsWhatOneThreadFinds) {
  auto loaded = RuleSet::Load(BAOCAO_RULES_DIR);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const RuleSet& rules = *loaded;
  const std::string text = Slurp("chi-linh-2026-01-report.txt");
  ASSERT_LT(text.size(), 64u * 1024) << "a short text: one thread once the rules are warm";
  EXPECT_TRUE(rules.Cold());
  std::vector<Key> cold;
  for (const Mention& m : rules.Recognize(text)) cold.push_back(KeyOf(m, 0));
  while (rules.Cold()) rules.Recognize(text);
  EXPECT_FALSE(rules.Cold());
  std::vector<Key> warm;
  for (const Mention& m : rules.Recognize(text)) warm.push_back(KeyOf(m, 0));
  ASSERT_GT(warm.size(), 100u);
  EXPECT_EQ(cold, warm);
}

}  // namespace
}  // namespace baocao
