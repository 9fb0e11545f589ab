// What is compared with what (rules/audit/README.md): values the document states for other
// units, stretches of time or kinds of one indicator, values of another role, scoring rules,
// documents that are not reports, and rates cut rather than rounded raise no flag; each test is
// one class of false alarm met on real reports of other provinces, through the whole engine.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "audit_util.h"
#include "baocao/pipeline/extract.h"

namespace baocao {
namespace {

using testing_util::Audited;
using testing_util::Explain;
using testing_util::FlagsOf;
using testing_util::Header;
using testing_util::kReport;

// ---------------------------------------------------------------------------------------------
// 1. Scope: one indicator stated for the province, a level, a named body.

TEST(Conflicts, AProvinceTotalAndTheCommuneLevelAreNotTwoValuesOfOneThing) {
  const std::string text = kReport +
                           "I. Kết quả\n\nToàn tỉnh đã tiếp nhận 120.000 hồ sơ.\n\n"
                           "II. Cấp xã\n\nCấp xã đã tiếp nhận 80.000 hồ sơ.\n";
  std::vector<Flag> flags = FlagsOf(text, "conflicting_values");
  EXPECT_TRUE(flags.empty()) << Explain(flags);
  // Without the words of another unit the two are one quantity.
  std::string same = text;
  same.replace(same.find("Toàn tỉnh"), std::string("Toàn tỉnh").size(), "UBND phường");
  same.replace(same.find("Cấp xã đã"), std::string("Cấp xã").size(), "UBND phường");
  EXPECT_EQ(FlagsOf(same, "conflicting_values").size(), 1u);
}

TEST(Conflicts, ANamedBodysFigureIsNotTheIssuers) {
  std::vector<Flag> flags = FlagsOf(kReport +
                                        "I. Kết quả\n\nUBND phường Trung Thành đã tiếp nhận 1.200 hồ sơ.\n\n"
                                        "II. Phối hợp\n\nCục Thuế tỉnh đã tiếp nhận 5.000 hồ sơ.\n\n"
                                        "III. Khác\n\nCông an tỉnh đã tiếp nhận 12.500 hồ sơ.\n",
                                    "conflicting_values");
  EXPECT_TRUE(flags.empty()) << Explain(flags);
}

TEST(Sums, PartsStatedForAnotherUnitAreNotPartsOfTheTotal) {
  // 700 + 100 is the communes', not the province's 1.000.
  std::vector<Flag> flags = FlagsOf(kReport +
                                        "Toàn tỉnh đã tiếp nhận 1.000 hồ sơ. Cấp xã đã giải quyết 700 hồ sơ, còn 100 hồ sơ đang "
                                        "giải quyết.\n",
                                    "sum_mismatch");
  EXPECT_TRUE(flags.empty()) << Explain(flags);
}

// ---------------------------------------------------------------------------------------------
// 2. Qualifier: a late rate, a carried-over amount.

TEST(Conflicts, ALateRateIsNotTheResolutionRate) {
  std::vector<Flag> flags = FlagsOf(kReport +
                                        "I. Kết quả\n\nTỷ lệ hồ sơ đã giải quyết đạt 99,2%.\n\n"
                                        "II. Tồn tại\n\nTỷ lệ hồ sơ giải quyết trễ hạn 0,8%.\n",
                                    "conflicting_values");
  EXPECT_TRUE(flags.empty()) << Explain(flags);
}

TEST(Ratios, ALateRateIsNotResolvedOverReceived) {
  std::vector<Flag> flags = FlagsOf(kReport +
                                        "Tổng số hồ sơ tiếp nhận là 1.000 hồ sơ. Đã giải quyết 992 hồ sơ, tỷ lệ giải quyết trễ hạn "
                                        "0,8%.\n",
                                    "ratio_mismatch");
  EXPECT_TRUE(flags.empty()) << Explain(flags);
}

TEST(Magnitudes, ACarriedOverAmountIsNotTheYearsAllocation) {
  Extraction x = Audited(kReport +
                         "I. Kinh phí\n\nNăm 2026, tổng kinh phí bố trí cho chuyển đổi số là 500.000.000 đồng.\n\n"
                         "II. Giải ngân\n\nKinh phí chuyển đổi số chuyển nguồn là 50.000.000 đồng. Đến thời điểm báo cáo "
                         "đã giải ngân 300.000.000 đồng.\n");
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  // The disbursement is measured against the year's allocation, which holds it.
  EXPECT_TRUE(std::any_of(x.checks.begin(), x.checks.end(), [](const Check& c) {
    return c.relation == "part_whole" && c.stated == 500000000.0;
  }));
}

// ---------------------------------------------------------------------------------------------
// 3. Role: a target and the value reached in one sentence; a scoring rule.

TEST(Roles, ATargetAndTheValueReachedInOneSentenceAreDifferentRoles) {
  Extraction x = Audited(kReport +
                         "I. Nhiệm vụ\n\nChỉ tiêu tối thiểu tỷ lệ hồ sơ giải quyết đúng hạn là 98%.\n\n"
                         "II. Kết quả\n\nTỷ lệ hồ sơ giải quyết đúng hạn: chỉ tiêu tối thiểu 98%, hiện đạt 97,3%.\n");
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  auto reached = std::find_if(x.facts.begin(), x.facts.end(), [](const Fact& f) { return f.value && *f.value == 97.3; });
  ASSERT_NE(reached, x.facts.end());
  EXPECT_EQ(reached->role, Role::kActual);
}

TEST(Conflicts, AScoringRuleIsNoValue) {
  std::vector<Flag> flags = FlagsOf(kReport +
                                        "I. Kết quả\n\nTỷ lệ hồ sơ giải quyết đúng hạn đạt 99%.\n\n"
                                        "II. Cách chấm\n\nNếu tỷ lệ hồ sơ giải quyết đúng hạn dưới 95% thì tiêu chí này đạt 0 điểm; "
                                        "tỷ lệ hồ sơ giải quyết đúng hạn đạt 100% thì được 1 điểm.\n",
                                    "conflicting_values");
  EXPECT_TRUE(flags.empty()) << Explain(flags);
}

// ---------------------------------------------------------------------------------------------
// 4. Kind of document: a submission, a summary of comments.

const std::string kTwoTargets =
    "I. Dự thảo\n\nChỉ tiêu tỷ lệ hồ sơ giải quyết đúng hạn là 100%.\n\n"
    "II. Đề xuất\n\nĐề nghị điều chỉnh chỉ tiêu tỷ lệ hồ sơ giải quyết đúng hạn là 90%.\n";

TEST(Conflicts, ASubmissionIsComparedOnlyWithinOneSentenceOrTable) {
  std::vector<Flag> flags =
      FlagsOf(Header("TỜ TRÌNH", "TTr-UBND", "Về việc điều chỉnh chỉ tiêu cải cách hành chính") + kTwoTargets,
              "conflicting_values");
  EXPECT_TRUE(flags.empty()) << Explain(flags);
  EXPECT_EQ(FlagsOf(kReport + kTwoTargets, "conflicting_values").size(), 1u);   // a report is read whole
}

TEST(Conflicts, ACommentSummaryComparesNoRowWithAnother) {
  // Each row is a proposal of its own, even in one table.
  const std::string table =
      "STT\tNội dung\tChỉ tiêu\n1\tTỷ lệ hồ sơ giải quyết đúng hạn\t100%\n2\tTỷ lệ hồ sơ giải quyết đúng hạn\t≥ 90%\n";
  std::vector<Flag> flags =
      FlagsOf(Header("BÁO CÁO", "BC-UBND", "Tổng hợp ý kiến góp ý dự thảo Kế hoạch cải cách hành chính năm 2026") + table,
              "conflicting_values");
  EXPECT_TRUE(flags.empty()) << Explain(flags);
}

// ---------------------------------------------------------------------------------------------
// 5. Period: the term's figure and the year to date.

TEST(Conflicts, AMonthsFigureIsNotTheYearToDate) {
  std::vector<Flag> flags = FlagsOf(kReport +
                                        "I. Kết quả\n\nTrong kỳ, UBND phường tiếp nhận 1.200 hồ sơ.\n\n"
                                        "II. Lũy kế\n\nTừ đầu năm đến nay, UBND phường tiếp nhận 3.500 hồ sơ.\n",
                                    "conflicting_values");
  EXPECT_TRUE(flags.empty()) << Explain(flags);
}

// ---------------------------------------------------------------------------------------------
// 6. Rounding: a rate cut to its decimals.

TEST(Ratios, ARateCutRatherThanRoundedAgrees) {
  // 5.583 / 9.174 = 60,858...%: 60,85% (cut) and 60,86% (rounded) agree, 60,84% does not.
  auto text = [](const char* rate) {
    return kReport + "Tổng số hồ sơ tiếp nhận là 9.174 hồ sơ.\n\nKết quả giải quyết, UBND phường đã giải quyết 5.583 hồ sơ, đạt tỷ lệ " +
           rate + " trên tổng số hồ sơ tiếp nhận.\n";
  };
  EXPECT_TRUE(FlagsOf(text("60,85%"), "ratio_mismatch").empty());
  EXPECT_TRUE(FlagsOf(text("60,86%"), "ratio_mismatch").empty());
  EXPECT_EQ(FlagsOf(text("60,84%"), "ratio_mismatch").size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Severity and explanation of a conflict.

TEST(Conflicts, AcrossParagraphsInOtherWordsIsAWarningThatNamesTheWords) {
  const std::string text = kReport +
                           "I. Kết quả\n\nĐến ngày 06/6/2026, còn 162 hồ sơ đang trong quá trình giải quyết.\n\n"
                           "II. Chuyển đổi số\n\nĐến ngày 06/6/2026, UBND phường còn 64 hồ sơ đang giải quyết.\n";
  std::vector<Flag> flags = FlagsOf(text, "conflicting_values");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_NE(flags[0].explanation.find("“162 hồ sơ đang trong quá trình giải quyết” (dòng 13)"), std::string::npos)
      << flags[0].explanation;
  EXPECT_NE(flags[0].explanation.find("đều được hiểu là chỉ tiêu này"), std::string::npos) << flags[0].explanation;
  std::vector<Flag> en = FlagsOf(text, "conflicting_values", "en");
  ASSERT_EQ(en.size(), 1u);
  EXPECT_NE(en[0].explanation.find("were both read as this indicator"), std::string::npos) << en[0].explanation;
}

TEST(Conflicts, InTheSameWordsOrOneParagraphIsAnError) {
  std::vector<Flag> flags = FlagsOf(kReport +
                                        "I. Kết quả\n\nĐến ngày 06/6/2026, còn 162 hồ sơ đang trong quá trình giải quyết.\n\n"
                                        "II. Chuyển đổi số\n\nĐến ngày 06/6/2026, còn 160 hồ sơ đang trong quá trình giải quyết.\n",
                                    "conflicting_values");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_NE(flags[0].explanation.find("Cả hai câu cùng viết “… đang trong quá trình giải quyết”"), std::string::npos)
      << flags[0].explanation;
  std::vector<Flag> paragraph = FlagsOf(kReport +
                                            "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 85%. Cuối kỳ, tỷ lệ số hóa "
                                            "hồ sơ đạt 90%.\n",
                                        "conflicting_values");
  ASSERT_EQ(paragraph.size(), 1u);
  EXPECT_EQ(paragraph[0].severity, Severity::kError);
}

// What the audit reads of each fact's words leaves the engine on the fact (docs/EXTENSIONS.md):
// the unit as written, the qualifiers, the stretch of time.
TEST(FactReadings, EachFactCarriesItsScopeQualifiersAndBasis) {
  Extraction x = Audited(kReport +
                         "I. Kết quả\n\nToàn tỉnh đã tiếp nhận 120.000 hồ sơ; cấp xã đã tiếp nhận 80.000 hồ sơ.\n\n"
                         "Lũy kế từ đầu năm, tỷ lệ hồ sơ giải quyết trễ hạn là 0,8%.\n\n"
                         "UBND phường đã tiếp nhận 1.200 hồ sơ.\n");
  auto fact_at = [&](const std::string& text) -> const Fact* {
    for (const Fact& f : x.facts) if (f.span.text.find(text) != std::string::npos) return &f;
    return nullptr;
  };
  const Fact* province = fact_at("120.000");
  const Fact* commune = fact_at("80.000");
  const Fact* late = fact_at("0,8%");
  const Fact* own = fact_at("1.200");
  ASSERT_TRUE(province && commune && late && own);
  EXPECT_EQ(province->scope, "Toàn tỉnh");
  EXPECT_EQ(commune->scope, "cấp xã");
  EXPECT_EQ(own->scope, "");   // the issuing unit's own figure
  EXPECT_FALSE(late->basis.empty());
  EXPECT_NE(std::find(late->qualifiers.begin(), late->qualifiers.end(), "trễ hạn"), late->qualifiers.end());
}

// ---------------------------------------------------------------------------------------------
// Figures known only within a range, and changes: met in news pages and national reports.

TEST(Ratios, RoughOrBoundedFiguresContradictOnlyWhatNoValueInRangeGives) {
  // "hơn 4,3 triệu", "trên 3,2 triệu": 75,7% is within what they allow.
  const std::string fine = kReport +
                           "Tính từ ngày 1/7 đến 19/8/2025, cả nước đã tiếp nhận tổng cộng hơn 4,3 triệu hồ sơ, trong đó có "
                           "trên 3,2 triệu hồ sơ được nộp trực tuyến, chiếm 75,7%.\n";
  EXPECT_TRUE(FlagsOf(fine, "ratio_mismatch").empty()) << Explain(Audited(fine).flags);
  // 3,2 triệu (3,15–3,25) over more than 4,3 triệu is at most 75,6%: 95% is out of reach.
  const std::string off = kReport +
                          "Tính từ ngày 1/7 đến 19/8/2025, cả nước đã tiếp nhận tổng cộng hơn 4,3 triệu hồ sơ, trong đó có "
                          "3,2 triệu hồ sơ được nộp trực tuyến, chiếm 95%.\n";
  EXPECT_FALSE(FlagsOf(off, "ratio_mismatch").empty()) << Explain(Audited(off).flags);
}

TEST(Ratios, AChangeInAPercentageIsNoLevelOfIt) {
  const std::string text = kReport +
                           "Trong kỳ, phường đã tiếp nhận 4.300 hồ sơ, trong đó có 3.255 hồ sơ được nộp trực tuyến, chiếm 75,7%, "
                           "tăng 5% so với kỳ báo cáo trước.\n";
  Extraction x = Audited(text);
  for (const Flag& f : x.flags) {
    for (const Span& s : f.evidence) EXPECT_NE(s.text, "5%") << f.explanation;
  }
}

TEST(Conflicts, AParagraphThatOpensWithItsPeriodStatesEveryFigureOfItForThatPeriod) {
  // A month and its quarter: the same words, two periods, no conflict.
  const std::string text = kReport +
                           "Tháng 9/2026, Trung tâm đã tiếp nhận 4.131 hồ sơ. Đã có kết quả trả trước và đúng hạn là 4.157 hồ sơ "
                           "(đạt 99,71%). Hồ sơ quá hạn giải quyết nhưng chưa có kết quả là 12 hồ sơ (chiếm 0,29%).\n\n"
                           "Quý III/2026, Trung tâm đã tiếp nhận 14.043 hồ sơ. Đã có kết quả trả trước và đúng hạn là 14.064 hồ sơ "
                           "(đạt 99,74%). Hồ sơ quá hạn giải quyết nhưng chưa có kết quả là 37 hồ sơ (chiếm 0,26%).\n";
  Extraction x = Audited(text);
  EXPECT_TRUE(FlagsOf(text, "conflicting_values").empty()) << Explain(x.flags);
  // The period is the fact's own, in the output too.
  for (const Fact& f : x.facts) {
    if (f.span.text.rfind("4.157", 0) == 0) {
      EXPECT_EQ(f.period, "2026-09");
    }
    if (f.span.text.rfind("14.064", 0) == 0) {
      EXPECT_EQ(f.period, "2026-Q3");
    }
  }
}

TEST(Conflicts, AParagraphThatOpensWithALevelStatesEveryFigureOfItForThatLevel) {
  const std::string text = kReport +
                           "Toàn tỉnh đã tiếp nhận 659.245 hồ sơ. Trong số hồ sơ đang giải quyết gồm 7.172 hồ sơ, có 1.222 hồ sơ "
                           "đã quá hạn.\n\n"
                           "Nếu tính riêng từng cấp, với cấp tỉnh, quý I đã tiếp nhận 54.575 hồ sơ; đã giải quyết 51.780 hồ sơ. "
                           "Trong số hồ sơ đang giải quyết gồm 2.800 hồ sơ, có 128 hồ sơ đã quá hạn.\n";
  Extraction x = Audited(text);
  EXPECT_TRUE(FlagsOf(text, "conflicting_values").empty()) << Explain(x.flags);
  EXPECT_TRUE(FlagsOf(text, "magnitude_anomaly").empty()) << Explain(x.flags);
}

TEST(Ratios, ApplicationsDueOrNewlyReceivedAreNoBaseOfTheOnTimeOnes) {
  // "đến hạn giải quyết" is not "đã giải quyết"; "tiếp nhận mới" leaves out the carried-over
  // applications that the resolved ones include.
  const std::string text = kReport +
                           "Trong tháng, đã tiếp nhận mới 4.131 hồ sơ, hồ sơ tồn kỳ trước chuyển sang là 2.171; đến hạn giải quyết "
                           "là 4.169 hồ sơ. Đã có kết quả trả trước và đúng hạn là 4.157 hồ sơ (đạt 99,71%).\n";
  Extraction x = Audited(text);
  EXPECT_TRUE(FlagsOf(text, "magnitude_anomaly").empty()) << Explain(x.flags);
  EXPECT_TRUE(FlagsOf(text, "ratio_mismatch").empty()) << Explain(x.flags);
}

TEST(Ratios, ABoundIsNoFractionsPercentage) {
  const std::string text = kReport + "Có đến 5/9 xã đạt tỷ lệ này dưới 3% và cả 9/9 xã đạt tỷ lệ dưới 10%.\n";
  EXPECT_TRUE(FlagsOf(text, "ratio_mismatch").empty()) << Explain(Audited(text).flags);
}

}  // namespace
}  // namespace baocao
