// The one file that talks to Tesseract and Leptonica (docs/STYLE.md "Poppler behind one file",
// the same rule): a page image in, words with boxes and confidences out (baocao/ocr/ocr.h).
//
// Preparation: RGB is reduced to its brightest channel (coloured seals and signatures fade, the
// black text stays); the skew is measured and corrected with Leptonica (pixDeskewGeneral), so
// that the words of one printed line come out on one horizontal band for the line
// reconstruction of the PDF reader. Binarization is left to Tesseract (Otsu on the prepared
// gray), which reads these pages better than a fixed threshold of ours.
//
// After the page is read, a recovery pass reads again, one line at a time, the ink no word
// took (short values alone in narrow table cells that Tesseract's page layout drops), and the
// words get text-layer-like bands (LineBands) for the page layout.
#include <leptonica/allheaders.h>
#include <openssl/evp.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "baocao/ocr/ocr.h"
#include "core/rulings.h"
#include "core/statistics.h"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace baocao {

namespace {

constexpr int kGrayDepth = 8;          // bits a pixel of the image Tesseract reads
constexpr int kWhite = 255;            // of 8-bit gray
constexpr int kConnectivity = 8;       // a piece of ink joins its diagonal neighbours too
constexpr float kMedian = 0.5f;        // Percentile's quantile for the median
constexpr int kTenthsPerInch = 10;

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};
using TextPtr = std::unique_ptr<char, TextDeleter>;

// Tesseract with its page layout (FindLines, protected) callable alone. Thresholding and layout
// ask no cancel callback (about 0.4 s and 1 s of a 300 dpi page): run one at a time, the stop is
// asked between them and before recognition, which asks it within a word (issue 18).
class LayoutApi : public tesseract::TessBaseAPI {
 public:
  using TessBaseAPI::FindLines;
};

// One Tesseract per thread, kept for the thread's life: loading the model is the slow part.
struct ThreadTesseract {
  std::unique_ptr<LayoutApi> api;
  std::string key;   // tessdata_dir + "|" + languages it was started with
};
thread_local ThreadTesseract t_tesseract;
thread_local ThreadTesseract t_orientation;   // "osd": orientation detection, on first need

// The extraction this page belongs to was told to stop (OcrOptions::stop).
bool Stopped(const OcrOptions& options) { return options.stop && options.stop(); }

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

Result<LayoutApi*> ThreadApi(const OcrOptions& options) {
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
  auto api = std::make_unique<LayoutApi>();
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
  PixPtr pix(pixCreate(image.width, image.height, kGrayDepth));
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

// The rulings the layout can trust, left to right. A ruling drawn slanted (a phone photo's
// perspective, which deskewing does not undo) comes out of the vertical opening as a stair of
// short pieces, each a little aside of the last: the pieces are joined, and a joined ruling
// that drifts sideways is dropped, since no one x is its column boundary.
std::vector<OcrRuling> StraightRulings(std::vector<OcrRuling> pieces, int dpi, const OcrTuning& t) {
  return internal::JoinRulings(std::move(pieces), {.step = std::max(t.ruling_step_min, dpi / t.ruling_step_divisor),
                                                   .gap = std::max(t.ruling_gap_min, dpi / t.ruling_gap_divisor),
                                                   .drift = std::max(t.ruling_drift_min, dpi / t.ruling_drift_divisor)});
}

// Table rulings painted white: Tesseract reads a ruling beside a word as '|', '[' or 'I', which
// then splits cells into columns of their own, and its page layout breaks a ruled table into
// fragments. A ruling is a straight dark run longer than any letter stroke
// (OcrTuning::ruling_length_tenths), found by a morphological opening of the binarized page,
// widened a little to take its antialiased edge. Returns the vertical ones: each connected piece
// of the vertical mask (a ruling broken where a merged cell interrupts it is two pieces), as its
// centre line; StraightRulings picks those to trust.
std::vector<OcrRuling> EraseRulings(Pix* gray, int dpi, const OcrTuning& t) {
  std::vector<OcrRuling> found;
  const int length = std::max(t.ruling_min_length, dpi * t.ruling_length_tenths / kTenthsPerInch);
  PixPtr ink(pixConvertTo1(gray, t.binarize_gray));
  if (!ink) return found;
  PixPtr vertical(pixOpenBrick(nullptr, ink.get(), 1, length));
  PixPtr horizontal(pixOpenBrick(nullptr, ink.get(), length, 1));
  if (!vertical || !horizontal) return found;
  if (BOXA* boxes = pixConnComp(vertical.get(), nullptr, kConnectivity)) {
    for (int i = 0; i < boxaGetCount(boxes); ++i) {
      l_int32 x = 0, y = 0, w = 0, h = 0;
      boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
      // A thick dark bar (a picture's edge, a black box) is no ruling.
      if (h >= length && w <= std::max(t.ruling_max_thickness, dpi / t.ruling_thickness_divisor)) {
        found.push_back({x + static_cast<float>(w) / 2, float(y), float(y + h)});
      }
    }
    boxaDestroy(&boxes);
  }
  PixPtr rulings(pixOr(nullptr, vertical.get(), horizontal.get()));
  if (!rulings) return found;
  PixPtr wide(pixDilateBrick(nullptr, rulings.get(), t.ruling_erase_widen, t.ruling_erase_widen));
  if (wide) pixSetMasked(gray, wide.get(), kWhite);
  return found;
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

// What Tesseract gives for a page, before the words' bands are set (LineBands): the raw word
// boxes in the deskewed image and each text line's baseline and row height. This is what the
// cache keeps, so that the band rule can change without reading the pages again.
struct RawLine {
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  bool baseline_ok = false;
  float row_height = 0;   // Tesseract's x-height + ascenders + descenders of the row, pixels
};
struct RawPage {
  int quarter_turns = 0;            // clockwise quarter turns that set the page upright (OSD)
  std::vector<OcrWord> words;       // x0..y1: the word's own box in the deskewed image
  std::vector<OcrRuling> rulings;
  std::vector<uint32_t> line_of;    // index into lines, per word
  std::vector<RawLine> lines;
  float skew_degrees = 0;
  bool timed_out = false;
};

// --- The word cache ($BAOCAO_OCR_CACHE, ocr.h) ------------------------------------------------
// What a page reads to depends on its pixels, the options that reach Tesseract and this file's
// preparation (colour, deskew, rulings); kCacheVersion names the last, and changes whenever the
// preparation or what RawPage holds does, so a stale cache is never read.
constexpr const char* kCacheVersion = "ocr-raw-5";   // 5: pages turned upright by OSD

// The key also lists the tuning read before the cache (OcrTuning::ForEachReadingField), so that
// a page read with other thresholds is read again.
std::string CacheKey(const OcrImage& image, const OcrOptions& options) {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return "";
  std::string head = std::string(kCacheVersion) + "|" + options.languages + "|" + std::to_string(image.dpi) + "|" +
                     std::to_string(image.width) + "x" + std::to_string(image.height) + "x" +
                     std::to_string(image.channels) + "|";
  OcrTuning tuning = options.tuning;
  tuning.ForEachReadingField([&](std::string_view name, auto value) {
    head.append(name).append("=").append(std::to_string(value)).append("|");
  });
  EVP_DigestUpdate(ctx.get(), head.data(), head.size());
  const size_t row = static_cast<size_t>(image.width) * image.channels;
  for (int y = 0; y < image.height; ++y) {
    EVP_DigestUpdate(ctx.get(), image.pixels + static_cast<size_t>(y) * image.stride, row);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) return "";
  static const char* kHex = "0123456789abcdef";
  constexpr unsigned kLowNibble = 0xF;
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) (hex += kHex[digest[i] >> 4]) += kHex[digest[i] & kLowNibble];
  return hex;
}

// The numbers on a cache file's "line" and "word" lines, and room for one line as written.
constexpr int kLineFields = 6, kWordFields = 11;
constexpr size_t kCacheLineBytes = 256;

// A text file: "page SKEW TIMED_OUT QUARTER_TURNS", then "ruling X Y0 Y1" for each vertical ruling, "line X1
// Y1 X2 Y2 OK ROW_HEIGHT" for each text line, then "word LINE CONF UNCERTAIN X0 Y0 X1 Y1 B0 B1
// B2 B3 TEXT" for each word (Tesseract's words hold no newline).
bool ReadCache(const std::filesystem::path& file, RawPage* page) {
  std::ifstream in(file);
  if (!in) return false;
  std::string line;
  int timed_out = 0;
  constexpr int kPageFields = 3;
  if (!std::getline(in, line) ||
      std::sscanf(line.c_str(), "page %f %d %d", &page->skew_degrees, &timed_out, &page->quarter_turns) != kPageFields) {
    return false;
  }
  page->timed_out = timed_out != 0;
  while (std::getline(in, line)) {
    if (line.starts_with("ruling ")) {
      OcrRuling r;
      if (std::sscanf(line.c_str(), "ruling %f %f %f", &r.x, &r.y0, &r.y1) != 3) return false;
      page->rulings.push_back(r);
      continue;
    }
    if (line.starts_with("line ")) {
      RawLine l;
      int ok = 0;
      if (std::sscanf(line.c_str(), "line %d %d %d %d %d %f", &l.x1, &l.y1, &l.x2, &l.y2, &ok, &l.row_height) != kLineFields) {
        return false;
      }
      l.baseline_ok = ok != 0;
      page->lines.push_back(l);
      continue;
    }
    OcrWord w;
    unsigned line_index = 0;
    int uncertain = 0, used = 0;
    if (std::sscanf(line.c_str(), "word %u %f %d %f %f %f %f %f %f %f %f %n", &line_index, &w.confidence, &uncertain,
                    &w.x0, &w.y0, &w.x1, &w.y1, &w.page_box[0], &w.page_box[1], &w.page_box[2], &w.page_box[3],
                    &used) < kWordFields ||
        used <= 0) {
      return false;
    }
    w.uncertain_number = uncertain != 0;
    w.text = line.substr(static_cast<size_t>(used));
    page->words.push_back(std::move(w));
    page->line_of.push_back(line_index);
  }
  for (uint32_t l : page->line_of) {
    if (l >= page->lines.size() && !page->lines.empty()) return false;
  }
  return true;
}

void WriteCache(const std::filesystem::path& file, const RawPage& page) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::filesystem::path part = file;
  part += ".part" + std::to_string(reinterpret_cast<uintptr_t>(&page));
  {
    std::ofstream out(part);
    if (!out) return;
    char buf[kCacheLineBytes];
    std::snprintf(buf, sizeof buf, "page %.4f %d %d\n", page.skew_degrees, page.timed_out ? 1 : 0, page.quarter_turns);
    out << buf;
    for (const OcrRuling& r : page.rulings) {
      std::snprintf(buf, sizeof buf, "ruling %.1f %.1f %.1f\n", r.x, r.y0, r.y1);
      out << buf;
    }
    for (const RawLine& l : page.lines) {
      std::snprintf(buf, sizeof buf, "line %d %d %d %d %d %.2f\n", l.x1, l.y1, l.x2, l.y2, l.baseline_ok ? 1 : 0,
                    l.row_height);
      out << buf;
    }
    for (size_t k = 0; k < page.words.size(); ++k) {
      const OcrWord& w = page.words[k];
      std::snprintf(buf, sizeof buf, "word %u %.3f %d %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f ", page.line_of[k],
                    w.confidence, w.uncertain_number ? 1 : 0, w.x0, w.y0, w.x1, w.y1, w.page_box[0], w.page_box[1],
                    w.page_box[2], w.page_box[3]);
      out << buf << w.text << "\n";
    }
    if (!out) return;
  }
  std::filesystem::rename(part, file, ec);   // whole or not at all, for concurrent readers
  if (ec) std::filesystem::remove(part, ec);
}

// The words' bands, one per text line, as a text layer gives them: a PDF word's box is its
// font's ascent and descent, the same for every word of a line whatever its letters, and about
// one em tall (13.0 pt for the 13 pt text of these documents). The page layout (compose.h)
// measures word gaps, line steps and cell padding in that height, so OCR words must come with
// the same one: with the words' own ink height (about 0.7 em) every space between words looked
// half as wide again and split cells into columns. The em is taken from Tesseract's row height
// (OcrTuning::em_per_row_height). A row height far from the page's usual one (Tesseract fits
// none to a line of one short word, or one of brackets and digits only) gives way to the page's
// median.

// The page's usual row height: over lines of several words; with none, from the words' ink.
float UsualRowHeight(const RawPage& raw, const OcrTuning& t) {
  std::vector<size_t> words_on(raw.lines.size(), 0);
  for (uint32_t l : raw.line_of) {
    if (l < words_on.size()) ++words_on[l];
  }
  std::vector<float> rows;
  for (size_t l = 0; l < raw.lines.size(); ++l) {
    if (words_on[l] >= t.usual_row_min_words && raw.lines[l].row_height > 0) rows.push_back(raw.lines[l].row_height);
  }
  if (!rows.empty()) return internal::Percentile(std::move(rows), kMedian);
  if (raw.words.empty()) return 0;
  std::vector<float> heights;
  for (const OcrWord& w : raw.words) heights.push_back(w.y1 - w.y0);
  return t.ink_per_row * internal::Percentile(std::move(heights), kMedian);
}

// Each word's y0..y1 set to its line's band: an em from the row height, ascent_em of it above
// the baseline at the word's middle.
void SetLineBands(RawPage& raw, float usual, const OcrTuning& t) {
  for (size_t first = 0; first < raw.words.size();) {
    size_t last = first;
    while (last < raw.words.size() && raw.line_of[last] == raw.line_of[first]) ++last;
    const RawLine* line = raw.line_of[first] < raw.lines.size() ? &raw.lines[raw.line_of[first]] : nullptr;
    if (line && line->baseline_ok && usual > 0) {
      // Near the usual, a row's height is the estimate's noise, not another type size: a
      // heading of capitals with tone marks measured 1.35x its table's body, a line of digits
      // and signs ("100% (chỉ tiêu giao = 100%).") 1.3x its paragraph.
      float measured = line->row_height;
      bool other_size = std::fabs(measured - usual) > t.same_size_share * usual &&
                        measured >= t.other_size_min * usual && measured <= t.other_size_max * usual;
      float row = other_size ? measured : usual;
      float em = t.em_per_row_height * row;
      for (size_t k = first; k < last; ++k) {
        OcrWord& w = raw.words[k];
        float cx = (w.x0 + w.x1) / 2;
        float y = line->x2 != line->x1
                      ? line->y1 + (line->y2 - line->y1) * (cx - line->x1) / float(line->x2 - line->x1)
                      : float(line->y1);
        w.y0 = y - t.ascent_em * em;
        w.y1 = y + (1 - t.ascent_em) * em;
      }
    }
    first = last;
  }
}

// A comparator read as a word of its own ("≥ 70%" gives ">" and "70%", often from two passes
// with bands a little apart) joins the number after it: set apart, the gap between them looked
// like a column boundary. The comparator's text is emptied.
void JoinComparators(std::vector<OcrWord>& words, const OcrTuning& t) {
  auto is_comparator = [](const std::string& text) {
    return text == ">" || text == "<" || text == "=" || text == "\u2265" || text == "\u2264";
  };
  for (OcrWord& c : words) {
    if (!is_comparator(c.text)) continue;
    float h = c.y1 - c.y0, cy = (c.y0 + c.y1) / 2;
    OcrWord* next = nullptr;
    for (OcrWord& v : words) {
      if (&v == &c || v.text.empty() || v.text[0] < '0' || v.text[0] > '9') continue;
      if (v.x0 < c.x1 - t.comparator_overlap || v.x0 - c.x1 > t.comparator_gap * h ||
          std::fabs((v.y0 + v.y1) / 2 - cy) > t.comparator_drift * h) {
        continue;
      }
      if (!next || v.x0 < next->x0) next = &v;
    }
    if (!next) continue;
    next->text = c.text + next->text;
    next->x0 = c.x0;
    next->page_box[0] = std::min(next->page_box[0], c.page_box[0]);
    next->page_box[1] = std::min(next->page_box[1], c.page_box[1]);
    next->page_box[3] = std::max(next->page_box[3], c.page_box[3]);
    next->confidence = std::min(next->confidence, c.confidence);
    c.text.clear();
  }
}

OcrPage LineBands(RawPage raw, int dpi, const OcrTuning& t) {
  OcrPage out;
  out.skew_degrees = raw.skew_degrees;
  out.quarter_turns = raw.quarter_turns;
  out.timed_out = raw.timed_out;
  out.rulings = StraightRulings(std::move(raw.rulings), dpi, t);
  SetLineBands(raw, UsualRowHeight(raw, t), t);
  JoinComparators(raw.words, t);
  // A word of nothing but ruling remnants ("|", "_", "__"): what EraseRulings left of a
  // broken or faint ruling, never text in these documents.
  for (OcrWord& w : raw.words) {
    if (w.text.find_first_not_of("|_") == std::string::npos) continue;   // and "" (joined above)
    out.words.push_back(std::move(w));
  }
  return out;
}

Result<RawPage> RecognizeRaw(const OcrImage& image, const OcrOptions& options);

struct Region {
  int x = 0, y = 0, w = 0, h = 0;
};

// Word-sized pieces of the ink of `gray` (binarized at binarize_gray) outside every word's box:
// the letters of a piece joined by a closing a little wider than a space, so a piece is a word
// or a few words of one line. Pieces of a text line's height are kept, padded; none when the
// page has too few words to tell a line's height or when there are so many pieces that they
// are noise.
std::vector<Region> MissedInk(Pix* gray, const std::vector<OcrWord>& words, const OcrTuning& t) {
  std::vector<Region> out;
  if (words.size() < t.recovery_min_words) return out;
  std::vector<float> heights;
  for (const OcrWord& w : words) heights.push_back(w.y1 - w.y0);
  const float word_h = internal::Percentile(std::move(heights), kMedian);
  if (word_h < t.recovery_min_word_height) return out;
  PixPtr ink(pixConvertTo1(gray, t.binarize_gray));
  if (!ink) return out;
  const int pad = std::max(t.recovery_pad_min, int(t.recovery_pad * word_h));
  for (const OcrWord& w : words) {
    pixRasterop(ink.get(), int(w.x0) - pad, int(w.y0) - pad, int(w.x1 - w.x0) + 2 * pad, int(w.y1 - w.y0) + 2 * pad,
                PIX_CLR, nullptr, 0, 0);
  }
  const int join_x = std::max(t.recovery_join_min, int(t.recovery_join_x * word_h)) | 1;
  const int join_y = std::max(t.recovery_join_min, int(t.recovery_join_y * word_h)) | 1;
  PixPtr joined(pixCloseBrick(nullptr, ink.get(), join_x, join_y));
  if (!joined) return out;
  BOXA* boxes = pixConnComp(joined.get(), nullptr, kConnectivity);
  if (!boxes) return out;
  const int width = pixGetWidth(gray), height = pixGetHeight(gray);
  for (int i = 0; i < boxaGetCount(boxes); ++i) {
    l_int32 x = 0, y = 0, w = 0, h = 0;
    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    if (h < t.recovery_min_height * word_h || h > t.recovery_max_height * word_h ||
        w < t.recovery_min_width * word_h || w > t.recovery_max_width * word_h) {
      continue;
    }
    int m = int(t.recovery_margin * word_h);
    Region r;
    r.x = std::max(0, x - m);
    r.y = std::max(0, y - m);
    r.w = std::min(width, x + w + m) - r.x;
    r.h = std::min(height, y + h + m) - r.y;
    out.push_back(r);
  }
  boxaDestroy(&boxes);
  if (out.size() > t.max_recovered_regions) out.clear();
  return out;
}

}  // namespace

Status OcrAvailable(const OcrOptions& options) {
  Result<LayoutApi*> api = ThreadApi(options);
  return api.ok() ? Status::Ok() : api.status();
}

Result<OcrPage> RecognizeImage(const OcrImage& image, const OcrOptions& options) {
  if (!image.pixels || image.width <= 0 || image.height <= 0 || (image.channels != 1 && image.channels != 3) ||
      image.stride < image.width * image.channels) {
    return Status(ErrorCode::kInternal, "ocr: an empty or malformed page image");
  }
  const char* dir = std::getenv("BAOCAO_OCR_CACHE");
  std::string key = dir && *dir ? CacheKey(image, options) : "";
  std::filesystem::path file;
  if (!key.empty()) {
    file = std::filesystem::path(dir) / key.substr(0, 2) / (key + ".raw");
    RawPage cached;
    if (ReadCache(file, &cached)) return LineBands(std::move(cached), image.dpi, options.tuning);
  }
  Result<RawPage> raw = RecognizeRaw(image, options);
  if (!raw.ok()) return raw.status();
  if (!key.empty() && !raw->timed_out) WriteCache(file, *raw);
  return LineBands(std::move(*raw), image.dpi, options.tuning);
}

namespace {

constexpr double kDegreesPerHalfTurn = 180.0;
constexpr float kFarPixels = 1e30f;   // beyond any pixel: a box's empty extent before it grows

// The page image made ready for Tesseract: gray, deskewed, its rulings erased (their pieces in
// `out.rulings`, the skew corrected in `out.skew_degrees`).
constexpr int kQuarterTurns = 4;

struct PreparedImage {
  PixPtr straight;
  bool turned = false;   // deskewed: the boxes read are turned back (BoxTurnBack)
  float angle = 0;       // Leptonica's angle, degrees clockwise
  int quarter_turns = 0;       // clockwise quarter turns made before deskewing (OSD)
  int width = 0, height = 0;   // of the image after those turns
};

Result<PreparedImage> PrepareImage(const OcrImage& image, const OcrTuning& tuning, int quarter_turns, RawPage& out) {
  PixPtr gray = ToPix(image);
  if (!gray) return Status(ErrorCode::kInternal, "ocr: out of memory for the page image");
  PreparedImage prepared;
  if (quarter_turns % kQuarterTurns != 0) {
    // A page scanned sideways or upside down, turned upright first (OrientationOf).
    gray.reset(pixRotateOrth(gray.get(), quarter_turns));
    if (!gray) return Status(ErrorCode::kInternal, "ocr: out of memory turning the page image");
    prepared.quarter_turns = quarter_turns % kQuarterTurns;
  }
  prepared.width = static_cast<int>(pixGetWidth(gray.get()));
  prepared.height = static_cast<int>(pixGetHeight(gray.get()));
  // Deskew: Leptonica's sweep-and-search on a binarized copy; rotation about the centre, the
  // size kept, white brought in at the corners. A clone comes back when there is no skew to fix.
  l_float32 angle = 0, conf = 0;
  prepared.straight.reset(pixDeskewGeneral(gray.get(), 0, 0.0f, 0.0f, 0, 0, &angle, &conf));
  prepared.turned = prepared.straight && prepared.straight.get() != gray.get();
  if (!prepared.straight) prepared.straight.reset(pixClone(gray.get()));
  gray.reset();
  prepared.angle = angle;
  if (prepared.turned) out.skew_degrees = angle;
  out.rulings = EraseRulings(prepared.straight.get(), image.dpi, tuning);
  return prepared;
}

// Boxes of the deskewed image turned back into the image as given: the inverse of Leptonica's
// rotation by `angle` (clockwise positive, y down) about the centre.
class BoxTurnBack {
 public:
  BoxTurnBack(const OcrImage& image, const PreparedImage& prepared)
      : quarter_turns_(prepared.quarter_turns), width_(image.width), height_(image.height) {
    double theta = prepared.turned ? -prepared.angle * M_PI / kDegreesPerHalfTurn : 0.0;
    cs_ = std::cos(theta);
    sn_ = std::sin(theta);
    cx_ = static_cast<double>(prepared.width) / 2;
    cy_ = static_cast<double>(prepared.height) / 2;
  }

  // The box l, t, r, b turned back, as {x0, y0, x1, y1} into `box`.
  void operator()(float l, float t, float r, float b, float* box) const {
    float xs[4] = {l, r, l, r}, ys[4] = {t, t, b, b};
    box[0] = box[1] = kFarPixels;
    box[2] = box[3] = -kFarPixels;
    for (int k = 0; k < 4; ++k) {
      double x = cx_ + (xs[k] - cx_) * cs_ - (ys[k] - cy_) * sn_;
      double y = cy_ + (xs[k] - cx_) * sn_ + (ys[k] - cy_) * cs_;
      Unturn(x, y);
      box[0] = std::min(box[0], float(x));
      box[1] = std::min(box[1], float(y));
      box[2] = std::max(box[2], float(x));
      box[3] = std::max(box[3], float(y));
    }
  }

 private:
  // A point of the image turned `quarter_turns_` clockwise, back in the image as given
  // (width_ x height_).
  void Unturn(double& x, double& y) const {
    const double ox = x, oy = y;
    switch (quarter_turns_) {
      case 1: x = oy; y = height_ - ox; break;            // turned: (x, y) -> (H - y, x)
      case 2: x = width_ - ox; y = height_ - oy; break;   // turned: (x, y) -> (W - x, H - y)
      case 3: x = width_ - oy; y = ox; break;             // turned: (x, y) -> (y, W - x)
      default: break;
    }
  }

  double cs_ = 1, sn_ = 0, cx_ = 0, cy_ = 0;
  int quarter_turns_ = 0, width_ = 0, height_ = 0;
};

// The words of the page as Tesseract's iterator gives them, appended to `out` with their text
// lines; those below `min_confidence` left out. Called for the page, then again for each region
// of the recovery pass.
class WordCollector {
 public:
  WordCollector(const BoxTurnBack& turn_back, const OcrTuning& tuning, RawPage& out)
      : turn_back_(turn_back), tuning_(tuning), out_(out) {}

  void Collect(tesseract::ResultIterator* it, float min_confidence) {
    using tesseract::RIL_SYMBOL;
    using tesseract::RIL_TEXTLINE;
    using tesseract::RIL_WORD;
    glyph_doubt_ = false;
    first_word_ = out_.words.size();
    bool line_open = false;
    do {
      if (it->Empty(RIL_SYMBOL)) continue;
      if (it->IsAtBeginningOf(RIL_TEXTLINE)) line_open = false;
      if (it->IsAtBeginningOf(RIL_WORD)) {
        CloseWord();
        glyph_doubt_ = false;
        OcrWord w = ReadWord(it);
        if (w.text.find_first_not_of(" \t\n") != std::string::npos && w.confidence >= min_confidence) {
          if (!line_open) {
            OpenLine(it);
            line_open = true;
          }
          out_.words.push_back(std::move(w));
          out_.line_of.push_back(static_cast<uint32_t>(out_.lines.size() - 1));
        }
      }
      TextPtr glyph(it->GetUTF8Text(RIL_SYMBOL));
      if (IsConfusable(glyph.get()) && it->Confidence(RIL_SYMBOL) < tuning_.uncertain_glyph_confidence) {
        glyph_doubt_ = true;
      }
    } while (it->Next(RIL_SYMBOL));
    CloseWord();
  }

 private:
  // The word just read, now that its glyphs' confidences are known.
  void CloseWord() {
    if (out_.words.size() <= first_word_) return;
    OcrWord& w = out_.words.back();
    w.uncertain_number = HasDigit(w.text) && (w.confidence < tuning_.uncertain_word_confidence || glyph_doubt_);
  }

  OcrWord ReadWord(tesseract::ResultIterator* it) const {
    TextPtr text(it->GetUTF8Text(tesseract::RIL_WORD));
    int l = 0, t = 0, r = 0, b = 0;
    it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
    OcrWord w;
    w.text = RepairOcrGlyphs(text ? text.get() : "");
    w.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
    w.x0 = float(l);
    w.x1 = float(r);
    w.y0 = float(t);
    w.y1 = float(b);
    turn_back_(float(l), float(t), float(r), float(b), w.page_box);
    return w;
  }

  void OpenLine(tesseract::ResultIterator* it) {
    RawLine line;
    line.baseline_ok = it->Baseline(tesseract::RIL_TEXTLINE, &line.x1, &line.y1, &line.x2, &line.y2);
    float descenders = 0, ascenders = 0;
    it->RowAttributes(&line.row_height, &descenders, &ascenders);
    out_.lines.push_back(line);
  }

  const BoxTurnBack& turn_back_;
  const OcrTuning& tuning_;
  RawPage& out_;
  bool glyph_doubt_ = false;
  size_t first_word_ = 0;
};

// Recovery: Tesseract's page layout drops short text standing alone in a narrow table cell
// (a row's number "3", a target "≥ 50" between two rulings) as if it were not text. The ink
// that no word took, grouped into word-sized pieces, is read again one piece at a time as a
// single line; what reads with confidence joins the page.
void RecoverMissedInk(tesseract::TessBaseAPI* api, Pix* straight, tesseract::ETEXT_DESC& monitor,
                      const OcrOptions& options, WordCollector& collector, const RawPage& out) {
  std::vector<Region> regions = MissedInk(straight, out.words, options.tuning);
  if (regions.empty()) return;
  api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  for (const Region& r : regions) {
    if ((options.page_timeout_ms > 0 && monitor.deadline_exceeded()) || Stopped(options)) break;
    api->SetRectangle(r.x, r.y, r.w, r.h);
    if (api->Recognize(&monitor) != 0) continue;
    std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
    if (it) collector.Collect(it.get(), options.tuning.recovered_confidence);
  }
  api->SetPageSegMode(tesseract::PSM_AUTO);
}

// The clockwise quarter turns that make the page image upright, by Tesseract's orientation
// detection ("osd" data, Debian's tesseract-ocr-osd); 0 when it is upright, when the detection
// is unsure, or when the data is missing (the page is then read as it is).
int OrientationOf(const OcrImage& image, const OcrOptions& options) {
  std::string key = options.tessdata_dir + "|osd";
  if (!t_orientation.api || t_orientation.key != key) {
    t_orientation.api.reset();
    auto api = std::make_unique<LayoutApi>();
    api->SetVariable("debug_file", "/dev/null");
    const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
    if (api->Init(datapath, "osd", tesseract::OEM_DEFAULT) != 0) return 0;
    api->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    t_orientation.api = std::move(api);
    t_orientation.key = std::move(key);
  }
  PixPtr gray = ToPix(image);
  if (!gray) return 0;
  tesseract::TessBaseAPI* api = t_orientation.api.get();
  api->SetImage(gray.get());
  api->SetSourceResolution(image.dpi);
  int degrees = 0;
  float confidence = 0, script_confidence = 0;
  const char* script = nullptr;
  const bool found = api->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
  api->Clear();
  constexpr int kDegreesPerQuarter = 90;
  if (!found || confidence < options.tuning.orientation_min_confidence) return 0;
  // `degrees`: how far the image is turned clockwise; turning it on to a full turn sets it upright.
  return (kQuarterTurns - (degrees / kDegreesPerQuarter) % kQuarterTurns) % kQuarterTurns;
}

float MedianConfidence(const RawPage& page) {
  std::vector<float> confidences;
  for (const OcrWord& w : page.words) confidences.push_back(w.confidence);
  return confidences.empty() ? 0.0f : internal::Percentile(std::move(confidences), kMedian);
}

// Whether most words of several letters stand taller than they are wide: lines running down
// the page, a page scanned sideways (Tesseract reads such lines, with good confidence).
bool MostlyVertical(const RawPage& page) {
  constexpr size_t kMinLetters = 4;
  size_t judged = 0, vertical = 0;
  for (const OcrWord& w : page.words) {
    if (w.text.size() < kMinLetters) continue;
    ++judged;
    vertical += (w.y1 - w.y0) > (w.x1 - w.x0);
  }
  return judged > 0 && 2 * vertical > judged;
}

// One reading of the page image turned `quarter_turns` clockwise first.
Result<RawPage> ReadTurned(LayoutApi* api, const OcrImage& image, const OcrOptions& options,
                           int quarter_turns) {
  RawPage out;
  Result<PreparedImage> prepared = PrepareImage(image, options.tuning, quarter_turns, out);
  if (!prepared.ok()) return prepared.status();
  // Told to stop before the first word, the page is left (timed out, with no words): the
  // thresholding and layout run one at a time (LayoutApi), as Recognize would run them.
  if ((out.timed_out = Stopped(options))) return out;
  tesseract::ETEXT_DESC monitor;
  if (options.page_timeout_ms > 0) monitor.set_deadline_msecs(options.page_timeout_ms);
  if (options.stop) monitor.cancel = [](void* stop, int) { return (*static_cast<const std::function<bool()>*>(stop))(); };
  monitor.cancel_this = const_cast<std::function<bool()>*>(&options.stop);
  api->SetImage(prepared->straight.get());
  api->SetSourceResolution(image.dpi);
  PixPtr binary(api->GetThresholdedImage());   // a clone: Tesseract keeps its own
  if (!Stopped(options)) api->FindLines();
  if ((out.timed_out = Stopped(options))) {
    api->Clear();
    return out;
  }
  api->Recognize(&monitor);
  out.timed_out = (options.page_timeout_ms > 0 && monitor.deadline_exceeded()) || Stopped(options);

  BoxTurnBack turn_back(image, *prepared);
  WordCollector collector(turn_back, options.tuning, out);
  {
    std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
    if (it) collector.Collect(it.get(), 0.0f);
  }
  if (!out.timed_out) RecoverMissedInk(api, prepared->straight.get(), monitor, options, collector, out);
  api->Clear();
  return out;
}

// The page read as it is; when it reads with little confidence (a page scanned upside down
// reads as noise, with a third of the confidence) or in lines running down the page (one
// scanned sideways), its orientation is detected and the page read again turned upright, the
// better reading kept (a sideways page's words read as well either way: the turned one).
Result<RawPage> RecognizeRaw(const OcrImage& image, const OcrOptions& options) {
  Result<LayoutApi*> api_or = ThreadApi(options);
  if (!api_or.ok()) return api_or.status();
  Result<RawPage> read = ReadTurned(*api_or, image, options, 0);
  if (!read.ok() || read->timed_out ||
      (MedianConfidence(*read) >= options.tuning.orientation_check_confidence && !MostlyVertical(*read))) {
    return read;
  }
  if (Stopped(options)) return read;   // no second reading once told to stop
  const int turns = OrientationOf(image, options);
  if (turns == 0) return read;
  Result<RawPage> turned = ReadTurned(*api_or, image, options, turns);
  if (!turned.ok() || (MedianConfidence(*turned) <= MedianConfidence(*read) && !MostlyVertical(*read))) return read;
  turned->quarter_turns = turns;
  return turned;
}

}  // namespace

}  // namespace baocao
