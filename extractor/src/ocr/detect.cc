// Which pages need OCR: the worth of a page's text layer, judged by its characters and, for a
// thin one, by the ink on the page (baocao/ocr/ocr.h).
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "baocao/ocr/ocr.h"
#include "core/chars.h"

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

// A page with fewer characters than this is judged by its ink alone (a date line or a page
// number says nothing about the language of its text).
constexpr size_t kMinJudgedLetters = 40;
constexpr double kMinVietnameseShare = 0.6;   // of letters (and letter-like junk)
constexpr double kMaxReplacementShare = 0.05; // U+FFFD among visible characters
constexpr double kMaxDarkPerChar = 60;        // at 50 dpi (see ClassifyTextLayer in ocr.h)
constexpr long kMinInkForText = 150;          // at 50 dpi: about fifteen characters of ink

}  // namespace

TextLayerQuality ClassifyTextLayer(std::string_view text, long dark_pixels, int ink_dpi) {
  size_t visible = 0, letters = 0, vietnamese = 0, replacement = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c = internal::NextCodePoint(text, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    ++visible;
    if (c == 0xFFFD) {
      ++replacement;
      continue;
    }
    if (c < 0x80) {   // ASCII, most of any page: no table needed
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        ++letters;
        ++vietnamese;
      } else if (c < 0x20 || c == 0x7F) {
        ++letters;   // control characters: letter-like junk
      }
      continue;
    }
    if (internal::IsCombiningMark(c)) continue;   // NFD tone marks belong to their letter
    bool junk = (c < 0x20) || (c >= 0x7F && c < 0xA0) || (c >= 0xE000 && c <= 0xF8FF);
    if (junk || u_isalpha(static_cast<UChar32>(c))) {
      ++letters;
      if (!junk && IsVietnameseLetter(c)) ++vietnamese;
    }
  }
  // Ink scaled to the 50 dpi the thresholds were measured at.
  double ink = -1;
  if (dark_pixels >= 0 && ink_dpi > 0) ink = dark_pixels * (50.0 * 50.0) / (double(ink_dpi) * ink_dpi);
  if (visible == 0) return ink >= 0 && ink < kMinInkForText ? TextLayerQuality::kBlank : TextLayerQuality::kAbsent;
  if (replacement > kMaxReplacementShare * visible) return TextLayerQuality::kGarbage;
  if (letters >= kMinJudgedLetters && vietnamese < kMinVietnameseShare * letters) return TextLayerQuality::kGarbage;
  if (ink >= 0 && ink > kMaxDarkPerChar * double(visible) && ink >= kMinInkForText) return TextLayerQuality::kGarbage;
  return TextLayerQuality::kUsable;
}

long CountDarkPixels(const OcrImage& image) {
  if (!image.pixels || image.width <= 0 || image.height <= 0) return 0;
  long dark = 0;
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* row = image.pixels + static_cast<size_t>(y) * image.stride;
    for (int x = 0; x < image.width; ++x) dark += row[x] < 160;
  }
  return dark;
}

}  // namespace baocao
