// The comparison: latest report per ward and period, targets from plans, ranks by direction,
// outliers by median and MAD (with MAD = 0 handled), filters, only the ward's own figure of each
// indicator, and the renderings' content.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "corpus_test_util.h"

namespace baocao::corpus_test {
namespace {

constexpr const char* kPay = "tthc.online_payment_rate";

const CompareCell& CellOf(const ComparePeriod& p, const std::string& ward, const std::string& id) {
  size_t col = 0;
  while (col < p.indicators.size() && p.indicators[col].id != id) ++col;
  EXPECT_LT(col, p.indicators.size()) << id;
  for (const CompareRow& r : p.rows) {
    if (r.ward == ward) return r.cells.at(col);
  }
  ADD_FAILURE() << "no row " << ward;
  static CompareCell none;
  return none;
}

TEST(Compare, TakesTheLatestReportAndThePlansTarget) {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t old_report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  int64_t new_report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-30");
  b.Fact(plan, kPay, "target", 80, "2026-H1", ">=");
  b.Fact(old_report, kPay, "actual", 70, "2026-H1");
  b.Fact(new_report, kPay, "actual", 82.5, "2026-H1", "", "%", 41);
  Comparison c = Compare(b.Build(), Rules(), {});
  ASSERT_EQ(c.periods.size(), 1u);
  const ComparePeriod& p = c.periods[0];
  EXPECT_EQ(p.period, "2026-H1");
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].report.document, new_report);
  EXPECT_EQ(p.rows[0].plan.document, plan);
  const CompareCell& cell = CellOf(p, "Gia Sàng", kPay);
  EXPECT_EQ(*cell.actual, 82.5);
  EXPECT_EQ(*cell.target, 80);
  EXPECT_EQ(cell.comparator, Comparator::kAtLeast);
  EXPECT_TRUE(*cell.meets_target);
  EXPECT_EQ(cell.actual_source.span.line, 41);
  EXPECT_EQ(cell.target_source.document, plan);
}

TEST(Compare, RanksByDirectionWithSharedRanksForTies) {
  CorpusBuilder b;
  const std::pair<const char*, double> wards[] = {{"Gia Sàng", 90}, {"Trung Thành", 95}, {"Quyết Thắng", 90}, {"Linh Sơn", 70}};
  for (auto [ward, value] : wards) {
    int64_t r = b.Doc("report", ward, "Thái Nguyên", "2026-06-20");
    b.Fact(r, kPay, "actual", value, "2026-H1");
    b.Fact(r, "dti.rank", "actual", value / 10, "2026-H1", "", "thứ bậc");
  }
  Comparison c = Compare(b.Build(), Rules(), {});
  const ComparePeriod& p = c.periods.at(0);
  EXPECT_EQ(CellOf(p, "Trung Thành", kPay).rank, 1);
  EXPECT_EQ(CellOf(p, "Gia Sàng", kPay).rank, 2);
  EXPECT_EQ(CellOf(p, "Quyết Thắng", kPay).rank, 2);
  EXPECT_EQ(CellOf(p, "Linh Sơn", kPay).rank, 4);
  // A rank: the lowest is best.
  EXPECT_EQ(CellOf(p, "Linh Sơn", "dti.rank").rank, 1);
  EXPECT_EQ(CellOf(p, "Trung Thành", "dti.rank").rank, 4);
}

TEST(Compare, FlagsOutliersByMedianAndMad) {
  CorpusBuilder b;
  const double values[] = {91, 92, 93, 92.5, 91.5, 40};
  int k = 0;
  for (const char* ward : {"Gia Sàng", "Trung Thành", "Quyết Thắng", "Linh Sơn", "Tích Lương", "Quan Triều"}) {
    int64_t r = b.Doc("report", ward, "Thái Nguyên", "2026-06-20");
    b.Fact(r, kPay, "actual", values[k++], "2026-H1");
  }
  Comparison c = Compare(b.Build(), Rules(), {});
  const ComparePeriod& p = c.periods.at(0);
  const CompareIndicator& ind = p.indicators.at(0);
  EXPECT_DOUBLE_EQ(*ind.median, 91.75);
  EXPECT_DOUBLE_EQ(*ind.mad, 0.75);
  EXPECT_EQ(ind.outliers, 1u);
  const CompareCell& low = CellOf(p, "Quan Triều", kPay);
  EXPECT_TRUE(low.outlier);
  EXPECT_NEAR(*low.robust_z, 0.6745 * (40 - 91.75) / 0.75, 1e-9);
  EXPECT_FALSE(CellOf(p, "Quyết Thắng", kPay).outlier);
}

TEST(Compare, MadOfZeroFallsBackToTheMeanDeviation) {
  CorpusBuilder b;
  const double values[] = {100, 100, 100, 100, 60};
  int k = 0;
  for (const char* ward : {"Gia Sàng", "Trung Thành", "Quyết Thắng", "Linh Sơn", "Tích Lương"}) {
    int64_t r = b.Doc("report", ward, "Thái Nguyên", "2026-06-20");
    b.Fact(r, kPay, "actual", values[k++], "2026-H1");
  }
  Comparison c = Compare(b.Build(), Rules(), {});
  const ComparePeriod& p = c.periods.at(0);
  EXPECT_EQ(*p.indicators[0].mad, 0);
  const CompareCell& low = CellOf(p, "Tích Lương", kPay);
  EXPECT_NEAR(*low.robust_z, -40 / (1.253314 * 8), 1e-9);   // mean |x - 100| = 8
  EXPECT_TRUE(low.outlier);
  EXPECT_FALSE(CellOf(p, "Gia Sàng", kPay).outlier);

  // All equal: no spread, no outlier, no division by zero.
  CorpusBuilder same;
  for (const char* ward : {"Gia Sàng", "Trung Thành", "Quyết Thắng"}) {
    int64_t r = same.Doc("report", ward, "Thái Nguyên", "2026-06-20");
    same.Fact(r, kPay, "actual", 100, "2026-H1");
  }
  Comparison flat = Compare(same.Build(), Rules(), {});
  for (const CompareRow& r : flat.periods.at(0).rows) {
    EXPECT_EQ(*r.cells[0].robust_z, 0);
    EXPECT_FALSE(r.cells[0].outlier);
  }
}

TEST(Compare, FewerThanThreeValuesHaveNoOutliers) {
  CorpusBuilder b;
  for (auto [ward, value] : {std::pair{"Gia Sàng", 10.0}, {"Trung Thành", 99.0}}) {
    int64_t r = b.Doc("report", ward, "Thái Nguyên", "2026-06-20");
    b.Fact(r, kPay, "actual", value, "2026-H1");
  }
  Comparison c = Compare(b.Build(), Rules(), {});
  for (const CompareRow& r : c.periods.at(0).rows) {
    EXPECT_FALSE(r.cells[0].robust_z.has_value());
    EXPECT_FALSE(r.cells[0].outlier);
  }
}

TEST(Compare, FiltersByPeriodProvinceAndIndicator) {
  CorpusBuilder b;
  int64_t a = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  int64_t h = b.Doc("report", "Hồng Bàng", "Hải Phòng", "2026-06-20");
  for (int64_t d : {a, h}) {
    b.Fact(d, kPay, "actual", 80, "2026-H1");
    b.Fact(d, "tthc.digitization_rate", "actual", 90, "2026-H1");
    b.Fact(d, kPay, "actual", 85, "2026");
  }
  Corpus corpus = b.Build();
  CompareOptions options;
  options.period = "2026-H1";
  options.province = "hai phong";
  options.indicators = {kPay};
  Comparison c = Compare(corpus, Rules(), {}, options);
  ASSERT_EQ(c.periods.size(), 1u);
  EXPECT_EQ(c.periods[0].period, "2026-H1");
  ASSERT_EQ(c.periods[0].rows.size(), 1u);
  EXPECT_EQ(c.periods[0].rows[0].ward, "Hồng Bàng");
  ASSERT_EQ(c.periods[0].indicators.size(), 1u);
  EXPECT_EQ(c.periods[0].indicators[0].id, kPay);
  EXPECT_EQ(Compare(corpus, Rules(), {}).periods.size(), 2u);
}

TEST(Compare, CellsPointToTheFlagsAboutThem) {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  b.Fact(plan, kPay, "target", 80, "2026-H1", ">=");
  b.Fact(report, kPay, "actual", 70, "2026-H1");
  b.Assessment(report, kPay, true, "2026-H1");
  Corpus corpus = b.Build();
  std::vector<CorpusFlag> flags = AuditCorpus(corpus, Rules());
  Comparison c = Compare(corpus, Rules(), flags);
  const CompareCell& cell = CellOf(c.periods.at(0), "Gia Sàng", kPay);
  ASSERT_EQ(cell.flags.size(), 1u);
  EXPECT_EQ(c.flags.at(cell.flags[0]).kind, "assessment_mismatch");
  EXPECT_FALSE(*cell.meets_target);
  EXPECT_TRUE(*cell.assessment);
}

TEST(Compare, ShowsTheWardsOwnFigureNotOtherUnitsOrOtherKindsInItsReport) {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  int64_t other = b.Doc("report", "Trung Thành", "Thái Nguyên", "2026-06-20");
  b.Fact(plan, kPay, "target", 60, "2026-H1", ">=").basis = "lũy kế";   // another stretch of time
  b.Fact(plan, kPay, "target", 80, "2026-H1", ">=", "%", 12).qualifiers = {"phấn đấu"};   // a bound: the same figure
  // Before the ward's own figure, the province's and the communes' in its report, and a late share.
  b.Fact(report, kPay, "actual", 95, "2026-H1", "", "%", 30).scope = "toàn tỉnh";
  b.Fact(report, kPay, "actual", 88, "2026-H1", "", "%", 31).scope = "các xã, phường";
  b.Fact(report, kPay, "actual", 3.5, "2026-H1", "", "%", 32).qualifiers = {"trễ hạn"};
  b.Fact(report, kPay, "actual", 82.5, "2026-H1", "", "%", 33);
  // A ward whose report gives only the province's figure has no value of its own.
  b.Fact(other, kPay, "actual", 95, "2026-H1").scope = "Toàn tỉnh";
  Comparison c = Compare(b.Build(), Rules(), {});
  ASSERT_EQ(c.periods.size(), 1u);
  const ComparePeriod& p = c.periods[0];
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].ward, "Gia Sàng");
  const CompareCell& cell = CellOf(p, "Gia Sàng", kPay);
  ASSERT_TRUE(cell.actual.has_value());
  EXPECT_EQ(*cell.actual, 82.5);
  EXPECT_EQ(cell.actual_source.span.line, 33);
  ASSERT_TRUE(cell.target.has_value());
  EXPECT_EQ(*cell.target, 80);
  EXPECT_EQ(cell.target_source.span.line, 12);
  EXPECT_TRUE(*cell.meets_target);
  EXPECT_EQ(p.indicators.at(0).values, 1u);   // nothing else was ranked beside it
}

TEST(Compare, TheCommuneLevelInAWardsReportIsTheWardsOwnFigure) {
  // Since July 2025 a ward is the commune level: "thuộc thẩm quyền của cấp xã" is its own.
  CorpusBuilder b;
  int64_t report = b.Doc("report", "Gia Sàng", "Thái Nguyên", "2026-06-20");
  b.Fact(report, kPay, "actual", 88, "2026-H1", "", "%", 31).scope = "cấp xã";
  Comparison c = Compare(b.Build(), Rules(), {});
  ASSERT_EQ(c.periods.size(), 1u);
  const CompareCell& cell = CellOf(c.periods[0], "Gia Sàng", kPay);
  ASSERT_TRUE(cell.actual.has_value());
  EXPECT_EQ(*cell.actual, 88);
}

Comparison Sample() {
  CorpusBuilder b;
  int64_t plan = b.Doc("plan", "Gia Sàng", "Thái Nguyên", "2026-01-05");
  b.Fact(plan, kPay, "target", 80, "2026-H1", ">=");
  const double values[] = {70, 91, 92, 93};
  int k = 0;
  for (const char* ward : {"Gia Sàng", "Trung Thành", "Quyết Thắng", "Tân <b>&\"X\""}) {
    int64_t r = b.Doc("report", ward, "Thái Nguyên", "2026-06-20");
    b.Fact(r, kPay, "actual", values[k++], "2026-H1");
  }
  Corpus corpus = b.Build();
  return Compare(corpus, Rules(), AuditCorpus(corpus, Rules()));
}

TEST(CompareRendering, CsvHasOneRowPerValue) {
  std::string csv = CompareToCsv(Sample());
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "period,province,ward,indicator,label,unit,direction,actual,target,comparator,meets_target,assessment,"
            "rank,robust_z,outlier,flags,actual_document,actual_line,actual_text,target_document,target_line");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5);
  EXPECT_NE(csv.find("2026-H1,Thái Nguyên,Gia Sàng,tthc.online_payment_rate,"), std::string::npos);
  EXPECT_NE(csv.find(",higher,70,80,>=,false,,4,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"Tân <b>&\"\"X\"\"\""), std::string::npos);   // quoted as RFC 4180 asks
}

TEST(CompareRendering, JsonCarriesCellsStatisticsAndFlags) {
  nlohmann::json j = nlohmann::json::parse(CompareToJson(Sample()));
  EXPECT_EQ(j["schema"], "baocao-compare/1");
  const nlohmann::json& p = j["periods"][0];
  EXPECT_EQ(p["period"], "2026-H1");
  EXPECT_EQ(p["period_words"], "6 tháng đầu năm 2026");
  EXPECT_EQ(p["indicators"][0]["direction"], "higher");
  EXPECT_EQ(p["indicators"][0]["values"], 4);
  const nlohmann::json& gia_sang = p["rows"][0];
  EXPECT_EQ(gia_sang["ward"], "Gia Sàng");
  const nlohmann::json& cell = gia_sang["cells"][kPay];
  EXPECT_EQ(cell["actual"], 70);
  EXPECT_EQ(cell["target"], 80);
  EXPECT_EQ(cell["meets_target"], false);
  EXPECT_EQ(cell["rank"], 4);
  EXPECT_TRUE(cell["source"]["path"].is_string());
  EXPECT_EQ(j["flags"][0]["kind"], "target_missed");
}

TEST(CompareRendering, HtmlIsOnePageWithChartsSourcesAndEscapedText) {
  std::string html = CompareToHtml(Sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_NE(html.find("id=\"src-1\""), std::string::npos);
  EXPECT_NE(html.find("href=\"#src-"), std::string::npos);
  EXPECT_NE(html.find("Tân &lt;b&gt;&amp;&quot;X&quot;"), std::string::npos);
  EXPECT_EQ(html.find("<b>&"), std::string::npos);
  // Nothing loaded from the network: the only URL is the SVG namespace.
  size_t at = 0, urls = 0;
  while ((at = html.find("http", at)) != std::string::npos) {
    EXPECT_EQ(html.compare(at, 26, "http://www.w3.org/2000/svg"), 0) << html.substr(at, 40);
    ++at;
    ++urls;
  }
  EXPECT_GT(urls, 0u);
}

TEST(CompareRendering, XlsxIsWrittenAndAnUnwritablePathIsAnError) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("baocao-cmp-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  Status ok = CompareToXlsx(Sample(), (dir / "c.xlsx").string());
  EXPECT_TRUE(ok.ok()) << ok.ToString();
  EXPECT_GT(std::filesystem::file_size(dir / "c.xlsx"), 1000u);
  Status bad = CompareToXlsx(Sample(), (dir / "missing" / "c.xlsx").string());
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.code(), ErrorCode::kStore);
  std::filesystem::remove_all(dir);
}

TEST(PeriodWords, WritesPeriodCodesAsDocumentsDo) {
  EXPECT_EQ(PeriodWords("2026"), "năm 2026");
  EXPECT_EQ(PeriodWords("2026-H2"), "6 tháng cuối năm 2026");
  EXPECT_EQ(PeriodWords("2026-Q3"), "quý III năm 2026");
  EXPECT_EQ(PeriodWords("2026-08"), "tháng 8/2026");
  EXPECT_EQ(PeriodWords("2026/2030"), "giai đoạn 2026-2030");
  EXPECT_EQ(PeriodWords("2026-01-01/2026-06-06"), "từ 01/01/2026 đến 06/06/2026");
  EXPECT_EQ(PeriodWords("2026-Q3", "en"), "Q3 2026");
  EXPECT_EQ(VietnameseNumber(12456.5), "12.456,5");
  EXPECT_EQ(VietnameseNumber(1665600000), "1.665.600.000");
  EXPECT_EQ(VietnameseNumber(0.25), "0,25");
}

}  // namespace
}  // namespace baocao::corpus_test
