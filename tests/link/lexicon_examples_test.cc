// Runs every example of the indicator lexicon (rules/indicators/*.lex) through the whole
// engine: a `match:` text must yield a fact of that indicator with the expected role and
// value; a `reject:` text no fact of that indicator. One test case per example.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "baocao/emit/names.h"
#include "baocao/pipeline/extract.h"
#include "engine_util.h"

namespace baocao {
namespace {

const Engine& TheEngine() { return testing_util::SharedEngine(); }

}  // namespace

// Failures print the example's place, not the parameter's bytes.
void PrintTo(const LexiconExample& ex, std::ostream* os) { *os << ex.file << ":" << ex.line; }

namespace {

class LexiconExampleTest : public ::testing::TestWithParam<LexiconExample> {};

TEST_P(LexiconExampleTest, HoldsThroughTheEngine) {
  const LexiconExample& ex = GetParam();
  auto result = TheEngine().ExtractBytes(ex.text, "example.txt");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::string seen;
  for (const Fact& f : result->facts) {
    seen += "  " + f.indicator + " " + std::string(NameOf(f.role)) + " " + (f.value ? std::to_string(*f.value) : "-") + "\n";
  }
  if (ex.reject) {
    for (const Fact& f : result->facts) {
      EXPECT_NE(f.indicator, ex.indicator) << ex.file << ":" << ex.line << ": '" << ex.text << "' must not give "
                                           << ex.indicator << ", got:\n" << seen;
    }
    return;
  }
  std::istringstream expected(ex.expected);
  std::string role;
  double value = 0;
  expected >> role >> value;
  bool found = false;
  for (const Fact& f : result->facts) {
    found |= f.indicator == ex.indicator && NameOf(f.role) == role && f.value && std::fabs(*f.value - value) < 1e-9;
  }
  EXPECT_TRUE(found) << ex.file << ":" << ex.line << ": '" << ex.text << "' should give " << ex.indicator << " "
                     << ex.expected << ", got:\n" << seen;
}

std::vector<LexiconExample> AllExamples() { return TheEngine().lexicon().examples(); }

std::string CaseName(const ::testing::TestParamInfo<LexiconExample>& info) {
  std::string name = info.param.indicator + "_line" + std::to_string(info.param.line);
  for (char& ch : name) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Lexicon, LexiconExampleTest, ::testing::ValuesIn(AllExamples()), CaseName);

TEST(Lexicon, EveryCueNamesACatalogueIndicator) {
  auto lex = Lexicon::Load(BAOCAO_RULES_DIR);
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_GE(lex->indicators().size(), 77u);
}

TEST(Lexicon, MatchesDespiteDiacriticSlips) {
  auto lex = Lexicon::Load(BAOCAO_RULES_DIR);
  ASSERT_TRUE(lex.ok());
  // "chuyên đổi số" is an OCR slip for "chuyển đổi số"; matching folds diacritics away.
  EXPECT_EQ(lex->Match("Tỷ lệ doanh nghiệp vừa và nhỏ ứng dụng chuyên đổi số", "rate"), "sme.digital_adoption_rate");
  EXPECT_EQ(lex->Match("ty le nop ho so truc tuyen", "rate"), "tthc.online_application_rate");
}

TEST(Lexicon, MatchesTwoWordsOcrRanTogether) {
  auto lex = Lexicon::Load(BAOCAO_RULES_DIR);
  ASSERT_TRUE(lex.ok());
  // OCR missed the space in "điện tử": the cue "định danh điện tử" still reads.
  EXPECT_EQ(lex->Match("Tỷ lệ người dân có tài khoản định danh điệntử", "rate"), "citizen.vneid_rate");
  // Only whole syllables run together: a word that merely starts like the cue is no match.
  EXPECT_EQ(lex->Match("Tỷ lệ người dân có tài khoản định danh điệnt", "rate"), "");
}

TEST(Lexicon, NeverLinksAPercentageToACountIndicator) {
  auto lex = Lexicon::Load(BAOCAO_RULES_DIR);
  ASSERT_TRUE(lex.ok());
  EXPECT_EQ(lex->Match("Tổng số hồ sơ tiếp nhận", "rate"), "");
}

TEST(Lexicon, UnknownIndicatorIsALoadErrorNamingTheLine) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("baocao_lex_" + std::to_string(::getpid()));
  fs::create_directories(dir / "indicators");
  std::ofstream(dir / "indicators.tsv") << "id\tkind\tunit\tvi_label\ten_label\na.rate\trate\t%\tTỷ lệ\trate\n";
  std::ofstream(dir / "indicators" / "x.lex") << "# ids must exist\nindicator nope.missing\ncue: hồ sơ\n";
  auto lex = Lexicon::Load(dir.string());
  fs::remove_all(dir);
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), ErrorCode::kBadRules);
  EXPECT_NE(lex.status().message().find("x.lex:2"), std::string::npos) << lex.status().message();
}

}  // namespace
}  // namespace baocao
