// One PDF page between its reader and the layout (pdf_page.h).
#include "source/pdf_page.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>

#include "source/chars.h"
#include "source/legacy_fonts.h"

namespace baocao::pdf_internal {

namespace {

constexpr float kPointsPerInch = 72.0f;

// The box in the frame where text of `rotation` (Poppler's quarter turns) reads left to
// right, top to bottom; `w`, `h`: the page's size as Poppler gives boxes.
Box Upright(const Box& b, int rotation, float w, float h) {
  switch (rotation & 3) {
    case 1: return {b.y0, w - b.x1, b.y1, w - b.x0};
    case 2: return {w - b.x1, h - b.y1, w - b.x0, h - b.y0};
    case 3: return {h - b.y1, b.x0, h - b.y0, b.x1};
    default: return b;
  }
}

// The words of `raw` set at angle `r`, turned upright, as one page model (no lines yet). The
// same word drawn twice on itself (a fake bold) is one word.
PageModel ModelAtAngle(std::vector<RawWord>& raw, int r, float w, float h, const ComposeTuning& tuning,
                       const Pending& p) {
  PageModel model;
  model.number = p.model.number;
  model.width = (r & 1) ? h : w;
  model.height = (r & 1) ? w : h;
  for (RawWord& rw : raw) {
    if ((rw.rotation & 3) != r) continue;
    Word word;
    word.text = ToNfc(std::move(rw.text));
    word.page_box = p.ocr ? rw.page_box : rw.box;
    word.box = Upright(rw.box, r, w, h);
    word.space_after = rw.space_after;
    word.confidence = rw.confidence;
    word.uncertain_number = rw.uncertain_number;
    if (!model.words.empty()) {
      const Word& prev = model.words.back();
      if (prev.text == word.text && std::fabs(prev.box.x0 - word.box.x0) < tuning.same_word_shift &&
          std::fabs(prev.box.y0 - word.box.y0) < tuning.same_word_shift) {
        continue;
      }
    }
    model.words.push_back(std::move(word));
  }
  return model;
}

}  // namespace

int RepairLegacyFonts(std::vector<RawWord>& words) {
  std::map<std::string, LegacyScore> by_font;
  for (const RawWord& w : words) AddLegacyScore(w.text, by_font[w.font]);
  std::map<std::string, FontEncoding> encoding;
  for (const auto& [font, score] : by_font) {
    FontEncoding fe = EncodingOfFontName(font);
    if (fe.encoding == LegacyEncoding::kNone) fe.encoding = DecideLegacyEncoding(score);
    encoding[font] = fe;
  }
  int seen = 0;
  for (RawWord& w : words) {
    const FontEncoding& fe = encoding[w.font];
    if (fe.encoding == LegacyEncoding::kNone) continue;
    seen |= fe.encoding == LegacyEncoding::kTcvn3 ? 1 : 2;
    w.text = DecodeLegacy(w.text, fe);
  }
  return seen;
}

std::vector<RawWord> RawWordsOfOcr(OcrPage& read, int dpi, std::vector<Ruling>* rulings) {
  const float pt = kPointsPerInch / static_cast<float>(dpi);
  std::vector<RawWord> raw;
  for (OcrWord& w : read.words) {
    RawWord rw;
    rw.text = std::move(w.text);
    rw.box = {w.x0 * pt, w.y0 * pt, w.x1 * pt, w.y1 * pt};
    rw.page_box = {w.page_box[0] * pt, w.page_box[1] * pt, w.page_box[2] * pt, w.page_box[3] * pt};
    rw.confidence = w.confidence;
    rw.uncertain_number = w.uncertain_number;
    raw.push_back(std::move(rw));
  }
  for (const OcrRuling& r : read.rulings) rulings->push_back({r.x * pt, r.y0 * pt, r.y1 * pt});
  return raw;
}

void BuildPageModels(std::vector<RawWord>& raw, float width, float height, const ComposeTuning& tuning, Pending& p) {
  // The page's reading angle: the one most of its text is set at.
  size_t by_rotation[4] = {0, 0, 0, 0};
  for (const RawWord& rw : raw) by_rotation[rw.rotation & 3] += rw.text.size();
  int main_rotation = static_cast<int>(std::max_element(by_rotation, by_rotation + 4) - by_rotation);
  p.rotated = main_rotation != 0 && !raw.empty();
  for (int rot = 0; rot < 4; ++rot) {
    int r = (main_rotation + rot) & 3;
    if (by_rotation[r] == 0) continue;
    PageModel model = ModelAtAngle(raw, r, width, height, tuning, p);
    model.lines = BuildLines(model.words, tuning);
    if (r == 0) model.rulings = p.rulings;   // found on the upright image
    if (rot == 0) {
      p.model = std::move(model);
    } else {
      p.other_rotations.push_back(std::move(model));
    }
  }
  if (p.model.width == 0) {
    p.model.width = width;
    p.model.height = height;
  }
}

PdfPage ComposePdfPage(const Pending& p, bool keep_boxes, const ComposeTuning& tuning, LayoutCarry& carry) {
  PdfPage page;
  page.number = p.model.number;
  page.has_text_layer = p.text_layer;
  page.read_by_ocr = p.ocr;
  ComposedPage composed = ComposePage(p.model, carry, keep_boxes, tuning);
  size_t body_words = composed.words.size();
  for (const PageModel& m : p.other_rotations) {
    LayoutCarry none;
    ComposedPage more = ComposePage(m, none, keep_boxes, tuning);
    if (more.text.empty()) continue;
    uint32_t shift = static_cast<uint32_t>(composed.text.size() + (composed.text.empty() ? 0 : 1));
    if (!composed.text.empty()) composed.text += '\n';
    composed.text += more.text;
    for (WordSpan& ws : more.words) {
      ws.begin += shift;
      ws.end += shift;
      composed.words.push_back(ws);
    }
    carry = LayoutCarry{};
  }
  page.text = std::move(composed.text);
  if (keep_boxes) {
    page.words.reserve(composed.words.size());
    for (size_t i = 0; i < composed.words.size(); ++i) {
      const WordSpan& ws = composed.words[i];
      PdfWordBox box{ws.begin, ws.end, ws.box.x0, ws.box.y0, ws.box.x1, ws.box.y1};
      if (i < body_words && ws.word < p.model.words.size()) {
        box.confidence = p.model.words[ws.word].confidence;
        box.uncertain_number = p.model.words[ws.word].uncertain_number;
      }
      page.words.push_back(box);
    }
  }
  return page;
}

void AppendPageRuns(std::vector<std::string>& repairs, const char* kind, const std::vector<int>& pages) {
  for (size_t i = 0; i < pages.size();) {
    size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
    std::string run = std::to_string(pages[i]);
    if (j > i) run.append("-").append(std::to_string(pages[j]));   // not "-" + ...: GCC 12's -Wrestrict
    repairs.push_back(std::string(kind) + ":" + run);
    i = j + 1;
  }
}

}  // namespace baocao::pdf_internal
