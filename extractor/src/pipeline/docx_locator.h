// Spans of a Word document's text given the place they start in (docs/EXTENSIONS.md "origin").
#pragma once

#include <string_view>
#include <vector>

#include "baocao/core/document.h"
#include "baocao/source/docx.h"

namespace baocao::internal {

// `text` and `lines` are DocxDocument's and must outlive the locator. Mark sets each span's
// origin from the line its start is on: the paragraph, the note, or the table and row, with
// the cell counted by the TABs before the start (the grid column, spans padded as written).
class DocxLocator {
 public:
  DocxLocator(std::string_view text, const std::vector<DocxLine>& lines) : text_(text), lines_(lines) {}
  void Mark(Span& s) const;
  void Mark(Extraction& x) const;

 private:
  std::string_view text_;
  const std::vector<DocxLine>& lines_;
};

}  // namespace baocao::internal
