// The page layout (source/compose.h) on words read by OCR: their boxes are the ink of the
// letters, so the space between two words is wider than a text layer's and varies; a cell's
// words set at the same places on several rows must not be taken for columns of their own.
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "source/compose.h"
#include "source/page_model.h"

namespace baocao::pdf_internal {
namespace {

constexpr float kBand = 13;      // a line's band, as a text layer's 13 pt type gives it
constexpr float kPitch = 11.5f;  // single spacing inside a cell
constexpr float kChar = 5.5f;    // width of a letter
constexpr float kSpace = 0.3f * kBand;   // an ink gap between two words read by OCR
const ComposeTuning kDefaults{};         // the thresholds the engine reads with

// Words of one line from x, `kSpace` apart, appended to `words`.
void PutLine(std::vector<Word>& words, float x, float y, const std::string& text, float confidence) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string w = text.substr(start, end - start);
    float width = kChar * static_cast<float>(w.size());
    Word word;
    word.text = w;
    word.box = {x, y, x + width, y + kBand};
    word.page_box = word.box;
    word.space_after = false;
    word.confidence = confidence;
    words.push_back(word);
    x += width + kSpace;
    start = end + 1;
  }
}

// An empty A4 page, number 1.
PageModel A4Page() {
  PageModel page;
  page.number = 1;
  page.width = 595;
  page.height = 842;
  return page;
}

// Vertical rulings at each x from y0 down to y1, as the OCR pass gives them.
void Rule(PageModel& page, std::initializer_list<float> xs, float y0, float y1) {
  for (float x : xs) page.rulings.push_back({x, y0, y1});
}

// The page text of `page`, its words grouped into lines and its rulings sorted first.
std::string ComposeRuled(PageModel& page) {
  page.lines = BuildLines(page.words, kDefaults);
  std::sort(page.rulings.begin(), page.rulings.end(), [](const Ruling& a, const Ruling& b) { return a.x < b.x; });
  LayoutCarry carry;
  return ComposePage(page, carry, false, kDefaults).text;
}

// A table of three rows ("-", a label over two lines, "%", a value, and a unit whose words sit
// at the same places on every row), the words read with `confidence` (-1: a text layer).
PageModel UnitTable(float confidence) {
  PageModel page = A4Page();
  float y = 100;
  const char* labels[][2] = {{"Ti le so hoa ho so ket qua", "giai quyet thu tuc"},
                             {"Ti le ho so thu tuc hanh", "chinh duoc xu ly"},
                             {"Ti le khai thac su dung lai", "thong tin du lieu"}};
  const char* values[] = {"95", "90", "85"};
  for (int r = 0; r < 3; ++r) {
    PutLine(page.words, 80, y, "-", confidence);
    PutLine(page.words, 100, y, labels[r][0], confidence);
    PutLine(page.words, 300, y, "%", confidence);
    PutLine(page.words, 340, y, values[r], confidence);
    PutLine(page.words, 380, y, "Trung tam Phuc vu hanh chinh", confidence);
    PutLine(page.words, 100, y + kPitch, labels[r][1], confidence);
    PutLine(page.words, 380, y + kPitch, "cong", confidence);
    y += 2 * kPitch + 6;   // the padding between rows
  }
  page.lines = BuildLines(page.words, kDefaults);
  return page;
}

TEST(OcrLayout, KeepsACellsWordsInOneCellWhenTheyLineUpOverRows) {
  LayoutCarry carry;
  std::string text = ComposePage(UnitTable(95), carry, false, kDefaults).text;
  EXPECT_NE(text.find("\t95\tTrung tam Phuc vu hanh chinh cong"), std::string::npos) << text;
  EXPECT_EQ(text.find("\ttam"), std::string::npos) << text;
  EXPECT_EQ(text.find("\thanh"), std::string::npos) << text;
}

// A wrapped label reaching its cell's edge, the target set close after it, and a row number
// far left: word positions alone join the label and the target. The rulings drawn between the
// columns (PageModel::rulings, from the OCR pass) keep them apart; the next table, set close
// below with other column widths, is a table of its own.
TEST(OcrLayout, TableRulingsAreTheColumnBoundaries) {
  PageModel page = A4Page();
  float y = 100;
  PutLine(page.words, 88, y, "1", 95);
  PutLine(page.words, 111, y, "Ti le thu tuc hanh chinh duoc tiep nhan giai quyet", 95);
  float label_end = page.words.back().box.x1;
  PutLine(page.words, label_end + 2, y, ">70%", 95);
  PutLine(page.words, label_end + 60, y, "100%", 95);
  PutLine(page.words, label_end + 120, y, "Dat", 95);
  PutLine(page.words, 111, y + kPitch, "phi dia gioi hanh chinh", 95);
  y += 2 * kPitch + 6;
  PutLine(page.words, 88, y, "2", 95);
  PutLine(page.words, 111, y, "Ti le ho so xu ly truc tuyen", 95);
  PutLine(page.words, label_end + 2, y, ">70%", 95);
  PutLine(page.words, label_end + 60, y, "86,98%", 95);
  PutLine(page.words, label_end + 120, y, "Dat", 95);
  float table_end = y + kBand + 3;
  // The second table: its columns elsewhere.
  float y2 = table_end + 6;
  PutLine(page.words, 88, y2, "3", 95);
  PutLine(page.words, 111, y2, "Ti le giao dich", 95);
  PutLine(page.words, 250, y2, ">80%", 95);
  PutLine(page.words, 300, y2, "100%", 95);
  PutLine(page.words, 111, y2 + kPitch, "phi tiep xuc", 95);
  PutLine(page.words, 88, y2 + 2 * kPitch + 6, "4", 95);
  PutLine(page.words, 111, y2 + 2 * kPitch + 6, "Ti le so hoa", 95);
  PutLine(page.words, 250, y2 + 2 * kPitch + 6, ">90%", 95);
  PutLine(page.words, 300, y2 + 2 * kPitch + 6, "95%", 95);
  Rule(page, {84, 106, label_end + 1, label_end + 58, label_end + 118, label_end + 150}, 96, table_end);
  Rule(page, {84, 106, 245, 295, 330}, table_end + 3, y2 + 3 * kPitch + 12);
  std::string text = ComposeRuled(page);
  EXPECT_NE(text.find("1\tTi le thu tuc hanh chinh duoc tiep nhan giai quyet phi dia gioi hanh chinh\t>70%\t100%\tDat\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2\tTi le ho so xu ly truc tuyen\t>70%\t86,98%\tDat\n"), std::string::npos) << text;
  EXPECT_NE(text.find("3\tTi le giao dich phi tiep xuc\t>80%\t100%\n"), std::string::npos) << text;
  EXPECT_NE(text.find("4\tTi le so hoa\t>90%\t95%\n"), std::string::npos) << text;
}

// A heading drawn as a table of its own right above its body, the two ruled on columns that do
// not line up: the heading still heads the body, as one table with no blank line between.
TEST(OcrLayout, AHeadingRuledApartFromItsBodyStillHeadsIt) {
  PageModel page = A4Page();
  float y = 100;
  PutLine(page.words, 88, y, "STT", 95);
  PutLine(page.words, 160, y, "So ho so truc tuyen", 95);
  PutLine(page.words, 330, y, "So ho so truc tiep", 95);
  PutLine(page.words, 130, y + kPitch + 4, "6 thang", 95);
  PutLine(page.words, 200, y + kPitch + 4, "Luy ke", 95);
  PutLine(page.words, 300, y + kPitch + 4, "6 thang", 95);
  PutLine(page.words, 370, y + kPitch + 4, "Luy ke", 95);
  float body = y + 2 * kPitch + 14;
  PutLine(page.words, 88, body, "1", 95);
  PutLine(page.words, 165, body, "Cap Xa", 95);
  PutLine(page.words, 165, body + kPitch + 4, "4740", 95);
  PutLine(page.words, 240, body + kPitch + 4, "4838", 95);
  PutLine(page.words, 320, body + kPitch + 4, "0", 95);
  PutLine(page.words, 380, body + kPitch + 4, "0", 95);
  Rule(page, {84, 120, 195, 290, 360, 420}, y - 3, body - 4);
  Rule(page, {84, 155, 230, 310, 370, 420}, body - 2, body + 2 * kPitch + 8);
  std::string text = ComposeRuled(page);
  size_t heading = text.find("STT"), row = text.find("Cap Xa");
  ASSERT_NE(heading, std::string::npos) << text;
  ASSERT_NE(row, std::string::npos) << text;
  EXPECT_EQ(text.substr(heading, row - heading).find("\n\n"), std::string::npos) << text;
  EXPECT_NE(text.find('\t'), std::string::npos) << text;
}

}  // namespace
}  // namespace baocao::pdf_internal
