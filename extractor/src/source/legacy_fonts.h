// Internal: Vietnamese text typed in the pre-Unicode font encodings, as a PDF's text layer gives
// it. Word documents typed in TCVN3 (ABC: .VnTime, .VnArial ...) or VNI (VNI-Times ...) fonts
// store byte codes whose glyphs draw Vietnamese letters; the PDF maps the codes through
// WinAnsi, so the extracted text is mojibake ("C«ng v¨n", "Coâng vaên"). Here: recognizing the
// fonts by name, recognizing the mojibake by its statistics (for fonts whose names were lost),
// and mapping it back to Unicode.
//
//   DecodeTcvn3("C«ng v¨n", false) == "Công văn";  DecodeVni("Coâng vaên") == "Công văn"
//   GuessLegacyEncoding("Kh«ng cã g× quý h¬n ®éc lËp") == LegacyEncoding::kTcvn3
//
// Pure functions over UTF-8; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace baocao::pdf_internal {

enum class LegacyEncoding { kNone, kTcvn3, kVni };

// "tcvn3" | "vni" | "" (for document.repairs: "legacy_font:tcvn3").
const char* LegacyEncodingName(LegacyEncoding encoding);

struct FontEncoding {
  LegacyEncoding encoding = LegacyEncoding::kNone;
  bool capitals = false;   // a TCVN3 capitals font (.VnTimeH): its lowercase codes draw capitals
};

// From a PDF font name, with or without a subset prefix ("ABCDEF+.VnTimeH,Bold").
FontEncoding EncodingOfFontName(std::string_view font_name);

// Evidence for each legacy encoding in extracted text; counts add up over words and pages.
struct LegacyScore {
  size_t tcvn3 = 0;       // codes only TCVN3 text has (« ¨ ¸ µ ... inside words)
  size_t vni = 0;         // a vowel followed by a VNI mark code ("aù", "oä"), "ñ" opening a word
  size_t vietnamese = 0;  // letters only real Unicode Vietnamese has (ă đ ơ ư ạ ả ấ ...)
  size_t letters = 0;
};
void AddLegacyScore(std::string_view utf8, LegacyScore& score);
// kNone unless the evidence is clear: enough legacy codes, few real Vietnamese letters.
LegacyEncoding DecideLegacyEncoding(const LegacyScore& score);
LegacyEncoding GuessLegacyEncoding(std::string_view utf8);

// The Unicode text (NFC) a word drew. `capitals`: the word was set in a capitals font.
std::string DecodeTcvn3(std::string_view extracted, bool capitals);
std::string DecodeVni(std::string_view extracted);
std::string DecodeLegacy(std::string_view extracted, FontEncoding font);

}  // namespace baocao::pdf_internal
