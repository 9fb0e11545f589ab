// Section headings and list items. A heading is a line that starts with a section marker
// ("Phần 1", "Phụ lục I", "I.", "1.", "1.1.", "a)") followed by a capitalized title, and is
// short: numbered paragraphs ("1. Căn cứ Kế hoạch ... " over ten lines) are text, not sections.
#include <re2/re2.h>

#include <algorithm>

#include "baocao/normalize/text.h"
#include "core/chars.h"
#include "core/script.h"
#include "layout/parts.h"

namespace baocao::layout_internal {

using internal::IsUpperLetter;
using internal::NextCodePoint;

namespace {

// Bytes of a line folded to read "CÁC PHỤ LỤC" at its start, its marks perhaps decomposed.
constexpr size_t kOpeningBytes = 40;

const RE2& PartPattern() {  // "Phần 1", "PHẦN I.", "Phần thứ nhất: ..."
  static const RE2 re(std::string(R"(^((?:Phần|PHẦN)[ ]+(?:(?:thứ|THỨ)[ ]+[)") + internal::kLetterClass +
                          R"(]+|[IVXLC]{1,6}|[0-9]{1,2}))(?:[ ]*[.:-][ ]*|[ ]+|$)(.*)$)",
                      RE2::Quiet);
  return re;
}
const RE2& AppendixPattern() {  // "Phụ lục I:", "PHỤ LỤC", "Phụ lục số 2. ..."
  static const RE2 re(
      R"(^((?:Phụ lục|PHỤ LỤC|Phụ Lục)(?:[ ]+(?:số[ ]+)?(?:[IVXLC]{1,6}|[0-9]{1,2}|[A-Z]))?)(?:[ ]*[.:-][ ]*|$)(.*)$)",
      RE2::Quiet);
  return re;
}
const RE2& RomanPattern() {  // "II. KHÓ KHĂN", "IV) ..."
  static const RE2 re(R"(^((?:X{0,3})(?:IX|IV|V?I{0,3}))[.)][ ]+(.+)$)", RE2::Quiet);
  return re;
}
const RE2& ArabicPattern() {  // "1. ", "2.5. ", "2.1 " (several parts need no final dot), "3) "
  static const RE2 re(R"(^([0-9]{1,2}(?:\.[0-9]{1,2}){0,4})(\.|\))?[ ]+(.+)$)", RE2::Quiet);
  return re;
}
const RE2& LetterPattern() {  // "a) ", "đ) "
  static const RE2 re(R"(^([a-zđ])\)[ ]+(.+)$)", RE2::Quiet);
  return re;
}

// A title starts with a capital or a digit, possibly after an opening quote or parenthesis.
bool TitleStartsWell(std::string_view title) {
  size_t pos = 0;
  while (pos < title.size()) {
    char32_t cp = NextCodePoint(title, pos);
    if (cp == '"' || cp == '\'' || cp == '(' || cp == '*' || cp == '[') continue;
    return IsUpperLetter(cp) || (cp >= '0' && cp <= '9');
  }
  return false;
}

std::string_view Sv(re2::StringPiece p) { return {p.data(), p.size()}; }

// The range of `piece`, a view into `text`.
TextRange SubRange(std::string_view text, std::string_view piece) {
  size_t begin = static_cast<size_t>(piece.data() - text.data());
  return Trim(text, {begin, begin + piece.size()});
}

}  // namespace

std::optional<Heading> MatchHeading(std::string_view text, TextRange line, const LayoutLimits& limits) {
  TextRange r = Trim(text, line);
  std::string_view s = View(text, r);
  const size_t most = limits.heading_max_code_points;
  if (s.empty() || CodePointsUpTo(s, most + 1) > most) return std::nullopt;
  if (s.back() == ';' || s.back() == ',') return std::nullopt;
  re2::StringPiece number_piece, rest_piece, close_piece;
  Heading h;
  if (RE2::FullMatch(s, PartPattern(), &number_piece, &rest_piece) ||
      RE2::FullMatch(s, AppendixPattern(), &number_piece, &rest_piece)) {
    h.rank = kRankPart;
  } else if (IsAllUpper(s, limits.appendices_heading_min_letters) &&
             FoldKey(s.substr(0, kOpeningBytes)).starts_with("cac phu luc")) {
    h.rank = kRankPart;  // "CÁC PHỤ LỤC CHI TIẾT": the appendices' own heading, unnumbered
    h.title = r;
    return h;
  } else if (RE2::FullMatch(s, RomanPattern(), &number_piece, &rest_piece) && !number_piece.empty()) {
    h.rank = kRankRoman;
  } else if (RE2::FullMatch(s, ArabicPattern(), &number_piece, &close_piece, &rest_piece)) {
    std::string_view number = Sv(number_piece), close = Sv(close_piece);
    size_t parts = 1 + static_cast<size_t>(std::count(number.begin(), number.end(), '.'));
    if (parts == 1 && close.empty()) return std::nullopt;  // "12 hồ sơ", not "12."
    h.rank = close == ")" ? kRankLetter : static_cast<int>(std::min<size_t>(parts + 1, kRankDeepestNumber));
    // "1. Phụ lục I. Công tác chỉ đạo": an appendix numbered in a list of appendices.
    re2::StringPiece inner_number, inner_rest;
    if (RE2::FullMatch(rest_piece, AppendixPattern(), &inner_number, &inner_rest) && !inner_rest.empty()) {
      h.rank = kRankPart;
      h.number = std::string(Sv(inner_number));
      h.title = SubRange(text, Sv(inner_rest));
      return h;
    }
  } else if (RE2::FullMatch(s, LetterPattern(), &number_piece, &rest_piece)) {
    h.rank = kRankLetter;
  } else {
    return std::nullopt;
  }
  std::string_view number = Sv(number_piece), rest = Sv(rest_piece);
  if (rest.empty()) {
    if (h.rank != kRankPart) return std::nullopt;
    h.takes_next_title = true;  // "Phần 1" / "Phụ lục I": the title is on the next line
  } else if (!TitleStartsWell(rest)) {
    return std::nullopt;
  }
  h.number = std::string(number);
  h.title = rest.empty() ? TextRange{r.end, r.end} : SubRange(text, rest);
  return h;
}

std::optional<TextRange> MatchListItem(std::string_view text, TextRange line) {
  TextRange r = Trim(text, line);
  // Trim removed Markdown stars; a "* item" bullet is seen on the untrimmed line.
  size_t b = line.begin;
  while (b < line.end && (text[b] == ' ' || text[b] == '\t')) ++b;
  if (b >= line.end) return std::nullopt;
  std::string_view s = text.substr(b, line.end - b);
  size_t skip = 0;
  if (s.starts_with("•")) {
    skip = std::string_view("•").size();
  } else if (s[0] == '-' || s[0] == '+' || s[0] == '*') {
    if (s.size() > 1 && s[1] == s[0]) return std::nullopt;  // "--", "**bold**"
    skip = 1;
  } else {
    return std::nullopt;
  }
  size_t after = b + skip;
  bool spaced = after < line.end && (text[after] == ' ' || text[after] == '\t');
  if (!spaced) {
    // "-Tạo sự thống nhất": a dash glued to a capital still opens an item.
    size_t pos = after;
    if (pos >= line.end || !IsUpperLetter(NextCodePoint(text, pos))) return std::nullopt;
  }
  TextRange item = Trim(text, {after, r.end > after ? r.end : after});
  if (item.empty()) return std::nullopt;
  return item;
}

}  // namespace baocao::layout_internal
