// An amount written in figures and again in words ("5.171.344.000.000 đồng (Bằng chữ: Năm nghìn
// một trăm bảy mươi mốt tỷ, ba trăm bốn mươi bốn triệu đồng chẵn)"): the two must be one amount.
#include <cmath>
#include <string>
#include <vector>

#include "audit/audit_impl.h"

namespace baocao {

std::vector<AmountInWords> FindAmountsInWords(const std::vector<Mention>& mentions, std::string_view text,
                                              const AuditTuning& tuning) {
  std::vector<AmountInWords> found;
  for (size_t i = 1; i < mentions.size(); ++i) {
    const Mention& words = mentions[i];
    if (words.type != MentionType::kMoney || words.rule_id != "money.spelled") continue;
    // "(Bằng chữ:" or "(bằng chữ" just before the words, the figures just before that.
    const size_t b = words.span.normalized.begin;
    if (!EndsWithPhrase(FoldedWordsBefore(text, b, tuning.in_words_reach), {"bang chu"})) continue;
    const Mention& figures = mentions[i - 1];
    if (figures.type != MentionType::kMoney || figures.span.normalized.end > b || b - figures.span.normalized.end > tuning.in_words_gap) continue;
    found.push_back({i - 1, i});
  }
  return found;
}

std::vector<Mention> WithoutAmountsInWords(const std::vector<Mention>& mentions, const std::vector<AmountInWords>& amounts) {
  std::vector<Mention> kept;
  kept.reserve(mentions.size());
  size_t next = 0;
  for (size_t i = 0; i < mentions.size(); ++i) {
    if (next < amounts.size() && amounts[next].words == i) {
      ++next;
      continue;
    }
    kept.push_back(mentions[i]);
  }
  return kept;
}

void CheckAmountsInWords(AuditContext& c, const std::vector<Mention>& mentions, const std::vector<AmountInWords>& amounts) {
  const bool en = c.en();
  for (const AmountInWords& a : amounts) {
    const Mention& words = mentions[a.words];
    const Mention& figures = mentions[a.figures];
    if (figures.unit != words.unit) continue;
    const Span figures_span = c.in.span_of(figures.span.normalized), words_span = c.in.span_of(words.span.normalized);
    if (std::fabs(figures.number - words.number) < kHalfUnit) {   // one amount, to the đồng
      Check k = MakeCheck("agree", "builtin:amount_in_words", {}, figures.number, words.number);
      k.members.push_back({"", MemberRole::kFigures, figures.number, figures_span});
      k.members.push_back({"", MemberRole::kWords, words.number, words_span});
      c.checks.push_back(std::move(k));
      continue;
    }
    Flag flag = MakeFlag("conflicting_values", Severity::kError, figures.number, words.number, "builtin:amount_in_words");
    AddEvidence(flag, figures_span);
    AddEvidence(flag, words_span);
    flag.explanation = en ? "The amount in figures “" + figures_span.text + "” is " + FormatValue(figures.number, 0, figures.unit, en) +
                                "; in words “" + words_span.text + "” it is " + FormatValue(words.number, 0, words.unit, en) + "."
                          : "Số tiền ghi bằng số «" + figures_span.text + "» là " + FormatValue(figures.number, 0, figures.unit, en) +
                                ", ghi bằng chữ «" + words_span.text + "» lại là " + FormatValue(words.number, 0, words.unit, en) + ".";
    c.flags.push_back(std::move(flag));
  }
}

}  // namespace baocao
