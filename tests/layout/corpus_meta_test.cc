// End to end over the gold corpus: bytes -> Normalize -> AnalyzeLayout -> BuildMeta, compared
// with the "meta" of corpus/gold/NAME.json, field by field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "corpus_util.h"
#include "baocao/layout/layout.h"
#include "baocao/layout/meta.h"
#include "baocao/normalize/text.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;

using testing_util::GoldNames;
using testing_util::ReadBytes;

class LayoutCorpus : public testing::TestWithParam<std::string> {};

TEST_P(LayoutCorpus, MetaMatchesGold) {
  const fs::path corpus(BAOCAO_CORPUS_DIR);
  nlohmann::json gold = nlohmann::json::parse(ReadBytes(corpus / "gold" / (GetParam() + ".json")),
                                              /*cb=*/nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(gold.is_discarded());
  std::string bytes = ReadBytes(corpus / "docs" / (GetParam() + ".txt"));
  ASSERT_FALSE(bytes.empty());
  Result<Text> text = Normalize(bytes);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  Result<Gazetteer> places = Gazetteer::Load(std::string(BAOCAO_RULES_DIR) + "/places/provinces.txt");
  ASSERT_TRUE(places.ok()) << places.status().ToString();

  Layout layout = AnalyzeLayout(text->view());
  Meta meta = BuildMeta(layout, text->view(), *places);

  auto value = [](const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(nullptr); };
  const nlohmann::json& want = gold["meta"];
  EXPECT_EQ(nlohmann::json(meta.kind), want["kind"]);
  EXPECT_EQ(value(meta.number), want["number"]);
  EXPECT_EQ(value(meta.symbol), want["symbol"]);
  EXPECT_EQ(value(meta.issuer), want["issuer"]);
  EXPECT_EQ(value(meta.ward), want["ward"]);
  EXPECT_EQ(value(meta.province), want["province"]);
  EXPECT_EQ(value(meta.date), want["date"]);
  EXPECT_EQ(value(meta.signer), want["signer"]);
}

INSTANTIATE_TEST_SUITE_P(Gold, LayoutCorpus, testing::ValuesIn(GoldNames()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name;
                           for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

// Structure the corpus shows, checked on the real files.
TEST(LayoutCorpusStructure, TrungThanhAppendixTablesJoinPageBreaks) {
  std::string bytes = ReadBytes(fs::path(BAOCAO_CORPUS_DIR) / "docs" / "trung-thanh-2026-06-report.txt");
  Result<Text> text = Normalize(bytes);
  ASSERT_TRUE(text.ok());
  Layout layout = AnalyzeLayout(text->view());
  ASSERT_FALSE(layout.tables.empty());
  const LayoutTable& last = layout.tables.back();  // Phụ lục X, repeated after a break
  bool joined = false;
  for (const auto& row : last.rows) {
    for (const TableCell& c : row) joined = joined || c.text.ends_with("khai thác, sử dụng tại cơ sở");
  }
  EXPECT_TRUE(joined);
  for (const auto& row : last.rows) EXPECT_NE(row[0].text, "STT") << "repeated header kept as a row";
  EXPECT_EQ(layout.sections.front().number, "Phần 1");
  EXPECT_EQ(layout.closing.recipients.size(), 7u);
}

TEST(LayoutCorpusStructure, ChiLinhAppendixTablesHaveEveryNumberedRowOnce) {
  std::string bytes = ReadBytes(fs::path(BAOCAO_CORPUS_DIR) / "docs" / "chi-linh-2026-01-report.txt");
  Result<Text> text = Normalize(bytes);
  ASSERT_TRUE(text.ok());
  Layout layout = AnalyzeLayout(text->view());
  ASSERT_EQ(layout.tables.size(), 2u);
  EXPECT_EQ(layout.tables[0].rows.size(), 23u);   // 20 indicators under 3 groups
  EXPECT_EQ(layout.tables[1].rows.size(), 42u);   // 35 tasks under 7 groups
  for (const LayoutTable& t : layout.tables) EXPECT_EQ(t.header.size(), 1u);
  bool pho = false;  // "của thành" + "phổ" (sic) after the repeated header
  for (const auto& row : layout.tables[1].rows) pho = pho || row[1].text.ends_with("của thành phổ");
  EXPECT_TRUE(pho);
}

}  // namespace
}  // namespace baocao
