// The Audit stage: checks over the facts of one document that raise Flags, each with the
// evidence spans an auditor needs to verify it, and the Checks that held.
//
//   baocao::Result<baocao::AuditRules> rules = baocao::AuditRules::Load("rules");
//   if (!rules.ok()) ...;                   // kBadRules: "rules/audit/relations.rel:12: ..."
//   baocao::AuditResult r = baocao::Audit(*rules, input, {.lang = "en"});
//   for (const baocao::Flag& f : r.flags) ...  // "218 + 160 = 378, not the 377 stated as the total."
//
// Which indicators add up to which, which rate is which numerator over which denominator,
// which value may not exceed which, which statuses exclude each other: all of that is data in
// rules/audit/*.rel (rules/audit/README.md), so an auditor adds a relation without C++.
// Built in: conflicting values (one indicator, one period or as-of date, one scope, two values),
// self-assessments against the row's target, rates above 100 %, the issuing ward spelled two
// ways, deadlines already past at the document's date, cited documents dated after it, and
// table totals.
//
// False alarms cost more than misses: values of different periods, scopes ("giai đoạn 1",
// "lũy kế") or roles (target, actual) are never compared, nor values whose own words say they
// are of another unit ("cấp xã", "Cục Thuế"), time ("từ đầu năm") or kind ("trễ hạn"); a
// value of a scoring rule ("dưới 95% thì ... 0 điểm") is no value; rounding or truncating to
// the stated precision is not a mismatch; the parts of a sum are taken nearest their total
// (same sentence, paragraph, section) and never across sections; documents other than reports
// and plans are compared only within one sentence or table.
// Ownership: AuditInput borrows the caller's values. Thread safety: AuditRules is immutable
// after loading; Audit is a pure function. Complexity: about linear in facts × relations.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/document.h"
#include "baocao/layout/layout.h"
#include "baocao/core/status.h"

namespace baocao {

// One relation of a rule file. Indicator names are catalogue ids; `alternatives` lists, for
// each member, the ids that may stand in it (a rate measured against either of two bases).
struct Relation {
  enum class Kind {
    kSum,        // sum T = A + B + C            T equals the sum of its parts
    kExclusive,  // exclusive T = A + B + C      statuses that exclude each other, making T
    kPartition,  // partition X by SCOPE         X per scope value ("giai đoạn 1", "2") adds up to X
    kRatio,      // ratio R = N / D              R (a percentage) equals N / D × 100
    kPartWhole,  // part P <= W                  P never exceeds W
    kCap,        // cap X <= 100                 X (an id, or "kind:rate") never exceeds the limit
  };
  Kind kind = Kind::kSum;
  std::string anchor;                          // T, X, R, P
  std::vector<std::vector<std::string>> members;  // parts; {N alternatives, D alternatives}; {W alternatives}
  std::string scope;                           // partition: the scope's name
  double limit = 0;                            // cap
  std::string where;                           // "rules/audit/relations.rel:12"
};

// A scope: phrases that, found in a value's label, set it apart from unqualified values of the
// same indicator ("giai đoạn {n}" gives phase=2 for "Giai đoạn 2: 34/34 nhiệm vụ").
struct Scope {
  std::string name;
  std::string display;                            // the first phrase as written, "{n}" left out
  std::vector<std::vector<std::string>> phrases;  // folded words; "{n}" stands for a number
};

struct IndicatorLabel {
  std::string kind;   // rate | count | money | rank
  std::string unit;
  std::string vi;
  std::string en;
};

struct AuditRules {
  std::vector<Relation> relations;
  std::vector<Scope> scopes;
  std::vector<std::string> stocks;                          // values as of a date, not over a period
  std::map<std::string, std::vector<std::string>> words;    // word lists by name (folded phrases)
  std::map<std::string, std::vector<std::string>> written;  // the same lists as written (trimmed),
                                                            // where capitals and diacritics count
  std::map<std::string, IndicatorLabel> catalogue;          // id -> kind and labels

  // Reads rules_dir/indicators.tsv (and indicators/extra.tsv if present) and every
  // rules_dir/audit/*.rel. A missing audit folder is no error (no relations); a bad line is
  // kBadRules naming file:line.
  static Result<AuditRules> Load(const std::string& rules_dir);
  // Adds the relations of one file's text; `file` names it in errors ("file:line: why"),
  // `display` (default: file) in Relation::where. Ids are checked against `catalogue` when it
  // is not empty.
  Status AddFile(std::string_view content, const std::string& file, const std::string& display = "");
  // The catalogue of a rules folder (indicators.tsv), for AddFile's id checks.
  Status LoadCatalogue(const std::string& rules_dir);
};

// What the audit reads: the normalized text, its layout and mentions, and the facts, all from
// one extraction. `span_of` maps a normalized range to an original Span (with, for OCR text,
// its words' confidence and doubt: Span::confidence, Span::uncertain).
struct AuditInput {
  std::string_view text;
  const Layout* layout = nullptr;
  const std::vector<Mention>* mentions = nullptr;   // Span::normalized set
  const std::vector<Fact>* facts = nullptr;         // span and span.normalized set
  const Meta* meta = nullptr;
  const std::vector<Reference>* references = nullptr;
  std::function<Span(TextRange)> span_of;
};

struct AuditOptions {
  std::string lang = "vi";   // language of explanations: vi | en
};

// What the audit read of one fact's own words (Fact::scope, qualifiers, basis).
struct FactReading {
  std::string scope;
  std::vector<std::string> qualifiers;
  std::string basis;
};

struct AuditResult {
  std::vector<Flag> flags;    // most severe first, then in document order
  std::vector<Check> checks;  // relations that held, in document order
  std::vector<FactReading> readings;   // one for each of AuditInput::facts, in their order
};

AuditResult Audit(const AuditRules& rules, const AuditInput& input, const AuditOptions& options = {});

// Whether `stated` (written with `decimals` decimals) agrees with `computed`: within half a
// unit of the last stated decimal, plus 1e-9 for binary noise. 98,70 vs 98.6994 agrees;
// 86,98 vs 86.907 does not.
bool AgreesWithin(double stated, int decimals, double computed);

// Whether a stated rate (written with `decimals` decimals) agrees with the computed one: it is
// the computed value rounded (AgreesWithin) or truncated to those decimals, as offices often
// cut rather than round: 5.583 / 9.174 = 60,858...% written 60,85% or 60,86% agrees; 60,84%
// does not.
bool RateAgrees(double stated, int decimals, double computed);

// Decimals written in a number's text: "98,70%" -> 2, "1.12%" -> 2, "12.456" -> 0, "57,5" -> 1.
// `value` disambiguates a '.' or ',' that is a thousands mark.
int DecimalsWritten(std::string_view text, double value);

// Severity order for sorting and exit codes: error 0, warning 1, info 2.
int SeverityRank(const std::string& severity);

// Scanned input (baocao/ocr/ocr.h), applied by Audit() last: an "error" flag one of whose evidence spans is `uncertain` (a
// number OCR read with doubt) becomes a "warning", its explanation saying so in
// `options.lang`, since the inconsistency may be a misread digit. So does an
// assessment_mismatch whose value equals the target's bound when a span of it was read by OCR:
// the verdict then rests on the sign alone, and OCR reads "≥" as ">". Flags are sorted again,
// most severe first. Flags on text read from a text layer are left as they are.
void DowngradeUncertainFlags(std::vector<Flag>& flags, const AuditOptions& options);

}  // namespace baocao
