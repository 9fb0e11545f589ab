// Internal: the few character facts the PDF source stage needs, over UTF-8 (ICU underneath).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace baocao::pdf_internal {

// The code point at `i`, advancing `i` past it; U+FFFD (one byte consumed) for a bad sequence.
char32_t NextCodePoint(std::string_view s, size_t& i);
// The code point that ends at `end` (exclusive), or 0 at the start.
char32_t LastCodePoint(std::string_view s, size_t end);
char32_t FirstCodePoint(std::string_view s);

bool IsCombiningMark(char32_t cp);
bool IsLetter(char32_t cp);
bool IsLowerLetter(char32_t cp);
bool IsUpperLetter(char32_t cp);
bool IsDigit(char32_t cp);

// `s` in NFC; `s` itself when it holds no combining mark (the common case, no ICU call).
std::string ToNfc(std::string s);
// Uppercase, code point by code point (Vietnamese letters map one to one).
std::string ToUpper(std::string_view s);

}  // namespace baocao::pdf_internal
