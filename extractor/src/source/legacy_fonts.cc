// TCVN3 and VNI text back to Unicode. What a PDF's text layer makes of these fonts: the font
// draws Vietnamese letters at byte codes 0xA1..0xFF, the PDF maps those codes through WinAnsi
// (= Latin-1 there, except 0xAD, whose glyph is named "hyphen" and comes out as '-'), and a
// symbolic font may put them at U+F0A1..U+F0FF instead. So the byte is recovered from the code
// point first, then mapped.
#include "source/legacy_fonts.h"

#include <algorithm>
#include <array>
#include <cstdint>

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
// VNI bytes that are letters of their own: ơ ư đ, i with a tone, ỵ (lowercase; uppercase 0x20 lower).
struct VniLetter {
  char32_t code;
  char32_t letter;
};
constexpr VniLetter kVniLetters[] = {
    {0xF4, 0x01A1}, {0xF6, 0x01B0}, {0xF1, 0x0111}, {0xED, 0x00ED}, {0xEC, 0x00EC},   // ô ö ñ í ì
    {0xE6, 0x1EC9}, {0xF3, 0x0129}, {0xF2, 0x1ECB}, {0xEE, 0x1EF5},                   // æ ó ò î
};

// WinAnsi 0x80..0x9F: the code point each byte became, to get the byte back.
constexpr char16_t kWinAnsiHigh[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The font byte behind an extracted code point, or -1 for a character no byte explains.
int ByteOf(char32_t cp) {
  if (cp < 0x100) return static_cast<int>(cp);
  if (cp >= 0xF000 && cp <= 0xF0FF) return static_cast<int>(cp - 0xF000);  // symbolic fonts
  for (int i = 0; i < 32; ++i) {
    if (kWinAnsiHigh[i] == cp) return 0x80 + i;
  }
  return -1;
}

bool IsAsciiVowel(char32_t c) {
  switch (c | 0x20) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

bool IsAsciiLetter(char32_t c) { return c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// Letters only Unicode Vietnamese text has (never the legacy mojibake, which is Latin-1).
bool IsVietnameseLetter(char32_t c) {
  return c == 0x102 || c == 0x103 || c == 0x110 || c == 0x111 || c == 0x128 || c == 0x129 || c == 0x168 ||
         c == 0x169 || c == 0x1A0 || c == 0x1A1 || c == 0x1AF || c == 0x1B0 || (c >= 0x1EA0 && c <= 0x1EF9);
}

// Latin-1 characters TCVN3 text is full of and Vietnamese Unicode text never has in a word:
// ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ ® µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿ (0xA1..0xBF without the soft hyphen and
// ° ± ² ³ ´, which real text uses: "25°C", "m²").
bool IsTcvn3Only(char32_t c) { return c >= 0xA1 && c <= 0xBF && c != 0xAD && (c < 0xB0 || c > 0xB4); }

// Latin-1 capitals that TCVN3 uses for lowercase letters (Ë ậ, Ö ệ, × ì, Ø ỉ, Þ ị ...): after a
// lowercase ASCII letter ("lËp", "hiÖn", "g×") they are TCVN3; VNI puts its capital marks
// after capitals.
bool IsTcvn3LowerCapital(char32_t c) {
  switch (c) {
    case 0xC6: case 0xC7: case 0xCB: case 0xCE: case 0xCF: case 0xD1: case 0xD6: case 0xD7:
    case 0xD8: case 0xDE: case 0xDF: return true;
    default: return false;
  }
}

// Latin-1 letters that are a tone or shape mark in VNI and no Vietnamese letter in Unicode.
bool IsVniOnlyMark(char32_t c) {
  switch (c | 0x20) {
    case 0xF9: case 0xF8: case 0xFB: case 0xF5: case 0xEF: case 0xE4: case 0xE5: case 0xEB: case 0xFC: return true;
    default: return false;
  }
}

const VniMark* FindVniMark(char32_t c) {
  char32_t lower = (c >= 0xC0 && c <= 0xDE) ? c + 0x20 : c;
  for (const VniMark& m : kVniMarks) {
    if (m.code == lower) return &m;
  }
  return nullptr;
}

const VniLetter* FindVniLetter(char32_t c, bool* upper) {
  *upper = c >= 0xC0 && c <= 0xDE;
  char32_t lower = *upper ? c + 0x20 : c;
  for (const VniLetter& l : kVniLetters) {
    if (l.code == lower) return &l;
  }
  return nullptr;
}

std::string StripSubsetAndStyle(std::string_view name) {
  if (name.size() > 7 && name[6] == '+') name.remove_prefix(7);  // "ABCDEF+" subset tag
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
  if (n.size() > 4 && (n[0] | 0x20) == 'v' && (n[1] | 0x20) == 'n' && (n[2] | 0x20) == 'i' &&
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
    if (IsTcvn3LowerCapital(c) && prev < 0x80 && IsLowerLetter(prev)) ++score.tcvn3;
    if (IsAsciiVowel(prev) && IsVniOnlyMark(c)) ++score.vni;
    // "ñ" opens a VNI syllable (đ) but closes a TCVN3 one (ủ after a consonant).
    if ((c | 0x20) == 0xF1) {
      if (!prev_letter && next_letter) ++score.vni;
      else if (IsAsciiLetter(prev) && !IsAsciiVowel(prev)) ++score.tcvn3;
    }
    prev = c;
  }
}

LegacyEncoding DecideLegacyEncoding(const LegacyScore& s) {
  size_t evidence = s.tcvn3 + s.vni;
  if (evidence < 3 || evidence * 50 < s.letters || s.vietnamese * 4 > evidence) return LegacyEncoding::kNone;
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
  out.reserve(extracted.size() + 8);
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
      bool capitals_pair = IsUpperLetter(prev) && next < 0x80 && IsUpperLetter(next) && !capitals;
      if (prev_is_letter && !capitals_pair &&
          (next == 0 || next_byte >= 0xA0 || (next < 0x80 && IsLetter(next) && !IsUpperLetter(next)) ||
           (capitals && next < 0x80 && IsLetter(next)))) {
        mapped = 0x01B0;
      }
    } else if (byte >= 0xA0 && byte <= 0xFF && kTcvn3[byte - 0xA0] != 0) {
      mapped = kTcvn3[byte - 0xA0];
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
    if (byte >= 0xC0 && byte <= 0xFF) c = static_cast<char32_t>(byte);
    char32_t base = cps.empty() ? 0 : cps.back();
    // A mark after a vowel (a e o u y, or ơ ư from a letter byte) shapes and tones it.
    const VniMark* mark = FindVniMark(c);
    bool base_vowel = IsAsciiVowel(base) || base == 0x1A1 || base == 0x1B0 || base == 0x1A0 || base == 0x1AF;
    if (mark && base_vowel) {
      char32_t lower = base | 0x20;
      bool shape_ok = mark->shape == 0 || (mark->shape == 0x302 && (lower == 'a' || lower == 'e' || lower == 'o')) ||
                      (mark->shape == 0x306 && lower == 'a');
      if (shape_ok) {
        if (mark->shape) cps.push_back(mark->shape);
        if (mark->tone) cps.push_back(mark->tone);
        continue;
      }
    }
    bool upper = false;
    if (const VniLetter* letter = FindVniLetter(c, &upper)) {
      char32_t l = letter->letter;
      if (upper) l = l == 0x111 ? 0x110 : l == 0x1A1 ? 0x1A0 : l == 0x1B0 ? 0x1AF : l == 0xED ? 0xCD : l == 0xEC ? 0xCC
                     : l == 0x129 ? 0x128 : l - 1;   // ỉ ị ỵ: the capital is one code point lower
      cps.push_back(l);
      continue;
    }
    cps.push_back(c);
  }
  std::string out;
  out.reserve(extracted.size() + 8);
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
