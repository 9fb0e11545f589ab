// Scanned PDFs through the whole engine (issue 9): pages without text read by OCR, spans with
// page, box and confidence, labels with slipped diacritics still linked, flags resting on
// doubtful numbers downgraded, bad pages (noise, blank, a 1-pixel image) a clear result.
//
// The scans are made in test setup by tools/make-scans (pdftoppm, ImageMagick, img2pdf) from
// two pages of a corpus PDF, into a temporary folder; without those tools the tests skip.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "baocao/audit/audit.h"
#include "baocao/pipeline/extract.h"
#include "engine_util.h"
#include "baocao/emit/json.h"
#include "corpus_util.h"
#include "ocr/hong_bang_pages.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;

const Engine& TheEngine() { return testing_util::SharedEngine(); }

class ScannedPdf : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("baocao-ocr-test-" + std::to_string(::getpid())));
    fs::path tool = fs::path(BAOCAO_CORPUS_DIR).parent_path() / "tools" / "make-scans";
    fs::path pdf = fs::path(BAOCAO_CORPUS_DIR) / "pdf" / "hong-bang-2026-plan.pdf";
    // Pages 2-3 hold the plan's targets (100%, 90%, 95% ...); at 300 dpi, plain. The bad pages
    // at 100 dpi (their size does not matter, their content does).
    std::string out = dir_->string();
    std::string cmd = "'" + tool.string() + "' --out '" + out + "' --pages 2-3 '" + pdf.string() +
                      "' >/dev/null 2>&1 && '" + tool.string() + "' --out '" + out +
                      "' --special --dpi 100 >/dev/null 2>&1";
    ok_ = std::system(cmd.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
  }
  void SetUp() override {
    if (!ok_) GTEST_SKIP() << "tools/make-scans could not run (pdftoppm, convert, img2pdf missing?)";
  }

  static Result<Extraction> Extract(const fs::path& pdf, OcrMode mode, bool boxes = false) {
    ExtractOptions options;
    options.pdf.ocr.mode = mode;
    options.pdf.word_boxes = boxes;
    return TheEngine().ExtractFile(pdf.string(), options);
  }
  static fs::path Scan() { return *dir_ / "300" / "plain" / "hong-bang-2026-plan.pdf"; }
  // The scan read once under kAuto with boxes, for the tests that only look at the result.
  static const Result<Extraction>& AutoScan() {
    static const Result<Extraction>* x = new Result<Extraction>(Extract(Scan(), OcrMode::kAuto, true));
    return *x;
  }
  static fs::path Special(const char* name) { return *dir_ / "100" / "special" / name; }

  static fs::path* dir_;
  static bool ok_;
};

fs::path* ScannedPdf::dir_ = nullptr;
bool ScannedPdf::ok_ = false;

bool Has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST_F(ScannedPdf, IsReadByOcrUnderAutoWithPageBoxAndConfidenceOnEverySpan) {
  const Result<Extraction>& x = AutoScan();
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_TRUE(Has(x->document.repairs, "ocr:1-2"));
  EXPECT_TRUE(Has(x->document.repairs, "no_text_layer:1-2"));
  ASSERT_FALSE(x->mentions.empty());
  for (const Mention& m : x->mentions) {
    ASSERT_TRUE(m.span.page.has_value());
    ASSERT_TRUE(m.span.confidence.has_value()) << m.span.text;
    EXPECT_GE(*m.span.confidence, 0);
    EXPECT_LE(*m.span.confidence, 100);
    ASSERT_TRUE(m.span.bbox.has_value()) << m.span.text;
    EXPECT_LT((*m.span.bbox)[0], (*m.span.bbox)[2]);
    EXPECT_LE((*m.span.bbox)[2], 596) << "boxes in PDF points of an A4 page";
  }
  std::set<std::string> numbers;
  for (const Reference& r : x->references) numbers.insert(r.number);
  EXPECT_TRUE(numbers.count("57-NQ/TW")) << "the resolution cited on the scanned pages";
  // The JSON says where a span came from.
  nlohmann::json span = SpanToJson(x->mentions.front().span);
  EXPECT_TRUE(span.contains("confidence"));
}

TEST_F(ScannedPdf, LinksTheSameIndicatorsAsTheTextOfThosePages) {
  const Result<Extraction>& x = AutoScan();
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  std::set<std::string> indicators;
  for (const Fact& f : x->facts) indicators.insert(f.indicator);
  for (const char* id : testing_util::kHongBangPage2To3Targets) EXPECT_TRUE(indicators.count(id)) << id;
}

// The pages the store keeps (issue 16) are this reading's: OCR's text, which the spans point
// into, and its words with boxes and confidence, so that no one reads the scan again.
TEST_F(ScannedPdf, HandsBackThePagesOcrReadWithTheirWords) {
  std::vector<PdfPage> pages;
  ExtractOptions options;
  options.pdf.ocr.mode = OcrMode::kAuto;
  std::atomic<int> ocr_pages{0};   // pages may be read on several threads
  options.pdf.ocr.progress = [&](int, int) { ++ocr_pages; };
  Result<Extraction> x = TheEngine().ExtractBytes(testing_util::ReadBytes(Scan()), "scan.pdf", options, &pages);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_GT(ocr_pages, 0);
  ASSERT_EQ(pages.size(), 2u);
  for (const PdfPage& page : pages) {
    EXPECT_TRUE(page.read_by_ocr);
    EXPECT_FALSE(page.text.empty());
    ASSERT_FALSE(page.words.empty());
    for (const PdfWordBox& w : page.words) {
      EXPECT_LE(w.end, page.text.size());
      EXPECT_GE(w.confidence, 0);
      EXPECT_LT(w.x0, w.x1);
    }
  }
  ASSERT_FALSE(x->mentions.empty());
  for (const Mention& m : x->mentions) {
    const std::string& text = pages.at(*m.span.page - 1).text;
    EXPECT_EQ(text.substr(m.span.start, m.span.end - m.span.start), m.span.text);
  }
}

TEST_F(ScannedPdf, UnderNeverIsNoTextNamingTheOption) {
  Result<Extraction> x = Extract(Scan(), OcrMode::kNever);
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.status().code(), ErrorCode::kNoText);
  EXPECT_NE(x.status().message().find("--ocr never"), std::string::npos) << x.status().message();
}

TEST_F(ScannedPdf, BadPagesGiveAClearResultOrNoTextNeverACrash) {
  for (const char* name : {"noise.pdf", "blank.pdf", "shapes.pdf", "tiny.pdf"}) {
    Result<Extraction> x = Extract(Special(name), OcrMode::kAuto);
    if (x.ok()) {
      EXPECT_TRUE(x->facts.empty()) << name << ": facts from a page without text";
    } else {
      EXPECT_EQ(x.status().code(), ErrorCode::kNoText) << name << ": " << x.status().ToString();
    }
  }
  Result<Extraction> blank = Extract(Special("blank.pdf"), OcrMode::kAuto);
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.status().code(), ErrorCode::kNoText);
  Result<Extraction> forced = Extract(Special("blank.pdf"), OcrMode::kAlways);
  ASSERT_FALSE(forced.ok()) << "a blank page read by OCR anyway has no text either";
  EXPECT_EQ(forced.status().code(), ErrorCode::kNoText);
}

// A 72 dpi JPEG scan: Tesseract gives letters with a median confidence of 15, not text. The
// page is reported unreadable rather than giving its noise as text.
TEST_F(ScannedPdf, AScanTooCoarseToReadIsNoTextSayingSo) {
  Result<Extraction> x = Extract(fs::path(BAOCAO_CORPUS_DIR) / "pdf-edge" / "scan-only.pdf", OcrMode::kAuto);
  ASSERT_FALSE(x.ok()) << "72 dpi noise read as text";
  EXPECT_EQ(x.status().code(), ErrorCode::kNoText);
  EXPECT_NE(x.status().message().find("could not read them with confidence"), std::string::npos)
      << x.status().ToString();
}

TEST_F(ScannedPdf, ATextPdfIsNotReadByOcrUnderAuto) {
  Result<Extraction> x = Extract(fs::path(BAOCAO_CORPUS_DIR) / "pdf" / "hong-bang-2026-plan.pdf", OcrMode::kAuto);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  for (const std::string& r : x->document.repairs) EXPECT_NE(r.rfind("ocr", 0), 0u) << r;
  for (const Mention& m : x->mentions) EXPECT_FALSE(m.span.confidence.has_value()) << m.span.text;
}

// Labels as OCR gives them, tone marks slipped, still link through the lexicon's folded match.
TEST(OcrLabels, SlippedDiacriticsStillLinkTheIndicator) {
  const std::string clean =
      "KẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\nI. MỤC TIÊU\n- Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 95%\n";
  const std::string slipped =
      "KẾ HOẠCH\nThực hiện chuyên đổi số năm 2026\nI. MỤC TIÊU\n- Tỳ lệ số hoá hồ sơ, kêt quả giải quyêt TTHC đạt 95%\n";
  Result<Extraction> a = TheEngine().ExtractBytes(clean, "clean.txt");
  Result<Extraction> b = TheEngine().ExtractBytes(slipped, "slipped.txt");
  ASSERT_TRUE(a.ok() && b.ok());
  auto indicators = [](const Extraction& x) {
    std::set<std::pair<std::string, double>> out;
    for (const Fact& f : x.facts) out.insert({f.indicator, f.value.value_or(-1)});
    return out;
  };
  ASSERT_FALSE(indicators(*a).empty());
  EXPECT_EQ(indicators(*b), indicators(*a));
}

Flag ErrorFlag(bool uncertain) {
  Flag f;
  f.kind = "sum_mismatch";
  f.severity = Severity::kError;
  f.explanation = "Tổng: 218 + 160 = 378, khác tổng số đã nêu là 377.";
  Span s;
  s.text = "377";
  s.page = 3;
  s.confidence = uncertain ? 62.0f : 95.0f;
  s.uncertain = uncertain;
  f.evidence.push_back(s);
  return f;
}

TEST(DowngradeUncertainFlags, AnErrorOnADoubtfulNumberBecomesAWarningThatSaysWhy) {
  Flag warning = ErrorFlag(false);
  warning.severity = Severity::kWarning;
  std::vector<Flag> flags = {warning, ErrorFlag(true), ErrorFlag(false)};
  DowngradeUncertainFlags(flags, {});
  ASSERT_EQ(flags.size(), 3u);
  EXPECT_EQ(flags[0].severity, Severity::kError) << "the sure error stays, first";
  EXPECT_EQ(flags[1].severity, Severity::kWarning);
  EXPECT_EQ(flags[2].severity, Severity::kWarning);
  int downgraded = 0;
  for (const Flag& f : flags) {
    if (f.explanation.find("nhận dạng bằng OCR với độ tin cậy thấp (62/100)") != std::string::npos) ++downgraded;
  }
  EXPECT_EQ(downgraded, 1);

  std::vector<Flag> english = {ErrorFlag(true)};
  DowngradeUncertainFlags(english, {.lang = "en"});
  EXPECT_NE(english[0].explanation.find("read by OCR with low confidence"), std::string::npos);
}

// "Đạt" beside 90% against "> 90%": OCR reads "≥" as ">", and here the sign alone decides.
Flag AssessmentOnTheBound(std::optional<float> confidence, double value) {
  Flag f;
  f.kind = "assessment_mismatch";
  f.severity = Severity::kError;
  f.stated = 90;
  f.computed = value;
  f.explanation = "Tỷ lệ hồ sơ trực tuyến: tự đánh giá “Đạt” so với chỉ tiêu > 90%, nhưng giá trị 90% không đạt chỉ tiêu.";
  for (const char* text : {"Đạt", "> 90%", "90%"}) {
    Span s;
    s.text = text;
    s.confidence = confidence;
    if (confidence) s.page = 2;
    f.evidence.push_back(s);
  }
  return f;
}

TEST(DowngradeUncertainFlags, AVerdictThatRestsOnAComparatorReadByOcrIsAWarning) {
  std::vector<Flag> flags = {AssessmentOnTheBound(96.0f, 90), AssessmentOnTheBound(std::nullopt, 90),
                             AssessmentOnTheBound(96.0f, 85)};
  DowngradeUncertainFlags(flags, {});
  ASSERT_EQ(flags.size(), 3u);
  // Sorted: the two sure errors first (a text layer's sign; a value off the bound), then the warning.
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[1].severity, Severity::kError);
  EXPECT_EQ(flags[2].severity, Severity::kWarning);
  EXPECT_EQ(*flags[2].computed, 90);
  ASSERT_TRUE(flags[2].evidence[0].confidence.has_value());
  EXPECT_NE(flags[2].explanation.find("chỉ phụ thuộc vào dấu so sánh (≥ hay >)"), std::string::npos) << flags[2].explanation;

  std::vector<Flag> english = {AssessmentOnTheBound(96.0f, 90)};
  DowngradeUncertainFlags(english, {.lang = "en"});
  EXPECT_EQ(english[0].severity, Severity::kWarning);
  EXPECT_NE(english[0].explanation.find("rests on the comparison sign alone"), std::string::npos);
}

TEST(OcrJson, SpansCarryConfidenceAndUncertainOnlyWhenReadByOcr) {
  Span s;
  s.text = "377";
  s.page = 1;
  EXPECT_FALSE(SpanToJson(s).contains("confidence"));
  EXPECT_FALSE(SpanToJson(s).contains("uncertain"));
  s.confidence = 61.25f;
  s.uncertain = true;
  nlohmann::json j = SpanToJson(s);
  EXPECT_DOUBLE_EQ(j["confidence"].get<double>(), 61.3);
  EXPECT_EQ(j["uncertain"], true);
}

}  // namespace
}  // namespace baocao
