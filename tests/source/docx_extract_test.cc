// Word input through the engine (issue 20): a .docx known by its content and read by the same
// stages as text, spans naming their paragraph or table cell; an old .doc and a zip of other
// files refused clearly; and the real .docx of ../shared/real (skipped where it is absent):
// every one read, its tables of the rows and columns corpus/real-docx-tables.tsv wrote down,
// and its references and facts those of the same document read as tools/docx-text's text.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "corpus_util.h"
#include "engine_util.h"
#include "test_docx.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;
using testing_util::MakeDocx;
using testing_util::MakeZip;
using testing_util::P;
using testing_util::SharedEngine;
using testing_util::Tc;

TEST(DocxExtract, ReadsAWordTableThroughTheTextStagesWithCellOrigins) {
  const std::string body = P("Tỷ lệ hồ sơ trực tuyến") + "<w:tbl><w:tr>" + Tc(P("TT")) + Tc(P("Chỉ tiêu")) + Tc(P("Kết quả")) +
                           "</w:tr><w:tr>" + Tc(P("1")) + Tc(P("Tỷ lệ nộp hồ sơ trực tuyến")) + Tc(P("86,98%")) + "</w:tr></w:tbl>";
  Stages stages;
  Result<Extraction> x = SharedEngine().ExtractBytes(MakeDocx(body), "t.docx", {}, &stages);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(x->document.format, Format::kDocx);
  const Mention* rate = testing_util::FindMention(*x, "86,98%");
  ASSERT_NE(rate, nullptr);
  ASSERT_TRUE(rate->span.origin.has_value());
  EXPECT_EQ(rate->span.origin->table, 1);
  EXPECT_EQ(rate->span.origin->row, 2);
  EXPECT_EQ(rate->span.origin->cell, 3);
  // Offsets are into the text read from the .docx (--stage text's source_text).
  EXPECT_EQ(stages.source_text.substr(rate->span.start, rate->span.end - rate->span.start), "86,98%");
  EXPECT_EQ(rate->span.line, 4);
}

TEST(DocxExtract, RefusesAnOldWordFileAndOtherZipsByContent) {
  std::string ole2 = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  ole2.resize(1024, '\0');
  ExtractOptions no_libreoffice;
  no_libreoffice.convert.soffice = "/nonexistent/soffice";   // as on a machine without it
  Result<Extraction> doc = SharedEngine().ExtractBytes(ole2, "report.docx", no_libreoffice);   // the name does not matter
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kNeedsConverter);
  EXPECT_NE(doc.status().message().find("LibreOffice"), std::string::npos);
  EXPECT_NE(doc.status().message().find("libreoffice-writer"), std::string::npos);
  Result<Extraction> xlsx = SharedEngine().ExtractBytes(MakeZip({{"xl/workbook.xml", "<workbook/>"}}), "a.xlsx");
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.status().code(), ErrorCode::kUnsupported);
  EXPECT_NE(xlsx.status().message().find("not a document this engine reads"), std::string::npos);
  Result<Extraction> empty = SharedEngine().ExtractBytes(MakeDocx(P("")), "e.docx");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kEmpty);
}

fs::path RealDir() { return fs::path(BAOCAO_SHARED_DIR) / "real"; }

// corpus/real-docx-tables.tsv: file -> each table's (rows, columns), in order.
std::map<std::string, std::vector<std::pair<int, int>>> ExpectedTables() {
  std::map<std::string, std::vector<std::pair<int, int>>> out;
  std::ifstream in(fs::path(BAOCAO_CORPUS_DIR) / "real-docx-tables.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("file\t", 0) == 0) continue;
    std::istringstream fields(line);
    std::string file;
    int table = 0, rows = 0, columns = 0;
    fields >> file >> table >> rows >> columns;
    out[file].emplace_back(rows, columns);
  }
  return out;
}

std::string DocxTextOf(const fs::path& docx) {
  const std::string command = "python3 '" + (fs::path(BAOCAO_CORPUS_DIR).parent_path() / "tools" / "docx-text").string() +
                              "' '" + docx.string() + "'";
  std::string out;
  if (std::FILE* pipe = popen(command.c_str(), "r")) {
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    pclose(pipe);
  }
  return out;
}

using FactKey = std::tuple<std::string, Role, double, std::string>;

std::multiset<FactKey> FactsOf(const Extraction& x, bool body_only) {
  std::multiset<FactKey> out;
  for (const Fact& f : x.facts) {
    if (body_only && f.span.origin && (f.span.origin->footnote || f.span.origin->endnote)) continue;
    out.insert({f.indicator, f.role, f.value.value_or(-1), f.period});
  }
  return out;
}

TEST(DocxExtract, ReadsEveryRealWordFileWithItsTablesAndDocxTextsFacts) {
  if (!fs::is_directory(RealDir())) GTEST_SKIP() << RealDir() << " is absent";
  const auto expected = ExpectedTables();
  ASSERT_FALSE(expected.empty());
  int files = 0;
  for (const auto& entry : fs::directory_iterator(RealDir())) {
    const fs::path path = entry.path();
    if (path.extension() != ".docx") continue;
    ++files;
    const std::string name = path.filename().string();
    const std::string bytes = testing_util::ReadBytes(path);
    Result<DocxDocument> doc = ReadDocx(bytes);
    ASSERT_TRUE(doc.ok()) << name << ": " << doc.status().ToString();
    std::vector<std::pair<int, int>> shapes;
    for (const DocxTableShape& t : doc->tables) shapes.emplace_back(t.rows, t.columns);
    EXPECT_EQ(shapes, expected.at(name)) << name;
    Result<Extraction> native = SharedEngine().ExtractBytes(bytes, name);
    ASSERT_TRUE(native.ok()) << name << ": " << native.status().ToString();
    Result<Extraction> text = SharedEngine().ExtractBytes(DocxTextOf(path), name + ".txt");
    ASSERT_TRUE(text.ok()) << name << ": " << text.status().ToString();
    // The same body gives the same facts; footnotes (which docx-text leaves out) only add.
    EXPECT_EQ(FactsOf(*native, true), FactsOf(*text, false)) << name;
    std::set<std::string> native_refs, text_refs;
    for (const Reference& r : native->references) native_refs.insert(r.number);
    for (const Reference& r : text->references) text_refs.insert(r.number);
    for (const std::string& r : text_refs) EXPECT_TRUE(native_refs.count(r)) << name << ": " << r;
    EXPECT_EQ(native->meta.number, text->meta.number) << name;
    EXPECT_EQ(native->meta.date, text->meta.date) << name;
    EXPECT_EQ(native->meta.signer, text->meta.signer) << name;
  }
  EXPECT_EQ(files, static_cast<int>(expected.size()));
}

TEST(DocxExtract, RefusesTheRealOldWordFilesNamingLibreOfficeWhenItIsAbsent) {
  if (!fs::is_directory(RealDir())) GTEST_SKIP() << RealDir() << " is absent";
  ExtractOptions no_libreoffice;
  no_libreoffice.convert.soffice = "/nonexistent/soffice";
  for (const auto& entry : fs::directory_iterator(RealDir())) {
    if (entry.path().extension() != ".doc") continue;
    Result<Extraction> x = SharedEngine().ExtractBytes(testing_util::ReadBytes(entry.path()), entry.path().string(),
                                                       no_libreoffice);
    ASSERT_FALSE(x.ok()) << entry.path();
    EXPECT_EQ(x.status().code(), ErrorCode::kNeedsConverter) << x.status().ToString();
  }
}

// Issue 20: with LibreOffice installed (tools/setup), the three real .doc files are converted
// to .docx and read as one; their meta as corpus/real-meta.tsv writes it down.
TEST(DocxExtract, ReadsTheRealOldWordFilesThroughLibreOffice) {
  if (!fs::is_directory(RealDir())) GTEST_SKIP() << RealDir() << " is absent";
  if (FindSoffice().empty()) GTEST_SKIP() << "LibreOffice is not installed";
  struct Want {
    const char* file;
    const char* symbol;
    const char* date;
    const char* signer;
  };
  const Want wants[] = {
      {"laocai-sct-cv-2019-y-kien-tkcs-mo-da-sau-chua.doc", "SCT-KT", "2019-05", "Phan Văn Cương"},
      {"laocai-sct-cv-2025-thong-bao-tham-dinh-tkxd-duong-bai-thai.doc", "SCT-CN", "2025-12", "Hoàng Văn Thuân"},
      {"laocai-sct-cv-2026-thong-bao-tham-dinh-tkxd-tuyen-apatit.doc", "SCT-CN", "2026-04", "Hoàng Văn Thuân"},
  };
  for (const Want& w : wants) {
    const std::string bytes = testing_util::ReadBytes(RealDir() / w.file);
    Result<Extraction> x = SharedEngine().ExtractBytes(bytes, w.file);
    ASSERT_TRUE(x.ok()) << w.file << ": " << x.status().ToString();
    EXPECT_EQ(x->document.format, Format::kDocx);
    EXPECT_EQ(x->document.bytes, bytes.size()) << "the file given, not the .docx made from it";
    ASSERT_FALSE(x->document.repairs.empty());
    EXPECT_EQ(x->document.repairs.front(), "converted:doc");
    EXPECT_EQ(x->meta.symbol, w.symbol) << w.file;
    EXPECT_EQ(x->meta.date, w.date) << w.file;
    EXPECT_EQ(x->meta.signer, w.signer) << w.file;
  }
}

}  // namespace
}  // namespace baocao
