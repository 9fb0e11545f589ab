// Internal: one definition of a sentence, for link (a value's label is read in its sentence)
// and audit (a flag quotes the sentence a figure stands in).
//
// A sentence is bounded by line ends and by ". ", "! ", "? " (the mark followed by a space, or
// at the end of the text or a line: "3.5" and "v.v.)" do not end one). A converter's run-on
// line has no line ends, so the sentence is cut `reach` bytes each way, on character
// boundaries: the reading stays linear in the text and a quote never splits a character.
// Link reads by clause, a sentence cut further (SentenceBreaks below).
#pragma once

#include <cstddef>
#include <string_view>

#include "baocao/core/document.h"

namespace baocao::internal {

struct SentenceBreaks {
  bool semicolon = false;       // "; " ends it too: the clauses of an enumeration
  bool tab = false;             // a tab ends it too: a table row's cells
  bool opening_colon = false;   // ": " before a capital letter ends it ("Kết quả: Tỷ lệ …")
};

// The sentence holding byte `pos` of `text` (pos clamped to the text).
TextRange SentenceAround(std::string_view text, size_t pos, size_t reach, SentenceBreaks breaks = {});

}  // namespace baocao::internal
