// Meta from the Layout and the text: the gazetteer, province, issuer and ward, date, signer.
#include <gtest/gtest.h>

#include <string>

#include "baocao/layout/layout.h"
#include "baocao/layout/meta.h"

namespace baocao {
namespace {

std::string Opt(const std::optional<std::string>& s) { return s ? *s : "<none>"; }

Gazetteer Places() {
  return Gazetteer::FromNames({"Hà Nội", "Hải Phòng", "Thái Nguyên", "Khánh Hòa", "Hòa Bình", "Hải Dương",
                               "Thành phố Hồ Chí Minh | TP.HCM | ~Hồ Chí Minh", "Bà Rịa - Vũng Tàu"});
}

Meta MetaOf(const std::string& text) { return BuildMeta(AnalyzeLayout(text), text, Places()); }

TEST(LayoutGazetteer, ParsesNamesAliasesAndComments) {
  Result<Gazetteer> g = Gazetteer::Parse("# comment\nHà Nội\n\nThành phố Hồ Chí Minh | TP.HCM  # city\n", "t.txt");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->provinces(), (std::vector<std::string>{"Hà Nội", "Thành phố Hồ Chí Minh"}));
  EXPECT_EQ(g->Canonical("tp.hcm"), "Thành phố Hồ Chí Minh");
  EXPECT_EQ(g->Canonical("HÀ NỘI"), "Hà Nội");
  EXPECT_EQ(g->Canonical("Hà Nam"), "");
}

TEST(LayoutGazetteer, MatchesToneMarkPlacementAndCase) {
  Gazetteer g = Places();
  EXPECT_EQ(g.Canonical("khánh hoà"), "Khánh Hòa");
  EXPECT_EQ(g.Canonical("KHÁNH HÒA"), "Khánh Hòa");
  EXPECT_EQ(g.Canonical("Bà Rịa-Vũng Tàu"), "Bà Rịa - Vũng Tàu");
}

TEST(LayoutGazetteer, RejectsBadFilesWithFileAndLine) {
  Result<Gazetteer> empty = Gazetteer::Parse("# nothing\n", "p.txt");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kBadRules);

  Result<Gazetteer> twice = Gazetteer::Parse("Hà Nội\nHà Nội\n", "p.txt");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("p.txt:2"), std::string::npos) << twice.status().message();

  Result<Gazetteer> blank_alias = Gazetteer::Parse("Hà Nội | \n", "p.txt");
  ASSERT_FALSE(blank_alias.ok());
  EXPECT_NE(blank_alias.status().message().find("p.txt:1"), std::string::npos);

  Result<Gazetteer> missing = Gazetteer::Load("/nonexistent/provinces.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kBadRules);
}

TEST(LayoutGazetteer, ProjectRegistryLoadsWithAllCurrentAndFormerUnits) {
  Result<Gazetteer> g = Gazetteer::Load(std::string(BAOCAO_RULES_DIR) + "/places/provinces.txt");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->provinces().size(), 64u);  // 34 units now; 63 before, Thừa Thiên Huế now Huế
  for (const char* name : {"Hải Phòng", "Thái Nguyên", "Khánh Hòa", "Hà Nội", "Thành phố Hồ Chí Minh", "Huế",
                           "Thừa Thiên Huế", "Hải Dương", "Bà Rịa - Vũng Tàu", "Đắk Lắk", "Cà Mau"}) {
    EXPECT_EQ(g->Canonical(name), name);
  }
  EXPECT_EQ(g->Canonical("Khánh Hoà"), "Khánh Hòa");
  EXPECT_EQ(g->Canonical("TP.HCM"), "Thành phố Hồ Chí Minh");
}

struct ProvinceCase {
  const char* name;
  const char* text;
  const char* province;
};

class LayoutProvince : public testing::TestWithParam<ProvinceCase> {};

TEST_P(LayoutProvince, ChoosesProvinceNamedMostOften) {
  EXPECT_EQ(Opt(MetaOf(GetParam().text).province), GetParam().province);
}

const ProvinceCase kProvinceCases[] = {
    {"AfterTinh", "Kế hoạch của UBND tỉnh Khánh Hoà về chuyển đổi số.", "Khánh Hòa"},
    {"AfterThanhUy", "Thực hiện Chương trình của Thành ủy Hải Phòng.", "Hải Phòng"},
    {"LowerCaseAfterThanhPho", "Ngày hội tại thành phố Hải phòng.", "Hải Phòng"},
    {"CapitalizedWithoutContext", "Cuộc thi Công dân số Hải Phòng và Smart Hải Phòng.", "Hải Phòng"},
    {"MostMentionsWins", "tỉnh Hải Dương. Thành phố Hải Phòng, UBND thành phố Hải Phòng.", "Hải Phòng"},
    {"TieGoesToTheEarliest", "tỉnh Thái Nguyên và tỉnh Khánh Hòa.", "Thái Nguyên"},
    {"CommonWordIsNoProvince", "Giữ gìn hòa bình và ổn định.", "<none>"},
    {"WardOfTheSameNameIsNoProvince", "UBND phường Hòa Bình báo cáo.", "<none>"},
    {"PersonNeedsContext", "Học tập tư tưởng, đạo đức, phong cách Hồ Chí Minh.", "<none>"},
    {"CityWithContext", "Sở Nội vụ TP. Hồ Chí Minh và TP.HCM.", "Thành phố Hồ Chí Minh"},
    {"HyphenatedName", "tỉnh Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"},
    {"NothingSaid", "UBND phường báo cáo kết quả.", "<none>"},
};

INSTANTIATE_TEST_SUITE_P(Cases, LayoutProvince, testing::ValuesIn(kProvinceCases),
                         [](const testing::TestParamInfo<ProvinceCase>& info) { return std::string(info.param.name); });

TEST(LayoutMeta, IssuerFromHeaderIssuerLines) {
  Meta meta = MetaOf(
      "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHƯỜNG HỒNG BÀNG\tĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 12/KH-UBND\tHồng Bàng, ngày 05 tháng 02 năm 2026\n\nKẾ HOẠCH\nTriển khai\n\nCăn cứ\n");
  EXPECT_EQ(Opt(meta.issuer), "UBND phường Hồng Bàng");
  EXPECT_EQ(Opt(meta.ward), "Hồng Bàng");
  EXPECT_EQ(meta.kind, "plan");
  EXPECT_EQ(Opt(meta.number), "12/KH-UBND");
  EXPECT_EQ(Opt(meta.date), "2026-02-05");
}

TEST(LayoutMeta, IssuerUnderParentCouncilIsNamedWithItsProvinceAndIsNoWard) {
  Meta meta = MetaOf(
      "UBND TỈNH LÂM ĐỒNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "SỞ NỘI VỤ                   Độc lập - Tự do - Hạnh phúc\n"
      "Số: 181/BC-SNV              Lâm Đồng, ngày 05 tháng 11 năm 2025\n\nBÁO CÁO\nTổng kết\n\n"
      "Kính gửi: Chủ tịch\n\nSở Nội vụ báo cáo như sau.\n");
  EXPECT_EQ(Opt(meta.issuer), "Sở Nội vụ tỉnh Lâm Đồng");
  EXPECT_EQ(Opt(meta.ward), "<none>");
}

struct IssuerCase {
  const char* name;
  const char* text;
  const char* issuer;
  const char* province;
};

class LayoutIssuer : public testing::TestWithParam<IssuerCase> {};

TEST_P(LayoutIssuer, NamesTheIssuingBodyAndItsProvince) {
  Meta meta = MetaOf(GetParam().text);
  EXPECT_EQ(Opt(meta.issuer), GetParam().issuer);
  EXPECT_EQ(Opt(meta.province), GetParam().province);
}

const IssuerCase kIssuerCases[] = {
    {"DepartmentOfAProvince",
     "UBND TỈNH THÁI NGUYÊN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ TÀI CHÍNH\tĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 12/STC-NS\tThái Nguyên, ngày 3 tháng 2 năm 2026\nV/v dự toán\n\nKính gửi: UBND tỉnh Khánh Hòa\n\n"
     "Sở Tài chính đề nghị tỉnh Khánh Hòa, tỉnh Khánh Hòa phối hợp.\n",
     "Sở Tài chính tỉnh Thái Nguyên", "Thái Nguyên"},
    {"OfficeOfTheCouncilNamesTheCouncil",
     "UBND TỈNH KHÁNH HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĂN PHÒNG\tĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 4/BC-VP\tKhánh Hòa, ngày 3 tháng 2 năm 2026\nBÁO CÁO\nTình hình\n\nVăn phòng UBND tỉnh báo cáo.\n",
     "Văn phòng UBND tỉnh Khánh Hòa", "Khánh Hòa"},
    {"WrappedCouncilAndWrappedBody",
     "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH THÁI NGUYÊN\tĐộc lập - Tự do - Hạnh phúc\n"
     "TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG\nSố: 8/TTPVHCC\tThái Nguyên, ngày 3 tháng 2 năm 2026\nV/v tiếp nhận hồ sơ\n\n"
     "Kính gửi: các sở\n\nTrung tâm Phục vụ hành chính công tiếp nhận.\n",
     "Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên", "Thái Nguyên"},
    {"NameKeepsTheHeadersPunctuation",
     "UBND TỈNH KHÁNH HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRUNG TÂM XÚC TIẾN ĐẦU TƯ\tĐộc lập - Tự do - Hạnh phúc\n"
     "THƯƠNG MẠI VÀ DU LỊCH\nSố: 6/TTXT\tKhánh Hòa, ngày 3 tháng 2 năm 2026\nV/v báo cáo\n\nKính gửi: Sở Nội vụ\n\n"
     "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch báo cáo.\n",
     "Trung tâm Xúc tiến Đầu tư Thương mại và Du lịch tỉnh Khánh Hòa", "Khánh Hòa"},
    {"DepartmentOfAMinistryHasNoProvince",
     "BỘ Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỤC QUẢN LÝ DƯỢC\tĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 88/QLD-CL\tHà Nội, ngày 3 tháng 2 năm 2026\nV/v thu hồi thuốc\n\nKính gửi: Sở Y tế tỉnh Khánh Hòa\n\n"
     "Cục Quản lý Dược đề nghị Sở Y tế tỉnh Khánh Hòa thu hồi.\n",
     "Cục Quản lý Dược", "<none>"},
    {"NationalBodyRunIntoTheMotto",
     "VĂN PHÒNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\t Độc lập - Tự do - Hạnh phúc\n"
     "Số: 7/TB-VPCP\tHà Nội, ngày 3 tháng 2 năm 2026\n\nTHÔNG BÁO\nKết luận\n\nVăn phòng Chính phủ thông báo.\n",
     "Văn phòng Chính phủ", "<none>"},
    {"TeamNamedWithTheBodyThatSetItUp",
     "SỞ CÔNG THƯƠNG THÁI NGUYÊN ĐOÀN KIỂM TRA THEO QĐ SỐ 120/QĐ-SCT Số: /ĐKT-SCT\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
     "Độc lập - Tự do - Hạnh phúc Thái Nguyên, ngày tháng 4 năm 2026\n\nBÁO CÁO\nKết quả kiểm tra\n\n"
     "Thực hiện Quyết định số 120/QĐ-SCT của Giám đốc Sở Công Thương, Đoàn kiểm tra đã làm việc theo kế hoạch.\n",
     "Đoàn kiểm tra theo QĐ số 120/QĐ-SCT - Sở Công Thương Thái Nguyên", "Thái Nguyên"},
    {"CouncilAndBodyInOneCell",
     "UBND TỈNH KHÁNH HÒA SỞ XÂY DỰNG Số: /KH-SXD\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
     "Khánh Hòa, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\nKiểm tra\n\nSở Xây dựng ban hành.\n",
     "Sở Xây dựng tỉnh Khánh Hòa", "Khánh Hòa"},
    {"StrayLetterTypedBeforeTheCouncil",
     "DUBND TỈNH KHÁNH HÒA VĂN PHÒNG Số: /BC-VP\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
     "Khánh Hòa, ngày tháng 6 năm 2026\n\nBÁO CÁO\nTình hình\n\nVăn phòng báo cáo.\n",
     "Văn phòng UBND tỉnh Khánh Hòa", "Khánh Hòa"},
    {"NameWrappedBeforeACommonWordIsOneBody",
     "BỘ CÔNG AN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỤC CẢNH SÁT\tĐộc lập - Tự do - Hạnh phúc\n"
     "PHÒNG CHÁY, CHỮA CHÁY\nSố: 15/C07-P2\tHà Nội, ngày 3 tháng 2 năm 2026\nV/v kiểm tra\n\nKính gửi: Công an tỉnh Khánh Hòa\n\n"
     "Cục Cảnh sát phòng cháy, chữa cháy đề nghị.\n",
     "Cục Cảnh sát phòng cháy, chữa cháy", "<none>"},
    {"DocumentIssuedWithAMinistersDecision",
     "BỘ Y TẾ\n\nHƯỚNG DẪN KỸ THUẬT\n\n(Ban hành kèm theo Quyết định số 250/QĐ-BYT ngày 5 tháng 3 năm 2026\n"
     "của Bộ trưởng Bộ Y tế)\n\n1. Phạm vi: các cơ sở tại Hà Nội, Hà Nội và Hải Phòng.\n",
     "Bộ Y tế", "<none>"},
};

INSTANTIATE_TEST_SUITE_P(Cases, LayoutIssuer, testing::ValuesIn(kIssuerCases),
                         [](const testing::TestParamInfo<IssuerCase>& info) { return std::string(info.param.name); });

TEST(LayoutMeta, IssuerFromTextMentionsOfTheDateLinePlace) {
  Meta meta = MetaOf(
      "Số: /BC-UBND\n\nTrung Thành, ngày tháng 6 năm 2026\n\nBÁO CÁO\n\nSơ kết\n\n"
      "UBND phường Trung Thành báo cáo. Ủy ban nhân dân phường Trung Thành đã làm. UBND phường Trưng Thành "
      "(lỗi chính tả). UBND xã Khác Xa làm. UBND xã Khác Xa. UBND xã Khác Xa. tỉnh Thái Nguyên.\n");
  EXPECT_EQ(Opt(meta.issuer), "UBND phường Trung Thành");
  EXPECT_EQ(Opt(meta.ward), "Trung Thành");
  EXPECT_EQ(Opt(meta.province), "Thái Nguyên");
}

TEST(LayoutMeta, IssuerFromParenthesizedAbbreviationAndPartyMentions) {
  Meta meta = MetaOf(
      "Số /KH-UBND\n\nBa Ngòi, ngày tháng năm 2026\n\nKẾ HOẠCH\n\nTriển khai\n\n"
      "Đảng ủy phường Ba Ngòi chỉ đạo. Ủy ban nhân dân (UBND) phường Ba Ngòi ban hành Kế hoạch.\n");
  EXPECT_EQ(Opt(meta.issuer), "UBND phường Ba Ngòi");
  EXPECT_EQ(Opt(meta.ward), "Ba Ngòi");
}

TEST(LayoutMeta, NoIssuerGuessedForTextWithoutHeader) {
  Meta meta = MetaOf("I. ĐỐI VỚI CẤP XÃ\n\n1\tUBND xã Bảo Lâm\t14,50\n2\tUBND xã Bảo Lâm\t12\n");
  EXPECT_EQ(Opt(meta.issuer), "<none>");
  EXPECT_EQ(meta.kind, "other");
}

TEST(LayoutMeta, BlankHeaderMonthCompletedByTheDocumentsCitationOfItself) {
  Meta meta = MetaOf(
      "Số: /KH-UBND\n\nHồng Bàng, ngày tháng năm 2026\n\nKẾ HOẠCH\n\nThực hiện\n\n"
      "Kế hoạch số 358/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân thành phố.\n\n"
      "PHỤ LỤC\n\n(Gửi kèm theo Kế hoạch số /KH-UBND ngày /02/2026 của Ủy ban nhân dân phường)\n");
  EXPECT_EQ(Opt(meta.date), "2026-02");
}

TEST(LayoutMeta, CitationOfAnotherYearOrMonthLeavesDateAlone) {
  Meta meta = MetaOf(
      "Số: /BC-UBND\n\nTrung Thành, ngày tháng 6 năm 2026\n\nBÁO CÁO\n\nSơ kết\n\n"
      "(Kèm theo Báo cáo số /BC-UBND ngày /5/2026)\n(Kèm theo Báo cáo số /BC-UBND ngày 3/6/2025)\n");
  EXPECT_EQ(Opt(meta.date), "2026-06");
}

TEST(LayoutMeta, SignerTitleAndRecipientsFromClosingBlock) {
  Meta meta = MetaOf(
      "Số: 1/BC-UBND\nHà Nội, ngày 1 tháng 2 năm 2026\nBÁO CÁO\nX\n\nNội dung.\n\nNơi nhận:\n- Như trên;\n\n"
      "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhạm Văn Đồng\n");
  EXPECT_EQ(Opt(meta.signer), "Phạm Văn Đồng");
  EXPECT_EQ(Opt(meta.signer_title), "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH");
  EXPECT_EQ(meta.recipients, std::vector<std::string>{"Như trên;"});
  EXPECT_EQ(Opt(meta.title), "X");
  EXPECT_EQ(Opt(meta.place), "Hà Nội");
}

// Issue 16: OCR writes a header's two lines as one ("BỘ CÔNG AN" over "CÔNG AN TỈNH LÂM ĐỒNG"):
// the ministry's name is where the issuing body's begins.
TEST(LayoutMeta, MinistryAndItsBodyOnOneLineAreCutAtTheMinistrysName) {
  Meta meta = MetaOf("BỘ CÔNG AN CÔNG AN TỈNH LÂM ĐỒNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                     "Số: 493/TTr-CAT-PC04\tLâm Đồng, ngày 15 tháng 12 năm 2025\nTỜ TRÌNH\nVề việc\n");
  EXPECT_EQ(Opt(meta.issuer), "Công an tỉnh Lâm Đồng");
  meta = MetaOf("BỘ CÔNG THƯƠNG CỤC HÓA CHẤT\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "Số: 813/HC-CNHC\tHà Nội, ngày 22 tháng 4 năm 2026\nKính gửi: Cục Hải quan\n\nCục Hóa chất có ý kiến.\n");
  EXPECT_EQ(Opt(meta.issuer), "Cục Hóa chất");
  // A ministry alone stays whole: "BỘ CÔNG THƯƠNG" is no ministry followed by a body.
  meta = MetaOf("BỘ CÔNG THƯƠNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "Số: 13/BCT-KH\tHà Nội, ngày 22 tháng 4 năm 2026\nKính gửi: các Sở\n");
  EXPECT_EQ(Opt(meta.issuer), "Bộ Công Thương");
}

// Issue 16: a department's office issues nothing on its own; an abbreviation has no vowel.
TEST(LayoutMeta, AnOfficeUnderADepartmentIsNamedWithItAndKeepsItsAbbreviation) {
  Meta meta = MetaOf("SỞ CÔNG THƯƠNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÒNG QLCN\tĐộc lập - Tự do - Hạnh phúc\n\n"
                     "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC\n\nKính gửi: Lãnh đạo Sở Công Thương\n");
  EXPECT_EQ(Opt(meta.issuer), "Phòng QLCN - Sở Công Thương");
}

}  // namespace
}  // namespace baocao
