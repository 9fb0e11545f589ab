#include "normalize/known_formats.h"

#include <array>

namespace baocao::normalize_internal {
namespace {

struct Magic {
  size_t offset;
  std::string_view bytes;
  const char* name;
};

using namespace std::string_view_literals;

// The formats archives and phones hold beside reports, most specific first.
constexpr std::array<Magic, 16> kMagics = {{
    {4, "ftypheic"sv, "a HEIC photograph (as iPhones save them; save it as JPEG)"},
    {4, "ftypheix"sv, "a HEIC photograph (as iPhones save them; save it as JPEG)"},
    {4, "ftypmif1"sv, "a HEIF photograph (save it as JPEG)"},
    {4, "ftyp"sv, "an MP4 or QuickTime video"},
    {0, "GIF87a"sv, "a GIF image"},
    {0, "GIF89a"sv, "a GIF image"},
    {0, "\x1f\x8b"sv, "a gzip archive"},
    {0, "Rar!\x1a\x07"sv, "a RAR archive"},
    {0, "7z\xbc\xaf\x27\x1c"sv, "a 7-Zip archive"},
    {0, "\x7f" "ELF"sv, "an executable program (ELF)"},
    {0, "MZ"sv, "a Windows program (.exe, .dll)"},
    {0, "SQLite format 3\0"sv, "an SQLite database"},
    {0, "ID3"sv, "an MP3 audio file"},
    {0, "OggS"sv, "an Ogg audio file"},
    {0, "BM"sv, "a BMP image"},
    {0, "wOFF"sv, "a web font"},
}};

}  // namespace

std::string KnownBinaryFormat(std::string_view bytes) {
  for (const Magic& m : kMagics) {
    if (bytes.size() >= m.offset + m.bytes.size() && bytes.substr(m.offset, m.bytes.size()) == m.bytes) return m.name;
  }
  // RIFF containers other than WebP (read as an image before this): sound and video.
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF") {
    if (bytes.substr(8, 4) == "WAVE") return "a WAV audio file";
    if (bytes.substr(8, 4) == "AVI ") return "an AVI video";
  }
  return "";
}

std::string BinaryRefusal(std::string_view bytes, std::string reason) {
  std::string format = KnownBinaryFormat(bytes);
  if (format.empty()) return reason;
  format += ": not a document this engine reads (text, PDF, Word, JPEG, PNG, TIFF, WebP)";
  return format;
}

}  // namespace baocao::normalize_internal
