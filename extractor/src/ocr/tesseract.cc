// The one file that talks to Tesseract and Leptonica (docs/STYLE.md "Poppler behind one file",
// the same rule): a page image in, words with boxes and confidences out (baocao/ocr.h).
//
// Preparation: RGB is reduced to its brightest channel (coloured seals and signatures fade, the
// black text stays); the skew is measured and corrected with Leptonica (pixDeskewGeneral), so
// that the words of one printed line come out on one horizontal band for the line
// reconstruction of the PDF reader. Binarization is left to Tesseract (Otsu on the prepared
// gray), which reads these pages better than a fixed threshold of ours.
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "baocao/ocr.h"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace baocao {

namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};
using TextPtr = std::unique_ptr<char, TextDeleter>;

// One Tesseract per thread, kept for the thread's life: loading the model is the slow part.
struct ThreadTesseract {
  std::unique_ptr<tesseract::TessBaseAPI> api;
  std::string key;   // tessdata_dir + "|" + languages it was started with
};
thread_local ThreadTesseract t_tesseract;

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

Result<tesseract::TessBaseAPI*> ThreadApi(const OcrOptions& options) {
  QuietLeptonica();
#ifdef _OPENMP
  // Tesseract asks OpenMP for a fixed team of threads; on busy cores (other workers, other
  // processes) the team spins and a page took 3.5x longer (8.3 s against 2.3 s measured).
  // Dynamic teams are sized by the load: all cores when idle, one when they are taken.
  omp_set_dynamic(1);
#endif
  std::string key = options.tessdata_dir + "|" + options.languages;
  if (t_tesseract.api && t_tesseract.key == key) return t_tesseract.api.get();
  t_tesseract.api.reset();
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  // Tesseract's own messages ("Estimating resolution ...") would reach standard error.
  api->SetVariable("debug_file", "/dev/null");
  const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
  if (api->Init(datapath, options.languages.c_str(), tesseract::OEM_DEFAULT) != 0) {
    return Status(ErrorCode::kInternal, "tesseract: cannot load the language data '" + options.languages +
                                            "' (install tesseract-ocr-vie, or set TESSDATA_PREFIX)");
  }
  api->SetVariable("debug_file", "/dev/null");
  api->SetPageSegMode(tesseract::PSM_AUTO);
  t_tesseract.api = std::move(api);
  t_tesseract.key = std::move(key);
  return t_tesseract.api.get();
}

// The page as an 8-bit Leptonica image; RGB read as its brightest channel (see ocr.h).
PixPtr ToPix(const OcrImage& image) {
  PixPtr pix(pixCreate(image.width, image.height, 8));
  if (!pix) return nullptr;
  pixSetResolution(pix.get(), image.dpi, image.dpi);
  l_uint32* data = pixGetData(pix.get());
  int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* row = image.pixels + static_cast<size_t>(y) * image.stride;
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    if (image.channels == 3) {
      for (int x = 0; x < image.width; ++x) {
        const uint8_t* p = row + 3 * x;
        SET_DATA_BYTE(line, x, std::max({p[0], p[1], p[2]}));
      }
    } else {
      for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, row[x]);
    }
  }
  return pix;
}

// Table rulings painted white: Tesseract reads a ruling beside a word as '|', '[' or 'I', which
// then splits cells into columns of their own, and its page layout breaks a ruled table into
// fragments. A ruling is a straight dark run longer than any letter stroke: 0.3 inch (22 pt;
// letters of these documents are 12-16 pt), found by a morphological opening of the
// binarized page, widened a little to take its antialiased edge.
void EraseRulings(Pix* gray, int dpi) {
  const int length = std::max(20, dpi * 3 / 10);
  PixPtr ink(pixConvertTo1(gray, 160));
  if (!ink) return;
  PixPtr vertical(pixOpenBrick(nullptr, ink.get(), 1, length));
  PixPtr horizontal(pixOpenBrick(nullptr, ink.get(), length, 1));
  if (!vertical || !horizontal) return;
  PixPtr rulings(pixOr(nullptr, vertical.get(), horizontal.get()));
  if (!rulings) return;
  PixPtr wide(pixDilateBrick(nullptr, rulings.get(), 3, 3));
  if (wide) pixSetMasked(gray, wide.get(), 255);
}

bool HasDigit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The characters Tesseract mistakes for one another in these documents' fonts.
bool IsConfusable(const char* glyph) {
  if (!glyph || !glyph[0] || glyph[1]) return false;
  switch (glyph[0]) {
    case '1': case '7': case '0': case '8': case '5': case '6': case ',': case '.': return true;
    default: return false;
  }
}

}  // namespace

std::string RepairOcrGlyphs(std::string s) {
  static constexpr std::string_view kEth = "\xC3\x90", kBigD = "\xC4\x90", kEnye = "\xC3\x91";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    std::string_view rest = std::string_view(s).substr(i);
    if (rest.substr(0, 2) == kEth) {
      if (!(out.size() >= 2 && std::string_view(out).substr(out.size() - 2) == kBigD)) out += kBigD;
      i += 2;
    } else if (rest.substr(0, 2) == kEnye) {
      if (out.empty() || out.back() != 'N') out += 'N';
      i += 2;
    } else {
      out += s[i++];
    }
  }
  return out;
}

Status OcrAvailable(const OcrOptions& options) {
  Result<tesseract::TessBaseAPI*> api = ThreadApi(options);
  return api.ok() ? Status::Ok() : api.status();
}

Result<OcrPage> RecognizeImage(const OcrImage& image, const OcrOptions& options) {
  if (!image.pixels || image.width <= 0 || image.height <= 0 || (image.channels != 1 && image.channels != 3) ||
      image.stride < image.width * image.channels) {
    return Status(ErrorCode::kInternal, "ocr: an empty or malformed page image");
  }
  Result<tesseract::TessBaseAPI*> api_or = ThreadApi(options);
  if (!api_or.ok()) return api_or.status();
  tesseract::TessBaseAPI* api = *api_or;

  OcrPage out;
  PixPtr gray = ToPix(image);
  if (!gray) return Status(ErrorCode::kInternal, "ocr: out of memory for the page image");
  // Deskew: Leptonica's sweep-and-search on a binarized copy; rotation about the centre, the
  // size kept, white brought in at the corners. A clone comes back when there is no skew to fix.
  l_float32 angle = 0, conf = 0;
  PixPtr straight(pixDeskewGeneral(gray.get(), 0, 0.0f, 0.0f, 0, 0, &angle, &conf));
  bool turned = straight && straight.get() != gray.get();
  if (!straight) straight.reset(pixClone(gray.get()));
  gray.reset();
  if (turned) out.skew_degrees = angle;
  EraseRulings(straight.get(), image.dpi);

  api->SetImage(straight.get());
  api->SetSourceResolution(image.dpi);
  tesseract::ETEXT_DESC monitor;
  if (options.page_timeout_ms > 0) monitor.set_deadline_msecs(options.page_timeout_ms);
  api->Recognize(&monitor);
  out.timed_out = options.page_timeout_ms > 0 && monitor.deadline_exceeded();

  // Boxes of the deskewed image turned back into the image as given: the inverse of Leptonica's
  // rotation by `angle` (clockwise positive, y down) about the centre.
  double theta = turned ? -angle * M_PI / 180.0 : 0.0;
  double cs = std::cos(theta), sn = std::sin(theta);
  double cx = image.width / 2.0, cy = image.height / 2.0;
  auto unturn = [&](float l, float t, float r, float b, float* box) {
    float xs[4] = {l, r, l, r}, ys[4] = {t, t, b, b};
    box[0] = box[1] = 1e30f;
    box[2] = box[3] = -1e30f;
    for (int k = 0; k < 4; ++k) {
      double x = cx + (xs[k] - cx) * cs - (ys[k] - cy) * sn;
      double y = cy + (xs[k] - cx) * sn + (ys[k] - cy) * cs;
      box[0] = std::min(box[0], float(x));
      box[1] = std::min(box[1], float(y));
      box[2] = std::max(box[2], float(x));
      box[3] = std::max(box[3], float(y));
    }
  };

  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  if (it) {
    using tesseract::RIL_SYMBOL;
    using tesseract::RIL_TEXTLINE;
    using tesseract::RIL_WORD;
    // Each line's baseline, and the line each word is on: the words' bands are set from them
    // once the page is read (below).
    struct Baseline {
      int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
      bool ok = false;
    };
    std::vector<Baseline> baselines;
    std::vector<size_t> line_of;
    bool glyph_doubt = false;
    auto close_word = [&] {
      if (out.words.empty()) return;
      OcrWord& w = out.words.back();
      w.uncertain_number = HasDigit(w.text) && (w.confidence < kUncertainWordConfidence || glyph_doubt);
    };
    do {
      if (it->Empty(RIL_SYMBOL)) continue;
      if (it->IsAtBeginningOf(RIL_TEXTLINE)) {
        Baseline line;
        line.ok = it->Baseline(RIL_TEXTLINE, &line.x1, &line.y1, &line.x2, &line.y2);
        baselines.push_back(line);
      }
      if (it->IsAtBeginningOf(RIL_WORD)) {
        close_word();
        glyph_doubt = false;
        TextPtr text(it->GetUTF8Text(RIL_WORD));
        int l = 0, t = 0, r = 0, b = 0;
        it->BoundingBox(RIL_WORD, &l, &t, &r, &b);
        OcrWord w;
        w.text = RepairOcrGlyphs(text ? text.get() : "");
        w.confidence = std::clamp(it->Confidence(RIL_WORD), 0.0f, 100.0f);
        w.x0 = float(l);
        w.x1 = float(r);
        w.y0 = float(t);
        w.y1 = float(b);
        unturn(float(l), float(t), float(r), float(b), w.page_box);
        if (w.text.find_first_not_of(" \t\n") != std::string::npos) {
          out.words.push_back(std::move(w));
          line_of.push_back(baselines.empty() ? 0 : baselines.size() - 1);
        }
      }
      TextPtr glyph(it->GetUTF8Text(RIL_SYMBOL));
      if (IsConfusable(glyph.get()) && it->Confidence(RIL_SYMBOL) < kUncertainGlyphConfidence) glyph_doubt = true;
    } while (it->Next(RIL_SYMBOL));
    close_word();
    // One band per line, as a font's ascent and descent give text-layer words: from the
    // baseline up by the line's median word height (most Vietnamese words carry a tone mark or
    // an ascender), down by a quarter of it. Words' own boxes vary with their letters, and the
    // paragraph reconstruction reads the spacing of lines from these bands.
    for (size_t first = 0; first < out.words.size();) {
      size_t last = first;
      while (last < out.words.size() && line_of[last] == line_of[first]) ++last;
      const Baseline& base = baselines.empty() ? Baseline{} : baselines[line_of[first]];
      if (base.ok) {
        std::vector<float> heights;
        for (size_t k = first; k < last; ++k) heights.push_back(out.words[k].y1 - out.words[k].y0);
        std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
        float h = heights[heights.size() / 2];
        for (size_t k = first; k < last; ++k) {
          OcrWord& w = out.words[k];
          float cx = (w.x0 + w.x1) / 2;
          float y = base.x2 != base.x1
                        ? base.y1 + (base.y2 - base.y1) * (cx - base.x1) / float(base.x2 - base.x1)
                        : float(base.y1);
          w.y0 = std::min(w.y0, y - h);
          w.y1 = y + 0.25f * h;
        }
      }
      first = last;
    }
  }
  api->Clear();
  return out;
}

}  // namespace baocao
