// The header: number and symbol, place and date, kind, title, issuer lines.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "baocao/layout/layout.h"

namespace baocao {
namespace {

std::string Opt(const std::optional<std::string>& s) { return s ? *s : "<none>"; }

struct HeaderCase {
  const char* name;
  const char* text;
  const char* number;   // "<none>" when absent
  const char* symbol;
  const char* place;
  const char* date;
  const char* kind;
};

class LayoutHeader : public testing::TestWithParam<HeaderCase> {};

TEST_P(LayoutHeader, ReadsNumberDateAndKind) {
  const HeaderCase& c = GetParam();
  Layout layout = AnalyzeLayout(c.text);
  EXPECT_EQ(Opt(layout.header.number), c.number);
  EXPECT_EQ(Opt(layout.header.symbol), c.symbol);
  EXPECT_EQ(Opt(layout.header.place), c.place);
  EXPECT_EQ(Opt(layout.header.date), c.date);
  EXPECT_EQ(layout.header.kind, c.kind);
}

const HeaderCase kHeaderCases[] = {
    {"FullReport", "\n\nSố: 43/BC-UBND\n\nChí Linh, ngày 26 tháng 01 năm 2026\n\nBÁO CÁO\n\nKết quả\n\nThực hiện",
     "43/BC-UBND", "BC-UBND", "Chí Linh", "2026-01-26", "report"},
    {"BlankNumberNoColon", "Số /KH-UBND\n\nBa Ngòi, ngày tháng năm 2026\n\nKẾ HOẠCH\n\nTriển khai\n",
     "<none>", "KH-UBND", "Ba Ngòi", "2026", "plan"},
    {"BlankNumberWithColon", "Số: /BC-UBND\n\nTrung Thành, ngày tháng 6 năm 2026\n\nBÁO CÁO\n",
     "<none>", "BC-UBND", "Trung Thành", "2026-06", "report"},
    {"DottedBlankNumber", "Số: ..../QĐ-UBND\nHà Nội, ngày ... tháng ... năm 2025\nQUYẾT ĐỊNH\nVề việc\n",
     "<none>", "QĐ-UBND", "Hà Nội", "2025", "decision"},
    {"KindFromSymbolWhenNoKindLine", "Số: 12/KH-UBND\nHà Nội, ngày 3 tháng 4 năm 2025\n\nCăn cứ ...\n",
     "12/KH-UBND", "KH-UBND", "Hà Nội", "2025-04-03", "plan"},
    {"OfficialLetterFromIssuerUnitSymbol", "Số: 769/UBND-VHXH\nChí Linh, ngày 30 tháng 9 năm 2025\n\nKính gửi: các phòng\n",
     "769/UBND-VHXH", "UBND-VHXH", "Chí Linh", "2025-09-30", "official_letter"},
    {"OfficialLetterFromSubjectLine",
     "Số: 464/STC-VP\tLâm Đồng, ngày 15 tháng 01 năm 2026\nV/v góp ý dự thảo Kế hoạch\n\nKính gửi: Sở Nội vụ\n",
     "464/STC-VP", "STC-VP", "Lâm Đồng", "2026-01-15", "official_letter"},
    {"OtherKindLine", "Số: 166/TTr-SNV\nLâm Đồng, ngày 12 tháng3 năm 2026\nTỜ TRÌNH\nVề việc trình ký\n",
     "166/TTr-SNV", "TTr-SNV", "Lâm Đồng", "2026-03-12", "other"},
    {"PartyStyleNumber", "Số 01-KH/BCĐ\nBa Ngòi, ngày 09 tháng 02 năm 2026\nKẾ HOẠCH\nBan hành\n",
     "01-KH/BCĐ", "KH/BCĐ", "Ba Ngòi", "2026-02-09", "plan"},
    {"NumberSplitFromSymbolByStampGap",
     "     Số: 181        /BC-SNV                   Lâm Đồng, ngày 05 tháng 11 năm 2025\n\n   BÁO CÁO\n",
     "181/BC-SNV", "BC-SNV", "Lâm Đồng", "2025-11-05", "report"},
    {"NumericDateLine", "Số: 5/TB-UBND\nHà Nội, ngày 10/01/2026\nTHÔNG BÁO\nKết luận\n",
     "5/TB-UBND", "TB-UBND", "Hà Nội", "2026-01-10", "other"},
    {"NoHeaderAtAll", "I. MỤC ĐÍCH\n\n1. Mục đích\n\nSố liệu năm 2025 là 12 hồ sơ.\n",
     "<none>", "<none>", "<none>", "<none>", ""},
    {"WardNamedAnIsNoKindLine",
     "ỦY BAN NHÂN DÂN\nPHƯỜNG AN DƯƠNG\nSố: 21/BC-UBND\nAn Dương, ngày 2 tháng 7 năm 2026\nBÁO CÁO\nKết quả\n",
     "21/BC-UBND", "BC-UBND", "An Dương", "2026-07-02", "report"},
    {"CapitalsAloneAreNoHeader", "KẾT QUẢ ĐÁNH GIÁ CÁC TIÊU CHÍ\nNĂM 2025\n\nI. ĐỐI VỚI CẤP SỞ\n",
     "<none>", "<none>", "<none>", "<none>", ""},
    {"StampedNumberBeforeSpacedSymbol",
     "Số: 2170 /QĐ - UBND\tCao Bằng, ngày 23 tháng 6 năm 2026\n\nQUYẾT ĐỊNH\nChấp thuận chủ trương\n",
     "2170/QĐ-UBND", "QĐ-UBND", "Cao Bằng", "2026-06-23", "decision"},
    {"BlankNumberBeforeSpacedSymbol", "Số:         /BC - SXD\tCao Bằng, ngày    tháng 6 năm 2026\nBÁO CÁO\nTình hình\n",
     "<none>", "BC-SXD", "Cao Bằng", "2026-06", "report"},
    {"SubjectRunIntoTheNumberPiece",
     "Số:512 /SXD-QLN V/v góp ý dự thảo quy chế\tCao Bằng, ngày 03 tháng 2 năm 2026\n\nKính gửi: Sở Tư pháp\n",
     "512/SXD-QLN", "SXD-QLN", "Cao Bằng", "2026-02-03", "official_letter"},
    {"CertificateDatedByItsFirstIssue",
     "UBND TỈNH CAO BẰNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBAN QUẢN LÝ KHU KINH TẾ\tĐộc lập - Tự do - Hạnh phúc\n\n"
     "GIẤY CHỨNG NHẬN ĐĂNG KÝ ĐẦU TƯ\n\nMã số dự án: 1234567890\nChứng nhận lần đầu: ngày 12 tháng 3 năm 2026\n\n"
     "Căn cứ Luật Đầu tư;\n",
     "<none>", "<none>", "<none>", "2026-03-12", "other"},
    {"DocumentIssuedWithADecision",
     "BỘ Y TẾ\n\nHƯỚNG DẪN KỸ THUẬT PHÒNG CHỐNG DỊCH\n\n(Ban hành kèm theo Quyết định số 250/QĐ-BYT ngày 5 tháng 3 năm 2026\n\n"
     "của Bộ trưởng Bộ Y tế)\n\n1. Phạm vi áp dụng\n",
     "<none>", "<none>", "<none>", "2026-03-05", "other"},
    {"DocumentIssuedWithADecisionNoKindLine",
     "BỘ Y TẾ\n\nCÁC GIẢI PHÁP KỸ THUẬT PHÒNG CHỐNG DỊCH\n\n(Ban hành kèm theo Quyết định số 250/QĐ-BYT ngày 5/3/2026 "
     "của Bộ trưởng Bộ Y tế)\n\n1. Phạm vi áp dụng\n",
     "<none>", "<none>", "<none>", "2026-03-05", ""},
    {"CitationOfAnotherDocumentKeepsTheDraftsOwnDate",
     "Số: /KH-SYT\tCao Bằng, ngày tháng 4 năm 2026\nKẾ HOẠCH\nThực hiện Đề án\n"
     "(Ban hành kèm theo Nghị quyết số 35-NQ/TU ngày 29/12/2025 của Tỉnh ủy)\n\nCăn cứ\n",
     "<none>", "KH-SYT", "Cao Bằng", "2026-04", "plan"},
    {"DocumentIssuedWithADecisionGluedDigits",
     "Bảng 3\nTIÊU CHÍ ĐÁNH GIÁ\n(Ban hành kèm theo Quyết định số1187/QĐ-BNV ngày15 tháng10 năm 2025 của Bộ Nội vụ)\n\nSTT\tTiêu chí\n",
     "<none>", "<none>", "<none>", "2025-10-15", ""},
    // Issue 16: scans whose number, day and month were written by hand, as OCR reads them:
    // marks that are no digits. The printed symbol and year are read, the rest left unread.
    {"OcrHandWrittenNumberAndDay",
     "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
     "số: 45 26 /QĐ-UBND\tLào Cai, ngày 0Â tháng † năm 2026\n\nQUYẾT ĐỊNH\nChấp thuận chủ trương\n",
     "<none>", "QĐ-UBND", "Lào Cai", "2026", "decision"},
    {"OcrHandWrittenNumberInItsOwnCell", "Số: đế”\t/QĐ-XPVPHC\tHà Nội, ngàyÓẨ tháng 7 năm 2026\nQUYẾT ĐỊNH\nXử phạt\n",
     "<none>", "QĐ-XPVPHC", "Hà Nội", "2026-07", "decision"},
    {"OcrSmallLetterOpening", "số: 813/HC-CNHC\tHà Nội, ngày 22 tháng 4 năm 2026\nKính gửi: Cục Hải quan\n",
     "813/HC-CNHC", "HC-CNHC", "Hà Nội", "2026-04-22", "official_letter"},
};

INSTANTIATE_TEST_SUITE_P(Cases, LayoutHeader, testing::ValuesIn(kHeaderCases),
                         [](const testing::TestParamInfo<HeaderCase>& info) { return std::string(info.param.name); });

TEST(Layout, TakesTitleAfterKindLineUntilBodyParagraph) {
  std::string text =
      "Số: 43/BC-UBND\n\nChí Linh, ngày 26 tháng 01 năm 2026\n\nBÁO CÁO\n\nKết quả công tác chỉ đạo\n\n"
      "Thực hiện công văn số 02-CV/BCĐ\n\nI. KẾT QUẢ THỰC HIỆN\n";
  Layout layout = AnalyzeLayout(text);
  ASSERT_TRUE(layout.header.title_text);
  EXPECT_EQ(*layout.header.title_text, "Kết quả công tác chỉ đạo");
  ASSERT_TRUE(layout.header.title);
  EXPECT_EQ(text.substr(layout.header.title->begin, layout.header.title->end - layout.header.title->begin),
            "Kết quả công tác chỉ đạo");
  ASSERT_TRUE(layout.header.kind_line);
  const TextRange& kind = *layout.header.kind_line;
  EXPECT_EQ(text.substr(kind.begin, kind.end - kind.begin), "BÁO CÁO");
}

TEST(Layout, TitleMayStartWithThucHienAndWrapOverLines) {
  std::string text =
      "Số: /KH-UBND\nHồng Bàng, ngày tháng năm 2026\nKẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\n"
      "của Bộ Chính trị\n\nI. CĂN CỨ XÂY DỰNG\n";
  Layout layout = AnalyzeLayout(text);
  ASSERT_TRUE(layout.header.title_text);
  EXPECT_EQ(*layout.header.title_text, "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị");
  ASSERT_FALSE(layout.sections.empty());
  EXPECT_EQ(layout.sections[0].number, "I");
}

TEST(Layout, TitleContinuesAfterBlankLineOnlyInLowerCase) {
  Layout layout = AnalyzeLayout("Số: /KH-UBND\nKẾ HOẠCH\n\nTriển khai nhiệm vụ\n\nnăm 2026\n\nCăn cứ Luật\n");
  ASSERT_TRUE(layout.header.title_text);
  EXPECT_EQ(*layout.header.title_text, "Triển khai nhiệm vụ năm 2026");
}

TEST(Layout, ReadsTwoColumnIssuerBlockSeparatedByTabs) {
  Layout layout = AnalyzeLayout(
      "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "PHƯỜNG CHÍ LINH\tĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 43/BC-UBND\tChí Linh, ngày 26 tháng 01 năm 2026\n\nBÁO CÁO\nKết quả\n\nThực hiện\n");
  ASSERT_TRUE(layout.header.issuer_line);
  EXPECT_EQ(*layout.header.issuer_line, "ỦY BAN NHÂN DÂN PHƯỜNG CHÍ LINH");
  EXPECT_EQ(layout.header.issuer_lines.size(), 2u);
  EXPECT_EQ(Opt(layout.header.number), "43/BC-UBND");
  EXPECT_EQ(Opt(layout.header.date), "2026-01-26");
  EXPECT_TRUE(layout.tables.empty()) << "header columns are not a table";
}

TEST(Layout, ReadsTwoColumnIssuerBlockSeparatedBySpaces) {
  Layout layout = AnalyzeLayout(
      "     UBND TỈNH LÂM ĐỒNG                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "          SỞ NỘI VỤ                                   Độc lập - Tự do - Hạnh phúc\n"
      "       Số: 181 /BC-SNV                   Lâm Đồng, ngày 05 tháng 11 năm 2025\n\n\n"
      "                                   BÁO CÁO\n"
      "    Tổng kết thực hiện Quyết định số 787/QĐ-UBND ngày 21/8/2025 của Chủ\n"
      "    tịch Ủy ban nhân dân tỉnh\n\n"
      "                          Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh\n");
  ASSERT_EQ(layout.header.issuer_lines.size(), 2u);
  EXPECT_EQ(layout.header.issuer_lines[0], "UBND TỈNH LÂM ĐỒNG");
  EXPECT_EQ(layout.header.issuer_lines[1], "SỞ NỘI VỤ");
  EXPECT_EQ(layout.header.kind, "report");
  EXPECT_EQ(Opt(layout.header.title_text),
            "Tổng kết thực hiện Quyết định số 787/QĐ-UBND ngày 21/8/2025 của Chủ tịch Ủy ban nhân dân tỉnh");
}

TEST(Layout, SubjectLineOfOfficialLetterIsItsTitle) {
  Layout layout = AnalyzeLayout(
      " UBND TỈNH LÂM ĐỒNG                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "      SỞ TÀI CHÍNH                         Độc lập - Tự do - Hạnh phúc\n"
      "     Số: 464     /STC-VP                 Lâm Đồng, ngày 15 tháng 01 năm 2026\n"
      "V/v góp ý dự thảo Kế hoạch kiểm\n"
      "tra cải cách hành chính năm 2026\n\n\n"
      "                              Kính gửi: Sở Nội vụ tỉnh Lâm Đồng\n");
  EXPECT_EQ(layout.header.kind, "official_letter");
  EXPECT_EQ(Opt(layout.header.number), "464/STC-VP");
  EXPECT_EQ(Opt(layout.header.title_text), "góp ý dự thảo Kế hoạch kiểm tra cải cách hành chính năm 2026");
}

TEST(Layout, HeaderTableCellsWrittenAsOneLineEach) {
  // A Word header table whose columns a converter wrote as one line each, tab between them.
  Layout layout = AnalyzeLayout(
      "UBND TỈNH CAO BẰNG SỞ XÂY DỰNG Số: /KH-SXD\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
      "Cao Bằng, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\nKiểm tra an toàn công trình\n\nCăn cứ Luật Xây dựng;\n");
  EXPECT_EQ(layout.header.issuer_lines, std::vector<std::string>{"UBND TỈNH CAO BẰNG SỞ XÂY DỰNG"});
  EXPECT_EQ(Opt(layout.header.number), "<none>");
  EXPECT_EQ(Opt(layout.header.symbol), "KH-SXD");
  EXPECT_EQ(Opt(layout.header.place), "Cao Bằng");
  EXPECT_EQ(Opt(layout.header.date), "2026-05");
  EXPECT_EQ(layout.header.kind, "plan");
  EXPECT_EQ(Opt(layout.header.title_text), "Kiểm tra an toàn công trình");
}

TEST(Layout, IssuerRunIntoTheMottoStopsAtIt) {
  Layout layout = AnalyzeLayout(
      "VĂN PHÒNG QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n_______\tĐộc lập - Tự do - Hạnh phúc\n\n"
      "Số: 9/TB-VPQH\tHà Nội, ngày 2 tháng 3 năm 2026\n\nTHÔNG BÁO\nKết luận\n");
  EXPECT_EQ(layout.header.issuer_lines, std::vector<std::string>{"VĂN PHÒNG QUỐC HỘI"});
  EXPECT_EQ(Opt(layout.header.number), "9/TB-VPQH");
}

TEST(Layout, NumberRunIntoThePlaceAndDateIsCutBeforeThePlace) {
  // A scan read by OCR: the columns' gap lost, both header columns on one line each.
  Layout layout = AnalyzeLayout(
      "BỘ CÔNG AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM CÔNG AN TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc\n"
      "Số: 23/TTr-CAT-PC06 Lâm Đồng, ngày 9 tháng 10 năm 2025\nTỜ TRÌNH\nĐề nghị ban hành báo cáo\n\nNội dung.\n");
  EXPECT_EQ(layout.header.issuer_lines, (std::vector<std::string>{"BỘ CÔNG AN", "CÔNG AN TỈNH LÂM ĐỒNG"}));
  EXPECT_EQ(Opt(layout.header.number), "23/TTr-CAT-PC06");
  EXPECT_EQ(Opt(layout.header.place), "Lâm Đồng");
  EXPECT_EQ(Opt(layout.header.date), "2025-10-09");
}

TEST(Layout, PlaceBeforeTheDateIsNeverTakenFromTheSymbol) {
  Layout layout = AnalyzeLayout(
      "UBND TỈNH LÀO CAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ CÔNG THƯƠNG\tĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 5/BC-SCT Lào Cai, ngày 2 tháng 3 năm 2026\nBÁO CÁO\nKết quả\n\nNội dung.\n");
  EXPECT_EQ(Opt(layout.header.symbol), "BC-SCT");
  EXPECT_EQ(Opt(layout.header.place), "Lào Cai");
}

TEST(Layout, RuleDrawnUnderTheIssuerIsNoPartOfIt) {
  Layout layout = AnalyzeLayout(
      "UBND TỈNH CAO BẰNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y TẾ ---------\tĐộc lập - Tự do - Hạnh phúc ------\n"
      "Số: 7/SYT-NV\tCao Bằng, ngày 2 tháng 3 năm 2026\nV/v tiêm chủng\n\nKính gửi: các xã\n");
  EXPECT_EQ(layout.header.issuer_lines, (std::vector<std::string>{"UBND TỈNH CAO BẰNG", "SỞ Y TẾ"}));
}

TEST(Layout, MottoWordsInATitleStayInIt) {
  Layout layout = AnalyzeLayout(
      "Số: 5/KH-UBND\nHà Nội, ngày 1 tháng 8 năm 2026\nKẾ HOẠCH\n"
      "Kỷ niệm 81 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam\n\nCăn cứ Luật;\n");
  EXPECT_EQ(Opt(layout.header.title_text), "Kỷ niệm 81 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam");
}

}  // namespace
}  // namespace baocao
