// A PDF through the whole engine: every span page-local (page text[start:end] == span.text,
// `line` the line within the page), bounding boxes when asked, the document described as a
// PDF, the format known by content, and the same references as the text version.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "engine_util.h"
#include "baocao/emit/json.h"
#include "corpus_util.h"
#include "test_pdf.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;

const Engine& TheEngine() { return testing_util::SharedEngine(); }

fs::path Corpus() { return fs::path(BAOCAO_CORPUS_DIR); }

std::vector<const Span*> AllSpans(const Extraction& x) {
  std::vector<const Span*> out;
  for (const Mention& m : x.mentions) out.push_back(&m.span);
  for (const Reference& r : x.references) {
    for (const Span& s : r.spans) out.push_back(&s);
  }
  for (const Fact& f : x.facts) out.push_back(&f.span);
  for (const Table& t : x.tables) out.push_back(&t.span);
  for (const Flag& f : x.flags) {
    for (const Span& s : f.evidence) out.push_back(&s);
  }
  for (const Check& c : x.checks) {
    for (const CheckMember& m : c.members) out.push_back(&m.span);
  }
  return out;
}

// Every span of a PDF extraction is exactly its page's text, on the right line.
void ExpectPageLocalSpans(const Extraction& x, const std::vector<PdfPage>& pages, const std::string& name) {
  size_t checked = 0;
  for (const Span* s : AllSpans(x)) {
    ASSERT_TRUE(s->page.has_value()) << name;
    ASSERT_GE(*s->page, 1) << name;
    ASSERT_LE(static_cast<size_t>(*s->page), pages.size()) << name;
    const std::string& text = pages[static_cast<size_t>(*s->page) - 1].text;
    ASSERT_LE(s->start, s->end) << name;
    ASSERT_LE(s->end, text.size()) << name;
    EXPECT_EQ(text.substr(s->start, s->end - s->start), s->text) << name << " page " << *s->page;
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(s->start), '\n'));
    EXPECT_EQ(s->line, line) << name << ": " << s->text;
    ++checked;
  }
  EXPECT_GT(checked, 0u) << name;
}

class PdfFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(PdfFixture, SpansArePageLocal) {
  fs::path path = Corpus() / "pdf" / (GetParam() + ".pdf");
  if (!fs::exists(path)) GTEST_SKIP() << path << " missing";
  std::string bytes = testing_util::ReadBytes(path);
  Stages stages;
  Result<Extraction> x = TheEngine().ExtractBytes(bytes, path.string(), {}, &stages);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(x->document.format, Format::kPdf);
  ASSERT_TRUE(x->document.pages.has_value());
  EXPECT_EQ(static_cast<size_t>(*x->document.pages), stages.pages.size());
  EXPECT_EQ(x->document.bytes, bytes.size());
  EXPECT_EQ(x->document.sha256, Sha256Hex(bytes));
  ExpectPageLocalSpans(*x, stages.pages, GetParam());
}

TEST_P(PdfFixture, CitesTheSameDocumentsAsTheText) {
  fs::path pdf = Corpus() / "pdf" / (GetParam() + ".pdf");
  if (!fs::exists(pdf)) GTEST_SKIP() << pdf << " missing";
  Result<Extraction> from_pdf = TheEngine().ExtractFile(pdf.string());
  Result<Extraction> from_text = TheEngine().ExtractFile((Corpus() / "docs" / (GetParam() + ".txt")).string());
  ASSERT_TRUE(from_pdf.ok()) << from_pdf.status().ToString();
  ASSERT_TRUE(from_text.ok());
  auto numbers = [](const Extraction& x) {
    std::set<std::string> out;
    for (const Reference& r : x.references) out.insert(r.kind + " " + r.number);
    return out;
  };
  EXPECT_EQ(numbers(*from_pdf), numbers(*from_text));
  EXPECT_EQ(from_pdf->meta.number, from_text->meta.number);
  EXPECT_EQ(from_pdf->meta.date, from_text->meta.date);
}

INSTANTIATE_TEST_SUITE_P(Corpus, PdfFixture,
                         ::testing::Values("ba-ngoi-2026-plan", "chi-linh-2026-01-report", "hong-bang-2026-plan",
                                           "trung-thanh-2026-06-report"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(PdfExtract, SpansOfEdgeFilesArePageLocalToo) {
  for (const char* file : {"image-page.pdf", "tcvn3.pdf", "vni.pdf", "rotated.pdf", "two-column.pdf", "nfd.pdf"}) {
    fs::path path = Corpus() / "pdf-edge" / file;
    if (!fs::exists(path)) continue;
    Stages stages;
    Result<Extraction> x = TheEngine().ExtractBytes(testing_util::ReadBytes(path), file, {}, &stages);
    ASSERT_TRUE(x.ok()) << file << ": " << x.status().ToString();
    ExpectPageLocalSpans(*x, stages.pages, file);
  }
}

TEST(PdfExtract, GivesSpansTheirBoxWhenAsked) {
  fs::path path = Corpus() / "pdf" / "chi-linh-2026-01-report.pdf";
  if (!fs::exists(path)) GTEST_SKIP() << path << " missing";
  ExtractOptions options;
  options.pdf.word_boxes = true;
  Result<Extraction> x = TheEngine().ExtractFile(path.string(), options);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  size_t boxed = 0;
  for (const Mention& m : x->mentions) {
    ASSERT_TRUE(m.span.bbox.has_value()) << m.span.text;
    const auto& b = *m.span.bbox;
    EXPECT_LT(b[0], b[2]) << m.span.text;
    EXPECT_LT(b[1], b[3]) << m.span.text;
    EXPECT_GE(b[0], 0);
    EXPECT_LE(b[3], 842.1);
    // One line of text is one line of boxes: no taller than a few lines.
    if (m.span.text.find('\n') == std::string::npos) {
      EXPECT_LT(b[3] - b[1], 40) << m.span.text;
    }
    ++boxed;
  }
  EXPECT_GT(boxed, 100u);
  // Without the option, no span has a box.
  Result<Extraction> plain = TheEngine().ExtractFile(path.string());
  ASSERT_TRUE(plain.ok());
  for (const Mention& m : plain->mentions) EXPECT_FALSE(m.span.bbox.has_value());
}

TEST(PdfExtract, WritesBoxesInTheStreamedJsonAsInTheTree) {
  fs::path path = Corpus() / "pdf-edge" / "tcvn3.pdf";
  if (!fs::exists(path)) GTEST_SKIP() << path << " missing";
  ExtractOptions options;
  options.pdf.word_boxes = true;
  Result<Extraction> x = TheEngine().ExtractFile(path.string(), options);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  std::ostringstream streamed;
  WriteJson(*x, streamed, false);
  nlohmann::json tree = ToJson(*x);
  EXPECT_EQ(nlohmann::json::parse(streamed.str()), tree);
  ASSERT_FALSE(tree["mentions"].empty());
  const nlohmann::json& span = tree["mentions"][0]["span"];
  ASSERT_TRUE(span.contains("bbox")) << span.dump();
  EXPECT_EQ(span["bbox"].size(), 4u);
  EXPECT_EQ(span["page"], 1);
  EXPECT_EQ(tree["document"]["format"], "pdf");
  // Without boxes asked for, spans have no "bbox" key at all.
  Result<Extraction> plain = TheEngine().ExtractFile(path.string());
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(ToJson(*plain)["mentions"][0]["span"].contains("bbox"));
}

TEST(PdfExtract, KnowsTheFormatByContent) {
  std::string pdf = testing_util::MakePdf({testing_util::PdfPageSpec{{{72, 770, "Bao cao so 43/BC-UBND ngay 26/01/2026"}}}});
  // A PDF called .txt is read as a PDF.
  Result<Extraction> named_txt = TheEngine().ExtractBytes(pdf, "report.txt");
  ASSERT_TRUE(named_txt.ok()) << named_txt.status().ToString();
  EXPECT_EQ(named_txt->document.format, Format::kPdf);
  EXPECT_EQ(named_txt->document.pages, 1);
  // Bytes called .pdf that are no PDF (a saved error page) are refused, not read as text.
  Result<Extraction> html = TheEngine().ExtractBytes("<html><body>Không tìm thấy</body></html>", "download.PDF");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.status().code(), ErrorCode::kCorrupt);
  EXPECT_NE(html.status().message().find("download.PDF"), std::string::npos);
  // The same bytes under another name are text.
  EXPECT_TRUE(TheEngine().ExtractBytes("Báo cáo số 43/BC-UBND ngày 26/01/2026.", "note.txt").ok());
}

TEST(PdfExtract, ErrorsNameTheFile) {
  testing_util::PdfPageSpec image;
  image.image_only = true;
  Result<Extraction> scan = TheEngine().ExtractBytes(testing_util::MakePdf({image}), "scan.pdf");
  ASSERT_FALSE(scan.ok());
  EXPECT_EQ(scan.status().code(), ErrorCode::kNoText);
  EXPECT_EQ(scan.status().message().rfind("scan.pdf: ", 0), 0u) << scan.status().message();
  fs::path encrypted = Corpus() / "pdf-edge" / "encrypted.pdf";
  if (!fs::exists(encrypted)) return;
  Result<Extraction> locked = TheEngine().ExtractFile(encrypted.string());
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().code(), ErrorCode::kEncrypted);
  ExtractOptions with_password;
  with_password.pdf.password = "baocao";
  EXPECT_TRUE(TheEngine().ExtractFile(encrypted.string(), with_password).ok());
}

TEST(PdfExtract, ReadsTheRealPdfsWithPageLocalSpans) {
  fs::path dir = Corpus() / "pdf-real";
  if (!fs::exists(dir)) GTEST_SKIP() << "corpus/pdf-real missing";
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".pdf") continue;
    Stages stages;
    Result<Extraction> x =
        TheEngine().ExtractBytes(testing_util::ReadBytes(entry.path()), entry.path().string(), {}, &stages);
    std::string name = entry.path().filename().string();
    if (!x.ok()) {
      EXPECT_EQ(x.status().code(), ErrorCode::kNoText) << name << ": " << x.status().ToString();
      continue;
    }
    if (!x->mentions.empty()) ExpectPageLocalSpans(*x, stages.pages, name);
  }
}

// Under --ocr auto only a page that draws images or filled outlines is rendered to weigh its
// ink against its text layer. Text set as curves (Ghostscript's -dNoOutputFonts) has no text
// layer but thousands of filled contours: it must still be found and read by OCR.
TEST(PdfExtract, TextSetAsCurvesIsReadByOcrUnderAuto) {
  ExtractOptions options;
  options.pdf.ocr.mode = OcrMode::kAuto;
  Result<Extraction> x = TheEngine().ExtractFile(
      (fs::path(BAOCAO_CORPUS_DIR) / "pdf-edge" / "outlined-text.pdf").string(), options);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  const std::vector<std::string>& repairs = x->document.repairs;
  EXPECT_NE(std::find(repairs.begin(), repairs.end(), "ocr:1"), repairs.end()) << ::testing::PrintToString(repairs);
  bool cites_57 = false;
  for (const Reference& r : x->references) cites_57 = cites_57 || r.number == "57-NQ/TW";
  EXPECT_TRUE(cites_57) << "the page cites Nghị quyết số 57-NQ/TW";
}

}  // namespace
}  // namespace baocao
