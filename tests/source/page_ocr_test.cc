// Issue 16: what OCR reads inside numbers, repaired before the page is laid out, and a garbage
// text layer kept without its control characters.
#include "source/page_ocr.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace baocao::pdf_internal {
namespace {

RawWord Word(const std::string& text) {
  RawWord w;
  w.text = text;
  return w;
}

TEST(RepairOcrDigits, UndoesLookalikesInsideNumbersOnly) {
  struct Case {
    const char* read;
    const char* repaired;
    bool doubt;
  } cases[] = {
      {"0I/2026/TT-BCT", "01/2026/TT-BCT", true},
      {"l6", "16", true},
      {"Km2+57I", "Km2+571", true},
      {"1105\xE2\x81\x84KH-\xC4\x90KT", "1105/KH-\xC4\x90KT", false},   // a fraction slash
      {"PC04", "PC04", false},          // a letter touches the digits
      {"Il", "Il", false},              // no digit: a word
      {"l\xE1\xBB\x9Bp", "l\xE1\xBB\x9Bp", false},   // "lớp"
      {"2026", "2026", false},
  };
  for (const Case& c : cases) {
    RawWord w = Word(c.read);
    RepairOcrDigits(w);
    EXPECT_EQ(w.text, c.repaired) << c.read;
    EXPECT_EQ(w.uncertain_number, c.doubt) << c.read;
  }
}

RawWord InFont(const std::string& text, const std::string& font) {
  RawWord w = Word(text);
  w.font = font;
  return w;
}

TEST(JudgeByFonts, AHeaderInAShiftedFontMakesAPageOfGoodTextGarbage) {
  std::vector<RawWord> words;
  std::string text;
  auto add = [&](const std::string& line, const std::string& font) {
    for (size_t i = 0; i < line.size();) {
      size_t j = line.find(' ', i);
      if (j == std::string::npos) j = line.size();
      words.push_back(InFont(line.substr(i, j - i), font));
      (text += line.substr(i, j - i)) += ' ';
      i = j + 1;
    }
  };
  for (int i = 0; i < 12; ++i) add("Sở Công Thương tỉnh Lào Cai kiểm tra việc chấp hành quy định", "Times");
  add("UBND 7ӌ1+ LÀO CAI 6Ӣ CÔNG 7+ѬѪ1* 6Ӕ 1105 .ӂ +2Ҥ&+ NLӇP tra YLӋF FKҩS 4X\\ӃW ÿӏQK", "Shifted");
  EXPECT_EQ(JudgeTextLayer(text, -1, 50).quality, TextLayerQuality::kUsable) << "the page as a whole passes";
  EXPECT_EQ(JudgeByFonts(text, words, -1, OcrTuning{}).quality, TextLayerQuality::kGarbage);
  // The same page with the header in a good font: usable.
  for (RawWord& w : words) w.font = "Times";
  EXPECT_EQ(JudgeByFonts(text, words, -1, OcrTuning{}).quality, TextLayerQuality::kUsable);
}

TEST(ReplaceControlCharacters, MakesThemReplacementCharactersAndKeepsTabs) {
  std::vector<RawWord> words = {Word("6\x14\x13"), Word("a\tb"), Word("ok")};
  ReplaceControlCharacters(words);
  EXPECT_EQ(words[0].text, "6\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(words[1].text, "a\tb");
  EXPECT_EQ(words[2].text, "ok");
}

}  // namespace
}  // namespace baocao::pdf_internal
