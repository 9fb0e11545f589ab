// ReadPdf: a PDF's bytes to its pages' texts, on PDFs made for each case (test_pdf.h), the
// edge and bad PDFs of corpus/pdf-edge/ (each giving its error code, never kInternal), and
// the real PDFs of corpus/pdf-real/ (each a result or a clear error).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "baocao/source/pdf.h"
#include "core/strings.h"
#include "corpus_util.h"
#include "test_pdf.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;
using testing_util::MakePdf;
using testing_util::PdfPageSpec;
using testing_util::PdfText;

fs::path Corpus() { return fs::path(BAOCAO_CORPUS_DIR); }

std::string Read(const fs::path& p) { return testing_util::ReadBytes(p); }

bool Has(const std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v) {
    if (x == s) return true;
  }
  return false;
}

TEST(ReadPdf, GivesEachPagesTextInReadingOrder) {
  PdfPageSpec one{{{72, 750, "First paragraph of page one."}, {72, 770, "Report"}}};
  PdfPageSpec two{{{72, 770, "Second page text."}}};
  Result<PdfDocument> pdf = ReadPdf(MakePdf({one, two}));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  ASSERT_EQ(pdf->pages.size(), 2u);
  EXPECT_EQ(pdf->pages[0].number, 1);
  EXPECT_EQ(pdf->pages[0].text, "Report\nFirst paragraph of page one.\n");
  EXPECT_EQ(pdf->pages[1].text, "Second page text.\n");
  EXPECT_TRUE(pdf->pages[1].has_text_layer);
  EXPECT_TRUE(pdf->repairs.empty());
}

// A ruled table as office writers draw one: a stroked line for each column border.
std::string ColumnBorders(std::initializer_list<double> xs, double top, double bottom) {
  std::string out = "0.5 w";
  for (double x : xs) {
    out += internal::Concat({" ", std::to_string(x), " ", std::to_string(top), " m ", std::to_string(x), " ",
                             std::to_string(bottom), " l S"});
  }
  return out;
}

TEST(ReadPdf, ADrawnColumnBorderSeparatesCellsSetAsCloseAsWords) {
  // "13" ends a space's width before "Dam bao"; words spaced as in "Tang cuong kiem tra".
  PdfPageSpec page{{{68, 730, "TT"}, {88, 730, "Nhiem vu"}, {260, 730, "Ket qua"},
                    {70, 710, "12"}, {88, 710, "Tang cuong kiem tra"}, {260, 710, "Bao cao"},
                    {72, 690, "13"}, {87.5, 690, "Dam bao ti le chi"}, {260, 690, "Bao cao"}}};
  page.drawing = ColumnBorders({66, 85.5, 250, 400}, 745, 680);
  Result<PdfDocument> pdf = ReadPdf(MakePdf({page}));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_NE(pdf->pages[0].text.find("12\tTang cuong kiem tra\tBao cao"), std::string::npos) << pdf->pages[0].text;
  EXPECT_NE(pdf->pages[0].text.find("13\tDam bao ti le chi\tBao cao"), std::string::npos) << pdf->pages[0].text;
}

TEST(ReadPdf, ARowOfOneWrappedCellInsideARuledTableStaysInTheTable) {
  // A row cut by a page break goes on as a row of one cell, padded apart from the rows around
  // it; its borders are the table's, so it is the table's, not a paragraph.
  PdfPageSpec page{{{68, 730, "TT"}, {90, 730, "Nhiem vu"}, {260, 730, "Ket qua"},
                    {70, 700, "12"}, {90, 700, "Tang cuong kiem tra"}, {260, 700, "Bao cao"},
                    {90, 660, "ve do luong tai phuong."},
                    {70, 620, "13"}, {90, 620, "Dam bao ti le chi"}, {260, 620, "Bao cao"}}};
  page.drawing = ColumnBorders({66, 85.5, 250, 400}, 745, 605);
  Result<PdfDocument> pdf = ReadPdf(MakePdf({page}));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const std::string& text = pdf->pages[0].text;
  // In the cell it continues (or a row of its own), never a paragraph that ends the table.
  EXPECT_EQ(text.find("\nve do luong"), std::string::npos) << text;
  EXPECT_NE(text.find("Tang cuong kiem tra ve do luong tai phuong.\tBao cao"), std::string::npos) << text;
  EXPECT_NE(text.find("13\tDam bao ti le chi\tBao cao"), std::string::npos) << text;
}

TEST(ReadPdf, AnEmptyColumnBetweenDrawnBordersIsAnEmptyCell) {
  // Body rows on a page of their own (the heading that named the columns is on the page
  // before): the third column is empty on every row, the last ("Ghi chú") too. Their borders
  // still make them cells, so each row has the table's five.
  PdfPageSpec page{{{70, 730, "1"}, {90, 730, "Cap nhat du lieu"}, {310, 730, "32"},
                    {70, 710, "2"}, {90, 710, "Tap huan can bo"}, {310, 710, "36"},
                    {70, 690, "3"}, {90, 690, "Kiem tra dinh ky"}, {310, 690, "10"}}};
  page.drawing = ColumnBorders({66, 85.5, 250, 300, 350, 450}, 745, 680);
  Result<PdfDocument> pdf = ReadPdf(MakePdf({page}));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_NE(pdf->pages[0].text.find("1\tCap nhat du lieu\t\t32\t\n2\tTap huan can bo\t\t36\t\n"), std::string::npos)
      << pdf->pages[0].text;
}

TEST(ReadPdf, TurnsARotatedPageUpright) {
  // /Rotate 90 on the page, and text drawn turned a quarter on a page that is not: both read
  // as upright text, top to bottom.
  PdfPageSpec rotated_page{{{72, 770, "Upright"}, {72, 750, "Upright second line"}}, 90};
  PdfPageSpec rotated_text{{{100, 100, "Turned", 11, true}, {120, 100, "Turned second line", 11, true}}};
  PdfPageSpec plain{{{72, 770, "Plain page."}}};
  Result<PdfDocument> pdf = ReadPdf(MakePdf({rotated_page, rotated_text, plain}));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->pages[0].text, "Upright\nUpright second line\n");
  EXPECT_EQ(pdf->pages[1].text, "Turned\nTurned second line\n");
  EXPECT_TRUE(Has(pdf->repairs, "rotated_text:1-2")) << ::testing::PrintToString(pdf->repairs);
}

TEST(ReadPdf, NotesAPageWithoutTextLayer) {
  PdfPageSpec text{{{72, 770, "Text on page one."}}};
  PdfPageSpec image;
  image.image_only = true;
  Result<PdfDocument> pdf = ReadPdf(MakePdf({text, image, image, text}));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_FALSE(pdf->pages[1].has_text_layer);
  EXPECT_EQ(pdf->pages[1].text, "");
  EXPECT_TRUE(pdf->pages[3].has_text_layer);
  EXPECT_TRUE(Has(pdf->repairs, "no_text_layer:2-3")) << ::testing::PrintToString(pdf->repairs);
}

TEST(ReadPdf, RefusesWhatItCannotRead) {
  PdfPageSpec image;
  image.image_only = true;
  struct Case {
    const char* name;
    std::string bytes;
    ErrorCode code;
  };
  std::string good = MakePdf({PdfPageSpec{{{72, 770, "Text."}}}});
  const Case cases[] = {
      {"only images", MakePdf({image, image}), ErrorCode::kNoText},
      {"no pages", MakePdf({}), ErrorCode::kEmpty},
      {"not a pdf", "<html>Not found</html>", ErrorCode::kCorrupt},
      {"header only", "%PDF-1.7\n", ErrorCode::kCorrupt},
      {"garbage after the header", "%PDF-1.4\n" + std::string(4000, 'x'), ErrorCode::kCorrupt},
      {"cut in the middle", good.substr(0, good.size() / 3), ErrorCode::kCorrupt},
  };
  for (const Case& c : cases) {
    Result<PdfDocument> pdf = ReadPdf(c.bytes);
    ASSERT_FALSE(pdf.ok()) << c.name;
    EXPECT_EQ(pdf.status().code(), c.code) << c.name << ": " << pdf.status().ToString();
    EXPECT_FALSE(pdf.status().message().empty()) << c.name;
  }
}

TEST(ReadPdf, RefusesMorePagesThanTheLimit) {
  std::string pdf = MakePdf({PdfPageSpec{{{72, 700, "First page."}}}, PdfPageSpec{{{72, 700, "Second page."}}},
                             PdfPageSpec{{{72, 700, "Third page."}}}});
  Result<PdfDocument> limited = ReadPdf(pdf, {.max_pages = 2});
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(limited.status().message().find("3 pages"), std::string::npos) << limited.status().message();
  EXPECT_TRUE(ReadPdf(pdf, {.max_pages = 3}).ok());
}

TEST(ReadPdf, KnowsAPdfByItsContentNotItsName) {
  EXPECT_TRUE(LooksLikePdf("%PDF-1.7\n..."));
  EXPECT_TRUE(LooksLikePdf(std::string(500, ' ') + "%PDF-1.4\n"));   // junk before the header
  EXPECT_FALSE(LooksLikePdf(std::string(1100, ' ') + "%PDF-1.4\n"));
  EXPECT_FALSE(LooksLikePdf("Báo cáo số 43/BC-UBND"));
  EXPECT_FALSE(LooksLikePdf(""));
}

TEST(ReadPdf, KeepsWordBoxesWhenAsked) {
  Result<PdfDocument> pdf = ReadPdf(MakePdf({PdfPageSpec{{{72, 770, "Boxed words here."}}}}), {.word_boxes = true});
  ASSERT_TRUE(pdf.ok());
  const PdfPage& page = pdf->pages[0];
  ASSERT_EQ(page.words.size(), 3u);
  EXPECT_EQ(page.text.substr(page.words[0].begin, page.words[0].end - page.words[0].begin), "Boxed");
  // Origin top left: the line drawn 770 points up the 842-point page is about 72 down.
  EXPECT_NEAR(page.words[0].x0, 72, 1);
  EXPECT_GT(page.words[0].y0, 55);
  EXPECT_LT(page.words[0].y1, 80);
  EXPECT_LT(page.words[0].x1, page.words[1].x0);
  EXPECT_TRUE(ReadPdf(MakePdf({PdfPageSpec{{{72, 770, "x"}}}})).value().pages[0].words.empty());
}

// The edge and bad PDFs (corpus/pdf-edge/README.md says what each is).
TEST(ReadPdf, EdgeFilesGiveTheirResultOrErrorCode) {
  struct Case {
    const char* file;
    PdfOptions options;
    ErrorCode code;            // kOk: read
    const char* contains;      // in the page texts, when read
  };
  const Case cases[] = {
      {"encrypted.pdf", {}, ErrorCode::kEncrypted, ""},
      {"encrypted.pdf", {.password = "wrong"}, ErrorCode::kEncrypted, ""},
      {"encrypted.pdf", {.password = "baocao"}, ErrorCode::kOk, "Hồng Bàng, ngày tháng năm 2026"},
      {"restricted.pdf", {}, ErrorCode::kOk, "Hồng Bàng, ngày tháng năm 2026"},
      {"truncated.pdf", {}, ErrorCode::kCorrupt, ""},
      {"broken-page-tree.pdf", {}, ErrorCode::kCorrupt, ""},
      {"bad-xref.pdf", {}, ErrorCode::kOk, "Hồng Bàng, ngày tháng năm 2026"},
      {"zero-pages.pdf", {}, ErrorCode::kEmpty, ""},
      {"scan-only.pdf", {}, ErrorCode::kNoText, ""},
      {"not-a-pdf.pdf", {}, ErrorCode::kCorrupt, ""},
      {"image-page.pdf", {}, ErrorCode::kOk, "Tối thiểu 90% hồ sơ TTHC"},
      {"rotated.pdf", {}, ErrorCode::kOk, "Kế hoạch số 358/KH-UBND của Ủy ban nhân dân thành"},
      {"nfd.pdf", {}, ErrorCode::kOk, "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024"},
      {"tcvn3.pdf", {}, ErrorCode::kOk, "Kết quả thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"},
      {"vni.pdf", {}, ErrorCode::kOk, "UỶ BAN NHÂN DÂN PHƯỜNG AN BÌNH"},
  };
  for (const Case& c : cases) {
    fs::path path = Corpus() / "pdf-edge" / c.file;
    if (!fs::exists(path)) GTEST_SKIP() << path << " missing";
    Result<PdfDocument> pdf = ReadPdf(Read(path), c.options);
    if (c.code != ErrorCode::kOk) {
      ASSERT_FALSE(pdf.ok()) << c.file;
      EXPECT_EQ(pdf.status().code(), c.code) << c.file << ": " << pdf.status().ToString();
      continue;
    }
    ASSERT_TRUE(pdf.ok()) << c.file << ": " << pdf.status().ToString();
    std::string all;
    for (const PdfPage& p : pdf->pages) all += p.text;
    EXPECT_NE(all.find(c.contains), std::string::npos) << c.file;
  }
}

TEST(ReadPdf, RepairsAndNotesWhatItFixed) {
  fs::path edge = Corpus() / "pdf-edge";
  if (!fs::exists(edge / "tcvn3.pdf")) GTEST_SKIP() << "corpus/pdf-edge missing";
  Result<PdfDocument> tcvn3 = ReadPdf(Read(edge / "tcvn3.pdf"));
  ASSERT_TRUE(tcvn3.ok());
  EXPECT_TRUE(Has(tcvn3->repairs, "legacy_font:tcvn3"));
  Result<PdfDocument> vni = ReadPdf(Read(edge / "vni.pdf"));
  ASSERT_TRUE(vni.ok());
  EXPECT_TRUE(Has(vni->repairs, "legacy_font:vni"));
  Result<PdfDocument> image = ReadPdf(Read(edge / "image-page.pdf"));
  ASSERT_TRUE(image.ok());
  EXPECT_TRUE(Has(image->repairs, "no_text_layer:2"));
  Result<PdfDocument> xref = ReadPdf(Read(edge / "bad-xref.pdf"));
  ASSERT_TRUE(xref.ok());
  EXPECT_TRUE(Has(xref->repairs, "pdf_repaired"));
  // Decomposed diacritics (NFD in the text layer) come out composed.
  Result<PdfDocument> nfd = ReadPdf(Read(edge / "nfd.pdf"));
  ASSERT_TRUE(nfd.ok());
  for (const PdfPage& p : nfd->pages) EXPECT_EQ(p.text.find("\xCC"), std::string::npos) << "combining mark on page " << p.number;
}

TEST(ReadPdf, ReadsTheRealPdfsOrSaysWhyNot) {
  fs::path dir = Corpus() / "pdf-real";
  if (!fs::exists(dir)) GTEST_SKIP() << "corpus/pdf-real missing";
  size_t read = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".pdf") continue;
    Result<PdfDocument> pdf = ReadPdf(Read(entry.path()));
    std::string name = entry.path().filename().string();
    if (name.find("-scan") != std::string::npos) {
      ASSERT_FALSE(pdf.ok()) << name;
      EXPECT_EQ(pdf.status().code(), ErrorCode::kNoText) << name;
      EXPECT_NE(pdf.status().message().find("text"), std::string::npos) << pdf.status().message();
      continue;
    }
    ASSERT_TRUE(pdf.ok()) << name << ": " << pdf.status().ToString();
    size_t text = 0;
    for (const PdfPage& p : pdf->pages) text += p.text.size();
    EXPECT_GT(text, 1000u) << name;
    ++read;
  }
  EXPECT_GE(read, 9u);
}

TEST(ReadPdf, RebuildsARealTableWithACentredHeading) {
  // Sở Nội vụ's Phụ lục I: a heading centred over five lines, row names wrapping around the
  // row's number; each row one line of cells.
  fs::path path = Corpus() / "pdf-real" / "lamdong-snv-phu-luc-i-cchc-2025-table.pdf";
  if (!fs::exists(path)) GTEST_SKIP() << path << " missing";
  Result<PdfDocument> pdf = ReadPdf(Read(path));
  ASSERT_TRUE(pdf.ok());
  const std::string& text = pdf->pages[0].text;
  EXPECT_NE(text.find("STT\tĐơn vị\tĐiểm chuẩn tối đa\tĐiểm tự đánh giá\tĐiểm thẩm định\tChỉ số\n"), std::string::npos) << text;
  EXPECT_NE(text.find("4\tSở Khoa học và Công nghệ\t12,50\t12,50\t9,50\t76,00%\n"), std::string::npos) << text;
  EXPECT_NE(text.find("5\tSở Nông nghiệp và Môi trường\t14,50\t14,00\t11,00\t75,86%\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace baocao
