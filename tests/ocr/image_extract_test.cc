// Photographs and scans saved as images, through the whole engine (issue 20): a multi-page TIFF
// and a JPEG stored turned (its EXIF saying so) read by OCR as a scanned PDF's pages are, with
// page, box and confidence on every span; the limits checked on the header; OCR off refused.
//
// The images are made in test setup by tools/make-scans --as tiff|jpeg (pdftoppm, ImageMagick)
// from two pages of a corpus PDF, into a temporary folder; without those tools the tests skip.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "baocao/source/image.h"
#include "engine_util.h"
#include "corpus_util.h"
#include "ocr/hong_bang_pages.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;

class ImageInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("baocao-image-test-" + std::to_string(::getpid())));
    const std::string tool = (fs::path(BAOCAO_CORPUS_DIR).parent_path() / "tools" / "make-scans").string();
    const std::string pdf = (fs::path(BAOCAO_CORPUS_DIR) / "pdf" / "hong-bang-2026-plan.pdf").string();
    const std::string out = dir_->string();
    // Pages 2-3 hold the plan's targets and cite 57-NQ/TW (as tests/ocr/ocr_extract_test.cc).
    std::string cmd = "'" + tool + "' --out '" + out + "' --as tiff --pages 2-3 '" + pdf + "' >/dev/null 2>&1 && '" +
                      tool + "' --out '" + out + "/turned' --as jpeg --exif 6 --pages 2 '" + pdf + "' >/dev/null 2>&1";
    ok_ = std::system(cmd.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
  }
  void SetUp() override {
    if (!ok_) GTEST_SKIP() << "tools/make-scans could not run (pdftoppm, convert missing?)";
  }

  static Result<Extraction> Extract(const fs::path& file, OcrMode mode = OcrMode::kAuto, const std::string& name = "") {
    ExtractOptions options;
    options.pdf.ocr.mode = mode;
    options.pdf.word_boxes = true;
    return testing_util::SharedEngine().ExtractBytes(testing_util::ReadBytes(file), name.empty() ? file.string() : name,
                                                     options);
  }
  static fs::path Tiff() { return *dir_ / "300" / "plain" / "hong-bang-2026-plan.tiff"; }
  static fs::path TurnedJpeg() { return *dir_ / "turned" / "300" / "plain" / "hong-bang-2026-plan.jpg"; }
  static const Result<Extraction>& TiffRead() {
    static const Result<Extraction>* x = new Result<Extraction>(Extract(Tiff()));
    return *x;
  }

  static fs::path* dir_;
  static bool ok_;
};

fs::path* ImageInput::dir_ = nullptr;
bool ImageInput::ok_ = false;

bool Has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::set<std::string> References(const Extraction& x) {
  std::set<std::string> numbers;
  for (const Reference& r : x.references) numbers.insert(r.number);
  return numbers;
}

TEST_F(ImageInput, MultiPageTiffIsReadPageByPageWithPageBoxAndConfidenceOnEverySpan) {
  const Result<Extraction>& x = TiffRead();
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(x->document.format, Format::kImage);
  EXPECT_EQ(x->document.pages, 2);
  EXPECT_TRUE(Has(x->document.repairs, "ocr:1-2"));
  ASSERT_FALSE(x->mentions.empty());
  std::set<int> pages;
  for (const Mention& m : x->mentions) {
    ASSERT_TRUE(m.span.page.has_value());
    pages.insert(*m.span.page);
    ASSERT_TRUE(m.span.confidence.has_value()) << m.span.text;
    ASSERT_TRUE(m.span.bbox.has_value()) << m.span.text;
    EXPECT_LT((*m.span.bbox)[0], (*m.span.bbox)[2]);
    EXPECT_LE((*m.span.bbox)[2], 596) << "boxes in points of an A4 page at the image's 300 dpi";
  }
  EXPECT_EQ(pages, (std::set<int>{1, 2}));
  EXPECT_TRUE(References(*x).count("57-NQ/TW")) << "the resolution cited on these pages";
}

TEST_F(ImageInput, TiffLinksTheTargetsAScanOfThosePagesLinks) {
  const Result<Extraction>& x = TiffRead();
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  std::set<std::string> indicators;
  for (const Fact& f : x->facts) indicators.insert(f.indicator);
  for (const char* id : testing_util::kHongBangPage2To3Targets) EXPECT_TRUE(indicators.count(id)) << id;
}

TEST_F(ImageInput, JpegStoredTurnedIsReadUprightByItsExifOrientation) {
  Result<Extraction> x = Extract(TurnedJpeg());
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_TRUE(Has(x->document.repairs, "exif_orientation:6"));
  EXPECT_FALSE(Has(x->document.repairs, "ocr_turned:1")) << "EXIF turned it, not Tesseract's guess";
  EXPECT_FALSE(x->facts.empty());
  for (const Mention& m : x->mentions) {
    ASSERT_TRUE(m.span.bbox.has_value());
    EXPECT_LE((*m.span.bbox)[2], 596) << "an upright A4 page: portrait, 596 points wide";
  }
}

TEST_F(ImageInput, IsKnownByContentNotByName) {
  Result<Extraction> x = Extract(TurnedJpeg(), OcrMode::kAuto, "report.pdf");
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(x->document.format, Format::kImage);
}

TEST_F(ImageInput, OverThePixelLimitIsRefusedFromItsHeaderNamingThePage) {
  ExtractOptions options;
  options.pdf.ocr.mode = OcrMode::kAuto;
  options.pdf.limits.max_image_pixels = 1e6;   // an A4 page at 300 dpi is 8.7 million
  Result<Extraction> x = testing_util::SharedEngine().ExtractBytes(testing_util::ReadBytes(Tiff()), "big.tiff", options);
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(x.status().message().find("big.tiff"), std::string::npos) << x.status().message();
  EXPECT_NE(x.status().message().find("page 1 is 2481 x 3508 pixels"), std::string::npos) << x.status().message();
}

TEST_F(ImageInput, WithOcrOffIsRefusedSayingWhy) {
  Result<Extraction> x = Extract(TurnedJpeg(), OcrMode::kNever);
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.status().code(), ErrorCode::kNoText);
  EXPECT_NE(x.status().message().find("--ocr never"), std::string::npos) << x.status().message();
}

TEST(ImageInputBytes, ADamagedImageIsCorruptNotACrash) {
  ExtractOptions options;
  options.pdf.ocr.mode = OcrMode::kAuto;
  for (std::string bytes : {std::string("\xFF\xD8\xFF\xE0", 4) + std::string(200, 'x'),
                            std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, '\0'), std::string("II*\0", 4)}) {
    Result<Extraction> x = testing_util::SharedEngine().ExtractBytes(bytes, "bad.img", options);
    ASSERT_FALSE(x.ok());
    EXPECT_EQ(x.status().code(), ErrorCode::kCorrupt) << x.status().ToString();
  }
}

}  // namespace
}  // namespace baocao
