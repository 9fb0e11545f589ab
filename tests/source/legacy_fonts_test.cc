// Vietnamese typed in the legacy font encodings, as a PDF's text layer gives it: recognized by
// the font's name and by the statistics of the text, and mapped back to Unicode. The samples
// are what Poppler extracts from such documents (WinAnsi code points of the font's bytes).
#include <gtest/gtest.h>

#include <string>

#include "source/legacy_fonts.h"

namespace baocao::pdf_internal {
namespace {

struct DecodeCase {
  const char* extracted;
  bool capitals;
  const char* unicode;
};

TEST(LegacyFonts, DecodesTcvn3Samples) {
  const DecodeCase cases[] = {
      {"C\u00abng v\u00a8n", false, "Công văn"},
      {"C\u00e9ng ho\u00b5 x\u00b7 h\u00e9i ch\u00f1 ngh\u00dca Vi\u00d6t Nam", false, "Cộng hoà xã hội chủ nghĩa Việt Nam"},
      {"\u00a7\u00e9c l\u00cbp - T\u00f9 do - H\u00b9nh ph\u00f3c", false, "Độc lập - Tự do - Hạnh phúc"},
      {"K\u00d5t qu\u00b6 th\u00f9c hi\u00d6n Ngh\u00de quy\u00d5t s\u00e8 57-NQ/TW", false,
       "Kết quả thực hiện Nghị quyết số 57-NQ/TW"},
      // 0xAD (ư) comes out as '-': a letter inside or at the end of a word, a hyphen elsewhere.
      {"ng-\u00eai d\u00a9n", false, "người dân"},
      {"\u00ae\u00c7u t-", false, "đầu tư"},
      {"15/BC-UBND", false, "15/BC-UBND"},
      // The capitals font draws capitals at the lowercase codes.
      {"Uû BAN NH\u00a9N D\u00a9N PH-\u00eaNG", true, "UỶ BAN NHÂN DÂN PHƯỜNG"},
      {"B\u00b8O C\u00b8O", true, "BÁO CÁO"},
      // Symbolic fonts put the bytes in the private use area.
      {"C\uf0abng", false, "Công"},
  };
  for (const DecodeCase& c : cases) {
    EXPECT_EQ(DecodeTcvn3(c.extracted, c.capitals), c.unicode) << c.extracted;
  }
}

TEST(LegacyFonts, DecodesVniSamples) {
  const DecodeCase cases[] = {
      {"Co\u00e2ng va\u00ean", false, "Công văn"},
      {"Co\u00e4ng ho\u00f8a xa\u00f5 ho\u00e4i chu\u00fb ngh\u00f3a Vie\u00e4t Nam", false, "Cộng hòa xã hội chủ nghĩa Việt Nam"},
      {"\u00d1o\u00e4c la\u00e4p - T\u00f6\u00ef do - Ha\u00efnh phu\u00f9c", false, "Độc lập - Tự do - Hạnh phúc"},
      {"\u00f1\u00f6\u00f4\u00efc ca\u00f9c n\u00f6\u00f4\u00f9c", false, "được các nước"},
      {"UY\u00db BAN NHA\u00c2N DA\u00c2N PH\u00d6\u00d4\u00d8NG", false, "UỶ BAN NHÂN DÂN PHƯỜNG"},
      {"So\u00e1: 15/BC-UBND", false, "Số: 15/BC-UBND"},
  };
  for (const DecodeCase& c : cases) {
    EXPECT_EQ(DecodeVni(c.extracted), c.unicode) << c.extracted;
  }
}

TEST(LegacyFonts, KnowsTheFontsByName) {
  struct NameCase {
    const char* name;
    LegacyEncoding encoding;
    bool capitals;
  };
  const NameCase cases[] = {
      {".VnTime", LegacyEncoding::kTcvn3, false},
      {".VnTimeH", LegacyEncoding::kTcvn3, true},
      {"ABCDEF+.VnArialH,Bold", LegacyEncoding::kTcvn3, true},
      {".VnCentury Schoolbook", LegacyEncoding::kTcvn3, false},
      {"VnTimes-Bold", LegacyEncoding::kTcvn3, false},
      {"VNI-Times", LegacyEncoding::kVni, false},
      {"XYZABC+VNI-Helve-Bold", LegacyEncoding::kVni, false},
      {"TimesNewRomanPSMT", LegacyEncoding::kNone, false},
      {"Vni", LegacyEncoding::kNone, false},
      {"", LegacyEncoding::kNone, false},
  };
  for (const NameCase& c : cases) {
    FontEncoding fe = EncodingOfFontName(c.name);
    EXPECT_EQ(fe.encoding, c.encoding) << c.name;
    EXPECT_EQ(fe.capitals, c.capitals) << c.name;
  }
}

TEST(LegacyFonts, GuessesTheEncodingOfTextWhoseFontLostItsName) {
  EXPECT_EQ(GuessLegacyEncoding("Kh\u00abng c\u00e3 g\u00d7 qu\u00fd h\u00acn \u00ae\u00e9c l\u00cbp t\u00f9 do"), LegacyEncoding::kTcvn3);
  EXPECT_EQ(GuessLegacyEncoding("Co\u00e4ng ho\u00f8a xa\u00f5 ho\u00e4i chu\u00fb ngh\u00f3a Vie\u00e4t Nam"), LegacyEncoding::kVni);
  // Real Unicode Vietnamese, however many Latin-1 letters it has, is left alone.
  EXPECT_EQ(GuessLegacyEncoding("Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập, tự do, hạnh phúc; quá trình hoàn thành"),
            LegacyEncoding::kNone);
  EXPECT_EQ(GuessLegacyEncoding("Tỷ lệ hồ sơ trực tuyến đạt 86,98% «theo báo cáo»"), LegacyEncoding::kNone);
  EXPECT_EQ(GuessLegacyEncoding("Annual report 2025, page 3"), LegacyEncoding::kNone);
  EXPECT_EQ(GuessLegacyEncoding(""), LegacyEncoding::kNone);
}

TEST(LegacyFonts, DecodingLeavesAsciiAlone) {
  EXPECT_EQ(DecodeVni("2025 - 2030: 57-NQ/TW"), "2025 - 2030: 57-NQ/TW");
  EXPECT_EQ(DecodeTcvn3("2025 - 2030: 57-NQ/TW", false), "2025 - 2030: 57-NQ/TW");
  EXPECT_EQ(DecodeLegacy("C\u00abng", {LegacyEncoding::kNone, false}), "C\u00abng");
}

}  // namespace
}  // namespace baocao::pdf_internal
