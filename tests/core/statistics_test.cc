// Percentile and Median (core/statistics.h): nearest rank against the mean of the middle two.
#include <gtest/gtest.h>

#include <vector>

#include "core/statistics.h"

namespace baocao::internal {
namespace {

TEST(Statistics, PercentileIsTheValueOfTheNearestRank) {
  const std::vector<float> v = {5, 1, 4, 2, 3};
  EXPECT_EQ(Percentile(v, 0.0f), 1);
  EXPECT_EQ(Percentile(v, 0.25f), 2);
  EXPECT_EQ(Percentile(v, 0.5f), 3);
  EXPECT_EQ(Percentile(v, 1.0f), 5);
  EXPECT_EQ(Percentile({4, 1, 3, 2}, 0.5f), 3) << "an even count: the upper middle value";
  EXPECT_EQ(Percentile({}, 0.5f), 0);
}

TEST(Statistics, PercentileRanksInFloatAsTheThresholdsWereMeasured) {
  // 0.9f is a little under 0.9: in double 0.9f * 5 + 0.5 stays under 5 (rank 4); in float the
  // product rounds to 4.5 (rank 5), the rank the PDF layout's thresholds were measured with.
  EXPECT_EQ(Percentile({0, 1, 2, 3, 4, 5}, 0.9f), 5);
}

TEST(Statistics, MedianAveragesTheMiddleTwoOfAnEvenCount) {
  EXPECT_DOUBLE_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(Median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(Median({}), 0);
}

}  // namespace
}  // namespace baocao::internal
