// .doc, .odt and RTF through LibreOffice (issue 20, baocao/source/convert.h): known by content,
// converted in a private folder within a time limit, then read as a .docx; without LibreOffice
// a clear error naming the package. The conversions skip where LibreOffice is not installed.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "baocao/source/convert.h"
#include "baocao/source/read.h"
#include "corpus_util.h"
#include "engine_util.h"
#include "test_docx.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;
using namespace std::literals;

TEST(LooksLike, KnowsRtfAndOdtByContent) {
  EXPECT_TRUE(LooksLikeRtf("{\\rtf1\\ansi Hello}"));
  EXPECT_FALSE(LooksLikeRtf("{\\rt"));
  EXPECT_FALSE(LooksLikeRtf("rtf"));
  const std::string odt = "PK\3\4"s + std::string(26, '\0') + "mimetypeapplication/vnd.oasis.opendocument.textPK\3\4";
  EXPECT_TRUE(LooksLikeOdt(odt));
  const std::string ods = "PK\3\4"s + std::string(26, '\0') + "mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK";
  EXPECT_FALSE(LooksLikeOdt(ods));
  const std::string ott = "PK\3\4"s + std::string(26, '\0') + "mimetypeapplication/vnd.oasis.opendocument.text-templatePK";
  EXPECT_FALSE(LooksLikeOdt(ott));
  EXPECT_FALSE(LooksLikeOdt(testing_util::MakeDocx(testing_util::P("Số 1"))));
  EXPECT_FALSE(LooksLikeOdt("PK\3\4"s));   // shorter than a local header: no read past the end
}

// UTF-8 as RTF: ASCII kept, every other character a \uN? escape (RTF's Unicode).
std::string Rtf(std::string_view utf8_paragraphs) {
  std::string out = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0 ";
  for (size_t i = 0; i < utf8_paragraphs.size();) {
    unsigned char c = static_cast<unsigned char>(utf8_paragraphs[i]);
    if (c == '\n') {
      out += "\\par ";
      ++i;
      continue;
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    uint32_t cp = c & (0xFF >> (n + 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8_paragraphs[i + k]) & 0x3F);
    out += "\\u" + std::to_string(static_cast<int16_t>(cp)) + "?";
    i += n;
  }
  return out + "\\par}";
}

const char* kReport =
    "ỦY BAN NHÂN DÂN XÃ AN BÌNH\nSố: 12/BC-UBND\nAn Bình, ngày 03 tháng 02 năm 2026\nBÁO CÁO\n"
    "Thực hiện Kế hoạch số 45/KH-UBND ngày 10/01/2026, tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%.\n";

class Converted : public ::testing::Test {
 protected:
  void SetUp() override {
    if (FindSoffice().empty()) GTEST_SKIP() << "LibreOffice is not installed";
  }
};

TEST_F(Converted, RtfIsReadAsTheDocxLibreOfficeMakesOfIt) {
  Stages stages;
  Result<Extraction> x = testing_util::SharedEngine().ExtractBytes(Rtf(kReport), "report.txt", ExtractOptions{}, &stages);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(x->document.format, Format::kDocx);
  ASSERT_FALSE(x->document.repairs.empty());
  EXPECT_EQ(x->document.repairs.front(), "converted:rtf");
  EXPECT_NE(stages.source_text.find("tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%"), std::string::npos) << stages.source_text;
  EXPECT_EQ(x->meta.symbol, "BC-UBND");
  bool cited = false;
  for (const Reference& r : x->references) cited = cited || r.number == "45/KH-UBND";
  EXPECT_TRUE(cited);
}

// The store keeps this page so that showing the document never converts it again (issue 18).
TEST_F(Converted, HandsBackTheConvertedTextAsOnePageTheSpansPointInto) {
  std::vector<PdfPage> pages;
  Result<Extraction> x = testing_util::SharedEngine().ExtractBytes(Rtf(kReport), "report.rtf", ExtractOptions{}, &pages);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].number, 1);
  EXPECT_TRUE(pages[0].has_text_layer);
  ASSERT_FALSE(x->mentions.empty());
  for (const Mention& m : x->mentions) {
    ASSERT_LE(m.span.end, pages[0].text.size());
    EXPECT_EQ(pages[0].text.substr(m.span.start, m.span.end - m.span.start), m.span.text);
  }
}

TEST_F(Converted, OdtIsKnownByItsMimetypeAndConverted) {
  // An .odt made by LibreOffice itself from the RTF, in a folder of this test's own.
  const fs::path dir = fs::temp_directory_path() / ("baocao-odt-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "r.rtf", std::ios::binary) << Rtf(kReport);
  const std::string cmd = "cd '" + dir.string() + "' && '" + FindSoffice() + "' --headless --norestore -env:UserInstallation=file://" +
                          dir.string() + "/profile --convert-to odt r.rtf >/dev/null 2>&1";
  const bool made = std::system(cmd.c_str()) == 0 && fs::exists(dir / "r.odt");
  const std::string odt = made ? testing_util::ReadBytes(dir / "r.odt") : "";
  std::error_code ec;
  fs::remove_all(dir, ec);
  ASSERT_TRUE(made) << cmd;
  ASSERT_TRUE(LooksLikeOdt(odt));
  Result<Extraction> x = testing_util::SharedEngine().ExtractBytes(odt, "r.odt");
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(x->document.repairs.front(), "converted:odt");
  EXPECT_EQ(x->meta.symbol, "BC-UBND");
}

TEST_F(Converted, AConversionPastItsTimeLimitIsKilledAndLeavesNoFolder) {
  const fs::path tmp = fs::temp_directory_path() / ("baocao-convert-limit-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  const char* before = std::getenv("TMPDIR");
  const std::string saved = before ? before : "";
  ::setenv("TMPDIR", tmp.c_str(), 1);
  Result<std::string> docx = ConvertToDocx(Rtf(kReport), "rtf", Budget{}, {.timeout_seconds = 0.05});
  if (before) ::setenv("TMPDIR", saved.c_str(), 1);
  else ::unsetenv("TMPDIR");
  ASSERT_FALSE(docx.ok());
  EXPECT_EQ(docx.status().code(), ErrorCode::kTimeout) << docx.status().ToString();
  EXPECT_TRUE(fs::is_empty(tmp)) << "the private folder and profile removed";
  std::error_code ec;
  fs::remove_all(tmp, ec);
}

TEST(Convert, WithoutLibreOfficeNamesThePackage) {
  Result<std::string> docx = ConvertToDocx(Rtf(kReport), "rtf", Budget{}, {.soffice = "/nonexistent/soffice"});
  ASSERT_FALSE(docx.ok());
  EXPECT_EQ(docx.status().code(), ErrorCode::kNeedsConverter);
  EXPECT_NE(docx.status().message().find("libreoffice-writer"), std::string::npos);
}

TEST_F(Converted, AFileLibreOfficeCannotReadIsCorrupt) {
  std::string ole2 = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s;
  ole2.resize(4096, '\0');
  Result<Extraction> x = testing_util::SharedEngine().ExtractBytes(ole2, "broken.doc");
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.status().code(), ErrorCode::kCorrupt) << x.status().ToString();
  EXPECT_NE(x.status().message().find("broken.doc"), std::string::npos);
}

}  // namespace
}  // namespace baocao
