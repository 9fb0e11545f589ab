// Issue 16: a text layer is judged by whether its words are Vietnamese syllables, so that a
// font with shifted glyph codes and an OCR layer made without Vietnamese are read by OCR.
// The samples are made up in the manner of the real layers of ../shared/real.
#include "ocr/syllables.h"

#include <gtest/gtest.h>

#include <string>

#include "baocao/ocr/ocr.h"

namespace baocao {
namespace {

using ocr_internal::CountWords;
using ocr_internal::IsVietnameseSyllable;

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(VietnameseSyllable, AcceptsEverySyllableShapeInAnyCaseOrForm) {
  for (const char* word : {"nghiệp", "Đường", "GIÁM", "gìn", "quyết", "khuyến", "ươm", "người", "oai", "a",
                           "tỉnh", "THƯƠNG", "chính", "trưởng", "ý",
                           "nghie\xCC\xA3\xCC\x82p" /* decomposed: e, dot below, circumflex */}) {
    EXPECT_TRUE(IsVietnameseSyllable(word)) << word;
  }
}

TEST(VietnameseSyllable, RefusesClustersAndLettersNoSyllableHas) {
  for (const char* word : {"QJKL", "ngdy", "thdng", "chfnh", "Xt", "ÿѭӡQJ", "NLӇP", "H6A", "street", "code", ""}) {
    EXPECT_FALSE(IsVietnameseSyllable(word)) << word;
  }
}

TEST(CountWords, LeavesOutAbbreviationsAndCountsJunk) {
  ocr_internal::WordCounts n = CountWords("QUYET DINH Xt'ph4t vi ph4m hinh chfnh UBND");
  EXPECT_EQ(n.judged, 7u);
  EXPECT_EQ(n.syllables, 4u);   // QUYET DINH vi hinh
  EXPECT_EQ(n.junk, 2u);        // Xt'ph4t ph4m; "chfnh" is neither
  // Edge punctuation is not part of a word; one letter is no word.
  n = CountWords("(Kèm theo) “Đạt”; a 5 - ,");
  EXPECT_EQ(n.judged, 3u);
  EXPECT_EQ(n.syllables, 3u);
  // A capital after a small letter, a digit before letters, a sign inside: junk.
  n = CountWords("nQi 7f 7+1H KM-");
  EXPECT_EQ(n.junk, 3u);   // "KM-" is an abbreviation with its dash stripped
}

TEST(JudgeTextLayer, ShiftedGlyphCodesAndUnaccentedOcrAreGarbageForTheirWords) {
  // A font without a Unicode map, its codes shifted: "Sở Công Thương tỉnh Lào Cai kiểm tra".
  const std::string shifted = Repeat("6ӣ Công 7KѭѫQJ WӍQK Lào Cai NLӇP tra YLӋF FKҩS hành 4X\\ӃW ÿӏQK ", 8);
  TextLayerJudgement j = JudgeTextLayer(shifted, -1, 50);
  EXPECT_EQ(j.quality, TextLayerQuality::kGarbage);
  // An OCR layer made without Vietnamese: tone-marked letters read as digits and capitals.
  const std::string unaccented = Repeat("Cdn c{r NShi dinh sA 217 ngdy 30 thdng 8 ndm 2019 cia Chinh phil vQ viQc H6A ", 6);
  j = JudgeTextLayer(unaccented, -1, 50);
  EXPECT_EQ(j.quality, TextLayerQuality::kGarbage);
  EXPECT_EQ(j.reason, GarbageReason::kNotSyllables);
  EXPECT_STREQ(GarbageReasonName(j.reason), "not_syllables");
}

TEST(JudgeTextLayer, RealTextWithCodesAndEnglishIsUsable) {
  const std::string report = Repeat(
      "Căn cứ Nghị định số 217/2025/NĐ-CP ngày 05/8/2025; UBND tỉnh giao Sở Công Thương (VLNCN) kiểm tra "
      "Km26+793, QL4D, C04-BCA. ", 8);
  EXPECT_EQ(JudgeTextLayer(report, -1, 50).quality, TextLayerQuality::kUsable);
  const std::string english = Repeat("ISO 13571:2012 Life-threatening components of fire, guidelines for the estimation. ", 8);
  EXPECT_EQ(JudgeTextLayer(english, -1, 50).quality, TextLayerQuality::kUsable);
  // Too few words to judge by their shape: a date line.
  EXPECT_EQ(JudgeTextLayer("Cdn c{r ngdy 30 thdng 8 ndm 2019", -1, 50).quality, TextLayerQuality::kUsable);
}

}  // namespace
}  // namespace baocao
