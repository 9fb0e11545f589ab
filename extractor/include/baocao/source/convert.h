// Word 97-2003 .doc, OpenDocument .odt and RTF input through LibreOffice (issue 20): converted to
// a .docx by `soffice --headless --convert-to docx`, which the native reader (baocao/source/docx.h)
// then reads; the document's repairs say so ("converted:doc", docs/EXTENSIONS.md).
//
//   baocao::Result<std::string> docx = baocao::ConvertToDocx(bytes, "doc", budget);
//   if (!docx.ok()) ...;   // kNeedsConverter (no soffice on PATH: install libreoffice-writer),
//                          // kCorrupt (LibreOffice wrote no .docx: a damaged file), kTimeout
//                          // (ConvertOptions::timeout_seconds or the budget's deadline ran out:
//                          // the converter's whole process group is killed), kCancelled,
//                          // kInternal (no temporary folder, no process)
//   baocao::ReadDocx(*docx);
//
// Each conversion runs in a private temporary folder (mkdtemp under $TMPDIR, else /tmp) with its
// own LibreOffice profile in it (-env:UserInstallation), so conversions running at once never
// share a profile or a lock, and the folder is removed afterwards whatever happened. The process
// is started without a shell (posix_spawn with an argv), in a process group of its own, its
// standard streams on /dev/null. A first conversion on a machine costs LibreOffice's start-up
// and a new profile, about 3-15 s; the time limit bounds it, the extraction's Budget too.
// Thread safety: may run on several threads at once. Nothing here throws.
#pragma once

#include <string>
#include <string_view>

#include "baocao/core/budget.h"
#include "baocao/core/status.h"

namespace baocao {

struct ConvertOptions {
  // Seconds one conversion may take before the converter is killed (and less when the budget
  // has less left): LibreOffice converts a report in 1-3 s once started, up to 15 s the first
  // time on a machine (a new profile); more is a file it hangs on.
  double timeout_seconds = 120;
  // The converter; empty: `soffice` looked up on PATH.
  std::string soffice{};
};

// Where soffice is (ConvertOptions::soffice, else PATH), or empty when LibreOffice is absent.
std::string FindSoffice(const ConvertOptions& options = {});

// `bytes` of kind `extension` ("doc", "odt", "rtf": the name LibreOffice's filter detection
// starts from) converted to a .docx, returned as its bytes.
Result<std::string> ConvertToDocx(std::string_view bytes, std::string_view extension, const Budget& budget,
                                  const ConvertOptions& options = {});

}  // namespace baocao
