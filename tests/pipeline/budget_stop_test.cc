// Each long stage stops once the extraction's budget is spent, and what it leaves is never taken
// for a result (issue 18: an extraction told to stop must stop, not run its stage to the end).
// No assertion on time: a budget whose deadline has passed, or whose flag is raised, is spent
// for certain, and a stage that stopped is told by what it returns on a text where it finds
// plenty when it is not stopped.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "baocao/audit/audit.h"
#include "baocao/emit/json.h"
#include "baocao/layout/layout.h"
#include "baocao/link/link.h"
#include "baocao/normalize/text.h"
#include "baocao/pipeline/extract.h"
#include "baocao/recognize/recognize.h"
#include "engine_util.h"

namespace baocao {
namespace {

using testing_util::SharedEngine;

// A report repeated to about a megabyte: each stage's loops run many times their check stride.
const std::string& LongReport() {
  static const std::string text = [] {
    std::ifstream in(std::string(BAOCAO_CORPUS_DIR) + "/docs/chi-linh-2026-01-report.txt", std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    constexpr size_t kTarget = 1 << 20;
    std::string out;
    while (!buf.str().empty() && out.size() < kTarget) out += buf.str() + "\n\n";
    return out;
  }();
  return text;
}

Budget Cancelled() {
  CancelFlag flag = MakeCancelFlag();
  flag->store(true);
  return Budget::Start({}, flag);
}

Budget PastDeadline() {
  Budget budget = Budget::Start({.max_seconds = 1e-9});
  while (!budget.Exhausted()) {
  }
  return budget;
}

TEST(BudgetStop, NormalizeReturnsTheErrorNotAHalfRewrittenText) {
  ASSERT_GT(LongReport().size(), 1u << 19);
  ASSERT_TRUE(Normalize(LongReport(), {}).ok());
  NormalizeOptions options;
  options.budget = Cancelled();
  EXPECT_EQ(Normalize(LongReport(), options).status().code(), ErrorCode::kCancelled);
  options.budget = PastDeadline();
  EXPECT_EQ(Normalize(LongReport(), options).status().code(), ErrorCode::kTimeout);
}

TEST(BudgetStop, RecognitionStopsWithNoMentions) {
  const RuleSet& rules = SharedEngine().rules();
  EXPECT_GT(rules.Recognize(LongReport()).size(), 1000u);
  EXPECT_TRUE(rules.Recognize(LongReport(), Cancelled()).empty());
  EXPECT_TRUE(rules.Recognize(LongReport(), PastDeadline()).empty());
}

TEST(BudgetStop, LayoutStopsBeforeItsBlocks) {
  EXPECT_FALSE(AnalyzeLayout(LongReport()).blocks.empty());
  LayoutOptions options;
  options.budget = Cancelled();
  EXPECT_TRUE(AnalyzeLayout(LongReport(), options).blocks.empty());
}

// Linking and the audit, given the complete stages before them and a spent budget.
struct Stopped : ::testing::Test {
  void SetUp() override {
    Result<Extraction> x = SharedEngine().ExtractBytes(LongReport(), "long.txt", ExtractOptions{}, &stages);
    ASSERT_TRUE(x.ok()) << x.status().ToString();
    extraction = std::move(x).value();
    ASSERT_GT(extraction.facts.size(), 100u);
    ASSERT_FALSE(extraction.flags.empty());
  }
  Stages stages;
  Extraction extraction;
};

TEST_F(Stopped, LinkingStopsWithNoFacts) {
  const std::string_view text = stages.text.view();
  EXPECT_FALSE(LinkFacts(SharedEngine().lexicon(), text, stages.layout, stages.mentions, extraction.meta).empty());
  EXPECT_TRUE(LinkFacts(SharedEngine().lexicon(), text, stages.layout, stages.mentions, extraction.meta, {}, Cancelled())
                  .empty());
}

TEST_F(Stopped, AuditStopsBeforeItsChecks) {
  AuditInput input;
  input.text = stages.text.view();
  input.layout = &stages.layout;
  input.mentions = &stages.mentions;
  input.facts = &extraction.facts;
  input.meta = &extraction.meta;
  input.references = &extraction.references;
  input.span_of = [&](TextRange r) { return stages.text.SpanOf(r, LongReport()); };
  EXPECT_FALSE(Audit(SharedEngine().audit_rules(), input).flags.empty());
  AuditOptions options;
  options.budget = Cancelled();
  AuditResult stopped = Audit(SharedEngine().audit_rules(), input, options);
  EXPECT_TRUE(stopped.flags.empty());
  EXPECT_TRUE(stopped.checks.empty());
}

// Writing the result's JSON spends the same budget (64 MB took 3 s past a deadline): spent, it
// stops with the budget's error and never passes a cut JSON off as whole.
TEST_F(Stopped, JsonWritingStopsWithTheBudgetsError) {
  std::ostringstream plain, budgeted;
  WriteJson(extraction, plain, /*pretty=*/false);
  ASSERT_TRUE(WriteJson(extraction, budgeted, /*pretty=*/false, Budget::Start({})).ok());
  EXPECT_EQ(budgeted.str(), plain.str());
  for (bool pretty : {false, true}) {
    std::ostringstream cancelled, late;
    EXPECT_EQ(WriteJson(extraction, cancelled, pretty, Cancelled()).code(), ErrorCode::kCancelled);
    EXPECT_LT(cancelled.str().size(), plain.str().size());
    const Status timed_out = WriteJson(extraction, late, pretty, PastDeadline());
    EXPECT_EQ(timed_out.code(), ErrorCode::kTimeout);
    EXPECT_NE(timed_out.message().find("JSON output"), std::string::npos) << timed_out.message();
    EXPECT_FALSE(nlohmann::json::accept(late.str()));
  }
}

// The whole extraction: the error, naming the file, never a result.
TEST(BudgetStop, ExtractionCancelledOrPastItsDeadlineIsAnError) {
  ExtractOptions options;
  options.cancel = MakeCancelFlag();
  options.cancel->store(true);
  Result<Extraction> cancelled = SharedEngine().ExtractBytes(LongReport(), "long.txt", options);
  EXPECT_EQ(cancelled.status().code(), ErrorCode::kCancelled);
  EXPECT_NE(cancelled.status().message().find("long.txt"), std::string::npos) << cancelled.status().message();
  ExtractOptions timed;
  timed.audit.budget = timed.normalize.budget = timed.layout.budget = PastDeadline();
  EXPECT_EQ(SharedEngine().ExtractBytes(LongReport(), "long.txt", timed).status().code(), ErrorCode::kTimeout);
}

// A flag raised by another thread while the stages run stops them: the extraction ends with
// kCancelled unless it had already finished (never asserted: that is a matter of time).
TEST(BudgetStop, CancelFromAnotherThreadEndsWithTheErrorOrTheWholeResult) {
  ExtractOptions options;
  options.cancel = MakeCancelFlag();
  std::thread canceller([flag = options.cancel] { flag->store(true); });
  Result<Extraction> x = SharedEngine().ExtractBytes(LongReport(), "long.txt", options);
  canceller.join();
  if (x.ok()) {
    EXPECT_GT(x->facts.size(), 100u);   // it finished first: then whole
  } else {
    EXPECT_EQ(x.status().code(), ErrorCode::kCancelled);
  }
}

}  // namespace
}  // namespace baocao
