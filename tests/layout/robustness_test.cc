// AnalyzeLayout never fails and stays linear on hostile input.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "baocao/layout/layout.h"
#include "baocao/layout/meta.h"

namespace baocao {
namespace {

// Every range the layout hands out lies inside the text, in order.
void ExpectRangesInside(const Layout& layout, size_t size) {
  for (const Block& b : layout.blocks) {
    EXPECT_LE(b.range.begin, b.range.end);
    EXPECT_LE(b.range.end, size);
  }
  for (const LayoutTable& t : layout.tables) {
    EXPECT_LE(t.range.end, size);
    for (const auto& row : t.rows) {
      for (const TableCell& c : row) EXPECT_LE(c.range.end, size);
    }
  }
  for (const Section& s : layout.sections) EXPECT_LE(s.range.end, size);
}

TEST(Layout, EmptyTextHasNoStructure) {
  Layout layout = AnalyzeLayout("");
  EXPECT_TRUE(layout.blocks.empty());
  EXPECT_TRUE(layout.sections.empty());
  EXPECT_TRUE(layout.tables.empty());
  EXPECT_FALSE(layout.closing.range);
  EXPECT_EQ(layout.header.kind, "");
}

TEST(Layout, SurvivesOneHugeLine) {
  std::string text(50u << 20, 'a');
  for (size_t i = 0; i < text.size(); i += 7) text[i] = ' ';
  Layout layout = AnalyzeLayout(text);
  ASSERT_EQ(layout.blocks.size(), 1u);
  EXPECT_EQ(layout.blocks[0].kind, BlockKind::kParagraph);
  Meta meta = BuildMeta(layout, text, Gazetteer::FromNames({"Hải Phòng"}));
  EXPECT_FALSE(meta.province);
}

TEST(Layout, SurvivesHugeTabbedLineAndManyTabLines) {
  std::string row;
  for (int i = 0; i < 200000; ++i) row += "ô\t";
  std::string text = "STT\t" + row + "\n";
  for (int i = 0; i < 20000; ++i) text += "\t\t\t\t\n";
  for (int i = 0; i < 20000; ++i) text += "\tphố\t\n";
  Layout layout = AnalyzeLayout(text);
  ExpectRangesInside(layout, text.size());
}

TEST(Layout, LinesOfOnlyTabsAreBlank) {
  Layout layout = AnalyzeLayout("\t\t\t\n\t\n \t \n");
  EXPECT_TRUE(layout.tables.empty());
  EXPECT_TRUE(layout.blocks.empty());
}

TEST(Layout, SurvivesBinaryLookingGarbage) {
  std::mt19937 rng(57);
  for (int round = 0; round < 50; ++round) {
    std::string text(4096, '\0');
    for (char& c : text) c = static_cast<char>(rng() & 0xFF);
    Layout layout = AnalyzeLayout(text);
    ExpectRangesInside(layout, text.size());
    BuildMeta(layout, text, Gazetteer::FromNames({"Hà Nội"}));
  }
}

TEST(Layout, SurvivesStructureWordsInGarbageOrder) {
  const char* pieces[] = {"Số: /BC-UBND", "Nơi nhận:", "KT. CHỦ TỊCH", "\t", "Phần 1", "I.", "1.1.",
                          "- ", "STT\tA\tB", "\tphố\t", "BÁO CÁO", "V/v", "ngày tháng năm 2026", "\n",
                          "\n\n", "Trần Văn An", "Phụ lục", "ỦY BAN NHÂN DÂN", "---\t---", "**"};
  std::mt19937 rng(2026);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int k = 0; k < 60; ++k) text += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
    Layout layout = AnalyzeLayout(text);
    ExpectRangesInside(layout, text.size());
    BuildMeta(layout, text, Gazetteer::FromNames({"Hải Phòng"}));
  }
}

TEST(Layout, ManyShortLinesStayLinear) {
  std::string text;
  for (int i = 0; i < 300000; ++i) text += i % 3 ? "1. Mục\n" : "- ý\n";
  Layout layout = AnalyzeLayout(text);
  EXPECT_EQ(layout.sections.size(), 200000u);
}

}  // namespace
}  // namespace baocao
