// Regions of a page (composer.h): where a table, or two columns of running text, begins and
// ends, and its column boundaries (gutters) from word positions or from the page's rulings.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/statistics.h"
#include "source/composer.h"

namespace baocao::pdf_internal {

using internal::Percentile;

// The rulings that pass a line (its middle between their ends), as their x, left to right.
std::vector<float> Composer::GridOf(const Line& line) const {
  std::vector<float> xs;
  float cy = line.box.cy();
  for (const Ruling& r : page_.rulings) {
    if (cy >= r.y0 && cy <= r.y1) xs.push_back(r.x);
  }
  return xs;
}

// Two lines drawn in different ruled tables: neither's rulings are all among the other's (a
// row over merged cells passes only some of its table's rulings, all of them the table's).
bool Composer::OtherGrid(const std::vector<float>& a, const std::vector<float>& b) const {
  auto within = [&](const std::vector<float>& small, const std::vector<float>& big) {
    for (float x : small) {
      bool found = false;
      for (float y : big) found = found || std::fabs(x - y) <= t_.same_ruling;
      if (!found) return false;
    }
    return true;
  };
  return !a.empty() && !b.empty() && !within(a, b) && !within(b, a);
}

// Two lines drawn in one ruled table.
bool Composer::SameGrid(const std::vector<float>& a, const std::vector<float>& b) const {
  return !a.empty() && !b.empty() && !OtherGrid(a, b);
}

// Column boundaries drawn on the page (PageModel::rulings): a ruling that runs past half of
// lines [b, e) or more (two at least) and that no word of those lines crosses; its gutter is
// the empty strip around it on those lines. The outermost such rulings outside the lines'
// text are the table's borders; one between them is a boundary even where no word of these
// lines is beyond it (an empty column, such as "Ghi chú", at the edge or inside). A ruled
// table's columns are what its rulings say, where word positions alone can mislead (a
// heading's words spaced like two cells, a wrapped label reaching its cell's edge). Empty
// when the rulings pass too few of the lines: the paragraph after a ruled table is not a table.
std::vector<Gutter> Composer::RuledGutters(const LinePtrs& lines, size_t b, size_t e) const {
  std::vector<Gutter> out;
  if (ignore_rulings_ || page_.rulings.empty() || e < b + 2) return out;
  float lo = kFar, hi = -kFar;
  for (size_t k = b; k < e; ++k) {
    lo = std::min(lo, lines[k]->box.x0);
    hi = std::max(hi, lines[k]->box.x1);
  }
  struct Boundary {
    float x;
    Gutter strip;
  };
  std::vector<Boundary> kept;
  for (const Ruling& ruling : page_.rulings) {
    size_t passed = 0;
    bool crossed = false;
    Gutter strip{std::min(lo, ruling.x), std::max(hi, ruling.x)};
    for (size_t k = b; k < e && !crossed; ++k) {
      const Line& line = *lines[k];
      float cy = line.box.cy();
      if (cy < ruling.y0 || cy > ruling.y1) continue;
      ++passed;
      for (uint32_t w : line.words) {
        const Box& wb = words_[w].box;
        // A word touching the ruling with its edge is still on its side.
        if (wb.x0 < ruling.x - t_.ruling_touch && wb.x1 > ruling.x + t_.ruling_touch) crossed = true;
        if (wb.cx() < ruling.x) strip.l = std::max(strip.l, std::min(wb.x1, ruling.x));
        else strip.r = std::min(strip.r, std::max(wb.x0, ruling.x));
      }
    }
    if (crossed || passed < 2 || 2 * passed < e - b) continue;
    kept.push_back({ruling.x, strip});
  }
  std::sort(kept.begin(), kept.end(), [](const Boundary& p, const Boundary& q) { return p.x < q.x; });
  // The borders: the outermost rulings, when outside the text.
  size_t first = !kept.empty() && kept.front().x <= lo ? 1 : 0;
  size_t last = !kept.empty() && kept.back().x >= hi ? kept.size() - 1 : kept.size();
  float prev_x = 0;
  for (size_t k = first; k < last; ++k) {
    const Boundary& r = kept[k];
    if (r.x <= lo && k > first) continue;   // left of the text, inside the border: kept below
    if (!out.empty() && r.strip.l <= out.back().r) {
      if (r.x - prev_x <= t_.double_ruling) {   // a double ruling: one boundary
        out.back().r = std::max(out.back().r, r.strip.r);
        prev_x = r.x;
        continue;
      }
      // Two rulings with no word between them on these lines: an empty column.
      out.back().r = std::min(out.back().r, prev_x + t_.empty_column_inset);
      out.push_back({std::max(r.strip.l, r.x - t_.empty_column_inset), r.strip.r});
    } else {
      out.push_back(r.strip);
    }
    prev_x = r.x;
  }
  return out;
}

// Empty vertical strips shared by lines [b, e): the column boundaries. A line with fewer
// pieces than the fullest line may run over a strip with one word spanning the whole of it
// (a heading over merged cells, a section row); every other word keeps its place out of the
// strips. A strip counts when two lines have words on both sides of it and its gap is real
// on them: as wide as two cells apart (chunk_gap) once, or, between narrow columns set
// close, wider than a stretched space on every such line (three at least).
// `strict`: no line may run over a strip (the test for columns of running text, whose
// lines run over every strip inside a column).
std::vector<Gutter> Composer::FindGutters(const LinePtrs& lines, size_t b, size_t e, float h, bool strict) const {
  if (std::vector<Gutter> ruled = RuledGutters(lines, b, e); !ruled.empty()) return ruled;
  Spread spread = SpreadOf(lines, b, e);
  float min_width = std::max(t_.min_gutter, t_.stretched_space * h);
  std::vector<Gutter> strips;
  for (const Gutter& candidate : FreeStrips(lines, b, e, spread, min_width)) {
    std::vector<Gutter> left = NarrowStrip(lines, b, e, spread, candidate, min_width, strict);
    strips.insert(strips.end(), left.begin(), left.end());
  }
  return SupportedGutters(lines, b, e, strips);
}

// Lines [b, e)'s pieces, the fullest line's count, their extent, and the pieces of the lines
// that are not the fullest.
Composer::Spread Composer::SpreadOf(const LinePtrs& lines, size_t b, size_t e) const {
  Spread s;
  for (size_t k = b; k < e; ++k) {
    s.pieces.push_back(Chunks(*lines[k]).size());
    s.most = std::max(s.most, s.pieces.back());
    s.lo = std::min(s.lo, lines[k]->box.x0);
    s.hi = std::max(s.hi, lines[k]->box.x1);
  }
  for (size_t k = b; k < e; ++k) {
    s.chunks.push_back(s.pieces[k - b] == s.most ? std::vector<Chunk>() : Chunks(*lines[k]));
  }
  return s;
}

// The candidate strips: where no word of a fullest line is, at least `min_width` wide.
std::vector<Gutter> Composer::FreeStrips(const LinePtrs& lines, size_t b, size_t e, const Spread& spread,
                                         float min_width) const {
  struct Event {
    float x;
    int delta;
  };
  std::vector<Event> events;
  for (size_t k = b; k < e; ++k) {
    if (spread.pieces[k - b] < spread.most) continue;
    for (uint32_t w : lines[k]->words) {
      events.push_back({words_[w].box.x0, 1});
      events.push_back({words_[w].box.x1, -1});
    }
  }
  std::sort(events.begin(), events.end(), [](const Event& x, const Event& y) {
    return x.x != y.x ? x.x < y.x : x.delta > y.delta;
  });
  std::vector<Gutter> parts;
  int depth = 0;
  float free_from = spread.lo;
  for (const Event& ev : events) {
    if (depth == 0 && ev.delta > 0 && ev.x - free_from >= min_width) parts.push_back({free_from, ev.x});
    depth += ev.delta;
    if (depth == 0) free_from = ev.x;
  }
  if (spread.hi - free_from >= min_width) parts.push_back({free_from, spread.hi});
  return parts;
}

// Whether a line that is not the fullest runs over the whole candidate with one piece (a
// heading over merged cells), or stands centred in it, between the columns it heads.
bool Composer::RunsOver(const Line& line, const std::vector<Chunk>& chunks, const Gutter& candidate,
                        const Spread& spread) const {
  bool spanned = false;
  for (const Chunk& ch : chunks) {
    // A heading centred in the strip, between the columns it stands over.
    bool interior = candidate.l > spread.lo && candidate.r < spread.hi;
    bool centred_inside = interior && ch.x0 > candidate.l && ch.x1 < candidate.r &&
                          std::fabs((ch.x0 + ch.x1) / 2 - candidate.c()) < t_.centred_heading * (candidate.r - candidate.l);
    if (centred_inside) {
      spanned = true;
      continue;
    }
    if (ch.x0 > candidate.l || ch.x1 < candidate.r) continue;
    // Two cells set close are no heading: a gap wider than a space inside the strip.
    bool close_cells = false;
    for (size_t p = ch.first + 1; p <= ch.last; ++p) {
      float gl = words_[line.words[p - 1]].box.x1, gr = words_[line.words[p]].box.x0;
      close_cells = close_cells || (gr - gl > space_ * line.height && gr > candidate.l && gl < candidate.r);
    }
    spanned = spanned || !close_cells;
  }
  return spanned;
}

// The candidate strip with the other lines' words taken out of it, but for a line that runs
// over it (RunsOver) unless `strict`: what is left of it, at least `min_width` wide.
std::vector<Gutter> Composer::NarrowStrip(const LinePtrs& lines, size_t b, size_t e, const Spread& spread,
                                          const Gutter& candidate, float min_width, bool strict) const {
  std::vector<Gutter> left = {candidate};
  for (size_t k = b; k < e && !left.empty(); ++k) {
    if (spread.pieces[k - b] == spread.most) continue;
    bool spanned = RunsOver(*lines[k], spread.chunks[k - b], candidate, spread) && !strict;
    if (spanned) continue;
    for (uint32_t w : lines[k]->words) {
      const Box& wb = words_[w].box;
      if (wb.x1 <= candidate.l || wb.x0 >= candidate.r) continue;
      std::vector<Gutter> rest;
      for (const Gutter& g : left) {
        if (wb.x1 <= g.l || wb.x0 >= g.r) {
          rest.push_back(g);
          continue;
        }
        if (wb.x0 - g.l >= min_width) rest.push_back({g.l, wb.x0});
        if (g.r - wb.x1 >= min_width) rest.push_back({wb.x1, g.r});
      }
      left.swap(rest);
    }
  }
  return left;
}

// The strips that two lines or more have words on both sides of, with a real gap (FindGutters).
std::vector<Gutter> Composer::SupportedGutters(const LinePtrs& lines, size_t b, size_t e,
                                               const std::vector<Gutter>& strips) const {
  std::vector<Gutter> out;
  for (const Gutter& g : strips) {
    size_t both = 0, real = 0, spaced = 0;
    for (size_t k = b; k < e; ++k) {
      const Line& line = *lines[k];
      float left_end = -kFar, right_start = kFar;
      bool inside = false;   // a heading running over the strip supports no boundary
      for (uint32_t w : line.words) {
        const Box& wb = words_[w].box;
        if (wb.x1 <= g.c()) left_end = std::max(left_end, wb.x1);
        if (wb.x0 >= g.c()) right_start = std::min(right_start, wb.x0);
        inside = inside || (wb.x1 > g.l + t_.gutter_inset && wb.x0 < g.r - t_.gutter_inset);
      }
      if (!inside && left_end > -kFar && right_start < kFar) {
        ++both;
        real += right_start - left_end > t_.chunk_gap * line.height;
        spaced += right_start - left_end > space_ * line.height;
      }
    }
    if (both >= 2 && (real >= 1 || (both >= 3 && spaced == both))) out.push_back(g);
  }
  return out;
}

// The line lies within the table's width and no word of it runs across the middle of a
// gutter (reaching into one is a longer line of a wrapped cell: the gutters are found again
// with the line).
bool Composer::Fits(const Line& line, const std::vector<Gutter>& gutters, float lo, float hi, float h) const {
  if (line.box.x0 < lo - h || line.box.x1 > hi + h) return false;
  for (uint32_t w : line.words) {
    const Box& wb = words_[w].box;
    for (const Gutter& g : gutters) {
      if (wb.x0 < g.c() && wb.x1 > g.c()) return false;
    }
  }
  return true;
}

// After a wide gap at line k: do the lines before it (from i) and the lines after it (to the
// next wide gap) keep the same columns? Two tables one under the other are set on columns
// of their own: some line of one runs over a gutter of the other.
bool Composer::SameColumnsAcross(const LinePtrs& lines, const LineChunks& chunks, size_t i, size_t k, float h) const {
  size_t end = k + 1;
  while (end < lines.size() && end < k + t_.lookahead_lines && BoxGap(lines, end) <= t_.close_line_gap * h) ++end;
  std::vector<Gutter> before = FindGutters(lines, i, k, h), after = FindGutters(lines, k, end, h);
  if (before.empty()) return true;   // nothing to compare with yet
  if (after.empty()) return Crossed(*lines[k], before) == 0;
  for (size_t j = i; j < k; ++j) {
    if (Crossed(*lines[j], after) > 0 && chunks[j].size() >= 2) return false;
  }
  for (size_t j = k; j < end; ++j) {
    if (Crossed(*lines[j], before) > 0 && chunks[j].size() >= 2) return false;
  }
  return true;
}

// How many gutters the line's words run over.
size_t Composer::Crossed(const Line& line, const std::vector<Gutter>& gutters) const {
  size_t n = 0;
  for (const Gutter& g : gutters) {
    for (uint32_t w : line.words) {
      const Box& wb = words_[w].box;
      if (wb.x1 > g.l + t_.gutter_inset && wb.x0 < g.r - t_.gutter_inset) {
        ++n;
        break;
      }
    }
  }
  return n;
}

// The region that starts at line i (a line of two pieces or more), or kNone: the candidate
// extent (GrowExtent), cut to its longest stretch with good gutters (TrimToColumns), kept when
// its columns are clear, with the wrapped cells around it; two columns of running text rather
// than a table when IsProse says so. `floor`: the first line a wrapped cell above may be.
Composer::Region Composer::FindRegion(const LinePtrs& lines, const LineChunks& chunks, size_t i, size_t floor) const {
  // Set by GrowExtent for this region only: every FindGutters call after it sees the rulings
  // again.
  struct Restore {
    bool& flag;
    ~Restore() { flag = false; }
  } restore{ignore_rulings_};
  size_t last_multi = i;
  size_t end = GrowExtent(lines, chunks, i, &last_multi);
  std::vector<Gutter> gutters = TrimToColumns(lines, chunks, i, last_multi, &end);
  if (gutters.empty()) return Region{};
  float hh = MedianHeight(lines, i, end);
  if (!ClearColumns(chunks, i, end, gutters, hh)) return Region{};

  Region r;
  r.kind = Region::kTable;
  r.begin = i;
  r.end = end;
  r.gutters = std::move(gutters);
  float lo = kFar, hi = -kFar;
  for (size_t k = r.begin; k < r.end; ++k) {
    lo = std::min(lo, lines[k]->box.x0);
    hi = std::max(hi, lines[k]->box.x1);
  }
  AddWrappedCells(lines, chunks, floor, hh, lo, hi, r);
  // Columns of running text are judged on the stretch found first: the lines added below
  // it are the longer column's end, on one side only.
  Region prose = r;
  prose.begin = i;
  prose.end = end;
  prose.gutters = FindGutters(lines, i, end, hh, true);
  if (IsProse(lines, prose, lo, hi)) {
    r.kind = Region::kColumns;
    r.gutters = prose.gutters;
  }
  return r;
}

// The candidate extent of a region from line i: close lines. It ends at a gap much wider than
// the gaps between the lines so far (the space between two tables), at a line of running text
// across the columns found so far, at a new heading row ("STT ..."), or, before any column is
// known, after max_lone_lines one-piece lines. Returns its end; `last_multi`: its last line of
// two pieces or more.
size_t Composer::GrowExtent(const LinePtrs& lines, const LineChunks& chunks, size_t i, size_t* last_multi) const {
  float h = lines[i]->height;
  bool heading_first = IsHeadingWord(FirstChunkText(*lines[i], chunks[i]));
  size_t numbered_rows = IsOrdinal(FirstChunkText(*lines[i], chunks[i])) ? 1 : 0;
  std::vector<Gutter> current;
  std::vector<float> gaps;
  float lo = lines[i]->box.x0, hi = lines[i]->box.x1;
  std::vector<float> grid = GridOf(*lines[i]);
  size_t stop = i + 1;
  for (size_t k = i + 1; k < lines.size(); stop = ++k) {
    float gap = BoxGap(lines, k);
    std::vector<float> grid_k = GridOf(*lines[k]);
    // Lines inside ruled tables belong together whatever their height (OCR measures a line's
    // type size roughly); other lines must be of the table's type size. Inside one ruled
    // table no gap between lines ends it: a tall row sets its cells' lines far apart.
    bool same_table = !grid.empty() && !grid_k.empty();
    bool other_grid = OtherGrid(grid, grid_k);
    bool same_grid = same_table && !other_grid;
    if (gap > t_.region_gap * h && !same_grid) break;
    if (other_grid) {
      // The next ruled table, set close below; but a heading drawn as a table of its own
      // over its body, whose columns do not line up with the body's, heads the body: the
      // two are one table, read from word positions alone.
      if (!heading_first || numbered_rows > 0 || k > i + t_.max_heading_lines) break;
      ignore_rulings_ = true;
      grid = std::move(grid_k);
    }
    if (grid.empty()) grid = std::move(grid_k);
    if (gaps.size() >= 2) {
      float usual = std::max(Percentile(gaps, kMedian), t_.min_usual_gap * h);
      if (gap > std::max(t_.wide_gap_factor * usual, usual + t_.wide_gap_margin * h) && !same_grid &&
          !SameColumnsAcross(lines, chunks, i, k, h)) {
        break;
      }
    }
    if (!same_table && std::fabs(lines[k]->height - h) > t_.table_same_size * h) break;   // not this table's size
    bool multi = chunks[k].size() >= 2;
    // A heading row ("STT ...") after numbered rows: the next table.
    if (multi && IsHeadingWord(FirstChunkText(*lines[k], chunks[k])) && numbered_rows > 0 &&
        (k > i + t_.max_heading_lines || !heading_first)) {
      break;
    }
    if (multi && IsOrdinal(FirstChunkText(*lines[k], chunks[k]))) ++numbered_rows;
    if (!current.empty()) {
      bool wide = lines[k]->box.width() > t_.wide_line * (hi - lo);
      if (!multi && wide && Crossed(*lines[k], current) >= 2) break;
    } else if (!multi && (lines[k]->box.width() > t_.running_text_width * (page_right_ - page_left_) ||
                          k - *last_multi > t_.max_lone_lines)) {
      break;   // running text, or a long stretch of one-piece lines, before any column is known
    }
    gaps.push_back(std::max(gap, 0.0f));   // lines of one cell overlap: no gap
    lo = std::min(lo, lines[k]->box.x0);
    hi = std::max(hi, lines[k]->box.x1);
    if (multi) {
      *last_multi = k;
      current = FindGutters(lines, i, k + 1, MedianHeight(lines, i, k + 1));
    }
  }
  return stop;
}

// The longest stretch from i to `*end` with good gutters, and those gutters (none: no region).
// Lines after it that break the columns, such as the paragraph after a table, are left out;
// one-piece lines at its end stay when they keep to the columns (the wrapped text of the last
// row).
std::vector<Gutter> Composer::TrimToColumns(const LinePtrs& lines, const LineChunks& chunks, size_t i,
                                            size_t last_multi, size_t* end) const {
  std::vector<Gutter> gutters;
  while (*end > i + 1) {
    float hh = MedianHeight(lines, i, *end);
    gutters = FindGutters(lines, i, *end, hh);
    if (!gutters.empty()) break;
    do {
      --*end;
    } while (*end > i + 1 && chunks[*end - 1].size() < 2);
  }
  if (gutters.empty()) return gutters;
  if (*end > last_multi + 1) {
    size_t keep = last_multi + 1;
    while (keep < *end && chunks[keep].size() < 2 && Crossed(*lines[keep], gutters) == 0) ++keep;
    if (keep < *end) {
      *end = keep;
      gutters = FindGutters(lines, i, *end, MedianHeight(lines, i, *end));
    }
  }
  return gutters;
}

// Two lines make a table when their columns are clear: a wide gutter, or three columns; else
// three lines of several pieces are needed.
bool Composer::ClearColumns(const LineChunks& chunks, size_t i, size_t end, const std::vector<Gutter>& gutters,
                            float hh) const {
  size_t multi = 0;
  for (size_t k = i; k < end; ++k) multi += chunks[k].size() >= 2;
  bool strong = gutters.size() >= 2;
  for (const Gutter& g : gutters) strong = strong || g.r - g.l >= t_.strong_gutter * hh;
  return !(multi < 2 || (multi < 3 && !strong));
}

// Wrapped cells below the region's last multi-piece line, and above its first: one-piece lines
// close to it (or drawn inside its own ruled table), of its type size, that keep to its columns.
// The gutters are found again with them when they stay as many.
void Composer::AddWrappedCells(const LinePtrs& lines, const LineChunks& chunks, size_t floor, float hh, float lo,
                               float hi, Region& r) const {
  const size_t i = r.begin, end = r.end;
  float inner_gap = 0;
  for (size_t k = r.begin + 1; k < r.end; ++k) inner_gap = std::max(inner_gap, BoxGap(lines, k));
  float allowed_gap = std::min(std::max(inner_gap, 0.0f) + t_.wrap_gap_slack, t_.max_wrap_gap * hh);
  auto same_size = [&](const Line& l) { return std::fabs(l.height - hh) <= t_.wrap_same_size * hh; };
  // A line drawn inside the region's own ruled table is one of its cells however far it is
  // set from the next (a row of one wrapped cell, with the cell's padding above and below).
  const std::vector<float> region_grid = GridOf(*lines[i]);
  auto wrapped = [&](size_t k, size_t next) {
    const Line& l = *lines[k];
    bool close = SameGrid(region_grid, GridOf(l)) || (BoxGap(lines, next) <= allowed_gap && same_size(l));
    return chunks[k].size() < 2 && close && Fits(l, r.gutters, lo, hi, hh);
  };
  while (r.end < lines.size() && wrapped(r.end, r.end)) ++r.end;
  while (r.begin > floor && wrapped(r.begin - 1, r.begin)) --r.begin;
  if (r.begin < i || r.end > end) {
    std::vector<Gutter> again = FindGutters(lines, r.begin, r.end, hh);
    if (again.size() == r.gutters.size()) r.gutters = std::move(again);
  }
}

// Two columns of running text rather than a two-column table: one gutter near the middle,
// both sides wide, and each side a column of running text: several lines of several words,
// most of them reaching the column's edge (justified or wrapped). The two sides' baselines
// need not agree.
bool Composer::IsProse(const LinePtrs& lines, const Region& r, float lo, float hi) const {
  if (r.gutters.size() != 1 || r.end - r.begin < t_.prose_min_lines) return false;
  if (!RuledGutters(lines, r.begin, r.end).empty()) return false;   // drawn as a table
  const Gutter& g = r.gutters[0];
  float width = hi - lo;
  if (g.c() < lo + t_.prose_gutter_from * width || g.c() > lo + t_.prose_gutter_to * width) return false;
  if (g.l - lo < t_.prose_min_side * width || hi - g.r < t_.prose_min_side * width) return false;
  std::vector<float> left_words, right_words;
  size_t left_full = 0, right_full = 0;
  for (size_t k = r.begin; k < r.end; ++k) {
    size_t left = 0, right = 0;
    float left_end = -kFar, right_end = -kFar;
    for (uint32_t w : lines[k]->words) {
      const Box& wb = words_[w].box;
      if (wb.cx() < g.c()) {
        ++left;
        left_end = std::max(left_end, wb.x1);
      } else {
        ++right;
        right_end = std::max(right_end, wb.x1);
      }
    }
    float reach = t_.prose_full_reach * lines[k]->height;
    if (left) {
      left_words.push_back(static_cast<float>(left));
      left_full += left_end >= g.l - reach;
    }
    if (right) {
      right_words.push_back(static_cast<float>(right));
      right_full += right_end >= hi - reach;
    }
  }
  return left_words.size() >= t_.prose_min_lines && right_words.size() >= t_.prose_min_lines &&
         Percentile(left_words, kMedian) >= t_.prose_min_words && Percentile(right_words, kMedian) >= t_.prose_min_words &&
         left_full * 2 >= left_words.size() && right_full * 2 >= right_words.size();
}

// Two columns: the left column's lines, then the right one's, each a flow of its own.
void Composer::Columns(const LinePtrs& lines, const Region& r) {
  float cut = r.gutters[0].c();
  std::vector<uint32_t> left, right;
  for (size_t k = r.begin; k < r.end; ++k) {
    for (uint32_t w : lines[k]->words) (words_[w].box.cx() < cut ? left : right).push_back(w);
  }
  for (const std::vector<uint32_t>* side : {&left, &right}) {
    if (side->empty()) continue;
    storage_.push_back(BuildLines(words_, t_, *side));
    LinePtrs sub;
    for (const Line& l : storage_.back()) sub.push_back(&l);
    float saved_left = page_left_, saved_right = page_right_;
    std::tie(page_left_, page_right_) = TextEdges(sub, 0, sub.size());
    Flow(sub);
    page_left_ = saved_left;
    page_right_ = saved_right;
  }
}

}  // namespace baocao::pdf_internal
