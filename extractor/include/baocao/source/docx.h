// The Source stage for Word input: a .docx's bytes to the text the text path reads, with, for
// each line of it, the paragraph or the table row it came from (docs/DESIGN.md "Source").
//
//   baocao::Result<baocao::DocxDocument> doc = baocao::ReadDocx(bytes);
//   if (!doc.ok()) ...;   // kCorrupt (a truncated or damaged zip, XML not well-formed),
//                         // kUnsupported (a zip without word/document.xml: .xlsx, .pptx),
//                         // kExpansionLimit (a member expanding past DocxLimits: a zip bomb),
//                         // kUnsafeXml (a DOCTYPE: entities are never expanded),
//                         // kEncrypted (an encrypted member), kEmpty (no text at all)
//   use(doc->text);                       // "Số: 43/BC-UBND\n…\n\nTT\tChỉ tiêu\tKết quả\n…"
//   doc->lines[k].origin.paragraph;       // line k+1 is that body paragraph (1-based)
//
//   baocao::Status s = baocao::CheckOle2(bytes);   // an OLE2 compound file (D0 CF 11 E0 …):
//   // kEncrypted for a password-protected Office file (its EncryptionInfo stream), else
//   // kNeedsConverter: a Word 97-2003 .doc is read only through LibreOffice
//
// The text is the one tools/docx-text prints (its docstring is the specification, and the
// real documents' texts are compared with it): the body's paragraphs in order, one line each
// (a w:br starts a new line, a tab is a space); each table a blank line, one line per row with
// the cells separated by TAB, a blank line; a cell spanning n grid columns (w:gridSpan) followed
// by n-1 empty cells, a vertically merged continuation (w:vMerge) empty, w:gridBefore empty
// cells in front, so columns stay aligned; a table nested in a cell flattened into that cell's
// text; tracked changes as printed (insertions kept, deletions dropped); fields by their result
// (field codes dropped). Beyond docx-text: soft hyphens (w:softHyphen, U+00AD) are dropped;
// symbols of the Symbol and Wingdings fonts (w:sym) become the Unicode character they show
// where one is obvious (≥ ≤ × • ✓ …); a numbered paragraph (w:numPr) starts with its list label
// as printed, from word/numbering.xml ("1.", "a)", "II.", "-": an auto-numbered STT column reads
// 1., 2., 3.); footnotes and endnotes follow the body after a line of underscores, each
// "[n] text". (Numbering a paragraph style carries is not applied.) Headers, footers, comments, text boxes and drawings are left
// out. Non-breaking spaces stay U+00A0 (the normalizer makes them spaces).
//
// Libraries: libzip (Debian libzip-dev) reads the archive from memory, checks its central
// directory, reports each member's encryption and expands members in chunks, so the limits
// below hold whatever a member's header declares; the tests write their .docx files with it
// too. expat (libexpat1-dev 2.5) parses the XML: streaming, fast, protected against billion
// laughs by itself, and never loads an external entity; a DOCTYPE is refused outright.
// (minizip is an example more than a library; libarchive reads any archive format, which a
// .docx reader does not want; libxml2 resolves entities unless told not to at every call.)
//
// Memory: the archive's bytes (the caller's), document.xml expanded, and its tree (about 28
// bytes an element plus the text); bounded by DocxLimits. Thread safety: ReadDocx and
// CheckOle2 may run on several threads at once. Complexity: linear in the expanded XML.
// Nothing here throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/document.h"
#include "baocao/core/status.h"

namespace baocao {

// Bounds on what one .docx may cost, so that a bomb is refused in bounded time and memory.
struct DocxLimits {
  size_t max_part_bytes = size_t{64} << 20;    // one XML part expanded: 64 MiB, a document.xml
                                               // of some 20,000 pages (the real ones: 49-470 KB)
  size_t max_total_bytes = size_t{128} << 20;  // all the parts read, expanded, together
};

// Where one line of the text came from (baocao/core/document.h SpanOrigin; `cell` is left 0:
// a row's cells are the TAB-separated fields of its line). A blank line around a table or the
// notes' separator has an origin of zeros.
struct DocxLine {
  size_t begin = 0;    // byte offset of the line in DocxDocument::text
  SpanOrigin origin;
};

// A top-level table of the body, as the text writes it: rows, and the cells of its widest row.
struct DocxTableShape {
  int rows = 0;
  int columns = 0;
};

struct DocxDocument {
  std::string text;                     // UTF-8, "\n" line ends, the last line ended too
  std::vector<DocxLine> lines;          // one per line of `text`, in order
  std::vector<DocxTableShape> tables;   // the body's top-level tables, in order
  int paragraphs = 0;                   // body paragraphs (table cells' not counted)
  int footnotes = 0;
  int endnotes = 0;
};

Result<DocxDocument> ReadDocx(std::string_view bytes, const DocxLimits& limits = {});

// What the first bytes say a file is, whatever it is called.
bool LooksLikeZip(std::string_view bytes);    // "PK\3\4" (or the empty archive's "PK\5\6")
bool LooksLikeOle2(std::string_view bytes);   // D0 CF 11 E0 A1 B1 1A E1
// For an OLE2 file: kEncrypted when it holds an EncryptionInfo stream (an encrypted .docx,
// .xlsx or .pptx: the package inside cannot be read without its password), else
// kNeedsConverter naming the LibreOffice package to install.
Status CheckOle2(std::string_view bytes);

}  // namespace baocao
