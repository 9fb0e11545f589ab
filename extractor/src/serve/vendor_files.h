// Internal: front-end libraries the web page takes from Debian's packages, served from where the
// package installs them (pdf.js from libjs-pdf: /usr/share/javascript/pdf) instead of copied
// into the binary, so that Debian's security updates of them reach the page without a rebuild
// (Debian policy: no embedded code copies). The page draws a PDF's pages with pdf.js in the
// auditor's browser: the server renders nothing on a read (issue 18), and a hostile PDF costs
// the browser's sandbox, not the server.
//
//   Result<VendorFile> f = ReadVendorFile("/usr/share/javascript/pdf", "build/pdf.js");
//   if (!f.ok()) ...;   // kNotFound: not a served name, or the package is not installed
//
// Only names under build/, web/cmaps/ and web/standard_fonts/ made of [A-Za-z0-9._-] (never
// "..", never a leading dot) are served: no path outside those folders can be asked for. A file
// over kMaxVendorFileBytes is refused. Thread-safe (reads the file on each call; the kernel's page
// cache keeps it warm).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "baocao/core/status.h"

namespace baocao::serve {

inline constexpr size_t kMaxVendorFileBytes = size_t(8) << 20;   // pdf.worker.js is 1.9 MB

struct VendorFile {
  std::string body;
  const char* content_type;
};

// Whether `relative` is a name this module serves (see above).
bool IsServedVendorName(std::string_view relative);
// The file `root`/`relative`; kNotFound when the name is not served or the file is missing,
// kTooLarge over kMaxVendorFileBytes, kUnreadable when it cannot be read.
Result<VendorFile> ReadVendorFile(const std::string& root, std::string_view relative);
// Whether pdf.js is installed under `root` (the page then offers the page images).
bool HasPdfJs(const std::string& root);

}  // namespace baocao::serve
