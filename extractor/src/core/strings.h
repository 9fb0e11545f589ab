// Internal: small string helpers shared by the stages (one copy instead of one per file).
#pragma once

#include <initializer_list>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace baocao::internal {

// Appends the UTF-8 encoding of code point `cp` (valid scalar values only).
void AppendUtf8(std::string& out, char32_t cp);

// Whether `c` is one of the ASCII digits '0'..'9' (never a locale's other digits; for a code
// point use core/chars.h's IsDigit).
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Whether byte `i` of `s` continues a UTF-8 character (a cut there would split it); false
// past the end.
inline bool IsUtf8Continuation(std::string_view s, size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

// The largest character boundary of `s` at or before byte `n` (s.size() when n is past it):
// where a cut to at most n bytes keeps every character whole.
inline size_t CharBoundaryAtOrBefore(std::string_view s, size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && IsUtf8Continuation(s, n)) --n;
  return n;
}

// The smallest character boundary of `s` at or after byte `n` (s.size() when n is past it):
// where a cut from byte n on starts on a whole character. Byte 0 counts as a boundary, as above.
inline size_t CharBoundaryAtOrAfter(std::string_view s, size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && IsUtf8Continuation(s, n)) ++n;
  return n;
}

// The bytes of `s` that hold its first `max_characters` characters (code points), cut between
// whole UTF-8 characters; `*characters`, when given, gets how many that is. For limits counted in
// characters, such as a spreadsheet cell's 32,767.
inline std::string_view FirstCharacters(std::string_view s, size_t max_characters, size_t* characters = nullptr) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsUtf8Continuation(s, i) && ++n > max_characters) {
      if (characters) *characters = max_characters;
      return s.substr(0, i);
    }
  }
  if (characters) *characters = n;
  return s;
}

// The unsigned number in `width` (1 to 4) bytes of `bytes` from `at`, in big-endian order or
// little-endian (`little_endian`); the caller has checked that they are there. For the headers
// of binary formats (JBIG2 segments, TIFF and JPEG markers).
inline uint32_t UnsignedAt(std::string_view bytes, size_t at, size_t width, bool little_endian = false) {
  constexpr unsigned kBitsPerByte = 8;
  uint32_t v = 0;
  for (size_t k = 0; k < width; ++k) {
    v = (v << kBitsPerByte) | static_cast<unsigned char>(bytes[little_endian ? at + width - 1 - k : at + k]);
  }
  return v;
}

// The offset of the first byte of `s` that does not begin a valid UTF-8 character (an
// overlong form, a surrogate, a code point above U+10FFFF, a truncated sequence), or npos.
size_t FirstInvalidUtf8(std::string_view s);

// `s` without leading and trailing spaces, tabs and carriage returns.
std::string Trim(std::string_view s);

// `s` in lower case (Unicode, ICU): "MỘT TRĂM" -> "một trăm"; marks are kept (FoldKey drops them).
std::string Lower(std::string_view s);

// The pieces joined into one string, sized once: Concat({"Q", "1", " ", year}). Also what to
// write where `"literal" + std::string(...)` would be natural: GCC 12 inlines that operator's
// insert at position 0 and warns falsely (-Wrestrict, "accessing 9223372036854775810 or more
// bytes"). The pieces must outlive the call, as temporaries of the calling expression do.
std::string Concat(std::initializer_list<std::string_view> pieces);

// What Squeeze counts as white space unless told otherwise.
inline constexpr std::string_view kAsciiWhiteSpace = " \t\n\r\f\v";
// Space, tab and newline only: text the engine assembles from words (a PDF table's cells, a
// rule's captured words) is squeezed on these, so a CR, FF or VT inside a word stays as read.
inline constexpr std::string_view kSpaceTabNewline = " \t\n";

// `s` with every run of `white` characters made one space, none left at either end, and every
// `dropped` character removed without ending a run: Squeeze(" a *\n b ", "*") == "a b".
// Linear in s; allocates the result only.
std::string Squeeze(std::string_view s, std::string_view dropped = {}, std::string_view white = kAsciiWhiteSpace);

// `s` cut at every `sep`, each piece trimmed; empty pieces are kept only with `keep_empty`.
std::vector<std::string> SplitTrimmed(std::string_view s, char sep, bool keep_empty);

}  // namespace baocao::internal
