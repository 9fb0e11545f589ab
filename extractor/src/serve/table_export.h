// Internal: a table of the web page (documents, flags, review marks, facts) as the files an
// auditor downloads: CSV that spreadsheet programs open with Vietnamese intact (UTF-8 with a
// BOM, CRLF, RFC 4180 quoting, no cell over 32,767 characters) or an .xlsx workbook.
#pragma once

#include <functional>
#include <string>

#include "baocao/core/status.h"
#include "baocao/corpus/corpus.h"

namespace baocao::serve {

std::string CsvOf(const WorkbookSheet& sheet);
// The workbook's bytes, written through a private temporary folder (libxlsxwriter writes files
// only). kStore when it cannot be written.
Result<std::string> XlsxOf(const WorkbookSheet& sheet);
// The bytes `write` puts in the file it is given, in a private temporary folder removed after.
Result<std::string> XlsxBytes(const std::function<Status(const std::string& path)>& write);

}  // namespace baocao::serve
