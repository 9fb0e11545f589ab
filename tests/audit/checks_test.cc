// Each check of the audit on small texts through the whole engine: the inconsistency raises its
// flag (with Vietnamese or English explanation and evidence), the consistent text raises none.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "audit_util.h"
#include "baocao/pipeline/extract.h"

namespace baocao {
namespace {

using testing_util::Audited;
using testing_util::FlagsOf;
using testing_util::HasCheck;
using testing_util::kReport;
using testing_util::Replaced;

// ---------------------------------------------------------------------------------------------

const std::string kProcedures =
    "Tổng số TTHC thuộc thẩm quyền giải quyết của UBND phường là 377 thủ tục hành chính chia theo mức độ cụ thể như sau:\n\n"
    "- DVC trực tuyến toàn trình: 218 TTHC;\n- DVC trực tuyến một phần: 160 TTHC;\n";

TEST(AuditSum, PartsNotAddingUpToTheTotal) {
  std::vector<Flag> flags = FlagsOf(kReport + kProcedures, "sum_mismatch");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].stated, 377);
  EXPECT_EQ(flags[0].computed, 378);
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_NE(flags[0].explanation.find("218 + 160 = 378, khác tổng số đã nêu là 377."), std::string::npos) << flags[0].explanation;
  ASSERT_EQ(flags[0].evidence.size(), 3u);
  EXPECT_EQ(flags[0].evidence[0].text, "377 thủ tục hành chính");
  EXPECT_EQ(flags[0].evidence[1].text, "218 TTHC");
  EXPECT_EQ(flags[0].rule.rfind("rules/audit/relations.rel:", 0), 0u);
}

TEST(AuditSum, EnglishExplanation) {
  std::vector<Flag> flags = FlagsOf(kReport + kProcedures, "sum_mismatch", "en");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_NE(flags[0].explanation.find("218 + 160 = 378, not the 377 stated as the total."), std::string::npos) << flags[0].explanation;
}

TEST(AuditSum, PartsThatAddUpAreACheck) {
  std::string text = kReport + kProcedures;
  text.replace(text.find("377"), 3, "378");
  Extraction x = Audited(text);
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
  EXPECT_TRUE(HasCheck(x, "sum"));
}

TEST(AuditSum, FiguresOfAnotherPeriodAreNotParts) {
  // 2025: 7.618 = 7.520 + 98; 2026: 4.838 = 4.774 + 64. Mixed periods would not add up.
  Extraction x = Audited(kReport +
                     "Năm 2025, UBND phường tiếp nhận 7.618 hồ sơ, đã giải quyết 7.520 hồ sơ, còn 98 hồ sơ đang giải quyết. "
                     "Từ ngày 01/01/2026 đến ngày 06/6/2026, UBND phường tiếp nhận 4.838 hồ sơ, đã giải quyết 4.774 hồ sơ, "
                     "còn 64 hồ sơ đang giải quyết.\n");
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
  EXPECT_EQ(std::count_if(x.checks.begin(), x.checks.end(), [](const Check& c) { return c.relation == "sum"; }), 2);
}

TEST(AuditSum, PartsAreTakenFromTheTotalsSection) {
  // Section I adds up (12.294 + 162); section II does not (12.294 + 160).
  std::string body =
      "I. Kết quả nổi bật\n\nTổng số hồ sơ tiếp nhận là 12.456 hồ sơ.\n\nUBND phường đã giải quyết 12.294 hồ sơ.\n\n"
      "Đến ngày 06/6/2026, còn 162 hồ sơ đang trong quá trình giải quyết.\n\n"
      "II. Về chuyển đổi số\n\nTổng số hồ sơ tiếp nhận là 12.456 hồ sơ.\n\nUBND phường đã giải quyết 12.294 hồ sơ.\n\n"
      "Đến ngày 06/6/2026, còn 160 hồ sơ đang trong quá trình giải quyết.\n";
  std::vector<Flag> sums = FlagsOf(kReport + body, "sum_mismatch");
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_EQ(sums[0].computed, 12454);
  EXPECT_EQ(FlagsOf(kReport + body, "conflicting_values").size(), 1u);   // 162 vs 160, same date
}

// ---------------------------------------------------------------------------------------------

TEST(AuditExclusive, AllCompletedAndAllInProgress) {
  const std::string tasks =
      "- Tổng số có 52 nhiệm vụ được giao, trong đó:\n\n+ Số nhiệm vụ đã hoàn thành 52, tỷ lệ 100%.\n\n"
      "+ Số nhiệm vụ đang thực hiện đúng hạn 52, tỷ lệ 100%.\n\n+ Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%.\n";
  std::vector<Flag> flags = FlagsOf(kReport + tasks, "status_overlap");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].stated, 52);
  EXPECT_EQ(flags[0].computed, 104);
  std::string fine = Replaced(tasks, "thực hiện đúng hạn 52", "thực hiện đúng hạn 0");
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
  EXPECT_TRUE(HasCheck(x, "exclusive"));
}

TEST(AuditPartition, PhasesAgainstTheTotal) {
  const std::string phases =
      "- Giai đoạn 1: 16/16 nhiệm vụ đã hoàn thành.\n- Giai đoạn 2: 34/34 nhiệm vụ đã hoàn thành.\n"
      "- Tổng số có 52 nhiệm vụ được giao.\n";
  std::vector<Flag> flags = FlagsOf(kReport + phases, "sum_mismatch");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].computed, 50);
  std::string fine = phases;
  fine.replace(fine.find("52"), 2, "50");
  EXPECT_TRUE(FlagsOf(kReport + fine, "sum_mismatch").empty());
  // The phases are not conflicting values of the total.
  EXPECT_TRUE(FlagsOf(kReport + phases, "conflicting_values").empty());
}

// ---------------------------------------------------------------------------------------------

TEST(AuditRatio, StatedRateAgainstTheFractionBesideIt) {
  const std::string text =
      "Tỷ lệ nộp hồ sơ trực tuyến của phường đạt 86,98% (số hồ sơ nộp trực tuyến/tổng số hồ sơ tiếp nhận là 6.578/7.569 hồ sơ).\n";
  std::vector<Flag> flags = FlagsOf(kReport + text, "ratio_mismatch");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].stated, 86.98);
  EXPECT_EQ(flags[0].computed, 86.91);
  EXPECT_NE(flags[0].explanation.find("6.578 / 7.569 = 86,91%, khác tỷ lệ đã nêu là 86,98%."), std::string::npos)
      << flags[0].explanation;
  std::string rounded = text;
  rounded.replace(rounded.find("86,98"), 5, "86,91");
  Extraction x = Audited(kReport + rounded);
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
  EXPECT_TRUE(HasCheck(x, "ratio"));
}

TEST(AuditRatio, RoundingIsNotAMismatch) {
  // 12.294 / 12.456 = 98,6994%: written 98,70% it agrees; 98,7% too; 98,69% (cut, not rounded)
  // too; 98,68% does not.
  auto text = [](const char* rate) {
    return kReport + "Tổng số hồ sơ tiếp nhận là 12.456 hồ sơ.\n\nKết quả giải quyết, UBND phường đã giải quyết 12.294 hồ sơ, đạt tỷ lệ " +
           rate + " trên tổng số hồ sơ tiếp nhận.\n";
  };
  EXPECT_TRUE(FlagsOf(text("98,70%"), "ratio_mismatch").empty());
  EXPECT_TRUE(FlagsOf(text("98,7%"), "ratio_mismatch").empty());
  EXPECT_TRUE(FlagsOf(text("99%"), "ratio_mismatch").empty());
  EXPECT_TRUE(FlagsOf(text("98,69%"), "ratio_mismatch").empty());
  EXPECT_EQ(FlagsOf(text("98,68%"), "ratio_mismatch").size(), 1u);
  EXPECT_EQ(FlagsOf(text("98,72%"), "ratio_mismatch").size(), 1u);
}

TEST(AuditRatio, ARateOfAnotherBaseIsNotAMismatch) {
  // On-time over resolved (100%) is right even though 12.294 / 12.456 is 98,70%.
  Extraction x = Audited(kReport +
                     "Tổng số hồ sơ tiếp nhận là 12.456 hồ sơ.\n\nUBND phường đã giải quyết 12.294 hồ sơ. Trong đó, 100% hồ sơ được "
                     "giải quyết đúng và trước hạn (12.294 hồ sơ).\n");
  for (const Flag& f : x.flags) ADD_FAILURE() << f.kind << ": " << f.explanation;
}

// ---------------------------------------------------------------------------------------------

TEST(AuditConflict, OneIndicatorOneDateTwoValues) {
  const std::string text =
      "I. Kết quả\n\nĐến ngày 06/6/2026, còn 162 hồ sơ đang trong quá trình giải quyết.\n\n"
      "II. Chuyển đổi số\n\nĐến ngày 06/6/2026, còn 160 hồ sơ đang trong quá trình giải quyết.\n";
  std::vector<Flag> flags = FlagsOf(kReport + text, "conflicting_values");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].stated, 162);
  EXPECT_EQ(flags[0].computed, 160);
  EXPECT_EQ(flags[0].evidence.size(), 2u);
  EXPECT_NE(flags[0].explanation.find("06/06/2026"), std::string::npos) << flags[0].explanation;
}

TEST(AuditConflict, OtherDatesAreNotConflicts) {
  Extraction x = Audited(kReport +
                     "I. Kết quả\n\nĐến ngày 31/12/2025, còn 98 hồ sơ đang trong quá trình giải quyết.\n\n"
                     "II. Chuyển đổi số\n\nĐến ngày 06/6/2026, còn 160 hồ sơ đang trong quá trình giải quyết.\n");
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
}

TEST(AuditConflict, TargetAndActualAreNotConflicts) {
  Extraction x = Audited(kReport +
                     "I. Kết quả\n\n- Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 85%.\n\n"
                     "II. Nhiệm vụ\n\n- Chỉ tiêu tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính là 90%.\n");
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
}

TEST(AuditConflict, AgreeingMentionsAreACheck) {
  Extraction x = Audited(kReport +
                     "I. Kết quả\n\n- Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 85%.\n\n"
                     "II. Tồn tại\n\n- Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính mới đạt 85%.\n");
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
  EXPECT_TRUE(HasCheck(x, "agree"));
}

// ---------------------------------------------------------------------------------------------

const std::string kAssessTable =
    "Phụ lục I\n\nSTT\tNội dung\tChỉ tiêu\tKết quả\tĐánh giá\n"
    "1\tTỷ lệ người dân có tài khoản định danh điện tử VNeID\t≥ 70%\tVALUE\tVERDICT\n";

std::string Assess(const std::string& value, const std::string& verdict, const std::string& body = "") {
  std::string t = kAssessTable;
  t.replace(t.find("VALUE"), 5, value);
  t.replace(t.find("VERDICT"), 7, verdict);
  return kReport + body + t;
}

TEST(AuditAssessment, VerdictAgainstTheRowsOwnTargetAndValue) {
  EXPECT_EQ(FlagsOf(Assess("65%", "Đạt"), "assessment_mismatch").size(), 1u);
  EXPECT_EQ(FlagsOf(Assess("75%", "Không đạt"), "assessment_mismatch").size(), 1u);
  EXPECT_TRUE(FlagsOf(Assess("75%", "Đạt"), "assessment_mismatch").empty());
  EXPECT_TRUE(FlagsOf(Assess("65%", "Không đạt"), "assessment_mismatch").empty());
  EXPECT_TRUE(FlagsOf(Assess("70%", "Đạt"), "assessment_mismatch").empty());   // ≥ 70%: 70% meets it
}

TEST(AuditAssessment, ValueStatedInTheBody) {
  // The row says 81% and Đạt, the body says 68,75% for the same indicator and year.
  std::string body = "I. Kết quả\n\nToàn phường có tỷ lệ người dân có tài khoản định danh điện tử đạt 68,75%.\n\n";
  std::vector<Flag> flags = FlagsOf(Assess("81%", "Đạt", body), "assessment_mismatch");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].computed, 68.75);
  EXPECT_NE(flags[0].explanation.find("“Đạt”"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------

TEST(AuditMagnitude, DisbursedAboveAllocated) {
  const std::string text =
      "Năm 2026, tổng kinh phí bố trí thực hiện các nhiệm vụ khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số là "
      "1.056.000 đồng. Đến thời điểm báo cáo đã giải ngân 120.000.000 đồng.\n";
  std::vector<Flag> flags = FlagsOf(kReport + text, "magnitude_anomaly");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].stated, 1056000);
  EXPECT_EQ(flags[0].computed, 120000000);
  std::string fine = Replaced(text, "1.056.000 đồng", "1.056.000.000 đồng");
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
  EXPECT_TRUE(HasCheck(x, "part_whole"));
}

TEST(AuditMagnitude, RateAbove100) {
  EXPECT_EQ(FlagsOf(kReport + "- Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 120%.\n", "magnitude_anomaly").size(), 1u);
  EXPECT_TRUE(FlagsOf(kReport + "- Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100%.\n", "magnitude_anomaly").empty());
}

// ---------------------------------------------------------------------------------------------

TEST(AuditNames, WardSpelledTwoWays) {
  std::vector<Flag> flags = FlagsOf(kReport +
                                        "UBND phường Trung Thành báo cáo như sau. Cán bộ luôn trung thành với nhân dân.\n\n"
                                        "Cơ quan chủ trì: UBND phường Trưng Thành.\n",
                                    "name_variant");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_NE(flags[0].explanation.find("“Trưng Thành” (1 lần)"), std::string::npos) << flags[0].explanation;
  bool cites_variant = std::any_of(flags[0].evidence.begin(), flags[0].evidence.end(),
                                   [](const Span& s) { return s.text == "Trưng Thành"; });
  EXPECT_TRUE(cites_variant);
}

TEST(AuditNames, LowerCaseWordsAndCapitalsAreNotVariants) {
  // "trung thành" (loyal) is not the ward; "TRUNG THÀNH" in capitals is the same spelling.
  Extraction x = Audited(kReport + "Cán bộ luôn trung thành với nhân dân. UBND PHƯỜNG TRUNG THÀNH.\n");
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
}

// ---------------------------------------------------------------------------------------------

const std::string kPlan =
    "UBND PHƯỜNG BA NGÒI\n\nSố: /KH-UBND\n\nBa Ngòi, ngày 10 tháng 02 năm 2026\n\nKẾ HOẠCH\n\nTriển khai nhiệm vụ năm 2026\n\n"
    "STT\tTên nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
    "1\tĐề xuất đặt hàng nhiệm vụ\tPhòng Văn hóa – Xã hội\tDEADLINE\n";

TEST(AuditDates, DeadlineBeforeThePlansOwnDate) {
  auto plan = [](const std::string& deadline) {
    std::string t = kPlan;
    t.replace(t.find("DEADLINE"), 8, deadline);
    return t;
  };
  std::vector<Flag> flags = FlagsOf(plan("Gửi về Sở trước 02/2026"), "date_inconsistency");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].evidence.front().text.find("trước 02/2026") != std::string::npos ||
                flags[0].evidence.back().text.find("trước 02/2026") != std::string::npos,
            true);
  EXPECT_EQ(FlagsOf(plan("01/2026"), "date_inconsistency").size(), 1u);
  EXPECT_TRUE(FlagsOf(plan("02/2026"), "date_inconsistency").empty());   // within the plan's month
  EXPECT_TRUE(FlagsOf(plan("12/2026"), "date_inconsistency").empty());
  EXPECT_TRUE(FlagsOf(plan("trước 03/2026"), "date_inconsistency").empty());
}

TEST(AuditDates, ReportsLookBack) {
  // A report's task table with past deadlines describes history, not a broken plan.
  Extraction x = Audited(kReport + "STT\tTên nhiệm vụ\tThời gian hoàn thành\n1\tTập huấn kỹ năng số\t02/2025\n");
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
}

TEST(AuditDates, CitedDocumentAfterTheDocument) {
  std::vector<Flag> flags =
      FlagsOf(kReport + "Thực hiện Kế hoạch số 75/KH-UBND ngày 26/9/2026 của UBND phường về chuyển đổi số.\n", "date_inconsistency");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_TRUE(FlagsOf(kReport + "Thực hiện Kế hoạch số 75/KH-UBND ngày 26/9/2025 của UBND phường về chuyển đổi số.\n",
                      "date_inconsistency")
                  .empty());
}

// ---------------------------------------------------------------------------------------------

TEST(AuditTables, TotalRowAgainstItsRows) {
  auto table = [](const char* total) {
    return kReport + "Số hồ sơ theo tổ dân phố:\n\nSTT\tĐơn vị\tSố hồ sơ\n1\tTổ 1\t10\n2\tTổ 2\t20\n\tTổng cộng\t" + total + "\n";
  };
  std::vector<Flag> flags = FlagsOf(table("31"), "sum_mismatch");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].computed, 30);
  Extraction x = Audited(table("30"));
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
  EXPECT_TRUE(HasCheck(x, "table_sum"));
}

TEST(AuditTables, BreakdownTableAfterTrongDo) {
  auto text = [](const char* total) {
    return kReport + "- Số thủ tục hành chính hiện nay: " + total + ", trong đó:\n\nSTT\tSố TTHC\t\n\tCấp tỉnh\tCấp xã\n\t1752\t358\n";
  };
  EXPECT_EQ(FlagsOf(text("2100"), "sum_mismatch").size(), 1u);
  Extraction x = Audited(text("2110"));
  EXPECT_TRUE(x.flags.empty()) << x.flags[0].explanation;
  EXPECT_TRUE(HasCheck(x, "table_sum"));
}

TEST(AuditSeverity, FlagsSortedErrorsFirst) {
  Extraction x = Audited(kReport + "Cơ quan chủ trì: UBND phường Trưng Thành.\n\n" + kProcedures);
  ASSERT_EQ(x.flags.size(), 2u);
  EXPECT_EQ(x.flags[0].severity, Severity::kError);
  EXPECT_EQ(x.flags[1].severity, Severity::kWarning);
}

}  // namespace
}  // namespace baocao
