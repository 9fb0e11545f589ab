// Fuzzes the Text stage: Normalize must not crash on any bytes, and what it returns must hold
// the offset map's invariants (every span inside the original, in order, on the right line).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "normalize/decode.h"

namespace {

void Check(bool ok, const char* what, size_t at = 0) {
  if (ok) return;
  std::fprintf(stderr, "invariant failed: %s (at %zu)\n", what, at);
  std::abort();
}

// 1-based line of an original offset: one plus the line feeds before it, in the input's units.
struct Lines {
  Lines(std::string_view original, const std::string& encoding) {
    bool utf16 = encoding == "utf-16le" || encoding == "utf-16be";
    bool le = encoding == "utf-16le";
    if (utf16) {
      for (size_t i = 0; i + 1 < original.size(); i += 2) {
        char lo = le ? original[i] : original[i + 1], hi = le ? original[i + 1] : original[i];
        if (lo == '\n' && hi == 0) feeds.push_back(i);
      }
    } else {
      for (size_t i = 0; i < original.size(); ++i) {
        if (original[i] == '\n') feeds.push_back(i);
      }
    }
  }
  int At(size_t offset) const {
    return 1 + static_cast<int>(std::lower_bound(feeds.begin(), feeds.end(), offset) - feeds.begin());
  }
  std::vector<size_t> feeds;
};

void CheckText(std::string_view original, const baocao::Result<baocao::Text>& text) {
  if (!text.ok()) {
    baocao::ErrorCode code = text.status().code();
    Check(code == baocao::ErrorCode::kEmpty || code == baocao::ErrorCode::kBinary ||
              code == baocao::ErrorCode::kInvalidEncoding,
          "refusal is empty, binary or invalid encoding");
    Check(!text.status().message().empty(), "refusal has a message");
    return;
  }
  const std::string& norm = text->str();
  Check(norm.find_first_not_of(" \t\r\n\f\v") != std::string::npos, "text is not blank");
  Check(baocao::internal::FirstInvalidUtf8(norm) == std::string::npos, "text is valid UTF-8",
        baocao::internal::FirstInvalidUtf8(norm));
  Check(norm.find('\r') == std::string::npos, "no carriage return is left");
  Lines lines(original, text->encoding());
  bool utf8 = text->encoding() == "utf-8";
  // About 4096 positions of the text, evenly spread, and every position of a short one.
  size_t stride = std::max<size_t>(1, norm.size() / 4096);
  std::vector<size_t> positions;
  for (size_t b = 0; b < norm.size(); b += stride) positions.push_back(b);
  positions.push_back(norm.size());
  size_t prev_begin = 0, prev_end = 0;
  for (size_t b : positions) {
    size_t ob = text->OriginalBegin(b), oe = text->OriginalEnd(b);
    Check(ob <= original.size() && oe <= original.size(), "original offsets in bounds", b);
    Check(ob >= prev_begin && oe >= prev_end, "original offsets in order", b);
    prev_begin = ob;
    prev_end = oe;
    // One range from each position, of a length that varies with it.
    size_t e = std::min(norm.size(), b + (b * 7919) % 97);
    baocao::Span span = text->SpanOf({b, e}, original);
    Check(span.start <= span.end && span.end <= original.size(), "span in bounds", b);
    Check(span.line == lines.At(span.start), "span line", b);
    if (utf8) Check(span.text == original.substr(span.start, span.end - span.start), "span text", b);
  }
  baocao::Span all = text->SpanOf({0, norm.size()}, original);
  Check(all.end <= original.size(), "whole span in bounds");
  std::string key = baocao::FoldKey(norm);
  Check(baocao::internal::FirstInvalidUtf8(key) == std::string::npos, "fold key is valid UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckText(input, baocao::Normalize(input));
  // Each forced encoding in turn, picked by the input's length.
  static const char* const kEncodings[] = {"utf-8", "utf-16le", "utf-16be", "windows-1258"};
  baocao::NormalizeOptions forced{.encoding = kEncodings[size % 4]};
  CheckText(input, baocao::Normalize(input, forced));
  return 0;
}
