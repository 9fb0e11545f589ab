// The engine: its rules, and each input read by its source (text bytes as they are; a PDF's
// pages joined) before the one run of the stages (pipeline/stages.h).
#include "baocao/pipeline/extract.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cctype>
#include <cstring>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <unistd.h>

#include "baocao/source/docx.h"
#include "baocao/source/image.h"
#include "baocao/source/read.h"
#include "core/parallel.h"
#include "pipeline/docx_locator.h"
#include "pipeline/page_locator.h"
#include "pipeline/stages.h"

namespace baocao {

struct Engine::Impl {
  std::string rules_dir;
  std::optional<RuleSet> rules;
  Gazetteer places;
  std::optional<Lexicon> lexicon;
  std::optional<AuditRules> audit;
};

Engine::Engine() : impl_(std::make_unique<Impl>()) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

// $BAOCAO_RULES; else the installed rules beside the running binary (<prefix>/share/baocao/rules
// for <prefix>/bin/baocao, whatever the prefix), so that an installed binary never reads the
// source tree of the machine it was built on; else a rules/ beside it or one folder up (the
// build tree, build/../rules); else the source tree this library was built from.
std::string DefaultRulesDir() {
  if (const char* env = std::getenv("BAOCAO_RULES"); env && *env) return env;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir : {exe.parent_path().parent_path() / "share" / "baocao" / "rules",
                     exe.parent_path() / "rules", exe.parent_path().parent_path() / "rules"}) {
      if (std::filesystem::is_directory(dir, ec)) return dir.string();
    }
  }
#ifdef BAOCAO_SOURCE_RULES
  if (std::filesystem::is_directory(BAOCAO_SOURCE_RULES, ec)) return BAOCAO_SOURCE_RULES;
#endif
  return "rules";
}

Result<Engine> Engine::Create(const EngineConfig& config) {
  Engine engine;
  engine.impl_->rules_dir = config.rules_dir.empty() ? DefaultRulesDir() : config.rules_dir;
  const std::string& dir = engine.impl_->rules_dir;
  // Compiling the recognition rules is most of a start-up (a CLI run pays it once per
  // process): it runs on a second thread while this one loads the rest.
  std::optional<Result<RuleSet>> rules;
  std::optional<Result<Gazetteer>> places;
  std::optional<Result<Lexicon>> lexicon;
  std::optional<Result<AuditRules>> audit;
  internal::RunBoth([&] { rules.emplace(RuleSet::Load(dir)); },
                    [&] {
                      places.emplace(Gazetteer::Load(dir + "/places/provinces.txt"));
                      lexicon.emplace(Lexicon::Load(dir));
                      audit.emplace(AuditRules::Load(dir));
                    });
  // The errors in the order the files were always loaded, whichever finished first.
  if (!rules->ok()) return rules->status();
  if (!places->ok()) return places->status();
  if (!lexicon->ok()) return lexicon->status();
  if (!audit->ok()) return audit->status();
  engine.impl_->rules.emplace(std::move(*rules).value());
  engine.impl_->places = std::move(*places).value();
  engine.impl_->lexicon.emplace(std::move(*lexicon).value());
  engine.impl_->audit.emplace(std::move(*audit).value());
  return engine;
}

const RuleSet& Engine::rules() const { return *impl_->rules; }
const Lexicon& Engine::lexicon() const { return *impl_->lexicon; }
const AuditRules& Engine::audit_rules() const { return *impl_->audit; }
const std::string& Engine::rules_dir() const { return impl_->rules_dir; }

Result<Extraction> Engine::ExtractFile(const std::string& path, const ExtractOptions& options) const {
  Result<std::string> bytes = ReadFileBytes(path, options.max_bytes);
  if (!bytes.ok()) return bytes.status();
  return Extract(*bytes, path, options, nullptr, nullptr);
}

Result<Extraction> Engine::ExtractBytes(std::string_view bytes, const std::string& path,
                                        const ExtractOptions& options) const {
  return Extract(bytes, path, options, nullptr, nullptr);
}

Result<Extraction> Engine::ExtractBytes(std::string_view bytes, const std::string& path,
                                        const ExtractOptions& options, Stages* stages) const {
  return Extract(bytes, path, options, stages, nullptr);
}

Result<Extraction> Engine::ExtractBytes(std::string_view bytes, const std::string& path,
                                        const ExtractOptions& options, std::vector<PdfPage>* pages) const {
  if (pages) pages->clear();
  return Extract(bytes, path, options, nullptr, pages);
}

namespace {

void DropWords(PdfPage& page) {
  page.words.clear();
  page.words.shrink_to_fit();
}

bool NamedPdf(const std::string& path) {
  if (path.size() < 4) return false;
  std::string ext = path.substr(path.size() - 4);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".pdf";
}

}  // namespace

Budget StartBudget(ExtractOptions& options) {
  const Budget budget = Budget::Start(options.limits, options.cancel);
  options.audit.budget = options.pdf.budget = options.normalize.budget = options.layout.budget = budget;
  return budget;
}

Result<Extraction> Engine::Extract(std::string_view bytes, const std::string& path, const ExtractOptions& options,
                                   Stages* stages, std::vector<PdfPage>* pages) const {
  if (bytes.size() > options.max_bytes) {
    return Status(ErrorCode::kTooLarge, path + ": " + std::to_string(bytes.size()) + " bytes exceeds the limit");
  }
  // The budget starts now, once; the readers and the stages check it (baocao/core/budget.h).
  if (!options.audit.budget.started()) {
    ExtractOptions budgeted = options;
    StartBudget(budgeted);
    return Extract(bytes, path, budgeted, stages, pages);
  }
  // The format is what the bytes are, never what the file is called; but bytes named .pdf that
  // are no PDF (an error page saved by a failed download) are refused, not read as a report.
  if (LooksLikePdf(bytes) || LooksLikeImage(bytes)) return ExtractPdf(bytes, path, options, stages, pages);
  if (LooksLikeOdt(bytes)) return ExtractConverted(bytes, path, "odt", options, stages, pages);
  if (LooksLikeZip(bytes)) return ExtractDocx(bytes, path, options, stages);
  if (LooksLikeOle2(bytes)) {
    Status ole2 = CheckOle2(bytes);   // an encrypted Office file is refused before any conversion
    if (ole2.code() == ErrorCode::kNeedsConverter) return ExtractConverted(bytes, path, "doc", options, stages, pages);
    return Status(ole2.code(), path + ": " + ole2.message());
  }
  if (LooksLikeRtf(bytes)) return ExtractConverted(bytes, path, "rtf", options, stages, pages);
  if (NamedPdf(path)) {
    return Status(ErrorCode::kCorrupt, path + ": named .pdf but not a PDF (no %PDF- header in the first 1024 bytes)");
  }
  return ExtractText(bytes, path, options, stages);
}

Result<Extraction> Engine::ExtractText(std::string_view bytes, const std::string& path,
                                       const ExtractOptions& options, Stages* stages) const {
  internal::SourceText source;
  source.text = bytes;
  source.document.path = path;
  source.document.format = Format::kText;
  source.document.bytes = bytes.size();
  source.document.sha256 = Sha256Hex(bytes);
  return internal::RunStages(StageRules(), source, options, stages);
}

Result<Extraction> Engine::ExtractPdf(std::string_view bytes, const std::string& path, const ExtractOptions& options,
                                      Stages* stages, std::vector<PdfPage>* pages) const {
  // An image's pages are a scan's, read by OCR (baocao/source/image.h).
  const bool image = LooksLikeImage(bytes);
  Result<PdfDocument> pdf = image ? ReadImage(bytes, options.pdf) : ReadPdf(bytes, options.pdf);
  if (!pdf.ok()) return Status(pdf.status().code(), path + ": " + pdf.status().message());
  // The stages read the pages as one text, each page closed by a form feed on a line of its
  // own: a blank line to the layout, as the page breaks of the text versions are.
  std::string joined;
  std::vector<size_t> starts;
  for (const PdfPage& page : pdf->pages) {
    starts.push_back(joined.size());
    joined += page.text;
    joined += "\f\n";
  }
  const internal::PageLocator locator(pdf->pages, std::move(starts), options.pdf.word_boxes);
  internal::SourceText source;
  source.text = joined;
  source.document.path = path;
  source.document.format = image ? Format::kImage : Format::kPdf;
  source.document.pages = static_cast<int>(pdf->pages.size());
  source.document.bytes = bytes.size();
  source.document.sha256 = Sha256Hex(bytes);
  source.repairs = pdf->repairs;
  source.pages = &locator;
  ExtractOptions text_options = options;
  text_options.normalize.encoding = "utf-8";
  Result<Extraction> x = internal::RunStages(StageRules(), source, text_options, stages);
  if (!x.ok()) {
    if (x.status().code() == ErrorCode::kEmpty) {
      return Status(ErrorCode::kNoText, path + ": the PDF's text layer holds no text");
    }
    return x.status();
  }
  if (pages) {
    // A scan's words are what OCR cost; a text layer's boxes (--bbox) are cheap to read again.
    *pages = std::move(pdf->pages);
    for (PdfPage& page : *pages) {
      if (!page.read_by_ocr) DropWords(page);
    }
  }
  if (stages) {
    stages->pages = pages ? *pages : std::move(pdf->pages);
    for (PdfPage& page : stages->pages) DropWords(page);
  }
  return x;
}

Result<Extraction> Engine::ExtractDocx(std::string_view bytes, const std::string& path, const ExtractOptions& options,
                                       Stages* stages, std::string* text) const {
  Result<DocxDocument> docx = ReadDocx(bytes, options.docx);
  if (!docx.ok()) return Status(docx.status().code(), path + ": " + docx.status().message());
  const internal::DocxLocator locator(docx->text, docx->lines);
  internal::SourceText source;
  source.text = docx->text;
  source.document.path = path;
  source.document.format = Format::kDocx;
  source.document.bytes = bytes.size();
  source.document.sha256 = Sha256Hex(bytes);
  ExtractOptions text_options = options;
  text_options.normalize.encoding = "utf-8";
  Result<Extraction> x = internal::RunStages(StageRules(), source, text_options, stages);
  if (!x.ok()) {
    if (x.status().code() == ErrorCode::kEmpty) return Status(ErrorCode::kEmpty, path + ": the Word document holds no text");
    return x.status();
  }
  locator.Mark(*x);
  if (text) *text = docx->text;
  if (stages) stages->source_text = std::move(docx->text);
  return x;
}

Result<Extraction> Engine::ExtractConverted(std::string_view bytes, const std::string& path, std::string_view extension,
                                            const ExtractOptions& options, Stages* stages,
                                            std::vector<PdfPage>* pages) const {
  Result<std::string> docx = ConvertToDocx(bytes, extension, options.pdf.budget, options.convert);
  if (!docx.ok()) return Status(docx.status().code(), path + ": " + docx.status().message());
  std::string text;
  Result<Extraction> x = ExtractDocx(*docx, path, options, stages, pages ? &text : nullptr);
  if (!x.ok()) return x;
  if (pages) {
    // The conversion's text is what the spans point into, and LibreOffice is slow: the store
    // keeps it as the document's one page, for showing it without converting it again.
    PdfPage page;
    page.number = 1;
    page.text = std::move(text);
    page.has_text_layer = true;
    pages->push_back(std::move(page));
  }
  // The document is the file given, not the .docx made from it (docs/EXTENSIONS.md "converted").
  x->document.bytes = bytes.size();
  x->document.sha256 = Sha256Hex(bytes);
  x->document.repairs.insert(x->document.repairs.begin(), "converted:" + std::string(extension));
  return x;
}

internal::StageRules Engine::StageRules() const {
  return {*impl_->rules, impl_->places, *impl_->lexicon, *impl_->audit};
}

}  // namespace baocao
