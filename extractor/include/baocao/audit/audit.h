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

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/budget.h"
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

// An example of a relation, stock or scope line of a rule file, written under it in an
// `examples` block (rules/audit/README.md, "Examples"): a short passage of a report in which the
// audit finds the relation holding (`holds:`) or broken (`breaks:`). Examples change nothing the
// audit checks; tests/audit/relation_examples_test.cc runs each through the engine.
struct RelationExample {
  std::string directive;                 // of the line: sum | exclusive | partition | ratio | part | cap | stock | scope
  std::string relation;                  // a relation's Relation::where, as its checks and flags cite it
  std::vector<std::string> indicators;   // a relation's anchor and members; a stock's ids
  std::string scope;                     // a scope's name; a partition's scope
  bool holds = true;                     // holds: (true) or breaks: (false)
  std::string text;                      // the passage
  std::string file;                      // where the example is written: "rules/audit/relations.rel"
  int line = 0;
};

struct AuditRules {
  std::vector<Relation> relations;
  std::vector<RelationExample> examples;                    // in file order
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

// The audit's judgment thresholds, each with its default, its unit and why (the convention of
// core/tuning.h: ForEachField lists every field by name, so a value is swept without a rebuild).
// The defaults are the values measured on the corpus; a check reads only its own fields.
struct AuditTuning {
  // --- Reading around a figure -------------------------------------------------------------
  // A sentence is read at most this far each way from a figure: a converter's run-on line has
  // no end, and the checks must stay linear in the text.
  size_t sentence_reach = 2048;            // bytes
  // "khoảng", "gần", "xấp xỉ" before a figure make it rough: a few words right before it.
  size_t rough_reach = 24;                 // bytes before the figure
  // "đến ngày" before the date a stock is counted at ("Đến ngày 06/6/2026, còn 162 hồ sơ").
  size_t as_of_reach = 24;                 // bytes before the date
  // "tăng", "giảm" right before a value make it a change, not a level ("tăng 5% so với").
  size_t change_reach = 24;                // bytes before the value
  // "(Bằng chữ:" right before an amount in words, and at most this gap between the amount in
  // figures and those words: the pair is one amount written twice.
  size_t in_words_reach = 24;              // bytes before the words
  size_t in_words_gap = 32;                // bytes from the figures to the words
  // "trước", "chậm nhất" before a deadline, on its line or in its cell.
  size_t deadline_word_reach = 32;         // bytes before the date
  // Where a fact's label stands in the text around it, for quoting: searched this far each way.
  size_t label_search_slack = 64;          // bytes
  // The start of a figure's line is sought at most this far back: a run-on line of megabytes
  // must not be scanned from every figure on it.
  size_t line_reach = 2000;                // bytes

  // --- Signatures (signature.cc) -----------------------------------------------------------
  // A named body is its head and at most this many capitalized or place words after it ("Cục
  // Thuế tỉnh Lào Cai"): a longer run is a sentence in capitals, not a name.
  size_t body_name_words = 6;              // words after the head
  // A unit named at the opening of a paragraph holds for its figures when the opening (up to
  // the first figure) is this short: "Với cấp huyện, 12 huyện …".
  size_t paragraph_opening_reach = 120;    // bytes

  // --- Relations of rules/audit/*.rel (numeric.cc) --------------------------------------------
  // The parts of a sum are taken at most this far from their total: 0 same sentence, 1 same
  // paragraph or table, 2 same section. A figure of another section is another statement,
  // perhaps of another scope.
  int sum_max_tier = 2;                    // tier (AuditContext::Tier)

  // --- Relations read from the document's structure (structure*.cc) ------------------------
  // A percentage belongs to the fraction or part just before it when at most this many words
  // stand between them ("8.051 hồ sơ (99,2%)"; "70/139 kiến nghị đã được trả lời, chiếm 50%"
  // is longer: the fraction-percentage pair allows the whole clause, as nothing numeric
  // intervenes).
  size_t part_percent_words = 5;           // words
  // "đạt 100% (45/45 nhiệm vụ)": the fraction in parentheses right after its percentage.
  size_t percent_fraction_gap = 40;        // bytes between them
  // Shares of one whole each rounded to a whole percent may add up to 100 within half a point
  // each ("chiếm 50%; … 46%; … 4%"): then they are the whole's parts and must add up to it.
  double share_rounding = 0.5;             // percentage points per share
  // A whole and parts that differ more than this factor either way count different things
  // (another quantity was read): no flag.
  double far_off_factor = 2;               // times
  // A learned table relation (total column, rate column) must hold in this share of the rows
  // it can be computed on, and in at least two of them, before a row where it fails is flagged.
  double learned_share = 0.75;             // of the computable rows
  // With at least this many rows (or outline headings) confirming a learned relation, one that
  // breaks it is an error, not a warning.
  int learned_error_rows = 3;              // rows
  // A total column is sought among the runs of at most this many columns beside it.
  size_t total_column_run = 8;             // columns
  // Words between a whole and the cue that opens its parts ("tại 04 đơn vị hoạt động trong lĩnh
  // vực hóa chất trên địa bàn tỉnh Lào Cai, bao gồm …"); asides in parentheses do not count.
  // Up to twice as many when every part names the whole's noun.
  size_t whole_to_cue_words = 20;          // words
  // Parts listed after "trong đó:" on the lines below: at most this many list items are read.
  int max_listed_parts = 12;               // list items
  // A list item runs on over wrapped lines for at most this many bytes.
  size_t list_item_bytes = 2000;           // bytes
  // "…, trong đó:" closing a paragraph opens the list items below only when this short.
  size_t list_intro_words = 6;             // words from the cue to the colon
  // "chia thành 02 nhóm", "gồm 03 nội dung" right before a figure: it counts the parts.
  size_t parts_count_reach = 24;           // bytes before the figure
  // "04 cụm … (…)" announces the parts' count when at most this many.
  int announced_count_max = 50;            // parts
  // The next figure past the asides after a whole is sought among this many figures.
  size_t aside_figures = 8;                // figures
  // "(chiếm 42% tổng vốn đăng ký)": words naming another base right after a part's share.
  size_t share_base_reach = 40;            // bytes after the percentage
  // A share of a named whole: its whole's name after the percentage ("… chiếm 15% tổng vốn đầu
  // tư"), the whole stated above it, named in the words before its figure.
  size_t share_name_reach = 120;           // bytes after the percentage
  size_t named_whole_reach = 4000;         // bytes above the part
  size_t named_whole_label_reach = 120;    // bytes before the whole's figure
  // A figure's label after it ("14 hồ sơ phi địa giới TTHC/…"), for rates named by it.
  size_t label_after_reach = 200;          // bytes
  // "29,0% (diện tích … đã cho thuê trên tổng diện tích …)": a rate's definition in words.
  size_t rate_definition_bytes = 200;      // bytes inside the parentheses
  // The words naming each figure of a definition are read back to the start of its line, at
  // most this far.
  size_t definition_line_reach = 400;      // bytes
  // "còn lại" among the last few words before a figure makes it what is left.
  size_t remainder_cue_words = 8;          // words
  // "1.250 hồ sơ, tăng 150": the change verb a few words after the first figure; "so với" right
  // after the change; its base a few words further.
  size_t change_verb_words = 6;            // words
  size_t change_so_voi_reach = 40;         // bytes after the change
  size_t change_base_words = 14;           // words from the change to its base
  // "Đối với 03 đơn vị …: Công ty …; Nhà máy …": the colon after the count's noun, and names
  // counted only up to this many.
  size_t counted_list_colon_reach = 80;    // bytes from the count to the colon
  size_t counted_list_noun_words = 8;      // words
  double counted_list_max = 30;            // names
  // A name in a list is at most this long.
  size_t list_name_bytes = 200;            // bytes
  // A whole over a table of fraction cells: the rows read below it, and how far left of the
  // cells their column's heading may start.
  int fraction_table_lines = 120;          // lines
  size_t fraction_heading_margin = 12;     // columns
  // A line of running prose is at least this wide (pdftotext's layout of a page of text).
  size_t prose_line_columns = 70;          // columns
  // "tổng số 412" counts, "số 45/KH-UBND" names: "tổng" is sought this far before "số".
  size_t total_word_reach = 12;            // bytes
  // "Thống Nhất 1", "Phú Thịnh 3": a number below this right after a capitalized name names.
  int name_number_limit = 100;             // value
  // A whole number up to this alone on its line is a row or page number.
  int row_number_max = 999;                // value
  // A cell's value is the cell: at most this many bytes of the cell's text past it, and of unit
  // around it.
  size_t cell_value_slack = 8;             // bytes
  size_t cell_unit_bytes = 12;             // bytes
  // A numbered outline's children follow their heading within this many points.
  size_t outline_children_reach = 400;     // points
  // Running accounts: among amounts of one paragraph, each against the sums and differences of
  // the few before it; only amounts of seven significant digits or more (from a million up),
  // where no coincidence comes one digit close.
  size_t running_account_window = 6;      // amounts
  double running_account_min = 1e6;        // value
  size_t running_account_digits = 7;       // digits
  // One quantity stated twice. Past this many figures (a concatenation, a data dump) pairing
  // figures across places costs memory and finds nothing a reader would call one quantity.
  size_t max_figures_to_pair = 20000;      // figures
  // A group of figures of one unit and length larger than this is a table of codes, not twins.
  size_t max_repeated_group = 400;         // figures
  // A table of more rows than this, or headed "X", "Y", "Tọa độ", holds coordinates that differ
  // in a digit by design.
  size_t coordinate_table_rows = 60;       // rows
  // A four-digit whole number within these years is a year, not a quantity.
  int year_min = 1900;
  int year_max = 2100;
  // The words before a figure that say what it measures: those of this many bytes, the last
  // few of them near it, more of them as its wider context.
  size_t repeated_words_reach = 80;        // bytes
  size_t repeated_near_words = 6;          // words
  size_t repeated_wide_words = 10;         // words
  // Two figures one digit apart are one quantity with a slip when their digits are this
  // distinctive: seven significant digits alone, five with three shared words of context.
  size_t distinct_digits = 7;              // significant digits
  size_t named_digits = 5;                 // significant digits

  template <class Visit>
  void ForEachField(Visit&& visit) {
    visit("sentence_reach", sentence_reach);
    visit("rough_reach", rough_reach);
    visit("as_of_reach", as_of_reach);
    visit("change_reach", change_reach);
    visit("in_words_reach", in_words_reach);
    visit("in_words_gap", in_words_gap);
    visit("deadline_word_reach", deadline_word_reach);
    visit("label_search_slack", label_search_slack);
    visit("line_reach", line_reach);
    visit("body_name_words", body_name_words);
    visit("paragraph_opening_reach", paragraph_opening_reach);
    visit("sum_max_tier", sum_max_tier);
    visit("part_percent_words", part_percent_words);
    visit("percent_fraction_gap", percent_fraction_gap);
    visit("share_rounding", share_rounding);
    visit("far_off_factor", far_off_factor);
    visit("learned_share", learned_share);
    visit("learned_error_rows", learned_error_rows);
    visit("total_column_run", total_column_run);
    visit("whole_to_cue_words", whole_to_cue_words);
    visit("max_listed_parts", max_listed_parts);
    visit("list_item_bytes", list_item_bytes);
    visit("list_intro_words", list_intro_words);
    visit("parts_count_reach", parts_count_reach);
    visit("announced_count_max", announced_count_max);
    visit("aside_figures", aside_figures);
    visit("share_base_reach", share_base_reach);
    visit("share_name_reach", share_name_reach);
    visit("named_whole_reach", named_whole_reach);
    visit("named_whole_label_reach", named_whole_label_reach);
    visit("label_after_reach", label_after_reach);
    visit("rate_definition_bytes", rate_definition_bytes);
    visit("definition_line_reach", definition_line_reach);
    visit("remainder_cue_words", remainder_cue_words);
    visit("change_verb_words", change_verb_words);
    visit("change_so_voi_reach", change_so_voi_reach);
    visit("change_base_words", change_base_words);
    visit("counted_list_colon_reach", counted_list_colon_reach);
    visit("counted_list_noun_words", counted_list_noun_words);
    visit("counted_list_max", counted_list_max);
    visit("list_name_bytes", list_name_bytes);
    visit("fraction_table_lines", fraction_table_lines);
    visit("fraction_heading_margin", fraction_heading_margin);
    visit("prose_line_columns", prose_line_columns);
    visit("total_word_reach", total_word_reach);
    visit("name_number_limit", name_number_limit);
    visit("row_number_max", row_number_max);
    visit("cell_value_slack", cell_value_slack);
    visit("cell_unit_bytes", cell_unit_bytes);
    visit("outline_children_reach", outline_children_reach);
    visit("running_account_window", running_account_window);
    visit("running_account_min", running_account_min);
    visit("running_account_digits", running_account_digits);
    visit("max_figures_to_pair", max_figures_to_pair);
    visit("max_repeated_group", max_repeated_group);
    visit("coordinate_table_rows", coordinate_table_rows);
    visit("year_min", year_min);
    visit("year_max", year_max);
    visit("repeated_words_reach", repeated_words_reach);
    visit("repeated_near_words", repeated_near_words);
    visit("repeated_wide_words", repeated_wide_words);
    visit("distinct_digits", distinct_digits);
    visit("named_digits", named_digits);
  }
};

struct AuditOptions {
  std::string lang = "vi";   // language of explanations: vi | en
  AuditTuning tuning = {};   // thresholds of the checks (defaults measured on the corpus)
  // The extraction's budget: checked between checks, the audit stops early when it runs out
  // and leaves the error to its caller's next Budget::Check (baocao/core/budget.h).
  Budget budget = {};
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

// A bound as people read it before its value: "≥", ">", "≤", "<"; "" for none and for "=".
std::string ComparatorSymbol(Comparator comparator);
// The same with the space that separates it from its value ("≥ 90%"), "" when there is none.
std::string ComparatorText(Comparator comparator);

// Decimals written in a number's text: "98,70%" -> 2, "1.12%" -> 2, "12.456" -> 0, "57,5" -> 1.
// `value` disambiguates a '.' or ',' that is a thousands mark.
int DecimalsWritten(std::string_view text, double value);

// Scanned input (baocao/ocr/ocr.h), applied by Audit() last: an "error" flag one of whose evidence spans is `uncertain` (a
// number OCR read with doubt) becomes a "warning", its explanation saying so in
// `options.lang`, since the inconsistency may be a misread digit. So does an
// assessment_mismatch whose value equals the target's bound when a span of it was read by OCR:
// the verdict then rests on the sign alone, and OCR reads "≥" as ">". Flags are sorted again,
// most severe first. Flags on text read from a text layer are left as they are.
void DowngradeUncertainFlags(std::vector<Flag>& flags, const AuditOptions& options);

}  // namespace baocao
