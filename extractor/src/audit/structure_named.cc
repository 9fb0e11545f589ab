// Relations named by words rather than laid out: shares of a named whole, numbered outlines,
// rates named or defined in words, what is left, a change stated with both its ends.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>

#include "audit/structure_impl.h"
#include "baocao/link/link.h"

namespace baocao::audit_structure {

// ------------------------------------------------------------------------------------------
// Rates and remainders named by words across sentences. A warning each way: the relation rests
// on the words that name the figures, not on one sentence's grammar.

void Structure::NamedRates() {
  const bool en = c.en();
  for (const Mention* pct : order) {
    if (ticker.Exhausted()) return;
    if (pct->type != MentionType::kPercent || Flagged(*pct) || pct->comparator != Comparator::kNone) continue;
    TextRange sentence = Sentence(pct->span.normalized.begin, 0, text.size(), false, false);
    if (!In(sentence.begin, pct->span.normalized.begin).empty()) continue;
    std::vector<std::string> words = Tokenize(Between(sentence.begin, pct->span.normalized.begin));
    if (words.size() < 3 || words[0] != "ty" || words[1] != "le") continue;
    static const std::set<std::string> kVerbs = {"dat", "chiem", "la", "bang", "khoang", "duoc", "chi"};
    while (!words.empty() && kVerbs.count(words.back())) words.pop_back();
    std::string name, against;
    bool after_so_voi = false;
    for (size_t k = 2; k < words.size(); ++k) {
      if (!after_so_voi && k + 1 < words.size() && words[k] == "so" && words[k + 1] == "voi") {
        after_so_voi = true;
        ++k;
        continue;
      }
      std::string& into = after_so_voi ? against : name;
      into += (into.empty() ? "" : " ") + words[k];
    }
    if (name.empty() || (after_so_voi && against.empty())) continue;
    size_t from = SentencesBack(sentence.begin, 3);
    std::vector<std::pair<const Mention*, std::string>> named;
    for (const Mention* m : In(from, sentence.begin)) {
      if (IsAdditive(*m) && !NamesSomething(*m) && m->number > 0) named.push_back({m, LabelAfter(*m, sentence.begin)});
    }
    auto only = [&](auto&& match) -> const Mention* {
      const Mention* found = nullptr;
      for (const auto& [m, label] : named) {
        if (!match(label)) continue;
        if (found) return nullptr;
        found = m;
      }
      return found;
    };
    const Mention* numerator = only([&](const std::string& l) { return l == name; });
    if (!numerator) continue;
    std::vector<std::string> head = Tokenize(name);
    std::string noun = head.size() >= 2 ? head[0] + " " + head[1] : head[0];
    const Mention* base = after_so_voi ? only([&](const std::string& l) { return l == against; })
                                       : only([&](const std::string& l) {
                                           return l.rfind("tong so ", 0) == 0 && l.find(noun) != std::string::npos;
                                         });
    if (!base || base == numerator) continue;
    int d = Decimals(*pct);
    double computed = numerator->number / base->number * 100.0;
    if (RateAgrees(pct->number, d, computed, false)) {
      HeldRatio("builtin:named_rate", *numerator, *base, *pct, RoundTo(computed, d));
      continue;
    }
    if (Flagged(*numerator) || Flagged(*base)) continue;
    Flag f = MakeFlag("ratio_mismatch", Severity::kWarning, pct->number, RoundTo(computed, d), "builtin:named_rate");
    AddEvidence(f, numerator->span);
    AddEvidence(f, base->span);
    AddEvidence(f, pct->span);
    constexpr size_t kQuotedName = 120;   // bytes of the rate's name quoted
    std::string written(Between(sentence.begin, CharBoundaryAtOrBefore(text, std::min(pct->span.normalized.begin, sentence.begin + kQuotedName))));
    std::string q = FormatNumber(numerator->number, Decimals(*numerator), en) + " / " + FormatNumber(base->number, Decimals(*base), en) +
                    " = " + FormatValue(computed, d, "%", en);
    f.explanation = en ? "“" + Trim(written) + "” names “" + numerator->span.text + "” over “" + base->span.text + "”: " + q +
                             ", not the " + FormatValue(pct->number, d, "%", en) + " stated."
                       : "«" + Trim(written) + "» gọi tên «" + numerator->span.text + "» trên «" + base->span.text + "»: " + q +
                             ", khác tỷ lệ đã ghi là " + FormatValue(pct->number, d, "%", en) + ".";
    Raise(std::move(f));
  }
}

void Structure::DefinedRates() {
  const bool en = c.en();
  for (const Mention* pct : order) {
    if (ticker.Exhausted()) return;
    if (pct->type != MentionType::kPercent || Flagged(*pct) || pct->comparator != Comparator::kNone) continue;
    size_t open = pct->span.normalized.end;
    while (open < text.size() && text[open] == ' ') ++open;
    if (open >= text.size() || text[open] != '(') continue;
    size_t close = text.find(')', open);
    if (close == std::string_view::npos || close - open > tuning.rate_definition_bytes || !In(open, close).empty()) continue;
    std::vector<std::string> words = Tokenize(Between(open + 1, close));
    size_t split = 0;
    for (size_t k = 1; k + 1 < words.size(); ++k) {
      if (words[k] == "tren" || (words[k] == "so" && words[k + 1] == "voi")) { split = k; break; }
    }
    if (split < 2) continue;
    std::vector<std::string> top(words.begin(), words.begin() + static_cast<long>(split));
    std::vector<std::string> bottom(words.begin() + static_cast<long>(split) + (words[split] == "so" ? 2 : 1), words.end());
    if (bottom.size() < 2) continue;
    TextRange sentence = Sentence(pct->span.normalized.begin, 0, text.size(), false, false);
    size_t from = SentencesBack(sentence.begin, 1);
    // The figures before the rate and the words each is named by, back to the last mark.
    std::vector<std::pair<const Mention*, std::vector<std::string>>> named;
    size_t mark = from;
    for (const Mention* m : In(from, pct->span.normalized.begin)) {
      size_t b = std::max(mark, LineStart(m->span.normalized.begin, tuning.definition_line_reach));
      std::string_view lead = Between(b, m->span.normalized.begin);
      size_t cut = lead.find_last_of(",;:(.");
      if (cut != std::string_view::npos) lead = lead.substr(cut + 1);
      if (IsAdditive(*m) && !NamesSomething(*m)) named.push_back({m, Tokenize(lead)});
      mark = m->span.normalized.end;
    }
    auto side = [&](const std::vector<std::string>& name) -> const Mention* {
      const Mention* best = nullptr;
      size_t best_len = 0;
      bool tie = false;
      for (const auto& [m, label] : named) {
        // The words the two end with ("… đất công nghiệp" of "trong đó diện tích đất công nghiệp").
        size_t common = 0;
        while (common < label.size() && common < name.size() && label[label.size() - 1 - common] == name[name.size() - 1 - common]) ++common;
        if (common < 2) continue;
        if (common > best_len) {
          best = m;
          best_len = common;
          tie = false;
        } else if (common == best_len) {
          tie = true;
        }
      }
      return tie ? nullptr : best;
    };
    const Mention* num = side(top);
    const Mention* den = side(bottom);
    if (!num || !den || num == den || den->number <= 0 || !SameKind(*num, *den)) continue;
    if (Unabbreviated(NounAfter(*num)) != Unabbreviated(NounAfter(*den))) continue;
    int d = Decimals(*pct);
    double computed = num->number / den->number * 100.0;
    if (RateAgrees(pct->number, d, computed, false)) {
      HeldRatio("builtin:defined_rate", *num, *den, *pct, RoundTo(computed, d));
      continue;
    }
    if (Flagged(*num) || Flagged(*den)) continue;
    Flag f = MakeFlag("ratio_mismatch", Severity::kWarning, pct->number, RoundTo(computed, d), "builtin:defined_rate");
    AddEvidence(f, num->span);
    AddEvidence(f, den->span);
    AddEvidence(f, pct->span);
    constexpr size_t kQuotedDefinition = 160;   // bytes of the definition quoted
    std::string definition(Between(open, CharBoundaryAtOrBefore(text, std::min(close + 1, open + kQuotedDefinition))));
    std::string q = FormatNumber(num->number, Decimals(*num), en) + " / " + FormatNumber(den->number, Decimals(*den), en) + " = " +
                    FormatValue(computed, d, "%", en);
    f.explanation = en ? "“" + pct->span.text + " " + definition + "”: " + q + ", not the " + FormatValue(pct->number, d, "%", en) + " stated."
                       : "«" + pct->span.text + " " + definition + "»: " + q + ", khác tỷ lệ đã ghi là " + FormatValue(pct->number, d, "%", en) + ".";
    Raise(std::move(f));
  }
}

void Structure::Remainders() {
  auto cue = c.rules.words.find("remainder");
  if (cue == c.rules.words.end()) return;
  const bool en = c.en();
  for (const Mention* x : order) {
    if (ticker.Exhausted()) return;
    if (!IsAdditive(*x) || NamesSomething(*x) || x->number <= 0 || Flagged(*x)) continue;
    std::string noun = Unabbreviated(NounAfter(*x));
    if (noun.empty() && x->type != MentionType::kMoney) continue;
    TextRange sentence = Sentence(x->span.normalized.begin, 0, text.size(), false, false);
    std::string before = FoldedWords(Between(sentence.begin, x->span.normalized.begin));
    std::vector<std::string> lead = Tokenize(before);
    std::string last;
    const size_t cue_words = tuning.remainder_cue_words;
    for (size_t k = lead.size() > cue_words ? lead.size() - cue_words : 0; k < lead.size(); ++k) last += " " + lead[k];
    last += " ";
    bool cued = false;
    for (const std::string& p : cue->second) cued |= last.find(FoldedWords(p)) != std::string::npos;
    if (!cued) continue;
    size_t from = SentencesBack(sentence.begin, 2);
    std::vector<const Mention*> kin;
    for (const Mention* m : In(from, x->span.normalized.begin)) {
      if (!IsAdditive(*m) || NamesSomething(*m)) continue;
      bool same = x->type == MentionType::kMoney ? (m->type == MentionType::kMoney && m->unit == x->unit)
                                                 : Unabbreviated(NounAfter(*m)) == noun;
      if (same) kin.push_back(m);
    }
    if (kin.size() != 2 || kin[0]->number <= kin[1]->number || Flagged(*kin[0]) || Flagged(*kin[1])) continue;
    int d = std::max({Decimals(*x), Decimals(*kin[0]), Decimals(*kin[1])});
    double left = kin[0]->number - kin[1]->number;
    if (AgreesWithin(x->number, d, left)) {
      Check k = MakeCheck("difference", "builtin:remainder", {}, x->number, RoundTo(left, d));
      k.members.push_back({"", MemberRole::kTotal, kin[0]->number, kin[0]->span});
      k.members.push_back({"", MemberRole::kPart, kin[1]->number, kin[1]->span});
      k.members.push_back({"", MemberRole::kPart, x->number, x->span});
      Held(std::move(k));
      continue;
    }
    if (!DigitSlip(*x, left)) continue;
    Flag f = MakeFlag("sum_mismatch", Severity::kWarning, x->number, RoundTo(left, d), "builtin:remainder");
    AddEvidence(f, kin[0]->span);
    AddEvidence(f, kin[1]->span);
    AddEvidence(f, x->span);
    std::string q = FormatNumber(kin[0]->number, Decimals(*kin[0]), en) + " − " + FormatNumber(kin[1]->number, Decimals(*kin[1]), en) +
                    " = " + FormatNumber(left, d, en);
    f.explanation = en ? "“" + x->span.text + "” is what is left (“còn lại”) of “" + kin[0]->span.text + "” after “" + kin[1]->span.text +
                             "”: " + q + ", not the " + FormatNumber(x->number, d, en) + " stated."
                       : "«" + x->span.text + "» là phần «còn lại» của «" + kin[0]->span.text + "» sau «" + kin[1]->span.text + "»: " + q +
                             ", khác số đã ghi là " + FormatNumber(x->number, d, en) + ".";
    Raise(std::move(f));
  }
}

// ------------------------------------------------------------------------------------------
// A change stated with both its ends: "đạt 1.250 hồ sơ, tăng 150 hồ sơ so với cùng kỳ năm 2024
// (1.100 hồ sơ)", "thu 1.200 tỷ đồng, tăng 20% so với cùng kỳ (1.000 tỷ đồng)". The figure
// before "tăng"/"giảm", the change, and the figure after "so với" of the first one's kind, all
// in one sentence. A difference must be exact (an error); a percentage must be the relative
// change, or for two rates the change in points, rounded or cut to its decimals (a warning:
// "tăng 20%" may be read either way).

void Structure::StatedChanges() {
  auto up = c.rules.words.find("change_up"), down = c.rules.words.find("change_down");
  if (up == c.rules.words.end() || down == c.rules.words.end()) return;
  const bool en = c.en();
  for (size_t i = 1; i < order.size(); ++i) {
    if (ticker.Exhausted()) return;
    const Mention& change = *order[i];
    if (!(IsAdditive(change) || change.type == MentionType::kPercent) || NamesSomething(change) || change.number <= 0) continue;
    const Mention& from = *order[i - 1];
    if (!(IsAdditive(from) || from.type == MentionType::kPercent) || NamesSomething(from)) continue;
    TextRange sentence = Sentence(change.span.normalized.begin, 0, text.size(), /*at_semicolon=*/true, /*at_newline=*/false);
    if (from.span.normalized.begin < sentence.begin) continue;
    // "1.250 hồ sơ, tăng 150": the verb right before the change, a few words after the first.
    std::string_view between = Between(from.span.normalized.end, change.span.normalized.begin);
    std::string folded = FoldedWords(between);
    bool rising = EndsWithPhrase(folded, up->second), falling = !rising && EndsWithPhrase(folded, down->second);
    if (!(rising || falling) || Tokenize(between).size() > tuning.change_verb_words || between.find_first_of(";:(") != std::string_view::npos) {
      continue;
    }
    // "so với …" right after the change, then the base: the next figure of the first's kind.
    size_t after = change.span.normalized.end;
    std::string_view rest = Between(after, sentence.end);
    std::vector<std::string> rest_words = Tokenize(rest.substr(0, std::min<size_t>(rest.size(), tuning.change_so_voi_reach)));
    size_t lead = 0;
    while (lead < rest_words.size() && lead < 3 && rest_words[lead] != "so") ++lead;   // "150 hồ sơ so với"
    if (lead + 1 >= rest_words.size() || rest_words[lead] != "so" || rest_words[lead + 1] != "voi") continue;
    if (std::find(rest_words.begin(), rest_words.end(), "lan") != rest_words.end() &&
        std::find(rest_words.begin(), rest_words.end(), "lan") - rest_words.begin() < static_cast<long>(lead)) {
      continue;   // "giảm 1,5 lần so với": a ratio, not a change
    }
    const Mention* base = nullptr;
    for (size_t k = i + 1; k < order.size() && order[k]->span.normalized.begin < sentence.end && k <= i + 4; ++k) {
      const Mention& m = *order[k];
      if (m.type == MentionType::kDate || m.type == MentionType::kPeriod || NamesSomething(m)) continue;
      bool same = from.type == MentionType::kPercent ? m.type == MentionType::kPercent
                                                     : IsAdditive(m) && m.type == from.type && SameKind(from, m) &&
                                                           Unabbreviated(NounAfter(from)) == Unabbreviated(NounAfter(m));
      if (same) { base = &m; break; }
    }
    if (!base || base->number <= 0) continue;
    if (Tokenize(Between(change.span.normalized.end, base->span.normalized.begin)).size() > tuning.change_base_words) continue;
    double sign = rising ? 1.0 : -1.0;
    bool points = from.type == MentionType::kPercent;
    bool relative = change.type == MentionType::kPercent && !points;
    if (!relative && !points && (change.type != from.type || !SameKind(from, change))) continue;
    int d = Decimals(change);
    double computed = relative ? sign * (from.number - base->number) / base->number * 100.0 : sign * (from.number - base->number);
    bool holds = relative ? RateAgrees(change.number, d, computed, false) : AgreesWithin(change.number, d, computed);
    if (holds) {
      Check k = MakeCheck(relative ? "ratio" : "difference", "builtin:stated_change", {}, change.number, RoundTo(computed, d));
      k.members.push_back({"", MemberRole::kValue, from.number, from.span});
      k.members.push_back({"", MemberRole::kPart, change.number, change.span});
      k.members.push_back({"", MemberRole::kValue, base->number, base->span});
      Held(std::move(k));
      continue;
    }
    if (Flagged(from) || Flagged(change) || Flagged(*base)) continue;
    Flag f = MakeFlag(relative ? "ratio_mismatch" : "sum_mismatch", relative ? Severity::kWarning : Severity::kError, change.number, RoundTo(computed, d),
                      "builtin:stated_change");
    AddEvidence(f, from.span);
    AddEvidence(f, change.span);
    AddEvidence(f, base->span);
    std::string verb = rising ? (en ? "a rise" : "tăng") : (en ? "a fall" : "giảm");
    // Written the way the change goes: the larger less the smaller as the verb says.
    const Mention& high = rising ? from : *base;
    const Mention& low = rising ? *base : from;
    std::string q = (relative ? "(" : "") + FormatNumber(high.number, Decimals(high), en) + " − " + FormatNumber(low.number, Decimals(low), en) +
                    (relative ? ") / " + FormatNumber(base->number, Decimals(*base), en) + " = " + FormatValue(computed, d, "%", en)
                              : " = " + FormatNumber(computed, d, en));
    f.explanation = en ? "“" + from.span.text + "” against “" + base->span.text + "” (“so với”): " + q + ", not " + verb + " of " +
                             change.span.text + " as stated."
                       : "«" + from.span.text + "» so với «" + base->span.text + "»: " + q + ", không phải " + verb + " " +
                             change.span.text + " như đã ghi.";
    Raise(std::move(f));
  }
}

// ------------------------------------------------------------------------------------------
// Numbered outlines: "3.2.  Công bố, công khai TTHC …   3.50" is the sum of its points
// "3.2.1. …  0.50", "3.2.2. …  1.50", … (a scoring framework, a budget by heading).

std::vector<Structure::OutlinePoint> Structure::OutlinePoints() const {
  std::vector<OutlinePoint> points;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    size_t i = b;
    while (i < e && text[i] == ' ') ++i;
    std::vector<int> number;
    size_t j = i;
    while (j < e && std::isdigit(static_cast<unsigned char>(text[j]))) {
      int n = 0;
      size_t k = j;
      while (k < e && std::isdigit(static_cast<unsigned char>(text[k])) && k - j < 3) n = n * kDecimalRadix + (text[k++] - '0');
      if (k >= e || text[k] != '.') break;
      number.push_back(n);
      j = k + 1;
    }
    // The marker, then the title, then the figure set apart by three spaces or a tab. A
    // heading whose figure is not on its line is kept without one: its parent is not checked.
    if (!number.empty() && j < e && (text[j] == ' ' || text[j] == '\t')) {
      size_t before_count = points.size();
      for (const Mention* m : In(j, e)) {
        if (!IsAdditive(*m) || m->comparator != Comparator::kNone) continue;
        std::string_view before = Between(j, m->span.normalized.begin);
        bool apart = before.size() >= 3 && (before.substr(before.size() - 3) == "   " || before.back() == '\t');
        std::string_view after = Between(m->span.normalized.end, e);
        bool ends = Tokenize(after).size() <= 1;
        if (apart && ends && !Tokenize(before).empty()) {
          points.push_back({number, m, Trim(std::string(before))});
          break;
        }
      }
      if (points.size() == before_count) points.push_back({number, nullptr, ""});
    }
    b = e + 1;
  }
  return points;
}

std::vector<Structure::OutlineParent> Structure::OutlineParents(const std::vector<OutlinePoint>& points) const {
  // A heading numbered again further down (a second table) starts a new outline: only the
  // children up to the next point of the parent's level count.
  std::vector<OutlineParent> parents;
  for (size_t p = 0; p < points.size(); ++p) {
    OutlineParent parent{p, {}};
    // Children follow their heading closely; a bound keeps an outline of thousands of points linear.
    for (size_t q = p + 1; q < points.size() && q <= p + tuning.outline_children_reach; ++q) {
      const auto& a = points[p].number;
      const auto& n = points[q].number;
      if (n.size() <= a.size() || !std::equal(a.begin(), a.end(), n.begin())) break;   // left the outline below p
      if (n.size() == a.size() + 1) parent.children.push_back(q);
    }
    // Every point 1, 2, …, k present, each with its figure, and the parent's too.
    bool whole = parent.children.size() >= 2 && points[p].value;
    for (size_t k = 0; k < parent.children.size() && whole; ++k) {
      const OutlinePoint& child = points[parent.children[k]];
      whole = child.value && child.number.back() == static_cast<int>(k) + 1;
    }
    if (whole) parents.push_back(std::move(parent));
  }
  return parents;
}

void Structure::OutlineSums() {
  const std::vector<OutlinePoint> points = OutlinePoints();
  if (points.size() < 3) return;
  const std::vector<OutlineParent> parents = OutlineParents(points);
  int holding = 0;
  for (const OutlineParent& parent : parents) {
    double sum = 0;
    for (size_t q : parent.children) sum += points[q].value->number;
    const Mention& total = *points[parent.index].value;
    int d = Decimals(total);
    for (size_t q : parent.children) d = std::max(d, Decimals(*points[q].value));
    if (AgreesWithin(total.number, d, sum)) ++holding;
  }
  for (const OutlineParent& parent : parents) CheckOutlineHeading(points, parent, holding);
}

void Structure::CheckOutlineHeading(const std::vector<OutlinePoint>& points, const OutlineParent& parent, int holding) {
  const bool en = c.en();
  std::vector<const Mention*> parts;
  double sum = 0;
  const Mention& total = *points[parent.index].value;
  int d = Decimals(total);
  for (size_t q : parent.children) {
    parts.push_back(points[q].value);
    sum += points[q].value->number;
    d = std::max(d, Decimals(*points[q].value));
  }
  std::string marker;
  for (int n : points[parent.index].number) marker += std::to_string(n) + ".";
  if (AgreesWithin(total.number, d, sum)) {
    SumHeld("sum", "builtin:outline_sum", total, parts, sum);
    return;
  }
  if (Flagged(total) || std::any_of(parts.begin(), parts.end(), [&](const Mention* m) { return Flagged(*m); })) return;
  // The outline is a sum where most headings are their points' sum; one heading alone is
  // a slip only if a digit or two would mend it.
  bool learned = holding >= tuning.learned_error_rows;
  if (!learned) {
    bool slip = DigitSlip(total, sum);
    for (const Mention* m : parts) slip = slip || DigitSlip(*m, m->number + total.number - sum);
    if (!slip || holding < 1) return;
  }
  std::string title = QuotedLabel(points[parent.index].title);
  SumFlag("builtin:outline_sum", learned ? Severity::kError : Severity::kWarning, total, parts, sum, d,
          en ? "Heading " + marker + " “" + title + "” against its points " + marker + "1, " + marker + "2 … (" +
                   std::to_string(holding) + " other headings of the outline add up)"
             : "Mục " + marker + " «" + title + "» so với các mục con " + marker + "1, " + marker + "2 … (" +
                   std::to_string(holding) + " mục khác của bảng cộng lại khớp)");
}

// ------------------------------------------------------------------------------------------
// Shares of a named whole: "Vốn góp của nhà đầu tư: 775.701.600.000 đồng (chiếm 15% tổng vốn
// đầu tư)" against the "Tổng vốn đầu tư: 5.171.344.000.000 đồng" stated above.

void Structure::NamedShares() {
  std::vector<NamedShare> shares;
  for (size_t i = 1; i < order.size(); ++i) {
    if (ticker.Exhausted()) return;
    if (std::optional<NamedShare> share = ShareOfNamedWhole(i)) shares.push_back(std::move(*share));
  }
  std::map<const Mention*, std::vector<const NamedShare*>> by_base;
  for (const NamedShare& sh : shares) by_base[sh.base].push_back(&sh);
  for (const auto& [base, list] : by_base) CheckNamedShares(*base, list);
}

std::optional<Structure::NamedShare> Structure::ShareOfNamedWhole(size_t i) const {
  const Mention& pct = *order[i];
  if (pct.type != MentionType::kPercent) return std::nullopt;
  // The words after the percentage name the whole: "tổng vốn đầu tư", "so với tổng số hồ sơ".
  const size_t reach = tuning.share_name_reach;
  size_t le = text.find_first_of(").;", pct.span.normalized.end);
  if (le != std::string_view::npos && le - pct.span.normalized.end > reach) {
    le = CharBoundaryAtOrBefore(text, pct.span.normalized.end + reach);   // the name is quoted
  }
  std::vector<std::string> after = Tokenize(Between(pct.span.normalized.end, le == std::string_view::npos ? text.size() : le));
  size_t at = 0;
  while (at < after.size() && at < 3 && after[at] != "tong") ++at;
  if (at >= after.size() || after[at] != "tong" || at + 2 >= after.size() + 1) return std::nullopt;
  std::vector<std::string> name(after.begin() + at, after.begin() + std::min(after.size(), at + 4));
  if (name.size() < 2) return std::nullopt;
  // The part: the figure just before, introduced as a share.
  const Mention& part = *order[i - 1];
  if (!IsAdditive(part) || part.number <= 0) return std::nullopt;
  std::string_view gap = Between(part.span.normalized.end, pct.span.normalized.begin);
  std::string folded = FoldedWords(gap);
  if (Tokenize(gap).size() > tuning.part_percent_words || ChangesBase(folded) ||
      !(gap.find('(') != std::string_view::npos || IntroducesShare(folded))) {
    return std::nullopt;
  }
  const Mention* base = NamedWhole(part, name);
  if (!base) return std::nullopt;
  // The name as written, for the explanation: "tổng vốn đầu tư".
  std::string written;
  for (char ch : Between(pct.span.normalized.end, le == std::string_view::npos ? text.size() : le)) {
    if (ch == '\n' || ch == '\t') ch = ' ';
    if (ch != ' ' || (!written.empty() && written.back() != ' ')) written.push_back(ch);
  }
  return NamedShare{&part, &pct, base, Trim(written)};
}

const Mention* Structure::NamedWhole(const Mention& part, const std::vector<std::string>& name) const {
  const size_t reach = tuning.named_whole_reach, label_reach = tuning.named_whole_label_reach;
  const Mention* base = nullptr;
  size_t floor = part.span.normalized.begin > reach ? part.span.normalized.begin - reach : 0;
  std::vector<const Mention*> above = In(floor, part.span.normalized.begin);
  for (auto it = above.rbegin(); it != above.rend() && !base; ++it) {
    const Mention& cand = **it;
    if (!IsAdditive(cand) || cand.number <= part.number || !SameKind(cand, part)) continue;
    size_t lb = cand.span.normalized.begin > label_reach ? cand.span.normalized.begin - label_reach : 0;
    lb = std::max(lb, LineStart(cand.span.normalized.begin, label_reach));
    std::string label = FoldedWords(Between(lb, cand.span.normalized.begin));
    std::string want = " ";
    for (size_t k = 0; k < std::min<size_t>(3, name.size()); ++k) want += name[k] + " ";
    if (label.find(want) != std::string::npos) base = &cand;
  }
  return base;
}

void Structure::CheckNamedShares(const Mention& base, const std::vector<const NamedShare*>& list) {
  const bool en = c.en();
  double share_sum = 0, part_sum = 0;
  int dp = Decimals(base);
  for (const NamedShare* sh : list) {
    share_sum += sh->percent->number;
    part_sum += sh->part->number;
    dp = std::max(dp, Decimals(*sh->part));
  }
  bool rounded_to_100 = list.size() >= 2 && std::fabs(share_sum - 100.0) <= kBinaryNoise;
  for (const NamedShare* sh : list) {
    const Mention& pct = *sh->percent;
    int d = Decimals(pct);
    double computed = sh->part->number / base.number * 100.0;
    bool ok = RateAgrees(pct.number, d, computed, false) ||
              (rounded_to_100 && std::fabs(pct.number - computed) <= std::pow(kDecimalBase, -d) + kBinaryNoise);
    if (ok) {
      Check k = MakeCheck("part_percent", "builtin:named_share", {}, pct.number, RoundTo(computed, d));
      k.members.push_back({"", MemberRole::kWhole, base.number, base.span});
      k.members.push_back({"", MemberRole::kPart, sh->part->number, sh->part->span});
      k.members.push_back({"", MemberRole::kRate, pct.number, pct.span});
      Held(std::move(k));
      continue;
    }
    if (Flagged(pct)) continue;
    Flag f = MakeFlag("ratio_mismatch", Severity::kError, pct.number, RoundTo(computed, d), "builtin:named_share");
    AddEvidence(f, base.span);
    AddEvidence(f, sh->part->span);
    AddEvidence(f, pct.span);
    std::string q = FormatNumber(sh->part->number, Decimals(*sh->part), en) + " / " +
                    FormatNumber(base.number, Decimals(base), en) + " = " + FormatValue(computed, d, "%", en);
    f.explanation = en ? "“" + sh->part->span.text + "” is said to be " + pct.span.text + " of “" + sh->name + "” (" +
                             base.span.text + "): " + q + "."
                       : "«" + sh->part->span.text + "» được ghi là chiếm " + pct.span.text + " «" + sh->name + "» (" +
                             base.span.text + "): " + q + ", khác tỷ lệ đã ghi.";
    Raise(std::move(f));
  }
  // Shares that make 100% are the whole's parts: they must add up to it.
  if (list.size() < 2 || std::fabs(share_sum - 100.0) > tuning.share_rounding * list.size() + kBinaryNoise) return;
  std::vector<const Mention*> parts;
  for (const NamedShare* sh : list) parts.push_back(sh->part);
  if (AgreesWithin(base.number, dp, part_sum)) {
    SumHeld("sum", "builtin:named_share", base, parts, part_sum);
  } else if (!Flagged(base) && std::none_of(parts.begin(), parts.end(), [&](const Mention* p) { return Flagged(*p); })) {
    SumFlag("builtin:named_share", Severity::kError, base, parts, part_sum, dp,
            en ? "Parts whose shares of “" + list.front()->name + "” add up to 100%"
               : "Các phần có tỷ lệ trên «" + list.front()->name + "» cộng lại bằng 100%");
  }
}

}  // namespace baocao::audit_structure
