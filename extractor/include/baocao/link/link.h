// The Facts stage: recognized values tied to indicators of the shared catalogue
// (rules/indicators.tsv), with role (actual, target, assessment), comparator, period and label.
//
//   baocao::Result<baocao::Lexicon> lex = baocao::Lexicon::Load("rules");
//   if (!lex.ok()) ...;                 // kBadRules names file:line
//   std::vector<baocao::Fact> facts = baocao::LinkFacts(*lex, text.view(), layout, mentions, meta);
//
// How an indicator is recognized is data: rules/indicators/*.lex give, for each id, cues
// (sets of phrases that must all occur in the value's label context, compared without
// diacritics or case, in any order) and exclusions, with examples the test suite runs.
// A value is linked only when a cue of an indicator of the value's kind (rate: a percentage;
// count: a count or number; money: an amount) is found in its own clause or table row label;
// precision matters more than count, so an unsupported value yields no fact.
// Thread safety: a loaded Lexicon is immutable; LinkFacts is a pure function.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/document.h"
#include "baocao/layout/layout.h"
#include "baocao/core/status.h"

namespace baocao {

struct IndicatorInfo {
  std::string id;
  std::string kind;    // rate | count | money | rank
  std::string unit;    // "%", "đồng", the counted noun
  std::string label;   // Vietnamese label from the catalogue
};

struct LexiconExample {
  std::string text;
  std::string expected;   // "tthc.online_application_rate actual 86.98"; empty for reject
  bool reject = false;
  std::string indicator;
  std::string file;
  int line = 0;
};

class Lexicon {
 public:
  // Reads rules/indicators.tsv (and rules/indicators/extra.tsv if present) and every
  // rules/indicators/*.lex file.
  static Result<Lexicon> Load(const std::string& rules_dir);
  Lexicon(Lexicon&&) noexcept;
  Lexicon& operator=(Lexicon&&) noexcept;
  ~Lexicon();

  const std::vector<IndicatorInfo>& indicators() const;
  const std::vector<LexiconExample>& examples() const;
  // The best indicator of `kind` whose cues all occur in `context` (any if kind is empty), or
  // empty. `score` receives the cue's specificity (matched words).
  std::string Match(std::string_view context, std::string_view kind, int* score = nullptr) const;

  struct Impl;                  // opaque: the parsed cues (src/link/lexicon_impl.h)
  const Impl& impl() const;

 private:
  Lexicon();
  std::unique_ptr<Impl> impl_;
};

// The distances LinkFacts looks within, as data (core/tuning.h: SetTuningField(tuning,
// "sentence_reach_bytes", 4096)); the defaults are the values the gold corpus was linked with.
struct LinkTuning {
  size_t sentence_reach_bytes = 2048;   // bytes each way a "sentence" of a converter's run-on
                                        // line is cut at: a value's label stands near it
  size_t section_title_slack_bytes = 8; // bytes past a section's number and title searched for
                                        // the period it names ("I. KẾT QUẢ NĂM 2025:", stars)
  size_t paragraph_opening_bytes = 48;  // bytes at a paragraph's start whose period ("Tháng
                                        // 9/2021, …") holds for each figure of the paragraph
  size_t base_max_gap_bytes = 12;       // bytes after a rate within which "so với" starts the
                                        // base it is measured against, not its subject

  template <class Visit>
  void ForEachField(Visit&& visit) {
    visit("sentence_reach_bytes", sentence_reach_bytes);
    visit("section_title_slack_bytes", section_title_slack_bytes);
    visit("paragraph_opening_bytes", paragraph_opening_bytes);
    visit("base_max_gap_bytes", base_max_gap_bytes);
  }
};

// Facts from prose and tables. `mentions` carry normalized ranges (Span::normalized); the
// returned facts carry the mention's normalized range in span.normalized (the caller maps it).
// Once `budget` is spent it returns early (nothing or part): the caller's next Budget::Check
// turns that into the budget's error.
std::vector<Fact> LinkFacts(const Lexicon& lexicon, std::string_view text, const Layout& layout,
                            const std::vector<Mention>& mentions, const Meta& meta,
                            const LinkTuning& tuning = {}, const Budget& budget = Budget());

// Bare figures in a table column whose heading names their unit ("Tỷ lệ (%)", "TMĐT (tỷ đồng)",
// "Diện tích (ha)") become percentages, amounts in đồng (scaled) or measures. `mentions` are in
// text order with normalized ranges; a figure written with its own unit or bound is left as is.
void TypeFiguresByColumnUnits(const Layout& layout, std::vector<Mention>& mentions);

// The words of a text as the lexicon compares them: folded (FoldKey: no diacritics, no case)
// and cut at every byte that is neither an ASCII letter or digit nor part of a non-ASCII
// character. "Tỷ lệ hồ sơ (%)" -> {"ty", "le", "ho", "so"}; "92.075kg" -> {"92", "075kg"}.
// The audit reads labels, cues and word lists of rules/audit/*.rel with it, so that its phrases
// and the lexicon's cues are compared alike. Linear in the text; empty for an empty text.
std::vector<std::string> Tokenize(std::string_view text);

}  // namespace baocao
