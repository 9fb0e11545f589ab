#include <gtest/gtest.h>

#include <string>

#include "baocao/pipeline/extract.h"
#include "engine_util.h"

namespace baocao {
namespace {

using testing_util::FindMention;
using testing_util::SharedEngine;

TEST(ColumnUnits, BareFiguresTakeTheUnitTheirHeadingNames) {
  const std::string text =
      "BÁO CÁO\n\nTình hình các cụm công nghiệp\n\n"
      "STT\tTên cụm\tDiện tích (ha)\tTỷ lệ lấp đầy (%)\tTMĐT (tỷ đồng)\n"
      "1\tCCN Bắc Duyên Hải\t52\t87,75\t900\n"
      "2\tCCN Đông Phố Mới\t37,14\t100\t15.738\n";
  Result<Extraction> x = SharedEngine().ExtractBytes(text, "table.txt", {});
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  const Mention* area = FindMention(*x, "52", 6);
  const Mention* rate = FindMention(*x, "87,75", 6);
  const Mention* cost = FindMention(*x, "15.738", 7);
  ASSERT_NE(area, nullptr);
  ASSERT_NE(rate, nullptr);
  ASSERT_NE(cost, nullptr);
  EXPECT_EQ(area->type, MentionType::kCount);
  EXPECT_EQ(area->unit, "ha");
  EXPECT_EQ(rate->type, MentionType::kPercent);
  EXPECT_DOUBLE_EQ(rate->number, 87.75);
  EXPECT_EQ(cost->type, MentionType::kMoney);
  EXPECT_DOUBLE_EQ(cost->number, 15738e9);
  EXPECT_EQ(cost->unit, "đồng");
}

TEST(ColumnUnits, AFigureWithItsOwnUnitOrNoUnitedHeadingIsLeftAsWritten) {
  const std::string text =
      "BÁO CÁO\n\nKết quả\n\n"
      "STT\tNội dung\tKết quả\tTMĐT (tỷ đồng)\n"
      "1\tHồ sơ tiếp nhận\t120\t50 triệu đồng\n";
  Result<Extraction> x = SharedEngine().ExtractBytes(text, "table.txt", {});
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  const Mention* plain = FindMention(*x, "120", 6);
  const Mention* own = FindMention(*x, "50 triệu đồng", 6);
  ASSERT_NE(plain, nullptr);
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(plain->type, MentionType::kNumber);
  EXPECT_EQ(own->type, MentionType::kMoney);
  EXPECT_DOUBLE_EQ(own->number, 50e6);
}

}  // namespace
}  // namespace baocao
