// Internal: a PDF page rendered into pixels for the ink count and OCR (source/page_ocr.h),
// through Poppler's core Splash device rather than poppler-cpp's page_renderer, so that a
// render stops when its extraction is told to stop (a timeout, a cancel, the memory ceiling:
// issue 18). The pixels are those poppler-cpp's page_renderer gives with antialiasing and text
// antialiasing on: the page upright as displayed, its crop box, on white, rows padded to 4 bytes.
//
//   RenderedPage gray = RenderPage(doc, 3, 50, PixelFormat::kGray8, stop);
//   if (!gray.valid()) ...   // no such page, or `stop` said to stop before the last pixel
//
// Poppler asks `stop` between the content stream's operators (every 10) and, while it decodes
// an image, every 16 KB it reads: a 300 dpi scan page, one image, stops decoding within a few
// rows. Splash still scales and composites the image's remaining (blank) rows, which it does not
// let us interrupt: 0.1 to 0.4 s of a 300 dpi page under load, against 0.6 to 1.9 s for the
// whole render.
// One page per call; `doc` is the calling thread's own (a PDFDoc is not to be shared).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

class PDFDoc;

namespace baocao::pdf_internal {

enum class PixelFormat { kGray8, kBgr24 };

// A rendered page; owns its pixels.
struct RenderedPage {
  int width = 0, height = 0;
  int bytes_per_row = 0;
  int channels = 0;                 // 1: gray; 3: blue, green, red
  const uint8_t* pixels = nullptr;  // rows top down, owned by `owner`
  std::shared_ptr<void> owner;
  bool valid() const { return pixels != nullptr; }
};

// Page `page_number` (1-based) of `doc` at `dpi`; invalid when the page cannot be rendered or
// `stop` (may be empty: never) returned true before the render ended.
RenderedPage RenderPage(PDFDoc& doc, int page_number, int dpi, PixelFormat format, const std::function<bool()>& stop);

}  // namespace baocao::pdf_internal
