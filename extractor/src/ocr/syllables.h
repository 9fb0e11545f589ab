// Internal: whether the words of a text layer are Vietnamese syllables, for ClassifyTextLayer
// (baocao/ocr/ocr.h). Vietnamese is written one syllable a word, and a syllable has a fixed
// shape: an onset ("ngh", "tr", "b" ...), one to three vowels, and an optional final ("ng",
// "ch", "t" ...). Two kinds of text layer found in real archives pass the letter test (their
// characters are Latin letters) and fail this one:
//   - a font without a Unicode map whose glyph codes are shifted ("7KM-" for "Thông",
//     "QJKLӋS" for "nghiệp"): consonant clusters no syllable has, digits and signs inside words;
//   - an OCR layer made without Vietnamese ("PHI6U TRiNH", "BO CONG THIJoNG", "ngdy 30 thdng"):
//     digits for tone-marked letters, capitals inside lower-case words.
// A layer of real text, tables and codes included, measured 0.69-1.00 of its words syllables
// on the real PDFs of ../shared; these layers measured 0.33-0.59 (tools/bench/text-layers.py).
//
//   WordCounts n = CountWords("QUYET DINH Xt'ph4t vi ph4m hinh chfnh UBND");
//   // n.judged 7 (UBND: an abbreviation), n.syllables 4 (QUYET DINH vi hinh),
//   // n.junk 2 (Xt'ph4t, ph4m: signs and digits between letters; "chfnh" is neither)
//
// Linear in the text; allocates one string per word; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace baocao::ocr_internal {

struct WordCounts {
  size_t judged = 0;      // words of two letters or more, abbreviations in capitals left out
  size_t syllables = 0;   // of them, Vietnamese syllables (tone marks aside)
  size_t junk = 0;        // of the rest, words no writing has: a digit or sign between letters
                          // ("H6A", "7+1*"), a digit before letters ("7f"), or a capital
                          // after a small letter ("nQi")
};

WordCounts CountWords(std::string_view text);

// One word, its edge punctuation already stripped: a Vietnamese syllable ("nghiệp", "Đường",
// "GIÁM" — case and tone marks aside, precomposed or decomposed).
bool IsVietnameseSyllable(std::string_view word);

}  // namespace baocao::ocr_internal
