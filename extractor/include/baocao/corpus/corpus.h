// Across documents: the ward registry, the cross-document audit (`baocao audit --db`) and the
// ward x indicator comparison (`baocao compare`), all read from the store (docs/STORE.md).
//
//   baocao::Result<baocao::CorpusRules> rules = baocao::CorpusRules::Load("rules");
//   if (!rules.ok()) ...;          // kBadRules: "rules/places/wards.txt:12: a ward before any [province]"
//   baocao::Result<baocao::Store> store = baocao::Store::Open("baocao.sqlite", {.read_only = true});
//   baocao::Result<baocao::Corpus> corpus = baocao::LoadCorpus(*store, *rules);
//   if (!corpus.ok()) ...;         // kStore: "baocao.sqlite: facts: no such table: facts"
//   std::vector<baocao::CorpusFlag> flags = baocao::AuditCorpus(*corpus, *rules);
//   baocao::Comparison table = baocao::Compare(*corpus, *rules, flags, {.period = "2026-H1"});
//
// Wards: each document's ward (as written) is resolved against rules/places/wards.txt -
// exactly, then by its diacritic-free key (FoldKey), within the document's province - so an
// OCR or typing slip ("Trưng Thành") lands on the registry's ward; a ward the registry does
// not know is kept as written, and its spellings are grouped by that same key.
//
// The checks (docs/COMPARE.md says more), each flag with evidence spans from every document:
//   assessment_mismatch  a report says "Đạt" ("Không đạt") for a value that misses (meets) the
//                        target its ward's plan set for that indicator and period
//   target_missed        a report's value misses its plan's target and the report says nothing
//   conflicting_values   one ward, indicator, role and period stated with different values in
//                        two documents (beyond the rounding of the written values)
//   reference_mismatch   one cited document (kind, number, year) given two dates; or one kind,
//                        number and date written with two symbols
//   name_variant         one ward written two ways across documents
// Values meet only when they are statements of the same thing: same ward, same indicator, same
// role, same period code ("2026" is never compared with "2026-H1": a half-year report says
// nothing about a yearly target), the ward's own figure (a fact whose scope names another
// unit - "toàn tỉnh", "cấp xã", "Cục Thuế" - is no value of the ward) and the same qualifiers
// and basis (a "trễ hạn" rate is not the on-time rate its plan targets; a "lũy kế" figure is
// not the period's).
//
// Ownership: a Corpus is a plain value, independent of the Store it was read from.
// Thread safety: loaded rules are immutable; AuditCorpus and Compare are pure functions.
// Complexity: loading is linear in the store's rows (every source is read once, to find who
// issued each cited document); the audit and the comparison are about linear in the facts.
// Errors are values: nothing here throws.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/audit/audit.h"
#include "baocao/core/document.h"
#include "baocao/core/status.h"
#include "baocao/store/store.h"

namespace baocao {

// rules/places/wards.txt: "[Province]" lines open a province (the gazetteer's spelling), then
// one ward a line, "Canonical | variant | variant". "#" starts a comment.
class WardRegistry {
 public:
  static Result<WardRegistry> Load(const std::string& path);
  // `name` stands in for the file in errors ("name:12: why").
  static Result<WardRegistry> Parse(std::string_view content, const std::string& name);

  struct Entry {
    std::string name;                    // "Trung Thành"
    std::string province;                // "Thái Nguyên"
    std::vector<std::string> variants;   // other spellings the registry knows
  };
  struct Resolution {
    std::string ward;        // the registry's name, else the name as written (unit word removed)
    std::string province;    // the registry's province, else the given one (may be empty)
    bool known = false;      // found in the registry
    bool listed = false;     // written as the canonical name or a listed variant (not a slip)
  };
  // `written`: "phường Trưng Thành", "P. Trung Thành", "Trung Thành"; `province`: the
  // document's, possibly empty or wrong (a ward named after a former province).
  Resolution Resolve(std::string_view written, std::string_view province) const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  std::multimap<std::string, std::pair<size_t, bool>> by_key_;   // folded name -> entry, listed spelling
  std::set<std::pair<size_t, std::string>> exact_;               // entry, spelling as listed
};

// The data the corpus commands read from rules/: the registry, the catalogue's labels and kinds,
// and which indicators are better when lower (rules/places/wards.txt, rules/indicators.tsv,
// rules/compare/direction.txt).
struct CorpusRules {
  WardRegistry wards;
  std::string rules_dir;                   // where they were loaded from
  std::map<std::string, IndicatorLabel> catalogue;
  std::set<std::string> lower_is_better;   // ranks (kind "rank") and the ids direction.txt lists
  std::set<std::string> stocks;            // counted at a date (rules/audit/*.rel "stock")
  // How a fact's own words (Fact::scope, qualifiers, basis) are read across documents: each
  // phrase of the audit's unit_*, period_* and qualifier_* word lists (rules/audit/*.rel),
  // case-folded, to its list's name; and per indicator the lists that do not set its facts
  // apart: those its catalogue name holds, and for a rank every unit_* list (its field).
  std::map<std::string, std::string> reading_lists;
  std::map<std::string, std::set<std::string>> owned_lists;

  // `rules_dir` empty: $BAOCAO_RULES, else the installed rules, else the source tree's (as the Engine).
  static Result<CorpusRules> Load(const std::string& rules_dir);
  // +1 when a higher value is better, -1 when lower is.
  int Direction(const std::string& indicator) const;
};

struct CorpusDocument {
  int64_t id = 0;
  std::string path, kind, number, symbol, issuer, date, title, encoding;
  Format format = Format::kText;
  std::string ward_written;      // documents.ward, as the document writes it
  std::string province_written;  // documents.province
  // Resolved identity: the registry's (or the most common) spelling; key groups one ward.
  std::string ward, province, ward_key;
  bool ward_known = false, ward_listed = false;
  std::optional<Span> ward_span;     // the ward's name in the text (first place), when found
  std::optional<Span> number_span;   // the document's own number in its header, when found
};

struct CorpusFact {
  int64_t document = 0;
  Fact fact;                     // span: original offsets, line, text
};

// One citation of a document, with its date (citations without one say nothing to compare).
struct CorpusCitation {
  int64_t document = 0;
  std::string kind;              // "Kế hoạch"
  std::string number;            // "1489/KH-UBND"
  std::string date;              // ISO
  std::string issuer;            // what follows "của" ("UBND tỉnh Thái Nguyên"), when written
  Span span;
};

struct Corpus {
  std::vector<CorpusDocument> documents;   // ordered by id
  std::vector<CorpusFact> facts;           // ordered by document, then position
  std::vector<CorpusCitation> citations;   // ordered by document, then position
  const CorpusDocument* Find(int64_t id) const;
};

// Which documents LoadCorpus reads; unset fields do not filter.
struct CorpusFilter {
  std::string province;   // compared without diacritics or case, resolved province
};

// Reads documents, facts and cited documents (with each citation's issuer, read from the
// source bytes), and resolves every ward. kStore when the store cannot be read.
Result<Corpus> LoadCorpus(Store& store, const CorpusRules& rules, const CorpusFilter& filter = {});
// The same from extractions in memory (tests, and callers without a store); `sources[i]` are
// the original bytes of `extractions[i]`, documents get ids 1, 2, ... in that order.
Corpus CorpusFromExtractions(const std::vector<Extraction>& extractions, const std::vector<std::string>& sources,
                             const CorpusRules& rules);

// ---- the cross-document audit ------------------------------------------------------------------

struct CorpusEvidence {
  int64_t document = 0;
  std::string path;
  Span span;
  std::string line_text;   // the whole source line, when AttachLines could read it
  size_t line_begin = 0;   // the byte offset of line_text in the source
};

struct CorpusFlag {
  std::string kind;        // assessment_mismatch | target_missed | conflicting_values |
                           // reference_mismatch | name_variant
  Severity severity = Severity::kWarning;
  std::vector<std::string> indicators;
  std::string ward, province, period;
  std::optional<double> stated;     // the report's value; the later document's value
  std::optional<double> computed;   // the plan's target; the earlier document's value
  std::string explanation;          // one sentence, Vietnamese (or English)
  std::string rule;                 // "corpus:plan_target", "corpus:conflicting_values" ...
  std::vector<CorpusEvidence> evidence;
};

struct CorpusAuditOptions {
  std::string lang = "vi";   // vi | en
};

// Every flag, most severe first, then by ward, period and kind.
std::vector<CorpusFlag> AuditCorpus(const Corpus& corpus, const CorpusRules& rules,
                                    const CorpusAuditOptions& options = {});

// {"kind", "severity", "indicators", "ward", "province", "period", "stated", "computed",
//  "explanation", "rule", "evidence": [{"document_id", "path", "start", "end", "line", "page",
//  "text", "line_text"?}]}
nlohmann::json CorpusFlagToJson(const CorpusFlag& flag);

// Replaces the rows of corpus_flags with `flags`, in one transaction.
Status WriteCorpusFlags(Store& store, const std::vector<CorpusFlag>& flags);

// Fills CorpusEvidence::line_text from the stored sources (UTF-8 text documents; others keep
// the span's text only). kStore when a source cannot be read.
Status AttachLines(Store& store, std::vector<CorpusFlag>& flags);
// The same from sources in memory, by document id.
void AttachLines(const std::map<int64_t, std::string>& sources, const Corpus& corpus, std::vector<CorpusFlag>& flags);

// ---- the comparison -------------------------------------------------------------------------------

struct CompareOptions {
  std::vector<std::string> indicators;   // catalogue ids; empty: every indicator with a value
  std::string period;                    // a period code ("2026-H1"); empty: every period
  std::string province;                  // compared without diacritics or case; empty: all
};

struct CompareSource {
  int64_t document = 0;      // 0: none
  std::string path;
  Span span;
  std::string line_text;     // filled by AttachLines
};

struct CompareCell {
  std::optional<double> actual;
  std::optional<double> target;
  Comparator comparator = Comparator::kNone;   // the target's
  std::optional<bool> assessment;       // the report's own Đạt / Không đạt
  std::optional<bool> meets_target;     // actual against target, comparator and direction
  CompareSource actual_source, target_source;
  int rank = 0;                         // 1 = best; 0: no value
  std::optional<double> robust_z;       // 0.6745 (x - median) / MAD
  bool outlier = false;                 // |robust z| > 3.5
  std::vector<size_t> flags;            // indexes into Comparison::flags about this cell
};

struct CompareRow {
  std::string ward, province, ward_key;
  std::vector<std::string> written;     // the spellings its documents use
  CompareSource report, plan;           // the latest report and plan used (document, path)
  std::string report_date, plan_date;
  std::vector<CompareCell> cells;       // one per ComparePeriod::indicators
};

struct CompareIndicator {
  std::string id, label, unit, kind;
  int direction = 1;                    // +1 higher is better, -1 lower is better
  std::optional<double> median, mad;
  size_t values = 0;                    // rows with an actual value
  size_t outliers = 0;
};

struct ComparePeriod {
  std::string period;                   // "2026-H1"
  std::vector<CompareIndicator> indicators;
  std::vector<CompareRow> rows;         // by province, then ward
};

struct Comparison {
  std::vector<ComparePeriod> periods;   // latest first
  std::vector<CorpusFlag> flags;        // the flags the cells point to
};

// Actual values from each ward's latest report per period (by date, then store order),
// targets from its latest plan for that period (else the report's own Chỉ tiêu), ranks by the
// indicator's direction (ties share a rank), outliers by median and MAD: robust z =
// 0.6745 (x - median) / MAD, an outlier beyond 3.5; when MAD is 0 the mean absolute deviation
// stands in (z = (x - median) / (1.2533 MeanAD)); fewer than 3 values: no outliers.
Comparison Compare(const Corpus& corpus, const CorpusRules& rules, const std::vector<CorpusFlag>& flags,
                   const CompareOptions& options = {});

// Fills each cell's CompareSource::line_text from the stored sources.
Status AttachLines(Store& store, Comparison& comparison);

// Renderings (docs/COMPARE.md). CSV and JSON are values; HTML is one self-contained page; XLSX
// is written to `path` (kStore naming the file when it cannot be written). The terminal's
// matrix is the CLI's (extractor/cli/compare_command.cc).
std::string CompareToCsv(const Comparison& comparison);
std::string CompareToJson(const Comparison& comparison);
std::string CompareToHtml(const Comparison& comparison);
Status CompareToXlsx(const Comparison& comparison, const std::string& path);

// One sheet of a plain table (the web page's downloads): a header row, then rows of text; a
// column marked `number` holds numbers written as plain decimals ("12456.5"), stored as numbers
// where they parse. Cells over a spreadsheet's 32,767 characters are cut there (whole UTF-8
// characters).
struct WorkbookSheet {
  struct Column {
    std::string name;
    bool number = false;
  };
  std::string name;   // at most 31 characters, none of []:*?/\ (a spreadsheet's rule)
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
};
// Writes `sheets` to `path` as an .xlsx: bold header row frozen at the top, a filter on it,
// columns sized to their content (within bounds). kStore naming the file when it cannot be written.
Status WriteWorkbook(const std::vector<WorkbookSheet>& sheets, const std::string& path);

// For people: a period code in Vietnamese ("2026-H1" -> "6 tháng đầu năm 2026"), a number
// as Vietnamese documents write it (12456.5 -> "12.456,5").
std::string PeriodWords(std::string_view period, std::string_view lang = "vi");
std::string VietnameseNumber(double value);

}  // namespace baocao
