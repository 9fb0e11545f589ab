// The walk of source/docx_walk.h, function for function tools/docx-text's.
#include "source/docx_walk.h"

#include <algorithm>
#include <charconv>
#include <span>

#include "core/strings.h"

namespace baocao::internal {

namespace {

constexpr uint32_t kNone = XmlTree::kNone;

// Containers whose children are read as if they stood in their place, and containers whose
// content is no printed text (tools/docx-text's TRANSPARENT and DROPPED).
constexpr const char* kTransparent[] = {"w:ins", "w:moveTo", "w:hyperlink", "w:smartTag", "w:fldSimple",
                                        "w:customXml", "w:sdtContent", "w:sdt", "w:dir", "w:bdo"};
constexpr const char* kDropped[] = {"w:del", "w:moveFrom", "w:pPr", "w:rPr", "w:sdtPr", "w:sdtEndPr", "w:tblPr",
                                    "w:tblGrid", "w:trPr", "w:tcPr", "w:sectPr", "w:customXmlPr"};

// Symbol fonts put their glyphs at U+F000 + the font's own code. Those whose meaning is plain.
struct SymbolGlyph {
  unsigned code;        // the font's code (the low byte of w:char)
  const char* text;     // what it shows
};
constexpr SymbolGlyph kSymbolFont[] = {
    {0x2B, "+"}, {0x2D, "-"}, {0x3D, "="}, {0xA3, "≤"}, {0xAC, "←"}, {0xAE, "→"}, {0xB0, "°"}, {0xB1, "±"},
    {0xB3, "≥"}, {0xB4, "×"}, {0xB7, "•"}, {0xB8, "÷"}, {0xB9, "≠"}, {0xBB, "≈"}, {0xD6, "√"}, {0xA5, "∞"}};
constexpr SymbolGlyph kWingdingsFont[] = {
    {0x6C, "●"}, {0x6E, "■"}, {0x6F, "□"}, {0x71, "❑"}, {0x76, "❖"}, {0xA7, "▪"}, {0xA8, "◻"},
    {0xD8, "➢"}, {0xE0, "→"}, {0xFB, "✗"}, {0xFC, "✓"}, {0xFD, "☒"}, {0xFE, "☑"}};
constexpr unsigned kSymbolAreaBegin = 0xF000;   // the private-use block symbol fonts map into
constexpr unsigned kSymbolAreaEnd = 0xF0FF;
constexpr unsigned kSymbolCodeMask = 0xFF;
constexpr unsigned kFirstPrintable = 0x20;
constexpr int kHexBase = 16;
constexpr std::string_view kSoftHyphen = "\u00AD";

std::string Squeezed(const std::string& s) {
  // Python's " ".join(s.split()): white space runs (a no-break space among them) to one space.
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool nbsp = s.compare(i, 2, "\u00A0") == 0;
    if (nbsp || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
      space = !out.empty();
      if (nbsp) ++i;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += s[i];
  }
  return out;
}

std::string WithoutSoftHyphens(std::string s) {
  for (size_t at = s.find(kSoftHyphen); at != std::string::npos; at = s.find(kSoftHyphen, at)) s.erase(at, kSoftHyphen.size());
  return s;
}

}  // namespace

std::initializer_list<const char*> DocxWalker::TextElements() {
  static constexpr std::initializer_list<const char*> kText = {"w:t", "m:t"};
  return kText;
}

DocxWalker::DocxWalker(const XmlTree& tree, DocxNumbering* numbering) : x_(tree), numbering_(numbering) {
  auto id = [&](const char* name) { return tree.Id(name); };
  n_ = {id("w:body"), id("w:p"), id("w:tbl"), id("w:tr"), id("w:tc"), id("w:r"), id("w:t"), id("w:tab"),
        id("w:ptab"), id("w:br"), id("w:cr"), id("w:noBreakHyphen"), id("w:sym"), id("w:trPr"), id("w:tcPr"),
        id("w:gridSpan"), id("w:vMerge"), id("w:gridBefore"), id("w:val"), id("w:char"), id("w:font"),
        id("m:oMath"), id("m:oMathPara"), id("m:t"), id("w:type"), id("w:footnote"), id("w:endnote"),
        id("w:pPr"), id("w:numPr"), id("w:ilvl"), id("w:numId")};
  transparent_.assign(tree.name_count(), 0);
  dropped_.assign(tree.name_count(), 0);
  for (const char* name : kTransparent) {
    if (uint32_t i = tree.Id(name); i != kNone) transparent_[i] = 1;
  }
  for (const char* name : kDropped) {
    if (uint32_t i = tree.Id(name); i != kNone) dropped_[i] = 1;
  }
}

std::string DocxWalker::SymbolText(uint32_t sym) const {
  const std::string* chr = x_.Attribute(sym, n_.chr);
  unsigned code = 0;
  if (!chr || std::from_chars(chr->data(), chr->data() + chr->size(), code, kHexBase).ec != std::errc()) return "";
  if (code < kSymbolAreaBegin || code > kSymbolAreaEnd) {
    std::string out;
    if (code >= kFirstPrintable) AppendUtf8(out, static_cast<char32_t>(code));
    return out;
  }
  const std::string* font = x_.Attribute(sym, n_.font);
  const bool wingdings = font && font->rfind("Wingdings", 0) == 0;
  const bool symbol = font && *font == "Symbol";
  const unsigned low = code & kSymbolCodeMask;
  if (wingdings || symbol) {
    for (const SymbolGlyph& g : wingdings ? std::span<const SymbolGlyph>(kWingdingsFont) : std::span<const SymbolGlyph>(kSymbolFont)) {
      if (g.code == low) return g.text;
    }
  }
  return "";
}

std::string DocxWalker::RunText(uint32_t run) const {
  std::string out;
  for (uint32_t c = x_.first_child(run); c != kNone; c = x_.next_sibling(c)) {
    const uint32_t name = x_.name(c);
    if (name == n_.t) out += x_.text(c);
    else if (name == n_.tab || name == n_.ptab) out += ' ';
    else if (name == n_.br || name == n_.cr) out += '\n';
    else if (name == n_.no_break_hyphen) out += '-';
    else if (name == n_.sym) out += SymbolText(c);
    // w:delText, w:instrText, w:fldChar, w:softHyphen, w:drawing, w:footnoteReference ...: no text.
  }
  return out;
}

std::string DocxWalker::InlineText(uint32_t node) const {
  std::string out;
  for (uint32_t c = x_.first_child(node); c != kNone; c = x_.next_sibling(c)) {
    const uint32_t name = x_.name(c);
    if (name == n_.r) out += RunText(c);
    else if (dropped_[name]) continue;
    else if (transparent_[name]) out += InlineText(c);
    else if (Is(c, n_.omath) || Is(c, n_.omath_para)) {
      // Every m:t below, in document order (an iterative walk: the tree is deep).
      std::vector<uint32_t> stack = {c};
      while (!stack.empty()) {
        uint32_t e = stack.back();
        stack.pop_back();
        if (Is(e, n_.math_t)) out += x_.text(e);
        std::vector<uint32_t> kids;
        for (uint32_t k = x_.first_child(e); k != kNone; k = x_.next_sibling(k)) kids.push_back(k);
        stack.insert(stack.end(), kids.rbegin(), kids.rend());
      }
    }
  }
  return WithoutSoftHyphens(std::move(out));
}

std::string DocxWalker::ParagraphText(uint32_t p) const {
  const uint32_t ppr = n_.p_pr == kNone ? kNone : x_.Child(p, n_.p_pr);
  const uint32_t numpr = ppr == kNone || n_.num_pr == kNone ? kNone : x_.Child(ppr, n_.num_pr);
  std::string text = InlineText(p);
  if (!numbering_ || numpr == kNone) return text;
  std::string label = numbering_->Next(IntAttribute(numpr, n_.num_id, -1), IntAttribute(numpr, n_.ilvl, 0));
  if (label.empty()) return text;
  label += ' ';
  label += text;
  return label;
}

void DocxWalker::BlockChildren(uint32_t node, std::vector<uint32_t>& out) const {
  for (uint32_t c = x_.first_child(node); c != kNone; c = x_.next_sibling(c)) {
    const uint32_t name = x_.name(c);
    if (Is(c, n_.p) || Is(c, n_.tbl)) out.push_back(c);
    else if (dropped_[name]) continue;
    else if (transparent_[name]) BlockChildren(c, out);
  }
}

int DocxWalker::IntAttribute(uint32_t node, uint32_t child_name, int fallback) const {
  if (node == kNone || child_name == kNone) return fallback;
  const uint32_t child = x_.Child(node, child_name);
  if (child == kNone) return fallback;
  const std::string* v = x_.Attribute(child, n_.val);
  int out = 0;
  if (!v || std::from_chars(v->data(), v->data() + v->size(), out).ec != std::errc()) return fallback;
  return out;
}

std::string DocxWalker::CellText(uint32_t tc) const {
  std::vector<uint32_t> blocks;
  BlockChildren(tc, blocks);
  std::string out;
  auto add = [&](const std::string& part) {
    std::string s = Squeezed(part);
    if (s.empty()) return;
    if (!out.empty()) out += ' ';
    out += s;
  };
  for (uint32_t b : blocks) {
    if (Is(b, n_.p)) {
      add(ParagraphText(b));
      continue;
    }
    std::vector<Row> rows;
    RowsOf(b, rows);
    for (const Row& row : rows) {
      for (const std::string& cell : row) add(cell);
    }
  }
  return out;
}

void DocxWalker::RowsOf(uint32_t tbl, std::vector<Row>& rows) const {
  // w:tr under w:tbl (or w:sdt, w:customXml ...), w:tc under w:tr likewise.
  auto children = [&](uint32_t node, uint32_t want, auto& self, std::vector<uint32_t>& out) -> void {
    for (uint32_t c = x_.first_child(node); c != kNone; c = x_.next_sibling(c)) {
      if (Is(c, want)) out.push_back(c);
      else if (transparent_[x_.name(c)]) self(c, want, self, out);
    }
  };
  std::vector<uint32_t> trs;
  children(tbl, n_.tr, children, trs);
  for (uint32_t tr : trs) {
    const int before = IntAttribute(n_.tr_pr == kNone ? kNone : x_.Child(tr, n_.tr_pr), n_.grid_before, 0);
    Row cells(static_cast<size_t>(std::max(before, 0)));
    std::vector<uint32_t> tcs;
    children(tr, n_.tc, children, tcs);
    for (uint32_t tc : tcs) {
      const uint32_t pr = n_.tc_pr == kNone ? kNone : x_.Child(tc, n_.tc_pr);
      const int span = IntAttribute(pr, n_.grid_span, 1);
      const uint32_t vmerge = pr == kNone || n_.v_merge == kNone ? kNone : x_.Child(pr, n_.v_merge);
      const std::string* merge = vmerge == kNone ? nullptr : x_.Attribute(vmerge, n_.val);
      const bool continued = vmerge != kNone && !(merge && *merge == "restart");
      cells.push_back(continued ? std::string() : CellText(tc));
      cells.resize(cells.size() + static_cast<size_t>(std::max(span, 1) - 1));
    }
    rows.push_back(std::move(cells));
  }
}

namespace {

std::string Joined(const std::vector<std::string>& cells, char sep) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += sep;
    out += cells[i];
  }
  return out;
}

// Adds each line of `text` (split at "\n") with `origin`.
void AddLines(const std::string& text, const SpanOrigin& origin, DocxLines& lines) {
  size_t from = 0;
  for (size_t nl = text.find('\n'); ; nl = text.find('\n', from)) {
    lines.push_back({text.substr(from, nl == std::string::npos ? std::string::npos : nl - from), origin});
    if (nl == std::string::npos) break;
    from = nl + 1;
  }
}

}  // namespace

Status DocxWalker::Body(DocxLines& lines, std::vector<DocxTableShape>& tables, int& paragraphs) const {
  const uint32_t root = x_.root();
  const uint32_t body = root == kNone || n_.body == kNone ? kNone : x_.Child(root, n_.body);
  if (body == kNone) return Status(ErrorCode::kCorrupt, "word/document.xml has no w:body");
  std::vector<uint32_t> blocks;
  BlockChildren(body, blocks);
  for (uint32_t b : blocks) {
    if (Is(b, n_.p)) {
      AddLines(ParagraphText(b), SpanOrigin{.paragraph = ++paragraphs}, lines);
      continue;
    }
    // A blank line before the table (one at the very top too), one after it.
    if (lines.empty() || !lines.back().first.empty()) lines.push_back({"", {}});
    std::vector<Row> rows;
    RowsOf(b, rows);
    const int table = static_cast<int>(tables.size()) + 1;
    DocxTableShape shape;
    for (const Row& row : rows) {
      lines.push_back({Joined(row, '\t'), SpanOrigin{.table = table, .row = ++shape.rows}});
      shape.columns = std::max(shape.columns, static_cast<int>(row.size()));
    }
    tables.push_back(shape);
    lines.push_back({"", {}});
  }
  return Status::Ok();
}

int DocxWalker::Notes(bool footnotes, DocxLines& lines) const {
  const uint32_t root = x_.root();
  const uint32_t note_name = footnotes ? n_.footnote : n_.endnote;
  if (root == kNone || note_name == kNone) return 0;
  int count = 0;
  for (uint32_t note = x_.first_child(root); note != kNone; note = x_.next_sibling(note)) {
    if (!Is(note, note_name) || x_.Attribute(note, n_.type)) continue;   // separators have a w:type
    SpanOrigin origin;
    (footnotes ? origin.footnote : origin.endnote) = ++count;
    std::vector<uint32_t> blocks;
    BlockChildren(note, blocks);
    // Appended piece by piece: GCC 12 flags "[" + to_string(n) with a false -Wrestrict.
    std::string label = "[";
    label += std::to_string(count);
    label += "] ";
    for (uint32_t b : blocks) {
      std::string text;
      if (Is(b, n_.p)) {
        text = Squeezed(ParagraphText(b));
      } else {
        std::vector<Row> rows;
        RowsOf(b, rows);
        for (const Row& row : rows) {
          if (!text.empty()) text += ' ';
          text += Squeezed(Joined(row, ' '));
        }
      }
      if (text.empty()) continue;
      label += text;
      lines.push_back({std::move(label), origin});
      label.clear();
    }
  }
  return count;
}

}  // namespace baocao::internal
