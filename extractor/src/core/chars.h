// Internal: code points of UTF-8 text and the letter tests every stage shares (ICU answers for
// letters beyond ASCII). One copy for source/, ocr/ and layout/.
//
//   size_t i = 0;
//   NextCodePoint("Đà", i);       // U+0110 'Đ', i == 2
//   size_t j = 0;
//   NextCodePoint("\xC4", j);     // U+FFFD: a truncated sequence, j == 1
//   IsUpperLetter(U'Đ');          // true
//
// Decoding is lenient, as text from a PDF or a converter needs: a malformed sequence gives
// U+FFFD and consumes one byte, so a loop always advances; overlong forms and surrogates are
// not checked (the Text stage has already validated what later stages read). Every function
// is O(1) per code point, allocates nothing and is thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace baocao::internal {

// The code point at byte `i` (i < s.size()), advancing `i` past it.
char32_t NextCodePoint(std::string_view s, size_t& i);
// The code point that ends at byte `end` (exclusive), or 0 when `end` is 0.
char32_t LastCodePoint(std::string_view s, size_t end);
// The first code point of `s`, or 0 when `s` is empty.
char32_t FirstCodePoint(std::string_view s);

// U+0300-U+036F, or any other non-spacing mark.
bool IsCombiningMark(char32_t cp);
// A-Z, a-z, or an alphabetic code point beyond ASCII.
bool IsLetter(char32_t cp);
bool IsLowerLetter(char32_t cp);
bool IsUpperLetter(char32_t cp);
// 0-9 only: the digits of the numbers the engine reads.
bool IsDigit(char32_t cp);

}  // namespace baocao::internal
