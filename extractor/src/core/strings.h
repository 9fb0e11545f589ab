// Internal: small string helpers shared by the stages (one copy instead of one per file).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace baocao::internal {

// Appends the UTF-8 encoding of code point `cp` (valid scalar values only).
void AppendUtf8(std::string& out, char32_t cp);

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

// `s` without leading and trailing spaces, tabs and carriage returns.
std::string Trim(std::string_view s);

// `s` cut at every `sep`, each piece trimmed; empty pieces are kept only with `keep_empty`.
std::vector<std::string> SplitTrimmed(std::string_view s, char sep, bool keep_empty);

}  // namespace baocao::internal
