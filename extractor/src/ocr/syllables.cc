// Vietnamese syllables: each word spelled in a small alphabet (tone marks dropped, the vowels
// with a breve, circumflex or horn and đ each one ASCII capital), then matched against the
// syllable's shape by hand: a pattern engine per word would cost more than the page's reading.
#include "ocr/syllables.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <string>
#include <unordered_map>

#include "core/chars.h"

namespace baocao::ocr_internal {
namespace {

// The spelling alphabet: a-z as themselves, and
constexpr char kBreveA = 'A';        // ă
constexpr char kCircumflexA = 'B';   // â
constexpr char kCircumflexE = 'E';   // ê
constexpr char kCircumflexO = 'O';   // ô
constexpr char kHornO = 'P';         // ơ
constexpr char kHornU = 'U';         // ư
constexpr char kDStroke = 'D';       // đ
constexpr char kNotALetter = 0;      // a character no Vietnamese word has

constexpr char32_t kCombiningGrave = 0x300, kCombiningAcute = 0x301, kCombiningTilde = 0x303,
                   kCombiningHook = 0x309, kCombiningDotBelow = 0x323;
constexpr char32_t kCombiningCircumflex = 0x302, kCombiningBreve = 0x306, kCombiningHorn = 0x31B;
constexpr char32_t kSmallDStroke = 0x111, kCapitalDStroke = 0x110;
// The block the Latin letters with marks live in (Latin-1 Supplement to Latin Extended
// Additional), and where ASCII ends.
constexpr char32_t kFirstMarkedLatin = 0xC0, kLastMarkedLatin = 0x1EF9;
constexpr char32_t kFirstNonAscii = 0x80;
constexpr unsigned char kContinuationMask = 0xC0, kContinuationBits = 0x80;   // UTF-8 10xxxxxx

bool IsToneMark(char32_t c) {
  return c == kCombiningGrave || c == kCombiningAcute || c == kCombiningTilde || c == kCombiningHook ||
         c == kCombiningDotBelow;
}

// A vowel (spelled) with a quality mark put on it; kNotALetter where Vietnamese has no such
// letter.
char WithQualityMark(char base, char32_t mark) {
  if (mark == kCombiningBreve) return base == 'a' ? kBreveA : kNotALetter;
  if (mark == kCombiningCircumflex) {
    if (base == 'a') return kCircumflexA;
    if (base == 'e') return kCircumflexE;
    if (base == 'o') return kCircumflexO;
    return kNotALetter;
  }
  if (mark == kCombiningHorn) {
    if (base == 'o') return kHornO;
    if (base == 'u') return kHornU;
  }
  return kNotALetter;
}

char SpellAscii(char32_t c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if (c >= 'a' && c <= 'z') return static_cast<char>(c);
  return kNotALetter;
}

// Every precomposed letter of the Vietnamese alphabet, spelled: its NFD's base letter with the
// quality mark applied and the tone mark dropped. Made once.
const std::unordered_map<char32_t, char>& PrecomposedSpelling() {
  static const std::unordered_map<char32_t, char> table = [] {
    std::unordered_map<char32_t, char> t;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) return t;
    for (char32_t c = kFirstMarkedLatin; c <= kLastMarkedLatin; ++c) {
      icu::UnicodeString parts = nfd->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
      if (U_FAILURE(status) || parts.length() < 2) {
        status = U_ZERO_ERROR;
        continue;
      }
      char spelled = SpellAscii(static_cast<char32_t>(parts.char32At(0)));
      for (int32_t k = parts.moveIndex32(0, 1); spelled != kNotALetter && k < parts.length(); k = parts.moveIndex32(k, 1)) {
        auto mark = static_cast<char32_t>(parts.char32At(k));
        if (!IsToneMark(mark)) spelled = WithQualityMark(spelled, mark);
      }
      if (spelled != kNotALetter) t.emplace(c, spelled);
    }
    t.emplace(kSmallDStroke, kDStroke);
    t.emplace(kCapitalDStroke, kDStroke);
    return t;
  }();
  return table;
}

// `word` in the spelling alphabet, or empty when a character of it is no Vietnamese letter.
std::string Spell(std::string_view word) {
  std::string out;
  const auto& precomposed = PrecomposedSpelling();
  for (size_t i = 0; i < word.size();) {
    char32_t c = internal::NextCodePoint(word, i);
    if (IsToneMark(c)) continue;
    if (c == kCombiningBreve || c == kCombiningCircumflex || c == kCombiningHorn) {
      if (out.empty()) return {};
      out.back() = WithQualityMark(out.back(), c);
      if (out.back() == kNotALetter) return {};
      continue;
    }
    char spelled = SpellAscii(c);
    if (spelled == kNotALetter) {
      auto it = precomposed.find(c);
      if (it == precomposed.end()) return {};
      spelled = it->second;
    }
    out.push_back(spelled);
  }
  return out;
}

bool IsVowel(char c) {
  switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case kBreveA: case kCircumflexA: case kCircumflexE: case kCircumflexO: case kHornO: case kHornU:
      return true;
    default:
      return false;
  }
}

constexpr std::array<std::string_view, 11> kClusterOnsets = {"ngh", "ng", "nh", "ch", "gh", "gi",
                                                              "kh", "ph", "qu", "th", "tr"};
constexpr std::string_view kSingleOnsets = "bcdghklmnprstvxD";
constexpr std::array<std::string_view, 8> kFinals = {"", "ch", "ng", "nh", "c", "m", "n", "p"};
constexpr std::string_view kLastFinal = "t";   // kFinals' ninth, apart to keep the array short
constexpr size_t kMaxVowels = 3;               // "uyê", "ươi", "oai"

bool MatchesSyllable(std::string_view s) {
  size_t onset = 0;
  for (std::string_view cluster : kClusterOnsets) {
    if (s.substr(0, cluster.size()) == cluster) {
      onset = cluster.size();
      break;
    }
  }
  if (onset == 0 && !s.empty() && kSingleOnsets.find(s[0]) != std::string_view::npos) onset = 1;
  size_t vowels_end = onset;
  while (vowels_end < s.size() && IsVowel(s[vowels_end])) ++vowels_end;
  // "gì", "gìn": the i of the onset "gi" is the vowel.
  if (vowels_end == onset && s.substr(0, 2) == "gi") vowels_end = onset;
  else if (vowels_end == onset || vowels_end - onset > kMaxVowels) return false;
  std::string_view final = s.substr(vowels_end);
  if (final == kLastFinal) return true;
  for (std::string_view f : kFinals) {
    if (final == f) return true;
  }
  return false;
}

bool IsEdgePunctuation(char32_t c) {
  return (c < kFirstNonAscii && !internal::IsLetter(c) && !internal::IsDigit(c)) || c == U'“' || c == U'”' ||
         c == U'‘' || c == U'’' || c == U'…' || c == U'–' || c == U'—';
}

// A word no writing has (WordCounts::junk), judged on its characters' classes: 'l' a small
// letter, 'L' a capital, 'd' a digit, 'p' one of "-./" (codes: "C04-BCA", "ĐT.151"), 's' any
// other sign; and a letter of another alphabet among Latin ones ("ÿѭӡQJ": a Vietnamese font
// whose codes were mapped to Cyrillic and Armenian).
bool IsJunk(std::string_view word) {
  std::string classes;
  bool latin = false, foreign = false;
  const auto& precomposed = PrecomposedSpelling();
  for (size_t i = 0; i < word.size();) {
    char32_t c = internal::NextCodePoint(word, i);
    if (internal::IsCombiningMark(c)) continue;
    if (internal::IsLetter(c)) {
      if (c < kFirstNonAscii || precomposed.count(c) > 0) latin = true;
      else foreign = true;
    }
    if (internal::IsUpperLetter(c)) classes.push_back('L');
    else if (internal::IsLetter(c)) classes.push_back('l');
    else if (internal::IsDigit(c)) classes.push_back('d');
    else if (c == '-' || c == '.' || c == '/') classes.push_back('p');
    else classes.push_back('s');
  }
  if (latin && foreign) return true;
  if (classes.find('s') != std::string::npos) return true;                          // "7+1H"
  if (classes.find("lL") != std::string::npos) return true;                         // "nQi"
  const size_t first_other = classes.find_first_not_of("lL");
  if (first_other != std::string::npos && first_other > 0 &&
      classes.find_first_of("lL", first_other) != std::string::npos) {
    return true;                                                                    // "H6A"
  }
  const size_t first_letter = classes.find_first_of("lL");
  return first_letter != std::string::npos && first_letter > 0 &&
         classes.find_first_not_of('d') == first_letter &&
         classes.find_first_not_of("lL", first_letter) == std::string::npos;       // "7f"
}

}  // namespace

bool IsVietnameseSyllable(std::string_view word) {
  std::string spelled = Spell(word);
  return !spelled.empty() && MatchesSyllable(spelled);
}

WordCounts CountWords(std::string_view text) {
  WordCounts n;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == '\f')) ++i;
    size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\n' && text[end] != '\r' && text[end] != '\f') ++end;
    std::string_view word = text.substr(i, end - i);
    i = end;
    // Edge punctuation off: "(GM", "dinh;" and "“Đạt”" are words.
    while (!word.empty()) {
      size_t k = 0;
      if (!IsEdgePunctuation(internal::NextCodePoint(word, k))) break;
      word.remove_prefix(k);
    }
    while (!word.empty() && IsEdgePunctuation(internal::LastCodePoint(word, word.size()))) {
      size_t last = word.size() - 1;
      while (last > 0 && (static_cast<unsigned char>(word[last]) & kContinuationMask) == kContinuationBits) --last;   // its lead byte
      word.remove_suffix(word.size() - last);
    }
    size_t code_points = 0, letters = 0;
    bool all_upper = true, beyond_ascii = false;
    for (size_t k = 0; k < word.size(); ++code_points) {
      char32_t c = internal::NextCodePoint(word, k);
      if (internal::IsLetter(c)) {
        ++letters;
        if (!internal::IsUpperLetter(c)) all_upper = false;
        if (c >= kFirstNonAscii) beyond_ascii = true;
      }
    }
    if (code_points < 2 || letters == 0) continue;
    const bool syllable = IsVietnameseSyllable(word);
    // "UBND", "VLNCN", "KCN": abbreviations, neither syllables nor junk.
    constexpr size_t kMaxAbbreviation = 6;
    if (!syllable && all_upper && !beyond_ascii && letters == code_points && letters <= kMaxAbbreviation) continue;
    ++n.judged;
    if (syllable) ++n.syllables;
    else if (IsJunk(word)) ++n.junk;
  }
  return n;
}

}  // namespace baocao::ocr_internal
