// The OCR module alone (baocao/ocr/ocr.h): which text layers need OCR, and Tesseract on page images
// made in the test (a corpus page rendered by Poppler, blank, noise, colour, malformed).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <poppler/cpp/poppler-rectangle.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/ocr/ocr.h"
#include "core/tuning.h"
#include "corpus_util.h"

namespace baocao {
namespace {

TEST(OcrMode, ParsesTheThreeModesAndRejectsOthers) {
  OcrMode mode = OcrMode::kNever;
  EXPECT_TRUE(ParseOcrMode("auto", &mode));
  EXPECT_EQ(mode, OcrMode::kAuto);
  EXPECT_TRUE(ParseOcrMode("always", &mode));
  EXPECT_EQ(mode, OcrMode::kAlways);
  EXPECT_TRUE(ParseOcrMode("never", &mode));
  EXPECT_EQ(mode, OcrMode::kNever);
  EXPECT_FALSE(ParseOcrMode("yes", &mode));
  EXPECT_FALSE(ParseOcrMode("", &mode));
  EXPECT_STREQ(OcrModeName(OcrMode::kAlways), "always");
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(ClassifyTextLayer, JudgesTextAndInkAsTheTableSays) {
  const std::string vietnamese = Repeat("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%. ", 20);
  struct Case {
    const char* name;
    std::string text;
    long dark;   // at 50 dpi; -1 not measured
    TextLayerQuality expected;
  } cases[] = {
      {"vietnamese prose", vietnamese, 8000, TextLayerQuality::kUsable},
      {"vietnamese, ink not measured", vietnamese, -1, TextLayerQuality::kUsable},
      {"no text, a page of ink", "", 18000, TextLayerQuality::kAbsent},
      {"no text, ink not measured", "", -1, TextLayerQuality::kAbsent},
      {"no text, no ink", "", 20, TextLayerQuality::kBlank},
      {"replacement characters", Repeat("\xEF\xBF\xBD\xEF\xBF\xBD ab ", 40), -1, TextLayerQuality::kGarbage},
      {"a page in Russian: another language, not garbage", Repeat("Пожарная нагрузка. Справочник ", 20), -1,
       TextLayerQuality::kUsable},
      {"Cyrillic codes inside Latin words", Repeat("Gói thҫu sӕ ÿѭӡQJ NӃW QӕL Eӕ ", 20), -1, TextLayerQuality::kGarbage},
      {"control characters", Repeat("6\x14\x13 \x12 abc ", 30), -1, TextLayerQuality::kGarbage},
      {"private-use glyph codes", Repeat("\xEE\x80\x81\xEE\x80\x82\xEE\x80\x83 ", 30), -1, TextLayerQuality::kGarbage},
      {"a stamp's text over a scanned page", "BẢN SAO ĐÚNG VỚI BẢN CHÍNH", 17000, TextLayerQuality::kGarbage},
      {"a short last page", "Nơi nhận: - Như trên; - Lưu: VT.", 600, TextLayerQuality::kUsable},
      {"a table page, rulings and all", vietnamese, 20000, TextLayerQuality::kUsable},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyTextLayer(c.text, c.dark, 50), c.expected)
        << c.name << ": " << TextLayerQualityName(ClassifyTextLayer(c.text, c.dark, 50));
  }
  // Ink counted at another resolution is scaled: 4x the pixels at 100 dpi is the same page.
  EXPECT_EQ(ClassifyTextLayer("", 80, 100), TextLayerQuality::kBlank);
  EXPECT_EQ(ClassifyTextLayer("", 4 * 18000, 100), TextLayerQuality::kAbsent);
}

// Issue 17: OCR's thresholds are data (OcrTuning), set by name and passed in, not rebuilt.
TEST(OcrTuning, EveryFieldIsSetByItsNameAndReachesTheJudgement) {
  OcrTuning tuning;
  std::vector<std::string> names;
  tuning.ForEachField([&](std::string_view name, auto&) { names.emplace_back(name); });
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << "a field listed twice";
  EXPECT_TRUE(SetTuningField(tuning, "max_dark_per_char", 1000));
  EXPECT_EQ(tuning.max_dark_per_char, 1000.0);
  EXPECT_FALSE(SetTuningField(tuning, "no_such_field", 1));
  // A stamp's text over a scanned page is garbage by its ink, unless the ink allowed a
  // character is raised past the page's.
  const char* stamp = "BẢN SAO ĐÚNG VỚI BẢN CHÍNH";
  EXPECT_EQ(ClassifyTextLayer(stamp, 17000, 50), TextLayerQuality::kGarbage);
  EXPECT_EQ(ClassifyTextLayer(stamp, 17000, 50, tuning), TextLayerQuality::kUsable);
  tuning.ink_gray = 101;
  std::vector<uint8_t> px = {0, 100, 159, 160};
  EXPECT_EQ(CountDarkPixels({4, 1, 4, 1, 50, px.data()}, tuning), 2);
}

// A page of a corpus PDF rendered as a scanner would give it.
struct Rendered {
  std::vector<uint8_t> pixels;
  OcrImage image;
};

Rendered RenderCorpusPage(const std::string& name, int page_index, int dpi, bool colour) {
  std::string bytes = testing_util::ReadBytes(std::string(BAOCAO_CORPUS_DIR) + "/pdf/" + name);
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes.data(), int(bytes.size())));
  Rendered r;
  if (!doc) return r;
  std::unique_ptr<poppler::page> page(doc->create_page(page_index));
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(colour ? poppler::image::format_bgr24 : poppler::image::format_gray8);
  poppler::image img = renderer.render_page(page.get(), dpi, dpi);
  r.pixels.assign(img.const_data(), img.const_data() + size_t(img.bytes_per_row()) * img.height());
  r.image = {img.width(), img.height(), img.bytes_per_row(), colour ? 3 : 1, dpi, r.pixels.data()};
  return r;
}

bool HasWord(const OcrPage& page, const std::string& text) {
  return std::any_of(page.words.begin(), page.words.end(), [&](const OcrWord& w) { return w.text == text; });
}

// The first page of a corpus plan read once, for the tests that look at what came back.
const Result<OcrPage>& FirstPlanPage() {
  static const Result<OcrPage>* page = [] {
    Rendered r = RenderCorpusPage("hong-bang-2026-plan.pdf", 0, 300, false);
    if (!r.image.pixels) return new Result<OcrPage>(Status(ErrorCode::kInternal, "the corpus page did not render"));
    return new Result<OcrPage>(RecognizeImage(r.image, {}));
  }();
  return *page;
}

TEST(RecognizeImage, ReadsAVietnamesePageWithBoxesAndConfidences) {
  const Result<OcrPage>& page = FirstPlanPage();
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_GT(page->words.size(), 200u);
  EXPECT_TRUE(HasWord(*page, "57-NQ/TW")) << "the resolution's number, digits and all";
  EXPECT_TRUE(HasWord(*page, "quyết"));
  EXPECT_FALSE(page->timed_out);
  double sum = 0;
  for (const OcrWord& w : page->words) {
    EXPECT_GE(w.confidence, 0);
    EXPECT_LE(w.confidence, 100);
    EXPECT_LT(w.x0, w.x1) << w.text;
    EXPECT_LT(w.y0, w.y1) << w.text;
    EXPECT_GE(w.x0, 0);
    EXPECT_LE(w.x1, 2481) << "inside an A4 page at 300 dpi";
    sum += w.confidence;
  }
  EXPECT_GT(sum / page->words.size(), 85) << "a clean 300 dpi page reads with high confidence";
}

// The page layout measures gaps in line heights; an OCR word's band must be as tall as the
// box the text layer gives the same word, or every space looks wider than it is.
TEST(RecognizeImage, GivesWordsBandsAsTallAsTheTextLayerBoxesOfThePage) {
  const Result<OcrPage>& page = FirstPlanPage();
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  std::string bytes = testing_util::ReadBytes(std::string(BAOCAO_CORPUS_DIR) + "/pdf/hong-bang-2026-plan.pdf");
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes.data(), int(bytes.size())));
  ASSERT_TRUE(doc);
  std::unique_ptr<poppler::page> pdf_page(doc->create_page(0));
  std::vector<float> text_layer, ocr;
  for (const poppler::text_box& box : pdf_page->text_list()) text_layer.push_back(float(box.bbox().height()) * 300 / 72);
  for (const OcrWord& w : page->words) ocr.push_back(w.y1 - w.y0);
  ASSERT_GT(text_layer.size(), 100u);
  std::nth_element(text_layer.begin(), text_layer.begin() + text_layer.size() / 2, text_layer.end());
  std::nth_element(ocr.begin(), ocr.begin() + ocr.size() / 2, ocr.end());
  float ratio = ocr[ocr.size() / 2] / text_layer[text_layer.size() / 2];
  EXPECT_GT(ratio, 0.85f);
  EXPECT_LT(ratio, 1.2f);
}

// Tesseract's page layout drops a short value standing alone between two rulings; the
// recovery pass reads the ink no word took.
TEST(RecognizeImage, ReadsShortValuesStandingAloneInNarrowTableCells) {
  Rendered r = RenderCorpusPage("ba-ngoi-2026-plan.pdf", 4, 300, false);
  ASSERT_NE(r.image.pixels, nullptr);
  Result<OcrPage> page = RecognizeImage(r.image, {});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  for (const char* value : {"50", "95", "70"}) {
    std::string near;
    for (const OcrWord& w : page->words) {
      if (w.text.find(value) != std::string::npos) near += " '" + w.text + "'";
    }
    bool read = std::any_of(page->words.begin(), page->words.end(), [&](const OcrWord& w) {
      std::string_view t = w.text;
      for (std::string_view sign : {"\u2265", ">"}) {
        if (t.starts_with(sign)) t.remove_prefix(sign.size());
      }
      return t == value;
    });
    EXPECT_TRUE(read) << value << " (alone or after its comparator):" << near;
  }
}

// The rulings erased before reading come back as column boundaries for the page layout: each
// runs down between words, never through one, and a table of five columns has its inner four.
TEST(RecognizeImage, GivesTheVerticalRulingsOfATableBetweenItsWords) {
  Rendered r = RenderCorpusPage("ba-ngoi-2026-plan.pdf", 4, 300, false);
  ASSERT_NE(r.image.pixels, nullptr);
  Result<OcrPage> page = RecognizeImage(r.image, {});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_GE(page->rulings.size(), 4u);
  EXPECT_TRUE(std::is_sorted(page->rulings.begin(), page->rulings.end(),
                             [](const OcrRuling& a, const OcrRuling& b) { return a.x < b.x; }));
  size_t passed_words = 0;
  for (const OcrRuling& ruling : page->rulings) {
    EXPECT_GT(ruling.y1 - ruling.y0, 90.0f);   // longer than any letter: 0.3 inch at 300 dpi
    for (const OcrWord& w : page->words) {
      float cy = (w.y0 + w.y1) / 2;
      if (cy < ruling.y0 || cy > ruling.y1) continue;
      ++passed_words;
      EXPECT_FALSE(w.x0 < ruling.x - 4 && w.x1 > ruling.x + 4) << "'" << w.text << "' across the ruling at " << ruling.x;
    }
  }
  EXPECT_GT(passed_words, 20u);
}

TEST(RecognizeImage, ReadsBlackTextUnderARedSealInColour) {
  Rendered r = RenderCorpusPage("hong-bang-2026-plan.pdf", 0, 300, true);
  ASSERT_NE(r.image.pixels, nullptr);
  // A red disc over the top third of the page, as a seal's ink lies over the text.
  int cx = r.image.width / 2, cy = r.image.height / 5, radius = r.image.width / 5;
  for (int y = cy - radius; y < cy + radius; ++y) {
    for (int x = cx - radius; x < cx + radius; ++x) {
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > radius * radius) continue;
      uint8_t* p = r.pixels.data() + size_t(y) * r.image.stride + 3 * size_t(x);
      p[2] = uint8_t(std::max(p[2], uint8_t(200)));   // B, G, R: red ink over paper and toner alike
      p[1] = uint8_t(p[1] * 0.2);
      p[0] = uint8_t(p[0] * 0.2);
    }
  }
  Result<OcrPage> page = RecognizeImage(r.image, {});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(HasWord(*page, "57-NQ/TW"));
}

// A gray page image turned clockwise by `quarter_turns` quarter turns, as a scanner fed the
// sheet sideways or upside down gives it.
Rendered Turned(const Rendered& r, int quarter_turns) {
  Rendered out;
  const int w = r.image.width, h = r.image.height;
  const bool swap = quarter_turns % 2 == 1;
  const int ow = swap ? h : w, oh = swap ? w : h;
  out.pixels.assign(size_t(ow) * oh, 255);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      int nx = x, ny = y;
      if (quarter_turns == 1) nx = h - 1 - y, ny = x;
      else if (quarter_turns == 2) nx = w - 1 - x, ny = h - 1 - y;
      else if (quarter_turns == 3) nx = y, ny = w - 1 - x;
      out.pixels[size_t(ny) * ow + nx] = r.image.pixels[size_t(y) * r.image.stride + x];
    }
  }
  out.image = {ow, oh, ow, 1, r.image.dpi, out.pixels.data()};
  return out;
}

const OcrWord* FindWord(const OcrPage& page, const std::string& text) {
  for (const OcrWord& w : page.words) {
    if (w.text == text) return &w;
  }
  return nullptr;
}

// Issue 16: a page scanned upside down or sideways is turned upright by Tesseract's orientation
// detection before it is read, and its words' page boxes point into the image as given.
TEST(RecognizeImage, TurnsAPageScannedUpsideDownOrSidewaysUpright) {
  Rendered upright = RenderCorpusPage("hong-bang-2026-plan.pdf", 0, 200, false);
  ASSERT_NE(upright.image.pixels, nullptr);
  Result<OcrPage> straight = RecognizeImage(upright.image, {});
  ASSERT_TRUE(straight.ok()) << straight.status().ToString();
  const OcrWord* ref = FindWord(*straight, "57-NQ/TW");
  ASSERT_NE(ref, nullptr);
  EXPECT_EQ(straight->quarter_turns, 0);
  const float w = float(upright.image.width), h = float(upright.image.height);
  for (int turns : {2, 1}) {
    Rendered scanned = Turned(upright, turns);
    Result<OcrPage> page = RecognizeImage(scanned.image, {});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ((page->quarter_turns + turns) % 4, 0) << "turned " << turns;
    const OcrWord* word = FindWord(*page, "57-NQ/TW");
    ASSERT_NE(word, nullptr) << "turned " << turns;
    // Where the upright word's box lands in the turned image.
    const float* b = ref->page_box;
    float expected[4];
    if (turns == 2) {
      expected[0] = w - b[2], expected[1] = h - b[3], expected[2] = w - b[0], expected[3] = h - b[1];
    } else {
      expected[0] = h - b[3], expected[1] = b[0], expected[2] = h - b[1], expected[3] = b[2];
    }
    constexpr float kSlack = 6;   // pixels: deskew and rounding
    for (int k = 0; k < 4; ++k) EXPECT_NEAR(word->page_box[k], expected[k], kSlack) << "turned " << turns << " edge " << k;
  }
}

TEST(RecognizeImage, ABlankPageHasNoWords) {
  std::vector<uint8_t> white(size_t(1240) * 1754, 255);
  Result<OcrPage> page = RecognizeImage({1240, 1754, 1240, 1, 150, white.data()}, {});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->words.empty());
}

TEST(RecognizeImage, NoiseGivesFewWordsAndNoCrash) {
  std::vector<uint8_t> noise(size_t(1240) * 1754);
  std::mt19937 rng(57);
  for (uint8_t& p : noise) p = uint8_t(rng() & 0xFF);
  Result<OcrPage> page = RecognizeImage({1240, 1754, 1240, 1, 150, noise.data()}, {.page_timeout_ms = 20000});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  for (const OcrWord& w : page->words) EXPECT_LT(w.confidence, 80) << "noise read as '" << w.text << "'";
}

TEST(RecognizeImage, RefusesAMalformedImageWithAnError) {
  std::vector<uint8_t> px(16, 0);
  EXPECT_FALSE(RecognizeImage({0, 0, 0, 1, 300, px.data()}, {}).ok());
  EXPECT_FALSE(RecognizeImage({4, 4, 4, 1, 300, nullptr}, {}).ok());
  EXPECT_FALSE(RecognizeImage({4, 4, 2, 1, 300, px.data()}, {}).ok()) << "stride shorter than a row";
  EXPECT_FALSE(RecognizeImage({4, 4, 4, 2, 300, px.data()}, {}).ok()) << "two channels";
  Result<OcrPage> one = RecognizeImage({1, 1, 1, 1, 300, px.data()}, {});
  ASSERT_TRUE(one.ok()) << "a one-pixel image is a page without words, not an error";
  EXPECT_TRUE(one->words.empty());
}

TEST(RecognizeImage, MissingLanguageDataIsAnErrorNamingIt) {
  std::vector<uint8_t> white(64 * 64, 255);
  Result<OcrPage> page = RecognizeImage({64, 64, 64, 1, 300, white.data()}, {.languages = "xyz"});
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.status().message().find("xyz"), std::string::npos) << page.status().message();
  EXPECT_TRUE(OcrAvailable({}).ok());
}

TEST(RecognizeImage, APageTimeLimitStopsTesseractAndKeepsWhatItRead) {
  Rendered r = RenderCorpusPage("chi-linh-2026-01-report.pdf", 1, 300, false);
  ASSERT_NE(r.image.pixels, nullptr);
  Result<OcrPage> page = RecognizeImage(r.image, {.page_timeout_ms = 1});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->timed_out);
}

TEST(CountDarkPixels, CountsPixelsDarkerThanMidGray) {
  std::vector<uint8_t> px = {0, 100, 159, 160, 255, 7, 0, 0};   // two rows of 3 (stride 4)
  EXPECT_EQ(CountDarkPixels({3, 2, 4, 1, 50, px.data()}), 3 + 2);
}

}  // namespace
}  // namespace baocao

namespace baocao {
namespace {

TEST(RepairOcrGlyphs, TurnsLettersVietnameseHasNotIntoTheOnesMeant) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"63/QĐÐ-UBND", "63/QĐ-UBND"},   // Đ read twice
      {"71-NÑQ/CP", "71-NQ/CP"},       // N read twice
      {"ÐẢNG", "ĐẢNG"},                // Eth alone is the Đ meant
      {"ÑQ", "NQ"},
      {"57-NQ/TW", "57-NQ/TW"},        // nothing to repair
      {"Đồng", "Đồng"},
      {"", ""},
      {">70_", ">70"},                 // a ruling's remnant at a word's edge
      {"|Phòng", "Phòng"},
      {"_", "_"},
  };
  for (const Case& c : cases) EXPECT_EQ(RepairOcrGlyphs(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace baocao
