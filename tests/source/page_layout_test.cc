// The page layout: positioned words to the page text the engine reads (reading order,
// paragraphs, two columns, tables as tab rows, rows broken by a page break, running headers).
// Pages are made of words placed by hand (test_pdf.h), so each case shows one behaviour.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/layout/layout.h"
#include "core/tuning.h"
#include "source/compose.h"
#include "source/page_model.h"
#include "test_pdf.h"

namespace baocao::pdf_internal {
namespace {

using testing_util::LineSpec;
using testing_util::MakePage;
using testing_util::Piece;

constexpr float kSize = 12;            // 6 points a character, 3 a space, lines 13.8 high
constexpr float kPitch = 16.5f;        // line pitch of running text
constexpr float kLeft = 72, kRight = 522;
const ComposeTuning kDefaults{};       // the thresholds the engine reads with

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A justified paragraph from `y`: words wrapped to [left, right], every line but the last
// stretched to the right edge, as a word processor sets it.
std::vector<LineSpec> Paragraph(const std::string& text, float y, float left = kLeft, float right = kRight,
                                float indent = 0) {
  std::vector<LineSpec> lines;
  std::vector<std::string> words = Words(text);
  size_t i = 0;
  while (i < words.size()) {
    float start = left + (lines.empty() ? indent : 0);
    std::vector<std::string> line;
    float width = 0;
    while (i < words.size()) {
      float w = 6.0f * static_cast<float>(testing_util::CodePoints(words[i]));
      float need = line.empty() ? w : width + 3 + w;
      if (start + need > right && !line.empty()) break;
      line.push_back(words[i++]);
      width = need;
    }
    bool last = i >= words.size();
    float gap = 3;
    if (!last && line.size() > 1) gap = 3 + (right - start - width) / static_cast<float>(line.size() - 1);
    LineSpec spec{y + static_cast<float>(lines.size()) * kPitch, {}, kSize};
    float x = start;
    for (const std::string& w : line) {
      spec.pieces.push_back({x, w});
      x += 6.0f * static_cast<float>(testing_util::CodePoints(w)) + gap;
    }
    lines.push_back(spec);
  }
  return lines;
}

std::vector<LineSpec> Concat(std::vector<std::vector<LineSpec>> parts) {
  std::vector<LineSpec> out;
  for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::string Compose(const std::vector<LineSpec>& lines) {
  LayoutCarry carry;
  return ComposePage(MakePage(lines), carry, false, kDefaults).text;
}

const char* kLong1 =
    "Ủy ban nhân dân phường báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị "
    "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn phường.";
const char* kLong2 =
    "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt 86,98%, vượt chỉ tiêu được giao; tỷ lệ người dân "
    "có tài khoản định danh điện tử đạt 81,08%.";

TEST(PageLayout, ReadsLinesTopToBottomWordsLeftToRight) {
  // Words listed out of order, as content streams often draw them.
  std::string text = Compose({{200, {{132, "bên phải"}}}, {100, {{72, "Dòng đầu"}}}, {200, {{72, "Dòng sau,"}}}});
  EXPECT_EQ(text, "Dòng đầu\n\nDòng sau, bên phải\n");
}

TEST(PageLayout, JoinsTheLinesOfAParagraphAndSeparatesParagraphs) {
  std::vector<LineSpec> first = Paragraph(kLong1, 100);
  float next = 100 + static_cast<float>(first.size()) * kPitch + 6;   // paragraph spacing
  std::string text = Compose(Concat({first, Paragraph(kLong2, next)}));
  EXPECT_EQ(text, std::string(kLong1) + "\n\n" + kLong2 + "\n");
}

TEST(PageLayout, KeepsShortLinesAndListItemsOnLinesOfTheirOwn) {
  std::string text = Compose({{100, {{72, "Nơi nhận:"}}},
                              {100 + kPitch, {{72, "- Như trên;"}}},
                              {100 + 2 * kPitch, {{72, "- Lưu: VT."}}}});
  EXPECT_EQ(text, "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n");
}

TEST(PageLayout, AnIndentedLineOpensAParagraph) {
  std::vector<LineSpec> lines = Paragraph(kLong1, 100, kLeft, kRight, 36);
  std::vector<LineSpec> more = Paragraph(kLong2, 100 + static_cast<float>(lines.size()) * kPitch, kLeft, kRight, 36);
  std::string text = Compose(Concat({lines, more}));
  EXPECT_EQ(text, std::string(kLong1) + "\n\n" + kLong2 + "\n");
}

TEST(PageLayout, JoinsAWordBrokenByAHyphenAndKeepsHyphensOfSymbols) {
  // "57-" + "NQ/TW" is a symbol cut at its hyphen: joined, hyphen kept; "com-" + "puter" is a
  // word broken between two lowercase letters: the hyphen goes.
  std::string a = Compose({{100, {{72, "Thực hiện Nghị quyết số 57-"}}}, {100 + kPitch, {{72, "NQ/TW của Bộ Chính trị."}}}});
  EXPECT_NE(a.find("số 57-NQ/TW của"), std::string::npos) << a;
  std::string b = Compose({{100, {{72, "Trang bị máy tính và thiết bị com-"}}}, {100 + kPitch, {{72, "puter cho cán bộ."}}}});
  EXPECT_NE(b.find("thiết bị computer cho"), std::string::npos) << b;
}

TEST(PageLayout, AHyphenSetAsAWordOfItsOwnLeavesNoEmptyBoxWhenDropped) {
  // Some PDFs draw a line-end hyphen as its own text run: once the word is joined, the
  // hyphen's box points at nothing and goes, rather than staying as an empty word.
  std::string head = "Trang bị máy tính và thiết bị com";
  // MakePage sets 6 points a letter and 3 a space: the hyphen touches "com".
  float spaces = static_cast<float>(std::count(head.begin(), head.end(), ' '));
  float hyphen_x = 72 + 6.0f * static_cast<float>(testing_util::CodePoints(head)) - 3 * spaces;
  LayoutCarry carry;
  ComposedPage out = ComposePage(MakePage({{100, {{72, head}, {hyphen_x, "-"}}}, {100 + kPitch, {{72, "puter cho cán bộ."}}}}),
                                 carry, true, kDefaults);
  EXPECT_NE(out.text.find("thiết bị computer cho"), std::string::npos) << out.text;
  for (const WordSpan& w : out.words) {
    EXPECT_LT(w.begin, w.end);
    EXPECT_LE(w.end, out.text.size());
  }
}

TEST(PageLayout, ReadsTwoColumnsLeftColumnFirst) {
  const char* left_text =
      "Cột trái nói về kết quả thực hiện nhiệm vụ chuyển đổi số của phường trong năm qua với nhiều chuyển biến "
      "tích cực về hạ tầng, dữ liệu và nguồn nhân lực phục vụ người dân và doanh nghiệp trên địa bàn.";
  const char* right_text =
      "Cột phải nói về phương hướng nhiệm vụ năm tới: tiếp tục hoàn thiện thể chế, đẩy mạnh dịch vụ công trực "
      "tuyến toàn trình và nâng cao kỹ năng số cho cán bộ, công chức và người dân trên địa bàn phường.";
  std::vector<LineSpec> left = Paragraph(left_text, 100, 72, 287);
  std::vector<LineSpec> right = Paragraph(right_text, 100, 307, 522);
  // Same baselines: each visual line holds words of both columns.
  std::vector<LineSpec> lines;
  for (size_t i = 0; i < std::max(left.size(), right.size()); ++i) {
    LineSpec l{100 + static_cast<float>(i) * kPitch, {}, kSize};
    if (i < left.size()) l.pieces = left[i].pieces;
    if (i < right.size()) l.pieces.insert(l.pieces.end(), right[i].pieces.begin(), right[i].pieces.end());
    lines.push_back(l);
  }
  std::string text = Compose(lines);
  EXPECT_EQ(text, std::string(left_text) + "\n\n" + right_text + "\n");
}

// A table row: cells at the given x, on one line at `y`.
LineSpec Row(float y, std::vector<Piece> cells, float size = 10) { return LineSpec{y, std::move(cells), size}; }

TEST(PageLayout, WritesATableAsTabSeparatedRows) {
  // Bordered cells with padding: rows 17.5 apart, a wrapped cell's lines 11.5 apart.
  std::string text = Compose({
      Row(100, {{72, "STT"}, {110, "Nội dung"}, {380, "Chỉ tiêu"}, {450, "Kết quả"}}),
      Row(117.5, {{72, "1"}, {110, "Tỷ lệ hồ sơ xử lý trực tuyến"}, {380, "≥ 70%"}, {450, "86,98%"}}),
      Row(135, {{72, "2"}, {110, "Tỷ lệ người dân có tài khoản định danh"}, {380, "≥ 70%"}, {450, "81,08%"}}),
      Row(146.5, {{110, "điện tử VNeID"}}),
      Row(164, {{72, "3"}, {110, "Số thủ tục hành chính"}, {380, "-"}, {450, "377"}}),
  });
  EXPECT_EQ(text,
            "STT\tNội dung\tChỉ tiêu\tKết quả\n"
            "1\tTỷ lệ hồ sơ xử lý trực tuyến\t≥ 70%\t86,98%\n"
            "2\tTỷ lệ người dân có tài khoản định danh điện tử VNeID\t≥ 70%\t81,08%\n"
            "3\tSố thủ tục hành chính\t-\t377\n");
}

TEST(PageLayout, NumbersTellRowsApartWhenNothingElseDoes) {
  // No padding between rows: a line without a number belongs to the numbered line above it,
  // unless it sits closer to the one below (a number set in the middle of a tall row).
  float p = 11.5f;
  std::string text = Compose({
      Row(100, {{72, "STT"}, {110, "Đơn vị"}, {380, "Điểm"}, {450, "Chỉ số"}}),
      Row(100 + p, {{72, "1"}, {110, "Sở Tư pháp"}, {380, "14,50"}, {450, "93,10%"}}),
      Row(100 + 2 * p, {{110, "Sở Khoa học và"}}),
      Row(100 + 2.5f * p, {{72, "2"}, {380, "12,50"}, {450, "76,00%"}}),
      Row(100 + 3 * p, {{110, "Công nghệ"}}),
      Row(100 + 4 * p, {{72, "3"}, {110, "Sở Xây dựng và"}, {380, "12,00"}, {450, "80,00%"}}),
      Row(100 + 5 * p, {{110, "Quy hoạch"}}),
      Row(100 + 6 * p, {{72, "4"}, {110, "Sở Y tế"}, {380, "6,00"}, {450, "41,38%"}}),
  });
  EXPECT_EQ(text,
            "STT\tĐơn vị\tĐiểm\tChỉ số\n"
            "1\tSở Tư pháp\t14,50\t93,10%\n"
            "2\tSở Khoa học và Công nghệ\t12,50\t76,00%\n"
            "3\tSở Xây dựng và Quy hoạch\t12,00\t80,00%\n"
            "4\tSở Y tế\t6,00\t41,38%\n");
}

TEST(PageLayout, AHeadingOverTwoLinesIsOneRow) {
  std::string text = Compose({
      Row(100, {{72, "STT"}, {110, "Đơn vị"}, {380, "Điểm tự"}, {450, "Chỉ số"}}),
      Row(111.5, {{380, "đánh giá"}}),
      Row(129, {{72, "1"}, {110, "Sở Nội vụ"}, {380, "12,50"}, {450, "84,00%"}}),
      Row(146.5, {{72, "2"}, {110, "Sở Tài chính"}, {380, "12,50"}, {450, "48,00%"}}),
  });
  EXPECT_EQ(text, "STT\tĐơn vị\tĐiểm tự đánh giá\tChỉ số\n1\tSở Nội vụ\t12,50\t84,00%\n2\tSở Tài chính\t12,50\t48,00%\n");
}

TEST(PageLayout, AHeadingOverMergedCellsKeepsItsOwnRow) {
  // "Số DVCTT" is centred over the two columns below it, as the text versions write a heading
  // over several columns: its own row, in the first column of its span.
  std::string text = Compose({
      Row(100, {{72, "STT"}, {266, "Số DVCTT"}}),
      Row(117.5, {{150, "Cấp tỉnh"}, {380, "Cấp xã"}}),
      Row(135, {{72, "1"}, {150, "1134"}, {380, "196"}}),
      Row(152.5, {{72, "2"}, {150, "608"}, {380, "162"}}),
  });
  EXPECT_EQ(text, "STT\tSố DVCTT\t\n\tCấp tỉnh\tCấp xã\n1\t1134\t196\n2\t608\t162\n");
}

TEST(PageLayout, ARowBrokenByAPageBreakGoesOnWithAnEmptyFirstCell) {
  LayoutCarry carry;
  PageModel first = MakePage({
      Row(700, {{72, "STT"}, {110, "Nhiệm vụ"}, {400, "Thời gian"}}),
      Row(717.5, {{72, "1"}, {110, "Xây dựng kế hoạch chuyển đổi số"}, {400, "Quý I"}}),
      Row(735, {{72, "2"}, {110, "Triển khai dịch vụ công trực tuyến"}, {400, "Quý II"}}),
      Row(746.5, {{110, "toàn trình cho"}}),
  });
  PageModel second = MakePage({
      Row(60, {{110, "người dân và doanh nghiệp"}}),
      Row(77.5, {{72, "3"}, {110, "Tập huấn kỹ năng số"}, {400, "Quý III"}}),
      Row(95, {{72, "4"}, {110, "Đánh giá kết quả"}, {400, "Quý IV"}}),
  }, 2);
  std::string one = ComposePage(first, carry, false, kDefaults).text;
  EXPECT_TRUE(carry.ended_in_table);
  std::string two = ComposePage(second, carry, false, kDefaults).text;
  EXPECT_EQ(two, "\tngười dân và doanh nghiệp\t\n3\tTập huấn kỹ năng số\tQuý III\n4\tĐánh giá kết quả\tQuý IV\n");
  // The layout stage joins the cut row across the page break, as it does in the text versions.
  std::string joined = one + "\f\n" + two;
  Layout layout = AnalyzeLayout(joined);
  ASSERT_EQ(layout.tables.size(), 1u) << joined;
  ASSERT_EQ(layout.tables[0].rows.size(), 4u);
  EXPECT_EQ(layout.tables[0].rows[1][1].text, "Triển khai dịch vụ công trực tuyến toàn trình cho người dân và doanh nghiệp");
}

TEST(PageLayout, ARowCutAtTheTopOfAPageIsReadOnThePreviousPagesColumns) {
  // Page two opens with the rest of row 30, row 31 and the start of another table: too few
  // lines to find columns on, so the previous page's columns are used.
  LayoutCarry carry;
  PageModel first = MakePage({
      Row(650, {{72, "STT"}, {110, "Nội dung"}, {330, "Chỉ tiêu"}, {420, "Kết quả"}}),
      Row(667.5, {{72, "29"}, {110, "Phối hợp triển khai đánh giá"}, {330, "Năm 2025"}, {420, "Hoàn thành"}}),
      Row(679, {{110, "mức độ chuyển đổi số"}}),
      Row(696.5, {{72, "30"}, {110, "Phối hợp đặt hàng, giao nhiệm vụ"}, {330, "Năm 2025"}, {420, "Hoàn thành"}}),
  });
  PageModel second = MakePage({
      Row(60, {{110, "cho các doanh nghiệp công nghệ số"}}),
      Row(77.5, {{72, "31"}, {110, "Phối hợp công bố danh mục"}, {330, "Năm 2025"}, {420, "Hoàn thành"}}),
      Row(89, {{110, "các nhiệm vụ trọng điểm"}}),
      Row(130, {{72, "STT"}, {150, "Nội dung"}, {360, "Chỉ tiêu"}, {440, "Kết quả"}}),
      Row(147.5, {{72, "32"}, {150, "Triển khai đánh giá hiệu quả"}, {360, "Thường xuyên"}, {440, "Hoàn thành"}}),
      Row(165, {{72, "33"}, {150, "Thúc đẩy tiêu dùng sản phẩm số"}, {360, "Thường xuyên"}, {440, "Hoàn thành"}}),
  }, 2);
  ComposePage(first, carry, false, kDefaults);
  ASSERT_EQ(carry.gutters.size(), 3u);
  std::string two = ComposePage(second, carry, false, kDefaults).text;
  EXPECT_EQ(two.substr(0, two.find("\n\n")),
            "\tcho các doanh nghiệp công nghệ số\t\t\n"
            "31\tPhối hợp công bố danh mục các nhiệm vụ trọng điểm\tNăm 2025\tHoàn thành")
      << two;
  EXPECT_NE(two.find("32\tTriển khai đánh giá hiệu quả\tThường xuyên\tHoàn thành\n"), std::string::npos) << two;
}

TEST(PageLayout, CellsSetCloseAreStillTwoCells) {
  // 3.9 points between two cells' text (padding and border only), a space is 3: the gap is
  // a column boundary where the other rows show one.
  std::string text = Compose({
      Row(100, {{72, "7"}, {110, "Đảng ủy sử dụng phần mềm"}, {239, "100%"}, {300, "Đạt"}}),
      Row(117.5, {{72, "8"}, {110, "Tỷ lệ định danh"}, {239, "≥ 70%"}, {300, "Đạt"}}),
      Row(135, {{72, "9"}, {110, "Tỷ lệ số hóa"}, {239, "≥ 50%"}, {300, "Đạt"}}),
  });
  EXPECT_EQ(text, "7\tĐảng ủy sử dụng phần mềm\t100%\tĐạt\n8\tTỷ lệ định danh\t≥ 70%\tĐạt\n9\tTỷ lệ số hóa\t≥ 50%\tĐạt\n");
}

TEST(PageLayout, DropsRunningHeadersAndPageNumbersKeepsPageCounters) {
  std::vector<PageModel> pages;
  for (int n = 1; n <= 3; ++n) {
    std::string number = std::to_string(n);
    pages.push_back(MakePage({{30, {{200, "UBND phường Chí Linh - Báo cáo số 43/BC-UBND"}}},
                              {100, {{72, "Nội dung trang " + number + "."}}},
                              {790, {{290, "- " + number + " -"}}},
                              {805, {{260, "Trang " + number + "/3"}}}},
                             n));
  }
  std::vector<PageModel*> window = {&pages[0], &pages[1], &pages[2]};
  for (size_t t = 0; t < pages.size(); ++t) MarkRunningLines(window, t, kDefaults);
  LayoutCarry carry;
  for (size_t t = 0; t < pages.size(); ++t) {
    std::string text = ComposePage(pages[t], carry, false, kDefaults).text;
    std::string n = std::to_string(t + 1);
    EXPECT_EQ(text, "Nội dung trang " + n + ".\n\nTrang " + n + "/3\n");
  }
}

TEST(PageLayout, RecordsEveryWordsPlaceInThePageText) {
  LayoutCarry carry;
  PageModel page = MakePage({Row(100, {{72, "1"}, {110, "Tỷ lệ trực tuyến"}, {450, "86,98%"}}),
                             Row(117.5, {{72, "2"}, {110, "Tỷ lệ số hóa"}, {450, "100%"}}),
                             Row(135, {{72, "3"}, {110, "Số hồ sơ"}, {450, "7.569"}})});
  ComposedPage out = ComposePage(page, carry, true, kDefaults);
  ASSERT_FALSE(out.words.empty());
  size_t previous_end = 0;
  for (const WordSpan& w : out.words) {
    ASSERT_LE(w.end, out.text.size());
    EXPECT_GE(w.begin, previous_end);
    previous_end = w.end;
    std::string word = out.text.substr(w.begin, w.end - w.begin);
    bool found = false;
    for (const Word& pw : page.words) found = found || (pw.text == word && pw.page_box.x0 == w.box.x0);
    EXPECT_TRUE(found) << word;
  }
}

// Issue 17: the layout's thresholds are data (ComposeTuning), set by name and passed in.
TEST(ComposeTuning, EveryFieldIsSetByItsNameAndReachesTheLayout) {
  ComposeTuning tuning;
  std::vector<std::string> names;
  tuning.ForEachField([&](std::string_view name, auto&) { names.emplace_back(name); });
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << "a field listed twice";
  EXPECT_TRUE(SetTuningField(tuning, "tab_gap", 50));
  EXPECT_EQ(tuning.tab_gap, 50.0f);
  EXPECT_FALSE(SetTuningField(tuning, "no_such_field", 1));
  // A date line's place and date stand far apart: a tab, unless a tab must be wider still.
  std::vector<LineSpec> line = {{100, {{72, "Ha Noi,"}, {400, "ngay 5 thang 6"}}, kSize}};
  EXPECT_NE(Compose(line).find('\t'), std::string::npos) << Compose(line);
  LayoutCarry carry;
  std::string wide = ComposePage(MakePage(line), carry, false, tuning).text;
  EXPECT_EQ(wide.find('\t'), std::string::npos) << wide;
}

}  // namespace
}  // namespace baocao::pdf_internal
