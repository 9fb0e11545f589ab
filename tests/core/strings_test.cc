// The small string helpers the stages share: cuts to a byte budget keep every character whole.
#include <gtest/gtest.h>

#include <string>

#include "core/strings.h"

namespace baocao::internal {
namespace {

TEST(Strings, ACutToAByteBudgetBacksOffToTheCharacterItWouldSplit) {
  const std::string name = "Chí Linh";   // 'í' is bytes 2-3
  EXPECT_EQ(CharBoundaryAtOrBefore(name, 2), 2u);
  EXPECT_EQ(CharBoundaryAtOrBefore(name, 3), 2u);   // inside 'í': before it
  EXPECT_EQ(CharBoundaryAtOrBefore(name, 4), 4u);
  EXPECT_EQ(CharBoundaryAtOrBefore(name, 0), 0u);
  EXPECT_EQ(CharBoundaryAtOrBefore(name, 100), name.size());
  const std::string three = "\xe6\x8d\xaf\xe6\x8d\xaf";   // two three-byte characters
  EXPECT_EQ(CharBoundaryAtOrBefore(three, 5), 3u);
  EXPECT_EQ(CharBoundaryAtOrBefore(three, 4), 3u);
}

TEST(Strings, OnlyContinuationBytesContinueACharacter) {
  const std::string s = "đ a";   // 'đ' is 0xC4 0x91
  EXPECT_FALSE(IsUtf8Continuation(s, 0));
  EXPECT_TRUE(IsUtf8Continuation(s, 1));
  EXPECT_FALSE(IsUtf8Continuation(s, 2));
  EXPECT_FALSE(IsUtf8Continuation(s, s.size()));   // past the end
}

}  // namespace
}  // namespace baocao::internal
