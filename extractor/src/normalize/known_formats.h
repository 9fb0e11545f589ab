// Internal: the name of a binary format the engine does not read, known by its magic number, so
// that a refusal says what the file is ("a GIF image") rather than where its first NUL byte sits
// (issue 19). Formats the engine reads (PDF, Word, OLE2, JPEG, PNG, TIFF, WebP) never reach
// here: they are recognised before the text path. Linear in nothing: looks at the first 16 bytes.
//
//   KnownBinaryFormat("GIF89a...")   // "a GIF image"
//   KnownBinaryFormat("plain text")  // "" (not known)
#pragma once

#include <string>
#include <string_view>

namespace baocao::normalize_internal {

// "a GIF image", "a gzip archive", "a HEIC photograph (as iPhones save them)", ...; "" when the
// bytes start with no magic number known here.
std::string KnownBinaryFormat(std::string_view bytes);

// Why `bytes`, already found not to be text, are refused: "a GIF image: not a document this
// engine reads (...)" when KnownBinaryFormat names them, else `reason` ("NUL byte at offset 7:
// not a text file"). Only for bytes refused anyway: a text that starts "BM" stays text.
std::string BinaryRefusal(std::string_view bytes, std::string reason);

}  // namespace baocao::normalize_internal
