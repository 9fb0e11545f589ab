// What one page may ask of Poppler and OCR (PdfLimits, issue 18). First its content streams, read before Poppler draws them: how deep its
// graphics-state saves ('q') nest and how many bytes it decodes to, against PdfLimits. Poppler
// copies its whole graphics state at each 'q' and has no limit of its own: a 10 KB page of 5
// million saves took 4.6 GB. The scan is one pass over the decoded bytes, stopping at the first
// limit passed.
//
//   pdf_internal::ContentScan scan(options.limits);   // (source/pdf.cc, WordReader::ScanContent)
//   scan.Feed(decoded_chunk);                          // as many times as there are chunks
//   if (scan.verdict() == ContentScan::Verdict::kTooDeep) ... // skip the page, name it in repairs
//
// It tokenizes as a content stream is tokenized: comments, literal strings (nested parentheses,
// escapes), hex strings and names are passed over, and an inline image's data (ID ... EI) is
// not read as operators. Linear in the bytes fed; a plain value, one per page.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>
#include <string_view>

#include "baocao/source/pdf.h"
#include "source/pdf_page.h"

namespace baocao::pdf_internal {

class ContentScan {
 public:
  enum class Verdict { kWithin, kTooDeep, kTooLarge };

  explicit ContentScan(const PdfLimits& limits) : limits_(limits) {}
  // The next decoded bytes of the page's content (its streams one after another). False once a
  // limit is passed: the rest need not be fed.
  bool Feed(std::string_view bytes);
  // Between two content streams of one page: a token does not run across them.
  void EndStream() { EndToken(); }
  Verdict verdict() const { return verdict_; }
  size_t max_depth() const { return max_depth_; }
  size_t bytes() const { return bytes_; }

 private:
  enum class Mode { kNormal, kComment, kString, kHex, kInlineImage };
  void Step(char c);
  void EndToken();

  const PdfLimits limits_;
  Verdict verdict_ = Verdict::kWithin;
  Mode mode_ = Mode::kNormal;
  std::string token_;
  int string_depth_ = 0;       // open parentheses of a literal string
  bool escaped_ = false;       // the byte before was a backslash in a literal string
  bool angle_ = false;         // the byte before was a '<' (a hex string, or "<<")
  uint32_t tail_ = 0;          // in inline image data: the last four bytes, to find " EI "
  size_t tail_length_ = 0;
  size_t depth_ = 0;
  size_t max_depth_ = 0;
  size_t bytes_ = 0;
};

// The largest bitmap a JBIG2 stream's own segments declare (its page information segments and
// its region segments: width x height), whatever the image dictionary around it says: Poppler
// allocates the page bitmap the stream declares, so an 839-byte stream claiming a page of
// 40000 x 40000 took 911 MB to render (issue 18). `raw` is the stream's undecoded data
// (embedded organisation: each segment header followed by its data). Reads headers only, and
// stops at a segment of unknown length or at the end; 0 when nothing is declared. Linear.
double Jbig2DeclaredPixels(std::string_view raw);

// Whether a page of `width` x `height` points may be rendered at `dpi`: not when an image it
// draws (`max_image_pixels`, width x height) or the rendering itself is over `limits` (Poppler
// would spend minutes and gigabytes on it). Notes the limit in `p`: over_limit (the repair
// kind) and ocr_error (the reason, for the error when no page has text).
bool MayRender(float width, float height, int dpi, double max_image_pixels, const PdfLimits& limits, Pending& p);

// The pages over a limit, for an error message: "page_too_deep: graphics-state saves ('q')
// nested deeper than 10000 on page 1; ...", from Pending::over_limit kinds to their pages.
std::string DescribeOverLimits(const std::map<std::string, std::vector<int>>& pages, const PdfLimits& limits);

}  // namespace baocao::pdf_internal
