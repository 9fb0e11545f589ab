// AnalyzeLayout: the header first (it sits at the top), then the closing block (anywhere:
// appendices often follow it), then one pass over the remaining lines for tables, headings,
// list items and paragraphs.
#include <cstring>

#include "baocao/layout/layout.h"
#include "core/strings.h"
#include "layout/parts.h"

namespace baocao {

using internal::Squeeze;
using layout_internal::ClosingScan;
using layout_internal::HeaderScan;
using layout_internal::Heading;
using layout_internal::kEmphasis;
using layout_internal::Line;
using layout_internal::TableBuilder;
using layout_internal::Trim;
using layout_internal::View;

namespace {

enum class LineRole : unsigned char { kBody, kHeader, kClosing };

bool HasTab(std::string_view s) { return std::memchr(s.data(), '\t', s.size()) != nullptr; }

class Builder {
 public:
  Builder(std::string_view text, const LayoutOptions& options, Layout& out)
      : text_(text), limits_(options.limits), budget_(options.budget), out_(out), tables_(text, options.limits) {}

  void Run(const std::vector<Line>& lines, const std::vector<LineRole>& roles) {
    BudgetTicker ticker(budget_);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (ticker.Exhausted()) return;   // AnalyzeLayout's caller turns this into the budget's error
      TextRange lr{lines[i].begin, lines[i].end};
      std::string_view line = View(text_, lr);
      if (roles[i] != LineRole::kBody) {
        FlushTable();
        open_block_ = -1;
        if (roles[i] == LineRole::kHeader) {
          Push(BlockKind::kHeader, Trim(text_, lr));
        } else if (!closing_emitted_ && out_.closing.range) {
          Push(BlockKind::kClosing, *out_.closing.range);
          closing_emitted_ = true;
        }
        continue;
      }
      if (layout_internal::IsBlank(line)) {
        tables_.Blank();
        open_block_ = -1;
        continue;
      }
      if (HasTab(line)) {
        if (tables_.Offer(lines[i])) {
          open_block_ = -1;
          continue;
        }
        if (tables_.open()) {  // another table begins here
          FlushTable();
          if (tables_.Offer(lines[i])) continue;
        }
      }
      FlushTable();
      i = Text(lines, roles, i);
    }
    FlushTable();
  }

 private:
  int Push(BlockKind kind, TextRange range, int table = -1) {
    out_.blocks.push_back(Block{kind, range, section_, table});
    return static_cast<int>(out_.blocks.size()) - 1;
  }

  void FlushTable() {
    std::optional<Line> lone;
    std::optional<LayoutTable> table = tables_.Close(&lone);
    if (table) {
      table->section = section_;
      out_.tables.push_back(std::move(*table));
      Push(BlockKind::kTable, out_.tables.back().range, static_cast<int>(out_.tables.size()) - 1);
    } else if (lone) {
      Push(BlockKind::kParagraph, Trim(text_, {lone->begin, lone->end}));
    }
  }

  // A line of running text: a heading, a list item or (part of) a paragraph. Returns the last
  // line it took (a heading may take its title from the lines after it).
  size_t Text(const std::vector<Line>& lines, const std::vector<LineRole>& roles, size_t i) {
    TextRange lr = Trim(text_, {lines[i].begin, lines[i].end});
    if (std::optional<Heading> h = layout_internal::MatchHeading(text_, lr, limits_)) {
      return AddHeading(*h, lines, roles, i);
    }
    if (layout_internal::MatchListItem(text_, {lines[i].begin, lines[i].end})) {
      open_block_ = Push(BlockKind::kListItem, lr);
      return i;
    }
    if (open_block_ >= 0) {  // a wrapped line continues its paragraph or list item
      out_.blocks[open_block_].range.end = lr.end;
      return i;
    }
    open_block_ = Push(BlockKind::kParagraph, lr);
    return i;
  }

  size_t AddHeading(const Heading& h, const std::vector<Line>& lines, const std::vector<LineRole>& roles,
                    size_t i) {
    open_block_ = -1;
    Section s;
    s.number = h.number;
    s.range = Trim(text_, {lines[i].begin, lines[i].end});
    s.line = lines[i].number;
    s.title = Squeeze(View(text_, h.title), kEmphasis);
    size_t last = i;
    if (h.takes_next_title) {
      // "Phần 1" / "Phụ lục I:" with the title on the following line(s).
      size_t taken = 0;
      const size_t most = limits_.next_title_max_code_points;
      for (size_t j = i + 1; j < lines.size() && taken < limits_.next_title_max_lines; ++j) {
        TextRange r = Trim(text_, {lines[j].begin, lines[j].end});
        std::string_view t = View(text_, r);
        if (roles[j] != LineRole::kBody) break;
        if (t.empty()) {
          if (taken > 0 || j > i + 2) break;  // one blank line may stand before the title
          continue;
        }
        if (HasTab(t) || t.front() == '(' || layout_internal::CodePointsUpTo(t, most + 1) > most ||
            layout_internal::MatchHeading(text_, r, limits_) || layout_internal::MatchListItem(text_, r)) {
          break;
        }
        if (!s.title.empty()) s.title += ' ';
        s.title += Squeeze(t, kEmphasis);
        s.range.end = r.end;
        last = j;
        ++taken;
      }
    }
    while (!ranks_.empty() && ranks_.back() >= h.rank) ranks_.pop_back();
    ranks_.push_back(h.rank);
    s.level = static_cast<int>(ranks_.size());
    out_.sections.push_back(std::move(s));
    section_ = static_cast<int>(out_.sections.size()) - 1;
    Push(BlockKind::kHeading, out_.sections.back().range);
    return last;
  }

  std::string_view text_;
  const LayoutLimits& limits_;
  const Budget& budget_;
  Layout& out_;
  TableBuilder tables_;
  int section_ = -1;
  int open_block_ = -1;
  bool closing_emitted_ = false;
  std::vector<int> ranks_;   // the ranks of the open sections, outermost first
};

}  // namespace

Layout AnalyzeLayout(std::string_view text, const LayoutOptions& options) {
  const LayoutLimits& limits = options.limits;
  Layout out;
  std::vector<Line> lines = layout_internal::SplitLines(text);
  std::vector<LineRole> roles(lines.size(), LineRole::kBody);

  if (options.budget.Exhausted()) return out;   // the caller's Check reports why
  HeaderScan header = layout_internal::AnalyzeHeader(text, lines, limits);
  out.header = std::move(header.header);
  for (size_t i : header.lines) roles[i] = LineRole::kHeader;

  ClosingScan closing = layout_internal::FindClosing(text, lines, header.body_start, limits);
  if (closing.closing.range) {
    out.closing = std::move(closing.closing);
    for (size_t i = closing.first_line; i < closing.end_line && i < lines.size(); ++i) {
      if (roles[i] == LineRole::kBody && !layout_internal::IsBlank(View(text, {lines[i].begin, lines[i].end}))) {
        roles[i] = LineRole::kClosing;
      }
    }
  }

  if (options.budget.Exhausted()) return out;
  Builder builder(text, options, out);
  builder.Run(lines, roles);
  return out;
}

}  // namespace baocao
