// Fuzzes the page-limit scanners of the PDF source (issue 18), which read a hostile PDF's bytes
// before Poppler does: ContentScan (a page's decoded content, fed in pieces as Poppler hands
// them over) and Jbig2DeclaredPixels (a JBIG2 stream's segment headers). Neither may crash,
// read out of bounds or hang; the scan's verdict must not depend on how the bytes are cut.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_check.h"
#include "source/page_limits.h"

namespace {

using baocao::fuzz::Check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  baocao::PdfLimits limits;
  limits.max_graphics_depth = 64;
  limits.max_content_bytes = 1 << 14;
  baocao::pdf_internal::ContentScan whole(limits);
  whole.Feed(input);
  baocao::pdf_internal::ContentScan pieces(limits);
  const size_t cut = size ? data[0] % (size + 1) : 0;   // one cut, where the first byte says
  if (pieces.Feed(input.substr(0, cut))) pieces.Feed(input.substr(cut));
  Check(whole.verdict() == pieces.verdict(), "the verdict depends on where the bytes are cut");
  Check(whole.max_depth() <= limits.max_graphics_depth + 1, "depth counted past the limit");

  const double pixels = baocao::pdf_internal::Jbig2DeclaredPixels(input);
  Check(pixels >= 0, "negative pixels");
  Check(pixels <= 18446744073709551616.0, "more pixels than two 32-bit sides make");
  return 0;
}
