// A PDF page rendered by Poppler's Splash device, stopping when told (source/page_render.h).
#include "source/page_render.h"

// Poppler's own classes (libpoppler-private-dev), as source/pdf.cc reads a page's words.
#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <splash/SplashBitmap.h>

#include <cstdio>

namespace baocao::pdf_internal {
namespace {

// An image's data read through to Poppler until `stop` says to stop, then an end of data: the
// image's decoder (a 300 dpi page's JPEG or Flate data, most of a scan's render) reads no
// further, and the draw runs out of rows. Asks `stop` once per kAskEvery bytes read (a row or
// a few of a page image). Does not own the stream it reads. (Poppler's FilterStream, made for
// this, is not exported by libpoppler: every call is passed on here.)
class StoppingStream : public Stream {
 public:
  StoppingStream(Stream* str, const std::function<bool()>& stop) : str_(str), stop_(stop) {}

  // Told apart from a decoder's own kind, so that nothing takes it for one.
  StreamKind getKind() const override { return strWeird; }
  void reset() override { str_->reset(); }
  void close() override { str_->close(); }
  int getChar() override { return Ask(1) ? EOF : str_->getChar(); }
  int lookChar() override { return stopped_ ? EOF : str_->lookChar(); }
  int getUnfilteredChar() override { return str_->getUnfilteredChar(); }
  void unfilteredReset() override { str_->unfilteredReset(); }
  Goffset getPos() override { return str_->getPos(); }
  void setPos(Goffset pos, int dir) override { str_->setPos(pos, dir); }
  bool isBinary(bool last) const override { return str_->isBinary(last); }
  BaseStream* getBaseStream() override { return str_->getBaseStream(); }
  Stream* getUndecodedStream() override { return str_->getUndecodedStream(); }
  Dict* getDict() override { return str_->getDict(); }
  Object* getDictObject() override { return str_->getDictObject(); }
  Stream* getNextStream() const override { return str_; }

 private:
  static constexpr long kAskEvery = 1 << 14;

  bool hasGetChars() override { return true; }
  int getChars(int count, unsigned char* buffer) override {
    if (Ask(count)) return 0;
    return str_->doGetChars(count, buffer);
  }
  // True once stopped; asks `stop_` when kAskEvery bytes have gone by since it last did.
  bool Ask(int bytes) {
    if (stopped_) return true;
    unasked_ += bytes;
    if (unasked_ < kAskEvery) return false;
    unasked_ = 0;
    stopped_ = stop_();
    return stopped_;
  }

  Stream* str_;
  const std::function<bool()>& stop_;
  long unasked_ = 0;
  bool stopped_ = false;
};

// Poppler's Splash device, its images read through a StoppingStream.
class StoppingSplash : public SplashOutputDev {
 public:
  StoppingSplash(SplashColorMode mode, SplashColorPtr paper, const std::function<bool()>& stop)
      : SplashOutputDev(mode, kRowPad, /*reverseVideoA=*/false, paper, /*bitmapTopDownA=*/true, splashThinLineDefault),
        stop_(stop) {}

  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* color_map,
                 bool interpolate, const int* mask_colors, bool inline_image) override {
    StoppingStream stopping(str, stop_);
    SplashOutputDev::drawImage(state, ref, &stopping, width, height, color_map, interpolate, mask_colors, inline_image);
  }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert, bool interpolate,
                     bool inline_image) override {
    StoppingStream stopping(str, stop_);
    SplashOutputDev::drawImageMask(state, ref, &stopping, width, height, invert, interpolate, inline_image);
  }
  void drawMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* color_map,
                       bool interpolate, Stream* mask_str, int mask_width, int mask_height, bool mask_invert,
                       bool mask_interpolate) override {
    StoppingStream stopping(str, stop_);
    SplashOutputDev::drawMaskedImage(state, ref, &stopping, width, height, color_map, interpolate, mask_str, mask_width,
                                     mask_height, mask_invert, mask_interpolate);
  }
  void drawSoftMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                           GfxImageColorMap* color_map, bool interpolate, Stream* mask_str, int mask_width,
                           int mask_height, GfxImageColorMap* mask_color_map, bool mask_interpolate) override {
    StoppingStream stopping(str, stop_);
    SplashOutputDev::drawSoftMaskedImage(state, ref, &stopping, width, height, color_map, interpolate, mask_str,
                                         mask_width, mask_height, mask_color_map, mask_interpolate);
  }

  static constexpr int kRowPad = 4;   // bytes a row is padded to, as poppler-cpp's images are

 private:
  const std::function<bool()>& stop_;
};

bool AskStop(void* stop) { return (*static_cast<const std::function<bool()>*>(stop))(); }

}  // namespace

RenderedPage RenderPage(PDFDoc& doc, int page_number, int dpi, PixelFormat format, const std::function<bool()>& stop) {
  static const std::function<bool()> kNever = [] { return false; };
  const std::function<bool()>& asked = stop ? stop : kNever;
  if (!doc.isOk() || page_number < 1 || page_number > doc.getNumPages() || asked()) return {};
  const bool gray = format == PixelFormat::kGray8;
  constexpr unsigned char kFull = 0xff;
  SplashColor paper = {kFull, kFull, kFull};   // white
  StoppingSplash device(gray ? splashModeMono8 : splashModeBGR8, paper, asked);
  // poppler-cpp's page_renderer with antialiasing and text_antialiasing, and no hinting.
  device.setFontAntialias(true);
  device.setVectorAntialias(true);
  device.setFreeTypeHinting(false, false);
  device.startDoc(&doc);
  doc.displayPageSlice(&device, page_number, dpi, dpi, /*rotate=*/0, /*useMediaBox=*/false, /*crop=*/true,
                       /*printing=*/false, -1, -1, -1, -1, &AskStop, const_cast<std::function<bool()>*>(&asked));
  if (asked()) return {};   // stopped part way: the pixels are not the page's
  std::shared_ptr<SplashBitmap> bitmap(device.takeBitmap());
  if (!bitmap || !bitmap->getDataPtr() || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0) return {};
  RenderedPage out;
  out.width = bitmap->getWidth();
  out.height = bitmap->getHeight();
  out.bytes_per_row = bitmap->getRowSize();
  out.channels = gray ? 1 : 3;
  out.pixels = bitmap->getDataPtr();
  out.owner = std::move(bitmap);
  return out;
}

}  // namespace baocao::pdf_internal
