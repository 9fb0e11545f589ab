// Sections, list items and paragraphs.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "baocao/layout/layout.h"

namespace baocao {
namespace {

struct HeadingCase {
  const char* line;
  bool heading;
  const char* number;
};

class LayoutHeading : public testing::TestWithParam<HeadingCase> {};

TEST_P(LayoutHeading, RecognizesSectionMarkers) {
  const HeadingCase& c = GetParam();
  Layout layout = AnalyzeLayout(std::string("Mở đầu.\n\n") + c.line + "\n");
  if (!c.heading) {
    EXPECT_TRUE(layout.sections.empty()) << c.line;
    return;
  }
  ASSERT_EQ(layout.sections.size(), 1u) << c.line;
  EXPECT_EQ(layout.sections[0].number, c.number);
}

const HeadingCase kHeadingCases[] = {
    {"Phần 1", true, "Phần 1"},
    {"PHẦN II. KẾT QUẢ", true, "PHẦN II"},
    {"Phụ lục I:", true, "Phụ lục I"},
    {"PHỤ LỤC", true, "PHỤ LỤC"},
    {"I. KẾT QUẢ THỰC HIỆN", true, "I"},
    {"IV. VỀ CHUYÊN ĐỔI SỐ", true, "IV"},
    {"1. Công tác lãnh đạo, chỉ đạo", true, "1"},
    {"2.5. Kết quả thực hiện nhiệm vụ", true, "2.5"},
    {"2.1 Phát triển hạ tầng số", true, "2.1"},
    {"a) Mục tiêu chung", true, "a"},
    {"1. Phụ lục I. Công tác chỉ đạo, điều hành", true, "Phụ lục I"},
    {"- Tổng hồ sơ tiếp nhận: 7.569 hồ sơ.", false, ""},
    {"+ DVC trực tuyến một phần: 160 TTHC;", false, ""},
    {"12.456 hồ sơ đã được tiếp nhận", false, ""},
    {"1.5 năm triển khai", false, ""},
    {"1. hồ sơ còn lại", false, ""},
    {"2. Giao các phòng chủ trì;", false, ""},
    {"Phần lớn hồ sơ được giải quyết đúng hạn.", false, ""},
    {"Phụ lục phân công nhiệm vụ kèm theo", false, ""},
    {"1. Căn cứ Kế hoạch của Ủy ban nhân dân phường và Phụ lục phân công nhiệm vụ, thủ trưởng các "
     "cơ quan, đơn vị xây dựng kế hoạch cụ thể, tổ chức triển khai, kiểm tra, đôn đốc, báo cáo kết quả "
     "thực hiện định kỳ về Ủy ban nhân dân phường qua Phòng Văn hóa - Xã hội để tổng hợp theo quy định.",
     false, ""},
};

INSTANTIATE_TEST_SUITE_P(Cases, LayoutHeading, testing::ValuesIn(kHeadingCases),
                         [](const testing::TestParamInfo<HeadingCase>& info) {
                           std::string name = (info.param.heading ? "Heading" : "Text") + std::to_string(info.index);
                           for (const char* p = info.param.line; *p && name.size() < 40; ++p) {
                             if (std::isalnum(static_cast<unsigned char>(*p))) name += *p;
                           }
                           return name;
                         });

TEST(Layout, NestsSectionsByMarkerRank) {
  Layout layout = AnalyzeLayout(
      "Phần 1\n\nTÌNH HÌNH, KẾT QUẢ THỰC HIỆN\n\nI. Kết quả nổi bật\n\n1. Chuyển biến\n\n1.1. Chi tiết\n\n"
      "2. Tồn tại\n\nII. VỀ CHỈ ĐẠO\n\nPhần 2\n\nHÀNH ĐỘNG\n\nI. HÀNH ĐỘNG ĐỘT PHÁ\n");
  ASSERT_EQ(layout.sections.size(), 8u);
  struct Want {
    const char* number;
    int level;
  } want[] = {{"Phần 1", 1}, {"I", 2}, {"1", 3}, {"1.1", 4}, {"2", 3}, {"II", 2}, {"Phần 2", 1}, {"I", 2}};
  for (size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(layout.sections[i].number, want[i].number) << i;
    EXPECT_EQ(layout.sections[i].level, want[i].level) << i;
  }
  EXPECT_EQ(layout.sections[0].title, "TÌNH HÌNH, KẾT QUẢ THỰC HIỆN");
  EXPECT_EQ(layout.sections[3].line, 9);
}

TEST(Layout, AppendixTakesTitleFromFollowingLinesButNotItsNote) {
  Layout layout = AnalyzeLayout(
      "Phụ lục II\nDANH MỤC CÁC NHIỆM VỤ\nVỀ NGHỊ QUYẾT 57\n(Ban hành kèm theo Kế hoạch số /KH-UBND)\n\n"
      "TT\tTên nhiệm vụ\n1\tXây dựng\n");
  ASSERT_EQ(layout.sections.size(), 1u);
  EXPECT_EQ(layout.sections[0].title, "DANH MỤC CÁC NHIỆM VỤ VỀ NGHỊ QUYẾT 57");
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(layout.tables[0].section, 0);
}

TEST(Layout, AppendixAfterClosingStartsAtTopLevel) {
  Layout layout = AnalyzeLayout(
      "I. KẾT QUẢ\n\n1. Công tác\n\nNội dung.\n\nNơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
      "Trần Thị Hồng Vân\n\nPhụ lục I:\nKết quả mục tiêu\n");
  ASSERT_EQ(layout.sections.size(), 3u);
  EXPECT_EQ(layout.sections[2].number, "Phụ lục I");
  EXPECT_EQ(layout.sections[2].level, 1);
  EXPECT_EQ(layout.sections[2].title, "Kết quả mục tiêu");
}

TEST(Layout, SplitsListItemsFromParagraphsAndJoinsWrappedLines) {
  std::string text =
      "Mở đầu đoạn văn\ntiếp tục dòng sau.\n\n- Mục một;\n+ Mục hai\nnối dòng.\n• Mục ba\n* Mục bốn\n\nĐoạn cuối.\n";
  Layout layout = AnalyzeLayout(text);
  std::vector<BlockKind> kinds;
  std::vector<std::string> texts;
  for (const Block& b : layout.blocks) {
    kinds.push_back(b.kind);
    texts.push_back(text.substr(b.range.begin, b.range.end - b.range.begin));
  }
  std::vector<BlockKind> want = {BlockKind::kParagraph, BlockKind::kListItem, BlockKind::kListItem,
                                 BlockKind::kListItem, BlockKind::kListItem, BlockKind::kParagraph};
  EXPECT_EQ(kinds, want);
  ASSERT_EQ(texts.size(), 6u);
  EXPECT_EQ(texts[0], "Mở đầu đoạn văn\ntiếp tục dòng sau.");
  EXPECT_EQ(texts[2], "+ Mục hai\nnối dòng.");
}

TEST(Layout, BlocksCarryTheirSection) {
  Layout layout = AnalyzeLayout("Trước.\n\nI. MỘT\n\nTrong một.\n\nII. HAI\n\n- Trong hai\n");
  ASSERT_EQ(layout.blocks.size(), 5u);
  EXPECT_EQ(layout.blocks[0].section, -1);
  EXPECT_EQ(layout.blocks[1].kind, BlockKind::kHeading);
  EXPECT_EQ(layout.blocks[2].section, 0);
  EXPECT_EQ(layout.blocks[4].section, 1);
}

}  // namespace
}  // namespace baocao
