// The closing block: recipients, the signer's title and name, in the orders converters give.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "baocao/layout/layout.h"

namespace baocao {
namespace {

std::string Opt(const std::optional<std::string>& s) { return s ? *s : "<none>"; }

struct ClosingCase {
  const char* name;
  const char* text;
  const char* signer;
  const char* signer_title;
  size_t recipients;
};

class LayoutClosing : public testing::TestWithParam<ClosingCase> {};

TEST_P(LayoutClosing, FindsSignerAndRecipients) {
  const ClosingCase& c = GetParam();
  Layout layout = AnalyzeLayout(c.text);
  EXPECT_EQ(Opt(layout.closing.signer), c.signer);
  EXPECT_EQ(Opt(layout.closing.signer_title), c.signer_title);
  EXPECT_EQ(layout.closing.recipients.size(), c.recipients);
}

const ClosingCase kClosingCases[] = {
    {"ListThenTitleThenName",
     "Trên đây là báo cáo.\n\nNơi nhận:\n\n- TT Đảng ủy;\n- Lưu: VT, VHXX.\n\n**KT.CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\n"
     "Trần Thị Hồng Vân\n\nPhụ lục I:\n",
     "Trần Thị Hồng Vân", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 2},
    {"ThreeTitleLines",
     "Nơi nhận: (VBĐT)\n- Sở Khoa học và Công nghệ (b/c);\n- Lưu VT. QP.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n"
     "PHÓ CHỦ TỊCH\n\nHoàng Đình Hưng\n",
     "Hoàng Đình Hưng", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 2},
    {"TitleBeforeList",
     "Đoạn cuối./.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nNguyễn Thị Vân Anh\n",
     "Nguyễn Thị Vân Anh", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 2},
    {"TitleAndNameBeforeList",
     "Đoạn cuối./.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNgô Mạnh Tài\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n",
     "Ngô Mạnh Tài", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 2},
    {"SideBySideColumns",
     "Nơi nhận:                                         KT. GIÁM ĐỐC\n"
     "- Như trên;                                        PHÓ GIÁM ĐỐC\n"
     "- Lưu: VT, CĐS (Huy).\n\n\n\n                                                     Lê Thanh Liêm\n",
     "Lê Thanh Liêm", "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", 2},
    {"TabbedColumns", "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- Như trên;\tCHỦ TỊCH\n- Lưu: VT.\n\n\tNguyễn Văn An\n",
     "Nguyễn Văn An", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", 2},
    {"NoRecipientsList", "Nội dung.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nLê Văn Bình\n",
     "Lê Văn Bình", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", 0},
    {"HeadingAboveListIsNoTitle",
     "VII. KIẾN NGHỊ\n\nNơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Tám\n\nPHỤ LỤC I\n",
     "Lê Văn Tám", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 1},
    {"NoNameThenAppendix", "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nPHỤ LỤC I\n", "<none>",
     "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 1},
    {"NoClosing", "Nội dung.\n\nNơi nhận hồ sơ là Trung tâm Phục vụ hành chính công.\n", "<none>", "<none>", 0},
    // A Word signature table whose cells a converter wrote as one line each.
    {"OneLineCellsListThenTitleAndName",
     "Nội dung./.\n\nNơi nhận: - Như trên; - Ban Giám đốc Sở; - Lưu: VT, KT (An).\t\tKT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Trần Văn Bảy\n",
     "Trần Văn Bảy", "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", 3},
    {"OneLineCellWithThePositionAfterTheName",
     "Nội dung./.\n\nNơi nhận: - Thành viên Tổ; - Lưu: VT.\tTM. TỔ CÔNG TÁC TỔ TRƯỞNG Lê Thị Mai PHÓ GIÁM ĐỐC SỞ NỘI VỤ\n",
     "Lê Thị Mai", "TM. TỔ CÔNG TÁC TỔ TRƯỞNG", 2},
    {"OneLineCellWithABodysNameIsNoSigner", "Nội dung./.\n\nNơi nhận: - Lưu: VT.\tTM. UBND Phường Hòa Bình\n", "<none>",
     "TM. UBND Phường Hòa Bình", 1},
    {"OneLineCellWithoutPrefix",
     "Nội dung./.\n\nNơi nhận: - Như trên; - Lưu: VT, QLXD (Hà).\tGIÁM ĐỐC Phạm Thu Hà\n", "Phạm Thu Hà", "GIÁM ĐỐC", 2},
    // Issue 16: a police document's signer under his rank; a speck OCR read before the anchor.
    {"RankBeforeTheName",
     "Nội dung./.\n\n'Nơi nhận:\t\t——- GIÁM ĐỐC\n- Như trên;\n- Lưu: VT, PC04.\n\nThiếu tướng Trương Minh Đương\n",
     "Trương Minh Đương", "GIÁM ĐỐC", 2},
    {"ARankAloneIsNoName", "Nội dung./.\n\nNơi nhận:\tGIÁM ĐỐC\n- Lưu: VT.\n\nĐại tá\n", "<none>", "GIÁM ĐỐC", 1},
    // Issue 16: a scan's closing as OCR reads it, the seal and the signature read as specks.
    {"SpecksOfTheSealBetweenTitleAndName",
     "Nội dung./.\n\nNơi nhận:\tKT. . GIÁM ĐỐC\n- Như trên;\tPHÓ GIÁM ĐỐC\nx.H.C.\n- Lưu: VT.\n\n/Ê\t4\t3\tCÀ\n"
     "`>sHoàng Văn Thuân\n",
     "Hoàng Văn Thuân", "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", 2},
    {"TitleWithSpecksAfterIt",
     "Nội dung./.\n\nNơi nhận: - Thường trực Tỉnh ủy; - Lưu: VT.\t=\tCHỦ TỊCH ' /\" -_. (%4\n\t\t\tNguyễn Tuấn Anh\n",
     "Nguyễn Tuấn Anh", "CHỦ TỊCH", 2},
    {"SpecksBeforeTheAnchorsListAndNoTitle",
     "Nội dung./.\n\nNơi nhận: ni Xa TA ) C GAM - Như kính gửi; - Đ/c Phó Giám đốc Công an tỉnh; - Lưu: VT, PC06 (ĐI). Í\n"
     ": -% m2\nThiếu tướng Trương Minh Đương\n",
     "Trương Minh Đương", "<none>", 2},   // the first item is lost among the specks
    {"SpecksNeverCarryTheBlockIntoAnAppendix",
     "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n/ 3\n\nPHỤ LỤC I\nNguyễn Văn An\n", "<none>",
     "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 1},
    {"NoMoreThanFourSpeckLines",
     "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n/\n4 3\nCÀ\n(C7.,z h\n: -%\nNguyễn Văn An\n", "<none>",
     "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 1},
};

INSTANTIATE_TEST_SUITE_P(Cases, LayoutClosing, testing::ValuesIn(kClosingCases),
                         [](const testing::TestParamInfo<ClosingCase>& info) { return std::string(info.param.name); });

TEST(Layout, ClosingBlockInTheMiddleLeavesAppendixTablesAlone) {
  std::string text =
      "I. KẾT QUẢ\n\nNội dung.\n\nNơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Văn Nam\n\n"
      "Phụ lục I\n\nSTT\tNội dung\n1\tMột\n";
  Layout layout = AnalyzeLayout(text);
  ASSERT_TRUE(layout.closing.range);
  std::string block = text.substr(layout.closing.range->begin, layout.closing.range->end - layout.closing.range->begin);
  EXPECT_TRUE(block.starts_with("Nơi nhận:"));
  EXPECT_TRUE(block.ends_with("Trần Văn Nam"));
  ASSERT_TRUE(layout.closing.signer_range);
  const TextRange& name = *layout.closing.signer_range;
  EXPECT_EQ(text.substr(name.begin, name.end - name.begin), "Trần Văn Nam");
  EXPECT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(layout.closing.recipients, std::vector<std::string>{"Lưu: VT."});
  size_t closing_blocks = 0;
  for (const Block& b : layout.blocks) closing_blocks += b.kind == BlockKind::kClosing;
  EXPECT_EQ(closing_blocks, 1u);
}

TEST(Layout, WrappedRecipientJoinsThePreviousOne) {
  Layout layout = AnalyzeLayout("Nơi nhận:\n- Các cơ quan, đơn vị\ntrên địa bàn phường;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê An Bình\n");
  EXPECT_EQ(layout.closing.recipients,
            (std::vector<std::string>{"Các cơ quan, đơn vị trên địa bàn phường;", "Lưu: VT."}));
  EXPECT_EQ(Opt(layout.closing.signer), "Lê An Bình");
}

TEST(Layout, RecipientsListedOnTheAnchorsLine) {
  Layout layout = AnalyzeLayout(
      "Nội dung./.\n\nNơi nhận: - Sở Tài chính (để b/c); - UBND các xã, phường; - Lưu: VT, KT.\tCHỦ TỊCH Lê An Bình\n");
  EXPECT_EQ(layout.closing.recipients,
            (std::vector<std::string>{"Sở Tài chính (để b/c);", "UBND các xã, phường;", "Lưu: VT, KT."}));
  EXPECT_EQ(Opt(layout.closing.signer), "Lê An Bình");
}

}  // namespace
}  // namespace baocao
