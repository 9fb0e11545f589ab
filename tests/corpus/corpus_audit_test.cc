// The cross-document audit on small corpora built by hand: each check raises its flag with
// evidence from every document involved, and stays silent on what is consistent - a missed
// target the report admits, values that differ only by rounding, a half-year report against a
// yearly plan, stocks counted at different dates, the same number in two wards, another unit's
// figure ("toàn tỉnh") or another kind of figure ("trễ hạn", "lũy kế") in a ward's report.
#include <gtest/gtest.h>

#include "corpus_test_util.h"

namespace baocao::corpus_test {
namespace {

constexpr const char* kPay = "tthc.online_payment_rate";

std::vector<CorpusFlag> Audit(CorpusBuilder& b, const std::string& lang = "vi") {
  CorpusAuditOptions options;
  options.lang = lang;
  return AuditCorpus(b.Build(), Rules(), options);
}

TEST(PlanTargetCheck, ReportSayingDatBelowThePlansTargetIsAnError) {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05", "12/KH-UBND");
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20", "45/BC-UBND");
  b.Fact(plan, kPay, "target", 80, "2026-H1", ">=");
  b.Fact(report, kPay, "actual", 78.4, "2026-H1");
  b.Assessment(report, kPay, true, "2026-H1");
  std::vector<CorpusFlag> flags = Audit(b);
  ASSERT_EQ(flags.size(), 1u);
  const CorpusFlag& f = flags[0];
  EXPECT_EQ(f.kind, "assessment_mismatch");
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.indicators, std::vector<std::string>{kPay});
  EXPECT_EQ(f.ward, "Gia Sàng");
  EXPECT_EQ(f.period, "2026-H1");
  EXPECT_EQ(*f.stated, 78.4);
  EXPECT_EQ(*f.computed, 80);
  ASSERT_EQ(f.evidence.size(), 3u);   // the plan's target, the report's value, its "Đạt"
  EXPECT_EQ(f.evidence[0].document, plan);
  EXPECT_EQ(f.evidence[1].document, report);
  EXPECT_EQ(f.evidence[2].span.text, "Đạt");
  EXPECT_NE(f.explanation.find("Báo cáo số 45/BC-UBND đánh giá “Đạt” với kết quả 78,4%"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("Kế hoạch số 12/KH-UBND đặt chỉ tiêu ≥ 80%"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("6 tháng đầu năm 2026"), std::string::npos);
}

TEST(PlanTargetCheck, SilentMissIsAWarningAndAnAdmittedMissIsNothing) {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t silent = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  b.Fact(plan, kPay, "target", 90, "2026-H1", ">=");
  b.Fact(silent, kPay, "actual", 89.5, "2026-H1");
  std::vector<CorpusFlag> flags = Audit(b);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "target_missed");
  EXPECT_EQ(flags[0].severity, Severity::kWarning);

  CorpusBuilder admitted;
  plan = admitted.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t report = admitted.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  admitted.Fact(plan, kPay, "target", 90, "2026-H1", ">=");
  admitted.Fact(report, kPay, "actual", 89.5, "2026-H1");
  admitted.Assessment(report, kPay, false, "2026-H1");
  EXPECT_TRUE(Audit(admitted).empty());
}

TEST(PlanTargetCheck, RespectsComparatorAndDirection) {
  struct Case {
    const char* indicator;
    double target;
    const char* comparator;
    double actual;
    bool missed;
  };
  const Case cases[] = {
      {kPay, 95, ">", 95, true},            // "trên 95%": 95 is not above
      {kPay, 95, ">", 95.1, false},
      {kPay, 95, "", 95, false},             // "đạt 95%": reached
      {"dti.rank", 10, "", 8, false},        // a rank: lower is better
      {"dti.rank", 10, "", 12, true},
      {"innovation.initiatives_count", 10, ">=", 9, true},
  };
  for (const Case& c : cases) {
    CorpusBuilder b;
    int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
    int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-12-20");
    std::string unit = std::string(c.indicator) == kPay ? "%" : "";
    b.Fact(plan, c.indicator, "target", c.target, "2026", c.comparator, unit);
    b.Fact(report, c.indicator, "actual", c.actual, "2026", "", unit);
    EXPECT_EQ(OfKind(Audit(b), "target_missed").size(), c.missed ? 1u : 0u) << c.indicator << " " << c.actual;
  }
}

TEST(PlanTargetCheck, ComparesLikeWithLikePeriodsOnly) {
  // A yearly target says nothing about a half-year result.
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  b.Fact(plan, kPay, "target", 90, "2026", ">=");
  b.Fact(report, kPay, "actual", 60, "2026-H1");
  b.Assessment(report, kPay, true, "2026-H1");
  EXPECT_TRUE(Audit(b).empty());
}

TEST(PlanTargetCheck, OtherWardsPlansDoNotApply) {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t report = b.Doc("report", "Trung Thành", "Thái Nguyên", "2026-06-20");
  b.Fact(plan, kPay, "target", 90, "2026-H1", ">=");
  b.Fact(report, kPay, "actual", 60, "2026-H1");
  EXPECT_TRUE(Audit(b).empty());
}

TEST(PlanTargetCheck, ASlipInTheWardsNameStillMeetsItsPlan) {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Trung Thành", "Thái Nguyên", "2026-01-05");
  int64_t report = b.Doc("report", "Trưng Thành", "Thái Nguyên", "2026-06-20");
  b.Fact(plan, kPay, "target", 90, "2026-H1", ">=");
  b.Fact(report, kPay, "actual", 80, "2026-H1");
  b.Assessment(report, kPay, true, "2026-H1");
  std::vector<CorpusFlag> flags = Audit(b);
  EXPECT_EQ(OfKind(flags, "assessment_mismatch").size(), 1u);
  ASSERT_EQ(OfKind(flags, "name_variant").size(), 1u);
  EXPECT_EQ(OfKind(flags, "name_variant")[0].severity, Severity::kWarning);
}

TEST(PlanTargetCheck, ATargetMeetsOnlyTheWardsOwnResultOfTheSameKind) {
  constexpr const char* kOnTime = "tthc.on_time_rate";
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  b.Fact(plan, kOnTime, "target", 95, "2026-H1", ">=").qualifiers = {"tối thiểu"};
  // Below the target, but other figures: the late share, the to-date figure, the province's.
  b.Fact(report, kOnTime, "actual", 2.5, "2026-H1").qualifiers = {"quá hạn"};
  b.Fact(report, kOnTime, "actual", 90, "2026-H1").basis = "lũy kế";
  b.Fact(report, kOnTime, "actual", 91, "2026-H1").scope = "toàn tỉnh";
  // The ward's own on-time rate ("đúng hạn" is the indicator's own name), which the "Đạt" is about.
  b.Fact(report, kOnTime, "actual", 96, "2026-H1").qualifiers = {"đúng hạn"};
  b.Assessment(report, kOnTime, true, "2026-H1");
  EXPECT_TRUE(Audit(b).empty());

  // The same target against the ward's own result below it is still an error: the bound
  // "tối thiểu" is the target's comparator, not another kind of figure.
  CorpusBuilder below;
  plan = below.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  report = below.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  below.Fact(plan, kOnTime, "target", 95, "2026-H1", ">=").qualifiers = {"tối thiểu"};
  below.Fact(report, kOnTime, "actual", 2.5, "2026-H1").qualifiers = {"quá hạn"};
  below.Fact(report, kOnTime, "actual", 93, "2026-H1", "", "%", 40);
  below.Assessment(report, kOnTime, true, "2026-H1");
  std::vector<CorpusFlag> flags = Audit(below);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "assessment_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(*flags[0].stated, 93);
  EXPECT_EQ(flags[0].evidence.at(1).span.line, 40);
}

TEST(PlanTargetCheck, TheFieldARankIsCountedInIsNoOtherUnit) {
  // "Phấn đấu xếp hạng DTI của phường đạt thứ 10 toàn thành phố": the ward's own place.
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-12-20");
  baocao::Fact& target = b.Fact(plan, "dti.rank", "target", 10, "2026", "", "thứ bậc");
  target.scope = "toàn thành phố";
  target.qualifiers = {"Phấn đấu"};
  b.Fact(report, "dti.rank", "actual", 11, "2026", "", "thứ bậc");
  b.Assessment(report, "dti.rank", true, "2026");
  std::vector<CorpusFlag> flags = Audit(b);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "assessment_mismatch");
  EXPECT_EQ(*flags[0].computed, 10);
}

TEST(ConflictCheck, TwoReportsGivingTwoResultsIsAnError) {
  CorpusBuilder b;
  int64_t first = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20", "45/BC-UBND");
  int64_t second = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-28", "52/BC-UBND");
  b.Fact(second, kPay, "actual", 93, "2026-H1");
  b.Fact(first, kPay, "actual", 91.5, "2026-H1");
  std::vector<CorpusFlag> flags = Audit(b);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "conflicting_values");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(*flags[0].computed, 91.5);   // the earlier document's
  EXPECT_EQ(*flags[0].stated, 93);
  EXPECT_EQ(flags[0].evidence[0].document, first);
  EXPECT_EQ(flags[0].evidence[1].document, second);
  EXPECT_NE(flags[0].explanation.find("Báo cáo số 45/BC-UBND nêu 91,5%, Báo cáo số 52/BC-UBND nêu 93%"), std::string::npos)
      << flags[0].explanation;
}

TEST(ConflictCheck, RoundingStocksAndOtherPeriodsAreNotConflicts) {
  CorpusBuilder b;
  int64_t a = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  int64_t c = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-12-20");
  b.Fact(a, kPay, "actual", 86.98, "2026-H1");
  b.Fact(c, kPay, "actual", 87, "2026-H1");                       // 86,98% written as 87%
  b.Fact(a, "population.total", "actual", 31459, "2026", "", "người");
  b.Fact(c, "population.total", "actual", 31602, "2026", "", "người");   // counted at another date
  b.Fact(a, "tthc.on_time_rate", "actual", 98, "2026-H1");
  b.Fact(c, "tthc.on_time_rate", "actual", 99, "2026");             // another period
  EXPECT_TRUE(Audit(b).empty());
}

TEST(ConflictCheck, OtherUnitsFiguresAndOtherKindsAreNotTheWardsValues) {
  CorpusBuilder b;
  int64_t first = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  int64_t second = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-28");
  b.Fact(first, kPay, "actual", 91.5, "2026-H1");
  b.Fact(second, kPay, "actual", 95, "2026-H1").scope = "toàn tỉnh";
  b.Fact(second, kPay, "actual", 4, "2026-H1").qualifiers = {"trễ hạn"};
  b.Fact(second, kPay, "actual", 60, "2026-H1").basis = "từ đầu năm";
  EXPECT_TRUE(Audit(b).empty());
}

TEST(ConflictCheck, AReportsTargetAgainstThePlansIsAWarning) {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  b.Fact(plan, kPay, "target", 90, "2026-H1", ">=");
  b.Fact(report, kPay, "target", 80, "2026-H1", ">=");
  b.Fact(report, kPay, "actual", 95, "2026-H1");
  std::vector<CorpusFlag> flags = Audit(b);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "conflicting_values");
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_NE(flags[0].explanation.find("Chỉ tiêu: "), std::string::npos);
}

TEST(ReferenceCheck, OneCitedDocumentWithTwoDates) {
  CorpusBuilder b;
  int64_t a = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t c = b.Doc("plan", "Trung Thành", "Thái Nguyên", "2026-01-08");
  int64_t d = b.Doc("report", "Quyết Thắng", "Thái Nguyên", "2026-06-20");
  for (int64_t doc : {a, c}) b.Cite(doc, "Kế hoạch", "1489/KH-UBND", "2026-01-02", "UBND tỉnh Thái Nguyên");
  b.Cite(d, "Kế hoạch", "1489/KH-UBND", "2026-01-20", "UBND tỉnh Thái Nguyên");
  std::vector<CorpusFlag> flags = Audit(b);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "reference_mismatch");
  EXPECT_EQ(flags[0].rule, "corpus:reference_date");
  EXPECT_EQ(flags[0].evidence.front().document, d);   // the odd one first
  EXPECT_EQ(flags[0].evidence.size(), 3u);
  EXPECT_NE(flags[0].explanation.find("02/01/2026 (2 văn bản), 20/01/2026 (1 văn bản)"), std::string::npos)
      << flags[0].explanation;
}

TEST(ReferenceCheck, SameNumberInTwoWardsOrTwoYearsIsTwoDocuments) {
  CorpusBuilder b;
  int64_t a = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  int64_t c = b.Doc("report", "Trung Thành", "Thái Nguyên", "2026-06-21");
  // Each ward numbers its own plans from 1: "12/KH-UBND" of two wards are two plans.
  b.Cite(a, "Kế hoạch", "12/KH-UBND", "2026-01-05", "UBND phường Gia Sàng");
  b.Cite(c, "Kế hoạch", "12/KH-UBND", "2026-01-09", "UBND phường Trung Thành");
  // Numbers start again each year.
  b.Cite(a, "Kế hoạch", "300/KH-UBND", "2025-03-01", "UBND tỉnh Thái Nguyên");
  b.Cite(c, "Kế hoạch", "300/KH-UBND", "2026-03-01", "UBND tỉnh Thái Nguyên");
  EXPECT_TRUE(Audit(b).empty());
}

TEST(ReferenceCheck, AReportCitingItsPlanWithAnotherDate) {
  CorpusBuilder b;
  b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05", "12/KH-UBND");
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  b.Cite(report, "Kế hoạch", "12/KH-UBND", "2026-01-15", "UBND phường Gia Sàng");
  std::vector<CorpusFlag> flags = Audit(b);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "reference_mismatch");
  EXPECT_EQ(flags[0].evidence.size(), 2u);
}

TEST(ReferenceCheck, TwoSymbolsForOneDocument) {
  CorpusBuilder b;
  int64_t a = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t c = b.Doc("plan", "Trung Thành", "Thái Nguyên", "2026-01-08");
  b.Cite(a, "Nghị quyết", "71/NQ-CP", "2025-04-01", "Chính phủ");
  b.Cite(c, "Nghị quyết", "71-NQ/CP", "2025-04-01", "Chính phủ");
  b.Cite(a, "Kế hoạch", "1489/KH-UBND", "2026-01-02", "UBND tỉnh Thái Nguyên");
  b.Cite(c, "Kế hoạch", "1489/KH-UB", "2026-01-02", "UBND tỉnh Thái Nguyên");
  std::vector<CorpusFlag> flags = Audit(b);
  ASSERT_EQ(flags.size(), 2u);
  for (const CorpusFlag& f : flags) EXPECT_EQ(f.rule, "corpus:reference_symbol");
  EXPECT_EQ(flags[0].severity, Severity::kWarning);   // other letters
  EXPECT_EQ(flags[1].severity, Severity::kInfo);      // only '-' and '/' differ
}

TEST(NameCheck, RegistryVariantIsInfoAndConsistentSpellingsAreSilent) {
  CorpusBuilder b;
  b.Doc("plan", "1 Bảo Lộc", "Lâm Đồng", "2026-01-05");
  b.Doc("report", "Một Bảo Lộc", "Lâm Đồng", "2026-06-20");
  b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  b.Doc("report", "GIA SÀNG", "Thái Nguyên", "2026-06-21");   // capitals are not a spelling
  std::vector<CorpusFlag> flags = Audit(b);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "name_variant");
  EXPECT_EQ(flags[0].severity, Severity::kInfo);
}

TEST(CorpusAudit, ExplainsInEnglishOnRequest) {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05", "12/KH-UBND");
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20", "45/BC-UBND");
  b.Fact(plan, kPay, "target", 80, "2026-H1", ">=");
  b.Fact(report, kPay, "actual", 78.4, "2026-H1");
  std::vector<CorpusFlag> flags = Audit(b, "en");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_NE(flags[0].explanation.find("misses the target ≥ 80% of Plan no. 12/KH-UBND"), std::string::npos)
      << flags[0].explanation;
}

TEST(CorpusAudit, CleanCorpusRaisesNothing) {
  CorpusBuilder b;
  for (const char* ward : {"Gia Sàng", "Trung Thành", "Quyết Thắng"}) {
    int64_t plan = b.Doc("plan", ward, "Thái Nguyên", "2026-01-05", "12/KH-UBND");
    int64_t report = b.Doc("report", ward, "Thái Nguyên", "2026-06-20", "45/BC-UBND");
    b.Cite(plan, "Nghị quyết", "57-NQ/TW", "2024-12-22", "Bộ Chính trị");
    b.Cite(report, "Kế hoạch", "12/KH-UBND", "", "UBND phường");   // no date: nothing to compare
    b.Fact(plan, kPay, "target", 80, "2026-H1", ">=");
    b.Fact(report, kPay, "actual", 85, "2026-H1");
    b.Assessment(report, kPay, true, "2026-H1");
  }
  EXPECT_TRUE(Audit(b).empty());
}

}  // namespace
}  // namespace baocao::corpus_test
