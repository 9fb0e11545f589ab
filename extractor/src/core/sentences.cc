#include "core/sentences.h"

#include <algorithm>

#include "core/chars.h"
#include "core/strings.h"

namespace baocao::internal {
namespace {

// ": " followed by a capital letter: the colon opens a sentence of its own.
bool ColonOpensSentence(std::string_view text, size_t colon) {
  size_t i = colon + 1;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i == colon + 1 || i >= text.size()) return false;
  return IsUpperLetter(NextCodePoint(text, i));
}

bool IsSentenceMark(char c, const SentenceBreaks& breaks) {
  return c == '.' || c == '!' || c == '?' || (breaks.semicolon && c == ';');
}

bool IsLineBreak(char c, const SentenceBreaks& breaks) { return c == '\n' || (breaks.tab && c == '\t'); }

}  // namespace

TextRange SentenceAround(std::string_view text, size_t pos, size_t reach, SentenceBreaks breaks) {
  size_t b = std::min(pos, text.size()), e = b;
  size_t floor = b > reach ? b - reach : 0, ceiling = std::min(text.size(), b + reach);
  while (floor < b && IsUtf8Continuation(text, floor)) ++floor;
  while (ceiling > b && IsUtf8Continuation(text, ceiling)) --ceiling;
  while (b > floor) {
    char c = text[b - 1];
    if (IsLineBreak(c, breaks)) break;
    if (IsSentenceMark(c, breaks) && b < text.size() && text[b] == ' ') break;
    if (breaks.opening_colon && c == ':' && ColonOpensSentence(text, b - 1)) break;
    --b;
  }
  while (e < ceiling) {
    char c = text[e];
    if (IsLineBreak(c, breaks)) break;
    if (IsSentenceMark(c, breaks) && (e + 1 >= text.size() || text[e + 1] == ' ' || text[e + 1] == '\n')) break;
    if (breaks.opening_colon && c == ':' && ColonOpensSentence(text, e)) break;
    ++e;
  }
  return {b, e};
}

}  // namespace baocao::internal
