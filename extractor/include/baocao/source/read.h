// Reading an input file whole, within a size limit, and naming its bytes by their hash.
//
//   Result<std::string> bytes = baocao::ReadFileBytes("report.pdf", size_t(256) << 20);
//   if (!bytes.ok()) ...;   // kNotFound, kUnreadable (a directory, a read error), kTooLarge
//   std::string id = baocao::Sha256Hex(*bytes);
//
// Nothing here throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "baocao/core/status.h"

namespace baocao {

// Reads a whole file, refusing one above `max_bytes` (kTooLarge) before reading it; a pipe or a
// file that grows while read is stopped as soon as it passes the limit.
Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes);

// What the bytes are, by content (never by the file's name), for the formats read through
// LibreOffice (baocao/source/convert.h). A PDF, a .docx, an OLE2 file and an image have theirs
// beside their readers (pdf.h LooksLikePdf, docx.h LooksLikeZip and LooksLikeOle2, image.h
// LooksLikeImage).
bool LooksLikeRtf(std::string_view bytes);   // "{\rtf"
// An OpenDocument text (.odt): a zip whose first member is "mimetype", stored, holding
// "application/vnd.oasis.opendocument.text" (the ODF package rule that makes this sniffable).
bool LooksLikeOdt(std::string_view bytes);

// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace baocao
