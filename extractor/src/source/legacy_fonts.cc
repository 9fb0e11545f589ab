// TCVN3 and VNI text back to Unicode. What a PDF's text layer makes of these fonts: the font
// draws Vietnamese letters at byte codes 0xA1..0xFF, the PDF maps those codes through WinAnsi
// (= Latin-1 there, except 0xAD, whose glyph is named "hyphen" and comes out as '-'), and a
// symbolic font may put them at U+F0A1..U+F0FF instead. So the byte is recovered from the code
// point first, then mapped.
#include "source/legacy_fonts.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "core/chars.h"
#include "core/strings.h"
#include "source/chars.h"

namespace baocao::pdf_internal {

using internal::IsDigit;
using internal::IsLetter;
using internal::IsLowerLetter;
using internal::IsUpperLetter;
using internal::NextCodePoint;

namespace {

// Code points and font bytes the decoders and the evidence count tell apart.
constexpr char32_t kAsciiEnd = 0x80;                  // below: ASCII
constexpr char32_t kLatin1End = 0x100;                // below: a Latin-1 character, one byte
constexpr char32_t kSymbolFontFirst = 0xF000;         // a symbolic font's byte b at U+F000 + b
constexpr char32_t kSymbolFontLast = 0xF0FF;
constexpr int kWinAnsiHighFirst = 0x80;               // the bytes kWinAnsiHigh maps
constexpr char32_t kCaseBit = 0x20;                   // lowercase = uppercase | 0x20, in ASCII
                                                      // and in Latin-1's letters
constexpr char32_t kLatin1CapitalFirst = 0xC0;        // À .. Þ: Latin-1's capitals (and ×),
constexpr char32_t kLatin1CapitalLast = 0xDE;         // their lowercase 0x20 higher
constexpr int kTcvn3First = 0xA0;                     // the bytes kTcvn3 maps, to 0xFF
constexpr int kVniFirst = 0xC0;                       // the bytes a VNI font draws marks at
constexpr int kLegacyLast = 0xFF;
constexpr char32_t kSmallUHorn = 0x01B0;              // ư: TCVN3's 0xAD, drawn as a hyphen
constexpr char32_t kVniD = 0xF1;                      // ñ: VNI's đ, TCVN3's ủ
constexpr char32_t kCombiningCircumflex = 0x302;
constexpr char32_t kCombiningBreve = 0x306;
// The horned vowels (ơ ư Ơ Ư), which take VNI's tone marks as a plain vowel does.
constexpr char32_t kHornedVowels[] = {0x01A1, 0x01B0, 0x01A0, 0x01AF};

// Evidence for a legacy encoding must be at least this many codes, and one in this many
// letters (DecideLegacyEncoding): a stray Latin-1 sign in Unicode text is none.
constexpr size_t kMinEvidence = 3;
constexpr size_t kLettersPerEvidence = 50;
// Room for the few letters a decoding makes longer in UTF-8.
constexpr size_t kDecodeSlack = 8;

template <class T, size_t N>
constexpr bool Among(const T (&table)[N], char32_t c) {
  return std::find(std::begin(table), std::end(table), c) != std::end(table);
}

// TCVN 5712:1993 (the ABC fonts' "VN3" set) bytes 0xA0..0xFF: 0 keeps the byte's Latin-1
// character. Lowercase letters with tones, and Ă Â Ê Ô Ơ Ư Đ; the capitals with tones at
// 0xAF, 0xBA, 0xBF ... belong to the full VN1 set and are kept for documents that use it.
// Bytes 0xB0..0xB4 are combining tone marks. Checked against glibc's TCVN5712-1 converter.
constexpr std::array<char16_t, 96> kTcvn3 = {
    0x0000, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,  // A0:   Ă Â Ê Ô Ơ Ư Đ
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,  // A8: ă â ê ô ơ ư đ Ằ
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,  // B0: (marks) à ả ã
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,  // B8: á ạ Ẳ ằ ẳ ẵ ắ Ẵ
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,  // C0: Ắ Ầ Ẩ Ẫ Ấ Ề ặ ầ
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,  // C8: ẩ ẫ ấ ậ è Ể ẻ ẽ
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,  // D0: é ẹ ề ể ễ ế ệ ì
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,  // D8: ỉ Ễ Ế Ồ ĩ í ị ò
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,  // E0: Ổ ỏ õ ó ọ ồ ổ ỗ
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,  // E8: ố ộ ờ ở ỡ ớ ợ ù
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,  // F0: Ỗ ủ ũ ú ụ ừ ử ữ
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,  // F8: ứ ự ỳ ỷ ỹ ý ỵ Ố
};

// VNI-Windows: a base letter followed by one mark byte. Mark bytes (lowercase; the uppercase
// forms, 0x20 lower, are the same marks): the circumflex family, the breve family, the tones.
struct VniMark {
  char32_t code;
  char32_t shape;   // U+0302 circumflex, U+0306 breve, or 0
  char32_t tone;    // U+0301 acute, U+0300 grave, U+0309 hook, U+0303 tilde, U+0323 dot, or 0
};
constexpr VniMark kVniMarks[] = {
    {0xE2, 0x302, 0},     {0xE1, 0x302, 0x301}, {0xE0, 0x302, 0x300}, {0xE5, 0x302, 0x309},  // â á à å
    {0xE3, 0x302, 0x303}, {0xE4, 0x302, 0x323},                                              // ã ä
    {0xEA, 0x306, 0},     {0xE9, 0x306, 0x301}, {0xE8, 0x306, 0x300}, {0xFA, 0x306, 0x309},  // ê é è ú
    {0xFC, 0x306, 0x303}, {0xEB, 0x306, 0x323},                                              // ü ë
    {0xF9, 0, 0x301},     {0xF8, 0, 0x300},     {0xFB, 0, 0x309},     {0xF5, 0, 0x303},      // ù ø û õ
    {0xEF, 0, 0x323},                                                                        // ï
};
// VNI bytes that are letters of their own: ơ ư đ, i with a tone, ỵ (lowercase codes; the
// uppercase codes are 0x20 lower and draw `capital`).
struct VniLetter {
  char32_t code;
  char32_t letter;
  char32_t capital;
};
constexpr VniLetter kVniLetters[] = {
    {0xF4, 0x01A1, 0x01A0}, {0xF6, 0x01B0, 0x01AF}, {0xF1, 0x0111, 0x0110},   // ô ö ñ: ơ ư đ
    {0xED, 0x00ED, 0x00CD}, {0xEC, 0x00EC, 0x00CC}, {0xE6, 0x1EC9, 0x1EC8},   // í ì æ: í ì ỉ
    {0xF3, 0x0129, 0x0128}, {0xF2, 0x1ECB, 0x1ECA}, {0xEE, 0x1EF5, 0x1EF4},   // ó ò î: ĩ ị ỵ
};

// Letters only Unicode Vietnamese text has, beyond the block U+1EA0..U+1EF9 (Ạ .. ỹ): Ă ă Đ đ
// Ĩ ĩ Ũ ũ Ơ ơ Ư ư. Never in the legacy mojibake, which is Latin-1.
constexpr char32_t kVietnameseOnlyLetters[] = {0x102, 0x103, 0x110, 0x111, 0x128, 0x129,
                                               0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0};
constexpr char32_t kVietnameseBlockFirst = 0x1EA0, kVietnameseBlockLast = 0x1EF9;

// Latin-1 characters TCVN3 text is full of and Vietnamese Unicode text never has in a word:
// ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ ® µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿ (0xA1..0xBF without the soft hyphen and
// ° ± ² ³ ´, which real text uses: "25°C", "m²").
constexpr char32_t kTcvn3OnlyFirst = 0xA1, kTcvn3OnlyLast = 0xBF;
constexpr char32_t kSoftHyphen = 0xAD;
constexpr char32_t kDegreeSign = 0xB0, kAcuteAccent = 0xB4;   // ° .. ´

// Latin-1 capitals that TCVN3 uses for lowercase letters (Ë ậ, Ö ệ, × ì, Ø ỉ, Þ ị ...).
constexpr char32_t kTcvn3LowerCapitals[] = {0xC6, 0xC7, 0xCB, 0xCE, 0xCF, 0xD1, 0xD6, 0xD7, 0xD8, 0xDE, 0xDF};

// Latin-1 letters (lowercase) that are a tone or shape mark in VNI and no Vietnamese letter in
// Unicode: ù ø û õ ï ä å ë ü.
constexpr char32_t kVniOnlyMarks[] = {0xF9, 0xF8, 0xFB, 0xF5, 0xEF, 0xE4, 0xE5, 0xEB, 0xFC};

// The subset tag before a PDF font's name: "ABCDEF+".
constexpr size_t kSubsetTagLetters = 6;

// WinAnsi 0x80..0x9F: the code point each byte became, to get the byte back.
constexpr char16_t kWinAnsiHigh[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The font byte behind an extracted code point, or -1 for a character no byte explains.
int ByteOf(char32_t cp) {
  if (cp < kLatin1End) return static_cast<int>(cp);
  if (cp >= kSymbolFontFirst && cp <= kSymbolFontLast) return static_cast<int>(cp - kSymbolFontFirst);
  for (int i = 0; i < static_cast<int>(std::size(kWinAnsiHigh)); ++i) {
    if (kWinAnsiHigh[i] == cp) return kWinAnsiHighFirst + i;
  }
  return -1;
}

bool IsAsciiVowel(char32_t c) {
  switch (c | kCaseBit) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

bool IsAsciiLetter(char32_t c) { return c < kAsciiEnd && ((c | kCaseBit) >= 'a' && (c | kCaseBit) <= 'z'); }

bool IsLatin1Capital(char32_t c) { return c >= kLatin1CapitalFirst && c <= kLatin1CapitalLast; }

// Letters only Unicode Vietnamese text has (never the legacy mojibake, which is Latin-1).
bool IsVietnameseLetter(char32_t c) {
  return Among(kVietnameseOnlyLetters, c) || (c >= kVietnameseBlockFirst && c <= kVietnameseBlockLast);
}

bool IsTcvn3Only(char32_t c) {
  return c >= kTcvn3OnlyFirst && c <= kTcvn3OnlyLast && c != kSoftHyphen && (c < kDegreeSign || c > kAcuteAccent);
}

// After a lowercase ASCII letter ("lËp", "hiÖn", "g×") these are TCVN3; VNI puts its capital
// marks after capitals.
bool IsTcvn3LowerCapital(char32_t c) { return Among(kTcvn3LowerCapitals, c); }

bool IsVniOnlyMark(char32_t c) { return Among(kVniOnlyMarks, c | kCaseBit); }

const VniMark* FindVniMark(char32_t c) {
  char32_t lower = IsLatin1Capital(c) ? c + kCaseBit : c;
  for (const VniMark& m : kVniMarks) {
    if (m.code == lower) return &m;
  }
  return nullptr;
}

const VniLetter* FindVniLetter(char32_t c, bool* upper) {
  *upper = IsLatin1Capital(c);
  char32_t lower = *upper ? c + kCaseBit : c;
  for (const VniLetter& l : kVniLetters) {
    if (l.code == lower) return &l;
  }
  return nullptr;
}

std::string StripSubsetAndStyle(std::string_view name) {
  if (name.size() > kSubsetTagLetters + 1 && name[kSubsetTagLetters] == '+') name.remove_prefix(kSubsetTagLetters + 1);
  size_t cut = name.find_first_of(",");
  if (cut != std::string_view::npos) name = name.substr(0, cut);
  for (std::string_view style : {"-BoldItalic", "-Bold", "-Italic", "-Regular", "-Oblique"}) {
    if (name.size() > style.size() && name.substr(name.size() - style.size()) == style) {
      name.remove_suffix(style.size());
      break;
    }
  }
  return std::string(name);
}

}  // namespace

const char* LegacyEncodingName(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kTcvn3: return "tcvn3";
    case LegacyEncoding::kVni: return "vni";
    case LegacyEncoding::kNone: break;
  }
  return "";
}

FontEncoding EncodingOfFontName(std::string_view font_name) {
  std::string name = StripSubsetAndStyle(font_name);
  std::string_view n = name;
  if (n.starts_with("#2E")) n.remove_prefix(3);  // an escaped leading dot
  if (n.starts_with(".")) n.remove_prefix(1);
  FontEncoding out;
  // ".VnTime", ".VnArialH", "VnTimes": "Vn" then a capital.
  if (n.size() > 2 && n[0] == 'V' && n[1] == 'n' && n[2] >= 'A' && n[2] <= 'Z') {
    out.encoding = LegacyEncoding::kTcvn3;
    out.capitals = n.back() == 'H';
    return out;
  }
  // "VNI-Times", "VNI Helve", "VNI_Aptima".
  if (n.size() > 4 && (n[0] | kCaseBit) == 'v' && (n[1] | kCaseBit) == 'n' && (n[2] | kCaseBit) == 'i' &&
      (n[3] == '-' || n[3] == ' ' || n[3] == '_')) {
    out.encoding = LegacyEncoding::kVni;
  }
  return out;
}

void AddLegacyScore(std::string_view utf8, LegacyScore& score) {
  char32_t prev = ' ';
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = NextCodePoint(utf8, i);
    size_t save = i;
    char32_t next = i < utf8.size() ? NextCodePoint(utf8, save) : ' ';
    bool prev_letter = IsLetter(prev) || IsTcvn3Only(prev);
    bool next_letter = IsLetter(next) || IsTcvn3Only(next);
    if (IsLetter(c)) ++score.letters;
    if (IsVietnameseLetter(c)) ++score.vietnamese;
    if (IsTcvn3Only(c) && (prev_letter || next_letter)) ++score.tcvn3;
    if (IsTcvn3LowerCapital(c) && prev < kAsciiEnd && IsLowerLetter(prev)) ++score.tcvn3;
    if (IsAsciiVowel(prev) && IsVniOnlyMark(c)) ++score.vni;
    // "ñ" opens a VNI syllable (đ) but closes a TCVN3 one (ủ after a consonant).
    if ((c | kCaseBit) == kVniD) {
      if (!prev_letter && next_letter) ++score.vni;
      else if (IsAsciiLetter(prev) && !IsAsciiVowel(prev)) ++score.tcvn3;
    }
    prev = c;
  }
}

LegacyEncoding DecideLegacyEncoding(const LegacyScore& s) {
  size_t evidence = s.tcvn3 + s.vni;
  if (evidence < kMinEvidence || evidence * kLettersPerEvidence < s.letters || s.vietnamese * 4 > evidence) {
    return LegacyEncoding::kNone;
  }
  if (s.tcvn3 >= 2 * s.vni) return LegacyEncoding::kTcvn3;
  if (s.vni >= 2 * s.tcvn3) return LegacyEncoding::kVni;
  return LegacyEncoding::kNone;
}

LegacyEncoding GuessLegacyEncoding(std::string_view utf8) {
  LegacyScore score;
  AddLegacyScore(utf8, score);
  return DecideLegacyEncoding(score);
}

std::string DecodeTcvn3(std::string_view extracted, bool capitals) {
  std::string out;
  out.reserve(extracted.size() + kDecodeSlack);
  char32_t prev = 0;
  for (size_t i = 0; i < extracted.size();) {
    char32_t c = NextCodePoint(extracted, i);
    size_t save = i;
    char32_t next = i < extracted.size() ? NextCodePoint(extracted, save) : 0;
    char32_t mapped = c;
    int byte = ByteOf(c);
    if (c == '-') {
      // 0xAD (ư) and '-' are both the glyph "hyphen" in WinAnsi: inside a word of letters, or
      // after a letter at the word's end, it is the letter ("ng-êi" người, "®Çu t-" đầu tư);
      // between digits or capitals it is a hyphen ("57-NQ/TW", "BC-UBND").
      int next_byte = next ? ByteOf(next) : -1;
      bool prev_is_letter = IsLetter(prev) && !IsDigit(prev);
      bool capitals_pair = IsUpperLetter(prev) && next < kAsciiEnd && IsUpperLetter(next) && !capitals;
      if (prev_is_letter && !capitals_pair &&
          (next == 0 || next_byte >= kTcvn3First || (next < kAsciiEnd && IsLetter(next) && !IsUpperLetter(next)) ||
           (capitals && next < kAsciiEnd && IsLetter(next)))) {
        mapped = kSmallUHorn;
      }
    } else if (byte >= kTcvn3First && byte <= kLegacyLast && kTcvn3[byte - kTcvn3First] != 0) {
      mapped = kTcvn3[byte - kTcvn3First];
    }
    internal::AppendUtf8(out, mapped);
    prev = mapped;
  }
  out = ToNfc(std::move(out));
  return capitals ? ToUpper(out) : out;
}

std::string DecodeVni(std::string_view extracted) {
  std::u32string cps;
  for (size_t i = 0; i < extracted.size();) {
    char32_t c = NextCodePoint(extracted, i);
    int byte = ByteOf(c);
    if (byte >= kVniFirst && byte <= kLegacyLast) c = static_cast<char32_t>(byte);
    char32_t base = cps.empty() ? 0 : cps.back();
    // A mark after a vowel (a e o u y, or ơ ư from a letter byte) shapes and tones it.
    const VniMark* mark = FindVniMark(c);
    bool base_vowel = IsAsciiVowel(base) || Among(kHornedVowels, base);
    if (mark && base_vowel) {
      char32_t lower = base | kCaseBit;
      bool shape_ok = mark->shape == 0 ||
                      (mark->shape == kCombiningCircumflex && (lower == 'a' || lower == 'e' || lower == 'o')) ||
                      (mark->shape == kCombiningBreve && lower == 'a');
      if (shape_ok) {
        if (mark->shape) cps.push_back(mark->shape);
        if (mark->tone) cps.push_back(mark->tone);
        continue;
      }
    }
    bool upper = false;
    if (const VniLetter* letter = FindVniLetter(c, &upper)) {
      cps.push_back(upper ? letter->capital : letter->letter);
      continue;
    }
    cps.push_back(c);
  }
  std::string out;
  out.reserve(extracted.size() + kDecodeSlack);
  for (char32_t c : cps) internal::AppendUtf8(out, c);
  return ToNfc(std::move(out));
}

std::string DecodeLegacy(std::string_view extracted, FontEncoding font) {
  switch (font.encoding) {
    case LegacyEncoding::kTcvn3: return DecodeTcvn3(extracted, font.capitals);
    case LegacyEncoding::kVni: return DecodeVni(extracted);
    case LegacyEncoding::kNone: break;
  }
  return std::string(extracted);
}

}  // namespace baocao::pdf_internal
