// Image formats by their magic numbers, and a JPEG's EXIF orientation (baocao/ocr/image.h):
// a few bytes read, nothing decoded, so this part stays out of the OCR module.
#include <cstdint>
#include <string_view>

#include "baocao/ocr/image.h"
#include "core/strings.h"

namespace baocao {
namespace {

using namespace std::literals;

constexpr std::string_view kJpegMagic = "\xFF\xD8\xFF"sv;
constexpr std::string_view kPngMagic = "\x89PNG\r\n\x1A\n"sv;
constexpr std::string_view kTiffLittle = "II*\0"sv;
constexpr std::string_view kTiffBig = "MM\0*"sv;
constexpr std::string_view kRiff = "RIFF"sv;
constexpr std::string_view kWebp = "WEBP"sv;
constexpr size_t kWebpTagAt = 8;   // "RIFF", its 4-byte size, then the form type

// JPEG markers (ITU T.81 B.1.1.3): each segment is FF, a marker byte, then (for most) a
// big-endian length that counts itself.
constexpr unsigned char kMarkerLead = 0xFF;
constexpr unsigned char kStartOfScan = 0xDA;     // entropy-coded data follows: no more headers
constexpr unsigned char kEndOfImage = 0xD9;
constexpr unsigned char kFirstRestart = 0xD0, kLastRestart = 0xD7, kTemporary = 0x01;   // no length
constexpr unsigned char kApp1 = 0xE1;            // EXIF lives here
constexpr size_t kSegmentHead = 4;               // FF, marker, 2-byte length
constexpr std::string_view kExifHeader = "Exif\0\0"sv;
// EXIF is a TIFF structure: byte order, 42, the first IFD's offset; each entry 12 bytes.
constexpr size_t kTiffHead = 8;
constexpr size_t kIfdEntryBytes = 12;
constexpr size_t kIfdCountBytes = 2;
constexpr size_t kEntryValueAt = 8;
constexpr uint16_t kTiffMagic = 42;
constexpr uint16_t kOrientationTag = 0x0112;
constexpr int kUpright = 1, kLastOrientation = 8;

unsigned Byte(std::string_view b, size_t i) { return static_cast<unsigned char>(b[i]); }

uint32_t Read(std::string_view b, size_t at, size_t n, bool little) { return internal::UnsignedAt(b, at, n, little); }

// The Orientation entry of IFD0 of an EXIF TIFF structure.
int OrientationOfTiff(std::string_view t) {
  if (t.size() < kTiffHead) return kUpright;
  bool little = t.substr(0, 2) == "II";
  if (!little && t.substr(0, 2) != "MM") return kUpright;
  if (Read(t, 2, 2, little) != kTiffMagic) return kUpright;
  const size_t ifd = Read(t, 4, 4, little);
  if (ifd > t.size() || t.size() - ifd < kIfdCountBytes) return kUpright;
  const size_t entries = Read(t, ifd, kIfdCountBytes, little);
  for (size_t k = 0; k < entries; ++k) {
    const size_t e = ifd + kIfdCountBytes + k * kIfdEntryBytes;
    if (e + kIfdEntryBytes > t.size()) break;
    if (Read(t, e, 2, little) != kOrientationTag) continue;
    const int v = static_cast<int>(Read(t, e + kEntryValueAt, 2, little));   // a SHORT, left-justified
    return v >= kUpright && v <= kLastOrientation ? v : kUpright;
  }
  return kUpright;
}

}  // namespace

ImageFormat SniffImage(std::string_view b) {
  if (b.substr(0, kJpegMagic.size()) == kJpegMagic) return ImageFormat::kJpeg;
  if (b.substr(0, kPngMagic.size()) == kPngMagic) return ImageFormat::kPng;
  if (b.substr(0, kTiffLittle.size()) == kTiffLittle || b.substr(0, kTiffBig.size()) == kTiffBig) {
    return ImageFormat::kTiff;
  }
  if (b.substr(0, kRiff.size()) == kRiff && b.size() >= kWebpTagAt + kWebp.size() &&
      b.substr(kWebpTagAt, kWebp.size()) == kWebp) {
    return ImageFormat::kWebp;
  }
  return ImageFormat::kNone;
}

const char* ImageFormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kJpeg: return "jpeg";
    case ImageFormat::kPng: return "png";
    case ImageFormat::kTiff: return "tiff";
    case ImageFormat::kWebp: return "webp";
    case ImageFormat::kNone: break;
  }
  return "none";
}

int ExifOrientation(std::string_view b) {
  if (SniffImage(b) != ImageFormat::kJpeg) return kUpright;
  size_t i = 2;   // after SOI
  while (i + kSegmentHead <= b.size()) {
    if (Byte(b, i) != kMarkerLead) return kUpright;
    const unsigned marker = Byte(b, i + 1);
    if (marker == kMarkerLead) {   // fill byte
      ++i;
      continue;
    }
    if (marker == kStartOfScan || marker == kEndOfImage) return kUpright;
    if ((marker >= kFirstRestart && marker <= kLastRestart) || marker == kTemporary) {
      i += 2;
      continue;
    }
    const size_t length = Read(b, i + 2, 2, /*little=*/false);
    if (length < 2 || length > b.size() - i - 2) return kUpright;
    if (marker == kApp1 && length >= 2 + kExifHeader.size() && b.substr(i + kSegmentHead, kExifHeader.size()) == kExifHeader) {
      return OrientationOfTiff(b.substr(i + kSegmentHead + kExifHeader.size(), length - 2 - kExifHeader.size()));
    }
    i += 2 + length;
  }
  return kUpright;
}

}  // namespace baocao
