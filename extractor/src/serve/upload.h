// Internal: what an uploaded file is called in the store and what kind of file it is, decided
// from data the client sent (its file name, its declared type) without trusting any of it.
#pragma once

#include <string>
#include <string_view>

#include "baocao/core/status.h"

namespace baocao::serve {

// The store key of every upload: "upload/" + SafeUploadName(name). One namespace for all
// clients, so a second upload under the same name and other bytes replaces the first (as
// `baocao ingest` replaces a changed file at a path).
inline constexpr std::string_view kUploadPrefix = "upload/";

// A client's file name made safe to be a key and a download name: the last component only
// (after '/' or '\'), NFC, letters, digits, marks and " ._-()+,&" kept, spaces and tabs a
// space, anything else '_' (controls, bidi overrides), runs of spaces and '_' collapsed, no leading '.', '-' or space, at most 120 bytes (the
// extension kept), never empty ("document"). "../../etc/passwd" -> "passwd".
std::string SafeUploadName(std::string_view client_name);

// The name of the `copy`-th document uploaded under one safe name: the name itself for the first,
// then "bao-cao (2).txt", "bao-cao (3).txt" (before the extension, as browsers name downloads).
std::string NumberedUploadName(std::string_view safe_name, int copy);

// The name as ASCII only (for Content-Disposition's plain `filename=`): other letters lose
// their marks where ASCII has the base letter ("Báo cáo.txt" -> "Bao cao.txt"), else '_'.
std::string AsciiFileName(std::string_view safe_name);

// "name.txt" as a Content-Disposition value: a plain ASCII filename= and the UTF-8 filename*=
// (RFC 6266), for the download of an uploaded file.
std::string ContentDisposition(const std::string& name);

enum class UploadKind { kText, kPdf, kDocx, kImage };

// What the bytes are. A PDF by content ("%PDF-" within the first 1024 bytes), whatever it is
// called; a zip, an OLE2 file or RTF is kDocx, for the engine to read or refuse (a zip without
// word/document.xml; an old .doc, an .odt or RTF converted by LibreOffice or refused without
// it: baocao/source/docx.h); a JPEG, PNG, TIFF or WebP is kImage, read by OCR. kBinary when
// the client says PDF (a ".pdf" name or application/pdf) and the bytes are not one, and for the
// common binary formats that are no report we read (GIF, archives, executables); text goes to
// the engine, which decides about its encoding.
Result<UploadKind> ClassifyUpload(std::string_view bytes, std::string_view safe_name,
                                  std::string_view declared_type);

bool LooksLikePdfBytes(std::string_view bytes);

// The Content-Type a stored document's original bytes are served with, by what the bytes are
// (never the name): application/pdf; a JPEG, PNG, TIFF or WebP image's own type; Word's for a
// .docx, .doc, .odt or RTF; else text/plain in `text_encoding` (the extraction's "encoding").
std::string SourceContentType(std::string_view bytes, std::string_view text_encoding);

}  // namespace baocao::serve
