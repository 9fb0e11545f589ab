// The corpus read from a real store: the four bundled documents (two plans, two reports of four
// different wards) extracted, stored, loaded back, compared side by side and audited; the
// corpus_flags table rebuilt on every run, never appended to.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <set>

#include "baocao/emit/names.h"
#include "baocao/pipeline/extract.h"
#include "corpus_test_util.h"
#include "corpus_util.h"

namespace baocao::corpus_test {
namespace {

namespace fs = std::filesystem;

class RealCorpusStore : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/baocao-corpus-XXXXXX";
    dir_ = mkdtemp(pattern);
    Result<Engine> engine = Engine::Create({BAOCAO_RULES_DIR});
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    Result<Store> store = Store::Open(dir_ + "/s.sqlite");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(BAOCAO_CORPUS_DIR) / "docs")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      std::string bytes = testing_util::ReadBytes(f);
      Result<Extraction> x = engine->ExtractBytes(bytes, f.string());
      ASSERT_TRUE(x.ok()) << x.status().ToString();
      ASSERT_TRUE(store->Put(*x, bytes).ok());
    }
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static Store Open(bool read_only) {
    StoreOptions options;
    options.read_only = read_only;
    Result<Store> store = Store::Open(dir_ + "/s.sqlite", options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return std::move(*store);
  }

  static std::string dir_;
};
std::string RealCorpusStore::dir_;

TEST_F(RealCorpusStore, LoadsEveryDocumentWithItsResolvedWard) {
  Store store = Open(true);
  Result<Corpus> corpus = LoadCorpus(store, Rules());
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  ASSERT_EQ(corpus->documents.size(), 4u);
  std::set<std::string> wards;
  for (const CorpusDocument& d : corpus->documents) {
    EXPECT_TRUE(d.ward_known) << d.path;
    wards.insert(d.ward + " / " + d.province);
    ASSERT_TRUE(d.ward_span.has_value()) << d.path;
    EXPECT_GT(d.ward_span->line, 0);
  }
  EXPECT_EQ(wards, (std::set<std::string>{"Ba Ngòi / Khánh Hòa", "Chí Linh / Hải Phòng", "Hồng Bàng / Hải Phòng",
                                          "Trung Thành / Thái Nguyên"}));
  EXPECT_GT(corpus->facts.size(), 100u);
  // Citations carry their issuer, read from the source after the citation.
  bool politburo = false;
  for (const CorpusCitation& c : corpus->citations) politburo |= c.number == "57-NQ/TW" && c.issuer == "Bộ Chính trị";
  EXPECT_TRUE(politburo);
}

TEST_F(RealCorpusStore, CompareShowsThePlansAndReportsSideBySide) {
  Store store = Open(true);
  Result<Corpus> corpus = LoadCorpus(store, Rules());
  ASSERT_TRUE(corpus.ok());
  Comparison c = Compare(*corpus, Rules(), AuditCorpus(*corpus, Rules()));
  ASSERT_TRUE(AttachLines(store, c).ok());
  std::set<std::string> with_actuals, with_targets;
  for (const ComparePeriod& p : c.periods) {
    for (const CompareRow& r : p.rows) {
      for (const CompareCell& cell : r.cells) {
        if (cell.actual) {
          with_actuals.insert(r.ward);
          EXPECT_FALSE(cell.actual_source.line_text.empty());
          EXPECT_NE(cell.actual_source.line_text.find(cell.actual_source.span.text), std::string::npos);
        }
        if (cell.target && cell.target_source.document == r.plan.document) with_targets.insert(r.ward);
      }
    }
  }
  EXPECT_EQ(with_actuals, (std::set<std::string>{"Chí Linh", "Trung Thành"}));   // the reports
  EXPECT_TRUE(with_targets.count("Hồng Bàng") && with_targets.count("Ba Ngòi"));  // the plans
  // The plans' year: both plans' targets and Trung Thành's results in one period.
  const ComparePeriod* year = nullptr;
  for (const ComparePeriod& p : c.periods) {
    if (p.period == "2026") year = &p;
  }
  ASSERT_NE(year, nullptr);
  std::set<std::string> rows;
  for (const CompareRow& r : year->rows) rows.insert(r.ward);
  EXPECT_TRUE(rows.count("Hồng Bàng") && rows.count("Ba Ngòi") && rows.count("Trung Thành"));
}

TEST_F(RealCorpusStore, LoadsWhatEachFactIsOf) {
  // Chí Linh's report gives communes' figures ("cấp xã") and kinds of applications beside its own.
  Store store = Open(true);
  Result<Corpus> corpus = LoadCorpus(store, Rules());
  ASSERT_TRUE(corpus.ok());
  size_t scoped = 0, qualified = 0;
  for (const CorpusFact& f : corpus->facts) {
    scoped += !f.fact.scope.empty();
    qualified += !f.fact.qualifiers.empty();
  }
  EXPECT_GT(scoped, 0u);
  EXPECT_GT(qualified, 0u);
}

// A store written by hand: a ward's report with the province's late to-date rate before its own.
TEST(CorpusFromStore, ReadsWhoseFigureEachFactIsAndComparesOnlyTheWardsOwn) {
  char pattern[] = "/tmp/baocao-corpus-XXXXXX";
  std::string dir = mkdtemp(pattern);
  Extraction x;
  x.document.path = "r.txt";
  x.document.sha256 = "ab";
  x.document.format = Format::kText;
  x.meta.kind = "report";
  x.meta.ward = "Gia Sàng";
  x.meta.province = "Thái Nguyên";
  Fact province;
  province.indicator = "tthc.online_payment_rate";
  province.role = Role::kActual;
  province.value = 95;
  province.unit = "%";
  province.period = "2026-H1";
  province.span.line = 7;
  province.span.text = "95%";
  province.scope = "toàn tỉnh";
  province.qualifiers = {"trễ hạn", "trực tuyến"};
  province.basis = "lũy kế";
  Fact own = province;
  own.value = 82.5;
  own.span.line = 9;
  own.span.text = "82,5%";
  own.scope.clear();
  own.qualifiers.clear();
  own.basis.clear();
  x.facts = {province, own};
  {
    Result<Store> store = Store::Open(dir + "/s.sqlite");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE(store->Put(x, "bytes").ok());
    Result<Corpus> corpus = LoadCorpus(*store, Rules());
    ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
    ASSERT_EQ(corpus->facts.size(), 2u);
    const Fact& read = corpus->facts[0].fact;
    EXPECT_EQ(read.scope, "toàn tỉnh");
    EXPECT_EQ(read.qualifiers, (std::vector<std::string>{"trễ hạn", "trực tuyến"}));
    EXPECT_EQ(read.basis, "lũy kế");
    EXPECT_TRUE(corpus->facts[1].fact.scope.empty() && corpus->facts[1].fact.qualifiers.empty() &&
                corpus->facts[1].fact.basis.empty());
    Comparison c = Compare(*corpus, Rules(), {});
    ASSERT_EQ(c.periods.size(), 1u);
    ASSERT_EQ(c.periods[0].rows.size(), 1u);
    ASSERT_TRUE(c.periods[0].rows[0].cells.at(0).actual.has_value());
    EXPECT_EQ(*c.periods[0].rows[0].cells[0].actual, 82.5);
  }
  fs::remove_all(dir);
}

int CorpusFlagRows(const std::string& db) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "SELECT count(*) FROM corpus_flags", -1, &st, nullptr);
  int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

TEST_F(RealCorpusStore, AuditRebuildsCorpusFlagsWithEvidenceLines) {
  Store store = Open(false);
  Result<Corpus> corpus = LoadCorpus(store, Rules());
  ASSERT_TRUE(corpus.ok());
  std::vector<CorpusFlag> flags = AuditCorpus(*corpus, Rules());
  for (const CorpusFlag& f : flags) EXPECT_NE(f.severity, Severity::kError) << f.explanation;
  for (int run = 0; run < 2; ++run) {
    ASSERT_TRUE(WriteCorpusFlags(store, flags).ok());
    EXPECT_EQ(CorpusFlagRows(dir_ + "/s.sqlite"), static_cast<int>(flags.size()));
  }
  ASSERT_TRUE(AttachLines(store, flags).ok());
  for (const CorpusFlag& f : flags) {
    for (const CorpusEvidence& e : f.evidence) {
      EXPECT_FALSE(e.line_text.empty()) << e.path;
      EXPECT_EQ(e.line_text.substr(e.span.start - e.line_begin, e.span.end - e.span.start), e.span.text);
    }
  }
}

}  // namespace
}  // namespace baocao::corpus_test
