// Image files known by their bytes, and a JPEG's EXIF orientation read by a bounded parser
// (issue 20, baocao/ocr/image.h): no decoding, no OCR module needed.
#include <gtest/gtest.h>

#include <string>

#include "baocao/ocr/image.h"

namespace baocao {
namespace {

using namespace std::literals;

TEST(SniffImage, KnowsEachFormatByItsMagicNumbersWhateverTheName) {
  struct Case {
    std::string bytes;
    ImageFormat want;
  };
  const Case cases[] = {
      {"\xFF\xD8\xFF\xE0\0\x10JFIF"s, ImageFormat::kJpeg},
      {"\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s, ImageFormat::kPng},
      {"II*\0\x08\0\0\0"s, ImageFormat::kTiff},
      {"MM\0*\0\0\0\x08"s, ImageFormat::kTiff},
      {"RIFF\x24\0\0\0WEBPVP8 "s, ImageFormat::kWebp},
      {"RIFF\x24\0\0\0WAVEfmt "s, ImageFormat::kNone},   // a RIFF that is a sound
      {"\x89PNG"s, ImageFormat::kNone},                  // cut before the signature ends
      {"%PDF-1.7"s, ImageFormat::kNone},
      {"GIF89a"s, ImageFormat::kNone},
      {""s, ImageFormat::kNone},
  };
  for (const Case& c : cases) EXPECT_EQ(SniffImage(c.bytes), c.want) << ImageFormatName(c.want);
}

// A JPEG's first bytes with an APP1 EXIF segment holding one IFD entry, Orientation = `value`.
std::string JpegWithExif(int value, bool little_endian) {
  std::string tiff = little_endian ? "II*\0\x08\0\0\0"s : "MM\0*\0\0\0\x08"s;
  auto u16 = [&](int v) {
    char hi = static_cast<char>((v >> 8) & 0xFF), lo = static_cast<char>(v & 0xFF);
    tiff += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  };
  u16(1);            // one entry
  u16(0x0112);       // Orientation
  u16(3);            // SHORT
  tiff += little_endian ? "\x01\0\0\0"s : "\0\0\0\x01"s;   // count 1
  u16(value);
  u16(0);
  tiff += "\0\0\0\0"s;   // no next IFD
  std::string body = "Exif\0\0"s + tiff;
  const size_t length = body.size() + 2;
  std::string segment = "\xFF\xE1"s + static_cast<char>(length >> 8) + static_cast<char>(length & 0xFF) + body;
  return "\xFF\xD8"s + segment + "\xFF\xDA\0\x02"s;   // then the scan: headers end
}

TEST(ExifOrientation, ReadsTheTagInEitherByteOrder) {
  for (int v = 1; v <= 8; ++v) {
    EXPECT_EQ(ExifOrientation(JpegWithExif(v, false)), v);
    EXPECT_EQ(ExifOrientation(JpegWithExif(v, true)), v);
  }
}

TEST(ExifOrientation, IsUprightWhenAbsentMalformedOrOutOfRange) {
  EXPECT_EQ(ExifOrientation("\xFF\xD8\xFF\xE0\0\x04\0\0\xFF\xDA\0\x02"s), 1);   // JFIF only
  EXPECT_EQ(ExifOrientation(JpegWithExif(9, false)), 1);                        // no such orientation
  EXPECT_EQ(ExifOrientation(JpegWithExif(0, true)), 1);
  std::string cut = JpegWithExif(6, false);
  for (size_t n = 0; n < cut.size(); ++n) {
    int got = ExifOrientation(cut.substr(0, n));   // every truncation: never a read past the end
    EXPECT_TRUE(got == 1 || got == 6) << n;
  }
  std::string lying = JpegWithExif(6, false);
  lying[4] = '\x7F';   // a segment length past the end of the file
  EXPECT_EQ(ExifOrientation(lying), 1);
  EXPECT_EQ(ExifOrientation("II*\0"s), 1);   // a TIFF's own orientation is not EXIF's
}

}  // namespace
}  // namespace baocao
