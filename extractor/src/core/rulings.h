// Internal: a table's vertical rulings from the pieces they were found or drawn in, for the OCR
// pass (a scan's rulings, in pixels) and the PDF reader (the borders a text PDF draws, in
// points). `R` is any {x, y0, y1} piece: OcrRuling, pdf_internal::Ruling.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace baocao::internal {

struct RulingJoin {
  float step;    // sideways between two pieces of one ruling
  float gap;     // down between them (a crossing's blot, a border drawn cell by cell)
  float drift;   // sideways over the whole ruling: a ruling drifting more is no column boundary
};

// The pieces joined top to bottom into rulings (a piece joins the ruling whose lowest piece is
// within `step` sideways and `gap` above it), those drifting more than `drift` dropped; each
// at the middle of its pieces' x, left to right.
template <typename R>
std::vector<R> JoinRulings(std::vector<R> pieces, const RulingJoin& join) {
  std::sort(pieces.begin(), pieces.end(), [](const R& a, const R& b) { return a.y0 < b.y0; });
  struct Joined {
    R last;   // the lowest piece so far
    float x_min, x_max;
    float y0, y1;
  };
  std::vector<Joined> joined;
  for (const R& p : pieces) {
    Joined* into = nullptr;
    for (Joined& j : joined) {
      if (p.y0 <= j.y1 + join.gap && std::fabs(p.x - j.last.x) <= join.step) into = &j;
    }
    if (!into) {
      joined.push_back({p, p.x, p.x, p.y0, p.y1});
      continue;
    }
    into->last = p;
    into->x_min = std::min(into->x_min, p.x);
    into->x_max = std::max(into->x_max, p.x);
    into->y1 = std::max(into->y1, p.y1);
  }
  std::vector<R> out;
  for (const Joined& j : joined) {
    if (j.x_max - j.x_min <= join.drift) out.push_back({(j.x_min + j.x_max) / 2, j.y0, j.y1});
  }
  std::sort(out.begin(), out.end(), [](const R& a, const R& b) { return a.x < b.x; });
  return out;
}

}  // namespace baocao::internal
