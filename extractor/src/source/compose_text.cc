// Running text (composer.h): visual lines joined into paragraphs, one paragraph a line of the
// page text and a blank line between paragraphs.
#include <algorithm>
#include <cmath>

#include "core/chars.h"
#include "core/statistics.h"
#include "source/composer.h"

namespace baocao::pdf_internal {

using internal::FirstCodePoint;
using internal::IsDigit;
using internal::IsLowerLetter;
using internal::Percentile;

bool Composer::Centered(const Line& line, float left, float right) const {
  float l = line.box.x0 - left, r = right - line.box.x1;
  return l > t_.centered_margin * line.height && std::fabs(l - r) < t_.centered_tolerance * line.height;
}

// Where lines [b, e) stand (the page's edges, widened to the block's own when it is long
// enough to tell them), and the usual baseline pitch inside a paragraph: the smallest common
// step between lines of the same size.
Composer::TextFrame Composer::FrameOf(const LinePtrs& lines, size_t b, size_t e) const {
  TextFrame f;
  f.left = page_left_;
  f.right = page_right_;
  if (e - b >= t_.min_block_lines) {
    auto [left, right] = TextEdges(lines, b, e);
    f.left = std::min(f.left, left);
    f.right = std::max(f.right, right);
  }
  for (size_t k = b + 1; k < e; ++k) {
    const Line& a = *lines[k - 1];
    const Line& c = *lines[k];
    float step = c.box.y1 - a.box.y1;
    if (std::fabs(a.height - c.height) < t_.same_size * a.height && step > t_.min_line_step * a.height &&
        step < t_.max_line_step * a.height) {
      f.steps.push_back(step);
    }
  }
  f.pitch = f.steps.size() >= t_.min_pitch_steps ? Percentile(f.steps, t_.pitch_quantile) : 0;
  return f;
}

// A line with a gap wide enough to be kept as a tab (a date line's place and date).
bool Composer::Tabbed(const Line& line, const std::vector<Chunk>& chunks) const {
  bool tabbed = false;
  for (size_t c = 1; c < chunks.size(); ++c) tabbed = tabbed || chunks[c].x0 - chunks[c - 1].x1 > t_.tab_gap * line.height;
  return tabbed;
}

// Whether `line` continues the paragraph of the line above it, `a`: a line that ended only
// because the next word did not fit (or a centred title wrapped, or a long line followed by
// one opening in lowercase or a digit), with no paragraph spacing, no change of type size, no
// item opening and no indent. Else `newlines`: 2 (a blank line) after spacing, an indent or a
// size change, 1 otherwise.
bool Composer::JoinsAbove(const Line& a, const Line& line, const TextFrame& f, int* newlines) const {
  const float left = f.left, right = f.right;
  float h = std::max(a.height, line.height);
  float step = line.box.y1 - a.box.y1;
  bool size_change = std::fabs(a.height - line.height) > t_.size_change * std::min(a.height, line.height);
  float usual = f.pitch > 0 ? f.pitch : KnownPitch(h);
  if (usual <= 0) usual = f.steps.empty() ? t_.default_pitch * h : Percentile(f.steps, t_.pitch_quantile);
  bool spaced = step <= 0 || step > usual + std::max(t_.paragraph_gap_min, t_.paragraph_gap * h) ||
                step > t_.max_paragraph_step * h;
  float space = t_.space_width * h;
  bool wrapped = a.box.x1 + space + FirstWordWidth(line) > right - t_.wrap_slack * h;
  bool centered_wrap = Centered(a, left, right) && Centered(line, left, right) &&
                       a.box.width() + space + FirstWordWidth(line) > (right - left) - h;
  std::string text = LineText(page_, line, t_);
  bool item = StartsItem(text);
  bool indented = line.box.x0 > left + t_.indent * h && line.box.x0 > a.box.x0 + t_.indent_step * h;
  if (indented && a.words.size() > 1 && StartsItem(LineText(page_, a, t_))) {
    // A hanging indent: the line lines up with the text after the item's marker.
    indented = std::fabs(line.box.x0 - words_[a.words[1]].box.x0) > t_.hanging_indent * h;
  }
  // A long line followed by one that opens in lowercase or with a number is one paragraph
  // too, whatever the widths say (text wrapped by a character count).
  char32_t opening = FirstCodePoint(text);
  bool long_line = a.box.x1 >= left + t_.long_line * (right - left);
  bool continues = long_line && (IsLowerLetter(opening) || IsDigit(opening));
  if (!spaced && !size_change && (wrapped || centered_wrap || continues) && !item && !indented) return true;
  *newlines = spaced || indented || size_change ? 2 : 1;
  return false;
}

// The line's pieces as they read: a wide gap kept as a tab, else a space where one is due.
// `join`: the line continues the paragraph above (JoinLine was called).
void Composer::PutLine(const Line& line, const std::vector<Chunk>& cs, bool join) {
  for (size_t c = 0; c < cs.size(); ++c) {
    if (c > 0) {
      bool tab = cs[c].x0 - cs[c - 1].x1 > t_.tab_gap * line.height;
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

// Lines [b, e) as paragraphs.
void Composer::Text(const LinePtrs& lines, const LineChunks& chunks, size_t b, size_t e) {
  if (b >= e) return;
  const TextFrame frame = FrameOf(lines, b, e);
  for (size_t k = b; k < e; ++k) {
    const Line& line = *lines[k];
    bool tabbed = Tabbed(line, chunks[k]);
    bool join = false;
    if (k > b && !tabbed && !prev_tabbed_) {
      int newlines = 0;
      join = JoinsAbove(*lines[k - 1], line, frame, &newlines);
      if (!join) Break(newlines);
    } else {
      Break(2);
    }
    prev_tabbed_ = tabbed;
    if (join) JoinLine();
    PutLine(line, chunks[k], join);
  }
  Break(2);
  prev_tabbed_ = false;
  last_block_table_ = false;
  last_header_key_.clear();
}

}  // namespace baocao::pdf_internal
