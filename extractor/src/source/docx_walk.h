// The walk over a WordprocessingML tree that writes the text of baocao/source/docx.h, as
// tools/docx-text does (source/docx_walk.cc). Internal to the source layer.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "baocao/core/document.h"
#include "baocao/core/status.h"
#include "baocao/source/docx.h"
#include "source/docx_numbering.h"
#include "source/xml_tree.h"

namespace baocao::internal {

// Lines of text (without their "\n") with where each came from.
using DocxLines = std::vector<std::pair<std::string, SpanOrigin>>;

class DocxWalker {
 public:
  // `numbering` (may be null: no labels) gives numbered paragraphs their label as printed, and
  // counts on across the walks that share it (body, then notes).
  explicit DocxWalker(const XmlTree& tree, DocxNumbering* numbering = nullptr);

  // The elements whose character data the walk reads (XmlTree::Parse's text_elements).
  static std::initializer_list<const char*> TextElements();

  // document.xml's body: paragraphs and tables, appended to `lines`; each top-level table's
  // shape to `tables`, the number of body paragraphs to `paragraphs`. kCorrupt without w:body.
  Status Body(DocxLines& lines, std::vector<DocxTableShape>& tables, int& paragraphs) const;
  // footnotes.xml or endnotes.xml: each note with text as "[n] text" (n its number as printed,
  // counting the notes that are not separators), its paragraphs one line each. The count.
  int Notes(bool footnotes, DocxLines& lines) const;

 private:
  using Row = std::vector<std::string>;
  std::string RunText(uint32_t run) const;
  std::string InlineText(uint32_t node) const;
  // A paragraph's text, after its list label and a space when it is numbered (w:numPr).
  std::string ParagraphText(uint32_t p) const;
  std::string SymbolText(uint32_t sym) const;
  void BlockChildren(uint32_t node, std::vector<uint32_t>& out) const;
  void RowsOf(uint32_t tbl, std::vector<Row>& rows) const;
  std::string CellText(uint32_t tc) const;
  int IntAttribute(uint32_t node, uint32_t child_name, int fallback) const;
  bool Is(uint32_t node, uint32_t name) const { return name != XmlTree::kNone && x_.name(node) == name; }

  const XmlTree& x_;
  // Names the walk compares, as ids of this tree (XmlTree::kNone: absent from the document).
  struct Names {
    uint32_t body, p, tbl, tr, tc, r, t, tab, ptab, br, cr, no_break_hyphen, sym, tr_pr, tc_pr, grid_span, v_merge,
        grid_before, val, chr, font, omath, omath_para, math_t, type, footnote, endnote, p_pr, num_pr, ilvl,
        num_id;
  } n_;
  DocxNumbering* numbering_;
  std::vector<char> transparent_;   // by name id: read as if its children stood in its place
  std::vector<char> dropped_;       // by name id: none of its content is printed text
};

}  // namespace baocao::internal
