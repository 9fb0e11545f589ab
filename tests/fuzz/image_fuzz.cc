// Fuzzes the bytes read of an image before Leptonica sees it (issue 20): SniffImage's magic
// numbers, the JPEG segment walk and EXIF TIFF structure of ExifOrientation, and the content
// sniffing of the formats sent to LibreOffice (LooksLikeOdt, LooksLikeRtf). None may crash, read
// out of bounds or hang; an orientation is always one of EXIF's eight.
#include <cstdint>
#include <string_view>

#include "baocao/ocr/image.h"
#include "baocao/source/read.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const baocao::ImageFormat format = baocao::SniffImage(input);
  const int orientation = baocao::ExifOrientation(input);
  baocao::fuzz::Check(orientation >= 1 && orientation <= 8, "an orientation EXIF does not have");
  baocao::fuzz::Check(format == baocao::ImageFormat::kJpeg || orientation == 1, "an orientation read from a non-JPEG");
  (void)baocao::LooksLikeOdt(input);
  (void)baocao::LooksLikeRtf(input);
  return 0;
}
