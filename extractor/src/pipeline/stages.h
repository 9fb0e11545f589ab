// The one run of the stages every input takes: text (a text file's bytes, a PDF's joined page
// texts, next a Word document's text) -> normalize -> layout and meta | recognize -> years ->
// link -> references -> audit, each stage reading only the values before it (docs/DESIGN.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "baocao/audit/audit.h"
#include "baocao/core/document.h"
#include "baocao/layout/meta.h"
#include "baocao/link/link.h"
#include "baocao/pipeline/extract.h"
#include "baocao/recognize/recognize.h"
#include "pipeline/page_locator.h"

namespace baocao::internal {

// What a source reader hands the stages.
struct SourceText {
  std::string_view text;              // the bytes the normalizer reads
  DocumentInfo document;              // path, format, pages, bytes and sha256 of the input as read
  std::vector<std::string> repairs;   // what the reader repaired, listed before the normalizer's
  // A PDF's pages: spans are made page-local at the end, and the audit sees each number's OCR
  // doubt before (a flag resting on a doubtful number is a warning). Null for text input.
  const PageLocator* pages = nullptr;
};

// The loaded rules the stages read (owned by the Engine).
struct StageRules {
  const RuleSet& rules;
  const Gazetteer& places;
  const Lexicon& lexicon;
  const AuditRules& audit;
};

// Runs every stage on `source`. Errors are the normalizer's (kEmpty, kBinary,
// kInvalidEncoding ...), or the budget's (kTimeout, kOverMemory, kCancelled: options.audit.budget,
// the extraction's, started by Engine::ExtractBytes and checked between the stages), prefixed
// with the document's path. `stages`, when given, receives the
// intermediate values.
Result<Extraction> RunStages(const StageRules& rules, const SourceText& source, const ExtractOptions& options,
                             Stages* stages);

}  // namespace baocao::internal
