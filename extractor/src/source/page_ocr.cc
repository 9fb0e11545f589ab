// A page's text layer judged and, where it is not text, read by OCR (source/page_ocr.h).
#include "source/page_ocr.h"

#include <algorithm>
#include <map>
#include <climits>
#include <string>
#include <string_view>

#include "core/chars.h"
#include "core/statistics.h"
#include "source/page_model.h"
#include "source/page_limits.h"

namespace baocao::pdf_internal {
namespace {

// ---------------------------------------------------------------------------------------------
// Scanned pages (baocao/ocr/ocr.h): the page rendered upright as displayed, the frame of
// the words' boxes; gray for the ink count, colour for Tesseract (seals fade: ocr.h).

OcrImage ImageOf(const RenderedPage& img, int dpi) {
  return {img.width, img.height, img.bytes_per_row, img.channels, dpi, img.pixels};
}

// A page rendered on need, at the dpi and in the format asked (invalid when the page cannot be
// rendered, is over a limit, or the budget ran out while it was).
using RenderFn = std::function<RenderedPage(int dpi, PixelFormat format)>;

std::string TextOf(const std::vector<RawWord>& raw) {
  std::string text;
  for (const RawWord& rw : raw) (text += rw.text) += ' ';
  return text;
}

// Under kAuto, whether the text layer of `raw` calls for OCR: absent or garbage, judged on its
// text and, when it is thin, on the page's ink. Notes a garbage layer in `p`.
bool TextLayerNeedsOcr(const RenderFn& render, const OcrTuning& tuning, const PageDrawing& drawing,
                       const std::vector<RawWord>& raw, Pending& p) {
  std::string text = TextOf(raw);
  long dark = -1;
  if (text.size() < tuning.ink_check_below_chars) {
    // Rendering costs five times the reading of a page's words: only where an image or text
    // set as curves could hold more than the text layer (PageDrawing). Elsewhere the page's
    // ink is its text layer's own, which says nothing against it.
    if (drawing.MayHideText(tuning)) {
      RenderedPage ink = render(tuning.ink_dpi, PixelFormat::kGray8);
      if (ink.valid()) dark = CountDarkPixels(ImageOf(ink, tuning.ink_dpi), tuning);
    } else {
      dark = 0;
    }
  }
  TextLayerJudgement judged = JudgeByFonts(text, raw, dark, tuning);
  if (judged.quality == TextLayerQuality::kUsable || judged.quality == TextLayerQuality::kBlank) return false;
  p.garbage = judged.quality == TextLayerQuality::kGarbage;
  p.garbage_reason = judged.reason;
  return true;
}

bool IsDigitLookalike(char c) { return c == 'I' || c == 'l' || c == 'O'; }
// A letter beside a number: ASCII, or any byte of a UTF-8 sequence (all letters here).
bool IsLetterByte(char c) {
  constexpr unsigned char kFirstNonAscii = 0x80;
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= kFirstNonAscii;
}

}  // namespace

OcrOptions WithinBudget(OcrOptions ocr, const Budget& budget) {
  constexpr double kMillisecondsPerSecond = 1000;
  const double left_ms = std::max(1.0, budget.SecondsLeft() * kMillisecondsPerSecond);
  if (ocr.page_timeout_ms <= 0 || left_ms < ocr.page_timeout_ms) ocr.page_timeout_ms = static_cast<int>(std::min(left_ms, static_cast<double>(INT_MAX)));
  // A cancel or the memory ceiling stops Tesseract within a word, not at the page's end.
  if (budget.started()) ocr.stop = [budget] { return budget.Exhausted(); };
  return ocr;
}

TextLayerJudgement JudgeByFonts(const std::string& text, const std::vector<RawWord>& raw, long dark,
                                const OcrTuning& tuning) {
  TextLayerJudgement page = JudgeTextLayer(text, dark, tuning.ink_dpi, tuning);
  if (page.quality != TextLayerQuality::kUsable) return page;
  std::map<std::string_view, std::string> by_font;
  for (const RawWord& rw : raw) (by_font[rw.font] += rw.text) += ' ';
  if (by_font.size() < 2) return page;
  OcrTuning per_font = tuning;
  per_font.min_judged_words = tuning.min_judged_font_words;
  per_font.min_judged_letters = tuning.min_judged_font_words;
  for (const auto& [font, words] : by_font) {
    TextLayerJudgement one = JudgeTextLayer(words, -1, tuning.ink_dpi, per_font);
    if (one.quality == TextLayerQuality::kGarbage) return one;
  }
  return page;
}

void RepairOcrDigits(RawWord& w) {
  static constexpr std::string_view kFractionSlash = "\xE2\x81\x84";
  std::string& t = w.text;
  if (t.find(kFractionSlash) != std::string::npos) {
    std::string slashed;   // built anew: GCC 12's -Wrestrict misreads an in-place replace
    for (size_t i = 0; i < t.size();) {
      if (std::string_view(t).substr(i, kFractionSlash.size()) == kFractionSlash) {
        slashed.push_back('/');
        i += kFractionSlash.size();
      } else {
        slashed.push_back(t[i++]);
      }
    }
    t = std::move(slashed);
  }
  for (size_t i = 0; i < t.size();) {
    if (!internal::IsDigit(t[i]) && !IsDigitLookalike(t[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    bool digit = false, lookalike = false;
    for (; end < t.size() && (internal::IsDigit(t[end]) || IsDigitLookalike(t[end])); ++end) {
      digit = digit || internal::IsDigit(t[end]);
      lookalike = lookalike || IsDigitLookalike(t[end]);
    }
    const bool touched = (i > 0 && IsLetterByte(t[i - 1])) || (end < t.size() && IsLetterByte(t[end]));
    if (digit && lookalike && !touched) {
      for (size_t k = i; k < end; ++k) {
        if (t[k] == 'O') t[k] = '0';
        else if (IsDigitLookalike(t[k])) t[k] = '1';
      }
      w.uncertain_number = true;
    }
    i = end;
  }
}


// A page Tesseract reads with little confidence is no text: a scan too coarse or blurred to
// read (a 72 dpi JPEG), or a photograph (OcrTuning::readable_median_confidence). A page over
// PdfLimits is not rendered: its text layer stays.
void MaybeOcr(const PageRenderFn& render_page, int index, int pages, const PdfOptions& options,
              const PageDrawing& drawing, const Box& size, std::vector<RawWord>& raw, Pending& p) {
  if (options.ocr.mode == OcrMode::kNever) {
    // Judged all the same (on its text alone: no page is rendered), so that the repairs say
    // which pages hold a layer that is not text.
    TextLayerJudgement judged = JudgeByFonts(TextOf(raw), raw, -1, options.ocr.tuning);
    p.garbage = judged.quality == TextLayerQuality::kGarbage;
    p.garbage_reason = judged.reason;
    return;
  }
  if (options.budget.Exhausted()) return;
  OcrOptions ocr = WithinBudget(options.ocr, options.budget);
  std::function<bool()> stop;   // none without a budget: Poppler is then never asked
  if (options.budget.started()) stop = [&budget = options.budget] { return budget.Exhausted(); };
  RenderFn render = [&](int dpi, PixelFormat format) {
    if (!MayRender(size.x1, size.y1, dpi, drawing.max_image_pixels, options.limits, p)) return RenderedPage();
    return render_page(dpi, format, stop);
  };
  if (ocr.mode == OcrMode::kAuto && !TextLayerNeedsOcr(render, ocr.tuning, drawing, raw, p)) {
    p.ocr_error.clear();   // a refused ink count (MayRender) is no failed OCR
    return;
  }
  if (ocr.progress) ocr.progress(index + 1, pages);
  Result<OcrPage> read = Status(ErrorCode::kInternal, "ocr: the page could not be rendered");
  {
    // The render stops when the budget is spent (page_render.h), Tesseract within a word
    // (WithinBudget); its page layout does not, so the budget is asked before it too (ocr.h).
    // Spent, the page loop's Check reports it.
    if (options.budget.Exhausted()) return;
    RenderedPage image = render(ocr.dpi, PixelFormat::kBgr24);   // one page at a time
    if (options.budget.Exhausted()) return;
    if (image.valid()) read = RecognizeImage(ImageOf(image, ocr.dpi), ocr);
    else if (!p.over_limit.empty()) read = Status(ErrorCode::kTooLarge, p.ocr_error);
  }
  if (!read.ok()) {
    p.ocr_error = read.status().message();
    return;
  }
  p.ocr = true;
  p.ocr_timed_out = read->timed_out;
  p.ocr_turned = read->quarter_turns != 0;
  raw.clear();
  if (!read->words.empty()) {
    std::vector<float> confidences;
    for (const OcrWord& w : read->words) confidences.push_back(w.confidence);
    if (internal::Percentile(std::move(confidences), kMedian) < ocr.tuning.readable_median_confidence) {
      p.ocr_unreadable = true;
      return;
    }
  }
  raw = RawWordsOfOcr(*read, ocr.dpi, &p.rulings);
  for (RawWord& w : raw) RepairOcrDigits(w);
}

void ReplaceControlCharacters(std::vector<RawWord>& raw) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  constexpr unsigned char kFirstPrintable = 0x20, kDelete = 0x7F;
  for (RawWord& rw : raw) {
    std::string& t = rw.text;
    auto is_control = [&](unsigned char c) { return (c < kFirstPrintable && c != '\t' && c != '\n' && c != '\r') || c == kDelete; };
    if (std::none_of(t.begin(), t.end(), [&](char c) { return is_control(static_cast<unsigned char>(c)); })) continue;
    std::string clean;
    for (char c : t) {
      if (is_control(static_cast<unsigned char>(c))) clean += kReplacement;
      else clean += c;
    }
    t = std::move(clean);
  }
}


}  // namespace baocao::pdf_internal
