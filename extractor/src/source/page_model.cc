// Words to lines, and running headers and footers.
#include "source/page_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>

#include "core/chars.h"
#include "core/statistics.h"

namespace baocao::pdf_internal {

using internal::FirstCodePoint;
using internal::IsCombiningMark;

void Box::Extend(const Box& b) {
  x0 = std::min(x0, b.x0);
  y0 = std::min(y0, b.y0);
  x1 = std::max(x1, b.x1);
  y1 = std::max(y1, b.y1);
}

namespace {

// Lines still open for words: a word can only join a line whose band reaches its own.
struct OpenLine {
  size_t line;
  float y0, y1;   // the line's core band: the mean of its words' bands
  float sum_y0, sum_y1;
  size_t count;
};

}  // namespace

std::vector<Line> BuildLines(const std::vector<Word>& words, const ComposeTuning& tuning,
                             const std::vector<uint32_t>& subset) {
  std::vector<uint32_t> order = subset;
  if (order.empty()) {
    order.resize(words.size());
    std::iota(order.begin(), order.end(), 0u);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    float ca = words[a].box.cy(), cb = words[b].box.cy();
    return ca != cb ? ca < cb : words[a].box.x0 < words[b].box.x0;
  });
  std::vector<Line> lines;
  std::vector<OpenLine> open;
  float max_height = 0;
  for (uint32_t w : order) max_height = std::max(max_height, words[w].box.height());
  for (uint32_t w : order) {
    const Box& b = words[w].box;
    float h = std::max(b.height(), tuning.min_height);
    // Lines whose band ends far above this word can take no more words.
    open.erase(std::remove_if(open.begin(), open.end(), [&](const OpenLine& o) { return o.y1 < b.y0 - max_height; }),
               open.end());
    // A word shares a line when it overlaps the line's band by more than same_line_overlap of
    // the smaller height: superscripts and other fonts on the line do; the line of a cell set
    // half a line lower (a centred cell beside a wrapped one) does not.
    int best = -1;
    float best_ratio = tuning.same_line_overlap;
    for (size_t k = 0; k < open.size(); ++k) {
      const OpenLine& o = open[k];
      float overlap = std::min(o.y1, b.y1) - std::max(o.y0, b.y0);
      float ratio = overlap / std::min(h, std::max(o.y1 - o.y0, tuning.min_height));
      if (ratio >= best_ratio) {
        best_ratio = ratio;
        best = static_cast<int>(k);
      }
    }
    if (best < 0) {
      lines.push_back(Line{{w}, b, h, false});
      open.push_back(OpenLine{lines.size() - 1, b.y0, b.y1, b.y0, b.y1, 1});
      continue;
    }
    OpenLine& o = open[static_cast<size_t>(best)];
    Line& line = lines[o.line];
    line.words.push_back(w);
    line.box.Extend(b);
    o.sum_y0 += b.y0;
    o.sum_y1 += b.y1;
    ++o.count;
    o.y0 = o.sum_y0 / static_cast<float>(o.count);
    o.y1 = o.sum_y1 / static_cast<float>(o.count);
  }
  std::vector<float> heights;
  for (Line& line : lines) {
    std::sort(line.words.begin(), line.words.end(),
              [&](uint32_t a, uint32_t b) { return words[a].box.x0 < words[b].box.x0; });
    heights.clear();
    for (uint32_t w : line.words) heights.push_back(words[w].box.height());
    line.height = std::max(internal::Percentile(heights, kMedian), tuning.min_height);
  }
  // Top to bottom by the line's baseline region (the bottom of its median word).
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return a.box.y1 - a.height / 2 < b.box.y1 - b.height / 2;
  });
  return lines;
}

std::string LineText(const PageModel& page, const Line& line, const ComposeTuning& tuning) {
  std::string out;
  for (size_t k = 0; k < line.words.size(); ++k) {
    const Word& w = page.words[line.words[k]];
    if (k > 0) {
      const Word& prev = page.words[line.words[k - 1]];
      bool mark = IsCombiningMark(FirstCodePoint(w.text));
      if (!mark && (prev.space_after || w.box.x0 - prev.box.x1 > tuning.word_gap * line.height)) out += ' ';
    }
    out += w.text;
  }
  return out;
}

namespace {

constexpr char kAsciiCaseOffset = 'a' - 'A';

// The text lowercased (ASCII) with spaces squeezed; with `mask_digits` every digit run as '#'
// ("Trang 3" -> "trang #").
std::string RunningKey(const std::string& text, bool mask_digits) {
  std::string key;
  bool digits = false;
  for (char c : text) {
    if (mask_digits && c >= '0' && c <= '9') {
      if (!digits) key += '#';
      digits = true;
      continue;
    }
    digits = false;
    if (c == ' ' || c == '\t') {
      if (!key.empty() && key.back() != ' ') key += ' ';
      continue;
    }
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + kAsciiCaseOffset) : c;
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

// "3", "- 3 -", "Trang 3", "(3)": a bare page number. A counter such as "Trang 3/12" tells
// where the page sits and is kept, as other lines that differ from page to page.
bool IsPageNumber(const std::string& key) {
  static const char* const kForms[] = {"#", "- # -", "-#-", "– # –", "— # —", "trang #", "page #", "[#]", "(#)"};
  for (const char* f : kForms) {
    if (key == f) return true;
  }
  return false;
}

struct EdgeLine {
  size_t line;
  std::string key;      // exact text (squeezed): a running line repeats it
  std::string masked;   // digits masked: a page number
  float cy;
  bool top;
};

// The lines of the page's top and bottom margin bands (ComposeTuning::running_margin) among its
// first or last few.
std::vector<EdgeLine> EdgeLines(const PageModel& page, const ComposeTuning& tuning) {
  std::vector<EdgeLine> out;
  size_t n = page.lines.size();
  for (size_t k = 0; k < n; ++k) {
    bool first = k < tuning.running_edge_lines, last = k + tuning.running_edge_lines >= n;
    if (!first && !last) continue;
    const Line& line = page.lines[k];
    float cy = line.box.cy();
    bool top = cy < page.height * tuning.running_margin, bottom = cy > page.height * (1 - tuning.running_margin);
    if (!(first && top) && !(last && bottom)) continue;
    // A row of a table (three or more cells apart) repeated on every page is the table's
    // header, which the layout needs: never a running line.
    size_t wide_gaps = 0;
    for (size_t w = 1; w < line.words.size(); ++w) {
      wide_gaps += page.words[line.words[w]].box.x0 - page.words[line.words[w - 1]].box.x1 > line.height;
    }
    if (wide_gaps >= 2) continue;
    std::string text = LineText(page, line, tuning);
    out.push_back({k, RunningKey(text, false), RunningKey(text, true), cy, top});
  }
  return out;
}

}  // namespace

void MarkRunningLines(const std::vector<PageModel*>& pages, size_t target, const ComposeTuning& tuning) {
  PageModel& page = *pages[target];
  std::vector<EdgeLine> mine = EdgeLines(page, tuning);
  if (mine.empty()) return;
  std::vector<std::vector<EdgeLine>> others;
  for (size_t p = 0; p < pages.size(); ++p) {
    if (p != target) others.push_back(EdgeLines(*pages[p], tuning));
  }
  for (const EdgeLine& e : mine) {
    if (e.key.empty()) continue;
    bool running = IsPageNumber(e.masked);
    float tolerance = std::max(tuning.running_min_drift, page.lines[e.line].height * tuning.running_drift);
    for (size_t o = 0; o < others.size() && !running; ++o) {
      for (const EdgeLine& other : others[o]) {
        if (other.top == e.top && other.key == e.key && std::fabs(other.cy - e.cy) <= tolerance) {
          running = true;
          break;
        }
      }
    }
    if (running) page.lines[e.line].running = true;
  }
}

}  // namespace baocao::pdf_internal
