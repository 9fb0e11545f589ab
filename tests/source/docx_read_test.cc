// ReadDocx: a .docx's bytes to the text the stages read (baocao/source/docx.h), on .docx files
// written for each case (test_docx.h), and bad files: each a clear error with its own code,
// never a crash or an expansion past the limits. Issue 20.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "baocao/source/docx.h"
#include "test_docx.h"

namespace baocao {
namespace {

using testing_util::MakeDocx;
using testing_util::MakeZip;
using testing_util::P;
using testing_util::Tc;

std::string TextOf(const std::string& docx) {
  Result<DocxDocument> doc = ReadDocx(docx);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? doc->text : "";
}

struct TextCase {
  const char* name;
  std::string body;
  std::string text;
};

TEST(DocxRead, WritesEachConstructAsDocxTextDoes) {
  const std::string vmerge_start = "<w:vMerge w:val=\"restart\"/>";
  const std::string field = "<w:p><w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r>"
                            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
                            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
                            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                            "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>/9</w:t></w:r></w:fldSimple></w:p>";
  const std::vector<TextCase> cases = {
      {"paragraphs, a break, a tab", P("Số: 43/BC-UBND") + "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>",
       "Số: 43/BC-UBND\na b\nc\n"},
      {"gridSpan and vMerge keep the columns",
       P("x") + "<w:tbl><w:tr>" + Tc(P("TT"), vmerge_start) + Tc(P("Chỉ tiêu"), "<w:gridSpan w:val=\"2\"/>") + "</w:tr>"
           "<w:tr>" + Tc(P(""), "<w:vMerge/>") + Tc(P("Kế hoạch")) + Tc(P("Kết quả")) + "</w:tr></w:tbl>" + P("y"),
       "x\n\nTT\tChỉ tiêu\t\n\tKế hoạch\tKết quả\n\ny\n"},
      {"gridBefore pads the row", "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + Tc(P("a")) + "</w:tr></w:tbl>",
       "\n\ta\n"},
      {"tracked changes as printed",
       "<w:p><w:r><w:t xml:space=\"preserve\">đạt </w:t></w:r><w:del w:id=\"1\"><w:r><w:delText>85%</w:delText></w:r></w:del>"
       "<w:ins w:id=\"2\"><w:r><w:t>86,98%</w:t></w:r></w:ins></w:p>",
       "đạt 86,98%\n"},
      {"a field by its result", field, "Trang 3/9\n"},
      {"a nested table in its cell",
       "<w:tbl><w:tr>" + Tc(P("A") + "<w:tbl><w:tr>" + Tc(P("b1")) + Tc(P("b2")) + "</w:tr></w:tbl>") + Tc(P("C")) + "</w:tr></w:tbl>",
       "\nA b1 b2\tC\n"},
      {"soft hyphens dropped, symbols mapped, no-break space kept",
       "<w:p><w:r><w:t>tổng\u00ADhợp</w:t><w:softHyphen/><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/>"
       "<w:sym w:font=\"Symbol\" w:char=\"F0B3\"/><w:t>5\u00A0ha</w:t></w:r></w:p>",
       "tổnghợp☑≥5\u00A0ha\n"},
      {"a deleted paragraph's text and properties are no text",
       "<w:p><w:pPr><w:rPr><w:t>no</w:t></w:rPr></w:pPr><w:r><w:t>yes</w:t></w:r></w:p>", "yes\n"},
  };
  for (const TextCase& c : cases) EXPECT_EQ(TextOf(MakeDocx(c.body)), c.text) << c.name;
}

TEST(DocxRead, NamesEachLinesParagraphOrTableRow) {
  const std::string body = P("one") + "<w:tbl><w:tr>" + Tc(P("a")) + Tc(P("b")) + "</w:tr><w:tr>" + Tc(P("c")) + Tc(P("d")) +
                           "</w:tr></w:tbl>" + P("two");
  Result<DocxDocument> doc = ReadDocx(MakeDocx(body));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->text, "one\n\na\tb\nc\td\n\ntwo\n");
  ASSERT_EQ(doc->lines.size(), 6u);
  EXPECT_EQ(doc->lines[0].origin.paragraph, 1);
  EXPECT_EQ(doc->lines[3].origin.table, 1);
  EXPECT_EQ(doc->lines[3].origin.row, 2);
  EXPECT_EQ(doc->lines[3].begin, doc->text.find("c\td"));
  EXPECT_EQ(doc->lines[5].origin.paragraph, 2);
  ASSERT_EQ(doc->tables.size(), 1u);
  EXPECT_EQ(doc->tables[0].rows, 2);
  EXPECT_EQ(doc->tables[0].columns, 2);
  EXPECT_EQ(doc->paragraphs, 2);
}

TEST(DocxRead, AppendsFootnotesAfterTheBodyUnderASeparator) {
  const std::string notes = std::string("<w:footnotes xmlns:w=\"") + testing_util::kWordNamespace + "\">"
                            "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
                            "<w:footnote w:id=\"1\">" + P("Nghị quyết số 57-NQ/TW ngày 22/12/2024.") + "</w:footnote></w:footnotes>";
  const std::string body = "<w:p><w:r><w:t>Theo Nghị quyết</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>";
  Result<DocxDocument> doc = ReadDocx(MakeDocx(body, {{"word/footnotes.xml", notes}}));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, "Theo Nghị quyết\n\n__________\n[1] Nghị quyết số 57-NQ/TW ngày 22/12/2024.\n");
  EXPECT_EQ(doc->footnotes, 1);
  EXPECT_EQ(doc->lines.back().origin.footnote, 1);
}

TEST(DocxRead, LabelsNumberedParagraphsAsWordPrintsThem) {
  const std::string numbering = std::string("<w:numbering xmlns:w=\"") + testing_util::kWordNamespace + "\">"
      "<w:abstractNum w:abstractNumId=\"0\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/></w:lvl>"
      "</w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"2\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%2.\"/></w:lvl></w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
      "</w:numbering>";
  auto numbered = [](const std::string& text, int num, int level) {
    return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" + std::to_string(num) +
           "\"/></w:numPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
  };
  const std::string body = numbered("Mục tiêu", 1, 0) + numbered("chung", 1, 1) + numbered("cụ thể", 1, 1) +
                           numbered("Nhiệm vụ", 1, 0) + numbered("đầu tiên", 1, 1) + numbered("gạch", 2, 0) +
                           numbered("La Mã", 2, 1) + "<w:tbl><w:tr>" + Tc(numbered("", 1, 0)) + Tc(P("STT tự động")) + "</w:tr></w:tbl>";
  EXPECT_EQ(TextOf(MakeDocx(body, {{"word/numbering.xml", numbering}})),
            "1. Mục tiêu\na) chung\nb) cụ thể\n2. Nhiệm vụ\na) đầu tiên\n- gạch\nII. La Mã\n\n3.\tSTT tự động\n");
}

// A minimal OLE2 compound file: the header's signature, and one directory entry named `entry`.
std::string Ole2With(const std::string& entry) {
  std::string bytes = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  bytes.resize(512 + 128, '\0');
  for (size_t i = 0; i < entry.size(); ++i) bytes[512 + 2 * i] = entry[i];
  bytes[512 + 64] = static_cast<char>(2 * (entry.size() + 1));
  return bytes;
}

struct BadCase {
  const char* name;
  std::string bytes;
  ErrorCode code;
  DocxLimits limits{};
};

TEST(DocxRead, RefusesBadFilesEachWithItsOwnCode) {
  const std::string good = MakeDocx(P("Báo cáo"));
  const std::string lol = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">"
                          "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                          "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                          "<w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>";
  const std::string external = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>";
  // A bomb: 65 MiB of one character, deflated to about 64 KiB, past the 64 MiB part limit.
  const std::string bomb = MakeZip({{"word/document.xml", std::string((size_t{65} << 20), ' ')}});
  const std::vector<BadCase> cases = {
      {"truncated zip", good.substr(0, good.size() / 2), ErrorCode::kCorrupt},
      {"a zip without word/document.xml (an .xlsx)", MakeZip({{"xl/workbook.xml", "<workbook/>"}}), ErrorCode::kUnsupported},
      {"a member expanding past the part limit", bomb, ErrorCode::kExpansionLimit},
      {"parts together past the total limit", MakeDocx(P(std::string(3000, 'a')), {{"word/footnotes.xml", std::string(3000, ' ')}}),
       ErrorCode::kExpansionLimit, DocxLimits{.max_part_bytes = 4096, .max_total_bytes = 5000}},
      {"billion laughs", MakeZip({{"word/document.xml", lol}}), ErrorCode::kUnsafeXml},
      {"an external entity", MakeZip({{"word/document.xml", external}}), ErrorCode::kUnsafeXml},
      {"XML not well-formed", MakeZip({{"word/document.xml", "<w:document><w:body>"}}), ErrorCode::kCorrupt},
      {"a run of angle brackets", MakeZip({{"word/document.xml", std::string(100000, '<')}}), ErrorCode::kCorrupt},
      {"no w:body", MakeZip({{"word/document.xml", "<x/>"}}), ErrorCode::kCorrupt},
      {"an undeclared entity", MakeZip({{"word/document.xml", "<d>&nope;</d>"}}), ErrorCode::kCorrupt},
      {"not a zip at all", "PK\x03\x04 and then nothing", ErrorCode::kCorrupt},
  };
  for (const BadCase& c : cases) {
    Result<DocxDocument> doc = ReadDocx(c.bytes, c.limits);
    ASSERT_FALSE(doc.ok()) << c.name;
    EXPECT_EQ(doc.status().code(), c.code) << c.name << ": " << doc.status().ToString();
    EXPECT_FALSE(doc.status().message().empty()) << c.name;
  }
}

TEST(DocxRead, RefusesDeepNestingAsTooMuch) {
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += "<a>";
  Result<DocxDocument> doc = ReadDocx(MakeZip({{"word/document.xml", deep}}));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kExpansionLimit) << doc.status().ToString();
}

TEST(DocxRead, TellsAnEncryptedOfficeFileFromAnOldWordFile) {
  EXPECT_TRUE(LooksLikeOle2(Ole2With("EncryptionInfo")));
  EXPECT_EQ(CheckOle2(Ole2With("EncryptionInfo")).code(), ErrorCode::kEncrypted);
  Status doc = CheckOle2(Ole2With("WordDocument"));
  EXPECT_EQ(doc.code(), ErrorCode::kNeedsConverter);
  EXPECT_NE(doc.message().find("libreoffice-writer"), std::string::npos) << doc.message();
  EXPECT_FALSE(LooksLikeZip(Ole2With("WordDocument")));
  EXPECT_TRUE(LooksLikeZip(MakeDocx(P("a"))));
}

}  // namespace
}  // namespace baocao
