#include <gtest/gtest.h>

#include <string>

#include "baocao/pipeline/extract.h"
#include "engine_util.h"

namespace baocao {
namespace {

using testing_util::FindMention;
using testing_util::SharedEngine;

std::string ValueOf(const Extraction& x, const std::string& text) {
  const Mention* m = FindMention(x, text);
  return m ? m->iso + (m->year_inferred ? " inferred" : "") : "(none)";
}

TEST(InferYears, AYearlessDateOrMonthTakesItsSentencesYearBeforeTheDocuments) {
  const std::string text =
      "UBND PHƯỜNG TRUNG THÀNH\n\nSố: 12/BC-UBND\n\nTrung Thành, ngày 10 tháng 6 năm 2026\n\nBÁO CÁO\n\nKết quả\n\n"
      "Số liệu đến tháng 10, tính đến ngày 30/10/2025 đạt 90%.\n"
      "Hồ sơ nộp trước ngày 23/8 hằng năm.\n";
  Result<Extraction> x = SharedEngine().ExtractBytes(text, "years.txt", {});
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(ValueOf(*x, "tháng 10"), "2025-10 inferred");     // the sentence's year
  EXPECT_EQ(ValueOf(*x, "ngày 23/8"), "2026-08-23 inferred");  // the document's
}

TEST(InferYears, WithNoYearAnywhereTheValueStaysYearless) {
  Result<Extraction> x = SharedEngine().ExtractBytes("Báo cáo gửi trước ngày 05 tháng 6 và trong tháng 9.\n", "y.txt", {});
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(ValueOf(*x, "ngày 05 tháng 6"), "--06-05");
  EXPECT_EQ(ValueOf(*x, "tháng 9"), "--09");
}

TEST(InferYears, AnUndatedTextLendsTheYearItLastGaveToAParagraphWithNone) {
  const std::string text =
      "Bộ ban hành hướng dẫn tổ chức kỳ thi tốt nghiệp năm 2022.\n\n"
      "Thông báo công khai chậm nhất ngày 10/6.\n\n"
      "Học sinh lớp 12 năm học 2021 - 2022 đăng ký từ ngày 4/5.\n";
  Result<Extraction> x = SharedEngine().ExtractBytes(text, "web.txt", {});
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(ValueOf(*x, "ngày 10/6"), "2022-06-10 inferred");
  // A school year lends its second year to May.
  EXPECT_EQ(ValueOf(*x, "ngày 4/5"), "2022-05-04 inferred");
}

TEST(InferYears, ABareMonthsCountEchoesTheMonthsSoFarTheTextNamed) {
  const std::string text =
      "Dự kiến tăng trưởng GRDP 9 tháng năm 2024 đạt khoảng 7,5%.\n\n"
      "Tốc độ tăng trưởng GRDP 9 tháng trên địa bàn tỉnh khá.\n\n"
      "Thời hạn thực hiện là 9 tháng kể từ ngày ký; sau 9 tháng phải báo cáo.\n";
  Result<Extraction> x = SharedEngine().ExtractBytes(text, "echo.txt", {});
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  int months_so_far = 0, durations = 0;
  for (const Mention& m : x->mentions) {
    months_so_far += m.type == MentionType::kPeriod && m.iso == "2024-01/2024-09";
    durations += m.type != MentionType::kPeriod && m.number == 9;
  }
  EXPECT_EQ(months_so_far, 2) << "the stated months so far and the bare '9 tháng' that echoes them";
  EXPECT_EQ(durations, 2) << "'9 tháng kể từ' and 'sau 9 tháng' are durations";
}

}  // namespace
}  // namespace baocao
