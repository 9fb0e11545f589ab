// Image files read by OCR into pages (baocao/source/image.h): each page decoded by Leptonica
// (baocao/ocr/image.h), read by Tesseract, and laid out by the code a scanned PDF's pages go
// through (pdf_page.h: words to page models; page_model.h: running lines; compose.h: text).
#include "baocao/source/image.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "baocao/ocr/image.h"
#include "core/statistics.h"
#include "source/page_model.h"
#include "source/page_ocr.h"
#include "source/pdf_page.h"

namespace baocao {
namespace {

using pdf_internal::Pending;
using pdf_internal::RawWord;

constexpr double kPointsPerInch = 72.0;
// A declared resolution below this is a default (72, 96: screens) and says nothing of the paper;
// above the other, nonsense. Scanners write 150-600.
constexpr int kMinDeclaredDpi = 100, kMaxDeclaredDpi = 1200;
constexpr double kA4ShortSideMm = 210, kMillimetresPerInch = 25.4;
constexpr double kA4ShortSideInches = kA4ShortSideMm / kMillimetresPerInch;
constexpr int kMinEstimatedDpi = 50;    // an image this coarse is unreadable anyway
constexpr size_t kNeighbours = 2;       // pages on each side compared for running lines, as in pdf.cc
constexpr int kUpright = 1;             // EXIF orientation: as stored
constexpr double kMillion = 1e6;

int PageDpi(const DecodedImage& image) {
  if (image.dpi >= kMinDeclaredDpi && image.dpi <= kMaxDeclaredDpi) return image.dpi;
  const double shorter = std::min(image.width, image.height);
  return std::max(kMinEstimatedDpi, static_cast<int>(std::lround(shorter / kA4ShortSideInches)));
}

class ImageReader {
 public:
  ImageReader(std::string_view bytes, const PdfOptions& options) : bytes_(bytes), options_(options) {}

  Result<PdfDocument> Run() {
    const ImageFormat format = SniffImage(bytes_);
    const std::string what = std::string("a ") + ImageFormatName(format) + " image";
    if (options_.ocr.mode == OcrMode::kNever) {
      return Status(ErrorCode::kNoText, what + ": its text is read only by text recognition (OCR), which is off (--ocr never)");
    }
    Result<ImageInfo> info = ReadImageInfo(bytes_, static_cast<size_t>(std::max(options_.max_pages, 0)));
    if (!info.ok()) return info.status();
    if (Status within = WithinLimits(*info, what); !within.ok()) return within;
    orientation_ = format == ImageFormat::kJpeg ? ExifOrientation(bytes_) : kUpright;
    std::vector<Pending> pending(info->pages.size());
    for (size_t i = 0; i < pending.size(); ++i) {
      if (Status s = options_.budget.Check("image page " + std::to_string(i + 1)); !s.ok()) return s;
      if (Status s = ReadPage(static_cast<int>(i), static_cast<int>(pending.size()), pending[i]); !s.ok()) return s;
    }
    PdfDocument out;
    pdf_internal::LayoutCarry carry;
    for (size_t k = 0; k < pending.size(); ++k) {
      std::vector<pdf_internal::PageModel*> window;
      const size_t first = k >= kNeighbours ? k - kNeighbours : 0;
      for (size_t j = first; j < pending.size() && j <= k + kNeighbours; ++j) window.push_back(&pending[j].model);
      pdf_internal::MarkRunningLines(window, k - first, options_.compose);
      out.pages.push_back(pdf_internal::ComposePdfPage(pending[k], /*keep_boxes=*/true, options_.compose, carry));
    }
    NoteRepairs(out.repairs);
    for (const PdfPage& p : out.pages) {
      if (!p.text.empty()) return out;
    }
    return Status(ErrorCode::kNoText, what + " with no text read (" + WhyNoText() + ")");
  }

 private:
  // Every page's declared size against the limits, before any is decoded.
  Status WithinLimits(const ImageInfo& info, const std::string& what) const {
    if (info.pages.size() > static_cast<size_t>(std::max(options_.max_pages, 0))) {
      return Status(ErrorCode::kTooLarge, what + " of " + std::to_string(info.pages.size()) + " pages, more than the limit of " +
                                              std::to_string(options_.max_pages) + " (--max-pages)");
    }
    for (size_t i = 0; i < info.pages.size(); ++i) {
      const ImagePageInfo& p = info.pages[i];
      const double pixels = static_cast<double>(p.width) * p.height;
      if (pixels > options_.limits.max_image_pixels) {
        return Status(ErrorCode::kTooLarge, what + ": page " + std::to_string(i + 1) + " is " + std::to_string(p.width) + " x " +
                                                std::to_string(p.height) + " pixels, over the limit of " +
                                                std::to_string(std::lround(options_.limits.max_image_pixels / kMillion)) +
                                                " million pixels (not decoded)");
      }
    }
    return Status::Ok();
  }

  // Page `index` decoded, read by OCR and made into page models in `p`. An OCR failure is noted
  // (the page stays empty); a page that cannot be decoded is the document's error.
  Status ReadPage(int index, int pages, Pending& p) {
    p.model.number = index + 1;
    Result<OcrPage> read = Status(ErrorCode::kInternal, "not read");
    int dpi = 0;
    float width = 0, height = 0;
    {   // the pixels live only while Tesseract reads them
      Result<DecodedImage> image = DecodeImage(bytes_, index, orientation_);
      if (!image.ok()) return image.status();
      dpi = PageDpi(*image);
      OcrOptions ocr = pdf_internal::WithinBudget(options_.ocr, options_.budget);
      ocr.dpi = dpi;
      if (ocr.progress) ocr.progress(index + 1, pages);
      read = RecognizeImage(image->view(dpi), ocr);
      const float pt = static_cast<float>(kPointsPerInch / dpi);
      width = static_cast<float>(image->width) * pt;
      height = static_cast<float>(image->height) * pt;
    }
    std::vector<RawWord> raw;
    if (!read.ok()) {
      ocr_error_ = read.status().message();
      failed_.push_back(p.model.number);
    } else {
      p.ocr = true;
      ocr_pages_.push_back(p.model.number);
      if (read->timed_out) timed_out_.push_back(p.model.number);
      if (read->quarter_turns != 0) turned_.push_back(p.model.number);
      if (Readable(*read, options_.ocr.tuning)) {
        raw = pdf_internal::RawWordsOfOcr(*read, dpi, &p.rulings);
        for (RawWord& w : raw) pdf_internal::RepairOcrDigits(w);
      } else {
        unreadable_.push_back(p.model.number);
      }
    }
    pdf_internal::BuildPageModels(raw, width, height, options_.compose, p);
    return Status::Ok();
  }

  // A page read with a median confidence this low is no text (OcrTuning::readable_median_confidence).
  static bool Readable(const OcrPage& read, const OcrTuning& tuning) {
    if (read.words.empty()) return true;
    std::vector<float> confidences;
    for (const OcrWord& w : read.words) confidences.push_back(w.confidence);
    return internal::Percentile(std::move(confidences), pdf_internal::kMedian) >= tuning.readable_median_confidence;
  }

  void NoteRepairs(std::vector<std::string>& repairs) const {
    if (orientation_ != kUpright) repairs.push_back("exif_orientation:" + std::to_string(orientation_));
    pdf_internal::AppendPageRuns(repairs, "ocr", ocr_pages_);
    pdf_internal::AppendPageRuns(repairs, "ocr_timeout", timed_out_);
    pdf_internal::AppendPageRuns(repairs, "ocr_turned", turned_);
    pdf_internal::AppendPageRuns(repairs, "ocr_failed", failed_);
    pdf_internal::AppendPageRuns(repairs, "ocr_unreadable", unreadable_);
  }

  std::string WhyNoText() const {
    if (!ocr_error_.empty()) return "text recognition (OCR) failed: " + ocr_error_;
    if (!unreadable_.empty()) {
      return "text recognition (OCR) could not read it with confidence: too coarse, blurred, or a photograph of no text";
    }
    return "text recognition (OCR) found no text on it";
  }

  std::string_view bytes_;
  const PdfOptions& options_;
  int orientation_ = kUpright;
  std::vector<int> ocr_pages_, timed_out_, turned_, failed_, unreadable_;
  std::string ocr_error_;
};

}  // namespace

bool LooksLikeImage(std::string_view bytes) { return SniffImage(bytes) != ImageFormat::kNone; }

Result<PdfDocument> ReadImage(std::string_view bytes, const PdfOptions& options) {
  if (!LooksLikeImage(bytes)) return Status(ErrorCode::kCorrupt, "not an image (no JPEG, PNG, TIFF or WebP signature)");
  return ImageReader(bytes, options).Run();
}

}  // namespace baocao
