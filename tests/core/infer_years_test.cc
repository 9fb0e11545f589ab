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

}  // namespace
}  // namespace baocao
