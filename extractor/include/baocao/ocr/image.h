// Image files as input (issue 20): what kind of image the bytes are (by their magic numbers,
// never by the file's name), their pages' sizes read from the headers alone, the EXIF
// orientation of a photograph, and a page decoded into the pixels RecognizeImage reads.
//
//   baocao::ImageFormat f = baocao::SniffImage(bytes);            // kJpeg, kPng, kTiff, kWebp
//   baocao::Result<baocao::ImageInfo> info = baocao::ReadImageInfo(bytes, 100);
//   if (!info.ok()) ...;   // kCorrupt (a header Leptonica cannot read), kTooLarge (more pages
//                          // than asked), kInternal (the OCR module is missing)
//   if (info->pages[0].width * double(info->pages[0].height) > 200e6) refuse();   // not decoded
//   baocao::Result<baocao::DecodedImage> page = baocao::DecodeImage(bytes, 0, ExifOrientation(bytes));
//   baocao::RecognizeImage(page->view(), options);
//
// Leptonica reads the images, inside the OCR module (ocr/module.h), so a process that reads
// no image never loads it; SniffImage and ExifOrientation are plain parsers of a few bytes.
// Memory: DecodeImage holds the decoded page twice while it converts it (Leptonica's copy and
// the pixels returned): up to 7 bytes a pixel for colour, 2 for gray, which is why callers
// check ReadImageInfo's sizes first. Thread safety: all may run on several threads at once. Nothing here throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "baocao/core/status.h"
#include "baocao/ocr/ocr.h"

namespace baocao {

enum class ImageFormat { kNone, kJpeg, kPng, kTiff, kWebp };

// By magic numbers: JPEG FF D8 FF, PNG 89 'PNG' 0D 0A 1A 0A, TIFF "II*\0" or "MM\0*", WebP
// "RIFF" .... "WEBP". kNone for anything else.
ImageFormat SniffImage(std::string_view bytes);
const char* ImageFormatName(ImageFormat format);   // "jpeg", "png", "tiff", "webp", "none"

struct ImagePageInfo {
  int width = 0;    // pixels, as stored (before any EXIF turn)
  int height = 0;
  int dpi = 0;      // declared resolution; 0 when the header declares none
};

struct ImageInfo {
  ImageFormat format = ImageFormat::kNone;
  std::vector<ImagePageInfo> pages;   // one, except for a multi-page TIFF
};

// The pages' sizes from the headers, nothing decoded. A TIFF with more than `max_pages` pages
// is kTooLarge (its directories are not walked further).
Result<ImageInfo> ReadImageInfo(std::string_view bytes, size_t max_pages);

// The EXIF Orientation (1-8) of a JPEG's APP1 segment; 1 (as stored) when there is none or the
// segment is malformed. Reads at most the segments before the image data.
int ExifOrientation(std::string_view bytes);

// A decoded page: 8-bit gray (a gray or black-and-white scan) or RGB, rows of `stride` bytes.
struct DecodedImage {
  std::vector<uint8_t> pixels;
  int width = 0;
  int height = 0;
  int stride = 0;
  int channels = 1;   // 1: gray; 3: RGB (OcrImage reads RGB as its brightest channel)
  int dpi = 0;        // declared; 0 when none
  OcrImage view(int at_dpi) const {
    return {width, height, stride, channels, at_dpi, pixels.data()};
  }
};

// Page `index` (0-based) decoded and turned upright by the EXIF `orientation` (1-8: 3 a half
// turn, 6 and 8 quarter turns, 2, 4, 5, 7 mirrored): a JPEG's, read by ExifOrientation. A TIFF
// page's own Orientation tag is applied by Leptonica as it decodes the page, so a TIFF takes 1.
// kCorrupt when it cannot be decoded.
Result<DecodedImage> DecodeImage(std::string_view bytes, int index, int orientation);

}  // namespace baocao
