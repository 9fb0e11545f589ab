// Spans of a PDF's joined page texts made page-local (docs/OUTPUT.md "spans").
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include "baocao/core/document.h"
#include "baocao/source/pdf.h"

namespace baocao::internal {

// Calls f(span) for every span of `x` (mentions, references, facts, tables, flags, checks).
template <typename F>
void ForEachSpan(Extraction& x, F&& f) {
  for (Mention& m : x.mentions) f(m.span);
  for (Reference& r : x.references) {
    for (Span& s : r.spans) f(s);
  }
  for (Fact& fact : x.facts) f(fact.span);
  for (Table& t : x.tables) f(t.span);
  for (Flag& flag : x.flags) {
    for (Span& s : flag.evidence) f(s);
  }
  for (Check& c : x.checks) {
    for (CheckMember& m : c.members) f(m.span);
  }
}

// The pipeline reads a PDF's pages as one text (each page closed by "\f\n"); `starts` are
// where each page begins in it. Relocate gives a span of that text its page, the offsets and
// line within the page's text, the text there, the lowest OCR confidence and number doubt of
// the words it covers, and (`boxes`) their bounding box. `pages` must outlive the locator.
class PageLocator {
 public:
  PageLocator(const std::vector<PdfPage>& pages, std::vector<size_t> starts, bool boxes);

  // The OCR doubt of the words under `s` (confidence, uncertain), its offsets left as they
  // are: what the audit needs to know before spans are made page-local.
  void MarkDoubt(Span& s) const;
  void Relocate(Span& s) const;
  void Relocate(Extraction& x) const;

 private:
  size_t PageOf(size_t start) const;
  // The words of page `k` under [begin, end) of its text: their lowest confidence and doubt
  // set on `s`, their box returned (nullopt: no word).
  std::optional<std::array<double, 4>> CoverWords(size_t k, size_t begin, size_t end, Span& s) const;

  const std::vector<PdfPage>& pages_;
  std::vector<size_t> starts_;
  std::vector<std::vector<size_t>> newlines_;
  bool boxes_;   // spans get a bbox (asked for); words may be kept for OCR confidence only
};

}  // namespace baocao::internal
