// The budget of one extraction (baocao/core/budget.h, issue 18). No assertion on time: a
// deadline already passed, a memory ceiling below any process and a raised flag are certain.
#include "baocao/core/budget.h"

#include <gtest/gtest.h>

namespace baocao {
namespace {

TEST(Budget, WithoutLimitsNeverStops) {
  Budget unstarted;
  EXPECT_TRUE(unstarted.Check("layout").ok());
  EXPECT_FALSE(unstarted.Exhausted());
  EXPECT_FALSE(unstarted.started());
  Budget unlimited = Budget::Start({});
  EXPECT_TRUE(unlimited.started());
  EXPECT_TRUE(unlimited.Check("layout").ok());
  EXPECT_FALSE(unlimited.Exhausted());
}

TEST(Budget, PassedDeadlineIsTimeoutNamingTheLimitAndTheStage) {
  Budget budget = Budget::Start({.max_seconds = 1e-9});
  while (!budget.Exhausted()) {
  }
  Status s = budget.Check("audit");
  EXPECT_EQ(s.code(), ErrorCode::kTimeout);
  EXPECT_NE(s.message().find("--max-seconds"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("audit"), std::string::npos) << s.message();
}

TEST(Budget, MemoryCeilingBelowTheProcessIsOverMemory) {
  ASSERT_GT(ResidentBytes(), 1u);
  Budget budget = Budget::Start({.max_memory = 1});
  Status s = budget.Check("PDF page 3");
  EXPECT_EQ(s.code(), ErrorCode::kOverMemory);
  EXPECT_NE(s.message().find("--max-memory"), std::string::npos) << s.message();
  EXPECT_TRUE(budget.Exhausted());
}

TEST(Budget, RaisedFlagCancelsEveryCopy) {
  CancelFlag flag = MakeCancelFlag();
  Budget budget = Budget::Start({}, flag);
  Budget copy = budget;
  EXPECT_TRUE(copy.Check("link").ok());
  flag->store(true);
  EXPECT_EQ(budget.Check("link").code(), ErrorCode::kCancelled);
  EXPECT_TRUE(copy.Exhausted());
}

}  // namespace
}  // namespace baocao
