// A page decoded from an image file (baocao/ocr/image.h DecodeImage, inside the OCR module):
// a TIFF's own Orientation tag turns the page as Leptonica decodes it (issue 20), so the TIFF
// path needs no EXIF reading of its own, as a JPEG's does.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "baocao/ocr/image.h"

namespace baocao {
namespace {

// An uncompressed 8-bit gray little-endian TIFF of 4 x 2 pixels, all white but the first stored
// pixel (row 0, column 0), whose one IFD carries Orientation = `orientation`.
std::string TinyTiff(int orientation) {
  constexpr uint16_t kShort = 3, kLong = 4;
  constexpr int kWidth = 4, kHeight = 2;
  struct Entry {
    uint16_t tag, type;
    uint32_t value;
  };
  const uint32_t ifd_at = 8;
  const std::vector<Entry> entries = {
      {256, kShort, kWidth},  {257, kShort, kHeight}, {258, kShort, 8},      {259, kShort, 1},
      {262, kShort, 1},       {273, kLong, 0},        {274, kShort, static_cast<uint32_t>(orientation)},
      {277, kShort, 1},       {278, kShort, kHeight}, {279, kLong, kWidth * kHeight},
  };
  const uint32_t pixels_at = ifd_at + 2 + static_cast<uint32_t>(entries.size()) * 12 + 4;
  std::string out = std::string("II*\0", 4);
  auto put = [&](uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  put(ifd_at, 4);
  put(static_cast<uint32_t>(entries.size()), 2);
  for (const Entry& e : entries) {
    put(e.tag, 2);
    put(e.type, 2);
    put(1, 4);
    put(e.tag == 273 ? pixels_at : e.value, 4);   // a SHORT sits in the first two of the four bytes
  }
  put(0, 4);   // no next IFD
  out.push_back('\0');
  out.append(kWidth * kHeight - 1, '\xFF');
  return out;
}

int Pixel(const DecodedImage& image, int row, int column) {
  return image.pixels[static_cast<size_t>(row) * image.stride + static_cast<size_t>(column) * image.channels];
}

TEST(DecodeImage, TurnsATiffPageByItsOwnOrientationTag) {
  struct Case {
    int orientation;
    int width, height;       // as decoded
    int dark_row, dark_col;  // where the first stored pixel lands
  };
  const Case cases[] = {
      {1, 4, 2, 0, 0},   // as stored
      {3, 4, 2, 1, 3},   // a half turn
      {6, 2, 4, 0, 1},   // stored a quarter turn anticlockwise: shown turned clockwise
      {8, 2, 4, 3, 0},   // stored a quarter turn clockwise
  };
  for (const Case& c : cases) {
    Result<DecodedImage> page = DecodeImage(TinyTiff(c.orientation), 0, /*orientation=*/1);
    ASSERT_TRUE(page.ok()) << c.orientation << ": " << page.status().message();
    EXPECT_EQ(page->width, c.width) << "orientation " << c.orientation;
    EXPECT_EQ(page->height, c.height) << "orientation " << c.orientation;
    if (page->width != c.width || page->height != c.height) continue;
    EXPECT_LT(Pixel(*page, c.dark_row, c.dark_col), 128) << "orientation " << c.orientation;
  }
}

}  // namespace
}  // namespace baocao
