// The small string helpers the stages share: cuts to a byte budget keep every character whole,
// white space squeezed, pieces joined.
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

TEST(Strings, ACutFromAByteMovesOnToTheNextWholeCharacter) {
  const std::string name = "Chí Linh";   // 'í' is bytes 2-3
  EXPECT_EQ(CharBoundaryAtOrAfter(name, 2), 2u);
  EXPECT_EQ(CharBoundaryAtOrAfter(name, 3), 4u);   // inside 'í': after it
  EXPECT_EQ(CharBoundaryAtOrAfter(name, 0), 0u);
  EXPECT_EQ(CharBoundaryAtOrAfter(name, 100), name.size());
  EXPECT_EQ(CharBoundaryAtOrAfter("\x91" "a", 0), 0u);   // byte 0 is a boundary, as for AtOrBefore
}

TEST(Strings, SqueezeMakesEachRunOfWhiteSpaceOneSpace) {
  struct Case {
    std::string_view in, dropped, white, out;
  };
  const Case cases[] = {
      {"  a \t\n b  ", "", kAsciiWhiteSpace, "a b"},
      {"a\r\f\vb", "", kAsciiWhiteSpace, "a b"},
      {"**Kế hoạch** số 12", "*", kAsciiWhiteSpace, "Kế hoạch số 12"},
      {"a * b", "*", kAsciiWhiteSpace, "a b"},   // a dropped character does not end a run
      {"a * b", "", kAsciiWhiteSpace, "a * b"},
      {"a\rb  c\n", "", kSpaceTabNewline, "a\rb c"},   // only the given white space counts
      {"", "", kAsciiWhiteSpace, ""},
      {" \n ", "", kAsciiWhiteSpace, ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Squeeze(c.in, c.dropped, c.white), c.out) << "'" << c.in << "'";
  }
}

TEST(Strings, ConcatJoinsItsPiecesInOrder) {
  const std::string year = "2026";
  EXPECT_EQ(Concat({"Q", std::string("3"), " ", year}), "Q3 2026");
  EXPECT_EQ(Concat({}), "");
}

}  // namespace
}  // namespace baocao::internal
