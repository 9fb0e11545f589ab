// Code points and letter tests (core/chars.h): lenient decoding that always advances, and the
// Vietnamese letters with their case.
#include <gtest/gtest.h>

#include <string>

#include "core/chars.h"

namespace baocao::internal {
namespace {

TEST(Chars, DecodesEachCodePointAndAdvancesPastIt) {
  const std::string s = "aĐẫ\xF0\x9F\x98\x80";   // 1, 2, 3 and 4 bytes
  size_t i = 0;
  EXPECT_EQ(NextCodePoint(s, i), U'a');
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(NextCodePoint(s, i), U'Đ');
  EXPECT_EQ(i, 3u);
  EXPECT_EQ(NextCodePoint(s, i), U'ẫ');
  EXPECT_EQ(i, 6u);
  EXPECT_EQ(NextCodePoint(s, i), char32_t{0x1F600});
  EXPECT_EQ(i, s.size());
}

TEST(Chars, AMalformedSequenceIsOneReplacementCharacterOfOneByte) {
  const std::string cases[] = {"\xC4", "\x91", "\xC4" "a", "\xE1\xBA"};   // cut, stray, broken
  for (const std::string& s : cases) {
    size_t i = 0;
    EXPECT_EQ(NextCodePoint(s, i), char32_t{0xFFFD}) << testing::PrintToString(s);
    EXPECT_EQ(i, 1u);
  }
}

TEST(Chars, ReadsTheFirstAndTheLastCodePoint) {
  EXPECT_EQ(FirstCodePoint("Đà"), U'Đ');
  EXPECT_EQ(FirstCodePoint(""), char32_t{0});
  const std::string s = "Hoà";
  EXPECT_EQ(LastCodePoint(s, s.size()), U'à');
  EXPECT_EQ(LastCodePoint(s, 1), U'H');
  EXPECT_EQ(LastCodePoint(s, 0), char32_t{0});
}

TEST(Chars, TellsLettersTheirCaseDigitsAndMarks) {
  EXPECT_TRUE(IsLetter(U'a') && IsLetter(U'Z') && IsLetter(U'ư') && IsLetter(U'Ự'));
  EXPECT_FALSE(IsLetter(U'1') || IsLetter(U'@') || IsLetter(U'[') || IsLetter(U'–'));
  EXPECT_TRUE(IsUpperLetter(U'Đ') && IsUpperLetter(U'Ỹ') && !IsUpperLetter(U'đ'));
  EXPECT_TRUE(IsLowerLetter(U'ơ') && IsLowerLetter(U'z') && !IsLowerLetter(U'Ơ'));
  EXPECT_TRUE(IsDigit(U'0') && IsDigit(U'9') && !IsDigit(U'٣'));   // ASCII digits only
  EXPECT_TRUE(IsCombiningMark(0x0301) && IsCombiningMark(0x0323) && !IsCombiningMark(U'a'));
}

}  // namespace
}  // namespace baocao::internal
