// Page lines to page text: columns, tables, paragraphs (compose.h says what and why).
#include "source/compose.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <string_view>

#include "baocao/normalize/text.h"
#include "core/chars.h"
#include "core/statistics.h"
#include "core/strings.h"

namespace baocao::pdf_internal {
namespace {

using internal::FirstCodePoint;
using internal::IsCombiningMark;
using internal::IsDigit;
using internal::IsLetter;
using internal::IsLowerLetter;
using internal::LastCodePoint;
using internal::Percentile;

// Distances in line heights (the line's median word height, about 1.15 times its type size).
constexpr float kWordGap = 0.12f;     // a wider gap between two words is a space
constexpr float kChunkGap = 0.55f;    // a wider gap separates two pieces of a line (cells)
constexpr float kTabGap = 2.0f;       // a lone line's gap this wide is kept, as a tab
constexpr float kRegionGap = 1.6f;    // lines of one table are at most this far apart
constexpr size_t kMaxLoneLines = 16;  // one-piece lines (a tall cell) before a table's columns are known
constexpr float kStretchedSpace = 0.25f;     // a wider gap may part two cells set close
constexpr float kOcrStretchedSpace = 0.4f;   // the same between words read by OCR (Run())

struct Chunk {
  size_t first = 0, last = 0;   // positions in Line::words, inclusive
  float x0 = 0, x1 = 0;
};

struct Gutter {
  float l = 0, r = 0;
  float c() const { return (l + r) / 2; }
};

// A table's cells: for each line, the words of each column (positions in Line::words).
struct CellLine {
  std::vector<std::vector<size_t>> cells;
  bool spanning = false;   // a piece of the line runs over a column boundary (merged cells)
};

// "1", "12", "1.2", "IV", "a", "a)", "3." : what numbers a table's rows.
bool IsOrdinal(std::string_view s) {
  if (s.empty() || s.size() > 8) return false;
  if (s.back() == '.' || s.back() == ')') s.remove_suffix(1);
  if (s.empty()) return false;
  bool digits = true, roman = true;
  for (char c : s) {
    digits = digits && ((c >= '0' && c <= '9') || c == '.');
    roman = roman && (c == 'I' || c == 'V' || c == 'X' || c == 'L');
  }
  if (digits && s.front() != '.') return true;
  if (roman) return true;
  return s.size() == 1 && s[0] >= 'a' && s[0] <= 'z';
}

bool IsHeadingWord(std::string_view s) {
  if (s.size() > 12) return false;
  std::string key = FoldKey(s);
  return key == "stt" || key == "tt" || key == "so tt" || key == "so thu tu";
}

// "- ", "+ ", "• ", "a) ", "1. ", "2.1. ", "IV. ": a line that opens an item.
bool StartsItem(std::string_view s) {
  if (s.empty()) return false;
  if ((s[0] == '-' || s[0] == '+' || s[0] == '*') && s.size() > 1 && s[1] == ' ') return true;
  // "•", "–", and the Symbol-font bullets Word leaves in the private use area (U+F0B7, U+F0A7).
  if (s.starts_with("\u2022") || s.starts_with("\u2013") || s.starts_with("\uF0B7") || s.starts_with("\uF0A7")) return true;
  size_t sp = s.find(' ');
  if (sp == std::string_view::npos || sp > 8) return false;
  std::string_view head = s.substr(0, sp);
  return (head.back() == '.' || head.back() == ')') && IsOrdinal(head);
}

class Composer {
 public:
  Composer(const PageModel& page, LayoutCarry& carry, bool keep_boxes)
      : page_(page), words_(page.words), carry_(carry), keep_boxes_(keep_boxes) {}

  ComposedPage Run() {
    // Words read by OCR have ink boxes, without the side bearings of a text layer's glyph
    // advances: the same space is wider between them, and varies with the letters.
    for (const Word& w : words_) {
      if (w.confidence >= 0) {
        space_ = kOcrStretchedSpace;
        break;
      }
    }
    std::vector<const Line*> lines;
    for (const Line& l : page_.lines) {
      if (!l.running) lines.push_back(&l);
    }
    std::vector<float> x0s, x1s;
    for (const Line* l : lines) {
      x0s.push_back(l->box.x0);
      x1s.push_back(l->box.x1);
    }
    page_left_ = Percentile(x0s, 0.1f);
    page_right_ = Percentile(x1s, 0.9f);
    LearnPitches(lines);
    Flow(lines);
    if (!out_.text.empty()) out_.text += '\n';
    if (last_block_table_) {
      carry_.ended_in_table = true;
      carry_.columns = last_columns_;
      if (!last_header_key_.empty()) carry_.header_key = last_header_key_;
      carry_.gutters.clear();
      for (const Gutter& g : last_gutters_) carry_.gutters.push_back({g.l, g.r});
      carry_.table_x0 = last_x0_;
      carry_.table_x1 = last_x1_;
      carry_.line_height = last_height_;
    } else {
      carry_.ended_in_table = false;
      carry_.columns = 0;
      carry_.header_key.clear();
      carry_.gutters.clear();
    }
    return std::move(out_);
  }

 private:
  // The pitch of this page's lines by height (consecutive lines of one height), added to what
  // earlier pages taught: the usual step from one line of a paragraph to the next.
  void LearnPitches(const std::vector<const Line*>& lines) {
    std::vector<std::pair<float, std::vector<float>>> by_height;
    for (size_t k = 1; k < lines.size(); ++k) {
      const Line& a = *lines[k - 1];
      const Line& c = *lines[k];
      float step = c.box.y1 - a.box.y1;
      if (std::fabs(a.height - c.height) >= 0.1f * a.height || step < 0.8f * a.height || step > 2.5f * a.height) continue;
      auto it = std::find_if(by_height.begin(), by_height.end(),
                             [&](const auto& e) { return std::fabs(e.first - a.height) < 0.1f * a.height; });
      if (it == by_height.end()) {
        by_height.push_back({a.height, {}});
        it = by_height.end() - 1;
      }
      it->second.push_back(step);
    }
    for (auto& entry : by_height) {
      float height = entry.first;
      std::vector<float>& steps = entry.second;
      if (steps.size() < 3) continue;
      float pitch = Percentile(steps, 0.25f);
      auto known = std::find_if(carry_.pitches.begin(), carry_.pitches.end(),
                                [&](const auto& e) { return std::fabs(e.first - height) < 0.1f * height; });
      if (known != carry_.pitches.end()) {
        known->second = std::min(known->second, pitch);
      } else if (carry_.pitches.size() < 16) {
        carry_.pitches.push_back({height, pitch});
      }
    }
  }

  float KnownPitch(float height) const {
    for (const auto& [h, pitch] : carry_.pitches) {
      if (std::fabs(h - height) < 0.1f * height) return pitch;
    }
    return 0;
  }

  // ------------------------------------------------------------------------------------------
  // Output.

  void Break(int newlines) { pending_break_ = std::max(pending_break_, newlines); }

  void FlushBreak() {
    if (pending_break_ > 0 && !out_.text.empty()) out_.text.append(static_cast<size_t>(pending_break_), '\n');
    pending_break_ = 0;
  }

  void Put(std::string_view s) {
    FlushBreak();
    out_.text += s;
  }

  void PutWord(uint32_t w, std::string_view text) {
    FlushBreak();
    size_t begin = out_.text.size();
    out_.text += text;
    if (keep_boxes_ && out_.text.size() > begin) {
      out_.words.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(out_.text.size()), words_[w].page_box, w});
    }
  }

  bool NeedsSpace(uint32_t prev, uint32_t cur, float h) const {
    if (IsCombiningMark(FirstCodePoint(words_[cur].text))) return false;
    return words_[prev].space_after || words_[cur].box.x0 - words_[prev].box.x1 > kWordGap * h;
  }

  // Words [first, last] of a line, as they read.
  void PutWords(const Line& line, const std::vector<size_t>& positions) {
    for (size_t k = 0; k < positions.size(); ++k) {
      uint32_t w = line.words[positions[k]];
      if (k > 0 && NeedsSpace(line.words[positions[k - 1]], w, line.height)) Put(" ");
      PutWord(w, words_[w].text);
    }
  }

  // Appends one more line of the same paragraph (or cell): a space, or nothing after a hyphen
  // that breaks a word ("chuyển-" + "đổi" stays "chuyển-đổi"; "com-" + "puter" -> "computer").
  void JoinLine() {
    if (out_.text.empty()) return;
    char last = out_.text.back();
    if (last == '-' && out_.text.size() >= 2) {
      char32_t before = LastCodePoint(out_.text, out_.text.size() - 1);
      if (IsLetter(before) || IsDigit(before)) {
        join_hyphen_ = true;
        return;
      }
    }
    Put(" ");
  }

  // The first word after JoinLine(): drops the hyphen of a word broken between two lowercase
  // letters, keeps it between digits or capitals ("57-" + "NQ/TW").
  void PutFirstWordAfterJoin(uint32_t w) {
    if (join_hyphen_) {
      join_hyphen_ = false;
      char32_t before = LastCodePoint(out_.text, out_.text.size() - 1);
      char32_t after = FirstCodePoint(words_[w].text);
      if (IsLowerLetter(before) && IsLowerLetter(after) && before < 0x80 && after < 0x80) {
        out_.text.pop_back();
        if (keep_boxes_ && !out_.words.empty() && out_.words.back().end > out_.text.size()) {
          // A word that was only the hyphen is gone: an empty box would point at nothing.
          out_.words.back().end = static_cast<uint32_t>(out_.text.size());
          if (out_.words.back().end <= out_.words.back().begin) out_.words.pop_back();
        }
      }
    }
    PutWord(w, words_[w].text);
  }

  // ------------------------------------------------------------------------------------------
  // Pieces of a line.

  std::vector<Chunk> Chunks(const Line& line) const {
    std::vector<Chunk> out;
    for (size_t k = 0; k < line.words.size(); ++k) {
      const Box& b = words_[line.words[k]].box;
      if (k == 0 || b.x0 - out.back().x1 > kChunkGap * line.height) {
        out.push_back({k, k, b.x0, b.x1});
      } else {
        out.back().last = k;
        out.back().x1 = std::max(out.back().x1, b.x1);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Flow: lines in reading order, cut into text and tables.

  void Flow(const std::vector<const Line*>& lines) {
    std::vector<std::vector<Chunk>> chunks;
    chunks.reserve(lines.size());
    for (const Line* l : lines) chunks.push_back(Chunks(*l));
    size_t text_from = 0;
    size_t i = 0;
    if (page_top_ && carry_.ended_in_table && !carry_.gutters.empty() && !lines.empty()) {
      // The page opens with what the page break cut off a table: lines on the previous page's
      // columns, read on those columns when they make no table of their own here.
      size_t k = ContinuationEnd(lines, chunks);
      if (k > 0) {
        // A table found on this page's own lines, reaching up to the top, is read on its own.
        size_t m = 0;
        while (m < k && chunks[m].size() < 2) ++m;
        Region own = m < lines.size() && chunks[m].size() >= 2 ? FindRegion(lines, chunks, m, 0) : Region{};
        if (own.kind != Region::kTable || own.begin > 0) {
          Region r;
          r.kind = Region::kTable;
          r.end = k;
          r.gutters = RuledGutters(lines, 0, k);   // drawn on this page, else as the last page's
          if (r.gutters.empty()) r.gutters = CarriedGutters(lines, k);
          Table(lines, r);
          i = text_from = k;
        }
      }
    }
    page_top_ = false;
    while (i < lines.size()) {
      if (chunks[i].size() >= 2) {
        Region r = FindRegion(lines, chunks, i, text_from);
        if (r.kind != Region::kNone) {
          Text(lines, chunks, text_from, r.begin);
          if (r.kind == Region::kColumns) {
            Columns(lines, r);
          } else {
            Table(lines, r);
          }
          i = text_from = r.end;
          continue;
        }
      }
      ++i;
    }
    Text(lines, chunks, text_from, lines.size());
  }

  // How many lines from the top keep to the carried table's columns: close together, of its
  // type size, no word across a column boundary, and no new heading row ("STT ...").
  size_t ContinuationEnd(const std::vector<const Line*>& lines, const std::vector<std::vector<Chunk>>& chunks) const {
    std::vector<Gutter> gutters;
    for (const auto& [l, r] : carry_.gutters) gutters.push_back({l, r});
    float h = carry_.line_height > 0 ? carry_.line_height : lines[0]->height;
    size_t k = 0;
    for (; k < lines.size(); ++k) {
      const Line& line = *lines[k];
      if (k > 0 && BoxGap(lines, k) > kRegionGap * h) break;
      if (std::fabs(line.height - h) > 0.25f * h) break;
      if (IsHeadingWord(FirstChunkText(line, chunks[k]))) break;
      // The previous page's rows may not have filled their cells: a word may reach into a
      // column boundary found there, not across it.
      if (line.box.x0 < carry_.table_x0 - h || line.box.x1 > carry_.table_x1 + h) break;
      bool across = false;
      for (uint32_t w : line.words) {
        for (const Gutter& g : gutters) across = across || (words_[w].box.x0 <= g.l && words_[w].box.x1 >= g.r);
      }
      if (across) break;
    }
    return k;
  }

  // The carried column boundaries narrowed to what lines [0, k) leave free.
  std::vector<Gutter> CarriedGutters(const std::vector<const Line*>& lines, size_t k) const {
    std::vector<Gutter> gutters;
    for (const auto& [l, r] : carry_.gutters) gutters.push_back({l, r});
    for (size_t j = 0; j < k; ++j) {
      for (uint32_t w : lines[j]->words) {
        const Box& wb = words_[w].box;
        for (Gutter& g : gutters) {
          if (wb.x1 <= g.l || wb.x0 >= g.r) continue;
          if (wb.x0 <= g.l && wb.x1 < g.r) g.l = wb.x1;
          else if (wb.x1 >= g.r && wb.x0 > g.l) g.r = wb.x0;
        }
      }
    }
    return gutters;
  }

  struct Region {
    enum Kind { kNone, kTable, kColumns } kind = kNone;
    size_t begin = 0, end = 0;
    std::vector<Gutter> gutters;
  };

  // The rulings that pass a line (its middle between their ends), as their x, left to right.
  std::vector<float> GridOf(const Line& line) const {
    std::vector<float> xs;
    float cy = line.box.cy();
    for (const Ruling& r : page_.rulings) {
      if (cy >= r.y0 && cy <= r.y1) xs.push_back(r.x);
    }
    return xs;
  }

  // Two lines drawn in different ruled tables: neither's rulings are all among the other's (a
  // row over merged cells passes only some of its table's rulings, all of them the table's).
  static bool OtherGrid(const std::vector<float>& a, const std::vector<float>& b) {
    auto within = [](const std::vector<float>& small, const std::vector<float>& big) {
      for (float x : small) {
        bool found = false;
        for (float y : big) found = found || std::fabs(x - y) <= 2.0f;
        if (!found) return false;
      }
      return true;
    };
    return !a.empty() && !b.empty() && !within(a, b) && !within(b, a);
  }
  // Two lines drawn in one ruled table.
  static bool SameGrid(const std::vector<float>& a, const std::vector<float>& b) {
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
  std::vector<Gutter> RuledGutters(const std::vector<const Line*>& lines, size_t b, size_t e) const {
    std::vector<Gutter> out;
    if (ignore_rulings_ || page_.rulings.empty() || e < b + 2) return out;
    float lo = 1e9f, hi = -1e9f;
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
          if (wb.x0 < ruling.x - 1 && wb.x1 > ruling.x + 1) crossed = true;
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
        if (r.x - prev_x <= 3.0f) {   // a double ruling: one boundary
          out.back().r = std::max(out.back().r, r.strip.r);
          prev_x = r.x;
          continue;
        }
        // Two rulings with no word between them on these lines: an empty column.
        out.back().r = std::min(out.back().r, prev_x + 1.0f);
        out.push_back({std::max(r.strip.l, r.x - 1.0f), r.strip.r});
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
  // on them: as wide as two cells apart (kChunkGap) once, or, between narrow columns set
  // close, wider than a stretched space on every such line (three at least).
  // `strict`: no line may run over a strip (the test for columns of running text, whose
  // lines run over every strip inside a column).
  std::vector<Gutter> FindGutters(const std::vector<const Line*>& lines, size_t b, size_t e, float h,
                                  bool strict = false) const {
    if (std::vector<Gutter> ruled = RuledGutters(lines, b, e); !ruled.empty()) return ruled;
    std::vector<size_t> pieces;
    size_t most = 0;
    float lo = 1e9f, hi = -1e9f;
    for (size_t k = b; k < e; ++k) {
      pieces.push_back(Chunks(*lines[k]).size());
      most = std::max(most, pieces.back());
      lo = std::min(lo, lines[k]->box.x0);
      hi = std::max(hi, lines[k]->box.x1);
    }
    // Candidates: where no word of a fullest line is.
    struct Event {
      float x;
      int delta;
    };
    std::vector<Event> events;
    for (size_t k = b; k < e; ++k) {
      if (pieces[k - b] < most) continue;
      for (uint32_t w : lines[k]->words) {
        events.push_back({words_[w].box.x0, 1});
        events.push_back({words_[w].box.x1, -1});
      }
    }
    std::sort(events.begin(), events.end(), [](const Event& x, const Event& y) {
      return x.x != y.x ? x.x < y.x : x.delta > y.delta;
    });
    float min_width = std::max(2.0f, kStretchedSpace * h);
    std::vector<Gutter> parts;
    int depth = 0;
    float free_from = lo;
    for (const Event& ev : events) {
      if (depth == 0 && ev.delta > 0 && ev.x - free_from >= min_width) parts.push_back({free_from, ev.x});
      depth += ev.delta;
      if (depth == 0) free_from = ev.x;
    }
    if (hi - free_from >= min_width) parts.push_back({free_from, hi});
    // The other lines' words take their places out of each candidate, but for a line with a
    // piece running over the whole candidate (a heading over merged cells).
    std::vector<std::vector<Chunk>> line_chunks;
    for (size_t k = b; k < e; ++k) line_chunks.push_back(pieces[k - b] == most ? std::vector<Chunk>() : Chunks(*lines[k]));
    std::vector<Gutter> strips;
    for (const Gutter& candidate : parts) {
      std::vector<Gutter> left = {candidate};
      for (size_t k = b; k < e && !left.empty(); ++k) {
        if (pieces[k - b] == most) continue;
        bool spanned = false;
        for (const Chunk& ch : line_chunks[k - b]) {
          // A heading centred in the strip, between the columns it stands over.
          bool interior = candidate.l > lo && candidate.r < hi;
          bool centred_inside = interior && ch.x0 > candidate.l && ch.x1 < candidate.r &&
                                std::fabs((ch.x0 + ch.x1) / 2 - candidate.c()) < 0.25f * (candidate.r - candidate.l);
          if (centred_inside) {
            spanned = true;
            continue;
          }
          if (ch.x0 > candidate.l || ch.x1 < candidate.r) continue;
          // Two cells set close are no heading: a gap wider than a space inside the strip.
          bool close_cells = false;
          for (size_t p = ch.first + 1; p <= ch.last; ++p) {
            float gl = words_[lines[k]->words[p - 1]].box.x1, gr = words_[lines[k]->words[p]].box.x0;
            close_cells = close_cells || (gr - gl > space_ * lines[k]->height && gr > candidate.l && gl < candidate.r);
          }
          spanned = spanned || !close_cells;
        }
        spanned = spanned && !strict;
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
      strips.insert(strips.end(), left.begin(), left.end());
    }
    parts.swap(strips);
    std::vector<Gutter> out;
    for (const Gutter& g : parts) {
      size_t both = 0, real = 0, spaced = 0;
      for (size_t k = b; k < e; ++k) {
        const Line& line = *lines[k];
        float left_end = -1e9f, right_start = 1e9f;
        bool inside = false;   // a heading running over the strip supports no boundary
        for (uint32_t w : line.words) {
          const Box& wb = words_[w].box;
          if (wb.x1 <= g.c()) left_end = std::max(left_end, wb.x1);
          if (wb.x0 >= g.c()) right_start = std::min(right_start, wb.x0);
          inside = inside || (wb.x1 > g.l + 0.5f && wb.x0 < g.r - 0.5f);
        }
        if (!inside && left_end > -1e9f && right_start < 1e9f) {
          ++both;
          real += right_start - left_end > kChunkGap * line.height;
          spaced += right_start - left_end > space_ * line.height;
        }
      }
      if (both >= 2 && (real >= 1 || (both >= 3 && spaced == both))) out.push_back(g);
    }
    return out;
  }

  float MedianHeight(const std::vector<const Line*>& lines, size_t b, size_t e) const {
    std::vector<float> hs;
    for (size_t k = b; k < e; ++k) hs.push_back(lines[k]->height);
    return Percentile(hs, 0.5f);
  }

  float BoxGap(const std::vector<const Line*>& lines, size_t k) const {
    return lines[k]->box.y0 - lines[k - 1]->box.y1;
  }

  // The line lies within the table's width and no word of it runs across the middle of a
  // gutter (reaching into one is a longer line of a wrapped cell: the gutters are found again
  // with the line).
  bool Fits(const Line& line, const std::vector<Gutter>& gutters, float lo, float hi, float h) const {
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
  bool SameColumnsAcross(const std::vector<const Line*>& lines, const std::vector<std::vector<Chunk>>& chunks, size_t i,
                         size_t k, float h) const {
    size_t end = k + 1;
    while (end < lines.size() && end < k + 12 && BoxGap(lines, end) <= 0.5f * h) ++end;
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
  size_t Crossed(const Line& line, const std::vector<Gutter>& gutters) const {
    size_t n = 0;
    for (const Gutter& g : gutters) {
      for (uint32_t w : line.words) {
        const Box& wb = words_[w].box;
        if (wb.x1 > g.l + 0.5f && wb.x0 < g.r - 0.5f) {
          ++n;
          break;
        }
      }
    }
    return n;
  }

  std::string FirstChunkText(const Line& line, const std::vector<Chunk>& chunks) const {
    std::string s;
    for (size_t k = chunks[0].first; k <= chunks[0].last; ++k) s += words_[line.words[k]].text + " ";
    return internal::Squeeze(s, {}, internal::kSpaceTabNewline);
  }

  Region FindRegion(const std::vector<const Line*>& lines, const std::vector<std::vector<Chunk>>& chunks,
                    size_t i, size_t floor) const {
    Region none;
    float h = lines[i]->height;
    // Candidate extent: close lines. It ends at a gap much wider than the gaps between the
    // lines so far (the space between two tables), at a line of running text across the
    // columns found so far, at a new heading row ("STT ..."), or, before any column is known,
    // after kMaxLoneLines one-piece lines.
    size_t last_multi = i;
    bool heading_first = IsHeadingWord(FirstChunkText(*lines[i], chunks[i]));
    size_t numbered_rows = IsOrdinal(FirstChunkText(*lines[i], chunks[i])) ? 1 : 0;
    std::vector<Gutter> current;
    std::vector<float> gaps;
    float lo = lines[i]->box.x0, hi = lines[i]->box.x1;
    std::vector<float> grid = GridOf(*lines[i]);
    // Set below for this region only: every FindGutters call after it sees the rulings again.
    struct Restore {
      bool& flag;
      ~Restore() { flag = false; }
    } restore{ignore_rulings_};
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
      if (gap > kRegionGap * h && !same_grid) break;
      if (other_grid) {
        // The next ruled table, set close below; but a heading drawn as a table of its own
        // over its body, whose columns do not line up with the body's, heads the body: the
        // two are one table, read from word positions alone.
        if (!heading_first || numbered_rows > 0 || k > i + 3) break;
        ignore_rulings_ = true;
        grid = std::move(grid_k);
      }
      if (grid.empty()) grid = std::move(grid_k);
      if (gaps.size() >= 2) {
        float usual = std::max(Percentile(gaps, 0.5f), 0.3f * h);
        if (gap > std::max(2.5f * usual, usual + 0.5f * h) && !same_grid && !SameColumnsAcross(lines, chunks, i, k, h)) break;
      }
      if (!same_table && std::fabs(lines[k]->height - h) > 0.25f * h) break;   // another type size: not this table
      bool multi = chunks[k].size() >= 2;
      // A heading row ("STT ...") after numbered rows: the next table.
      if (multi && IsHeadingWord(FirstChunkText(*lines[k], chunks[k])) && numbered_rows > 0 && (k > i + 3 || !heading_first)) break;
      if (multi && IsOrdinal(FirstChunkText(*lines[k], chunks[k]))) ++numbered_rows;
      if (!current.empty()) {
        bool wide = lines[k]->box.width() > 0.5f * (hi - lo);
        if (!multi && wide && Crossed(*lines[k], current) >= 2) break;
      } else if (!multi && (lines[k]->box.width() > 0.7f * (page_right_ - page_left_) || k - last_multi > kMaxLoneLines)) {
        break;   // running text, or a long stretch of one-piece lines, before any column is known
      }
      gaps.push_back(std::max(gap, 0.0f));   // lines of one cell overlap: no gap
      lo = std::min(lo, lines[k]->box.x0);
      hi = std::max(hi, lines[k]->box.x1);
      if (multi) {
        last_multi = k;
        current = FindGutters(lines, i, k + 1, MedianHeight(lines, i, k + 1));
      }
    }
    // The longest stretch from i with good gutters (lines after it that break the columns,
    // such as the paragraph after a table, are left out); one-piece lines at its end stay
    // when they keep to the columns (the wrapped text of the last row).
    size_t end = stop;
    std::vector<Gutter> gutters;
    while (end > i + 1) {
      float hh = MedianHeight(lines, i, end);
      gutters = FindGutters(lines, i, end, hh);
      if (!gutters.empty()) break;
      do {
        --end;
      } while (end > i + 1 && chunks[end - 1].size() < 2);
    }
    if (gutters.empty()) return none;
    if (end > last_multi + 1) {
      size_t keep = last_multi + 1;
      while (keep < end && chunks[keep].size() < 2 && Crossed(*lines[keep], gutters) == 0) ++keep;
      if (keep < end) {
        end = keep;
        gutters = FindGutters(lines, i, end, MedianHeight(lines, i, end));
        if (gutters.empty()) return none;
      }
    }
    size_t multi = 0;
    for (size_t k = i; k < end; ++k) multi += chunks[k].size() >= 2;
    float hh = MedianHeight(lines, i, end);
    // Two lines make a table when their columns are clear: a wide gutter, or three columns.
    bool strong = gutters.size() >= 2;
    for (const Gutter& g : gutters) strong = strong || g.r - g.l >= 1.5f * hh;
    if (multi < 2 || (multi < 3 && !strong)) return none;

    Region r;
    r.kind = Region::kTable;
    r.begin = i;
    r.end = end;
    r.gutters = std::move(gutters);
    lo = 1e9f;
    hi = -1e9f;
    float inner_gap = 0;
    for (size_t k = r.begin; k < r.end; ++k) {
      lo = std::min(lo, lines[k]->box.x0);
      hi = std::max(hi, lines[k]->box.x1);
      if (k > r.begin) inner_gap = std::max(inner_gap, BoxGap(lines, k));
    }
    float allowed_gap = std::min(std::max(inner_gap, 0.0f) + 1.0f, 1.2f * hh);
    auto same_size = [&](const Line& l) { return std::fabs(l.height - hh) <= 0.2f * hh; };
    // A line drawn inside the region's own ruled table is one of its cells however far it is
    // set from the next (a row of one wrapped cell, with the cell's padding above and below).
    const std::vector<float> region_grid = GridOf(*lines[i]);
    auto wrapped = [&](size_t k, size_t next) {
      const Line& l = *lines[k];
      bool close = SameGrid(region_grid, GridOf(l)) || (BoxGap(lines, next) <= allowed_gap && same_size(l));
      return chunks[k].size() < 2 && close && Fits(l, r.gutters, lo, hi, hh);
    };
    // Wrapped cells below the last multi-piece line, and above the first.
    while (r.end < lines.size() && wrapped(r.end, r.end)) ++r.end;
    while (r.begin > floor && wrapped(r.begin - 1, r.begin)) --r.begin;
    if (r.begin < i || r.end > end) {
      std::vector<Gutter> again = FindGutters(lines, r.begin, r.end, hh);
      if (again.size() == r.gutters.size()) r.gutters = std::move(again);
    }
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

  // Two columns of running text rather than a two-column table: one gutter near the middle,
  // both sides wide, and each side a column of running text: several lines of several words,
  // most of them reaching the column's edge (justified or wrapped). The two sides' baselines
  // need not agree.
  bool IsProse(const std::vector<const Line*>& lines, const Region& r, float lo, float hi) const {
    if (r.gutters.size() != 1 || r.end - r.begin < 4) return false;
    if (!RuledGutters(lines, r.begin, r.end).empty()) return false;   // drawn as a table
    const Gutter& g = r.gutters[0];
    float width = hi - lo;
    if (g.c() < lo + 0.3f * width || g.c() > lo + 0.7f * width) return false;
    if (g.l - lo < 0.3f * width || hi - g.r < 0.3f * width) return false;
    std::vector<float> left_words, right_words;
    size_t left_full = 0, right_full = 0;
    for (size_t k = r.begin; k < r.end; ++k) {
      size_t left = 0, right = 0;
      float left_end = -1e9f, right_end = -1e9f;
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
      float reach = 1.5f * lines[k]->height;
      if (left) {
        left_words.push_back(static_cast<float>(left));
        left_full += left_end >= g.l - reach;
      }
      if (right) {
        right_words.push_back(static_cast<float>(right));
        right_full += right_end >= hi - reach;
      }
    }
    return left_words.size() >= 4 && right_words.size() >= 4 && Percentile(left_words, 0.5f) >= 4 &&
           Percentile(right_words, 0.5f) >= 4 && left_full * 2 >= left_words.size() && right_full * 2 >= right_words.size();
  }

  // ------------------------------------------------------------------------------------------
  // Two columns: the left column's lines, then the right one's, each a flow of its own.

  void Columns(const std::vector<const Line*>& lines, const Region& r) {
    float cut = r.gutters[0].c();
    std::vector<uint32_t> left, right;
    for (size_t k = r.begin; k < r.end; ++k) {
      for (uint32_t w : lines[k]->words) (words_[w].box.cx() < cut ? left : right).push_back(w);
    }
    for (const std::vector<uint32_t>* side : {&left, &right}) {
      if (side->empty()) continue;
      storage_.push_back(BuildLines(words_, *side));
      std::vector<const Line*> sub;
      for (const Line& l : storage_.back()) sub.push_back(&l);
      float saved_left = page_left_, saved_right = page_right_;
      std::vector<float> x0s, x1s;
      for (const Line* l : sub) {
        x0s.push_back(l->box.x0);
        x1s.push_back(l->box.x1);
      }
      page_left_ = Percentile(x0s, 0.1f);
      page_right_ = Percentile(x1s, 0.9f);
      Flow(sub);
      page_left_ = saved_left;
      page_right_ = saved_right;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Tables.

  CellLine SplitCells(const Line& line, const std::vector<Gutter>& gutters) const {
    CellLine out;
    out.cells.resize(gutters.size() + 1);
    std::vector<Span> spans;
    auto column_of = [&](float x) {
      size_t c = 0;
      while (c < gutters.size() && x > gutters[c].c()) ++c;
      return c;
    };
    // Pieces cut at every word gap wider than a space that meets a gutter (cells set closer
    // than kChunkGap); a space inside a gutter is a heading running over it.
    std::vector<Chunk> pieces;
    for (const Chunk& ch : Chunks(line)) {
      Chunk cur = ch;
      cur.last = ch.first;
      cur.x1 = words_[line.words[ch.first]].box.x1;
      for (size_t k = ch.first + 1; k <= ch.last; ++k) {
        const Box& prev = words_[line.words[k - 1]].box;
        const Box& wb = words_[line.words[k]].box;
        bool cut = false;
        for (const Gutter& g : gutters) cut = cut || (wb.x0 > g.l && prev.x1 < g.r && wb.x0 - prev.x1 > space_ * line.height);
        if (cut) {
          pieces.push_back(cur);
          cur = {k, k, wb.x0, wb.x1};
        } else {
          cur.last = k;
          cur.x1 = std::max(cur.x1, wb.x1);
        }
      }
      pieces.push_back(cur);
    }
    for (const Chunk& ch : pieces) {
      // A piece that runs over a gutter is a merged cell: all of it goes to its first column.
      bool crosses = false;
      for (size_t k = ch.first; k <= ch.last && !crosses; ++k) {
        const Box& wb = words_[line.words[k]].box;
        for (const Gutter& g : gutters) crosses = crosses || (wb.x1 > g.l + 0.5f && wb.x0 < g.r - 0.5f);
      }
      if (crosses) {
        out.spanning = true;
        spans.push_back({column_of(ch.x0), column_of(ch.x1), ch.x0, ch.x1, {}});
        for (size_t k = ch.first; k <= ch.last; ++k) spans.back().words.push_back(k);
        continue;
      }
      for (size_t k = ch.first; k <= ch.last; ++k) out.cells[column_of(words_[line.words[k]].box.cx())].push_back(k);
    }
    // A heading over merged cells belongs to the first column of its span. Its text is
    // centred over the span more often than not: the span is the widest run of columns left
    // empty by the line around it whose middle is the text's middle; else it starts where
    // the text starts.
    for (const Span& sp : spans) {
      size_t first = sp.first;
      float mid = (sp.x0 + sp.x1) / 2;
      size_t lo = sp.first, hi = sp.last;
      while (lo > 0 && out.cells[lo - 1].empty() && !SpanTaken(spans, lo - 1, sp)) --lo;
      while (hi + 1 < out.cells.size() && out.cells[hi + 1].empty() && !SpanTaken(spans, hi + 1, sp)) ++hi;
      float best = -1;
      for (size_t a = lo; a <= sp.first; ++a) {
        for (size_t z = std::max(a, sp.last); z <= hi; ++z) {
          float left = a == 0 ? table_lo_ : gutters[a - 1].c(), right = z + 1 > gutters.size() ? table_hi_ : gutters[z].c();
          if (std::fabs((left + right) / 2 - mid) <= std::max(4.0f, 0.06f * (right - left)) && right - left > best) {
            best = right - left;
            first = a;
          }
        }
      }
      for (size_t k : sp.words) out.cells[first].push_back(k);
    }
    return out;
  }

  struct Span {
    size_t first, last;   // columns the text runs over
    float x0, x1;
    std::vector<size_t> words;
  };

  static bool SpanTaken(const std::vector<Span>& spans, size_t column, const Span& self) {
    for (const Span& s : spans) {
      if (&s != &self && column >= s.first && column <= s.last) return true;
    }
    return false;
  }

  std::string CellText(const Line& line, const std::vector<size_t>& positions) const {
    std::string s;
    for (size_t k : positions) s += words_[line.words[k]].text + " ";
    return internal::Squeeze(s, {}, internal::kSpaceTabNewline);
  }

  // A row: the lines whose words make its cells, top to bottom.
  using Row = std::vector<size_t>;   // indices into the table's lines

  void Table(const std::vector<const Line*>& all, const Region& r) {
    std::vector<const Line*> lines(all.begin() + static_cast<std::ptrdiff_t>(r.begin),
                                   all.begin() + static_cast<std::ptrdiff_t>(r.end));
    size_t n = lines.size(), columns = r.gutters.size() + 1;
    table_lo_ = 1e9f;
    table_hi_ = -1e9f;
    for (const Line* l : lines) {
      table_lo_ = std::min(table_lo_, l->box.x0);
      table_hi_ = std::max(table_hi_, l->box.x1);
    }
    std::vector<CellLine> cells;
    for (const Line* l : lines) cells.push_back(SplitCells(*l, r.gutters));
    bool first_block = out_.text.empty() && pending_break_ == 0;
    bool continued = first_block && carry_.ended_in_table;

    // Rows numbered in the first column ("1", "II", "a)"): the number anchors its row.
    size_t numbered = 0, first_filled = 0;
    std::vector<bool> anchor(n, false);
    for (size_t k = 0; k < n; ++k) {
      if (cells[k].cells[0].empty()) continue;
      ++first_filled;
      std::string first = CellText(*lines[k], cells[k].cells[0]);
      if (IsOrdinal(first)) {
        anchor[k] = true;
        ++numbered;
      }
    }
    bool by_number = numbered >= 2 && numbered * 10 >= first_filled * 6;

    // Baseline pitch between lines of one cell: the smallest step seen between lines of the
    // table, or, when every step is wider than single spacing, single spacing itself (the
    // line height). A wider step is padding between rows: "next row". Steps under 0.8 line
    // heights are lines of different cells set at different heights (a centred cell).
    float hh = 0;
    for (const Line* l : lines) hh += l->height / static_cast<float>(n);
    float pitch = 1.0f * hh;
    for (size_t k = 1; k < n; ++k) {
      float step = lines[k]->box.y1 - lines[k - 1]->box.y1;
      if (step > 0.8f * hh && step < 1.25f * hh) pitch = std::min(pitch, step);
    }
    std::vector<bool> row_break(n, false);
    size_t breaks = 0;
    for (size_t k = 1; k < n; ++k) {
      float step = lines[k]->box.y1 - lines[k - 1]->box.y1;
      if (step > 0.8f * hh && step > pitch + std::max(1.5f, 0.1f * pitch)) {
        row_break[k] = true;
        ++breaks;
      }
    }
    bool by_gap = breaks > 0;

    std::vector<Row> rows;
    size_t body_from = 0;   // rows before it are heading rows (for the carry)
    if (by_gap) {
      Row current;
      for (size_t k = 0; k < n; ++k) {
        if (k > 0 && row_break[k] && !current.empty()) {
          rows.push_back(current);
          current.clear();
        }
        current.push_back(k);
      }
      rows.push_back(current);
      // A gap-separated block holding two numbered lines is two rows (no padding between them).
      if (by_number) rows = SplitByNumber(rows, anchor, lines);
      // Cells spaced wider than single spacing look like rows of their own: a block without a
      // number that opens in lowercase under a numbered row continues it.
      if (by_number) rows = MergeContinuations(rows, anchor, lines, cells);
      body_from = 0;
      while (body_from < rows.size() && !HasAnchor(rows[body_from], anchor) && body_from < 3 && !continued) {
        if (!IsHeadingRow(rows[body_from], lines, cells)) break;
        ++body_from;
      }
    } else if (by_number) {
      rows = RowsByNumber(lines, anchor, cells, continued, &body_from);
    } else {
      // One line, one row; a line opening in lowercase continues the cell above it.
      for (size_t k = 0; k < n; ++k) {
        if (!rows.empty() && ContinuesAbove(k, cells, lines)) {
          rows.back().push_back(k);
        } else {
          rows.push_back({k});
        }
      }
    }

    Break(2);
    std::string header_key;
    for (size_t ri = 0; ri < rows.size(); ++ri) {
      if (ri > 0) Break(1);
      std::string key = EmitRow(rows[ri], lines, cells, columns);
      if (ri < body_from) header_key += key + "\n";
    }
    Break(2);
    last_block_table_ = true;
    last_columns_ = columns;
    last_header_key_ = header_key;
    last_gutters_ = r.gutters;
    last_x0_ = table_lo_;
    last_x1_ = table_hi_;
    last_height_ = lines.empty() ? 0 : lines[0]->height;
  }

  static bool HasAnchor(const Row& row, const std::vector<bool>& anchor) {
    for (size_t k : row) {
      if (anchor[k]) return true;
    }
    return false;
  }

  // A heading row: no number in the first column and no cell that is a value.
  bool IsHeadingRow(const Row& row, const std::vector<const Line*>& lines, const std::vector<CellLine>& cells) const {
    for (size_t k : row) {
      for (const auto& cell : cells[k].cells) {
        std::string t = CellText(*lines[k], cell);
        if (t.empty()) continue;
        bool digit = false;
        for (char c : t) digit = digit || (c >= '0' && c <= '9');
        if (digit && t.size() < 12) return false;
      }
    }
    return true;
  }

  // A gap-separated block holding two numbered lines is two rows or more: each line goes to
  // the numbered line it belongs to (OwnersByNumber); lines before the first number open the
  // block's first row.
  std::vector<Row> SplitByNumber(const std::vector<Row>& rows, const std::vector<bool>& anchor,
                                 const std::vector<const Line*>& lines) const {
    std::vector<Row> out;
    for (const Row& row : rows) {
      std::vector<size_t> anchors;
      for (size_t k : row) {
        if (anchor[k]) anchors.push_back(k);
      }
      if (anchors.size() < 2) {
        out.push_back(row);
        continue;
      }
      std::vector<int> owner = OwnersByNumber(lines, row, anchors);
      std::vector<Row> split(anchors.size());
      for (size_t j = 0; j < row.size(); ++j) split[static_cast<size_t>(std::max(owner[j], 0))].push_back(row[j]);
      for (Row& r : split) out.push_back(std::move(r));
    }
    return out;
  }

  // For lines `members` (in order) and the numbered ones among them, the index of the number
  // each line belongs to: the one above it (text wraps downwards), unless the one below is
  // clearly closer (a number set in the middle of a tall row); -1 before the first number.
  std::vector<int> OwnersByNumber(const std::vector<const Line*>& lines, const std::vector<size_t>& members,
                                  const std::vector<size_t>& anchors) const {
    std::vector<float> steps;
    for (size_t j = 1; j < members.size(); ++j) steps.push_back(lines[members[j]]->box.cy() - lines[members[j - 1]]->box.cy());
    float pitch = std::max(Percentile(steps, 0.5f), 1.0f);
    std::vector<int> owner(members.size(), -1);
    size_t a = 0;
    for (size_t j = 0; j < members.size(); ++j) {
      size_t k = members[j];
      while (a + 1 < anchors.size() && k >= anchors[a + 1]) ++a;
      if (k < anchors[0]) {
        // Before the first number: its row when the line mirrors one below the number.
        float d = lines[anchors[0]]->box.cy() - lines[k]->box.cy();
        owner[j] = d < 0.75f * pitch ? 0 : -1;
        continue;
      }
      if (k == anchors[a]) {
        owner[j] = static_cast<int>(a);
        continue;
      }
      float up = lines[k]->box.cy() - lines[anchors[a]]->box.cy();
      float down = a + 1 < anchors.size() ? lines[anchors[a + 1]]->box.cy() - lines[k]->box.cy() : 1e9f;
      owner[j] = down < up - 0.3f * pitch ? static_cast<int>(a + 1) : static_cast<int>(a);
    }
    return owner;
  }

  std::vector<Row> MergeContinuations(const std::vector<Row>& rows, const std::vector<bool>& anchor,
                                      const std::vector<const Line*>& lines, const std::vector<CellLine>& cells) const {
    std::vector<Row> out;
    for (const Row& row : rows) {
      bool merge = false;
      if (!out.empty() && HasAnchor(out.back(), anchor) && !HasAnchor(row, anchor) && cells[row.front()].cells[0].empty()) {
        size_t k = row.front();
        for (size_t c = 0; c < cells[k].cells.size(); ++c) {
          if (cells[k].cells[c].empty()) continue;
          bool above = false;
          for (size_t j : out.back()) above = above || !cells[j].cells[c].empty();
          merge = above && IsLowerLetter(FirstCodePoint(words_[lines[k]->words[cells[k].cells[c].front()]].text));
          break;
        }
      }
      if (merge) {
        out.back().insert(out.back().end(), row.begin(), row.end());
      } else {
        out.push_back(row);
      }
    }
    return out;
  }

  // Rows told apart by the numbers of the first column. A line between two numbered lines
  // belongs to the upper row (text wraps downwards), unless it is clearly closer to the lower
  // one (a number set in the middle of a tall row). Lines before the first number are the
  // heading, or (on a page continuing a table) the rest of the row the page break cut.
  std::vector<Row> RowsByNumber(const std::vector<const Line*>& lines, const std::vector<bool>& anchor,
                                const std::vector<CellLine>& cells, bool continued, size_t* body_from) const {
    size_t n = lines.size();
    std::vector<size_t> anchors;
    for (size_t k = 0; k < n; ++k) {
      if (anchor[k]) anchors.push_back(k);
    }
    std::vector<float> steps;
    for (size_t k = 1; k < n; ++k) steps.push_back(lines[k]->box.cy() - lines[k - 1]->box.cy());
    float pitch = std::max(Percentile(steps, 0.5f), 1.0f);
    std::vector<int> owner(n, -1);   // index into anchors
    for (size_t a = 0; a < anchors.size(); ++a) owner[anchors[a]] = static_cast<int>(a);
    for (size_t a = 0; a + 1 <= anchors.size(); ++a) {
      size_t from = anchors[a] + 1, to = a + 1 < anchors.size() ? anchors[a + 1] : n;
      for (size_t k = from; k < to; ++k) {
        float up = lines[k]->box.cy() - lines[anchors[a]]->box.cy();
        float down = a + 1 < anchors.size() ? lines[anchors[a + 1]]->box.cy() - lines[k]->box.cy() : 1e9f;
        owner[k] = down < up - 0.3f * pitch ? static_cast<int>(a + 1) : static_cast<int>(a);
      }
    }
    // Lines above the first number that mirror lines below it belong to its (centred) row.
    size_t pre_end = anchors[0];
    if (pre_end > 0) {
      std::vector<float> below;
      for (size_t k = anchors[0] + 1; k < n && owner[k] == 0; ++k) below.push_back(lines[k]->box.cy() - lines[anchors[0]]->box.cy());
      size_t k = pre_end;
      while (k > 0) {
        float d = lines[anchors[0]]->box.cy() - lines[k - 1]->box.cy();
        bool mirrored = false;
        for (float b : below) mirrored = mirrored || std::fabs(b - d) < 0.35f * pitch;
        if (!mirrored || d > 1.6f * pitch) break;
        owner[k - 1] = 0;
        --k;
      }
      pre_end = k;
    }
    std::vector<Row> rows;
    *body_from = 0;
    if (pre_end > 0) {
      size_t heading = pre_end;
      if (continued) {
        // The heading repeated at the top of this page, if it is the previous page's heading;
        // what follows it is the rest of the cut row.
        heading = 0;
        for (size_t len = pre_end; len >= 1; --len) {
          std::string key;
          for (const Row& hr : HeadingRows(cells, 0, len)) key += RowKey(hr, lines, cells) + "\n";
          if (key == carry_.header_key) {
            heading = len;
            break;
          }
        }
      }
      for (const Row& hr : HeadingRows(cells, 0, heading)) rows.push_back(hr);
      *body_from = rows.size();
      if (heading < pre_end) {
        Row rest;
        for (size_t k = heading; k < pre_end; ++k) rest.push_back(k);
        rows.push_back(rest);
      }
    }
    for (size_t a = 0; a < anchors.size(); ++a) {
      Row row;
      for (size_t k = pre_end; k < n; ++k) {
        if (owner[k] == static_cast<int>(a)) row.push_back(k);
      }
      rows.push_back(row);
    }
    return rows;
  }

  // Heading lines [b, e): one row, except that a line with a heading over several columns
  // closes its row (the sub-headings under it are the next row, as in the text versions).
  std::vector<Row> HeadingRows(const std::vector<CellLine>& cells, size_t b, size_t e) const {
    std::vector<Row> rows;
    Row current;
    for (size_t k = b; k < e; ++k) {
      current.push_back(k);
      if (cells[k].spanning && k + 1 < e) {
        rows.push_back(current);
        current.clear();
      }
    }
    if (!current.empty()) rows.push_back(current);
    return rows;
  }

  std::string RowKey(const Row& row, const std::vector<const Line*>& lines, const std::vector<CellLine>& cells) const {
    std::string key;
    size_t columns = cells.empty() ? 0 : cells[0].cells.size();
    for (size_t c = 0; c < columns; ++c) {
      if (c) key += '\t';
      std::string cell;
      for (size_t k : row) cell += CellText(*lines[k], cells[k].cells[c]) + " ";
      key += internal::Squeeze(cell, {}, internal::kSpaceTabNewline);
    }
    return key;
  }

  bool ContinuesAbove(size_t k, const std::vector<CellLine>& cells, const std::vector<const Line*>& lines) const {
    if (k == 0) return false;
    const CellLine& cur = cells[k];
    const CellLine& above = cells[k - 1];
    for (size_t c = 0; c < cur.cells.size(); ++c) {
      if (cur.cells[c].empty()) continue;
      uint32_t w = lines[k]->words[cur.cells[c].front()];
      return IsLowerLetter(FirstCodePoint(words_[w].text)) && !above.cells[c].empty();
    }
    return false;
  }

  // Writes one row; returns its text (the key a repeated heading is recognized by).
  std::string EmitRow(const Row& row, const std::vector<const Line*>& lines, const std::vector<CellLine>& cells,
                      size_t columns) {
    for (size_t c = 0; c < columns; ++c) {
      if (c) Put("\t");
      bool any = false;
      for (size_t k : row) {
        const std::vector<size_t>& pos = cells[k].cells[c];
        if (pos.empty()) continue;
        if (any) JoinLine();
        const Line& line = *lines[k];
        for (size_t p = 0; p < pos.size(); ++p) {
          uint32_t w = line.words[pos[p]];
          if (p > 0) {
            if (NeedsSpace(line.words[pos[p - 1]], w, line.height)) Put(" ");
            PutWord(w, words_[w].text);
          } else if (any) {
            PutFirstWordAfterJoin(w);
          } else {
            PutWord(w, words_[w].text);
          }
        }
        any = true;
      }
    }
    return RowKey(row, lines, cells);
  }

  // ------------------------------------------------------------------------------------------
  // Running text: paragraphs.

  float FirstWordWidth(const Line& line) const { return words_[line.words.front()].box.width(); }

  bool Centered(const Line& line, float left, float right) const {
    float l = line.box.x0 - left, r = right - line.box.x1;
    return l > 2 * line.height && std::fabs(l - r) < 1.5f * line.height;
  }

  void Text(const std::vector<const Line*>& lines, const std::vector<std::vector<Chunk>>& chunks, size_t b, size_t e) {
    if (b >= e) return;
    float left = page_left_, right = page_right_;
    if (e - b >= 5) {
      std::vector<float> x0s, x1s;
      for (size_t k = b; k < e; ++k) {
        x0s.push_back(lines[k]->box.x0);
        x1s.push_back(lines[k]->box.x1);
      }
      left = std::min(left, Percentile(x0s, 0.1f));
      right = std::max(right, Percentile(x1s, 0.9f));
    }
    // The usual baseline pitch inside a paragraph: the smallest common step between lines of
    // the same size.
    std::vector<float> steps;
    for (size_t k = b + 1; k < e; ++k) {
      const Line& a = *lines[k - 1];
      const Line& c = *lines[k];
      float step = c.box.y1 - a.box.y1;
      if (std::fabs(a.height - c.height) < 0.1f * a.height && step > 0.8f * a.height && step < 2.5f * a.height) {
        steps.push_back(step);
      }
    }
    float pitch = steps.size() >= 3 ? Percentile(steps, 0.25f) : 0;

    for (size_t k = b; k < e; ++k) {
      const Line& line = *lines[k];
      bool tabbed = false;
      for (size_t c = 1; c < chunks[k].size(); ++c) {
        tabbed = tabbed || chunks[k][c].x0 - chunks[k][c - 1].x1 > kTabGap * line.height;
      }
      bool join = false;
      if (k > b && !tabbed && !prev_tabbed_) {
        const Line& a = *lines[k - 1];
        float h = std::max(a.height, line.height);
        float step = line.box.y1 - a.box.y1;
        bool size_change = std::fabs(a.height - line.height) > 0.2f * std::min(a.height, line.height);
        float usual = pitch > 0 ? pitch : KnownPitch(h);
        if (usual <= 0) usual = steps.empty() ? 1.25f * h : Percentile(steps, 0.25f);
        bool spaced = step <= 0 || step > usual + std::max(1.5f, 0.12f * h) || step > 3 * h;
        float space = 0.25f * h;
        bool wrapped = a.box.x1 + space + FirstWordWidth(line) > right - 0.3f * h;
        bool centered_wrap = Centered(a, left, right) && Centered(line, left, right) &&
                             a.box.width() + space + FirstWordWidth(line) > (right - left) - h;
        std::string text = LineText(page_, line);
        bool item = StartsItem(text);
        bool indented = line.box.x0 > left + 1.2f * h && line.box.x0 > a.box.x0 + 0.8f * h;
        if (indented && a.words.size() > 1 && StartsItem(LineText(page_, a))) {
          // A hanging indent: the line lines up with the text after the item's marker.
          indented = std::fabs(line.box.x0 - words_[a.words[1]].box.x0) > 0.5f * h;
        }
        // A long line followed by one that opens in lowercase or with a number is one
        // paragraph too, whatever the widths say (text wrapped by a character count).
        char32_t opening = FirstCodePoint(text);
        bool long_line = a.box.x1 >= left + 0.8f * (right - left);
        bool continues = long_line && (IsLowerLetter(opening) || IsDigit(opening));
        if (!spaced && !size_change && (wrapped || centered_wrap || continues) && !item && !indented) {
          join = true;
        } else {
          Break(spaced || indented || size_change ? 2 : 1);
        }
      } else {
        Break(2);
      }
      prev_tabbed_ = tabbed;
      if (join) {
        JoinLine();
      }
      const std::vector<Chunk>& cs = chunks[k];
      for (size_t c = 0; c < cs.size(); ++c) {
        if (c > 0) {
          bool tab = cs[c].x0 - cs[c - 1].x1 > kTabGap * line.height;
          uint32_t prev = line.words[cs[c - 1].last], cur = line.words[cs[c].first];
          if (tab) Put("\t");
          else if (NeedsSpace(prev, cur, line.height)) Put(" ");
        }
        for (size_t p = cs[c].first; p <= cs[c].last; ++p) {
          uint32_t w = line.words[p];
          if (p > cs[c].first && NeedsSpace(line.words[p - 1], w, line.height)) Put(" ");
          if (join && c == 0 && p == cs[c].first) {
            PutFirstWordAfterJoin(w);
          } else {
            PutWord(w, words_[w].text);
          }
        }
      }
    }
    Break(2);
    prev_tabbed_ = false;
    last_block_table_ = false;
    last_header_key_.clear();
  }

  const PageModel& page_;
  const std::vector<Word>& words_;
  LayoutCarry& carry_;
  bool keep_boxes_;
  ComposedPage out_;
  int pending_break_ = 0;
  bool join_hyphen_ = false;
  bool prev_tabbed_ = false;
  float page_left_ = 0, page_right_ = 0;
  float space_ = kStretchedSpace;       // kStretchedSpace, or kOcrStretchedSpace on an OCR page
  float table_lo_ = 0, table_hi_ = 0;   // the table being split into cells: its extent
  bool page_top_ = true;                // the next flow starts at the top of the page
  mutable bool ignore_rulings_ = false;  // while FindRegion grows a region of two ruled grids
  std::vector<Gutter> last_gutters_;    // the last table's columns, extent and line height
  float last_x0_ = 0, last_x1_ = 0, last_height_ = 0;
  std::deque<std::vector<Line>> storage_;   // the lines of column flows
  bool last_block_table_ = false;
  size_t last_columns_ = 0;
  std::string last_header_key_;
};

}  // namespace

ComposedPage ComposePage(const PageModel& page, LayoutCarry& carry, bool keep_boxes) {
  return Composer(page, carry, keep_boxes).Run();
}

}  // namespace baocao::pdf_internal
