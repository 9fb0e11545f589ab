// Text recognition (OCR) of scanned pages through Tesseract (issue 9): which pages need it, the
// page image made ready for it, and the words it reads with their boxes and confidences.
//
//   baocao::OcrImage image = ...;           // a page rendered at 300 dpi (PdfOptions::ocr.dpi)
//   baocao::Result<baocao::OcrPage> page = baocao::RecognizeImage(image, {.languages = "vie"});
//   if (!page.ok()) ...;   // kUnavailable-like failures come back as kInternal with the reason
//                          // ("tesseract: language data 'vie' not found"); an image with no
//                          // text gives an OcrPage without words, never an error
//   for (const baocao::OcrWord& w : page->words) use(w.text, w.confidence, w.uncertain_number);
//
// The PDF reader (baocao/source/pdf.h) calls this for each page whose text layer is absent or garbage
// (ClassifyTextLayer) under OcrMode::kAuto, or for every page under kAlways; the words then go
// through the same line, paragraph and table reconstruction as the words of a text layer, and
// their confidence reaches every span they make (Span::confidence, Span::uncertain).
//
// Doubt, as documented in docs/EXTENSIONS.md: a word's confidence is Tesseract's (0-100). A word
// holding a digit is an uncertain number when its confidence is below 80
// (OcrTuning::uncertain_word_confidence), or when one of the characters Tesseract confuses in
// the fonts of these documents (1/7, 0/8, 5/6, ',' against '.') was read with a confidence below
// 90 (OcrTuning::uncertain_glyph_confidence).
//
// Ownership and threads: each thread keeps one Tesseract instance (initialising one loads the
// language model, about 0.2 s), reused for every page that thread reads; RecognizeImage may run
// on many threads at once. Memory: one page image and its binarized copy at a time (about 9 MB
// each for an A4 page at 300 dpi). Time: about 1-3 s a page on one core; `page_timeout_ms`
// bounds it (the words read so far are kept and OcrPage::timed_out is set).
//
// Cache (for measuring and tuning, off unless asked): with $BAOCAO_OCR_CACHE naming a folder,
// the words of each page are kept there under the SHA-256 of the page's pixels, the languages,
// the dpi and a version of this module's preparation, and read back instead of running
// Tesseract on the same image again. A timed-out page is not kept. Safe across processes
// (files appear whole, by rename).
// Errors are values: nothing here throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/status.h"

namespace baocao {

enum class OcrMode {
  kAuto,     // pages whose text layer is absent or garbage
  kAlways,   // every page, the text layer ignored
  kNever,    // none: a page without text stays empty (a PDF of scans only is kNoText)
};
// "auto" | "always" | "never"; false for anything else.
bool ParseOcrMode(std::string_view name, OcrMode* mode);
const char* OcrModeName(OcrMode mode);

// The thresholds of OCR, as data: which pages need it, how a page image is prepared and read,
// and how the words read are set for the page layout; each field with its unit and why, so that
// a value can be swept without a rebuild (core/tuning.h: SetTuningField(options.ocr.tuning,
// "em_per_row_height", 1.6)). The defaults are the values the corpus scans were read with
// (tools/bench/ocr.sh). "Pixels" are those of the page image, at OcrOptions::dpi unless said;
// "row heights" are Tesseract's (x-height + ascenders + descenders of a text line); "word
// heights" the median height of the words' own boxes on the page.
struct OcrTuning {
  // ---- Which pages need OCR (source/pdf.cc; ClassifyTextLayer and CountDarkPixels below)
  size_t ink_check_below_chars = 1000;  // characters: below this a text layer may be a thin one
                                        // over a scan, and only then is the page rendered to
                                        // count its ink (a full page of text holds about 2000)
  int ink_dpi = 50;                     // dpi of that ink count: enough to see a line of text,
                                        // cheap to render
  double may_hide_image_share = 0.05;   // of the page's area: raster images this large may hold
                                        // text the text layer lacks (a scan): count the ink
  int may_hide_contours = 400;          // filled subpaths: this many may be text set as curves
                                        // (a glyph outline is one to three): count the ink
  int ink_gray = 160;                   // of 255: a darker pixel is ink, for the count
  double thresholds_dpi = 50.0;         // dpi the ink thresholds below were measured at (an ink
                                        // count at another dpi is scaled to it)
  size_t min_judged_letters = 40;       // characters: a text layer with fewer is judged by its ink
                                        // alone (a date line or a page number says nothing of
                                        // the language of its text)
  double min_vietnamese_share = 0.6;    // of letters (and letter-like junk): fewer Vietnamese
                                        // letters make the text layer garbage (a font without
                                        // a Unicode map)
  double max_replacement_share = 0.05;  // of visible characters: more U+FFFD is garbage
  size_t min_judged_words = 40;         // words: a text layer with fewer is not judged by its
                                        // words' shape (a date line, a page of codes) ...
  double min_syllable_share = 0.65;     // ... of its words: fewer Vietnamese syllables ...
  double min_junk_share = 0.15;         // ... and this many words no writing has ("H6A", "nQi",
                                        // "7+1*") make it garbage: a font without a Unicode map
                                        // whose codes are shifted, or an OCR layer made without
                                        // Vietnamese. Measured on ../shared: real text 0.69-1.00
                                        // syllables (a page of English references 0.69, junk
                                        // 0.12); those layers 0.33-0.59, junk 0.21-0.57
  size_t min_judged_font_words = 12;    // words: one font's text is judged alone (source/pdf.cc)
                                        // from this many, so that a header set in a font whose
                                        // codes are shifted is found on a page of good text
  double max_dark_per_char = 60;        // ink pixels a character: measured on the corpus, text
                                        // pages have 9-23 (tables with rulings the most); more
                                        // is ink the text layer does not account for
  long min_ink_for_text = 150;          // ink pixels: about fifteen characters; less is a blank
                                        // page, nothing to read

  // ---- Reading a page image (ocr/tesseract.cc). What these decide is what the word cache
  // ($BAOCAO_OCR_CACHE) keeps, so they are part of its key (ForEachReadingField).
  int binarize_gray = 160;              // of 255: a darker pixel is ink, for finding rulings and
                                        // the ink no word took
  int ruling_min_length = 20;           // pixels: a ruling is a straight dark run at least this
                                        // long ...
  int ruling_length_tenths = 3;         // tenths of an inch: ... and this long, if more (0.3 inch,
                                        // 22 pt, longer than any letter stroke of these 12-16 pt
                                        // documents)
  int ruling_max_thickness = 4;         // pixels: a thicker vertical bar (a picture's edge, a black
                                        // box) is no ruling ...
  int ruling_thickness_divisor = 50;    // ... nor one thicker than dpi / this (1/50 inch), if more
  int ruling_erase_widen = 3;           // pixels: a ruling is painted white this wide (a square
                                        // brick), to take its antialiased edge
  float uncertain_word_confidence = 80.0f;    // 0-100: below this word confidence a word holding
                                              // a digit is an uncertain number
  float uncertain_glyph_confidence = 90.0f;   // 0-100: below this, one of the confusable
                                              // characters (1 7 0 8 5 6 , .) makes its number
                                              // uncertain, in a word read with more confidence
  size_t recovery_min_words = 10;       // words: a page with fewer tells no line height, and gets
                                        // no recovery pass
  int recovery_min_word_height = 6;     // pixels: nor does one whose words are lower than this
  int recovery_pad_min = 2;             // pixels: each word's box is grown by this (or by
                                        // recovery_pad, if more) before its ink is taken away
  float recovery_pad = 0.15f;           // word heights: see recovery_pad_min
  int recovery_join_min = 3;            // pixels: the letters of a piece of ink are joined across
                                        // gaps this wide (or recovery_join_x and _y, if more)
  float recovery_join_x = 0.6f;         // word heights: a little wider than a space ...
  float recovery_join_y = 0.5f;         // word heights: ... and this high, within one line
  float recovery_min_height = 0.5f;     // word heights: a piece lower than this is a speck ...
  float recovery_max_height = 1.8f;     // ... a taller one is no line of text ...
  float recovery_min_width = 0.25f;     // ... a narrower one a speck ...
  int recovery_max_width = 15;          // ... a wider one (word heights) a ruling's remnant
  float recovery_margin = 0.4f;         // word heights: a piece is read with this much white
                                        // around it
  float recovered_confidence = 60.0f;   // 0-100: a word the recovery pass reads below this is
                                        // dropped: often a ruling's remnant or a speck, while a
                                        // real number or word reads above it
  size_t max_recovered_regions = 40;    // pieces: more unread ink is noise or a picture, not
                                        // missed text: no recovery pass

  // ---- The words read, set for the page layout (ocr/tesseract.cc: LineBands, after the cache)
  float ruling_step_min = 2.0f;         // pixels: pieces of one ruling are this close sideways
                                        // (or dpi / ruling_step_divisor, if more) ...
  float ruling_step_divisor = 60.0f;    // ... 1/60 inch
  float ruling_gap_min = 4.0f;          // pixels: ... and this close along it (or dpi /
                                        // ruling_gap_divisor, if more) ...
  float ruling_gap_divisor = 20.0f;     // ... 1/20 inch
  float ruling_drift_min = 3.0f;        // pixels: a ruling drifting more sideways than this (or dpi
                                        // / ruling_drift_divisor, if more), slanted on a phone's
                                        // photo, is no column boundary ...
  float ruling_drift_divisor = 25.0f;   // ... 1/25 inch, about 3 pt
  float em_per_row_height = 1.45f;      // ems a row height: a word's band is one em tall, as a
                                        // text layer's (13.0 pt for 13 pt text); of 1.3, 1.45,
                                        // 1.6 and 1.75, 1.45 read the corpus scans' tables best
  float ascent_em = 0.8f;               // ems: the band's part above the baseline
  size_t usual_row_min_words = 3;       // words: the page's usual row height is measured on lines
                                        // of this many words or more
  float ink_per_row = 1.25f;            // row heights a word's ink height: with no row measured, the
                                        // usual row is this times the median ink height (the ink
                                        // of letters with tone marks is about 0.8 of a row)
  float same_size_share = 0.4f;         // of the usual row height: a row within this is the usual
                                        // (the estimate's noise: a heading of capitals with tone
                                        // marks measured 1.35 times its table's body) ...
  float other_size_min = 0.5f;          // ... and one outside it another type size when between
  float other_size_max = 2.5f;          // these times the usual (else a misfit: the usual)
  int comparator_overlap = 1;           // pixels: a comparator read as a word of its own (">",
                                        // "≥") joins the number after it when that starts no more
                                        // than this inside it ...
  float comparator_gap = 0.5f;          // band heights: ... and no farther than this after it ...
  float comparator_drift = 0.4f;        // band heights: ... their middles this close in height

  // ---- A page scanned sideways or upside down (ocr/tesseract.cc: RecognizeRaw)
  float orientation_check_confidence = 70.0f;  // 0-100: a page read with a lower median word
                                               // confidence has its orientation detected
                                               // (Tesseract's OSD); upright pages of the corpus
                                               // scans read at 90 or more, one upside down at
                                               // about 30
  float orientation_min_confidence = 2.0f;     // OSD's confidence: below it the page is read as
                                               // it is (Tesseract's own advice for trusting it)

  // ---- Whether a page read is text (source/pdf.cc)
  float readable_median_confidence = 40.0f;  // 0-100: a page whose median word confidence is
                                             // lower is no text (a scan too coarse or blurred, a
                                             // photograph): measured, 96 or more on the corpus
                                             // scans, plain and degraded, and 15 on a 72 dpi one

  // The fields that decide what the word cache keeps (its key lists them).
  template <class Visit>
  void ForEachReadingField(Visit&& visit) {
    visit("binarize_gray", binarize_gray);
    visit("ruling_min_length", ruling_min_length);
    visit("ruling_length_tenths", ruling_length_tenths);
    visit("ruling_max_thickness", ruling_max_thickness);
    visit("ruling_thickness_divisor", ruling_thickness_divisor);
    visit("ruling_erase_widen", ruling_erase_widen);
    visit("uncertain_word_confidence", uncertain_word_confidence);
    visit("uncertain_glyph_confidence", uncertain_glyph_confidence);
    visit("recovery_min_words", recovery_min_words);
    visit("recovery_min_word_height", recovery_min_word_height);
    visit("recovery_pad_min", recovery_pad_min);
    visit("recovery_pad", recovery_pad);
    visit("recovery_join_min", recovery_join_min);
    visit("recovery_join_x", recovery_join_x);
    visit("recovery_join_y", recovery_join_y);
    visit("recovery_min_height", recovery_min_height);
    visit("recovery_max_height", recovery_max_height);
    visit("recovery_min_width", recovery_min_width);
    visit("recovery_max_width", recovery_max_width);
    visit("recovery_margin", recovery_margin);
    visit("recovered_confidence", recovered_confidence);
    visit("max_recovered_regions", max_recovered_regions);
    visit("orientation_check_confidence", orientation_check_confidence);
    visit("orientation_min_confidence", orientation_min_confidence);
  }

  template <class Visit>
  void ForEachField(Visit&& visit) {
    visit("ink_check_below_chars", ink_check_below_chars);
    visit("ink_dpi", ink_dpi);
    visit("may_hide_image_share", may_hide_image_share);
    visit("may_hide_contours", may_hide_contours);
    visit("ink_gray", ink_gray);
    visit("thresholds_dpi", thresholds_dpi);
    visit("min_judged_letters", min_judged_letters);
    visit("min_vietnamese_share", min_vietnamese_share);
    visit("max_replacement_share", max_replacement_share);
    visit("min_judged_words", min_judged_words);
    visit("min_judged_font_words", min_judged_font_words);
    visit("min_syllable_share", min_syllable_share);
    visit("min_junk_share", min_junk_share);
    visit("max_dark_per_char", max_dark_per_char);
    visit("min_ink_for_text", min_ink_for_text);
    ForEachReadingField(visit);
    visit("ruling_step_min", ruling_step_min);
    visit("ruling_step_divisor", ruling_step_divisor);
    visit("ruling_gap_min", ruling_gap_min);
    visit("ruling_gap_divisor", ruling_gap_divisor);
    visit("ruling_drift_min", ruling_drift_min);
    visit("ruling_drift_divisor", ruling_drift_divisor);
    visit("em_per_row_height", em_per_row_height);
    visit("ascent_em", ascent_em);
    visit("usual_row_min_words", usual_row_min_words);
    visit("ink_per_row", ink_per_row);
    visit("same_size_share", same_size_share);
    visit("other_size_min", other_size_min);
    visit("other_size_max", other_size_max);
    visit("comparator_overlap", comparator_overlap);
    visit("comparator_gap", comparator_gap);
    visit("comparator_drift", comparator_drift);
    visit("readable_median_confidence", readable_median_confidence);
  }
};

// Every field has an initializer, so `{.page_timeout_ms = 1000}` names only what it changes.
struct OcrOptions {
  // Off unless asked for: OCR costs seconds a page and needs Tesseract's language data, so a
  // library caller opts in. The command line asks for kAuto by default (--ocr, $BAOCAO_OCR).
  OcrMode mode = OcrMode::kNever;
  // Tesseract language models, "+"-joined. "vie" alone: its model covers the Latin letters and
  // digits these documents use, and a second model doubles the time for no gain measured.
  std::string languages = "vie";
  // Rendering resolution for recognition. Tesseract is trained on text of about 20-30 px
  // x-height (10-12 pt at 300 dpi); 300 is where it reads these documents' 13-14 pt best, and
  // more costs time and memory without gain (tools/bench/ocr.sh).
  int dpi = 300;
  int page_timeout_ms = 60000;   // per page; 0: no limit
  // Where Tesseract's language data is; empty: TESSDATA_PREFIX, else Tesseract's default.
  std::string tessdata_dir{};
  // Called before each page read by OCR (page, pages in the document), e.g. for a progress line.
  std::function<void(int page, int pages)> progress{};
  // Asked by Tesseract as it reads (ETEXT_DESC's cancel callback, about every word), and before
  // and after its thresholding and page layout, which ask nothing (each up to a second of a 300
  // dpi page): true stops the page as its timeout does, so a cancelled extraction does not
  // wait out a page (seconds).
  std::function<bool()> stop{};
  OcrTuning tuning{};   // the thresholds (above)
};

// A page image, dark text on light, rows of `stride` bytes. RGB is read as its brightest channel:
// coloured ink (a red seal, a blue signature) turns light and the black text under it stays,
// which plain luminance would not give (a red seal is as dark as text in gray).
struct OcrImage {
  int width = 0;
  int height = 0;
  int stride = 0;
  int channels = 1;                  // 1: 8-bit gray; 3: RGB, 8 bits each
  int dpi = 300;
  const uint8_t* pixels = nullptr;   // not owned
};

// A word as Tesseract read it. Coordinates are pixels of the OcrImage, origin top left. `x0..y1`
// is in the deskewed image, its vertical extent its text line's band, set as a text layer sets
// a word's box: about one em tall from Tesseract's row height, 0.8 of it above the baseline (so
// the words of one line share one band whatever their ascenders and tone marks, and the page
// layout measures gaps in the same unit as on text PDFs): what line reconstruction reads.
// `page_box` is the word's own box turned back into the image as given: what spans report.
struct OcrWord {
  std::string text;          // UTF-8
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float page_box[4] = {0, 0, 0, 0};
  float confidence = 0;      // 0..100
  bool uncertain_number = false;   // holds a digit read with doubt (see above)
};

// A vertical table ruling found (and erased) before reading: a drawn line between two columns,
// in the deskewed image's pixels like OcrWord's x0..y1. The page layout takes it as a column
// boundary, which word positions alone do not always show on a scan.
struct OcrRuling {
  float x = 0, y0 = 0, y1 = 0;
};

struct OcrPage {
  std::vector<OcrWord> words;      // in Tesseract's reading order
  std::vector<OcrRuling> rulings;  // vertical rulings, left to right
  float skew_degrees = 0;          // the skew corrected before reading (0: none found)
  int quarter_turns = 0;           // clockwise quarter turns that set a page scanned sideways
                                   // or upside down upright before reading (0: none)
  bool timed_out = false;          // page_timeout_ms ran out: the words read so far
};

// Reads one page image: Tesseract's page layout, then a recovery pass over the ink no word took
// (a number alone in a narrow ruled cell, which the page layout drops), read a piece at a time
// as one line and kept above confidence 60 (OcrTuning::recovered_confidence). Returns an error
// only when Tesseract cannot start (language data missing) or the image is unusable (no
// pixels); a page with no text has no words. The thresholds are options.tuning's.
Result<OcrPage> RecognizeImage(const OcrImage& image, const OcrOptions& options);

// Whether Tesseract and the language data of `options` can be loaded on this machine.
Status OcrAvailable(const OcrOptions& options);

// What a page's text layer is worth, from its text and the ink on the page.
enum class TextLayerQuality {
  kUsable,    // read it
  kAbsent,    // no text (an image-only page): OCR it if it has ink
  kGarbage,   // text that is not Vietnamese (U+FFFD, letters of no Vietnamese word, control
              // characters, words that are no syllables: a font without a Unicode map, an OCR
              // layer made without Vietnamese), or far fewer characters than its ink shows (a
              // scan under a thin text layer, such as a stamp's text)
  kBlank,     // no text and (almost) no ink: nothing to read
};
const char* TextLayerQualityName(TextLayerQuality quality);

// Why a text layer is garbage, named in the document's repairs (docs/EXTENSIONS.md).
enum class GarbageReason {
  kNone,
  kReplacementCharacters,   // U+FFFD: bytes no font mapped ("replacement_characters")
  kForeignLetters,          // letters of no Vietnamese word, control characters, private-use
                            // glyph codes ("foreign_letters")
  kNotSyllables,            // Latin letters that make no Vietnamese syllables: shifted glyph
                            // codes, an OCR layer made without Vietnamese ("not_syllables")
  kLessThanInk,             // far less text than the page's ink: a scan under a thin layer
                            // ("less_than_ink")
};
const char* GarbageReasonName(GarbageReason reason);

struct TextLayerJudgement {
  TextLayerQuality quality = TextLayerQuality::kUsable;
  GarbageReason reason = GarbageReason::kNone;   // set when quality is kGarbage
};

// `dark_pixels`: pixels darker than mid-gray with the page rendered at `ink_dpi`; negative when
// not measured (then only the text itself is judged). Measured on the corpus at 50 dpi, text
// pages have 9-23 dark pixels a character (tables with rulings the most); a page with more
// than 60 a character has ink its text layer does not account for (OcrTuning's thresholds).
TextLayerJudgement JudgeTextLayer(std::string_view text, long dark_pixels, int ink_dpi,
                                  const OcrTuning& tuning = {});
// JudgeTextLayer's quality alone.
TextLayerQuality ClassifyTextLayer(std::string_view text, long dark_pixels, int ink_dpi,
                                   const OcrTuning& tuning = {});

// Letters no Vietnamese word has, which Tesseract's Vietnamese model gives for the Đ and N of
// these fonts, often doubled ("QĐÐ-UBND", "71-NÑQ/CP"): an Eth (U+00D0) after Đ and an Ñ after
// N are one glyph read twice and dropped; elsewhere they become Đ and N. Applied to every word
// RecognizeImage returns.
std::string RepairOcrGlyphs(std::string word);

// Pixels darker than mid-gray (< OcrTuning::ink_gray, 160 of 255) of a gray image.
long CountDarkPixels(const OcrImage& image, const OcrTuning& tuning = {});

}  // namespace baocao
