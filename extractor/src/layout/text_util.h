// Small text helpers shared by the Layout stage and meta: lines, segments, trimming, letter
// case and a fast word fold. Internal to extractor/src/layout; code points, letter tests and
// Squeeze are core's (core/chars.h, core/strings.h).
//
// Everything works on byte offsets into the normalized Text and costs time linear in what it
// reads; nothing allocates per byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/document.h"

namespace baocao::layout_internal {

// One line of the text: [begin, end) without its '\n'. `number` is 1-based.
struct Line {
  size_t begin = 0;
  size_t end = 0;
  int number = 0;
};

std::vector<Line> SplitLines(std::string_view text);

// `range` without surrounding white space (space, tab, CR) and Markdown emphasis stars.
TextRange Trim(std::string_view text, TextRange range);
inline std::string_view View(std::string_view text, TextRange r) {
  return text.substr(r.begin, r.end - r.begin);
}
// True when the line holds nothing but white space (tabs included).
bool IsBlank(std::string_view s);

// The columns of a laid-out line: pieces separated by a tab or a run of three or more spaces
// (how pdftotext and PDF converters put the two header columns on one line). Trimmed, empty
// pieces dropped.
std::vector<TextRange> Segments(std::string_view text, TextRange line);

// First letter of `s` (0 when it has none before a digit or the end).
char32_t FirstLetter(std::string_view s);
// At least `min_letters` cased letters and none of them lower case: "UBND PHƯỜNG CHÍ LINH".
bool IsAllUpper(std::string_view s, int min_letters = 2);
// Number of code points in `s`, counting at most `limit`.
size_t CodePointsUpTo(std::string_view s, size_t limit);

// Markdown emphasis the Text stage may leave: layout keeps no star in a title or a name it
// squeezes (Squeeze(s, kEmphasis)), as Trim keeps none at a range's ends.
inline constexpr std::string_view kEmphasis = "*";

// Lower-case, diacritic-free form of one word, as baocao::FoldKey gives it ("Hoà" -> "hoa"),
// through a table built once, so folding every word of a large text stays cheap.
std::string FoldWord(std::string_view word);

// A word of the text: a maximal run of letters, combining marks and digits.
struct Word {
  size_t begin = 0;
  size_t end = 0;
  std::string fold;        // FoldWord of the word
  bool capitalized = false;// first letter upper case
};
std::vector<Word> Words(std::string_view text);

// Reads the words of a text one at a time, so that a long text is never held as words.
class WordReader {
 public:
  explicit WordReader(std::string_view text) : text_(text) {}
  bool Next(Word* word);

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Vietnamese title case for a name written in capitals: "CHÍ LINH" -> "Chí Linh".
std::string TitleCase(std::string_view s);

// Calendar and ISO 8601 facts the header and meta read dates with.
inline constexpr int kMonthsInYear = 12;
inline constexpr int kMaxDayOfMonth = 31;
inline constexpr size_t kIsoMonthChars = std::string_view("2026-01").size();
inline constexpr size_t kIsoDayChars = std::string_view("2026-01-26").size();
// A month or a day as ISO 8601 writes it, in two digits: 7 -> "07", 12 -> "12".
std::string TwoDigits(int v);

}  // namespace baocao::layout_internal
