// Which pages need OCR: the worth of a page's text layer, judged by its characters and, for a
// thin one, by the ink on the page (baocao/ocr/ocr.h).
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "baocao/ocr/ocr.h"
#include "core/chars.h"
#include "ocr/syllables.h"

namespace baocao {

bool ParseOcrMode(std::string_view name, OcrMode* mode) {
  if (name == "auto") *mode = OcrMode::kAuto;
  else if (name == "always") *mode = OcrMode::kAlways;
  else if (name == "never") *mode = OcrMode::kNever;
  else return false;
  return true;
}

const char* OcrModeName(OcrMode mode) {
  switch (mode) {
    case OcrMode::kAuto: return "auto";
    case OcrMode::kAlways: return "always";
    case OcrMode::kNever: return "never";
  }
  return "auto";
}

const char* TextLayerQualityName(TextLayerQuality quality) {
  switch (quality) {
    case TextLayerQuality::kUsable: return "usable";
    case TextLayerQuality::kAbsent: return "absent";
    case TextLayerQuality::kGarbage: return "garbage";
    case TextLayerQuality::kBlank: return "blank";
  }
  return "usable";
}

const char* GarbageReasonName(GarbageReason reason) {
  switch (reason) {
    case GarbageReason::kNone: return "none";
    case GarbageReason::kReplacementCharacters: return "replacement_characters";
    case GarbageReason::kForeignLetters: return "foreign_letters";
    case GarbageReason::kNotSyllables: return "not_syllables";
    case GarbageReason::kLessThanInk: return "less_than_ink";
  }
  return "none";
}

namespace {

// The letters of the Vietnamese alphabet beyond ASCII, precomposed (NFC), both cases.
constexpr char32_t kVietnameseLetters[] =
    U"àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    U"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";

bool IsVietnameseLetter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  // Every page's text passes here (under --ocr auto): a table over the block the letters live
  // in, made once, rather than a search of the alphabet per character.
  constexpr char32_t kFirst = 0xC0, kLast = 0x1EF9;
  if (c < kFirst || c > kLast) return false;
  static const std::vector<bool> table = [] {
    std::vector<bool> t(kLast - kFirst + 1, false);
    for (const char32_t* p = kVietnameseLetters; *p; ++p) t[*p - kFirst] = true;
    return t;
  }();
  return table[c - kFirst];
}

// Code points ClassifyTextLayer tells apart.
constexpr char32_t kReplacementCharacter = 0xFFFD;
constexpr char32_t kFirstNonAscii = 0x80;
constexpr char32_t kFirstPrintable = 0x20;            // below: C0 control characters
constexpr char32_t kDelete = 0x7F;                     // and DEL, then the C1 controls up to
constexpr char32_t kFirstLatin1Printable = 0xA0;       // the Latin-1 letters and signs
constexpr char32_t kPrivateUseFirst = 0xE000;          // the private use area: a symbolic font's
constexpr char32_t kPrivateUseLast = 0xF8FF;           // glyphs without a Unicode map

// What the characters of a text layer are, counted.
struct CharacterCounts {
  size_t visible = 0, letters = 0, vietnamese = 0, replacement = 0;
  size_t junk = 0;   // of the letters, control characters and private-use glyph codes
};

CharacterCounts CountCharacters(std::string_view text) {
  CharacterCounts n;
  for (size_t i = 0; i < text.size();) {
    char32_t c = internal::NextCodePoint(text, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    ++n.visible;
    if (c == kReplacementCharacter) {
      ++n.replacement;
      continue;
    }
    if (c < kFirstNonAscii) {   // ASCII, most of any page: no table needed
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        ++n.letters;
        ++n.vietnamese;
      } else if (c < kFirstPrintable || c == kDelete) {
        ++n.letters;   // control characters: letter-like junk
        ++n.junk;
      }
      continue;
    }
    if (internal::IsCombiningMark(c)) continue;   // NFD tone marks belong to their letter
    bool junk = (c < kFirstPrintable) || (c >= kDelete && c < kFirstLatin1Printable) ||
                (c >= kPrivateUseFirst && c <= kPrivateUseLast);
    if (junk || u_isalpha(static_cast<UChar32>(c))) {
      ++n.letters;
      n.junk += junk;
      if (!junk && IsVietnameseLetter(c)) ++n.vietnamese;
    }
  }
  return n;
}

}  // namespace

TextLayerJudgement JudgeTextLayer(std::string_view text, long dark_pixels, int ink_dpi, const OcrTuning& tuning) {
  const CharacterCounts n = CountCharacters(text);
  // Ink scaled to the dpi the thresholds were measured at.
  double ink = -1;
  if (dark_pixels >= 0 && ink_dpi > 0) {
    ink = dark_pixels * (tuning.thresholds_dpi * tuning.thresholds_dpi) / (double(ink_dpi) * ink_dpi);
  }
  auto garbage = [](GarbageReason why) { return TextLayerJudgement{TextLayerQuality::kGarbage, why}; };
  if (n.visible == 0) {
    return {ink >= 0 && ink < tuning.min_ink_for_text ? TextLayerQuality::kBlank : TextLayerQuality::kAbsent};
  }
  if (n.replacement > tuning.max_replacement_share * n.visible) return garbage(GarbageReason::kReplacementCharacters);
  const ocr_internal::WordCounts words = ocr_internal::CountWords(text);
  if (n.letters >= tuning.min_judged_letters && n.vietnamese < tuning.min_vietnamese_share * n.letters) {
    // Letters of another alphabet are garbage when they are glyph codes (controls, private
    // use) or sit inside Latin words ("ÿѭӡQJ"); whole words of them are another language (a
    // Russian standard cited by its title), which OCR would read no better.
    const size_t other = n.letters - n.vietnamese;
    if (2 * n.junk >= other || words.junk >= tuning.min_junk_share * words.judged) {
      return garbage(GarbageReason::kForeignLetters);
    }
  }
  if (words.judged >= tuning.min_judged_words && words.syllables < tuning.min_syllable_share * words.judged &&
      words.junk >= tuning.min_junk_share * words.judged) {
    return garbage(GarbageReason::kNotSyllables);
  }
  if (ink >= 0 && ink > tuning.max_dark_per_char * double(n.visible) && ink >= tuning.min_ink_for_text) {
    return garbage(GarbageReason::kLessThanInk);
  }
  return {TextLayerQuality::kUsable};
}

TextLayerQuality ClassifyTextLayer(std::string_view text, long dark_pixels, int ink_dpi, const OcrTuning& tuning) {
  return JudgeTextLayer(text, dark_pixels, ink_dpi, tuning).quality;
}

long CountDarkPixels(const OcrImage& image, const OcrTuning& tuning) {
  if (!image.pixels || image.width <= 0 || image.height <= 0) return 0;
  long dark = 0;
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* row = image.pixels + static_cast<size_t>(y) * image.stride;
    for (int x = 0; x < image.width; ++x) dark += row[x] < tuning.ink_gray;
  }
  return dark;
}

}  // namespace baocao
