// Evidence for people: the original line a flag's evidence stands on, with the evidence itself
// between « », as `baocao audit` prints one document's flags and `baocao audit --db` the flags
// across documents.
//
//   std::vector<baocao::EvidenceLine> lines = baocao::QuoteEvidenceLines(flag.evidence, source, utf8);
//   for (const auto& l : lines) std::cout << "dòng " << l.line << ": " << l.quoted << "\n";
//   // "dòng 12: Tỷ lệ hộ nghèo giảm còn «2,5%» so với năm trước"
//
// Long lines are cut to about kQuoteContext bytes around the evidence (at character
// boundaries, the cut marked "…"); tabs (table cells) are shown as " | ". Plain functions of
// their arguments: thread-safe, linear in the line's length; nothing fails.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baocao/corpus/corpus.h"
#include "baocao/core/document.h"

namespace baocao {

// Bytes of the line kept on each side of the evidence when a line is cut.
inline constexpr size_t kQuoteContext = 70;

// The line holding byte `offset` of `bytes`: [begin, end) without its line break ("\n" or
// "\r\n"). An offset past the end is the last line's end.
std::pair<size_t, size_t> LineAround(std::string_view bytes, size_t offset);

// One line of a document's evidence: where it is and what it says.
struct EvidenceLine {
  std::optional<int> page;   // PDF input: the page (line counts within it)
  int line = 0;
  std::string quoted;        // the line with its evidence between « », or the evidence alone
};

// A document flag's evidence, in document order: spans on one line of a text `source` whose
// offsets index it (`lines_readable`: UTF-8 text input) are quoted together in that line; a
// span with a page (PDF input) or of another source is its own text between « ».
std::vector<EvidenceLine> QuoteEvidenceLines(const std::vector<Span>& evidence, std::string_view source,
                                             bool lines_readable);

// A cross-document flag's evidence (after AttachLines): its line with the evidence between
// « », cut around it; the evidence alone between « » when its line is unknown.
std::string QuoteEvidence(const CorpusEvidence& evidence);

}  // namespace baocao
