// The Text stage: one normalized UTF-8 string that every later stage reads, and the offset
// map that takes any byte range of it back to the original input bytes.
//
//   baocao::Result<baocao::Text> text = baocao::Normalize(source_bytes);
//   if (!text.ok()) ...;                         // kInvalidEncoding, kBinary, kEmpty
//   baocao::Span span = text->SpanOf({10, 16}, source_bytes);  // original offsets, line, text
//
// Normalization (ICU): decoding (UTF-8 with or without BOM, UTF-16LE/BE, Windows-1258),
// converter debris (HTML tags and entities, Markdown emphasis, headings, links and pipe
// tables, LaTeX inline math), NFC, one tone-mark placement (the "hóa, thúy, khỏe" style),
// white space (NBSP, zero-width, CRLF; tabs are kept as table separators), dashes and quotes.
// Complexity: linear in the input. Thread safety: Normalize is reentrant; a Text is immutable
// after construction and may be read from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/budget.h"
#include "baocao/core/document.h"
#include "baocao/core/status.h"

namespace baocao {

// One rewriting step's map from its output bytes back to its input bytes, as runs of equal
// units: a unit of `in_step` input bytes became `out_step` output bytes. A copied run has both
// steps 1 and maps position by position; a replaced unit maps every position inside it to the
// unit's start, and its end to the unit's end. Runs of equal units are merged, so a clean
// input costs one run, and a UTF-16 input a few runs a word.
class OffsetMap {
 public:
  void Copy(size_t in_begin, size_t in_end);
  void Replace(size_t in_begin, size_t in_end, size_t out_len);

  size_t MapBegin(size_t out_pos) const;
  size_t MapEnd(size_t out_pos) const;
  size_t out_size() const { return out_total_; }
  size_t run_count() const { return runs_.size(); }

 private:
  struct Run {
    uint64_t out_begin;
    uint64_t in_begin;
    uint32_t count;
    uint32_t in_step;
    uint32_t out_step;
  };
  void Append(size_t in_begin, size_t in_step, size_t out_step, size_t count);
  std::vector<Run> runs_;
  size_t out_total_ = 0;
  size_t in_end_ = 0;
};

struct NormalizeOptions {
  // Force a source encoding ("utf-8", "utf-16le", "utf-16be", "windows-1258"); empty: detect.
  std::string encoding;
  // The extraction's budget: each pass stops early once it is spent, and Normalize returns its
  // error (kTimeout, kOverMemory, kCancelled), never a text half rewritten.
  Budget budget{};
};

class Text {
 public:
  const std::string& str() const { return text_; }
  std::string_view view() const { return text_; }
  const std::string& encoding() const { return encoding_; }
  const std::vector<std::string>& repairs() const { return repairs_; }

  // Original byte offsets of a normalized range.
  size_t OriginalBegin(size_t pos) const;
  size_t OriginalEnd(size_t pos) const;
  // 1-based line of an original byte offset.
  int OriginalLine(size_t original_offset) const;
  // The full provenance of a normalized range; `original` is the input the Text was built from.
  Span SpanOf(TextRange range, std::string_view original) const;

 private:
  friend Result<Text> Normalize(std::string_view, const NormalizeOptions&);
  std::string text_;
  std::vector<OffsetMap> layers_;    // applied from last to first to reach the original
  std::vector<size_t> line_starts_;  // original byte offset of each line's first byte
  bool utf16_ = false;
  std::string encoding_;
  std::vector<std::string> repairs_;
};

// Normalizes `original` (the file's bytes). Fails with kEmpty (no non-space text), kBinary
// (NUL or control bytes that no text encoding explains) or kInvalidEncoding (the message gives
// the byte offset of the first bad sequence).
Result<Text> Normalize(std::string_view original, const NormalizeOptions& options = {});

// The diacritic-free, case-folded key of a string ("Chuyển Đổi  Số" -> "chuyen doi so"), for
// matching that must survive OCR slips in diacritics. White space runs become one space.
std::string FoldKey(std::string_view utf8);

}  // namespace baocao
