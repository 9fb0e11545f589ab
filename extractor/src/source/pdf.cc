// The one file that talks to Poppler (docs/STYLE.md "Poppler behind one file"): loading,
// passwords and Poppler's messages through poppler-cpp; each page's words with their boxes and
// fonts through Poppler's TextOutputDev in content order (WordReader), and its pixels, when OCR
// is due, through the same document (source/page_render.h: Poppler's Splash device, which a
// spent budget stops). The words go
// through the legacy-font repair (legacy_fonts.h), into page models (pdf_page.h: lines,
// page_model.h) and page text (compose.h), with the thresholds of PdfOptions::compose. Pages stream through a window of five: a page's words are dropped once it and
// its neighbours have been compared for running headers. Long documents are read ahead on two
// worker threads (PagePrefetcher), each with its own Poppler document.
#include "baocao/source/pdf.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
// Poppler's own classes (libpoppler-private-dev) for the words in content-stream order.
#include <PDFDoc.h>
#include <Page.h>
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
#include "source/compose.h"
#include "source/page_limits.h"
#include "source/page_ocr.h"
#include "source/legacy_fonts.h"
#include "source/page_model.h"
#include "source/pdf_page.h"

namespace baocao {

using pdf_internal::Box;
using pdf_internal::ContentScan;
using pdf_internal::kMedian;
using pdf_internal::LegacyEncoding;
using pdf_internal::PageDrawing;
using pdf_internal::PageModel;
using pdf_internal::Pending;
using pdf_internal::RawWord;

namespace {

constexpr size_t kPdfHeaderWindow = 1024;   // readers accept "%PDF-" this far into the file
constexpr size_t kMaxMessages = 64;         // Poppler's messages kept for one document
constexpr double kPointsPerInch = 72.0;     // words read at this dpi have their boxes in points
constexpr int kHalfTurnDegrees = 180;
// Code points a text layer may hold that are no characters: surrogates, beyond Unicode.
constexpr char32_t kSurrogateFirst = 0xD800, kSurrogateEnd = 0xE000, kLastCodePoint = 0x10FFFF;
constexpr char32_t kReplacementCharacter = 0xFFFD;
// Of a JBIG2 image's undecoded stream, what is read for its declared sizes: segment headers
// come before their data, and real scans' streams are a few hundred KB.
constexpr size_t kMaxJbig2ScanBytes = size_t(16) << 20;

// Up to kMaxJbig2ScanBytes of `stream` from its start (empty for none).
std::string RawBytes(Stream* stream) {
  constexpr int kChunk = 1 << 16;
  std::string out;
  if (!stream) return out;
  stream->reset();
  std::vector<unsigned char> buffer(kChunk);
  for (int n; out.size() < kMaxJbig2ScanBytes && (n = stream->doGetChars(kChunk, buffer.data())) > 0;) {
    out.append(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(n));
  }
  stream->close();
  return out;
}

}  // namespace

bool LooksLikePdf(std::string_view bytes) {
  return bytes.substr(0, std::min<size_t>(bytes.size(), kPdfHeaderWindow)).find("%PDF-") != std::string_view::npos;
}

namespace {

// Poppler reports through one process-wide callback; each ReadPdf collects the messages of its
// own thread.
thread_local std::vector<std::string>* t_messages = nullptr;

void CollectMessage(const std::string& message, void*) {
  if (t_messages && t_messages->size() < kMaxMessages) t_messages->push_back(message);
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

// The page's vertical rulings from the pieces drawn: pieces at one x (within half a point)
// that touch or overlap along y are one ruling (a border drawn cell by cell); left to right.
std::vector<pdf_internal::Ruling> DrawnRulings(const PageDrawing& drawing, const ComposeTuning& t) {
  if (drawing.too_many_verticals) return {};
  return internal::JoinRulings(drawing.verticals,
                               {.step = t.drawn_ruling_step, .gap = t.drawn_ruling_gap, .drift = t.drawn_ruling_drift});
}

// A bar drawn as a filled rectangle: four corners, or five with the first repeated.
constexpr int kMaxBarPoints = 5;
constexpr double kUnbounded = 1e300;   // beyond any page coordinate: a box before it grows

// Poppler's text device in raw order that also sees the non-text content, without drawing it:
// images are measured, not decoded (inline image data is skipped as Poppler's base device
// does), shadings and tiling patterns are not expanded into fills.
class WordAndDrawingDevice : public TextOutputDev {
 public:
  explicit WordAndDrawingDevice(const ComposeTuning& tuning)
      : TextOutputDev(nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0, /*rawOrderA=*/true, /*append=*/false),
        tuning_(tuning) {}
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
    Imaged(state, width, height, inline_image ? nullptr : str);
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* color_map,
                 bool interpolate, const int* mask_colors, bool inline_image) override {
    Imaged(state, width, height, inline_image ? nullptr : str);
    OutputDev::drawImage(state, ref, str, width, height, color_map, interpolate, mask_colors, inline_image);
  }
  void drawMaskedImage(GfxState* state, Object*, Stream* str, int width, int height, GfxImageColorMap*, bool, Stream*,
                       int, int, bool, bool) override {
    Imaged(state, width, height, str);   // never inline: nothing to skip
  }
  void drawSoftMaskedImage(GfxState* state, Object*, Stream* str, int width, int height, GfxImageColorMap*, bool, Stream*,
                           int, int, GfxImageColorMap*, bool) override {
    Imaged(state, width, height, str);
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
      if (n < 4 || n > kMaxBarPoints) continue;
      double x0 = kUnbounded, x1 = -kUnbounded, y0 = kUnbounded, y1 = -kUnbounded;
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
    if (x1 - x0 > tuning_.ruling_max_width || y1 - y0 < tuning_.ruling_min_height) return;
    if (drawing_.verticals.size() >= tuning_.max_drawn_verticals) {
      drawing_.too_many_verticals = true;
      drawing_.verticals.clear();
      return;
    }
    drawing_.verticals.push_back({static_cast<float>((x0 + x1) / 2), static_cast<float>(y0), static_cast<float>(y1)});
  }
  // An image fills the unit square of its matrix: the box of its corners on the page. Its
  // pixels are counted (a renderer decodes them all), not decoded; a JBIG2 image's count is
  // also what its own segments declare, which is what Poppler allocates (`stream`: null for
  // an inline image, whose bytes are the content stream's).
  void Imaged(const GfxState* state, int width, int height, Stream* stream) {
    drawing_.max_image_pixels = std::max(drawing_.max_image_pixels, static_cast<double>(width) * height);
    if (stream && stream->getKind() == strJBIG2) {
      drawing_.max_image_pixels = std::max(drawing_.max_image_pixels, pdf_internal::Jbig2DeclaredPixels(RawBytes(stream->getNextStream())));
    }
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

  const ComposeTuning& tuning_;
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
    if (doc_->getPageRotate(index + 1) % kHalfTurnDegrees != 0) std::swap(*width, *height);
    return true;
  }

  // Page `index`'s content streams, decoded, against `limits` (source/page_limits.h): the
  // verdict, before Poppler is asked to draw them.
  ContentScan::Verdict ScanContent(int index, const PdfLimits& limits) {
    constexpr int kChunk = 1 << 16;
    ContentScan scan(limits);
    Page* page = ok() && index >= 0 && index < doc_->getNumPages() ? doc_->getPage(index + 1) : nullptr;
    if (!page) return scan.verdict();
    Object contents = page->getContents();
    std::vector<unsigned char> buffer(kChunk);
    auto feed = [&](Object& part) {
      if (!part.isStream()) return true;
      Stream* stream = part.getStream();
      stream->reset();
      bool more = true;
      for (int n; more && (n = stream->doGetChars(kChunk, buffer.data())) > 0;) {
        more = scan.Feed(std::string_view(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(n)));
      }
      stream->close();
      scan.EndStream();
      return more;
    };
    if (contents.isArray()) {
      for (int i = 0; i < contents.arrayGetLength(); ++i) {
        Object part = contents.arrayGet(i);
        if (!feed(part)) break;
      }
    } else {
      feed(contents);
    }
    return scan.verdict();
  }

  // Page `index` rendered (source/page_render.h), from this reader's own document.
  pdf_internal::RenderedPage Render(int index, int dpi, pdf_internal::PixelFormat format, const std::function<bool()>& stop) {
    return pdf_internal::RenderPage(*doc_, index + 1, dpi, format, stop);
  }

  // Words of page `index` (0-based), and what else it draws into `drawing`; none when the page
  // cannot be read.
  std::vector<RawWord> Words(int index, const ComposeTuning& tuning, PageDrawing* drawing) {
    std::vector<RawWord> out;
    *drawing = PageDrawing{};
    if (!ok() || index < 0 || index >= doc_->getNumPages()) return out;
    WordAndDrawingDevice dev(tuning);
    if (!dev.isOk()) return out;
    doc_->displayPageSlice(&dev, index + 1, kPointsPerInch, kPointsPerInch, 0, /*useMediaBox=*/false,
                           /*crop=*/false, /*printing=*/false, -1, -1, -1, -1);
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
        if ((c >= kSurrogateFirst && c < kSurrogateEnd) || c > kLastCodePoint) c = kReplacementCharacter;
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
    MarkSpaces(places, tuning, out);
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
  // text_list() follows: ComposeTuning::space_gap); in raw order only drawn spaces are marked.
  // The same rule here, on lines made the way Poppler's are: words at one angle whose baselines
  // are within half the larger font size (same_baseline: so a raised footnote mark stays on its
  // line), ordered along the line.
  static void MarkSpaces(std::vector<Place>& places, const ComposeTuning& tuning, std::vector<RawWord>& words) {
    std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
      return a.rotation != b.rotation ? a.rotation < b.rotation : a.base < b.base;
    });
    for (size_t i = 0; i < places.size();) {
      size_t j = i + 1;
      while (j < places.size() && places[j].rotation == places[i].rotation &&
             places[j].base - places[j - 1].base <= tuning.same_baseline * std::max(places[j].size, places[j - 1].size)) {
        ++j;
      }
      std::sort(places.begin() + static_cast<long>(i), places.begin() + static_cast<long>(j),
                [](const Place& a, const Place& b) { return a.start < b.start; });
      for (size_t k = i; k + 1 < j; ++k) {
        if (places[k + 1].start - places[k].end >= tuning.space_gap * places[k].size) {
          words[places[k].word].space_after = true;
        }
      }
      i = j;
    }
  }

  std::unique_ptr<PDFDoc> doc_;
};

// Page `index`: its words from `words`, which renders it too when OCR is due. Made on any
// thread, from that thread's own document.
Pending ReadPage(WordReader& words, int index, const PdfOptions& options) {
  Pending p;
  p.model.number = index + 1;
  float w = 0, h = 0;
  if (!words.PageSize(index, &w, &h)) {
    p.readable = false;
    return p;
  }
  PageDrawing drawing;
  std::vector<RawWord> raw;
  const ContentScan::Verdict verdict = words.ScanContent(index, options.limits);
  if (verdict != ContentScan::Verdict::kWithin) {   // not drawn: skipped, and named in repairs
    p.over_limit = verdict == ContentScan::Verdict::kTooDeep ? "page_too_deep" : "page_content_too_large";
    pdf_internal::BuildPageModels(raw, w, h, options.compose, p);
    return p;
  }
  raw = words.Words(index, options.compose, &drawing);
  p.legacy = pdf_internal::RepairLegacyFonts(raw);
  p.text_layer = !raw.empty();
  auto render_page = [&](int dpi, pdf_internal::PixelFormat format, const std::function<bool()>& stop) {
    return words.Render(index, dpi, format, stop);
  };
  MaybeOcr(render_page, index, words.pages(), options, drawing, Box{0, 0, w, h}, raw, p);
  // A garbage layer that stays (OCR off, failed or unsure) keeps no control characters: one bad
  // font must not make the page's text look like a binary file to the Text stage.
  if (!p.ocr) ReplaceControlCharacters(raw);
  // A text layer's tables: their drawn column borders, as OCR finds a scan's.
  if (!p.ocr) p.rulings = DrawnRulings(drawing, options.compose);
  pdf_internal::BuildPageModels(raw, w, h, options.compose, p);
  return p;
}

// Reads pages ahead on worker threads, each with documents of its own (a Poppler document
// is not to be shared between threads), handing them out in order. At most kAhead pages wait.
// Poppler's messages on the workers go nowhere (no collector on their threads).
class PagePrefetcher {
 public:
  static constexpr int kAhead = 8;

  // Pages [first, pages) on `workers` threads.
  PagePrefetcher(std::string_view bytes, const PdfOptions& options, int first, int pages, int workers)
      : bytes_(bytes), options_(options), pages_(pages), workers_(workers), next_(first), first_(first) {
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
    WordReader words(bytes_, options_.password);
    for (int i = first_ + k; i < pages_; i += workers_) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || i < next_ + kAhead; });
        if (stop_) return;
      }
      Pending p;
      if (words.ok() && !options_.budget.Exhausted()) {   // out of budget: Take's caller stops
        p = ReadPage(words, i, options_);
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
  const PdfOptions& options_;   // each worker thread keeps its own Tesseract (ocr.h)
  int pages_;
  int workers_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<int, Pending> ready_;
  int next_ = 0;
  int first_ = 0;
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
    Result<int> pages = PageCount(doc.get(), messages);
    if (!pages.ok()) return pages.status();
    if (Status read = ReadPages(bytes, *pages); !read.ok()) return read;
    NoteRepairs();
    return SomeText(*pages);
  }

 private:
  static constexpr size_t kBefore = 2, kAfter = 2;   // neighbours compared for running lines
  static constexpr int kParallelPages = 24;           // from this many pages, read on worker threads

  // The document's pages, or why it cannot be read; notes a document Poppler repaired.
  Result<int> PageCount(poppler::document* doc, const PopplerMessages& messages) {
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
    return pages;
  }

  // Every page read, in order, through a window of neighbours (for running lines) and laid out.
  // Long documents: Poppler's text extraction, the main cost, runs on worker threads while
  // this one lays the pages out. Short ones are not worth loading the document again, unless
  // their first page needed OCR: a scan's pages are then read on every core, one Tesseract a
  // thread (seconds a page against milliseconds to load the document again).
  // Out of the extraction's budget (checked before each page), its error.
  Status ReadPages(std::string_view bytes, int pages) {
    std::unique_ptr<PagePrefetcher> prefetcher;
    std::unique_ptr<WordReader> words;   // this thread's, when it reads the pages itself
    const unsigned cores = std::thread::hardware_concurrency();
    if (pages >= kParallelPages && cores >= 2) prefetcher = StartPrefetcher(bytes, 0, pages, std::min(cores, 2u));
    for (int i = 0; i < pages; ++i) {
      if (Status s = options_.budget.Check("PDF page " + std::to_string(i + 1)); !s.ok()) return s;
      if (!prefetcher && !words) words = std::make_unique<WordReader>(bytes, options_.password);
      window_.push_back(prefetcher ? prefetcher->Take(i) : ReadPage(*words, i, options_));
      if (i == 0 && !prefetcher && window_.back().ocr && pages > 1 && cores >= 2) {
        prefetcher = StartPrefetcher(bytes, 1, pages, std::min(cores, static_cast<unsigned>(pages - 1)));
      }
      Tally(window_.back());
      if (window_.size() > kAfter) Finish(window_.size() - 1 - kAfter);
      if (window_.size() > kBefore + kAfter + 1) window_.pop_front();
    }
    size_t first_unfinished = window_.size() > kAfter ? window_.size() - kAfter : 0;
    for (size_t k = first_unfinished; k < window_.size(); ++k) Finish(k);
    return Status::Ok();
  }

  // Workers for pages [first, pages), or none when no thread is to be had (read on this one).
  std::unique_ptr<PagePrefetcher> StartPrefetcher(std::string_view bytes, int first, int pages, unsigned workers) {
    try {
      return std::make_unique<PagePrefetcher>(bytes, options_, first, pages, static_cast<int>(workers));
    } catch (const std::system_error&) {
      return nullptr;
    }
  }

  // What a page read adds to the document's repairs.
  void Tally(const Pending& read) {
    legacy_seen_ |= read.legacy;
    if (read.rotated) rotated_.push_back(read.model.number);
    if (read.ocr) ocr_pages_.push_back(read.model.number);
    if (read.garbage) {
      garbage_.push_back(read.model.number);
      garbage_why_[GarbageReasonName(read.garbage_reason)].push_back(read.model.number);
      if (!read.ocr) garbage_kept_.push_back(read.model.number);
    }
    if (read.ocr_unreadable) ocr_unreadable_.push_back(read.model.number);
    if (read.ocr_timed_out) ocr_timeouts_.push_back(read.model.number);
    if (read.ocr_turned) ocr_turned_.push_back(read.model.number);
    if (!read.over_limit.empty()) over_limit_[read.over_limit].push_back(read.model.number);
    if (!read.ocr_error.empty()) {
      ocr_failed_.push_back(read.model.number);
      ocr_error_ = read.ocr_error;
    }
  }

  void NoteRepairs() {
    NoteRuns("no_text_layer", no_text_);
    NoteRuns("rotated_text", rotated_);
    NoteRuns("ocr", ocr_pages_);
    NoteRuns("garbage_text_layer", garbage_);
    for (const auto& [why, pages] : garbage_why_) NoteRuns(("text_layer_" + why).c_str(), pages);
    NoteRuns("garbage_text_layer_kept", garbage_kept_);
    NoteRuns("ocr_timeout", ocr_timeouts_);
    NoteRuns("ocr_turned", ocr_turned_);
    NoteRuns("ocr_failed", ocr_failed_);
    NoteRuns("ocr_unreadable", ocr_unreadable_);
    for (const auto& [kind, pages] : over_limit_) NoteRuns(kind.c_str(), pages);
    for (int e = 1; e <= 2; ++e) {
      if (legacy_seen_ & e) {
        out_.repairs.push_back(std::string("legacy_font:") +
                               pdf_internal::LegacyEncodingName(e == 1 ? LegacyEncoding::kTcvn3 : LegacyEncoding::kVni));
      }
    }
  }

  // kNoText, saying why, when no page has a text layer (even one whose every line is a running
  // header) or words OCR read.
  Status SomeText(int pages) const {
    for (const PdfPage& p : out_.pages) {
      if (p.has_text_layer || !p.text.empty()) return Status::Ok();
    }
    std::string what = std::to_string(pages) + (pages == 1 ? " page" : " pages");
    std::string why;
    if (!over_limit_.empty()) {
      why = "): pages over a limit were skipped or not rendered (" + pdf_internal::DescribeOverLimits(over_limit_, options_.limits) + ")";
      if (!ocr_error_.empty()) why += ": " + ocr_error_;
    } else if (options_.ocr.mode == OcrMode::kNever) {
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

  // Page k of the window: its running lines marked against its neighbours, then laid out.
  void Finish(size_t k) {
    std::vector<PageModel*> window;
    for (Pending& p : window_) window.push_back(&p.model);
    pdf_internal::MarkRunningLines(window, k, options_.compose);
    const Pending& p = window_[k];
    if (!p.text_layer) no_text_.push_back(p.model.number);
    // A page read by OCR keeps its words: the spans' confidence comes from them.
    bool keep_boxes = options_.word_boxes || p.ocr;
    out_.pages.push_back(pdf_internal::ComposePdfPage(p, keep_boxes, options_.compose, carry_));
  }

  void NoteRuns(const char* kind, const std::vector<int>& pages) { pdf_internal::AppendPageRuns(out_.repairs, kind, pages); }

  const PdfOptions& options_;
  PdfDocument& out_;
  std::deque<Pending> window_;
  pdf_internal::LayoutCarry carry_;
  int legacy_seen_ = 0;   // bit 1: TCVN3, bit 2: VNI
  std::vector<int> no_text_;
  std::vector<int> rotated_;
  std::vector<int> ocr_pages_, garbage_, ocr_timeouts_, ocr_failed_, ocr_unreadable_, ocr_turned_;
  std::map<std::string, std::vector<int>> over_limit_;   // Pending::over_limit -> pages
  std::map<std::string, std::vector<int>> garbage_why_;  // GarbageReasonName -> pages
  std::vector<int> garbage_kept_;   // garbage layers no OCR replaced (off, failed, unreadable)
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
