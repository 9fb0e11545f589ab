#include "layout/text_util.h"

#include <unicode/uchar.h>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>

#include "baocao/normalize/text.h"
#include "core/chars.h"
#include "core/strings.h"

namespace baocao::layout_internal {

using internal::IsLetter;
using internal::IsLowerLetter;
using internal::IsUpperLetter;
using internal::NextCodePoint;

namespace {

using internal::AppendUtf8;

constexpr char32_t kAsciiEnd = 0x80;            // code points below are ASCII, one byte each

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

bool IsWordChar(char32_t cp) {
  if (cp < kAsciiEnd) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  int8_t type = u_charType(static_cast<UChar32>(cp));
  return u_isalnum(static_cast<UChar32>(cp)) || type == U_NON_SPACING_MARK ||
         type == U_COMBINING_SPACING_MARK;
}

// Fold of every code point below U+2000 (Latin with all Vietnamese letters, combining marks),
// computed with FoldKey so that both agree, a block of kFoldBlock code points at a time when one
// of them is first met: all 8192 at once cost every process 8000 ICU normalizations (1.5% of a
// CLI run on one document), for the few blocks Vietnamese text uses.
constexpr char32_t kFoldTableSize = 0x2000;
constexpr char32_t kFoldBlock = 64;

class FoldTable {
 public:
  const std::string& Of(char32_t cp) {
    const size_t block = cp / kFoldBlock;
    if (!filled_[block].load(std::memory_order_acquire)) Fill(block);
    return folds_[cp];
  }

 private:
  void Fill(size_t block) {
    std::lock_guard<std::mutex> lock(fill_);
    if (filled_[block].load(std::memory_order_relaxed)) return;
    for (char32_t cp = block * kFoldBlock; cp < (block + 1) * kFoldBlock; ++cp) {
      if (cp < kAsciiEnd) {
        folds_[cp] = std::string(1, static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
        continue;
      }
      std::string utf8;
      AppendUtf8(utf8, cp);
      folds_[cp] = FoldKey(utf8);
    }
    filled_[block].store(true, std::memory_order_release);
  }
  std::array<std::string, kFoldTableSize> folds_;
  std::array<std::atomic<bool>, kFoldTableSize / kFoldBlock> filled_{};
  std::mutex fill_;
};

FoldTable& Folds() {
  static FoldTable* const table = new FoldTable();   // lives as long as the process: no order of
  return *table;                                     // destruction to get wrong at exit
}

}  // namespace

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t begin = 0;
  int number = 1;
  while (begin <= text.size()) {
    size_t nl = text.find('\n', begin);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    lines.push_back({begin, end, number++});
    if (nl == std::string_view::npos) break;
    begin = nl + 1;
  }
  return lines;
}

TextRange Trim(std::string_view text, TextRange range) {
  size_t b = range.begin, e = std::min(range.end, text.size());
  while (b < e && (IsSpace(text[b]) || text[b] == '*')) ++b;
  while (e > b && (IsSpace(text[e - 1]) || text[e - 1] == '*')) --e;
  return {b, e};
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

std::vector<TextRange> Segments(std::string_view text, TextRange line) {
  std::vector<TextRange> out;
  size_t start = line.begin;
  size_t i = line.begin;
  auto flush = [&](size_t end) {
    TextRange r = Trim(text, {start, end});
    if (!r.empty()) out.push_back(r);
  };
  while (i < line.end) {
    if (text[i] == '\t') {
      flush(i);
      start = ++i;
      continue;
    }
    if (text[i] == ' ') {
      size_t j = i;
      while (j < line.end && text[j] == ' ') ++j;
      if (j - i >= 3) {
        flush(i);
        start = j;
      }
      i = j;
      continue;
    }
    ++i;
  }
  flush(line.end);
  return out;
}

char32_t FirstLetter(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = NextCodePoint(s, pos);
    if (IsLetter(cp)) return cp;
    if (cp >= '0' && cp <= '9') return 0;
  }
  return 0;
}

bool IsAllUpper(std::string_view s, int min_letters) {
  int letters = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = NextCodePoint(s, pos);
    if (IsLowerLetter(cp)) return false;
    if (IsUpperLetter(cp)) ++letters;
  }
  return letters >= min_letters;
}

size_t CodePointsUpTo(std::string_view s, size_t limit) {
  size_t n = 0;
  for (size_t i = 0; i < s.size() && n < limit; ++i) {
    if (!internal::IsUtf8Continuation(s, i)) ++n;
  }
  return n;
}

std::string FoldWord(std::string_view word) {
  FoldTable& table = Folds();
  std::string out;
  out.reserve(word.size());
  size_t pos = 0;
  while (pos < word.size()) {
    char32_t cp = NextCodePoint(word, pos);
    if (cp < kFoldTableSize) {
      out += table.Of(cp);
    } else {
      AppendUtf8(out, static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT)));
    }
  }
  return out;
}

bool WordReader::Next(Word* word) {
  while (pos_ < text_.size()) {
    size_t start = pos_;
    char32_t cp = NextCodePoint(text_, pos_);
    if (!IsWordChar(cp)) continue;
    size_t end = pos_;
    while (end < text_.size()) {
      size_t next = end;
      if (!IsWordChar(NextCodePoint(text_, next))) break;
      end = next;
    }
    word->begin = start;
    word->end = end;
    word->capitalized = IsUpperLetter(cp);
    word->fold = FoldWord(text_.substr(start, end - start));
    pos_ = end;
    return true;
  }
  return false;
}

std::vector<Word> Words(std::string_view text) {
  std::vector<Word> words;
  WordReader reader(text);
  Word w;
  while (reader.Next(&w)) words.push_back(w);
  return words;
}

std::string TitleCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool word_start = true;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = NextCodePoint(s, pos);
    if (IsLetter(cp)) {
      UChar32 mapped = word_start ? u_toupper(static_cast<UChar32>(cp)) : u_tolower(static_cast<UChar32>(cp));
      AppendUtf8(out, static_cast<char32_t>(mapped));
      word_start = false;
    } else {
      AppendUtf8(out, cp);
      word_start = !IsWordChar(cp);
    }
  }
  return out;
}

std::string TwoDigits(int v) {
  std::string out = std::to_string(v);
  if (out.size() < 2) out.insert(out.begin(), '0');
  return out;
}

}  // namespace baocao::layout_internal
