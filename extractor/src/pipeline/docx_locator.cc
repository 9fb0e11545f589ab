#include "pipeline/docx_locator.h"

#include <algorithm>

#include "pipeline/page_locator.h"

namespace baocao::internal {

void DocxLocator::Mark(Span& s) const {
  auto after = std::upper_bound(lines_.begin(), lines_.end(), s.start,
                                [](size_t pos, const DocxLine& l) { return pos < l.begin; });
  if (after == lines_.begin()) return;
  const DocxLine& line = *(after - 1);
  SpanOrigin origin = line.origin;
  if (origin.table) {
    const size_t start = std::min(s.start, text_.size());
    const std::string_view before = text_.substr(line.begin, start - std::min(line.begin, start));
    origin.cell = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\t'));
  }
  if (origin.paragraph || origin.table || origin.footnote || origin.endnote) s.origin = origin;
}

void DocxLocator::Mark(Extraction& x) const {
  ForEachSpan(x, [this](Span& s) { Mark(s); });
}

}  // namespace baocao::internal
