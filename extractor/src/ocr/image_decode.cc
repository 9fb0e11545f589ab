// Image pages read by Leptonica (baocao/ocr/image.h), inside the OCR module: headers for their
// sizes, then one page at a time decoded, turned upright by its EXIF orientation, as RGB.
#include <leptonica/allheaders.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>

#include "baocao/ocr/image.h"

namespace baocao {
namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

constexpr int kRgbChannels = 3;
constexpr int kRgbDepth = 32;
constexpr int kGrayDepth = 8;
// TIFF pages are found one directory walk each (Leptonica's readHeaderMemTiff starts from the
// first every time), so their count is bounded here as well as by the caller: a scanned report
// has tens of pages, and 500 walks of up to 500 directories stay well under a second.
constexpr size_t kMaxTiffPages = 500;
// EXIF orientations (CIPA DC-008 4.6.4, tag 0x0112): how the stored rows are to be shown.
enum Exif { kMirrored = 2, kHalfTurn = 3, kFlipped = 4, kTransposed = 5, kQuarterTurn = 6, kTransversed = 7, kThreeQuarters = 8 };
constexpr int kClockwiseQuarter = 1, kClockwiseHalf = 2, kClockwiseThreeQuarters = 3;

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

const l_uint8* Data(std::string_view bytes) { return reinterpret_cast<const l_uint8*>(bytes.data()); }

// `pix` shown as EXIF `orientation` says (1: as stored).
PixPtr Upright(PixPtr pix, int orientation) {
  switch (orientation) {
    case kMirrored: return PixPtr(pixFlipLR(nullptr, pix.get()));
    case kHalfTurn: return PixPtr(pixRotateOrth(pix.get(), kClockwiseHalf));
    case kFlipped: return PixPtr(pixFlipTB(nullptr, pix.get()));
    case kTransposed: {   // a quarter turn clockwise, then mirrored
      PixPtr turned(pixRotateOrth(pix.get(), kClockwiseQuarter));
      return turned ? PixPtr(pixFlipLR(nullptr, turned.get())) : nullptr;
    }
    case kQuarterTurn: return PixPtr(pixRotateOrth(pix.get(), kClockwiseQuarter));
    case kTransversed: {   // a quarter turn clockwise, then flipped
      PixPtr turned(pixRotateOrth(pix.get(), kClockwiseQuarter));
      return turned ? PixPtr(pixFlipTB(nullptr, turned.get())) : nullptr;
    }
    case kThreeQuarters: return PixPtr(pixRotateOrth(pix.get(), kClockwiseThreeQuarters));
    default: return pix;
  }
}

}  // namespace

Result<ImageInfo> ReadImageInfo(std::string_view bytes, size_t max_pages) {
  QuietLeptonica();
  ImageInfo info;
  info.format = SniffImage(bytes);
  if (info.format == ImageFormat::kNone) return Status(ErrorCode::kCorrupt, "not an image this engine reads");
  if (info.format != ImageFormat::kTiff) {
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    if (pixReadHeaderMem(Data(bytes), bytes.size(), &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0) {
      return Status(ErrorCode::kCorrupt, std::string("the ") + ImageFormatName(info.format) + " header cannot be read");
    }
    info.pages.push_back({w, h, 0});
    return info;
  }
  const size_t limit = std::min(max_pages, kMaxTiffPages);
  for (l_int32 n = 0;; ++n) {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
    if (readHeaderMemTiff(Data(bytes), bytes.size(), n, &w, &h, &bps, &spp, &res, &cmap, &format) != 0) break;
    if (info.pages.size() >= limit) {
      return Status(ErrorCode::kTooLarge, "the TIFF has more than " + std::to_string(limit) + " pages");
    }
    info.pages.push_back({w, h, res});
  }
  if (info.pages.empty()) return Status(ErrorCode::kCorrupt, "the TIFF header cannot be read");
  return info;
}

Result<DecodedImage> DecodeImage(std::string_view bytes, int index, int orientation) {
  QuietLeptonica();
  PixPtr pix(SniffImage(bytes) == ImageFormat::kTiff ? pixReadMemTiff(Data(bytes), bytes.size(), index)
                                                     : pixReadMem(Data(bytes), bytes.size()));
  if (!pix) return Status(ErrorCode::kCorrupt, "page " + std::to_string(index + 1) + " of the image cannot be decoded");
  DecodedImage out;
  out.dpi = pixGetXRes(pix.get());
  // A gray or black-and-white page stays one byte a pixel; colour (and a palette) becomes RGB.
  const bool gray = pixGetDepth(pix.get()) <= kGrayDepth && !pixGetColormap(pix.get());
  PixPtr ready(gray ? pixConvertTo8(pix.get(), 0) : pixGetDepth(pix.get()) == kRgbDepth ? pixClone(pix.get()) : pixConvertTo32(pix.get()));
  pix.reset();
  if (ready) ready = Upright(std::move(ready), orientation);
  if (!ready) return Status(ErrorCode::kCorrupt, "page " + std::to_string(index + 1) + " of the image cannot be converted");
  out.width = pixGetWidth(ready.get());
  out.height = pixGetHeight(ready.get());
  out.channels = gray ? 1 : kRgbChannels;
  out.stride = out.width * out.channels;
  out.pixels.resize(static_cast<size_t>(out.stride) * static_cast<size_t>(out.height));
  const l_uint32* data = pixGetData(ready.get());
  const l_int32 wpl = pixGetWpl(ready.get());
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * static_cast<size_t>(wpl);
    uint8_t* row = out.pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(out.stride);
    for (int x = 0; x < out.width; ++x) {
      if (gray) {
        row[x] = static_cast<uint8_t>(GET_DATA_BYTE(line, x));
        continue;
      }
      l_int32 r = 0, g = 0, b = 0;
      extractRGBValues(line[x], &r, &g, &b);
      row[kRgbChannels * x] = static_cast<uint8_t>(r);
      row[kRgbChannels * x + 1] = static_cast<uint8_t>(g);
      row[kRgbChannels * x + 2] = static_cast<uint8_t>(b);
    }
  }
  return out;
}

}  // namespace baocao
