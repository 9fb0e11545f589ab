// The engine: one document from bytes to the Extraction value of docs/OUTPUT.md.
//
//   baocao::Result<baocao::Engine> engine = baocao::Engine::Create({.rules_dir = "rules"});
//   if (!engine.ok()) return engine.status();             // kBadRules names file:line
//   baocao::Result<baocao::Extraction> doc = engine->ExtractFile("report.txt");
//   if (!doc.ok()) ...;            // kNotFound, kTooLarge, kBinary, kInvalidEncoding, kEmpty;
//                                  // for a PDF also kEncrypted, kCorrupt, kNoText (baocao/source/pdf.h);
//                                  // for a .docx kCorrupt, kUnsupported, kExpansionLimit, kUnsafeXml,
//                                  // kEncrypted; an OLE2 file (.doc) kNeedsConverter (baocao/source/docx.h)
//   std::string json = baocao::ToJson(*doc).dump(1);
//
// Stages: Source (read; a PDF, recognized by its content, becomes its pages' texts: baocao/source/pdf.h)
// -> Text (normalize) -> Layout -> Mentions -> references and meta -> Facts -> Audit (flags and
// checks, rules/audit/*.rel). For a PDF the pipeline runs on the page texts joined by "\f\n",
// and every span of the result is then made page-local: `page`, offsets and `line` within
// that page's text (PdfPage::text), `text` its bytes there. A Word .docx (a zip holding
// word/document.xml) runs on the text baocao/source/docx.h reads from it: spans are offsets into
// that text (Stages::source_text, `--stage text`), and carry the paragraph or table cell (origin).
// Ownership: the Engine owns its rules; Extractions are plain values owned by the caller.
// Thread safety: a created Engine is immutable; Extract* may run on many threads at once.
// Errors are values: nothing here throws.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/audit/audit.h"
#include "baocao/core/budget.h"
#include "baocao/core/document.h"
#include "baocao/layout/layout.h"
#include "baocao/link/link.h"
#include "baocao/source/convert.h"
#include "baocao/source/docx.h"
#include "baocao/source/pdf.h"
#include "baocao/source/read.h"   // ReadFileBytes, Sha256Hex: for callers that read files themselves
#include "baocao/recognize/recognize.h"
#include "baocao/core/status.h"
#include "baocao/normalize/text.h"

namespace baocao {

namespace internal {
struct StageRules;
}  // namespace internal

struct EngineConfig {
  // Folder of rule files; empty: $BAOCAO_RULES, else the rules/ of the source tree the binary
  // was built from, else ../rules beside the executable.
  std::string rules_dir;
};

// The default budget of one extraction: --max-seconds, --max-memory.
inline constexpr double kDefaultMaxSeconds = 600;
inline constexpr size_t kDefaultMaxMemory = size_t(2) << 30;

struct ExtractOptions {
  NormalizeOptions normalize;
  // Inputs above this size are refused with kTooLarge before they are read whole.
  size_t max_bytes = size_t(256) << 20;
  // The audit stage (flags and checks): the language of its explanations (vi | en).
  AuditOptions audit;
  // PDF input: password, page limit, whether spans get a bbox (word_boxes), and OCR of
  // scanned pages (pdf.ocr, baocao/ocr/ocr.h: off unless asked; spans then carry confidence, and
  // flags resting on a doubtful number are warnings).
  PdfOptions pdf;
  // Word input: the expansion limits that refuse a zip bomb (baocao/source/docx.h).
  DocxLimits docx;
  // .doc, .odt and RTF input: LibreOffice's path and time limit (baocao/source/convert.h).
  ConvertOptions convert;
  LayoutOptions layout;   // the layout stage's and meta's thresholds (LayoutLimits)
  LinkTuning link;        // the distances linking looks within
  // What one extraction may spend (baocao/core/budget.h): past either limit, or once `cancel`
  // is raised, Extract* stops at its next checkpoint and returns kTimeout, kOverMemory or
  // kCancelled naming the file and the limit. The defaults keep a 2-core, 4 GB machine
  // answering: a text of 100 MB extracts well within both (tools/bench/text-growth).
  BudgetLimits limits = {kDefaultMaxSeconds, kDefaultMaxMemory};
  CancelFlag cancel;      // raised by another thread: the caller gave up
};

// Starts the budget of one extraction now (Budget::Start(options.limits, options.cancel)), sets
// it in each stage's options and returns it. Extract* spend a budget started already rather than
// start their own: a caller that goes on working for the same result within the same deadline
// (writing its JSON: baocao/emit/json.h) starts it first.
Budget StartBudget(ExtractOptions& options);

// Everything the stages produced for one document, for `--stage` and tests.
struct Stages {
  Text text;
  Layout layout;
  std::vector<Mention> mentions;
  std::vector<PdfPage> pages;   // PDF input: each page's text (without word boxes)
  std::string source_text;      // Word input: the text read from the .docx, which spans point into
};

class Engine {
 public:
  static Result<Engine> Create(const EngineConfig& config = {});
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  Result<Extraction> ExtractFile(const std::string& path, const ExtractOptions& options = {}) const;
  // `path` is only recorded in the result ("-" for standard input).
  Result<Extraction> ExtractBytes(std::string_view bytes, const std::string& path,
                                  const ExtractOptions& options = {}) const;
  // The same, also returning the intermediate stages.
  Result<Extraction> ExtractBytes(std::string_view bytes, const std::string& path,
                                  const ExtractOptions& options, Stages* stages) const;
  // The same, also handing back a PDF's pages as this one read of it left them (`*pages`: each
  // page's text, and for a page read by OCR its words with their boxes and confidence; for a
  // .doc, .odt or RTF file one page, the text read from LibreOffice's conversion; empty for
  // other input): what the store keeps beside the extraction (document_pages, docs/STORE.md),
  // so that showing the document never reads, OCRs or converts it again.
  Result<Extraction> ExtractBytes(std::string_view bytes, const std::string& path,
                                  const ExtractOptions& options, std::vector<PdfPage>* pages) const;

  const RuleSet& rules() const;
  const Lexicon& lexicon() const;
  const AuditRules& audit_rules() const;
  const std::string& rules_dir() const;

 private:
  Engine();
  Result<Extraction> Extract(std::string_view bytes, const std::string& path, const ExtractOptions& options,
                             Stages* stages, std::vector<PdfPage>* pages) const;
  Result<Extraction> ExtractText(std::string_view bytes, const std::string& path, const ExtractOptions& options,
                                 Stages* stages) const;
  Result<Extraction> ExtractPdf(std::string_view bytes, const std::string& path, const ExtractOptions& options,
                                Stages* stages, std::vector<PdfPage>* pages) const;
  // `text`, when given, receives the text read from the .docx (what the spans point into).
  Result<Extraction> ExtractDocx(std::string_view bytes, const std::string& path, const ExtractOptions& options,
                                 Stages* stages, std::string* text = nullptr) const;
  // A .doc, .odt or RTF (`extension`) converted to .docx by LibreOffice, then read as one.
  Result<Extraction> ExtractConverted(std::string_view bytes, const std::string& path, std::string_view extension,
                                      const ExtractOptions& options, Stages* stages,
                                      std::vector<PdfPage>* pages) const;
  internal::StageRules StageRules() const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Tuning by name (core/tuning.h): "layout.header_max_lines=80" sets that field of the stage's
// tuning struct in `options` (stages: compose, ocr, layout, link, audit), so a threshold is
// swept without a rebuild (--tune, tools/evaluate --tune). kUsage names an unknown stage or
// field, or a value that is not a number.
Status SetTuning(ExtractOptions& options, std::string_view assignment);
// Every tunable field as "stage.field=value", stage by stage in pipeline order.
std::vector<std::string> ListTuning(const ExtractOptions& options);

// The rule folder used when none is given: $BAOCAO_RULES, else the rules/ of the source tree the
// binary was built from, else rules/ beside (or one level above) the executable, else "rules".
std::string DefaultRulesDir();


}  // namespace baocao
