// Page lines to page text (compose.h says what and why): the flow of a page, the output, the
// line pitch, and what one page carries to the next. Regions and their columns are
// compose_columns.cc, tables compose_table.cc, paragraphs compose_text.cc (composer.h).
#include "source/compose.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <tuple>

#include "baocao/normalize/text.h"
#include "core/chars.h"
#include "core/statistics.h"
#include "core/strings.h"
#include "source/composer.h"

namespace baocao::pdf_internal {

using internal::FirstCodePoint;
using internal::IsCombiningMark;
using internal::IsDigit;
using internal::IsLetter;
using internal::IsLowerLetter;
using internal::LastCodePoint;
using internal::Percentile;

namespace {

constexpr size_t kMaxOrdinalBytes = 8;       // "1.2.3.4." is the longest row number read
constexpr size_t kMaxHeadingWordBytes = 12;  // "Số thứ tự" is 12 bytes
constexpr char32_t kFirstNonAscii = 0x80;

}  // namespace

bool IsOrdinal(std::string_view s) {
  if (s.empty() || s.size() > kMaxOrdinalBytes) return false;
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
  if (s.size() > kMaxHeadingWordBytes) return false;
  std::string key = FoldKey(s);
  return key == "stt" || key == "tt" || key == "so tt" || key == "so thu tu";
}

bool StartsItem(std::string_view s) {
  if (s.empty()) return false;
  if ((s[0] == '-' || s[0] == '+' || s[0] == '*') && s.size() > 1 && s[1] == ' ') return true;
  // "•", "–", and the Symbol-font bullets Word leaves in the private use area (U+F0B7, U+F0A7).
  if (s.starts_with("\u2022") || s.starts_with("\u2013") || s.starts_with("\uF0B7") || s.starts_with("\uF0A7")) return true;
  size_t sp = s.find(' ');
  if (sp == std::string_view::npos || sp > kMaxOrdinalBytes) return false;
  std::string_view head = s.substr(0, sp);
  return (head.back() == '.' || head.back() == ')') && IsOrdinal(head);
}

Composer::Composer(const PageModel& page, LayoutCarry& carry, bool keep_boxes, const ComposeTuning& tuning)
    : page_(page), words_(page.words), carry_(carry), keep_boxes_(keep_boxes), t_(tuning),
      space_(tuning.stretched_space) {}

ComposedPage Composer::Run() {
  // Words read by OCR have ink boxes, without the side bearings of a text layer's glyph
  // advances: the same space is wider between them, and varies with the letters.
  for (const Word& w : words_) {
    if (w.confidence >= 0) {
      space_ = t_.ocr_stretched_space;
      break;
    }
  }
  LinePtrs lines;
  for (const Line& l : page_.lines) {
    if (!l.running) lines.push_back(&l);
  }
  std::tie(page_left_, page_right_) = TextEdges(lines, 0, lines.size());
  LearnPitches(lines);
  Flow(lines);
  if (!out_.text.empty()) out_.text += '\n';
  CarryToNextPage();
  return std::move(out_);
}

// The left and right edges of lines [b, e)'s text: an indented or centred line is no edge.
std::pair<float, float> Composer::TextEdges(const LinePtrs& lines, size_t b, size_t e) const {
  std::vector<float> x0s, x1s;
  for (size_t k = b; k < e; ++k) {
    x0s.push_back(lines[k]->box.x0);
    x1s.push_back(lines[k]->box.x1);
  }
  return {Percentile(x0s, t_.edge_low_quantile), Percentile(x1s, t_.edge_high_quantile)};
}

// What the next page needs of a table this page ended in (LayoutCarry).
void Composer::CarryToNextPage() {
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
}

// The pitch of this page's lines by height (consecutive lines of one height), added to what
// earlier pages taught: the usual step from one line of a paragraph to the next.
void Composer::LearnPitches(const LinePtrs& lines) {
  std::vector<std::pair<float, std::vector<float>>> by_height;
  for (size_t k = 1; k < lines.size(); ++k) {
    const Line& a = *lines[k - 1];
    const Line& c = *lines[k];
    float step = c.box.y1 - a.box.y1;
    if (std::fabs(a.height - c.height) >= t_.same_size * a.height || step < t_.min_line_step * a.height ||
        step > t_.max_line_step * a.height) {
      continue;
    }
    auto it = std::find_if(by_height.begin(), by_height.end(),
                           [&](const auto& e) { return std::fabs(e.first - a.height) < t_.same_size * a.height; });
    if (it == by_height.end()) {
      by_height.push_back({a.height, {}});
      it = by_height.end() - 1;
    }
    it->second.push_back(step);
  }
  for (auto& entry : by_height) {
    float height = entry.first;
    std::vector<float>& steps = entry.second;
    if (steps.size() < t_.min_pitch_steps) continue;
    float pitch = Percentile(steps, t_.pitch_quantile);
    auto known = std::find_if(carry_.pitches.begin(), carry_.pitches.end(),
                              [&](const auto& e) { return std::fabs(e.first - height) < t_.same_size * height; });
    if (known != carry_.pitches.end()) {
      known->second = std::min(known->second, pitch);
    } else if (carry_.pitches.size() < t_.max_known_pitches) {
      carry_.pitches.push_back({height, pitch});
    }
  }
}

float Composer::KnownPitch(float height) const {
  for (const auto& [h, pitch] : carry_.pitches) {
    if (std::fabs(h - height) < t_.same_size * height) return pitch;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Output.

void Composer::FlushBreak() {
  if (pending_break_ > 0 && !out_.text.empty()) out_.text.append(static_cast<size_t>(pending_break_), '\n');
  pending_break_ = 0;
}

void Composer::Put(std::string_view s) {
  FlushBreak();
  out_.text += s;
}

void Composer::PutWord(uint32_t w, std::string_view text) {
  FlushBreak();
  size_t begin = out_.text.size();
  out_.text += text;
  if (keep_boxes_ && out_.text.size() > begin) {
    out_.words.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(out_.text.size()), words_[w].page_box, w});
  }
}

bool Composer::NeedsSpace(uint32_t prev, uint32_t cur, float h) const {
  if (IsCombiningMark(FirstCodePoint(words_[cur].text))) return false;
  return words_[prev].space_after || words_[cur].box.x0 - words_[prev].box.x1 > t_.word_gap * h;
}

// Appends one more line of the same paragraph (or cell): a space, or nothing after a hyphen
// that breaks a word ("chuyển-" + "đổi" stays "chuyển-đổi"; "com-" + "puter" -> "computer").
void Composer::JoinLine() {
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
void Composer::PutFirstWordAfterJoin(uint32_t w) {
  if (join_hyphen_) {
    join_hyphen_ = false;
    char32_t before = LastCodePoint(out_.text, out_.text.size() - 1);
    char32_t after = FirstCodePoint(words_[w].text);
    if (IsLowerLetter(before) && IsLowerLetter(after) && before < kFirstNonAscii && after < kFirstNonAscii) {
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

// ---------------------------------------------------------------------------------------------
// Pieces of a line.

std::vector<Chunk> Composer::Chunks(const Line& line) const {
  std::vector<Chunk> out;
  for (size_t k = 0; k < line.words.size(); ++k) {
    const Box& b = words_[line.words[k]].box;
    if (k == 0 || b.x0 - out.back().x1 > t_.chunk_gap * line.height) {
      out.push_back({k, k, b.x0, b.x1});
    } else {
      out.back().last = k;
      out.back().x1 = std::max(out.back().x1, b.x1);
    }
  }
  return out;
}

float Composer::MedianHeight(const LinePtrs& lines, size_t b, size_t e) const {
  std::vector<float> hs;
  for (size_t k = b; k < e; ++k) hs.push_back(lines[k]->height);
  return Percentile(hs, kMedian);
}

float Composer::BoxGap(const LinePtrs& lines, size_t k) const { return lines[k]->box.y0 - lines[k - 1]->box.y1; }

std::string Composer::FirstChunkText(const Line& line, const std::vector<Chunk>& chunks) const {
  std::string s;
  for (size_t k = chunks[0].first; k <= chunks[0].last; ++k) s += words_[line.words[k]].text + " ";
  return internal::Squeeze(s, {}, internal::kSpaceTabNewline);
}

// ---------------------------------------------------------------------------------------------
// Flow: lines in reading order, cut into text and tables.

void Composer::Flow(const LinePtrs& lines) {
  LineChunks chunks;
  chunks.reserve(lines.size());
  for (const Line* l : lines) chunks.push_back(Chunks(*l));
  size_t text_from = 0;
  size_t i = 0;
  if (page_top_ && carry_.ended_in_table && !carry_.gutters.empty() && !lines.empty()) {
    i = text_from = ReadContinuedTable(lines, chunks);
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

// The page opens with what the page break cut off a table: lines on the previous page's
// columns, read on those columns when they make no table of their own here. Returns the first
// line after them (0: none).
size_t Composer::ReadContinuedTable(const LinePtrs& lines, const LineChunks& chunks) {
  size_t k = ContinuationEnd(lines, chunks);
  if (k == 0) return 0;
  // A table found on this page's own lines, reaching up to the top, is read on its own.
  size_t m = 0;
  while (m < k && chunks[m].size() < 2) ++m;
  Region own = m < lines.size() && chunks[m].size() >= 2 ? FindRegion(lines, chunks, m, 0) : Region{};
  if (own.kind == Region::kTable && own.begin == 0) return 0;
  Region r;
  r.kind = Region::kTable;
  r.end = k;
  r.gutters = RuledGutters(lines, 0, k);   // drawn on this page, else as the last page's
  if (r.gutters.empty()) r.gutters = CarriedGutters(lines, k);
  Table(lines, r);
  return k;
}

// How many lines from the top keep to the carried table's columns: close together, of its
// type size, no word across a column boundary, and no new heading row ("STT ...").
size_t Composer::ContinuationEnd(const LinePtrs& lines, const LineChunks& chunks) const {
  std::vector<Gutter> gutters;
  for (const auto& [l, r] : carry_.gutters) gutters.push_back({l, r});
  float h = carry_.line_height > 0 ? carry_.line_height : lines[0]->height;
  size_t k = 0;
  for (; k < lines.size(); ++k) {
    const Line& line = *lines[k];
    if (k > 0 && BoxGap(lines, k) > t_.region_gap * h) break;
    if (std::fabs(line.height - h) > t_.table_same_size * h) break;
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
std::vector<Gutter> Composer::CarriedGutters(const LinePtrs& lines, size_t k) const {
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

ComposedPage ComposePage(const PageModel& page, LayoutCarry& carry, bool keep_boxes, const ComposeTuning& tuning) {
  return Composer(page, carry, keep_boxes, tuning).Run();
}

}  // namespace baocao::pdf_internal
