// Tables: tab-separated rows as PDF converters write them, page breaks undone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "baocao/layout/layout.h"

namespace baocao {
namespace {

using Grid = std::vector<std::vector<std::string>>;

Grid Texts(const std::vector<std::vector<TableCell>>& rows) {
  Grid out;
  for (const auto& row : rows) {
    std::vector<std::string> r;
    for (const TableCell& c : row) r.push_back(c.text);
    out.push_back(r);
  }
  return out;
}

TEST(Layout, SplitsTableRowsIntoCellsWithFirstRowAsHeader) {
  std::string text = "Bảng:\n\nSTT\tNội dung\tKết quả\n1\tHồ sơ\t86,98%\n2\tDịch vụ\t100%\n\nSau bảng.\n";
  Layout layout = AnalyzeLayout(text);
  ASSERT_EQ(layout.tables.size(), 1u);
  const LayoutTable& t = layout.tables[0];
  EXPECT_EQ(Texts(t.header), (Grid{{"STT", "Nội dung", "Kết quả"}}));
  EXPECT_EQ(Texts(t.rows), (Grid{{"1", "Hồ sơ", "86,98%"}, {"2", "Dịch vụ", "100%"}}));
  ASSERT_EQ(t.row_ranges.size(), 2u);
  EXPECT_EQ(text.substr(t.row_ranges[1].begin, t.row_ranges[1].end - t.row_ranges[1].begin), "2\tDịch vụ\t100%");
  const TableCell& cell = t.rows[0][2];
  EXPECT_EQ(text.substr(cell.range.begin, cell.range.end - cell.range.begin), "86,98%");
  EXPECT_EQ(text.substr(t.range.begin, t.range.end - t.range.begin),
            "STT\tNội dung\tKết quả\n1\tHồ sơ\t86,98%\n2\tDịch vụ\t100%");
  ASSERT_EQ(layout.blocks.size(), 3u);
  EXPECT_EQ(layout.blocks[1].kind, BlockKind::kTable);
  EXPECT_EQ(layout.blocks[1].table, 0);
}

TEST(Layout, JoinsRowContinuedAfterPageBreak) {
  // chi-linh Phụ lục II: the header repeated after the break, then the rest of row 31.
  Layout layout = AnalyzeLayout(
      "STT\tNội dung\tChỉ tiêu\tKết quả\tĐánh giá\n"
      "31\tPhối hợp công bố danh mục của thành\tNăm 2025\tHoàn thành\tĐạt\n"
      "\n"
      "STT\tNội dung\tChỉ tiêu\tKết quả\tĐánh giá\n"
      "\tphố\t\t\t\n"
      "32\tTriển khai đánh giá\tThường xuyên\tHoàn thành\tĐạt\n");
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(Texts(layout.tables[0].rows),
            (Grid{{"31", "Phối hợp công bố danh mục của thành phố", "Năm 2025", "Hoàn thành", "Đạt"},
                  {"32", "Triển khai đánh giá", "Thường xuyên", "Hoàn thành", "Đạt"}}));
  EXPECT_EQ(layout.tables[0].header.size(), 1u);
}

TEST(Layout, JoinsContinuationCellByCellAfterBlankLine) {
  // ba-ngoi Phụ lục III row 14: several columns continue at once.
  Layout layout = AnalyzeLayout(
      "Stt\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tKết quả\n"
      "14\tTriển khai dự án ứng dụng\tPhòng Kinh tế,\tPhòng\tDự án\n"
      "\n"
      "\tcông nghệ thông tin\tHạ tầng và Đô thị\tVăn hóa - Xã hội\thoàn thành\n"
      "15\tTriển khai camera\tPhòng Kinh tế\tPhòng Văn hóa\tDự án\n");
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(Texts(layout.tables[0].rows),
            (Grid{{"14", "Triển khai dự án ứng dụng công nghệ thông tin", "Phòng Kinh tế, Hạ tầng và Đô thị",
                   "Phòng Văn hóa - Xã hội", "Dự án hoàn thành"},
                  {"15", "Triển khai camera", "Phòng Kinh tế", "Phòng Văn hóa", "Dự án"}}));
}

TEST(Layout, KeepsTableAcrossBlankLineBeforeNumberedRow) {
  // hong-bang Phụ lục: a page break with no repeated header.
  Layout layout = AnalyzeLayout("STT\tNhiệm vụ\tĐơn vị\n6\tTỷ lệ khai thác\tTrung tâm\n\n7\t100% TTHC\tTrung tâm\n");
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(layout.tables[0].rows.size(), 2u);
}

TEST(Layout, StartsNewTableAtNewHeaderAfterBlankLine) {
  Layout layout = AnalyzeLayout("STT\tA\tB\n1\tx\ty\n\nSTT\tC\tD\tE\n1\tu\tv\tw\n");
  ASSERT_EQ(layout.tables.size(), 2u);
  EXPECT_EQ(layout.tables[1].header[0][1].text, "C");
}

TEST(Layout, AddsSubHeaderLinesToHeader) {
  // trung-thanh Phụ lục IV: three header lines, then data.
  Layout layout = AnalyzeLayout(
      "STT\tSố DVCTT\t\t\t\n"
      "\tCấp Trung ương\t\tCấp tỉnh\t\n"
      "\tToàn trình\tMột phần\tToàn trình\tMột phần\n"
      "..\t\t\t1134\t608\n");
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(layout.tables[0].header.size(), 3u);
  EXPECT_EQ(Texts(layout.tables[0].rows), (Grid{{"..", "", "", "1134", "608"}}));
}

TEST(Layout, RowWithEmptyFirstCellAfterHeaderIsDataWhenItHoldsNumbersOrFitsTheHeader) {
  Layout numbers = AnalyzeLayout("STT\tSố TTHC\t\n\tCấp tỉnh\tCấp xã\n\t1752\t358\n");
  ASSERT_EQ(numbers.tables.size(), 1u);
  EXPECT_EQ(numbers.tables[0].header.size(), 2u);
  EXPECT_EQ(Texts(numbers.tables[0].rows), (Grid{{"", "1752", "358"}}));

  Layout words = AnalyzeLayout("STT\tNội dung\tCơ quan\n\tKhông có\t\n");
  ASSERT_EQ(words.tables.size(), 1u);
  EXPECT_EQ(words.tables[0].header.size(), 1u);
  EXPECT_EQ(words.tables[0].rows.size(), 1u);
}

TEST(Layout, DropsMarkdownSeparatorLines) {
  Layout layout = AnalyzeLayout(
      "STT\tNhóm\tĐã giải quyết?\n-----\t-----\t-----\n\n\tMới\tKéo dài\tĐiểm nghẽn\t\n\t0\t0\t\t\n"
      "1\tx\ty\n---\t---\t---\n");
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(layout.tables[0].header.size(), 2u);
  EXPECT_EQ(Texts(layout.tables[0].rows), (Grid{{"", "0", "0", "", ""}, {"1", "x", "y"}}));
}

TEST(Layout, UpperCaseLineWithEmptyFirstCellRightAfterRowIsItsOwnRow) {
  // trung-thanh Phụ lục X: proposals without a number of their own, and a real continuation.
  Layout layout = AnalyzeLayout(
      "STT\tNội dung\tCơ quan\n"
      "1\tĐề nghị bố trí nguồn lực\tSở A\n"
      "\tĐề nghị nâng cấp nền tảng, khai thác, sử\tSở B\n"
      "\n"
      "\tdụng tại cơ sở\t\n"
      "\tĐề nghị hỗ trợ kinh phí\tSở C\n");
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(Texts(layout.tables[0].rows),
            (Grid{{"1", "Đề nghị bố trí nguồn lực", "Sở A"},
                  {"", "Đề nghị nâng cấp nền tảng, khai thác, sử dụng tại cơ sở", "Sở B"},
                  {"", "Đề nghị hỗ trợ kinh phí", "Sở C"}}));
}

TEST(Layout, LowerCaseContinuationJoinsEvenWithoutBlankLine) {
  Layout layout = AnalyzeLayout("STT\tNội dung\tKết quả\n1\tTriển khai các\tĐạt\n\tnội dung còn lại\t\n");
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(Texts(layout.tables[0].rows), (Grid{{"1", "Triển khai các nội dung còn lại", "Đạt"}}));
}

TEST(Layout, LoneTabLineIsTextNotTable) {
  Layout layout = AnalyzeLayout("Trần Thị\tHồng Vân\n\nĐoạn văn.\n\tThụt đầu dòng.\n");
  EXPECT_TRUE(layout.tables.empty());
  ASSERT_GE(layout.blocks.size(), 2u);
  EXPECT_EQ(layout.blocks[0].kind, BlockKind::kParagraph);
}

TEST(Layout, TextLineEndsTable) {
  Layout layout = AnalyzeLayout("STT\tA\n1\tx\nGhi chú sau bảng\n2\ty\tz\n3\tu\tv\n");
  ASSERT_EQ(layout.tables.size(), 2u);
  EXPECT_EQ(layout.tables[0].rows.size(), 1u);
  EXPECT_EQ(layout.tables[1].rows.size(), 1u);
}

}  // namespace
}  // namespace baocao
