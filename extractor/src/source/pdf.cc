// The one file that talks to Poppler (docs/STYLE.md "Poppler behind one file"): loading,
// passwords, Poppler's messages and rendering through poppler-cpp; each page's words with their
// boxes and fonts through Poppler's TextOutputDev in content order (WordReader). The words go
// through the legacy-font repair (legacy_fonts.h), into lines (page_model.h) and page text
// (compose.h). Pages stream through a window of five: a page's words are dropped once it and
// its neighbours have been compared for running headers. Long documents are read ahead on two
// worker threads (PagePrefetcher), each with its own Poppler document (and a poppler-cpp one
// only once a page is to be rendered).
#include "baocao/source/pdf.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
// Poppler's own classes (libpoppler-private-dev) for the words in content-stream order.
#include <PDFDoc.h>
#include <GfxState.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "core/rulings.h"
#include "core/statistics.h"
#include "core/strings.h"
#include "source/chars.h"
#include "source/compose.h"
#include "source/legacy_fonts.h"
#include "source/page_model.h"

namespace baocao {

using pdf_internal::Box;
using pdf_internal::LegacyEncoding;
using pdf_internal::PageModel;
using pdf_internal::Word;

bool LooksLikePdf(std::string_view bytes) {
  return bytes.substr(0, std::min<size_t>(bytes.size(), 1024)).find("%PDF-") != std::string_view::npos;
}

namespace {

// Poppler reports through one process-wide callback; each ReadPdf collects the messages of its
// own thread.
thread_local std::vector<std::string>* t_messages = nullptr;

void CollectMessage(const std::string& message, void*) {
  if (t_messages && t_messages->size() < 64) t_messages->push_back(message);
}

class PopplerMessages {
 public:
  PopplerMessages() {
    static std::once_flag installed;
    std::call_once(installed, [] { poppler::set_debug_error_function(CollectMessage, nullptr); });
    previous_ = t_messages;
    t_messages = &messages_;
  }
  ~PopplerMessages() { t_messages = previous_; }
  PopplerMessages(const PopplerMessages&) = delete;
  PopplerMessages& operator=(const PopplerMessages&) = delete;

  size_t size() const { return messages_.size(); }
  bool AllContain(std::string_view needle) const {
    for (const std::string& m : messages_) {
      if (m.find(needle) == std::string::npos) return false;
    }
    return true;
  }
  // The first few messages, for an error.
  std::string Summary() const {
    std::string out;
    for (size_t i = 0; i < messages_.size() && i < 3; ++i) out += (i ? "; " : "") + messages_[i];
    return out;
  }

 private:
  std::vector<std::string> messages_;
  std::vector<std::string>* previous_ = nullptr;
};

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f') return false;
  }
  return true;
}

// A word as Poppler gives it, before repair and turning.
struct RawWord {
  std::string text;
  Box box;
  int rotation = 0;
  bool space_after = true;
  std::string font;
  // Read by OCR: `box` is in the deskewed image (for the layout), `page_box` on the page.
  Box page_box;
  float confidence = -1;
  bool uncertain_number = false;
};

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

// A page read: its words in reading orientation (the text set at another angle apart), what
// was repaired on it. Made by ReadPage on any thread, from that thread's own document.
struct Pending {
  PageModel model;
  std::vector<PageModel> other_rotations;   // text set at another angle than the page's body
  bool readable = true;
  bool rotated = false;                     // the body's text read turned upright
  int legacy = 0;                           // bit 1: TCVN3 decoded, bit 2: VNI decoded
  bool text_layer = false;                  // the page has a text layer (read or replaced)
  bool ocr = false;                         // its words are Tesseract's
  bool garbage = false;                     // its text layer was not text (OCR replaced it)
  bool ocr_timed_out = false;
  std::string ocr_error;                    // OCR was due and failed (no language data ...)
  std::vector<pdf_internal::Ruling> rulings;   // vertical rulings, drawn or found by OCR, in points
  bool ocr_unreadable = false;              // OCR read it with too little confidence: no words
};

// Below this median word confidence a page read by OCR is taken as unreadable (MaybeOcr).
constexpr float kReadableMedianConfidence = 40.0f;

// What a page draws besides its text, tallied while its words are read: raster images (a scan)
// and filled outlines (text set as curves) are what could hold text the text layer lacks, so
// only a page with them is worth rendering to count its ink (MaybeOcr).
struct PageDrawing {
  double image_share = 0;    // of the page's area under raster images (overlaps counted twice)
  long filled_contours = 0;  // subpaths of filled paths (a glyph outline is one to three)
  bool MayHideText() const { return image_share >= 0.05 || filled_contours >= 400; }
  // Vertical strokes and hairline bars (a table's column borders), in the words' frame, in the
  // order drawn; DrawnRulings makes them rulings.
  std::vector<pdf_internal::Ruling> verticals;
  bool too_many_verticals = false;   // vector art, not a table: none kept
};

// A table's vertical borders as drawn: a stroke or a filled bar this thin and this tall.
constexpr double kRulingMaxWidth = 1.5, kRulingMinHeight = 4.0;
// More vertical pieces than this on a page is a drawing, not tables (and bounds the memory).
constexpr size_t kMaxDrawnVerticals = 4000;

// The page's vertical rulings from the pieces drawn: pieces at one x (within half a point)
// that touch or overlap along y are one ruling (a border drawn cell by cell); left to right.
std::vector<pdf_internal::Ruling> DrawnRulings(const PageDrawing& drawing) {
  if (drawing.too_many_verticals) return {};
  return internal::JoinRulings(drawing.verticals, {.step = 0.5f, .gap = 1.0f, .drift = 1.0f});
}

// Poppler's text device in raw order that also sees the non-text content, without drawing it:
// images are measured, not decoded (inline image data is skipped as Poppler's base device
// does), shadings and tiling patterns are not expanded into fills.
class WordAndDrawingDevice : public TextOutputDev {
 public:
  WordAndDrawingDevice() : TextOutputDev(nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0, /*rawOrderA=*/true,
                                         /*append=*/false) {}
  const PageDrawing& drawing() const { return drawing_; }

  bool needNonText() override { return true; }
  void stroke(GfxState* state) override {
    Stroked(state);
    TextOutputDev::stroke(state);
  }
  void fill(GfxState* state) override { Filled(state); TextOutputDev::fill(state); }
  void eoFill(GfxState* state) override { Filled(state); TextOutputDev::eoFill(state); }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert, bool interpolate,
                     bool inline_image) override {
    Imaged(state);
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* color_map,
                 bool interpolate, const int* mask_colors, bool inline_image) override {
    Imaged(state);
    OutputDev::drawImage(state, ref, str, width, height, color_map, interpolate, mask_colors, inline_image);
  }
  void drawMaskedImage(GfxState* state, Object*, Stream*, int, int, GfxImageColorMap*, bool, Stream*, int, int, bool,
                       bool) override {
    Imaged(state);   // never inline: nothing to skip
  }
  void drawSoftMaskedImage(GfxState* state, Object*, Stream*, int, int, GfxImageColorMap*, bool, Stream*, int, int,
                           GfxImageColorMap*, bool) override {
    Imaged(state);
  }
  bool useTilingPatternFill() override { return true; }
  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*, const double*, int, int, int, int, double,
                         double) override {
    return true;
  }
  bool useShadedFills(int) override { return true; }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override { return true; }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override { return true; }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double, double) override { return true; }
  bool gouraudTriangleShadedFill(GfxState*, GfxGouraudTriangleShading*) override { return true; }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override { return true; }

 private:
  void Filled(const GfxState* state) {
    const GfxPath* path = state->getPath();
    if (!path) return;
    drawing_.filled_contours += path->getNumSubpaths();
    // A hairline bar (a border some writers fill rather than stroke): the box of a subpath of
    // four or five points, thin and tall.
    for (int i = 0; i < path->getNumSubpaths() && !drawing_.too_many_verticals; ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      int n = sub->getNumPoints();
      if (n < 4 || n > 5) continue;
      double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
      for (int k = 0; k < n; ++k) {
        double x, y;
        state->transform(sub->getX(k), sub->getY(k), &x, &y);
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
      }
      AddVertical(x0, x1, y0, y1);
    }
  }
  // Each straight segment of a stroked path that runs up or down the page.
  void Stroked(const GfxState* state) {
    const GfxPath* path = state->getPath();
    if (!path) return;
    for (int i = 0; i < path->getNumSubpaths() && !drawing_.too_many_verticals; ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      for (int k = 1; k < sub->getNumPoints(); ++k) {
        if (sub->getCurve(k)) continue;
        double ax, ay, bx, by;
        state->transform(sub->getX(k - 1), sub->getY(k - 1), &ax, &ay);
        state->transform(sub->getX(k), sub->getY(k), &bx, &by);
        AddVertical(std::min(ax, bx), std::max(ax, bx), std::min(ay, by), std::max(ay, by));
      }
    }
  }
  void AddVertical(double x0, double x1, double y0, double y1) {
    if (!(std::isfinite(x0) && std::isfinite(x1) && std::isfinite(y0) && std::isfinite(y1))) return;
    if (x1 - x0 > kRulingMaxWidth || y1 - y0 < kRulingMinHeight) return;
    if (drawing_.verticals.size() >= kMaxDrawnVerticals) {
      drawing_.too_many_verticals = true;
      drawing_.verticals.clear();
      return;
    }
    drawing_.verticals.push_back({static_cast<float>((x0 + x1) / 2), static_cast<float>(y0), static_cast<float>(y1)});
  }
  // An image fills the unit square of its matrix: the box of its corners on the page.
  void Imaged(const GfxState* state) {
    double xs[4], ys[4];
    state->transform(0, 0, &xs[0], &ys[0]);
    state->transform(1, 0, &xs[1], &ys[1]);
    state->transform(0, 1, &xs[2], &ys[2]);
    state->transform(1, 1, &xs[3], &ys[3]);
    double w = state->getPageWidth(), h = state->getPageHeight();
    if (!(w > 0 && h > 0)) return;
    double x0 = std::clamp(*std::min_element(xs, xs + 4), 0.0, w), x1 = std::clamp(*std::max_element(xs, xs + 4), 0.0, w);
    double y0 = std::clamp(*std::min_element(ys, ys + 4), 0.0, h), y1 = std::clamp(*std::max_element(ys, ys + 4), 0.0, h);
    if (std::isfinite(x0) && std::isfinite(x1) && std::isfinite(y0) && std::isfinite(y1)) {
      drawing_.image_share += (x1 - x0) * (y1 - y0) / (w * h);
    }
  }

  PageDrawing drawing_;
};

// A page's words through Poppler's TextOutputDev in content-stream order (raw order): the
// reading order, lines and blocks are ours to build (compose.h), so Poppler's own block and
// flow analysis (TextPage::coalesce, what poppler-cpp's text_list() runs, and its per-page
// copy of the cross-reference table) is work thrown away; skipping it halves Poppler's share
// of a PDF's extraction. The words, their boxes (PDF points, origin top left, in the frame of
// the page as displayed), rotation, spacing and font names are those text_list() gives.
// One per thread: a PDFDoc is not to be shared. Made while a poppler::document is open, so
// Poppler's global parameters (and the message callback) are those poppler-cpp set up.
class WordReader {
 public:
  WordReader(std::string_view bytes, const std::string& password) {
    // PDFDoc owns the stream; the stream only borrows `bytes`.
    auto* stream = new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
    std::optional<GooString> pw;
    if (!password.empty()) pw.emplace(password);
    doc_ = std::make_unique<PDFDoc>(stream, pw, pw);
  }
  bool ok() const { return doc_->isOk() && doc_->getNumPages() > 0; }
  int pages() const { return doc_->getNumPages(); }

  // Page `index`'s size as its words' boxes are measured: the crop box, turned by the page's
  // /Rotate (the frame poppler-cpp's page_rect() and orientation() give). False: no such page.
  bool PageSize(int index, float* width, float* height) {
    if (!ok() || index < 0 || index >= doc_->getNumPages() || !doc_->getPage(index + 1)) return false;
    *width = static_cast<float>(doc_->getPageCropWidth(index + 1));
    *height = static_cast<float>(doc_->getPageCropHeight(index + 1));
    if (doc_->getPageRotate(index + 1) % 180 != 0) std::swap(*width, *height);
    return true;
  }

  // Words of page `index` (0-based), and what else it draws into `drawing`; none when the page
  // cannot be read.
  std::vector<RawWord> Words(int index, PageDrawing* drawing) {
    std::vector<RawWord> out;
    *drawing = PageDrawing{};
    if (!ok() || index < 0 || index >= doc_->getNumPages()) return out;
    WordAndDrawingDevice dev;
    if (!dev.isOk()) return out;
    doc_->displayPageSlice(&dev, index + 1, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/false, /*printing=*/false,
                           -1, -1, -1, -1);
    *drawing = dev.drawing();
    std::unique_ptr<TextWordList> list = dev.makeWordList();
    if (!list) return out;
    out.reserve(static_cast<size_t>(list->getLength()));
    std::vector<Place> places;
    places.reserve(static_cast<size_t>(list->getLength()));
    for (int i = 0; i < list->getLength(); ++i) {
      const TextWord* tw = list->get(i);
      RawWord w;
      int len = tw->getLength();
      w.text.reserve(static_cast<size_t>(len) + 2);
      for (int k = 0; k < len; ++k) {
        char32_t c = *tw->getChar(k);
        if (c == 0) continue;
        if ((c >= 0xD800 && c < 0xE000) || c > 0x10FFFF) c = 0xFFFD;
        internal::AppendUtf8(w.text, c);
      }
      if (IsBlank(w.text)) continue;
      double x0, y0, x1, y1;
      tw->getBBox(&x0, &y0, &x1, &y1);
      w.box = {static_cast<float>(x0), static_cast<float>(y0), static_cast<float>(x1), static_cast<float>(y1)};
      if (!std::isfinite(w.box.x0) || !std::isfinite(w.box.y0) || !std::isfinite(w.box.x1) || !std::isfinite(w.box.y1)) {
        continue;
      }
      w.rotation = tw->getRotation();
      w.space_after = tw->getSpaceAfter();
      double along[4][2] = {{x0, x1}, {y0, y1}, {-x1, -x0}, {-y1, -y0}};
      int r = w.rotation & 3;
      places.push_back({out.size(), r, tw->getBaseline(), along[r][0], along[r][1], tw->getFontSize()});
      if (len > 0) {
        const TextFontInfo* font = tw->getFontInfo(0);
        const GooString* name = font ? font->getFontName() : nullptr;
        if (name) w.font = name->toStr();
      }
      out.push_back(std::move(w));
    }
    MarkSpaces(places, out);
    return out;
  }

 private:
  // Where a word sits along its line and across it, for the spacing rule below.
  struct Place {
    size_t word;      // index into the words read
    int rotation;
    double base;      // baseline
    double start, end;  // along the reading direction
    double size;      // font size
  };

  // In reading order Poppler marks a space after every word whose gap to the next word on its
  // line is at least 0.03 of the font size (TextLine::coalesce's maxCharSpacing, the rule
  // text_list() follows); in raw order only drawn spaces are marked. The same rule here, on
  // lines made the way Poppler's are: words at one angle whose baselines are within half the
  // larger font size (so a raised footnote mark stays on its line), ordered along the line.
  static void MarkSpaces(std::vector<Place>& places, std::vector<RawWord>& words) {
    std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
      return a.rotation != b.rotation ? a.rotation < b.rotation : a.base < b.base;
    });
    for (size_t i = 0; i < places.size();) {
      size_t j = i + 1;
      while (j < places.size() && places[j].rotation == places[i].rotation &&
             places[j].base - places[j - 1].base <= 0.5 * std::max(places[j].size, places[j - 1].size)) {
        ++j;
      }
      std::sort(places.begin() + static_cast<long>(i), places.begin() + static_cast<long>(j),
                [](const Place& a, const Place& b) { return a.start < b.start; });
      for (size_t k = i; k + 1 < j; ++k) {
        if (places[k + 1].start - places[k].end >= 0.03 * places[k].size) words[places[k].word].space_after = true;
      }
      i = j;
    }
  }

  std::unique_ptr<PDFDoc> doc_;
};

// Legacy encodings: by font name, else by the statistics of each font's text on the page.
// Returns the encodings decoded (bit 1: TCVN3, bit 2: VNI).
int Repair(std::vector<RawWord>& words) {
  std::map<std::string, pdf_internal::LegacyScore> by_font;
  for (const RawWord& w : words) pdf_internal::AddLegacyScore(w.text, by_font[w.font]);
  std::map<std::string, pdf_internal::FontEncoding> encoding;
  for (const auto& [font, score] : by_font) {
    pdf_internal::FontEncoding fe = pdf_internal::EncodingOfFontName(font);
    if (fe.encoding == LegacyEncoding::kNone) fe.encoding = pdf_internal::DecideLegacyEncoding(score);
    encoding[font] = fe;
  }
  int seen = 0;
  for (RawWord& w : words) {
    const pdf_internal::FontEncoding& fe = encoding[w.font];
    if (fe.encoding == LegacyEncoding::kNone) continue;
    seen |= fe.encoding == LegacyEncoding::kTcvn3 ? 1 : 2;
    w.text = pdf_internal::DecodeLegacy(w.text, fe);
  }
  return seen;
}

// ---------------------------------------------------------------------------------------------
// Scanned pages (baocao/ocr/ocr.h): the page rendered upright as displayed, the frame of
// text_list()'s boxes; gray for the ink count, colour for Tesseract (seals fade: ocr.h).

poppler::image Render(const poppler::page& page, int dpi, poppler::image::format_enum format) {
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(format);
  return renderer.render_page(&page, dpi, dpi);
}

OcrImage ImageOf(const poppler::image& img, int channels, int dpi) {
  return {img.width(), img.height(), img.bytes_per_row(), channels, dpi,
          reinterpret_cast<const uint8_t*>(img.const_data())};
}

// Under kAuto judges the text layer (its ink counted when it is thin) and, when OCR is due
// (or under kAlways), replaces `raw` with Tesseract's words, in PDF points.
void MaybeOcr(const std::function<std::unique_ptr<poppler::page>()>& open_page, int index, int pages,
              const OcrOptions& ocr, const PageDrawing& drawing, std::vector<RawWord>& raw, Pending& p) {
  if (ocr.mode == OcrMode::kNever) return;
  std::unique_ptr<poppler::page> page;   // opened for rendering only
  auto render = [&](int dpi, poppler::image::format_enum format) {
    if (!page) page = open_page();
    return page ? Render(*page, dpi, format) : poppler::image();
  };
  if (ocr.mode == OcrMode::kAuto) {
    std::string text;
    for (const RawWord& rw : raw) (text += rw.text) += ' ';
    long dark = -1;
    if (text.size() < kInkCheckBelowChars) {
      // Rendering costs five times the reading of a page's words: only where an image or text
      // set as curves could hold more than the text layer (PageDrawing). Elsewhere the page's
      // ink is its text layer's own, which says nothing against it.
      if (drawing.MayHideText()) {
        poppler::image ink = render(kInkDpi, poppler::image::format_gray8);
        if (ink.is_valid()) dark = CountDarkPixels(ImageOf(ink, 1, kInkDpi));
      } else {
        dark = 0;
      }
    }
    TextLayerQuality quality = ClassifyTextLayer(text, dark, kInkDpi);
    if (quality == TextLayerQuality::kUsable || quality == TextLayerQuality::kBlank) return;
    p.garbage = quality == TextLayerQuality::kGarbage;
  }
  if (ocr.progress) ocr.progress(index + 1, pages);
  Result<OcrPage> read = Status(ErrorCode::kInternal, "ocr: the page could not be rendered");
  {
    poppler::image image = render(ocr.dpi, poppler::image::format_bgr24);   // one page at a time
    if (image.is_valid()) read = RecognizeImage(ImageOf(image, 3, ocr.dpi), ocr);
  }
  if (!read.ok()) {
    p.ocr_error = read.status().message();
    return;
  }
  p.ocr = true;
  p.ocr_timed_out = read->timed_out;
  const float pt = 72.0f / static_cast<float>(ocr.dpi);
  raw.clear();
  // A page Tesseract reads with little confidence is no text: a scan too coarse or blurred to
  // read (a 72 dpi JPEG), or a photograph. Measured, the median word confidence of a page of
  // text is 96 or more on the corpus scans, plain and degraded, and 15 on a 72 dpi one.
  if (!read->words.empty()) {
    std::vector<float> confidences;
    for (const OcrWord& w : read->words) confidences.push_back(w.confidence);
    if (internal::Percentile(std::move(confidences), 0.5f) < kReadableMedianConfidence) {
      p.ocr_unreadable = true;
      return;
    }
  }
  for (OcrWord& w : read->words) {
    RawWord rw;
    rw.text = std::move(w.text);
    rw.box = {w.x0 * pt, w.y0 * pt, w.x1 * pt, w.y1 * pt};
    rw.page_box = {w.page_box[0] * pt, w.page_box[1] * pt, w.page_box[2] * pt, w.page_box[3] * pt};
    rw.confidence = w.confidence;
    rw.uncertain_number = w.uncertain_number;
    raw.push_back(std::move(rw));
  }
  for (const OcrRuling& r : read->rulings) p.rulings.push_back({r.x * pt, r.y0 * pt, r.y1 * pt});
}

// Page `index`: its words from `words`; `render_doc` (the same file through poppler-cpp, opened
// on first need) renders it when OCR is due.
Pending ReadPage(WordReader& words, const std::function<poppler::document*()>& render_doc, int index,
                 const OcrOptions& ocr) {
  Pending p;
  p.model.number = index + 1;
  float w = 0, h = 0;
  if (!words.PageSize(index, &w, &h)) {
    p.readable = false;
    return p;
  }
  PageDrawing drawing;
  std::vector<RawWord> raw = words.Words(index, &drawing);
  p.legacy = Repair(raw);
  p.text_layer = !raw.empty();
  auto open_page = [&] {
    poppler::document* doc = render_doc();
    return std::unique_ptr<poppler::page>(doc ? doc->create_page(index) : nullptr);
  };
  MaybeOcr(open_page, index, words.pages(), ocr, drawing, raw, p);
  // A text layer's tables: their drawn column borders, as OCR finds a scan's.
  if (!p.ocr) p.rulings = DrawnRulings(drawing);
  // The page's reading angle: the one most of its text is set at.
  size_t by_rotation[4] = {0, 0, 0, 0};
  for (const RawWord& rw : raw) by_rotation[rw.rotation & 3] += rw.text.size();
  int main_rotation = static_cast<int>(std::max_element(by_rotation, by_rotation + 4) - by_rotation);
  p.rotated = main_rotation != 0 && !raw.empty();
  for (int rot = 0; rot < 4; ++rot) {
    int r = (main_rotation + rot) & 3;
    if (by_rotation[r] == 0) continue;
    PageModel model;
    model.number = p.model.number;
    model.width = (r & 1) ? h : w;
    model.height = (r & 1) ? w : h;
    for (RawWord& rw : raw) {
      if ((rw.rotation & 3) != r) continue;
      Word word;
      word.text = pdf_internal::ToNfc(std::move(rw.text));
      word.page_box = p.ocr ? rw.page_box : rw.box;
      word.box = Upright(rw.box, r, w, h);
      word.space_after = rw.space_after;
      word.confidence = rw.confidence;
      word.uncertain_number = rw.uncertain_number;
      // The same word drawn twice on itself (a fake bold) is one word.
      if (!model.words.empty()) {
        const Word& prev = model.words.back();
        if (prev.text == word.text && std::fabs(prev.box.x0 - word.box.x0) < 1 && std::fabs(prev.box.y0 - word.box.y0) < 1) {
          continue;
        }
      }
      model.words.push_back(std::move(word));
    }
    model.lines = pdf_internal::BuildLines(model.words);
    if (r == 0) model.rulings = p.rulings;   // found on the upright image
    if (rot == 0) {
      p.model = std::move(model);
    } else {
      p.other_rotations.push_back(std::move(model));
    }
  }
  if (p.model.width == 0) {
    p.model.width = w;
    p.model.height = h;
  }
  return p;
}

// Reads pages ahead on worker threads, each with documents of its own (a Poppler document
// is not to be shared between threads), handing them out in order. At most kAhead pages wait.
// Poppler's messages on the workers go nowhere (no collector on their threads).
class PagePrefetcher {
 public:
  static constexpr int kAhead = 8;

  PagePrefetcher(std::string_view bytes, const std::string& password, int pages, int workers,
                 const OcrOptions& ocr)
      : bytes_(bytes), password_(password), pages_(pages), workers_(workers), ocr_(ocr) {
    for (int k = 0; k < workers; ++k) threads_.emplace_back([this, k] { Work(k); });
  }
  ~PagePrefetcher() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  PagePrefetcher(const PagePrefetcher&) = delete;
  PagePrefetcher& operator=(const PagePrefetcher&) = delete;

  Pending Take(int index) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return ready_.count(index) > 0; });
    Pending p = std::move(ready_[index]);
    ready_.erase(index);
    next_ = index + 1;
    lock.unlock();
    cv_.notify_all();
    return p;
  }

 private:
  void Work(int k) {
    WordReader words(bytes_, password_);
    std::unique_ptr<poppler::document> doc;   // for rendering, opened on first need
    auto render_doc = [&]() -> poppler::document* {
      if (!doc) {
        doc.reset(poppler::document::load_from_raw_data(bytes_.data(), static_cast<int>(bytes_.size()), password_,
                                                         password_));
      }
      return doc && !doc->is_locked() ? doc.get() : nullptr;
    };
    for (int i = k; i < pages_; i += workers_) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || i < next_ + kAhead; });
        if (stop_) return;
      }
      Pending p;
      if (words.ok()) {
        p = ReadPage(words, render_doc, i, ocr_);
      } else {
        p.model.number = i + 1;
        p.readable = false;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        ready_[i] = std::move(p);
      }
      cv_.notify_all();
    }
  }

  std::string_view bytes_;
  std::string password_;
  int pages_;
  int workers_;
  const OcrOptions& ocr_;   // each worker thread keeps its own Tesseract (ocr.h)
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<int, Pending> ready_;
  int next_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

class Reader {
 public:
  Reader(const PdfOptions& options, PdfDocument& out) : options_(options), out_(out) {}

  Status Run(std::string_view bytes) {
    if (bytes.size() > static_cast<size_t>(INT_MAX)) return Status(ErrorCode::kTooLarge, "a PDF over 2 GiB");
    PopplerMessages messages;
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
        bytes.data(), static_cast<int>(bytes.size()), options_.password, options_.password));
    if (!doc) {
      std::string why = messages.Summary();
      return Status(ErrorCode::kCorrupt, "not a readable PDF" + (why.empty() ? std::string() : " (" + why + ")"));
    }
    if (doc->is_locked()) {
      return Status(ErrorCode::kEncrypted, options_.password.empty()
                                               ? "the PDF is encrypted: give its password with --password"
                                               : "the password given does not open this PDF");
    }
    int pages = doc->pages();
    bool damaged = messages.size() > 0;
    if (pages <= 0) {
      // A sound file whose page tree is empty only makes Poppler say so.
      if (damaged && !messages.AllContain("page count")) {
        return Status(ErrorCode::kCorrupt, "the PDF is damaged and no page could be recovered (" + messages.Summary() + ")");
      }
      return Status(ErrorCode::kEmpty, "the PDF has no pages");
    }
    if (pages > options_.max_pages) {
      return Status(ErrorCode::kTooLarge, "the PDF has " + std::to_string(pages) + " pages, more than the limit of " +
                                              std::to_string(options_.max_pages) + " (--max-pages)");
    }
    if (damaged) out_.repairs.push_back("pdf_repaired");
    // Long documents: Poppler's text extraction, the main cost, runs on worker threads while
    // this one lays the pages out. Short ones are not worth loading the document again.
    std::unique_ptr<PagePrefetcher> prefetcher;
    std::unique_ptr<WordReader> words;   // this thread's, when it reads the pages itself
    unsigned cores = std::thread::hardware_concurrency();
    if (pages >= kParallelPages && cores >= 2) {
      try {
        prefetcher = std::make_unique<PagePrefetcher>(bytes, options_.password, pages, static_cast<int>(std::min(cores, 2u)),
                                                      options_.ocr);
      } catch (const std::system_error&) {
        prefetcher.reset();   // no threads to be had: read on this one
      }
    }
    for (int i = 0; i < pages; ++i) {
      if (!prefetcher && !words) words = std::make_unique<WordReader>(bytes, options_.password);
      window_.push_back(prefetcher ? prefetcher->Take(i)
                                   : ReadPage(*words, [&] { return doc.get(); }, i, options_.ocr));
      const Pending& read = window_.back();
      legacy_seen_ |= read.legacy;
      if (read.rotated) rotated_.push_back(read.model.number);
      if (read.ocr) ocr_pages_.push_back(read.model.number);
      if (read.garbage) garbage_.push_back(read.model.number);
      if (read.ocr_unreadable) ocr_unreadable_.push_back(read.model.number);
      if (read.ocr_timed_out) ocr_timeouts_.push_back(read.model.number);
      if (!read.ocr_error.empty()) {
        ocr_failed_.push_back(read.model.number);
        ocr_error_ = read.ocr_error;
      }
      if (window_.size() > kAfter) Finish(window_.size() - 1 - kAfter);
      if (window_.size() > kBefore + kAfter + 1) window_.pop_front();
    }
    size_t first_unfinished = window_.size() > kAfter ? window_.size() - kAfter : 0;
    for (size_t k = first_unfinished; k < window_.size(); ++k) Finish(k);
    NoteRuns("no_text_layer", no_text_);
    NoteRuns("rotated_text", rotated_);
    NoteRuns("ocr", ocr_pages_);
    NoteRuns("garbage_text_layer", garbage_);
    NoteRuns("ocr_timeout", ocr_timeouts_);
    NoteRuns("ocr_failed", ocr_failed_);
    NoteRuns("ocr_unreadable", ocr_unreadable_);
    for (int e = 1; e <= 2; ++e) {
      if (legacy_seen_ & e) {
        out_.repairs.push_back(std::string("legacy_font:") +
                               pdf_internal::LegacyEncodingName(e == 1 ? LegacyEncoding::kTcvn3 : LegacyEncoding::kVni));
      }
    }
    bool any_text = false;
    // A text layer (even one whose every line is a running header), or words OCR read.
    for (const PdfPage& p : out_.pages) any_text = any_text || p.has_text_layer || !p.text.empty();
    if (!any_text) {
      std::string what = std::to_string(pages) + (pages == 1 ? " page" : " pages");
      std::string why;
      if (options_.ocr.mode == OcrMode::kNever) {
        why = " of images, a scan?); text recognition (OCR) is off (--ocr never)";
      } else if (!ocr_error_.empty()) {
        why = " of images, a scan?); text recognition (OCR) failed: " + ocr_error_;
      } else if (!ocr_unreadable_.empty()) {
        why = "), and text recognition (OCR) could not read them with confidence (a scan too coarse or "
              "blurred, or a photograph)";
      } else if (!ocr_pages_.empty()) {
        why = "), and text recognition (OCR) found no text on them";
      } else {
        why = " without ink)";
      }
      return Status(ErrorCode::kNoText, "no page of the PDF has a text layer (" + what + why);
    }
    return Status::Ok();
  }

 private:
  static constexpr size_t kBefore = 2, kAfter = 2;   // neighbours compared for running lines
  static constexpr int kParallelPages = 24;           // from this many pages, read on worker threads

  void Finish(size_t k) {
    std::vector<PageModel*> window;
    for (Pending& p : window_) window.push_back(&p.model);
    pdf_internal::MarkRunningLines(window, k);
    Pending& p = window_[k];
    PdfPage page;
    page.number = p.model.number;
    page.has_text_layer = p.text_layer;
    page.read_by_ocr = p.ocr;
    if (!page.has_text_layer) no_text_.push_back(page.number);
    // A page read by OCR keeps its words: the spans' confidence comes from them.
    bool keep_boxes = options_.word_boxes || p.ocr;
    pdf_internal::ComposedPage composed = pdf_internal::ComposePage(p.model, carry_, keep_boxes);
    size_t body_words = composed.words.size();
    for (const PageModel& m : p.other_rotations) {
      pdf_internal::LayoutCarry none;
      pdf_internal::ComposedPage more = pdf_internal::ComposePage(m, none, keep_boxes);
      if (more.text.empty()) continue;
      uint32_t shift = static_cast<uint32_t>(composed.text.size() + (composed.text.empty() ? 0 : 1));
      if (!composed.text.empty()) composed.text += '\n';
      composed.text += more.text;
      for (pdf_internal::WordSpan& ws : more.words) {
        ws.begin += shift;
        ws.end += shift;
        composed.words.push_back(ws);
      }
      carry_ = pdf_internal::LayoutCarry{};
    }
    page.text = std::move(composed.text);
    if (keep_boxes) {
      page.words.reserve(composed.words.size());
      for (size_t i = 0; i < composed.words.size(); ++i) {
        const pdf_internal::WordSpan& ws = composed.words[i];
        PdfWordBox box{ws.begin, ws.end, ws.box.x0, ws.box.y0, ws.box.x1, ws.box.y1};
        if (i < body_words && ws.word < p.model.words.size()) {
          box.confidence = p.model.words[ws.word].confidence;
          box.uncertain_number = p.model.words[ws.word].uncertain_number;
        }
        page.words.push_back(box);
      }
    }
    out_.pages.push_back(std::move(page));
  }

  void NoteRuns(const char* kind, const std::vector<int>& pages) {
    for (size_t i = 0; i < pages.size();) {
      size_t j = i;
      while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
      std::string run = std::to_string(pages[i]);
      if (j > i) run += "-" + std::to_string(pages[j]);
      out_.repairs.push_back(std::string(kind) + ":" + run);
      i = j + 1;
    }
  }

  const PdfOptions& options_;
  PdfDocument& out_;
  std::deque<Pending> window_;
  pdf_internal::LayoutCarry carry_;
  int legacy_seen_ = 0;   // bit 1: TCVN3, bit 2: VNI
  std::vector<int> no_text_;
  std::vector<int> rotated_;
  std::vector<int> ocr_pages_, garbage_, ocr_timeouts_, ocr_failed_, ocr_unreadable_;
  std::string ocr_error_;   // the last OCR failure, for the error when no page has text
};

}  // namespace

Result<PdfDocument> ReadPdf(std::string_view bytes, const PdfOptions& options) {
  if (!LooksLikePdf(bytes)) return Status(ErrorCode::kCorrupt, "not a PDF (no %PDF- header in the first 1024 bytes)");
  PdfDocument out;
  Status st = Reader(options, out).Run(bytes);
  if (!st.ok()) return st;
  return out;
}

}  // namespace baocao
