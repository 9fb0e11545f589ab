#include "pipeline/stages.h"

#include <optional>

#include "baocao/link/references.h"
#include "baocao/normalize/text.h"
#include "core/parallel.h"

namespace baocao::internal {

namespace {

// Texts of this size (from about 20 pages) get a thread of their own for recognition. Above it
// the two stages' peaks of memory would add up, for a gain that no longer matters beside the
// minutes such a text takes.
constexpr size_t kParallelRecognizeMinBytes = 64 * 1024;
constexpr size_t kParallelRecognizeMaxBytes = 16 * 1024 * 1024;

// The citations among `mentions`, without the document's own number: the header's number line
// however it reads ("số: 45 26 /QĐ-UBND", a handwritten number OCR misread, names no document
// cited), and the document citing itself ("Kèm theo Kế hoạch số 1105/KH-ĐKT" over its own
// appendix). Its own number is meta.
std::vector<Mention> CitationsOf(const std::vector<Mention>& mentions, const Layout& layout, const Meta& meta) {
  const std::optional<TextRange> line = layout.header.number_line;
  const std::string own = meta.number ? FoldKey(*meta.number) : std::string();
  std::vector<Mention> out;
  for (const Mention& m : mentions) {
    if (m.type != MentionType::kReference) continue;
    const TextRange at = m.span.normalized;
    if (line && at.begin >= line->begin && at.end <= line->end) continue;
    if (!own.empty() && FoldKey(m.iso) == own) continue;
    out.push_back(m);
  }
  return out;
}

void CopyTables(const Layout& layout, const Text& text, std::string_view original, Extraction& out) {
  for (const Section& s : layout.sections) out.sections.push_back(s);
  for (const LayoutTable& t : layout.tables) {
    Table table;
    table.span = text.SpanOf(t.range, original);
    table.header = t.header;
    table.rows = t.rows;
    for (const TextRange& r : t.row_ranges) table.row_lines.push_back(text.OriginalLine(text.OriginalBegin(r.begin)));
    out.tables.push_back(std::move(table));
  }
  for (Section& s : out.sections) s.line = text.OriginalLine(text.OriginalBegin(s.range.begin));
}

// Each fact's and mention's span in the original bytes (millions on a long text: the budget is
// asked as it goes, and a spent one leaves the rest unmapped for RunStages' Check to refuse).
template <typename SpanOf>
void MapSpans(std::vector<Fact>& facts, std::vector<Mention>& mentions, const SpanOf& span_of, const Budget& budget) {
  BudgetTicker ticker(budget);
  for (Fact& f : facts) {
    if (ticker.Exhausted()) return;
    f.span = span_of(f.span.normalized);
  }
  for (Mention& m : mentions) {
    if (ticker.Exhausted()) return;
    m.span = span_of(m.span.normalized);
  }
}

}  // namespace

Result<Extraction> RunStages(const StageRules& rules, const SourceText& source, const ExtractOptions& options,
                             Stages* stages) {
  const std::string_view bytes = source.text;
  Extraction out;
  out.document = source.document;
  // The budget, checked after each stage (a stage that ran out part way returns early and is
  // caught here): the error names the file, the limit and the stage.
  const Budget& budget = options.audit.budget;
  auto over_budget = [&](std::string_view stage) -> std::optional<Status> {
    Status s = budget.Check(stage);
    if (s.ok()) return std::nullopt;
    return Status(s.code(), source.document.path + ": " + s.message());
  };

  Result<Text> text = Normalize(bytes, options.normalize);
  if (!text.ok()) return Status(text.status().code(), source.document.path + ": " + text.status().message());
  if (auto s = over_budget("normalize")) return *s;
  out.document.encoding = text->encoding();
  out.document.repairs = source.repairs;
  out.document.repairs.insert(out.document.repairs.end(), text->repairs().begin(), text->repairs().end());
  // A span of the normalized text in the original bytes, with the OCR doubt of its words.
  auto span_of = [&](TextRange r) {
    Span s = text->SpanOf(r, bytes);
    if (source.pages) source.pages->MarkDoubt(s);
    return s;
  };

  // Recognition reads the text only, not its layout: on a long text it runs on a second thread
  // while this one analyses the layout and the header, the two about equal in cost; and so on
  // any text while the rules are cold (a process's first text), recognition then being the most
  // of a run.
  std::vector<Mention> mentions;
  Layout layout;
  const size_t size = text->view().size();
  RunBoth([&] { mentions = rules.rules.Recognize(text->view(), budget); },
          [&] {
            layout = AnalyzeLayout(text->view(), options.layout);
            if (!budget.Exhausted()) out.meta = BuildMeta(layout, text->view(), rules.places, options.layout);
          },
          (size >= kParallelRecognizeMinBytes || rules.rules.Cold()) && size <= kParallelRecognizeMaxBytes);

  if (auto s = over_budget("layout and recognize")) return *s;
  InferYears(mentions, text->view(), out.meta.date);
  TypeFiguresByColumnUnits(layout, mentions);

  out.facts = LinkFacts(rules.lexicon, text->view(), layout, mentions, out.meta, options.link, budget);
  if (auto s = over_budget("link")) return *s;
  MapSpans(out.facts, mentions, span_of, budget);
  if (auto s = over_budget("spans")) return *s;
  out.references = MergeReferences(CitationsOf(mentions, layout, out.meta));
  CopyTables(layout, *text, bytes, out);

  // Audit: checks over the facts, each flag with its evidence spans.
  AuditInput audit_input;
  audit_input.text = text->view();
  audit_input.layout = &layout;
  audit_input.mentions = &mentions;
  audit_input.facts = &out.facts;
  audit_input.meta = &out.meta;
  audit_input.references = &out.references;
  audit_input.span_of = span_of;
  AuditResult audit = Audit(rules.audit, audit_input, options.audit);
  if (auto s = over_budget("audit")) return *s;
  out.flags = std::move(audit.flags);
  out.checks = std::move(audit.checks);
  for (size_t i = 0; i < out.facts.size() && i < audit.readings.size(); ++i) {
    out.facts[i].scope = std::move(audit.readings[i].scope);
    out.facts[i].qualifiers = std::move(audit.readings[i].qualifiers);
    out.facts[i].basis = std::move(audit.readings[i].basis);
  }
  std::vector<FactReading>().swap(audit.readings);
  out.mentions = std::move(mentions);
  if (stages) {   // --stage mentions: offsets into the text the stages read
    stages->mentions = out.mentions;
    stages->layout = std::move(layout);
    stages->text = std::move(text).value();
  }
  if (source.pages) source.pages->Relocate(out);
  return out;
}

}  // namespace baocao::internal
