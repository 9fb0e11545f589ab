// Relations a document states by its own structure, whether or not its numbers are catalogue
// indicators (rules/audit/README.md, "Relations read from structure"):
//   - a fraction and its percentage: "Có 70/139 kiến nghị …, chiếm 50%", "đạt 100% (45/45)";
//   - a whole and its listed parts: "đã giải quyết 8.120 hồ sơ, trong đó đúng hạn 8.051 (99,2%),
//     trễ hạn 69 (0,8%)": each part's percentage of the whole, and the parts' sum;
//   - tables: a total row ("Tổng cộng", also above its rows, also over groups "I", "II"), a total
//     column ("Tổng số" beside its part columns), a rate column that is one column over another.
// Only the document's own words make numbers one relation; the explanation quotes them. Where the
// reading is weaker (no percentage confirms the whole, a relation learned from a table's other
// rows holds in only two of them) a broken relation is a warning, not an error.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <map>
#include <set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "audit/audit_impl.h"
#include "baocao/recognize/recognize.h"
#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "link/lexicon_impl.h"

namespace baocao {
namespace {

using internal::CharBoundaryAtOrBefore;
using internal::Trim;

// ---------------------------------------------------------------------------------------------
// Tuning, each number with the reason for it.

// A percentage belongs to the fraction or part just before it when at most this many words
// stand between them ("8.051 hồ sơ (99,2%)", "70/139 kiến nghị đã được trả lời, chiếm 50%" is
// longer: the fraction-percentage pair allows the whole clause, as nothing numeric intervenes).
constexpr size_t kPartPercentWords = 5;
// A learned table relation (total column, rate column) must hold in this share of the rows it
// can be computed on, and in at least two of them, before a row where it fails is flagged.
constexpr double kLearnedShare = 0.75;
// With at least this many rows confirming a learned relation, a row that breaks it is an error.
constexpr int kLearnedErrorRows = 3;
// A sentence is read at most this far each way from a figure (a run-on line has no end).
constexpr size_t kSentenceReach = 2048;
// Words between a whole and the cue that opens its parts ("tại 04 đơn vị hoạt động trong lĩnh
// vực hóa chất trên địa bàn tỉnh Lào Cai, bao gồm …"); asides in parentheses do not count.
constexpr size_t kWholeToCueWords = 20;
// Parts listed after "trong đó:" on the lines below: at most this many list items are read.
constexpr int kMaxListedParts = 12;

bool IsAdditive(const Mention& m) {
  return m.type == MentionType::kNumber || m.type == MentionType::kCount || m.type == MentionType::kMoney;
}
bool IsNumeric(const Mention& m) {
  return IsAdditive(m) || m.type == MentionType::kPercent || m.type == MentionType::kFraction;
}

bool HasWord(const std::string& folded, const char* word) {
  return folded.find(std::string(" ") + word + " ") != std::string::npos;
}

// A stated rate agrees as the audit's RateAgrees says (rounded or truncated to its decimals);
// one written after "khoảng" (about) within one unit of its last decimal more.
bool RateAgrees(double stated, int decimals, double computed, bool approximate) {
  if (baocao::RateAgrees(stated, decimals, computed)) return true;
  return approximate && std::fabs(stated - computed) <= std::pow(10.0, -std::max(0, decimals)) + 1e-9;
}

struct Structure {
  AuditContext& c;
  std::string_view text;
  std::vector<const Mention*> order;   // numeric mentions, in text order
  std::set<size_t> flagged_starts;     // spans already in a flag: one inconsistency, one flag
  std::set<std::string> checked;       // member spans of checks already listed

  explicit Structure(AuditContext& ctx) : c(ctx), text(ctx.in.text) {
    for (const Mention& m : *c.in.mentions) if (IsNumeric(m)) order.push_back(&m);
    std::sort(order.begin(), order.end(), [](const Mention* a, const Mention* b) {
      return a->span.normalized.begin < b->span.normalized.begin;
    });
    for (const Flag& f : c.flags) for (const Span& s : f.evidence) flagged_starts.insert(s.start);
    for (const Check& k : c.checks) checked.insert(MemberKey(k));
  }

  static std::string MemberKey(const Check& k) {
    std::vector<size_t> starts;
    for (const CheckMember& m : k.members) starts.push_back(m.span.start);
    std::sort(starts.begin(), starts.end());
    std::string key;
    for (size_t s : starts) key += std::to_string(s) + ",";
    return key;
  }

  std::string_view Between(size_t b, size_t e) const { return b < e && e <= text.size() ? text.substr(b, e - b) : ""; }

  // Numeric mentions in [b, e).
  std::vector<const Mention*> In(size_t b, size_t e) const {
    std::vector<const Mention*> out;
    auto lo = std::lower_bound(order.begin(), order.end(), b,
                               [](const Mention* m, size_t p) { return m->span.normalized.begin < p; });
    for (auto it = lo; it != order.end() && (*it)->span.normalized.begin < e; ++it) out.push_back(*it);
    return out;
  }

  // The clause or sentence around `pos`, inside [floor, ceiling): cut at ". ", "! ", "? ", a tab,
  // and with `at_semicolon` at "; " (a list of parts runs on across semicolons).
  TextRange Sentence(size_t pos, size_t floor, size_t ceiling, bool at_semicolon, bool at_newline) const {
    auto stop = [&](size_t i) {
      char ch = text[i];
      if (ch == '\t' || (ch == '\n' && (at_newline || ListMarkerAt(i + 1) || PrevNonSpace(i) == ':'))) return true;
      bool end = ch == '.' || ch == '!' || ch == '?' || (at_semicolon && ch == ';');
      return end && (i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
    };
    // A converter's run-on line is cut 2 KB each way, as the audit's sentences are: the checks
    // stay linear in the text.
    floor = std::max(floor, pos > kSentenceReach ? internal::CharBoundaryAtOrBefore(text, pos - kSentenceReach) : size_t{0});
    ceiling = std::min(ceiling, internal::CharBoundaryAtOrBefore(text, std::min(text.size(), pos + kSentenceReach)));
    size_t b = pos, e = pos;
    while (b > floor && !stop(b - 1)) --b;
    while (e < ceiling && !stop(e)) ++e;
    return {b, e};
  }

  // The start of the line holding `pos`, looking back at most `reach` bytes (a run-on line of
  // megabytes must not be scanned from every figure on it).
  size_t LineStart(size_t pos, size_t reach) const {
    size_t floor = pos > reach ? pos - reach : 0;
    for (size_t i = pos; i > floor; --i) {
      if (text[i - 1] == '\n') return i;
    }
    return floor;
  }

  char PrevNonSpace(size_t i) const {
    while (i > 0 && text[i - 1] == ' ') --i;
    return i > 0 ? text[i - 1] : '\0';
  }

  // A scoring rule or rubric ("Tính điểm theo công thức", "điểm tối đa", "thì điểm đánh giá là
  // 0"): its figures are scores and bounds, not a whole and its parts.
  static bool Scores(const std::string& folded) {
    static const std::set<std::string> kNotScore = {"thoi", "dia", "trong", "dac", "quan", "uu", "nhuoc", "khuyet", "diem"};
    size_t at = 0;
    while ((at = folded.find(" diem ", at)) != std::string::npos) {
      size_t b = folded.rfind(' ', at - 1);
      std::string prev = b == std::string::npos || at == 0 ? "" : folded.substr(b + 1, at - b - 1);
      if (!kNotScore.count(prev)) return true;
      at += 5;
    }
    return false;
  }

  // Whether a line starting at `i` opens a list item or a numbered point: "a)", "-", "+", "2.",
  // "II." — a new statement, even where a converter joined it to the paragraph above.
  bool ListMarkerAt(size_t i) const {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) return false;
    char ch = text[i];
    if (ch == '-' || ch == '+' || ch == '*') return true;
    if (static_cast<unsigned char>(ch) == 0xE2) return true;   // "•", "–" and other marks
    size_t j = i;
    while (j < text.size() && j - i < 4 && (std::isdigit(static_cast<unsigned char>(text[j])) || std::isalpha(static_cast<unsigned char>(text[j])))) ++j;
    if (j == i || j >= text.size()) return false;
    bool lower_letter = j - i == 1 && std::islower(static_cast<unsigned char>(text[i]));
    bool digits = std::all_of(text.begin() + i, text.begin() + j, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    bool roman = std::all_of(text.begin() + i, text.begin() + j, [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
    return (text[j] == ')' && (lower_letter || digits)) || (text[j] == '.' && (digits || roman) && j + 1 < text.size() && text[j + 1] == ' ');
  }

  // The kind of list marker a line starting at `i` opens with ("-", "+", "a)", "1)", "1.", "I."),
  // or "" for none.
  std::string MarkerKind(size_t i) const {
    if (!ListMarkerAt(i)) return "";
    while (i < text.size() && text[i] == ' ') ++i;
    char ch = text[i];
    if (ch == '-' || ch == '+' || ch == '*') return std::string(1, ch);
    if (static_cast<unsigned char>(ch) == 0xE2) return "mark";
    size_t j = i;
    while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
    bool digits = std::isdigit(static_cast<unsigned char>(ch));
    bool roman = ch == 'I' || ch == 'V' || ch == 'X';
    return std::string(digits ? "9" : roman ? "I" : "a") + (j < text.size() ? std::string(1, text[j]) : "");
  }

  // The text without its parenthesized asides ("(Bằng chữ: Một nghìn … đồng chẵn)").
  static std::string WithoutAsides(std::string_view raw) {
    std::string out;
    int depth = 0;
    for (char ch : raw) {
      if (ch == '(') ++depth;
      else if (ch == ')' && depth > 0) --depth;
      else if (depth == 0) out.push_back(ch);
    }
    return out;
  }

  // Decimals of the figure a text starts with, Vietnamese style ("5.373,4 triệu đồng" -> 1).
  static int LeadingDecimals(std::string_view t) {
    size_t k = 0;
    while (k < t.size() && (std::isdigit(static_cast<unsigned char>(t[k])) || t[k] == '.' || t[k] == ',')) ++k;
    size_t comma = t.substr(0, k).rfind(',');
    return comma == std::string_view::npos ? 0 : static_cast<int>(k - comma - 1);
  }

  int Decimals(const Mention& m) const { return DecimalsWritten(m.span.text, m.number); }
  bool Flagged(const Mention& m) const { return flagged_starts.count(m.span.start) > 0; }

  void Held(Check check) {
    std::string key = MemberKey(check);
    if (checked.insert(key).second) c.checks.push_back(std::move(check));
  }
  // A broken relation: its flag, and the relation among the checks with `holds` false, its
  // members the flag's evidence (each the figure that starts there).
  void Raise(Flag flag) {
    for (const Span& s : flag.evidence) flagged_starts.insert(s.start);
    Check k = MakeCheck(BrokenRelation(flag), flag.rule, {}, flag.stated, flag.computed);
    k.holds = false;
    for (const Span& s : flag.evidence) {
      auto at = std::lower_bound(order.begin(), order.end(), s.normalized.begin,
                                 [](const Mention* m, size_t p) { return m->span.normalized.begin < p; });
      double value = 0;
      if (at != order.end() && (*at)->span.normalized.begin == s.normalized.begin) {
        value = (*at)->type == MentionType::kFraction ? (*at)->numerator : (*at)->number;
      }
      k.members.push_back({"", "member", value, s});
    }
    c.checks.push_back(std::move(k));
    c.flags.push_back(std::move(flag));
  }
  // Flags from `first` on that rest on more than one sentence of a letter or decision: warnings.
  void AtMostWarnings(size_t first) {
    const bool en = c.en();
    for (size_t i = first; i < c.flags.size(); ++i) {
      Flag& f = c.flags[i];
      if (f.severity != "error") continue;
      f.severity = "warning";
      f.explanation += en ? " (Not a report or plan: a relation across sentences is a warning.)"
                          : " (Văn bản không phải báo cáo, kế hoạch: liên hệ giữa các câu chỉ ở mức cảnh báo.)";
    }
  }
  static std::string BrokenRelation(const Flag& f) {
    if (f.kind == "conflicting_values") return "agree";
    if (f.rule == "builtin:named_rate" || f.rule == "builtin:defined_rate") return "ratio";
    if (f.rule == "builtin:remainder") return "difference";
    if (f.rule == "builtin:stated_change") return f.kind == "ratio_mismatch" ? "ratio" : "difference";
    if (f.rule.find("fraction") != std::string::npos) return "fraction_percent";
    if (f.kind == "ratio_mismatch") return f.rule.find("table") != std::string::npos ? "ratio" : "part_percent";
    if (f.rule.find("table") != std::string::npos) return "table_sum";
    return "sum";
  }

  // ------------------------------------------------------------------------------------------
  // A fraction and its percentage.

  // Words between a fraction and a percentage that make the percentage something else: a change
  // ("tăng 5% so với"), a comparison with another base.
  static bool ChangesBase(const std::string& folded) {
    for (const char* w : {"so voi", "tang", "giam", "vuot", "cao hon", "thap hon", "con lai", "moi"}) {
      if (HasWord(folded, w)) return true;
    }
    return false;
  }
  // The word that introduces a percentage as the share just stated.
  static bool IntroducesShare(const std::string& folded_before) {
    static const char* kCues[] = {"chiem", "dat", "ty le", "bang", "tuong ung", "la"};
    std::string tail = folded_before;
    for (const char* cue : kCues) {
      std::string w = std::string(" ") + cue + " ";
      if (tail.size() >= w.size() && tail.compare(tail.size() - w.size(), w.size(), w) == 0) return true;
    }
    return false;
  }

  struct Pair {
    const Mention* fraction;
    const Mention* percent;
    std::string cue;
    bool forced_to_100 = false;   // one of shares of one whole made to add up to 100%
  };

  void FractionPercent(const Pair& pair) {
    const Mention& frac = *pair.fraction;
    const Mention& pct = *pair.percent;
    const std::string& cue = pair.cue;
    if (frac.denominator <= 0 || Flagged(pct)) return;
    double computed = frac.numerator / frac.denominator * 100.0;
    int d = Decimals(pct);
    bool approx = HasWord(FoldedWords(Between(frac.span.normalized.end, pct.span.normalized.begin)), "khoang");
    const bool en = c.en();
    // "70/139 …, chiếm 50%; 63/139 …, chiếm 46%; 06/139 …, chiếm 4%": the shares of one whole,
    // rounded so that they make 100%, may each be off by one unit of their last decimal.
    bool forced = pair.forced_to_100 && std::fabs(pct.number - computed) <= std::pow(10.0, -d) + 1e-9;
    if (RateAgrees(pct.number, d, computed, approx) || forced) {
      Check k = MakeCheck("fraction_percent", "builtin:fraction_percent", {}, pct.number, RoundTo(computed, d));
      k.members.push_back({"", "numerator", frac.numerator, frac.span});
      if (auto it = denominator_of.find(&frac); it != denominator_of.end()) {
        k.members.push_back({"", "denominator", frac.denominator, it->second->span});
      }
      k.members.push_back({"", "rate", pct.number, pct.span});
      Held(std::move(k));
      return;
    }
    Flag f = MakeFlag("ratio_mismatch", "error", pct.number, RoundTo(computed, d), "builtin:fraction_percent");
    AddEvidence(f, frac.span);
    if (auto it = denominator_of.find(&frac); it != denominator_of.end()) AddEvidence(f, it->second->span);
    AddEvidence(f, pct.span);
    int denominator_decimals = 0;
    if (auto it = denominator_of.find(&frac); it != denominator_of.end()) denominator_decimals = LeadingDecimals(it->second->span.text);
    std::string q = FormatNumber(frac.numerator, Decimals(frac), en) + " / " + FormatNumber(frac.denominator, denominator_decimals, en) +
                    " = " + FormatValue(computed, d, "%", en);
    // The words that tie them: "chiếm 50%", or the percentage alone where a parenthesis does.
    std::string tie = cue == "(" ? pct.span.text : cue + " " + pct.span.text;
    f.explanation = en ? "“" + frac.span.text + "” with “" + tie + "”: " + q + ", not the " + FormatValue(pct.number, d, "%", en) + " stated."
                       : "«" + frac.span.text + "» kèm «" + tie + "»: " + q + ", khác tỷ lệ đã ghi là " + FormatValue(pct.number, d, "%", en) + ".";
    Raise(std::move(f));
  }

  // "5.373,4/5.373,4 triệu đồng": two figures joined by a slash that the recognizer read as
  // two (a decimal, or money after the second) are a fraction too. Owned here, with the
  // numerator's span; the denominator's span joins the evidence.
  std::deque<Mention> joined_fractions;
  std::map<const Mention*, const Mention*> denominator_of;

  void JoinSlashFigures() {
    for (size_t i = 0; i + 1 < order.size(); ++i) {
      const Mention& a = *order[i];
      const Mention& b = *order[i + 1];
      if (!IsAdditive(a) || !IsAdditive(b) || b.number <= 0) continue;
      if (Between(a.span.normalized.end, b.span.normalized.begin) != "/") continue;
      Mention f = a;
      f.type = MentionType::kFraction;
      f.numerator = a.number;
      f.denominator = b.number;
      // "5.373,4/5.373,4 triệu đồng": the bare numerator is in the denominator's unit as written.
      if (a.type == MentionType::kNumber && b.type == MentionType::kMoney) {
        std::string_view t = b.span.text;
        size_t k = 0;
        while (k < t.size() && (std::isdigit(static_cast<unsigned char>(t[k])) || t[k] == '.' || t[k] == ',')) ++k;
        double written = 0;
        if (k == 0 || !ParseVietnameseNumber(t.substr(0, k), &written) || written <= 0) continue;
        f.denominator = written;
      }
      joined_fractions.push_back(f);
      denominator_of[&joined_fractions.back()] = &b;
    }
  }

  void Fractions() {
    JoinSlashFigures();
    std::vector<const Mention*> all = order;
    for (const Mention& f : joined_fractions) all.push_back(&f);
    std::stable_sort(all.begin(), all.end(), [](const Mention* a, const Mention* b) {
      return a->span.normalized.begin < b->span.normalized.begin;
    });
    std::vector<Pair> pairs;
    for (size_t i = 0; i < all.size(); ++i) {
      const Mention& m = *all[i];
      if (m.type != MentionType::kFraction) continue;
      size_t pos = m.span.normalized.begin;
      TextRange clause = Sentence(pos, 0, text.size(), /*at_semicolon=*/true, /*at_newline=*/false);
      // "70/139 kiến nghị …, chiếm 50%": the next numeric mention in the clause, introduced as a share.
      // A row number alone on its line between them ("862/1.266⏎1⏎(68,1%)", pdftotext's
      // layout of a table) is passed over.
      size_t ni = i + 1;
      // The denominator of a joined fraction is no figure of its own.
      if (denominator_of.count(&m)) ++ni;
      while (ni < all.size() && (AloneOnLine(*all[ni]) || all[ni]->span.normalized.begin < m.span.normalized.begin)) ++ni;
      if (ni < all.size()) {
        const Mention& next = *all[ni];
        // "cả 9/9 huyện … đạt tỷ lệ dưới 10%": a bound is no fraction's value.
        if (next.type == MentionType::kPercent && next.span.normalized.begin < clause.end && next.comparator.empty()) {
          std::string gap = FoldedWords(Between(m.span.normalized.end, next.span.normalized.begin));
          std::string raw(Between(m.span.normalized.end, next.span.normalized.begin));
          bool paren = raw.find('(') != std::string::npos && Tokenize(raw).size() <= kPartPercentWords;
          if (!ChangesBase(gap) && (paren || IntroducesShare(gap))) {
            std::vector<std::string> words = Tokenize(raw);
            std::string cue = paren ? "(" : (words.size() >= 2 && words[words.size() - 2] == "ty" ? "tỷ lệ" : "");
            if (cue.empty()) {
              // The cue as written: the last word before the percentage.
              std::string_view r = Between(m.span.normalized.end, next.span.normalized.begin);
              while (!r.empty() && (r.back() == ' ' || r.back() == '\n')) r.remove_suffix(1);
              size_t sp = r.find_last_of(" \n(");
              cue = std::string(sp == std::string_view::npos ? r : r.substr(sp + 1));
            }
            pairs.push_back({&m, &next, cue});
            continue;
          }
        }
      }
      // A table laid out by pdftotext: the fraction ends its line, "(68,1%)" ends one of the
      // next three lines (the cell's second line), nothing else at the ends between.
      {
        size_t e = m.span.normalized.end;
        while (e < text.size() && text[e] == ' ') ++e;
        if (e < text.size() && text[e] == '\n') {
          size_t lb = e + 1;
          const Mention* found = nullptr;
          for (int k = 0; k < 3 && lb < text.size() && !found; ++k) {
            size_t le = text.find('\n', lb);
            if (le == std::string_view::npos) le = text.size();
            std::vector<const Mention*> on = In(lb, le);
            if (!on.empty()) {
              const Mention* last = on.back();
              std::string_view tail = Between(last->span.normalized.end, le);
              if (last->type == MentionType::kPercent && Trim(std::string(tail)) == ")" &&
                  PrevNonSpace(last->span.normalized.begin) == '(') {
                found = last;
              } else if (!(on.size() == 1 && AloneOnLine(*last))) {
                std::string_view line_tail = Between(last->span.normalized.end, le);
                if (Trim(std::string(line_tail)).empty()) break;   // another figure ends a line first
              }
            }
            lb = le + 1;
          }
          if (found) {
            pairs.push_back({&m, found, "("});
            continue;
          }
        }
      }
      // "đạt 100% (45/45 nhiệm vụ)": a percentage just before, the fraction in parentheses.
      if (i > 0) {
        const Mention& prev = *all[i - 1];
        if (prev.type == MentionType::kPercent && prev.span.normalized.end <= pos && prev.span.normalized.begin >= clause.begin) {
          std::string raw(Between(prev.span.normalized.end, pos));
          if (raw.find('(') != std::string::npos && Tokenize(raw).size() <= 2 && raw.size() <= 40) pairs.push_back({&m, &prev, "("});
        }
      }
    }
    // Shares of one whole: pairs with one denominator whose numerators make it and whose
    // percentages make 100.
    std::map<double, std::vector<size_t>> by_whole;
    for (size_t k = 0; k < pairs.size(); ++k) by_whole[pairs[k].fraction->denominator].push_back(k);
    for (const auto& [whole, members] : by_whole) {
      double parts = 0, shares = 0;
      for (size_t k : members) {
        parts += pairs[k].fraction->numerator;
        shares += pairs[k].percent->number;
      }
      if (members.size() >= 2 && std::fabs(parts - whole) < 1e-9 && std::fabs(shares - 100.0) < 1e-9) {
        for (size_t k : members) pairs[k].forced_to_100 = true;
      }
    }
    for (const Pair& p : pairs) FractionPercent(p);
  }

  // ------------------------------------------------------------------------------------------
  // "Số thủ tục hành chính hiện nay: 2110, trong đó:" right before a table of one row of figures:
  // the row's figures are the parts. A warning: the table may split the whole another way.

  // The one additive figure of a range, or nullptr (none, several, or a percentage among them).
  const Mention* OnlyFigure(TextRange range) const {
    const Mention* found = nullptr;
    int count = 0;
    for (const Mention* m : In(range.begin, range.end)) {
      count += IsAdditive(*m) ? 1 : 2;
      found = m;
    }
    return count == 1 ? found : nullptr;
  }

  void TableAfterBreakdown() {
    const Layout& layout = *c.in.layout;
    auto breakdown = c.rules.words.find("breakdown");
    if (breakdown == c.rules.words.end()) return;
    for (size_t bi = 1; bi < layout.blocks.size(); ++bi) {
      const Block& block = layout.blocks[bi];
      if (block.kind != BlockKind::kTable || block.table < 0 || block.table >= static_cast<int>(layout.tables.size())) continue;
      if (layout.blocks[bi - 1].kind == BlockKind::kTable && layout.blocks[bi - 1].table == block.table) continue;
      const LayoutTable& t = layout.tables[block.table];
      const Block& intro = layout.blocks[bi - 1];
      if (intro.kind != BlockKind::kParagraph && intro.kind != BlockKind::kListItem) continue;
      std::string_view intro_text = Between(intro.range.begin, intro.range.end);
      while (!intro_text.empty() && (intro_text.back() == ' ' || intro_text.back() == '\n')) intro_text.remove_suffix(1);
      if (intro_text.empty() || intro_text.back() != ':') continue;
      std::string folded = FoldedWords(intro_text);
      bool ends_with_cue = false;
      for (const std::string& p : breakdown->second) {
        std::string tail = " " + p + " ";
        ends_with_cue |= folded.size() >= tail.size() && folded.compare(folded.size() - tail.size(), tail.size(), tail) == 0;
      }
      if (!ends_with_cue || t.header.empty()) continue;
      const Mention* total = OnlyFigure(intro.range);
      if (!total) continue;
      std::vector<const Mention*> parts;
      int rows_with_values = 0;
      for (const auto& row : t.rows) {
        std::vector<const Mention*> in_row;
        for (size_t j = 0; j < row.size(); ++j) {
          std::string head = j < t.header.front().size() ? FoldKey(t.header.front()[j].text) : "";
          if (head == "stt" || head == "tt" || row[j].text.empty()) continue;
          if (const Mention* v = OnlyFigure(row[j].range)) in_row.push_back(v);
        }
        if (!in_row.empty()) {
          ++rows_with_values;
          parts = in_row;
        }
      }
      if (rows_with_values != 1 || parts.size() < 2) continue;
      double sum = 0;
      for (const Mention* p : parts) sum += p->number;
      if (AgreesWithin(total->number, 0, sum)) {
        SumHeld("table_sum", "builtin:table_breakdown", *total, parts, sum);
      } else if (!Flagged(*total)) {
        const bool en = c.en();
        SumFlag("builtin:table_breakdown", "warning", *total, parts, sum, 0,
                en ? "The table after “" + std::string(intro_text) + "”" : "Bảng sau “" + std::string(intro_text) + "”");
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // A whole above a table laid out by pdftotext whose rows end in a fraction cell: "đã hỗ trợ
  // hướng dẫn đối với 2.594 hồ sơ TTHC, cụ thể:" over rows "… 862/1.266", "… 1.732/2.090" in a
  // column "Số lượng hồ sơ đã hỗ trợ/Tổng số hồ sơ". The numerators are the parts of the whole
  // when the column's heading names the whole's unit. A warning: the layout is read, not stated.
  std::deque<Mention> numerators;

  // Columns as pdftotext lays them out: characters, not bytes.
  static size_t Columns(std::string_view s) {
    size_t n = 0;
    for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
  }

  // A line of running prose: it starts near the margin and runs on past `width` columns without
  // the wide gaps that separate a table's cells.
  static bool ProseLine(std::string_view line, size_t width) {
    size_t indent = line.find_first_not_of(" \f");
    if (indent == std::string_view::npos) return false;
    std::string_view body = line.substr(indent);
    while (!body.empty() && (body.back() == ' ' || body.back() == '\r')) body.remove_suffix(1);
    return indent < width / 3 && body.find("  ") == std::string_view::npos && Columns(line.substr(0, indent + body.size())) > width;
  }

  // A tabbed line's cell column: its count of tabs, past any column of characters.
  static constexpr size_t kTabbed = 100000;

  // The fraction that opens a line's last cell, or nullptr: after a tab ("…\t1.732/2.090 (82,9%)")
  // or, laid out with spaces, as the line's last word after a gap ("   862/1.266",
  // "  1.700/2.912/3.141"). `column` gets where the cell stands: its character column, or for a
  // tabbed line a count of its tabs far from any character column.
  const Mention* FractionCellEnding(size_t lb, size_t le, size_t* column) const {
    std::string_view line = Between(lb, le);
    size_t last = line.find_last_not_of(" \f\r\t");
    if (last == std::string_view::npos) return nullptr;
    size_t tab = line.rfind('\t', last);
    size_t start = 0, end = last + 1;
    if (tab != std::string_view::npos) {
      start = line.find_first_not_of(' ', tab + 1);
      // "1.732/2.090 (82,9%)": the cell's share after it.
      size_t open = line.find('(', start);
      if (open != std::string_view::npos && line[last] == ')') end = open;
      while (end > start && line[end - 1] == ' ') --end;
      *column = kTabbed + static_cast<size_t>(std::count(line.begin(), line.begin() + static_cast<long>(tab), '\t'));
    } else {
      start = line.find_last_of(' ', last);
      start = start == std::string_view::npos ? 0 : start + 1;
      if (start < 2 || line[start - 1] != ' ' || line[start - 2] != ' ') return nullptr;
      *column = Columns(line.substr(0, start));
    }
    if (start >= end || line.substr(start, end - start).find('/') == std::string_view::npos) return nullptr;
    for (size_t k = start; k < end; ++k) {
      char ch = line[k];
      if (!(std::isdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == ',' || ch == '/')) return nullptr;
    }
    for (const Mention* m : In(lb + start, lb + start + 1)) {
      if (m->span.normalized.begin != lb + start) continue;
      if (m->type == MentionType::kFraction && m->numerator > 0) return m;
      // "1.700/2.912/3.141": a cell of three figures (the recognizer reads no fraction there);
      // its first figure is the column's, as a fraction cell's numerator is.
      if (m->type == MentionType::kNumber && m->span.normalized.end < text.size() && text[m->span.normalized.end] == '/') return m;
    }
    return nullptr;
  }

  // The numerator of a fraction cell as a figure of its own, its span narrowed to its digits.
  const Mention* Numerator(const Mention& f) {
    Mention n = f;
    n.type = MentionType::kCount;
    n.number = f.numerator;
    n.numerator = 0;
    n.denominator = 0;
    size_t slash = f.span.text.find('/');
    if (slash != std::string::npos && f.span.end - f.span.start == f.span.text.size() &&
        f.span.normalized.end - f.span.normalized.begin == f.span.text.size()) {
      n.span.text = f.span.text.substr(0, slash);
      n.span.end = n.span.start + slash;
      n.span.normalized.end = n.span.normalized.begin + slash;
    }
    numerators.push_back(std::move(n));
    return &numerators.back();
  }

  void FractionRowsAfterIntro() {
    for (size_t lb = 0; lb < text.size();) {
      size_t le = text.find('\n', lb);
      if (le == std::string_view::npos) le = text.size();
      std::string_view line = Between(lb, le);
      size_t last = line.find_last_not_of(" \f\r");
      if (last != std::string_view::npos && line[last] == ':' && last > 0) FractionRowsBelow(lb + last);
      lb = le + 1;
    }
  }

  void FractionRowsBelow(size_t colon) {
    constexpr int kMaxTableLines = 120;
    constexpr size_t kHeaderMargin = 12;   // a heading may start this far left of its cells
    TextRange sentence = Sentence(colon - 1, 0, colon + 1, /*at_semicolon=*/true, /*at_newline=*/false);
    std::vector<const Mention*> wholes;
    for (const Mention* m : In(sentence.begin, colon)) {
      if (m->type == MentionType::kCount && !m->unit.empty() && m->number > 0 && m->number == std::floor(m->number)) wholes.push_back(m);
    }
    if (wholes.empty()) return;
    std::vector<std::pair<size_t, size_t>> above;   // lines before the first row
    std::vector<const Mention*> cells;
    size_t column = 0;
    size_t lb = text.find('\n', colon);
    if (lb == std::string_view::npos) return;
    ++lb;
    for (int n = 0; n < kMaxTableLines && lb < text.size(); ++n) {
      size_t le = text.find('\n', lb);
      if (le == std::string_view::npos) le = text.size();
      std::string_view line = Between(lb, le);
      size_t first = line.find_first_not_of(" \f\t");
      if (first != std::string_view::npos) {
        char ch = line[first];
        bool bullet = ch == '-' || ch == '+' || ch == '*' || static_cast<unsigned char>(ch) == 0xE2;
        if (ListMarkerAt(lb + first) && !bullet) break;   // the next heading
        size_t at = 0;
        if (const Mention* f = FractionCellEnding(lb, le, &at)) {
          if (cells.empty()) column = at;
          else if (at + kHeaderMargin < column || at > column + kHeaderMargin) break;   // another table
          cells.push_back(f);
        } else if (line.find('\t') == std::string_view::npos && ProseLine(line, cells.empty() || column >= kTabbed ? 70 : column + 2)) {
          break;
        } else if (cells.empty()) {
          above.push_back({lb, le});
        }
      }
      lb = le + 1;
    }
    if (cells.size() < 2) return;
    // The heading of the cells' column: what stands above them, from a little left of them.
    std::string heading;
    for (auto [b, e] : above) {
      std::string_view line = Between(b, e);
      if (size_t tab = line.rfind('\t'); tab != std::string_view::npos) {
        heading += std::string(line.substr(tab + 1)) + " ";
        continue;
      }
      size_t skip = column > kHeaderMargin ? column - kHeaderMargin : 0, k = 0;
      for (size_t cols = 0; k < line.size() && cols < skip; ++k) cols += (static_cast<unsigned char>(line[k]) & 0xC0) != 0x80;
      while (k < line.size() && (static_cast<unsigned char>(line[k]) & 0xC0) == 0x80) ++k;
      heading += std::string(line.substr(k)) + " ";
    }
    std::string folded_heading = FoldedWords(heading);
    const Mention* whole = nullptr;
    for (const Mention* m : wholes) {
      std::vector<std::string> unit = Tokenize(m->unit);
      if (unit.empty()) continue;
      std::string noun = " " + unit[0] + (unit.size() > 1 ? " " + unit[1] : "") + " ";
      if (folded_heading.find(noun) == std::string::npos) continue;
      if (whole) return;   // two wholes the heading could name
      whole = m;
    }
    if (!whole) return;
    std::vector<const Mention*> parts;
    double sum = 0;
    for (const Mention* f : cells) {
      parts.push_back(f->type == MentionType::kFraction ? Numerator(*f) : f);
      sum += parts.back()->number;
    }
    // Far off either way, the column counts something else than the whole does.
    if (sum > 2 * whole->number || 2 * sum < whole->number) return;
    if (AgreesWithin(whole->number, 0, sum)) {
      SumHeld("table_sum", "builtin:table_breakdown", *whole, parts, sum);
    } else if (!Flagged(*whole)) {
      const bool en = c.en();
      std::string cue = std::string(Between(whole->span.normalized.begin, colon + 1));
      SumFlag("builtin:table_breakdown", "warning", *whole, parts, sum, 0,
              en ? "The first numbers of the column under “" + cue + "”" : "Các số đầu của cột trong bảng sau «" + cue + "»");
    }
  }

  // ------------------------------------------------------------------------------------------
  // Rates and remainders named by words across sentences. A warning each way: the relation rests
  // on the words that name the figures, not on one sentence's grammar.

  // The words a figure is named by, after it: "14 hồ sơ phi địa giới TTHC/…" → "ho so phi dia gioi
  // tthc", "156 tổng số hồ⏎sơ." → "tong so ho so"; up to punctuation or the next figure.
  std::string LabelAfter(const Mention& m, size_t limit) const {
    size_t e = m.span.normalized.end, k = e;
    limit = std::min({limit, text.size(), e + 200});
    while (k < limit && std::string_view("/,;.:()\t").find(text[k]) == std::string_view::npos) ++k;
    std::vector<const Mention*> next = In(e, k);
    if (!next.empty()) k = next.front()->span.normalized.begin;
    std::string unit = m.type == MentionType::kCount ? m.unit : "";
    std::string label;
    for (const std::string& w : Tokenize(unit + " " + std::string(Between(e, k)))) label += (label.empty() ? "" : " ") + w;
    return label;
  }

  // A rate that is its numerator over its denominator, as a check.
  void HeldRatio(const std::string& rule, const Mention& numerator, const Mention& denominator, const Mention& rate, double computed) {
    Check k = MakeCheck("ratio", rule, {}, rate.number, computed);
    k.members.push_back({"", "numerator", numerator.number, numerator.span});
    k.members.push_back({"", "denominator", denominator.number, denominator.span});
    k.members.push_back({"", "rate", rate.number, rate.span});
    Held(std::move(k));
  }

  // Up to `sentences` sentences before `pos`, within its paragraph (a blank line ends it).
  size_t SentencesBack(size_t pos, int sentences) const {
    size_t from = pos;
    for (int back = 0; back < sentences && from > 1; ++back) {
      size_t end = from;
      while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
      if (Between(end, from).find("\n\n") != std::string_view::npos || end < 2) break;
      TextRange prev = Sentence(end - 1, 0, end, false, false);
      if (prev.begin >= from) break;
      from = prev.begin;
    }
    return from;
  }

  // "Có 14 hồ sơ phi địa giới TTHC/137 hồ sơ nộp trực tuyến/156 tổng số hồ sơ. Tỷ lệ hồ sơ nộp trực
  // tuyến đạt 88%. Tỷ lệ hồ sơ phi địa giới TTHC so với hồ sơ nộp trực tuyến chiếm 10%.": a rate
  // whose name is word for word the label of a count up to three sentences before. Its base is
  // the count "so với" names, else the one labelled "tổng số" of the same noun.
  void NamedRates() {
    const bool en = c.en();
    for (const Mention* pct : order) {
      if (pct->type != MentionType::kPercent || Flagged(*pct) || !pct->comparator.empty()) continue;
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
      Flag f = MakeFlag("ratio_mismatch", "warning", pct->number, RoundTo(computed, d), "builtin:named_rate");
      AddEvidence(f, numerator->span);
      AddEvidence(f, base->span);
      AddEvidence(f, pct->span);
      std::string written(Between(sentence.begin, CharBoundaryAtOrBefore(text, std::min(pct->span.normalized.begin, sentence.begin + 120))));
      std::string q = FormatNumber(numerator->number, Decimals(*numerator), en) + " / " + FormatNumber(base->number, Decimals(*base), en) +
                      " = " + FormatValue(computed, d, "%", en);
      f.explanation = en ? "“" + Trim(written) + "” names “" + numerator->span.text + "” over “" + base->span.text + "”: " + q +
                               ", not the " + FormatValue(pct->number, d, "%", en) + " stated."
                         : "«" + Trim(written) + "» gọi tên «" + numerator->span.text + "» trên «" + base->span.text + "»: " + q +
                               ", khác tỷ lệ đã ghi là " + FormatValue(pct->number, d, "%", en) + ".";
      Raise(std::move(f));
    }
  }

  // "tỷ lệ lấp đầy bình quân đạt 29,0% (diện tích đất công nghiệp đã cho thuê trên tổng diện
  // tích đất công nghiệp)": a rate defined in words right after it. Each side is the figure of
  // its sentence (or the one before) whose own words before it end as the side's words do, two
  // words at least and more than any other's: "đã cho thuê 188,75 ha" for "… đã cho thuê",
  // "diện tích đất công nghiệp 650,32 ha" for "tổng diện tích đất công nghiệp". A warning: the
  // figures are named, not written beside the rate.
  void DefinedRates() {
    const bool en = c.en();
    for (const Mention* pct : order) {
      if (pct->type != MentionType::kPercent || Flagged(*pct) || !pct->comparator.empty()) continue;
      size_t open = pct->span.normalized.end;
      while (open < text.size() && text[open] == ' ') ++open;
      if (open >= text.size() || text[open] != '(') continue;
      size_t close = text.find(')', open);
      if (close == std::string_view::npos || close - open > 200 || !In(open, close).empty()) continue;
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
        size_t b = std::max(mark, LineStart(m->span.normalized.begin, 400));
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
      Flag f = MakeFlag("ratio_mismatch", "warning", pct->number, RoundTo(computed, d), "builtin:defined_rate");
      AddEvidence(f, num->span);
      AddEvidence(f, den->span);
      AddEvidence(f, pct->span);
      std::string definition(Between(open, CharBoundaryAtOrBefore(text, std::min(close + 1, open + 160))));
      std::string q = FormatNumber(num->number, Decimals(*num), en) + " / " + FormatNumber(den->number, Decimals(*den), en) + " = " +
                      FormatValue(computed, d, "%", en);
      f.explanation = en ? "“" + pct->span.text + " " + definition + "”: " + q + ", not the " + FormatValue(pct->number, d, "%", en) + " stated."
                         : "«" + pct->span.text + " " + definition + "»: " + q + ", khác tỷ lệ đã ghi là " + FormatValue(pct->number, d, "%", en) + ".";
      Raise(std::move(f));
    }
  }

  // "… là 60,0 ha. Hiện trạng … là 1,69 ha. Như vậy … còn lại đến năm 2030 là 58,31 ha.": what is
  // left ("còn lại") after the only two figures of its kind in the sentences before: the first
  // less the second. Flagged only where a digit or two written differently would make it exact.
  void Remainders() {
    auto cue = c.rules.words.find("remainder");
    if (cue == c.rules.words.end()) return;
    const bool en = c.en();
    for (const Mention* x : order) {
      if (!IsAdditive(*x) || NamesSomething(*x) || x->number <= 0 || Flagged(*x)) continue;
      std::string noun = Unabbreviated(NounAfter(*x));
      if (noun.empty() && x->type != MentionType::kMoney) continue;
      TextRange sentence = Sentence(x->span.normalized.begin, 0, text.size(), false, false);
      std::string before = FoldedWords(Between(sentence.begin, x->span.normalized.begin));
      std::vector<std::string> lead = Tokenize(before);
      std::string last;
      for (size_t k = lead.size() > 8 ? lead.size() - 8 : 0; k < lead.size(); ++k) last += " " + lead[k];
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
        k.members.push_back({"", "total", kin[0]->number, kin[0]->span});
        k.members.push_back({"", "part", kin[1]->number, kin[1]->span});
        k.members.push_back({"", "part", x->number, x->span});
        Held(std::move(k));
        continue;
      }
      if (!DigitSlip(*x, left)) continue;
      Flag f = MakeFlag("sum_mismatch", "warning", x->number, RoundTo(left, d), "builtin:remainder");
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
  // A comparison table ("Thiết kế cơ sở | Thiết kế xây dựng | Kết quả đối chiếu") whose row says
  // its two cells match ("Trùng khớp"): the figures of the two cells must be the same, one by
  // one. An error where they are not: the document states the relation in the row itself.

  void RowsSaidToMatch() {
    auto verdicts = c.rules.words.find("said_to_match");
    auto headings = c.rules.words.find("comparison_column");
    if (verdicts == c.rules.words.end() || headings == c.rules.words.end()) return;
    auto folded_set = [](const std::vector<std::string>& phrases) {
      std::set<std::string> out;
      for (const std::string& p : phrases) out.insert(FoldedWords(p));
      return out;
    };
    const std::set<std::string> match_words = folded_set(verdicts->second);
    const bool en = c.en();
    for (const LayoutTable& t : c.in.layout->tables) {
      int verdict_column = -1;
      for (const auto& hrow : t.header) {
        for (size_t j = 2; j < hrow.size(); ++j) {
          std::string h = FoldedWords(hrow[j].text);
          for (const std::string& p : headings->second) {
            if (h.find(FoldedWords(p)) != std::string::npos) verdict_column = static_cast<int>(j);
          }
        }
      }
      if (verdict_column < 0) continue;
      for (const auto& row : t.rows) {
        if (static_cast<int>(row.size()) <= verdict_column || !match_words.count(FoldedWords(row[verdict_column].text))) continue;
        const TableCell& a = row[verdict_column - 2];
        const TableCell& b = row[verdict_column - 1];
        auto figures = [&](const TableCell& cell) {
          std::vector<const Mention*> out;
          for (const Mention* m : In(cell.range.begin, cell.range.end)) {
            if (IsAdditive(*m) || m->type == MentionType::kPercent) out.push_back(m);
          }
          return out;
        };
        std::vector<const Mention*> fa = figures(a), fb = figures(b);
        if (fa.empty() || fa.size() != fb.size()) continue;
        std::string verdict = Trim(row[verdict_column].text);
        for (size_t k = 0; k < fa.size(); ++k) {
          const Mention& x = *fa[k];
          const Mention& y = *fb[k];
          if (x.number == y.number && x.type == y.type) {
            Check ck = MakeCheck("agree", "builtin:said_to_match", {}, x.number, y.number);
            ck.members.push_back({"", "value", x.number, x.span});
            ck.members.push_back({"", "value", y.number, y.span});
            Held(std::move(ck));
            continue;
          }
          if (Flagged(x) || Flagged(y)) continue;
          Flag f = MakeFlag("conflicting_values", "error", x.number, y.number, "builtin:said_to_match");
          AddEvidence(f, x.span);
          AddEvidence(f, y.span);
          f.explanation = en ? "The row says “" + verdict + "”, but “" + x.span.text + "” and “" + y.span.text + "” differ."
                             : "Dòng ghi «" + verdict + "» nhưng «" + x.span.text + "» và «" + y.span.text + "» khác nhau.";
          Raise(std::move(f));
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // A change stated with both its ends: "đạt 1.250 hồ sơ, tăng 150 hồ sơ so với cùng kỳ năm 2024
  // (1.100 hồ sơ)", "thu 1.200 tỷ đồng, tăng 20% so với cùng kỳ (1.000 tỷ đồng)". The figure
  // before "tăng"/"giảm", the change, and the figure after "so với" of the first one's kind, all
  // in one sentence. A difference must be exact (an error); a percentage must be the relative
  // change, or for two rates the change in points, rounded or cut to its decimals (a warning:
  // "tăng 20%" may be read either way).

  void StatedChanges() {
    auto up = c.rules.words.find("change_up"), down = c.rules.words.find("change_down");
    if (up == c.rules.words.end() || down == c.rules.words.end()) return;
    const bool en = c.en();
    for (size_t i = 1; i < order.size(); ++i) {
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
      if (!(rising || falling) || Tokenize(between).size() > 6 || between.find_first_of(";:(") != std::string_view::npos) continue;
      // "so với …" right after the change, then the base: the next figure of the first's kind.
      size_t after = change.span.normalized.end;
      std::string_view rest = Between(after, sentence.end);
      std::vector<std::string> rest_words = Tokenize(rest.substr(0, std::min<size_t>(rest.size(), 40)));
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
      if (Tokenize(Between(change.span.normalized.end, base->span.normalized.begin)).size() > 14) continue;
      double sign = rising ? 1.0 : -1.0;
      bool points = from.type == MentionType::kPercent;
      bool relative = change.type == MentionType::kPercent && !points;
      if (!relative && !points && (change.type != from.type || !SameKind(from, change))) continue;
      int d = Decimals(change);
      double computed = relative ? sign * (from.number - base->number) / base->number * 100.0 : sign * (from.number - base->number);
      bool holds = relative ? RateAgrees(change.number, d, computed, false) : AgreesWithin(change.number, d, computed);
      if (holds) {
        Check k = MakeCheck(relative ? "ratio" : "difference", "builtin:stated_change", {}, change.number, RoundTo(computed, d));
        k.members.push_back({"", "value", from.number, from.span});
        k.members.push_back({"", "part", change.number, change.span});
        k.members.push_back({"", "value", base->number, base->span});
        Held(std::move(k));
        continue;
      }
      if (Flagged(from) || Flagged(change) || Flagged(*base)) continue;
      Flag f = MakeFlag(relative ? "ratio_mismatch" : "sum_mismatch", relative ? "warning" : "error", change.number, RoundTo(computed, d),
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
  // A count beside the list it counts: "Đối với 03 đơn vị sử dụng hóa chất: Công ty …; Nhà máy …;
  // Xí nghiệp …." (names after a colon, one per semicolon), or "… 04 nội dung sau:" over list
  // items. Names hold no figures of their own; as many as the count says. A warning: a list may
  // group its names another way.

  void CountedLists() {
    constexpr double kMaxCounted = 30;
    const bool en = c.en();
    for (const Mention* m : order) {
      if (!IsAdditive(*m) || m->number < 2 || m->number > kMaxCounted || m->number != std::floor(m->number)) continue;
      if (NamesSomething(*m) || Flagged(*m) || NounAfter(*m).empty()) continue;
      // The noun and a few words, then the colon.
      size_t colon = text.find(':', m->span.normalized.end);
      if (colon == std::string_view::npos || colon - m->span.normalized.end > 80) continue;
      std::string_view noun = Between(m->span.normalized.end, colon);
      if (noun.find_first_of(".;,()\n") != std::string_view::npos || Tokenize(noun).size() > 8 || !In(m->span.normalized.end, colon).empty()) {
        continue;
      }
      size_t line_end = text.find('\n', colon);
      if (line_end == std::string_view::npos) line_end = text.size();
      std::string_view rest = Between(colon + 1, line_end);
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.remove_suffix(1);
      int items = 0;
      std::string how;
      if (!rest.empty()) {
        // Names on the line, one per semicolon, up to the sentence's end.
        size_t stop = rest.find(". ");
        if (stop != std::string_view::npos) rest = rest.substr(0, stop);
        if (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
        if (rest.find(';') == std::string_view::npos) continue;
        size_t from = 0;
        bool names = true;
        while (from <= rest.size() && names) {
          size_t semi = rest.find(';', from);
          std::string_view item = rest.substr(from, semi == std::string_view::npos ? std::string_view::npos : semi - from);
          names = IsName(item, colon + 1 + from);
          ++items;
          if (semi == std::string_view::npos) break;
          from = semi + 1;
        }
        if (!names) continue;
        how = en ? "names after the colon" : "tên nêu sau dấu hai chấm";
      } else {
        // One list item below for each.
        std::vector<TextRange> below = ListItemsBelow(colon);
        bool names = !below.empty();
        for (TextRange item : below) {
          size_t at = item.begin;
          while (at < item.end && (text[at] == ' ' || text[at] == '-' || text[at] == '+' || text[at] == '*')) ++at;
          names = names && IsName(Between(at, item.end), at);
        }
        if (!names) continue;
        items = static_cast<int>(below.size());
        how = en ? "list items below" : "mục liệt kê bên dưới";
      }
      if (items < 2) continue;
      if (items == static_cast<int>(m->number)) {
        Check k = MakeCheck("sum", "builtin:counted_list", {}, m->number, items);
        k.members.push_back({"", "total", m->number, m->span});
        Held(std::move(k));
        continue;
      }
      Flag f = MakeFlag("sum_mismatch", "warning", m->number, items, "builtin:counted_list");
      AddEvidence(f, m->span);
      std::string said(Between(m->span.normalized.begin, colon + 1));
      f.explanation = en ? "“" + said + "” is followed by " + std::to_string(items) + " " + how + ", not " + m->span.text + "."
                         : "«" + said + "» nhưng chỉ có " + std::to_string(items) + " " + how + ", khác số đã nêu là " + m->span.text + ".";
      Raise(std::move(f));
    }
  }

  // A name in a list: two words at least, opening with a capital, no figure but one that names
  // ("Yên Hợp 2"), at most 200 bytes.
  bool IsName(std::string_view item, size_t at) const {
    size_t lead = item.find_first_not_of(' ');
    if (lead == std::string_view::npos || item.size() > 200) return false;
    item = item.substr(lead);
    at += lead;
    if (Tokenize(item).size() < 2) return false;
    int32_t i = 0;
    UChar32 cp = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(item.data()), i, static_cast<int32_t>(item.size()), cp);
    if (cp <= 0 || !u_isupper(cp)) return false;
    for (const Mention* v : In(at, at + item.size())) {
      if ((IsAdditive(*v) || v->type == MentionType::kPercent) && !NamesSomething(*v)) return false;
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Running accounts: "Số tiền còn nợ năm 2024: 85.243.017.232 đồng; Số phát sinh năm 2025:
  // 157.441.237.112 đồng; Số tiền phải thu năm 2025: 242.684.254.344 đồng; …". Among a few
  // amounts of one paragraph, a later one that is exactly the sum or the difference of two
  // earlier ones is a relation the document computed; one that misses it by a digit or two is a
  // likely slip. Only amounts of seven significant digits or more: no coincidence comes that
  // close. A warning, since the text does not say the amounts are related.

  void RunningAccounts() {
    constexpr size_t kWindow = 6;
    const bool en = c.en();
    for (const Block& block : c.in.layout->blocks) {
      std::vector<const Mention*> amounts;
      for (const Mention* m : In(block.range.begin, block.range.end)) {
        if (m->type != MentionType::kMoney && m->type != MentionType::kNumber) continue;
        if (NamesSomething(*m) || m->number < 1e6) continue;
        std::string digits;
        for (char ch : m->span.text) {
          if (std::isdigit(static_cast<unsigned char>(ch))) digits.push_back(ch);
          else if (!(ch == '.' || ch == ',')) break;
        }
        if (digits.size() < 7 || Decimals(*m) > 0) continue;
        amounts.push_back(m);
      }
      for (size_t k = 2; k < amounts.size(); ++k) {
        const Mention& r = *amounts[k];
        bool done = false;
        for (size_t i = k >= kWindow ? k - kWindow : 0; i < k && !done; ++i) {
          for (size_t j = i + 1; j < k && !done; ++j) {
            const Mention &a = *amounts[i], &b = *amounts[j];
            if (a.unit != r.unit || b.unit != r.unit) continue;
            for (int sign : {1, -1}) {
              double expect = a.number + sign * b.number;
              if (expect <= 0) continue;
              const char* op = sign > 0 ? " + " : " − ";
              if (std::fabs(expect - r.number) < 0.5) {
                Check chk = MakeCheck(sign > 0 ? "sum" : "difference", "builtin:running_account", {}, r.number, expect);
                chk.members.push_back({"", "total", r.number, r.span});
                chk.members.push_back({"", "part", a.number, a.span});
                chk.members.push_back({"", "part", b.number, b.span});
                Held(std::move(chk));
                done = true;
                break;
              }
              // A slip: one of the three written with a digit or two changed would make it exact.
              bool slip = DigitSlip(r, expect) || DigitSlip(a, a.number + (r.number - expect)) ||
                          DigitSlip(b, b.number + sign * (r.number - expect));
              if (!slip || Flagged(r) || Flagged(a) || Flagged(b)) continue;
              Flag f = MakeFlag("sum_mismatch", "warning", r.number, expect, "builtin:running_account");
              AddEvidence(f, a.span);
              AddEvidence(f, b.span);
              AddEvidence(f, r.span);
              std::string expr = FormatNumber(a.number, 0, en) + op + FormatNumber(b.number, 0, en) + " = " + FormatNumber(expect, 0, en);
              f.explanation = en ? "Amounts of one paragraph: " + expr + ", which differs from “" + r.span.text +
                                       "” in a digit or two only: one of the three may be a slip."
                                 : "Các khoản tiền trong cùng đoạn: " + expr + ", chỉ khác «" + r.span.text +
                                       "» một hoặc hai chữ số: có thể một trong ba số bị ghi nhầm.";
              Raise(std::move(f));
              done = true;
              break;
            }
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // One quantity stated twice: a distinctive figure given in the body and again in an appendix
  // ("tổng diện tích 970,46 ha" … "Tổng cộng … 970,46"). Equal statements are listed as checks;
  // two that differ in a single digit, with the same unit and the same words before them, are a
  // likely slip in one of them: a warning, since the engine cannot prove they are one quantity.

  struct Statement {
    const Mention* m;
    std::string digits;            // the digits as written
    std::string unit;              // money unit, "%", or the counted noun
    std::set<std::string> words;   // content words before it
    std::set<std::string> wide;    // content words of the ten before it
    bool short_figure = false;     // three significant digits: paired only between rows of one name
  };

  std::string UnitOf(const Mention& m) const {
    if (m.type == MentionType::kMoney) return "money:" + m.unit;
    if (m.type == MentionType::kPercent) return "%";
    return NounAfter(m);
  }

  // Table cells speak through their row's name and their column's heading; coordinate tables
  // (hundreds of rows, "X", "Y", "Tọa độ") hold figures that differ in a digit by design.
  void TableContexts(std::map<size_t, std::set<std::string>>* words, std::map<size_t, std::string>* units,
                     std::set<size_t>* dense, std::map<size_t, std::pair<int, std::string>>* rows) const {
    int table_index = 0;
    static const std::set<std::string> kUnits = {"ha", "m2", "m3", "km", "kg", "tan", "kw", "kwh", "mw", "ty", "trieu", "dong", "lit"};
    for (const LayoutTable& t : c.in.layout->tables) {
      ++table_index;
      bool coordinates = t.rows.size() > 60;
      for (const auto& row : t.header) {
        for (const TableCell& cell : row) {
          std::string h = FoldedWords(cell.text);
          coordinates |= h == " x " || h == " y " || h.find(" toa do ") != std::string::npos;
        }
      }
      // A column of units ("Đơn vị tính": "Tấn", "kWh", "m³") gives the unit of its row's figures.
      int unit_column = -1;
      for (const auto& hrow : t.header) {
        for (size_t j = 0; j < hrow.size(); ++j) {
          std::string h = FoldedWords(hrow[j].text);
          if (h == " don vi tinh " || h == " dvt " || h == " don vi " || h == " dvt tinh ") unit_column = static_cast<int>(j);
        }
      }
      for (const auto& row : t.rows) {
        std::string row_unit;
        if (unit_column >= 0 && unit_column < static_cast<int>(row.size())) {
          std::vector<std::string> u = Tokenize(row[unit_column].text);
          if (u.size() == 1 && kNouns.count(u[0])) row_unit = u[0];
        }
        std::set<std::string> label;
        std::string name;   // the row's first cell of words, folded
        for (size_t j = 0; j < std::min<size_t>(3, row.size()); ++j) {
          for (const std::string& w : Tokenize(row[j].text)) if (!std::isdigit(static_cast<unsigned char>(w[0]))) label.insert(w);
          if (name.empty() && !Tokenize(row[j].text).empty() && !std::isdigit(static_cast<unsigned char>(Tokenize(row[j].text)[0][0]))) {
            name = FoldedWords(row[j].text);
          }
        }
        for (size_t j = 0; j < row.size(); ++j) {
          std::set<std::string> here = label;
          std::string unit;   // "Diện tích (ha)", "Tỷ lệ lấp đầy (%)", "TMĐT (tỷ đồng)": the column's unit
          bool money = false, percent = false;
          for (const auto& hrow : t.header) {
            if (j >= hrow.size()) continue;
            percent |= hrow[j].text.find('%') != std::string::npos;
            for (const std::string& w : Tokenize(hrow[j].text)) {
              here.insert(w);
              money |= w == "dong";
              if (unit.empty() && kUnits.count(w)) unit = w;
            }
          }
          static const std::string kPercentUnit = "%", kMoneyUnit = "money:đồng";
          if (percent) unit = kPercentUnit;
          else if (money && (unit == "ty" || unit == "trieu" || unit == "dong")) unit = kMoneyUnit;
          else if (unit.empty()) unit = row_unit;
          for (const Mention* m : In(row[j].range.begin, row[j].range.begin + row[j].text.size() + 1)) {
            if (coordinates) {
              dense->insert(m->span.normalized.begin);
              continue;
            }
            (*words)[m->span.normalized.begin].insert(here.begin(), here.end());
            (*rows)[m->span.normalized.begin] = {table_index, name};
            if (!unit.empty()) (*units)[m->span.normalized.begin] = unit;
          }
        }
      }
    }
  }

  // "6695793" → 7, "5171344000000" → 7: the digits between the first and the last non-zero.
  static size_t SignificantDigits(const std::string& digits) {
    size_t first = digits.find_first_not_of('0'), last = digits.find_last_not_of('0');
    return first == std::string::npos ? 0 : last - first + 1;
  }

  // A report states a few thousand figures; past that (a concatenation, a data dump) pairing
  // figures across places costs memory and finds nothing a reader would call one quantity.
  static constexpr size_t kMaxFiguresToPair = 20000;

  void RepeatedFigures() {
    if (order.size() > kMaxFiguresToPair) return;
    std::map<size_t, std::set<std::string>> cell_words;
    std::map<size_t, std::string> cell_units;
    std::set<size_t> dense;
    std::map<size_t, std::pair<int, std::string>> cell_rows;   // table and row name of a cell
    TableContexts(&cell_words, &cell_units, &dense, &cell_rows);
    // The rows of a table laid out with spaces, as those of a tabbed one.
    for (size_t gi = 0; gi < spaced.size(); ++gi) {
      const Grid& g = spaced[gi];
      for (size_t r = 0; r < g.cells.size(); ++r) {
        for (const Cell& cell : g.cells[r]) {
          if (cell.m) cell_rows[cell.m->span.normalized.begin] = {100000 + static_cast<int>(gi), FoldedWords(g.label[r])};
        }
      }
    }
    // Two cells are one quantity only in two tables, and only for rows of one name.
    auto other_place = [&](const Mention* x, const Mention* y) {
      auto a = cell_rows.find(x->span.normalized.begin), b = cell_rows.find(y->span.normalized.begin);
      if (a == cell_rows.end() || b == cell_rows.end()) return true;
      if (a->second.first == b->second.first) return false;
      // Rows of one name: one row's name within the other's ("Bắc Văn Yên", "CCN Bắc Văn Yên").
      const std::string &la = a->second.second, &lb = b->second.second;
      if (la.size() < 4 || lb.size() < 4) return false;
      return la.find(lb) != std::string::npos || lb.find(la) != std::string::npos;
    };
    auto same_row_name = [&](const Mention* x, const Mention* y) {
      auto a = cell_rows.find(x->span.normalized.begin), b = cell_rows.find(y->span.normalized.begin);
      return a != cell_rows.end() && b != cell_rows.end() && a->second.first != b->second.first && a->second.second.size() >= 4 &&
             a->second.second == b->second.second;
    };
    static const std::set<std::string> kStop = {"va", "cua", "la", "tai", "trong", "do", "cac", "nhung", "voi", "duoc",
                                                "theo", "cho", "tu", "den", "nam", "ngay", "thang", "so", "da", "co",
                                                "mot", "khoang", "tren", "duoi", "ghi", "dat", "muc", "nay", "the"};
    std::vector<Statement> list;
    for (const Mention* m : order) {
      if (!(IsAdditive(*m) || m->type == MentionType::kPercent) || NamesSomething(*m)) continue;
      if (dense.count(m->span.normalized.begin)) continue;
      Statement st{m, "", UnitOf(*m), {}, {}, false};
      for (char ch : m->span.text) {
        if (std::isdigit(static_cast<unsigned char>(ch))) st.digits.push_back(ch);
        else if (!(ch == '.' || ch == ',')) break;
      }
      size_t lead = st.digits.find_first_not_of('0');
      if (st.unit.empty()) {
        if (auto it = cell_units.find(m->span.normalized.begin); it != cell_units.end()) st.unit = it->second;
      }
      bool year = m->number >= 1900 && m->number <= 2100 && m->number == std::floor(m->number) && st.digits.size() == 4;
      if (lead == std::string::npos || st.digits.size() - lead < 3 || st.unit.empty() || year) continue;
      st.short_figure = st.digits.size() - lead < 4;
      if (st.short_figure && !cell_rows.count(m->span.normalized.begin)) continue;
      size_t from = m->span.normalized.begin > 80 ? m->span.normalized.begin - 80 : 0;
      std::vector<std::string> before = Tokenize(Between(from, m->span.normalized.begin));
      // "(… Quyết định 3141/QĐ-UBND … diện tích khoảng 935,5m2)": a rough figure in an aside
      // recalls another document's figure; it is no twin of this one's exact one.
      static const std::set<std::string> kRough = {"khoang", "gan", "hon", "tren", "duoi", "xap", "xi", "uoc"};
      if (!before.empty() && kRough.count(before.back())) {
        int depth = 0;
        for (char ch : Between(LineStart(m->span.normalized.begin, 2000), m->span.normalized.begin)) depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
        if (depth > 0) continue;
      }
      for (size_t k = before.size() > 10 ? before.size() - 10 : 0; k < before.size(); ++k) {
        if (before[k].size() >= 2 && !kStop.count(before[k]) && !std::isdigit(static_cast<unsigned char>(before[k][0]))) {
          st.wide.insert(before[k]);
          if (k + 6 >= before.size()) st.words.insert(before[k]);
        }
      }
      if (auto it = cell_words.find(m->span.normalized.begin); it != cell_words.end()) {
        for (const std::string& w : it->second) if (w.size() >= 2 && !kStop.count(w)) st.words.insert(w);
      }
      list.push_back(std::move(st));
    }
    std::map<std::string, int> times;   // how often each digit string and unit is written
    for (const Statement& st : list) ++times[st.unit + "|" + st.digits];
    std::map<std::string, std::vector<const Statement*>> by_shape;   // unit and length
    for (const Statement& st : list) by_shape[st.unit + "|" + std::to_string(st.digits.size())].push_back(&st);
    const bool en = c.en();
    for (const auto& [shape, group] : by_shape) {
      if (group.size() < 2 || group.size() > 400) continue;
      for (size_t a = 0; a < group.size(); ++a) {
        for (size_t b = a + 1; b < group.size(); ++b) {
          const Statement& x = *group[a];
          const Statement& y = *group[b];
          if (x.m->span.normalized.begin == y.m->span.normalized.begin || !other_place(x.m, y.m)) continue;
          // "Hơi nước | Tấn | 140" in one appendix, "Hơi nước | 140 tấn" in another: three digits
          // are one quantity only as cells of two tables' rows of one name.
          if ((x.short_figure || y.short_figure) && !same_row_name(x.m, y.m)) continue;
          // Two words in common that say what is measured ("diện tích", "lấp đầy", "Bắc Văn Yên"),
          // not the words every figure has around it ("tỷ lệ", "đạt", "tổng", "hồ sơ").
          static const std::set<std::string> kGeneric = {
              "ty", "le", "so", "dat", "tong", "cong", "ho", "cac", "duoc", "va", "chi", "tieu", "ket", "qua", "thuc",
              "hien", "nam", "ke", "hoach", "tren", "dia", "ban", "don", "vi", "luong", "trong", "cua", "la", "co",
              "khong", "da", "dang", "noi", "dung", "stt", "tt", "danh", "gia", "chu"};
          int shared = 0;
          for (const std::string& w : x.words) shared += y.words.count(w) && !kGeneric.count(w);
          int wide_shared = 0;
          for (const std::string& w : x.wide) wide_shared += y.wide.count(w) && !kGeneric.count(w);
          const size_t significant = SignificantDigits(x.digits);
          if (shared < 2 && significant < 7 && !(significant >= 5 && wide_shared >= 3)) continue;
          int differ = 0;
          for (size_t k = 0; k < x.digits.size(); ++k) differ += x.digits[k] != y.digits[k];
          if (differ == 0) {
            if (times[x.unit + "|" + x.digits] == 2 && x.m->number == y.m->number) {
              Check k = MakeCheck("agree", "builtin:repeated_figure", {}, x.m->number, y.m->number);
              k.members.push_back({"", "value", x.m->number, x.m->span});
              k.members.push_back({"", "value", y.m->number, y.m->span});
              Held(std::move(k));
            }
            continue;
          }
          if (differ != 1) continue;
          // A slip is told from two quantities only where one statement is a table's cell (the body
          // against its appendix): two sentences one digit apart are too often two things
          // ("lớn nhất trong một vụ nổ 1.260kg" in a plan, "lớn nhất là 1.200kg/lần nổ" done).
          // Amounts of seven significant digits or more are the exception: two of them one digit
          // apart are no coincidence ("phải nộp là: 6.695.793 đồng" against the formula's
          // "= 6.695.793 đồng" and "Mức phí tính toán là 6.695.793 đồng").
          // So are figures of five significant digits whose ten words before share three that say
          // what is measured ("Tổng khối lượng thuốc nổ (Nhũ tương và Anfo): 92.075 Kg" in the
          // permit, "Tổng khối lượng thuốc nổ dự kiến sử dụng là: 92.075kg" in the plan).
          bool in_table = cell_rows.count(x.m->span.normalized.begin) || cell_rows.count(y.m->span.normalized.begin);
          if (!in_table && significant < 7 && !(significant >= 5 && wide_shared >= 3)) continue;
          // The odd one out is written once; its twin at least once elsewhere.
          bool x_once = times[x.unit + "|" + x.digits] == 1, y_once = times[y.unit + "|" + y.digits] == 1;
          if (!(x_once || y_once) || Flagged(*x.m) || Flagged(*y.m)) continue;
          // The words before the first figure as written, up to four, for the explanation.
          std::string common;
          {
            size_t from = x.m->span.normalized.begin > 60 ? x.m->span.normalized.begin - 60 : 0;
            from = std::max(from, LineStart(x.m->span.normalized.begin, 60));
            std::string raw = Trim(std::string(Between(internal::CharBoundaryAtOrBefore(text, from), x.m->span.normalized.begin)));
            for (int k = 0, cut = static_cast<int>(raw.size()); cut > 0; --cut) {
              if (raw[cut - 1] == ' ' && ++k == 4) {
                raw = raw.substr(cut);
                break;
              }
            }
            common = raw;
          }
          Flag f = MakeFlag("conflicting_values", "warning", x.m->number, y.m->number, "builtin:repeated_figure");
          AddEvidence(f, x.m->span);
          AddEvidence(f, y.m->span);
          auto where = [&](const Span& sp) {
            std::string at = sp.page ? (en ? "page " : "trang ") + std::to_string(*sp.page) + ", " : "";
            return at + (en ? "line " : "dòng ") + std::to_string(sp.line);
          };
          f.explanation = en ? "“" + x.m->span.text + "” (" + where(x.m->span) + ") and “" + y.m->span.text + "” (" + where(y.m->span) +
                                   ") differ in one digit, with the same unit and the same words before them (“" + common +
                                   "”): one may be a slip."
                             : "«" + x.m->span.text + "» (" + where(x.m->span) + ") và «" + y.m->span.text + "» (" + where(y.m->span) +
                                   ") chỉ khác nhau một chữ số, cùng đơn vị và cùng những từ đứng trước («" + common +
                                   "»): có thể một trong hai số bị ghi nhầm.";
          Raise(std::move(f));
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Numbered outlines: "3.2.  Công bố, công khai TTHC …   3.50" is the sum of its points
  // "3.2.1. …  0.50", "3.2.2. …  1.50", … (a scoring framework, a budget by heading).

  void OutlineSums() {
    struct Point {
      std::vector<int> number;   // {3, 2} for "3.2."
      const Mention* value;
      std::string title;
    };
    std::vector<Point> points;
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
        while (k < e && std::isdigit(static_cast<unsigned char>(text[k])) && k - j < 3) n = n * 10 + (text[k++] - '0');
        if (k >= e || text[k] != '.') break;
        number.push_back(n);
        j = k + 1;
      }
      // The marker, then the title, then the figure set apart by three spaces or a tab. A
      // heading whose figure is not on its line is kept without one: its parent is not checked.
      if (!number.empty() && j < e && (text[j] == ' ' || text[j] == '\t')) {
        size_t before_count = points.size();
        for (const Mention* m : In(j, e)) {
          if (!IsAdditive(*m) || !m->comparator.empty()) continue;
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
    if (points.size() < 3) return;
    // A heading numbered again further down (a second table) starts a new outline: only the
    // children up to the next point of the parent's level count.
    struct Parent { size_t index; std::vector<size_t> children; };
    std::vector<Parent> parents;
    for (size_t p = 0; p < points.size(); ++p) {
      Parent parent{p, {}};
      // Children follow their heading closely; a bound keeps an outline of thousands of points linear.
      for (size_t q = p + 1; q < points.size() && q <= p + 400; ++q) {
        const auto& a = points[p].number;
        const auto& n = points[q].number;
        if (n.size() <= a.size() || !std::equal(a.begin(), a.end(), n.begin())) break;   // left the outline below p
        if (n.size() == a.size() + 1) parent.children.push_back(q);
      }
      // Every point 1, 2, …, k present, each with its figure, and the parent's too.
      bool whole = parent.children.size() >= 2 && points[p].value;
      for (size_t k = 0; k < parent.children.size() && whole; ++k) {
        const Point& child = points[parent.children[k]];
        whole = child.value && child.number.back() == static_cast<int>(k) + 1;
      }
      if (whole) parents.push_back(std::move(parent));
    }
    int holding = 0;
    for (const Parent& parent : parents) {
      double sum = 0;
      for (size_t q : parent.children) sum += points[q].value->number;
      const Mention& total = *points[parent.index].value;
      int d = Decimals(total);
      for (size_t q : parent.children) d = std::max(d, Decimals(*points[q].value));
      if (AgreesWithin(total.number, d, sum)) ++holding;
    }
    const bool en = c.en();
    for (const Parent& parent : parents) {
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
        continue;
      }
      if (Flagged(total) || std::any_of(parts.begin(), parts.end(), [&](const Mention* m) { return Flagged(*m); })) continue;
      // The outline is a sum where most headings are their points' sum; one heading alone is
      // a slip only if a digit or two would mend it.
      bool learned = holding >= kLearnedErrorRows;
      if (!learned) {
        bool slip = DigitSlip(total, sum);
        for (const Mention* m : parts) slip = slip || DigitSlip(*m, m->number + total.number - sum);
        if (!slip || holding < 1) continue;
      }
      std::string title = points[parent.index].title;
      if (title.size() > 80) title = title.substr(0, CharBoundaryAtOrBefore(title, 80)) + "…";
      SumFlag("builtin:outline_sum", learned ? "error" : "warning", total, parts, sum, d,
              en ? "Heading " + marker + " “" + title + "” against its points " + marker + "1, " + marker + "2 … (" +
                       std::to_string(holding) + " other headings of the outline add up)"
                 : "Mục " + marker + " «" + title + "» so với các mục con " + marker + "1, " + marker + "2 … (" +
                       std::to_string(holding) + " mục khác của bảng cộng lại khớp)");
    }
  }

  // ------------------------------------------------------------------------------------------
  // Shares of a named whole: "Vốn góp của nhà đầu tư: 775.701.600.000 đồng (chiếm 15% tổng vốn
  // đầu tư)" against the "Tổng vốn đầu tư: 5.171.344.000.000 đồng" stated above.

  void NamedShares() {
    struct Share {
      const Mention* part;
      const Mention* percent;
      const Mention* base;
      std::string name;
    };
    std::vector<Share> shares;
    for (size_t i = 1; i < order.size(); ++i) {
      const Mention& pct = *order[i];
      if (pct.type != MentionType::kPercent) continue;
      // The words after the percentage name the whole: "tổng vốn đầu tư", "so với tổng số hồ sơ".
      size_t le = text.find_first_of(").;", pct.span.normalized.end);
      if (le != std::string_view::npos && le - pct.span.normalized.end > 120) {
        le = CharBoundaryAtOrBefore(text, pct.span.normalized.end + 120);   // the name is quoted
      }
      std::vector<std::string> after = Tokenize(Between(pct.span.normalized.end, le == std::string_view::npos ? text.size() : le));
      size_t at = 0;
      while (at < after.size() && at < 3 && after[at] != "tong") ++at;
      if (at >= after.size() || after[at] != "tong" || at + 2 >= after.size() + 1) continue;
      std::vector<std::string> name(after.begin() + at, after.begin() + std::min(after.size(), at + 4));
      if (name.size() < 2) continue;
      // The part: the figure just before, introduced as a share.
      const Mention& part = *order[i - 1];
      if (!IsAdditive(part) || part.number <= 0) continue;
      std::string_view gap = Between(part.span.normalized.end, pct.span.normalized.begin);
      std::string folded = FoldedWords(gap);
      if (Tokenize(gap).size() > kPartPercentWords || ChangesBase(folded) ||
          !(gap.find('(') != std::string_view::npos || IntroducesShare(folded))) {
        continue;
      }
      // The whole: the nearest figure above whose own words name it ("Tổng vốn đầu tư: …").
      const Mention* base = nullptr;
      size_t floor = part.span.normalized.begin > 4000 ? part.span.normalized.begin - 4000 : 0;
      std::vector<const Mention*> above = In(floor, part.span.normalized.begin);
      for (auto it = above.rbegin(); it != above.rend() && !base; ++it) {
        const Mention& cand = **it;
        if (!IsAdditive(cand) || cand.number <= part.number || !SameKind(cand, part)) continue;
        size_t lb = cand.span.normalized.begin > 120 ? cand.span.normalized.begin - 120 : 0;
        lb = std::max(lb, LineStart(cand.span.normalized.begin, 120));
        std::string label = FoldedWords(Between(lb, cand.span.normalized.begin));
        std::string want = " ";
        for (size_t k = 0; k < std::min<size_t>(3, name.size()); ++k) want += name[k] + " ";
        if (label.find(want) != std::string::npos) base = &cand;
      }
      if (!base) continue;
      // The name as written, for the explanation: "tổng vốn đầu tư".
      std::string written;
      for (char ch : Between(pct.span.normalized.end, le == std::string_view::npos ? text.size() : le)) {
        if (ch == '\n' || ch == '\t') ch = ' ';
        if (ch != ' ' || (!written.empty() && written.back() != ' ')) written.push_back(ch);
      }
      written = Trim(written);
      shares.push_back({&part, &pct, base, written});
    }
    const bool en = c.en();
    std::map<const Mention*, std::vector<const Share*>> by_base;
    for (const Share& sh : shares) by_base[sh.base].push_back(&sh);
    for (const auto& [base, list] : by_base) {
      double share_sum = 0, part_sum = 0;
      int dp = Decimals(*base);
      for (const Share* sh : list) {
        share_sum += sh->percent->number;
        part_sum += sh->part->number;
        dp = std::max(dp, Decimals(*sh->part));
      }
      bool rounded_to_100 = list.size() >= 2 && std::fabs(share_sum - 100.0) <= 1e-9;
      for (const Share* sh : list) {
        const Mention& pct = *sh->percent;
        int d = Decimals(pct);
        double computed = sh->part->number / base->number * 100.0;
        bool ok = RateAgrees(pct.number, d, computed, false) ||
                  (rounded_to_100 && std::fabs(pct.number - computed) <= std::pow(10.0, -d) + 1e-9);
        if (ok) {
          Check k = MakeCheck("part_percent", "builtin:named_share", {}, pct.number, RoundTo(computed, d));
          k.members.push_back({"", "whole", base->number, base->span});
          k.members.push_back({"", "part", sh->part->number, sh->part->span});
          k.members.push_back({"", "rate", pct.number, pct.span});
          Held(std::move(k));
          continue;
        }
        if (Flagged(pct)) continue;
        Flag f = MakeFlag("ratio_mismatch", "error", pct.number, RoundTo(computed, d), "builtin:named_share");
        AddEvidence(f, base->span);
        AddEvidence(f, sh->part->span);
        AddEvidence(f, pct.span);
        std::string q = FormatNumber(sh->part->number, Decimals(*sh->part), en) + " / " +
                        FormatNumber(base->number, Decimals(*base), en) + " = " + FormatValue(computed, d, "%", en);
        f.explanation = en ? "“" + sh->part->span.text + "” is said to be " + pct.span.text + " of “" + sh->name + "” (" +
                                 base->span.text + "): " + q + "."
                           : "«" + sh->part->span.text + "» được ghi là chiếm " + pct.span.text + " «" + sh->name + "» (" +
                                 base->span.text + "): " + q + ", khác tỷ lệ đã ghi.";
        Raise(std::move(f));
      }
      // Shares that make 100% are the whole's parts: they must add up to it.
      if (list.size() < 2 || std::fabs(share_sum - 100.0) > 0.5 * list.size() + 1e-9) continue;
      std::vector<const Mention*> parts;
      for (const Share* sh : list) parts.push_back(sh->part);
      if (AgreesWithin(base->number, dp, part_sum)) {
        SumHeld("sum", "builtin:named_share", *base, parts, part_sum);
      } else if (!Flagged(*base) && std::none_of(parts.begin(), parts.end(), [&](const Mention* p) { return Flagged(*p); })) {
        SumFlag("builtin:named_share", "error", *base, parts, part_sum, dp,
                en ? "Parts whose shares of “" + list.front()->name + "” add up to 100%"
                   : "Các phần có tỷ lệ trên «" + list.front()->name + "» cộng lại bằng 100%");
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // A whole and its listed parts.

  struct Part {
    const Mention* value;
    const Mention* percent = nullptr;
    std::string label;   // folded words just before the value
    double amount = 0;   // the value in the whole's unit ("7,3 tỷ" of a whole in đồng: 7,3e9)
  };

  // A bare figure before "tỷ", "triệu", "nghìn" is money when its whole is: "(NSNN 7,3 tỷ;
  // doanh nghiệp 7,95 tỷ)" of "15,25 tỷ đồng".
  static double Multiplier(const std::string& noun) {
    if (noun == "ty") return 1e9;
    if (noun == "trieu") return 1e6;
    if (noun == "nghin") return 1e3;
    return 0;
  }
  double AmountOf(const Mention& whole, const Mention& part) const {
    if (whole.type == MentionType::kMoney && part.type == MentionType::kNumber) {
      double k = Multiplier(NounAfter(part));
      if (k > 0) return part.number * k;
    }
    return part.number;
  }

  // Units that can be added to the total's: the same money, the same counted noun, or none.
  // The noun a number counts: its unit, or the word right after it ("23 cụm", "903,78 ha");
  // empty when punctuation or a linking word follows ("412, trong đó", "130 và").
  std::string NounAfter(const Mention& m) const {
    if (m.type == MentionType::kCount && !m.unit.empty()) {
      std::vector<std::string> words = Tokenize(m.unit);
      return words.empty() ? "" : words.front();
    }
    size_t e = m.span.normalized.end;
    // A unit glued to the figure: "92.075kg", "62ha".
    if (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e]))) {
      size_t k = e;
      while (k < text.size() && std::isalnum(static_cast<unsigned char>(text[k]))) ++k;
      std::vector<std::string> glued = Tokenize(Between(e, k));
      return glued.size() == 1 && kNouns.count(glued[0]) ? glued[0] : "";
    }
    if (e >= text.size() || text[e] != ' ') return "";
    size_t b = e + 1, k = b;
    if (b >= text.size() || std::ispunct(static_cast<unsigned char>(text[b]))) return "";
    while (k < text.size() && text[k] != ' ' && text[k] != '\n' && text[k] != '\t') ++k;
    std::vector<std::string> words = Tokenize(Between(b, k));
    if (words.size() != 1) return "";
    std::string word = SuperscriptsAsDigits(words[0]);
    if (!kNouns.count(word)) return "";
    return word;
  }

  // "m²", "m³" as "m2", "m3": one unit however the exponent is written.
  static std::string SuperscriptsAsDigits(std::string word) {
    for (auto [from, to] : {std::pair<std::string_view, char>{"\u00b2", '2'}, {"\u00b3", '3'}}) {
      for (size_t at = word.find(from); at != std::string::npos; at = word.find(from)) word.replace(at, from.size(), 1, to);
    }
    return word;
  }

  // Units of measure and the nouns reports count, by their first syllable: a word that is
  // neither ("đang hoạt động", "đã cấp") says nothing of what the number counts.
  static inline const std::set<std::string> kNouns = {
        "ha", "m", "m2", "m3", "km", "km2", "kg", "tan", "ta", "lit", "kw", "kwh", "mw", "mwh", "ty", "trieu", "nghin", "dong",
        "usd", "cai", "chiec", "lan", "nguoi", "ho", "cum", "ccn", "kcn", "du", "co", "doanh", "don", "giay", "kho", "cuoc",
        "van", "ban", "thu", "tthc", "xa", "phuong", "tinh", "nhiem", "chi", "tieu", "mo", "diem", "khu", "lo", "thua",
        "cong", "trinh", "hop", "dong", "hoi", "lop", "buoi", "vu", "viec", "kien", "nghi", "phan", "anh", "tai", "khoan",
        "thiet", "bi", "may", "xe", "phuong", "tien", "nha", "so", "quyet", "dinh", "ke", "hoach", "bao", "cao", "ngay"};

  // Units that can be added to the total's: the same money, the same counted noun, or none.
  bool SameKind(const Mention& total, const Mention& part) const {
    if (total.type == MentionType::kMoney && part.type == MentionType::kNumber) return Multiplier(NounAfter(part)) > 0;
    if (total.type == MentionType::kMoney || part.type == MentionType::kMoney) {
      return total.type == part.type && total.unit == part.unit;
    }
    std::string a = Unabbreviated(NounAfter(total)), b = Unabbreviated(NounAfter(part));
    return a.empty() || b.empty() || a == b;
  }

  // "37 cụm công nghiệp (… 27 CCN …)": an abbreviation counts what its first word counts.
  static std::string Unabbreviated(const std::string& noun) {
    static const std::map<std::string, std::string> kAbbreviations = {{"ccn", "cum"}, {"kcn", "khu"}, {"tthc", "thu"}};
    auto it = kAbbreviations.find(noun);
    return it == kAbbreviations.end() ? noun : it->second;
  }

  // The percentage that follows a part as its share: "8.051 (99,2%)", "69 hồ sơ, chiếm 0,8%".
  const Mention* ShareAfter(size_t index, size_t end) const {
    if (index + 1 >= order.size()) return nullptr;
    const Mention& next = *order[index + 1];
    if (next.type != MentionType::kPercent || next.span.normalized.begin >= end) return nullptr;
    std::string_view raw = Between(order[index]->span.normalized.end, next.span.normalized.begin);
    if (raw.find(';') != std::string_view::npos) return nullptr;
    std::string gap = FoldedWords(raw);
    if (ChangesBase(gap) || Tokenize(raw).size() > kPartPercentWords) return nullptr;
    // "(chiếm 42% tổng vốn đăng ký)": the percentage names its own base, another whole.
    std::vector<std::string> named = Tokenize(Between(next.span.normalized.end, std::min(text.size(), next.span.normalized.end + 40)));
    for (size_t k = 0; k < named.size() && k < 3; ++k) {
      if (named[k] == "tong" || named[k] == "voi" || named[k] == "cua") return nullptr;
    }
    return raw.find('(') != std::string_view::npos || IntroducesShare(gap) ? &next : nullptr;
  }

  // Pairs of words that split a whole with nothing left over (the levels of government, on time
  // and late, online and in person).
  bool Complementary(const std::vector<Part>& parts) const {
    if (parts.size() < 2) return false;
    // Each word list "partition_…" is one split: every part's label must name a different member.
    for (auto it = c.rules.words.lower_bound("partition_"); it != c.rules.words.end() && it->first.rfind("partition_", 0) == 0; ++it) {
      const std::vector<std::string>& members = it->second;
      std::set<size_t> used;
      bool all = true;
      for (const Part& p : parts) {
        // The longest member that the label names ("không đạt" before "đạt").
        size_t hit = SIZE_MAX;
        for (size_t k = 0; k < members.size(); ++k) {
          if (p.label.find(" " + members[k] + " ") == std::string::npos) continue;
          if (hit == SIZE_MAX || members[k].size() > members[hit].size()) hit = k;
        }
        if (hit == SIZE_MAX || !used.insert(hit).second) { all = false; break; }
      }
      // Two of a split in two make the whole ("đã … chưa …"); two of three ("trực tuyến, trực
      // tiếp" without "bưu chính") may leave one out.
      if (all && (members.size() == 2 || used.size() == members.size())) return true;
    }
    return false;
  }

  // Whether `m`, written with other digits in at most two places (same length), reads `value`.
  bool DigitSlip(const Mention& m, double value) const {
    if (value <= 0) return false;
    int d = Decimals(m);
    std::string written;
    for (char ch : m.span.text) {
      if (std::isdigit(static_cast<unsigned char>(ch))) written.push_back(ch);
      else if (std::isalpha(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80) break;
    }
    // A figure written with a scale word ("7,45 tỷ" is 7.450.000.000) slips in the digits written.
    if (!written.empty() && written.size() < 16 && m.number != 0) {
      double as_written = std::stod(written) / std::pow(10.0, d);
      if (as_written > 0 && std::fabs(m.number / as_written - 1.0) > 1e-9) value /= m.number / as_written;
    }
    long long scaled = std::llround(value * std::pow(10.0, d));
    if (std::fabs(value * std::pow(10.0, d) - static_cast<double>(scaled)) > 1e-6) return false;
    std::string other = std::to_string(scaled);
    while (other.size() < written.size()) other.insert(other.begin(), '0');
    if (other.size() != written.size()) return false;
    // A short number is one slip away from too many others: one digit there, two in longer ones.
    int differ = 0;
    for (size_t i = 0; i < other.size(); ++i) differ += other[i] != written[i];
    return differ >= 1 && differ <= (written.size() >= 4 ? 2 : 1);
  }

  // The shares of a whole's parts and their sum. `expected` is the number of parts the text
  // announces ("04 cụm …", "chia thành 02 nhóm"), or 0. Returns whether the parts add up.
  bool WholeAndParts(const Mention& total, const std::string& cue, std::vector<Part> parts, int expected) {
    const bool en = c.en();
    int dt = Decimals(total);
    // Shares: each against the whole.
    int shares = 0, shares_agree = 0;
    double share_sum = 0;
    for (const Part& p : parts) {
      if (!p.percent) continue;
      ++shares;
      share_sum += p.percent->number;
      if (total.number > 0 && RateAgrees(p.percent->number, Decimals(*p.percent), p.amount / total.number * 100.0, false)) {
        ++shares_agree;
      }
    }
    bool all_shared = shares == static_cast<int>(parts.size());
    bool shares_make_whole = all_shared && parts.size() >= 2 && std::fabs(share_sum - 100.0) <= 0.5 * parts.size() + 1e-9;
    bool rounded_to_100 = all_shared && std::fabs(share_sum - 100.0) <= 1e-9;
    double sum = 0;
    int dp = dt;
    std::vector<double> values;
    for (const Part& p : parts) {
      sum += p.amount;
      values.push_back(p.amount);
      dp = std::max(dp, Decimals(*p.value));
    }
    bool sum_holds = parts.size() >= 2 && AgreesWithin(total.number, dp, sum);
    bool counted = expected >= 2 && expected == static_cast<int>(parts.size());
    bool complementary = Complementary(parts);
    bool exhaustive = shares_make_whole || complementary || counted;
    // The whole and the words that open its parts, as written: «8.120 hồ sơ» … «trong đó»;
    // a list opened by a parenthesis or a colon quotes the whole with it: «23 doanh nghiệp … (».
    std::string open = en ? "“" : "«", close = en ? "”" : "»";
    std::string quote = cue == "(" || cue == ":" ? open + total.span.text + " … " + cue + close
                                                 : open + total.span.text + close + " … " + open + cue + close;

    for (const Part& p : parts) {
      if (!p.percent || total.number <= 0 || Flagged(*p.percent)) continue;
      int d = Decimals(*p.percent);
      double computed = p.amount / total.number * 100.0;
      bool ok = RateAgrees(p.percent->number, d, computed, false) ||
                (rounded_to_100 && std::fabs(p.percent->number - computed) <= std::pow(10.0, -d) + 1e-9);
      if (ok) {
        Check k = MakeCheck("part_percent", "builtin:part_percent", {}, p.percent->number, RoundTo(computed, d));
        k.members.push_back({"", "whole", total.number, total.span});
        k.members.push_back({"", "part", p.amount, p.value->span});
        k.members.push_back({"", "rate", p.percent->number, p.percent->span});
        Held(std::move(k));
        continue;
      }
      // The whole is this part's base only when another share or the sum confirms it.
      bool confirmed = shares_agree > 0 || sum_holds;
      Flag f = MakeFlag("ratio_mismatch", confirmed ? "error" : "warning", p.percent->number, RoundTo(computed, d), "builtin:part_percent");
      AddEvidence(f, total.span);
      AddEvidence(f, p.value->span);
      AddEvidence(f, p.percent->span);
      std::string q = FormatNumber(p.value->number, Decimals(*p.value), en) + " / " + FormatNumber(total.number, dt, en) + " = " +
                      FormatValue(computed, d, "%", en);
      f.explanation = en ? "Part “" + p.value->span.text + "” of the whole " + quote + ": " + q + ", not the " +
                               FormatValue(p.percent->number, d, "%", en) + " stated beside it."
                         : "Phần «" + p.value->span.text + "» của tổng " + quote + ": " + q + ", khác tỷ lệ ghi kèm là " +
                               FormatValue(p.percent->number, d, "%", en) + ".";
      if (!confirmed) {
        f.explanation += en ? " (No other share confirms that the percentage is of this whole.)"
                            : " (Không có tỷ lệ nào khác xác nhận tỷ lệ này tính trên tổng đó.)";
      }
      Raise(std::move(f));
    }
    if (parts.size() < 2) return false;
    if (sum_holds) {
      Check k = MakeCheck("sum", "builtin:stated_parts", {}, total.number, sum);
      k.members.push_back({"", "total", total.number, total.span});
      for (const Part& p : parts) k.members.push_back({"", "part", p.amount, p.value->span});
      Held(std::move(k));
      return true;
    }
    // Parts that do not add up. The list may name only some parts ("trong đó: nữ 30, đảng viên
    // 12"): an error only where the words say the parts make the whole (their shares make 100%,
    // they are complementary, or they are as many as the text announces); else a warning, and
    // none where the parts exceed the whole many times over (another quantity was read).
    // A whole already flagged against other parts may break here too; parts already flagged
    // are one inconsistency told once.
    bool any_flagged = std::any_of(parts.begin(), parts.end(), [&](const Part& p) { return Flagged(*p.value); });
    if (any_flagged) return false;
    if (!exhaustive && (sum > 2 * total.number || sum < 0.5 * total.number)) return false;
    if (!exhaustive) {
      // Unannounced lists often name only some parts: warn only where one figure, with a digit or
      // two written differently, would make the sum hold (a slip, not a missing part).
      double diff = total.number - sum;
      bool slip = DigitSlip(total, sum);
      for (const Part& p : parts) slip = slip || DigitSlip(*p.value, p.value->number + diff * (p.value->number / (p.amount != 0 ? p.amount : 1)));
      if (!slip) return false;
    }
    Flag f = MakeFlag("sum_mismatch", exhaustive ? "error" : "warning", total.number, sum, "builtin:stated_parts");
    AddEvidence(f, total.span);
    for (const Part& p : parts) AddEvidence(f, p.value->span);
    std::string why = shares_make_whole ? (en ? "their shares add up to 100%" : "các tỷ lệ của chúng cộng lại bằng 100%")
                      : complementary   ? (en ? "they are complementary parts" : "đó là các phần bù nhau")
                      : counted         ? (en ? "as many parts as the text announces" : "đủ số phần văn bản đã nêu")
                                        : (en ? "the list may not name every part" : "danh sách có thể chưa nêu hết các phần");
    std::string expr = JoinValues(values, dp, en) + " = " + FormatNumber(sum, dp, en);
    f.explanation = en ? "Parts listed after " + quote + " (" + why + "): " + expr + ", not the " + FormatNumber(total.number, dt, en) +
                             " stated as the whole."
                       : "Các phần nêu sau " + quote + " (" + why + "): " + expr + ", khác tổng đã nêu là " +
                             FormatNumber(total.number, dt, en) + ".";
    Raise(std::move(f));
    return false;
  }

  size_t IndexOf(const Mention* m) const {
    return static_cast<size_t>(std::lower_bound(order.begin(), order.end(), m->span.normalized.begin,
                                                [](const Mention* x, size_t p) { return x->span.normalized.begin < p; }) -
                               order.begin());
  }

  // Where a cue phrase of `list` starts in the folded words of `raw`, as a byte offset into
  // `raw` (the first letter of the phrase), or npos; `found` gets the phrase.
  size_t FindCue(std::string_view raw, const std::string& list, std::string* found) const {
    auto it = c.rules.words.find(list);
    if (it == c.rules.words.end()) return std::string_view::npos;
    // Walk the words of raw, keeping each word's byte offset.
    std::vector<std::pair<size_t, std::string>> words;
    size_t i = 0;
    while (i < raw.size()) {
      while (i < raw.size() && (std::isspace(static_cast<unsigned char>(raw[i])) || std::ispunct(static_cast<unsigned char>(raw[i])))) ++i;
      size_t b = i;
      while (i < raw.size() && !std::isspace(static_cast<unsigned char>(raw[i])) &&
             !(std::ispunct(static_cast<unsigned char>(raw[i])) && raw[i] != '&')) ++i;
      if (i > b) for (const std::string& t : Tokenize(raw.substr(b, i - b))) words.push_back({b, t});
    }
    size_t best = std::string_view::npos;
    for (const std::string& phrase : it->second) {
      std::vector<std::string> pw = Tokenize(phrase);
      for (size_t k = 0; k + pw.size() <= words.size(); ++k) {
        bool ok = true;
        for (size_t q = 0; q < pw.size() && ok; ++q) ok = words[k + q].second == pw[q];
        if (ok && words[k].first < best) {
          best = words[k].first;
          *found = phrase;
        }
        if (ok) break;
      }
    }
    return best;
  }

  // The number of parts a text announces just before a whole or a cue: "04 cụm công nghiệp với
  // tổng diện tích 62ha", "chia thành 02 nhóm:". 0 when none.
  int AnnouncedCount(size_t from, size_t to) const {
    // Only within the whole's own line and clause: "04 cụm công nghiệp với tổng diện tích 62ha".
    size_t cut = std::string_view(text.data(), to).find_last_of("\n,;:");
    if (cut != std::string_view::npos && cut + 1 > from) from = cut + 1;
    for (const Mention* m : In(from, to)) {
      if (!IsAdditive(*m) || m->number < 2 || m->number > 50 || m->number != std::floor(m->number)) continue;
      if (Decimals(*m) > 0 || NounAfter(*m).empty()) continue;
      return static_cast<int>(m->number);
    }
    return 0;
  }

  // "tổng … X, trong đó: a A, b B", "X …. Trong đó: …", "X …, gồm: …" (the parts in the sentence,
  // inside the parentheses that hold the cue, or in the list items below), and "X (a A, b B)".
  void Breakdowns() {
    const Layout& layout = *c.in.layout;
    if (c.rules.words.find("parts_follow") == c.rules.words.end()) return;
    std::set<size_t> used_totals;
    for (size_t bi = 0; bi < layout.blocks.size(); ++bi) {
      const Block& block = layout.blocks[bi];
      // A numbered line of prose ("1. Tổng số văn bản … là 412, trong đó …") reads as a heading.
      // A table's cells hold prose too ("23 doanh nghiệp (20 đang hoạt động, 03 tạm dừng)"):
      // sentences there end at the cell's tab.
      if (block.kind != BlockKind::kParagraph && block.kind != BlockKind::kListItem && block.kind != BlockKind::kHeading &&
          block.kind != BlockKind::kTable) {
        continue;
      }
      std::vector<const Mention*> here = In(block.range.begin, block.range.end);
      for (size_t mi = 0; mi < here.size(); ++mi) {
        const Mention& total = *here[mi];
        if (!IsAdditive(total) || total.number <= 0 || NamesSomething(total)) continue;
        {
          // "chia thành 02 nhóm", "gồm 03 nội dung": the count of the parts, not a whole of them.
          size_t from = total.span.normalized.begin > 24 ? total.span.normalized.begin - 24 : 0;
          std::string before = FoldedWords(Between(from, total.span.normalized.begin));
          bool counts_parts = false;
          for (const char* w : {" chia thanh ", " gom ", " bao gom ", " gom co ", " chia lam "}) {
            std::string tail(w);
            counts_parts |= before.size() >= tail.size() && before.compare(before.size() - tail.size(), tail.size(), tail) == 0;
          }
          if (counts_parts) continue;
        }
        const size_t after = total.span.normalized.end;
        TextRange sentence = Sentence(total.span.normalized.begin, block.range.begin, block.range.end, false, false);
        // The next figure outside the asides that follow ("(bao gồm cả 02 giấy phép điều chỉnh)").
        size_t next_pos = block.range.end;
        for (size_t k = mi + 1; k < here.size() && k <= mi + 8; ++k) {
          int depth = 0;
          for (char ch : Between(after, here[k]->span.normalized.begin)) depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
          if (depth > 0 && Between(here[k]->span.normalized.end, block.range.end).find(')') != std::string_view::npos) continue;
          next_pos = here[k]->span.normalized.begin;
          break;
        }
        // The cue may open the next sentence: "… đạt 291.881.108.667 đồng. Trong đó: …".
        size_t reach = std::min(next_pos, sentence.end);
        if (sentence.end < next_pos) {
          TextRange following = Sentence(std::min(sentence.end + 2, block.range.end), block.range.begin, block.range.end, false, false);
          std::string cue_next;
          size_t at = FindCue(Between(following.begin, following.end), "parts_follow", &cue_next);
          if (at != std::string_view::npos && Tokenize(Between(following.begin, following.begin + at)).empty()) {
            reach = std::min(next_pos, following.end);
            sentence.end = following.end;
          }
        }
        std::string_view gap = Between(after, reach);
        std::string cue;
        size_t cue_at = FindCue(gap, "parts_follow", &cue);
        // A cue inside an aside that closes before the list ("09 giấy phép … (bao gồm cả cấp mới và
        // điều chỉnh), trong đó, thăm dò: 03 …") speaks of the aside: look past it.
        while (cue_at != std::string_view::npos) {
          std::string_view lead = gap.substr(0, cue_at);
          size_t open = lead.rfind('(');
          if (open == std::string_view::npos || lead.find(')', open) != std::string_view::npos) break;
          size_t close = gap.find(')', cue_at);
          if (close == std::string_view::npos) break;
          std::string later;
          size_t again = FindCue(gap.substr(close + 1), "parts_follow", &later);
          if (again == std::string_view::npos) break;
          cue_at = close + 1 + again;
          cue = later;
        }
        bool paren_only = false;
        if (cue_at == std::string_view::npos) {
          // "23 doanh nghiệp (20 đang hoạt động, 03 tạm dừng)": parts in parentheses right after.
          // "Cát làm VLXD 04 giấy phép: Thăm dò: 02 giấy phép; Khai thác: 02 giấy phép": after
          // a colon that follows the whole's noun.
          size_t open = gap.find('(');
          size_t colon = gap.find(':');
          if (colon != std::string_view::npos && (open == std::string_view::npos || colon < open) &&
              Tokenize(gap.substr(0, colon)).size() >= 1 && Tokenize(gap.substr(0, colon)).size() <= 4 &&
              gap.substr(0, colon).find_first_of(",;(") == std::string_view::npos && !NounAfter(total).empty()) {
            cue_at = colon;
            cue = ":";
          } else if (open == std::string_view::npos || Tokenize(gap.substr(0, open)).size() > 4 ||
                     gap.substr(0, open).find_first_of(",;:") != std::string_view::npos) {
            continue;
          } else {
            cue_at = open;
            cue = "(";
          }
          paren_only = true;
        }
        // "cụ thể" opens a list only as "cụ thể:" or "cụ thể như sau" ("kiến nghị cụ thể sửa đổi" does not).
        if (cue == "cu the") {
          std::string_view after_cue = Between(after + cue_at, reach);
          size_t colon = after_cue.find(':');
          std::string folded_after = FoldedWords(after_cue);
          if (!(colon != std::string_view::npos && Tokenize(after_cue.substr(0, colon)).size() <= 4) &&
              folded_after.find(" cu the nhu sau ") != 0) {
            continue;
          }
        }
        // Nothing but the whole's noun and a few words may stand between it and the cue.
        // Further, up to twice as many, only for parts that each name the whole's noun ("1,69 ha
        // hiện trạng … cho các tổ chức thuê đất … (gồm: 0,67 ha của … và 1,02 ha của …)").
        const size_t words_to_cue = Tokenize(WithoutAsides(gap.substr(0, cue_at))).size();
        if (words_to_cue > 2 * kWholeToCueWords) continue;
        const bool far_cue = words_to_cue > kWholeToCueWords;
        std::string rest_folded = FoldedWords(gap.substr(cue_at));
        bool one_notable = !paren_only && rest_folded.find(" " + cue + " co ") == 0;
        const size_t cue_pos = after + cue_at;
        // A window of the text the cue was read in, cut on a character boundary (it is quoted).
        std::string cue_written =
            paren_only ? cue
                       : std::string(Between(cue_pos, CharBoundaryAtOrBefore(text, cue_pos + std::min<size_t>(gap.size() - cue_at, cue.size() + 6))));
        if (!paren_only) {
          // Cut the written cue to as many words as the phrase has.
          size_t want = Tokenize(cue).size(), seen = 0, k = 0;
          for (; k < cue_written.size(); ++k) {
            if (cue_written[k] == ' ' && ++seen == want) break;
          }
          cue_written = cue_written.substr(0, k);
          while (!cue_written.empty() && std::ispunct(static_cast<unsigned char>(cue_written.back()))) cue_written.pop_back();
        }
        // The list ends where the parentheses holding the cue close, else with the sentence
        // (after a bare colon, with its line).
        size_t list_end = sentence.end;
        if (cue == ":") {
          size_t nl = text.find('\n', cue_pos);
          if (nl != std::string_view::npos) list_end = std::min(list_end, nl);
          // "Có 2 sáng kiến hoặc giải pháp mới: 1": a label and its value, not a whole and parts.
          std::vector<const Mention*> first = In(cue_pos, list_end);
          if (first.empty() || NounAfter(*first.front()).empty()) continue;
        }
        {
          std::string_view lead = Between(after, cue_pos + (cue == "(" ? 1 : 0));
          size_t open = lead.rfind('(');
          if (open != std::string_view::npos && lead.find(')', open) == std::string_view::npos) {
            size_t close = text.find(')', cue_pos);
            if (close != std::string_view::npos) list_end = std::min(list_end, close);
          }
        }
        // "chia thành 02 nhóm:" announces the parts' count; so does "04 cụm … 62ha (…)" before.
        int expected = AnnouncedCount(sentence.begin, total.span.normalized.begin);
        size_t parts_start = cue_pos;
        if (!paren_only) {
          std::vector<const Mention*> first = In(cue_pos, list_end);
          if (!first.empty() && IsAdditive(*first.front())) {
            std::string_view between = Between(cue_pos, first.front()->span.normalized.begin);
            std::string_view after_first = Between(first.front()->span.normalized.end, list_end);
            size_t colon = after_first.find(':');
            // "chia thành 02 nhóm:" — the count, then the list.
            if (Tokenize(between).size() <= 3 && colon != std::string_view::npos && Tokenize(after_first.substr(0, colon)).size() <= 3 &&
                Tokenize(after_first.substr(colon + 1)).empty()) {
              expected = static_cast<int>(first.front()->number);
              parts_start = first.front()->span.normalized.end;
            }
          }
        }
        // The parts of one whole: in the rest of the sentence, or in the list items below.
        auto collect = [&](const Mention& whole, std::vector<Part>& parts, bool& foreign) {
          size_t parts_from = parts_start;
          // "đã giải quyết 2.051 hồ sơ; trong đó 2.041 … trước hạn; đang giải quyết 214 hồ sơ": a
          // figure whose words give it another status than the whole's is no part of it, and the
          // list of parts ends before it.
          const std::string whole_status = Status(FoldedWords(Between(sentence.begin, whole.span.normalized.begin)), /*last=*/true);
          bool list_over = false;
          auto take = [&](const Mention& v, size_t end) {
            if (NamesSomething(v)) return;
            if (!SameKind(whole, v)) { foreign = true; return; }
            Part p{&v, ShareAfter(IndexOf(&v), end), "", AmountOf(whole, v)};
            // Its label: the words since the previous part (and its share), or since the cue.
            size_t from = parts_from;
            if (!parts.empty()) {
              from = std::max(from, parts.back().value->span.normalized.end);
              if (parts.back().percent) from = std::max(from, parts.back().percent->span.normalized.end);
            }
            if (from < v.span.normalized.begin) p.label = FoldedWords(Between(from, v.span.normalized.begin));
            std::string status = Status(p.label, /*last=*/false);
            if (!whole_status.empty() && !status.empty() && status != whole_status && Verb(status) == Verb(whole_status)) {
              list_over = true;
              return;
            }
            parts.push_back(p);
          };
          for (const Mention* v : In(parts_from, list_end)) {
            if (list_over) break;
            if (v->type == MentionType::kPercent) continue;
            if (!IsAdditive(*v)) break;
            // A part's own breakdown in parentheses ("03 giấy phép (01 cấp mới, 02 điều chỉnh)") is
            // one level down: not a part of this whole.
            // A figure in parentheses after a part's name ("CCN Đông An (60 ha)") is that part.
            int depth = 0;
            size_t opened = 0;
            size_t from = cue == "(" ? cue_pos + 1 : cue_pos;
            std::string_view lead = Between(from, v->span.normalized.begin);
            for (size_t q = 0; q < lead.size(); ++q) {
              if (lead[q] == '(' && depth++ == 0) opened = from + q;
              if (lead[q] == ')' && depth > 0) --depth;
            }
            if (depth > 0) {
              size_t since = from;
              if (!parts.empty()) since = std::max(since, parts.back().value->span.normalized.end);
              bool after_name = parts.empty() || Between(since, opened).find_first_of(",;") != std::string_view::npos;
              if (!after_name) continue;
            }
            // After a bare colon the parts name what the whole counts: "04 giấy phép: Thăm dò: 01 giấy phép".
            if (cue == ":" && (NounAfter(whole).empty() || NounAfter(*v) != NounAfter(whole))) continue;
            take(*v, list_end);
          }
          // "…, trong đó:" ending the paragraph: the list items below, one part each (the first
          // figure of the whole's kind in each).
          std::string_view rest = Between(parts_from, list_end);
          while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\n')) rest.remove_suffix(1);
          if (parts.empty() && !rest.empty() && rest.back() == ':' && Tokenize(rest).size() <= 6) {
            for (TextRange item : ListItemsBelow(list_end)) {
              const Mention* pick = nullptr;
              for (const Mention* v : In(item.begin, item.end)) {
                if (IsAdditive(*v) && SameKind(whole, *v) && !LeafMarkerAt(*v) && !NamesSomething(*v)) { pick = v; break; }
              }
              if (!pick) break;
              parts_from = item.begin;
              take(*pick, Sentence(pick->span.normalized.begin, item.begin, item.end, false, false).end);
            }
          }
        };
        std::vector<Part> parts;
        bool foreign = false;
        const Mention* whole = &total;
        collect(total, parts, foreign);
        // Figures of other kinds mixed in ("58 kho, trong đó: … sức chứa 210 tấn (03 kho) …; 01 kho
        // … 60 tấn và 52 kho"): where every part taken names the whole's noun, those are its parts.
        auto named_parts = [&](const Mention& w, const std::vector<Part>& ps) {
          std::string noun = Unabbreviated(NounAfter(w));
          return !noun.empty() && ps.size() >= 2 &&
                 std::all_of(ps.begin(), ps.end(), [&](const Part& p) { return Unabbreviated(NounAfter(*p.value)) == noun; });
        };
        // Only right after the whole and its noun ("58 kho, trong đó:"): a cue further on may open
        // the parts of something named between ("210 tấn (03 kho) và Cụm kho … gồm có 02 kho").
        bool named = false;
        if (foreign && !paren_only && Tokenize(gap.substr(0, cue_at)).size() <= 2 && named_parts(total, parts)) {
          foreign = false;
          named = true;
        }
        if (far_cue && (foreign || !named_parts(total, parts))) continue;
        // "05 cụm … (tổng diện tích 338 ha, tổng mức đầu tư … 4.056 tỷ đồng), cụ thể:": when the
        // figure nearest the cue is of another kind than the parts, an earlier one of the
        // sentence may be their whole.
        for (size_t back = 1; back <= 3 && mi >= back && (parts.size() < 2 || foreign); ++back) {
          const Mention& earlier = *here[mi - back];
          if (earlier.span.normalized.begin < sentence.begin || !IsAdditive(earlier) || NamesSomething(earlier)) break;
          std::vector<Part> other;
          bool other_foreign = false;
          collect(earlier, other, other_foreign);
          if (other.size() >= 2 && !other_foreign) {
            parts = std::move(other);
            foreign = false;
            whole = &earlier;
          }
        }
        if (parts.empty() || (one_notable && parts.size() == 1) || (paren_only && parts.size() < 2)) continue;
        {
          std::string words = FoldedWords(Between(sentence.begin, sentence.end));
          for (const Part& p : parts) words += p.label;
          if (Scores(words)) continue;
        }
        if (foreign && !paren_only) {
          // Parts of another kind mixed in: only the shares are read, each against the whole.
          for (const Part& p : parts) if (p.percent) WholeAndParts(*whole, cue_written, {p}, 0);
          continue;
        }
        if (foreign) continue;
        if (!used_totals.insert(whole->span.start).second) continue;
        WholeAndParts(*whole, cue_written, std::move(parts), whole == &total && !named ? expected : 0);
      }
    }
  }

  // "… đã cấp 09 giấy phép …. Cụ thể đối với từng loại khoáng sản như sau:" over list items that
  // each open with a count of one noun ("- Đá …: 04 giấy phép", "- Cát …: 04 giấy phép", "- Đất …:
  // 01 giấy phép"): the whole is stated in the sentence before the one that announces them, as
  // the first figure of that noun there. A warning where they do not add up (WholeAndParts).
  void WholeBeforeDetails() {
    for (const Block& block : c.in.layout->blocks) {
      if (block.kind != BlockKind::kParagraph && block.kind != BlockKind::kListItem) continue;
      std::string_view body = Between(block.range.begin, block.range.end);
      while (!body.empty() && (body.back() == ' ' || body.back() == '\n')) body.remove_suffix(1);
      if (body.size() < 2 || body.back() != ':') continue;
      const size_t colon = block.range.begin + body.size() - 1;
      TextRange cue = Sentence(colon - 1, block.range.begin, colon + 1, false, false);
      std::string folded = FoldedWords(Between(cue.begin, colon));
      if (folded.rfind(" cu the ", 0) != 0 || folded.find(" nhu sau ") == std::string::npos || !In(cue.begin, colon).empty()) continue;
      size_t dot = cue.begin;
      while (dot > block.range.begin && (text[dot - 1] == ' ' || text[dot - 1] == '\n')) --dot;
      if (dot <= block.range.begin + 1 || text[dot - 1] != '.') continue;
      TextRange stated = Sentence(dot - 2, block.range.begin, dot, false, false);
      std::vector<TextRange> items = ListItemsBelow(colon);
      if (items.size() < 2) continue;
      // Each item's first figure that counts something; all of one noun.
      std::vector<const Mention*> firsts;
      std::string noun;
      for (TextRange item : items) {
        const Mention* pick = nullptr;
        for (const Mention* v : In(item.begin, item.end)) {
          if (IsAdditive(*v) && !LeafMarkerAt(*v) && !NamesSomething(*v)) { pick = v; break; }
        }
        std::string n = pick ? Unabbreviated(NounAfter(*pick)) : "";
        if (n.empty() || (!noun.empty() && n != noun)) { firsts.clear(); break; }
        noun = n;
        firsts.push_back(pick);
      }
      if (firsts.size() < 2) continue;
      const Mention* whole = nullptr;
      for (const Mention* m : In(stated.begin, stated.end)) {
        if (IsAdditive(*m) && !NamesSomething(*m) && Unabbreviated(NounAfter(*m)) == noun) { whole = m; break; }
      }
      if (!whole || whole->number <= 0) continue;
      std::vector<Part> parts;
      for (size_t k = 0; k < firsts.size(); ++k) {
        const Mention& v = *firsts[k];
        Part p{&v, ShareAfter(IndexOf(&v), items[k].end), FoldedWords(Between(items[k].begin, v.span.normalized.begin)), AmountOf(*whole, v)};
        parts.push_back(p);
      }
      std::string cue_written(Between(cue.begin, CharBoundaryAtOrBefore(text, std::min(colon, cue.begin + 40))));
      WholeAndParts(*whole, Trim(cue_written), std::move(parts), 0);
    }
  }

  // The status words give a figure (`words status_*`: "đã", "đang", "chưa") with the word they
  // qualify: "status_done giai" for "đã giải quyết"; the first such phrase in `folded` (the last
  // with `last`), or "".
  std::string Status(const std::string& folded, bool last) const {
    std::string found;
    size_t found_at = 0;
    for (const auto& [name, phrases] : c.rules.words) {
      if (name.rfind("status_", 0) != 0) continue;
      for (const std::string& p : phrases) {
        std::string w = FoldedWords(p);
        size_t at = last ? folded.rfind(w) : folded.find(w);
        if (at == std::string::npos) continue;
        if (found.empty() || (last ? at > found_at : at < found_at)) {
          size_t next = at + w.size(), end = folded.find(' ', next);
          found = name + " " + (end == std::string::npos ? std::string() : folded.substr(next, end - next));
          found_at = at;
        }
      }
    }
    return found;
  }
  static std::string Verb(const std::string& status) { return status.substr(status.find(' ') + 1); }

  // The list items on the lines after `pos` ("- …", "a) …", "1. …"), one range each, its wrapped
  // lines with it: as many as kMaxListedParts, of one marker kind, up to a blank line or prose.
  std::vector<TextRange> ListItemsBelow(size_t pos) const {
    std::vector<TextRange> items;
    size_t line = text.find('\n', pos);
    std::string first_kind;
    int continuation = 0;
    while (line != std::string_view::npos && line + 1 < text.size() && static_cast<int>(items.size()) < kMaxListedParts) {
      size_t lb = line + 1, le = text.find('\n', lb);
      if (le == std::string_view::npos) le = text.size();
      line = le < text.size() ? le : std::string_view::npos;
      if (Trim(std::string(Between(lb, le))).empty()) break;
      std::string kind = MarkerKind(lb);
      if (kind.empty()) {
        // A wrapped item goes on; after an item that ended its sentence, prose ends the list.
        std::string prev = Trim(std::string(Between(LineStart(lb - 1, 2000), lb - 1)));
        bool ended = !prev.empty() && (prev.back() == '.' || prev.back() == ';' || prev.back() == ':');
        if (items.empty() || ended || ++continuation > 3) break;
        continue;
      }
      if (first_kind.empty()) first_kind = kind;
      else if (kind != first_kind) break;
      continuation = 0;
      // The item runs to the next marked line.
      size_t item_end = le;
      for (size_t nb = le; nb < text.size() && nb - le < 2000;) {
        size_t ne = text.find('\n', nb + 1);
        if (ne == std::string_view::npos) ne = text.size();
        if (!MarkerKind(nb + 1).empty() || Trim(std::string(Between(nb + 1, ne))).empty()) break;
        item_end = ne;
        nb = ne;
      }
      items.push_back({lb, item_end});
    }
    return items;
  }

  // A figure that names rather than counts: "Điều 50", "trang 9", "Nhóm 1", "[1]", "Thống Nhất 1",
  // "khoáng sản 3 - Vimico", a bound "<0.8" of a scoring rule. Never a part or a whole.
  bool NamesSomething(const Mention& m) const {
    if (!m.comparator.empty()) return true;
    size_t b = m.span.normalized.begin, e = m.span.normalized.end;
    size_t p = b;
    while (p > 0 && text[p - 1] == ' ') --p;
    // "[1]", "#3", a range "19,4-30,7" (a dash glued to the figure); "Sơn Mãn - 7,5ha" is a part.
    if (p > 0 && (text[p - 1] == '[' || text[p - 1] == '#' || (text[p - 1] == '-' && p == b))) return true;
    // A code: "A.1.2", "04R01", "QCVN 06:2022" — letters or a dot glued to the figure.
    if (b > 0 && (std::isalpha(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '.' || text[b - 1] == '_')) return true;
    if (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e])) && m.type == MentionType::kNumber &&
        NounAfter(m).empty()) {
      return true;   // "04R01", but not "62ha"
    }
    size_t q = e;
    while (q < text.size() && text[q] == ' ') ++q;
    if (q < text.size() && text[q] == ']') return true;
    if (q < text.size() && text[q] == '-') {
      // "19,4-30,7" glued, or "khoáng sản 3 - Vimico": a name goes on after the dash.
      if (q == e) return true;
      size_t r = q + 1;
      while (r < text.size() && text[r] == ' ') ++r;
      int32_t i = static_cast<int32_t>(r);
      UChar32 cp = 0;
      if (r < text.size()) U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), cp);
      if (cp > 0 && u_isupper(cp)) return true;
    }
    // The word before it.
    size_t we = p, wb = p;
    while (wb > 0 && text[wb - 1] != ' ' && text[wb - 1] != '\n' && text[wb - 1] != '\t' && text[wb - 1] != '(') --wb;
    std::vector<std::string> prev = Tokenize(Between(wb, we));
    // The naming word stands right before the figure: "Điều 50", not "hạ tầng: 23".
    std::string_view prev_word = Between(wb, we);
    bool glued_word = !prev_word.empty() && (std::isalnum(static_cast<unsigned char>(prev_word.back())) ||
                                             static_cast<unsigned char>(prev_word.back()) >= 0x80);
    if (prev.size() == 1 && glued_word) {
      // Words that number what follows them; not those that end a phrase before a quantity
      // ("trực tuyến 800", "một phần 160", "lấp đầy 95%", "hiệu quả").
      static const std::set<std::string> kNaming = {"dieu", "khoan", "diem", "trang", "nhom", "so", "muc", "chuong",
                                                    "lan", "dot", "bang", "hinh", "ma", "phu", "luc", "tcvn", "qcvn",
                                                    "giai", "doan", "khu", "lo", "thua", "to", "loai",
                                                    "tang", "xuong", "goi", "thau", "phong", "block",
                                                    "ngay", "thang", "nam"};   // "ngày 05 tháng 6": a date's pieces
      // "số 45/KH-UBND" names a document; "tổng số 412" counts.
      // "tầng 3" names a floor; "tăng 150" is a rise (one folded word, two words as written).
      bool rise = prev[0] == "tang" && prev_word.find("\u1ea7") == std::string_view::npos && prev_word.find("\u1ea6") == std::string_view::npos;
      if (kNaming.count(prev[0]) && !rise) {
        if (prev[0] != "so") return true;
        std::vector<std::string> two = Tokenize(Between(wb > 12 ? wb - 12 : 0, we));
        if (two.size() < 2 || two[two.size() - 2] != "tong") return true;
      }
      // "Thống Nhất 1", "Phú Thịnh 3": a small number right after a capitalized name.
      std::string_view word = Between(wb, we);
      bool capital = false;
      if (!word.empty()) {
        int32_t i = 0;
        UChar32 cp;
        U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), cp);
        capital = cp > 0 && u_isupper(cp);
      }
      bool glued = !word.empty() && std::isalpha(static_cast<unsigned char>(word.back())) | (static_cast<unsigned char>(word.back()) >= 0x80);
      if (capital && glued && m.number < 100 && m.number == std::floor(m.number) && m.type == MentionType::kNumber && wb > 0 &&
          text[wb - 1] == ' ') {
        return true;
      }
    }
    return false;
  }

  // A small whole number that is all its line holds: a row number or a page number.
  bool AloneOnLine(const Mention& m) const {
    if (!IsAdditive(m) || m.number > 999 || m.number != std::floor(m.number)) return false;
    // The digits as written: a count read across the line break ("2⏎   TTHC", a row number
    // before a cell's next line) is still a number alone on its line.
    size_t b = m.span.normalized.begin, e = b;
    while (e < m.span.normalized.end && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '.' || text[e] == ',')) ++e;
    if (e == b) return false;
    while (b > 0 && text[b - 1] == ' ') --b;
    while (e < text.size() && text[e] == ' ') ++e;
    return (b == 0 || text[b - 1] == '\n') && (e >= text.size() || text[e] == '\n');
  }

  // A figure that is the list marker of its line ("1." or "2)" at the start): no part.
  bool LeafMarkerAt(const Mention& m) const {
    size_t b = m.span.normalized.begin;
    while (b > 0 && text[b - 1] == ' ') --b;
    bool line_start = b == 0 || text[b - 1] == '\n';
    size_t e = m.span.normalized.end;
    return line_start && e < text.size() && (text[e] == '.' || text[e] == ')');
  }

  // ------------------------------------------------------------------------------------------
  // Tables.

  struct Cell {
    const Mention* m = nullptr;   // the cell's one additive or percentage value
    bool blank = false;           // empty or a dash: zero in a sum
  };

  Cell CellOf(const TableCell& cell) const {
    Cell out;
    std::string t = Trim(cell.text);
    if (t.empty() || t == "-" || t == "–" || t == "—" || t == "0") {
      out.blank = true;
      if (t != "0") return out;
    }
    std::vector<const Mention*> in = In(cell.range.begin, cell.range.end);
    const Mention* only = nullptr;
    int n = 0;
    for (const Mention* m : in) {
      if (m->span.normalized.begin >= cell.range.begin + cell.text.size() + 8) break;
      ++n;
      only = m;
    }
    if (n == 1 && (IsAdditive(*only) || only->type == MentionType::kPercent)) {
      // The value must be the cell: nothing but its own text and a unit around it.
      if (only->span.text.size() + 12 >= t.size()) out.m = only;
    }
    if (out.m) out.blank = false;
    return out;
  }

  static bool NotAdditiveHeader(const std::string& h) {
    for (const char* w : {"stt", "tt", "ty le", "%", "nam", "ma", "so hieu", "toa do", "x", "y", "binh quan", "trung binh",
                          "ghi chu", "ngay", "thoi gian", "thoi han", "diem", "xep hang", "hang", "chi so", "don gia", "gia",
                          "so dien thoai", "dien thoai", "ky hieu", "muc", "lan", "dot", "so", "so van ban", "thu tu"}) {
      if (h == std::string(" ") + w + " ") return true;
    }
    for (const char* w : {"ty le", "binh quan", "trung binh", "toa do", "don gia", "xep hang", "so hieu", "ma so", "diem so",
                          "thu hang", "so dien thoai", "%"}) {
      if (h.find(w) != std::string::npos) return true;
    }
    return false;
  }

  // "I", "II", "A", "B": a row that heads a group of numbered rows.
  static bool GroupMarker(const std::string& s) {
    std::string t = Trim(s);
    while (!t.empty() && (t.back() == '.' || t.back() == ')')) t.pop_back();
    if (t.empty() || t.size() > 5) return false;
    if (t.size() == 1 && t[0] >= 'A' && t[0] <= 'H') return true;
    return std::all_of(t.begin(), t.end(), [](char ch) { return ch == 'I' || ch == 'V' || ch == 'X'; });
  }
  static bool LeafMarker(const std::string& s) {
    std::string t = Trim(s);
    while (!t.empty() && (t.back() == '.' || t.back() == ')')) t.pop_back();
    return !t.empty() && t.size() <= 3 && std::all_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  }

  void SumFlag(const std::string& rule, const std::string& severity, const Mention& total, const std::vector<const Mention*>& parts,
               double sum, int decimals, const std::string& what) {
    const bool en = c.en();
    Flag f = MakeFlag("sum_mismatch", severity, total.number, sum, rule);
    AddEvidence(f, total.span);
    std::vector<double> values;
    for (const Mention* p : parts) {
      AddEvidence(f, p->span);
      values.push_back(p->number);
    }
    std::string expr = (values.size() <= 12 ? JoinValues(values, decimals, en)
                                            : (en ? std::to_string(values.size()) + " values" : std::to_string(values.size()) + " giá trị")) +
                       " = " + FormatNumber(sum, decimals, en);
    f.explanation = en ? what + ": " + expr + ", not the " + FormatNumber(total.number, decimals, en) + " stated as the total."
                       : what + ": " + expr + ", khác tổng số đã ghi là " + FormatNumber(total.number, decimals, en) + ".";
    Raise(std::move(f));
  }

  void SumHeld(const std::string& relation, const std::string& rule, const Mention& total, const std::vector<const Mention*>& parts,
               double sum) {
    Check k = MakeCheck(relation, rule, {}, total.number, sum);
    k.members.push_back({"", "total", total.number, total.span});
    for (const Mention* p : parts) k.members.push_back({"", "part", p->number, p->span});
    Held(std::move(k));
  }

  // A table as the checks see it: rows of cells, what each row is, and the columns' names
  // where the document gives them.
  struct Grid {
    std::vector<std::vector<Cell>> cells;   // rows × width
    std::vector<std::string> label;         // the row's name, for explanations
    std::vector<int> kind;                  // 0 plain, 1 total ("Tổng cộng"), 2 group ("I", "A"), 3 numbered
    std::vector<std::string> column;        // names as written; empty when not known
    std::vector<bool> additive, rate;
    bool named = false;                     // columns named by a header
    size_t width = 0;
  };
  // Tables laid out with spaces (SpacedGrids), kept for the checks that compare places.
  std::vector<Grid> spaced;

  bool TotalWords(std::string_view label) const {
    auto it = c.rules.words.find("total_row");
    if (it == c.rules.words.end()) return false;
    std::string key = FoldedWords(label);
    for (const std::string& w : it->second) if (key == " " + w + " ") return true;
    return false;
  }

  // Column classes from the cells (and the names, where known).
  void Classify(Grid& g) const {
    g.additive.assign(g.width, false);
    g.rate.assign(g.width, false);
    for (size_t j = 0; j < g.width; ++j) {
      int numeric = 0, pct = 0;
      for (const auto& row : g.cells) {
        if (row[j].m) {
          ++numeric;
          if (row[j].m->type == MentionType::kPercent) ++pct;
        }
      }
      std::string h = g.column[j];
      std::string fh = FoldedWords(h) + (h.find('%') != std::string::npos ? "% " : "");
      g.additive[j] = numeric >= 2 && pct == 0 && !NotAdditiveHeader(fh);
      g.rate[j] = numeric >= 2 && (fh.find("ty le") != std::string::npos || fh.find('%') != std::string::npos || pct * 2 >= numeric);
    }
  }

  Grid GridOf(const LayoutTable& t) const {
    Grid g;
    for (const auto& row : t.rows) g.width = std::max(g.width, row.size());
    g.cells.assign(t.rows.size(), std::vector<Cell>(g.width));
    g.named = !t.header.empty();
    for (size_t j = 0; j < g.width; ++j) {
      std::string h;
      for (const auto& row : t.header) {
        if (j < row.size() && !Trim(row[j].text).empty()) {
          if (!h.empty()) h += ' ';
          h += Trim(row[j].text);
        }
      }
      g.column.push_back(h);
    }
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      for (size_t j = 0; j < row.size(); ++j) g.cells[r][j] = CellOf(row[j]);
      std::string label;
      int kind = 0;
      for (size_t j = 0; j < std::min<size_t>(3, row.size()); ++j) {
        if (TotalWords(row[j].text)) kind = 1;
        if (label.empty() && !g.cells[r][j].m && Tokenize(row[j].text).size() > 0 &&
            !std::isdigit(static_cast<unsigned char>(Trim(row[j].text).empty() ? '0' : Trim(row[j].text)[0]))) {
          label = Trim(row[j].text);
        }
      }
      if (kind == 0 && !row.empty() && GroupMarker(row[0].text)) kind = 2;
      else if (kind == 0 && !row.empty() && LeafMarker(row[0].text)) kind = 3;
      if (label.size() > 80) label = label.substr(0, CharBoundaryAtOrBefore(label, 80)) + "…";
      g.label.push_back(label);
      g.kind.push_back(kind);
    }
    Classify(g);
    return g;
  }

  // Tables a converter laid out with spaces (pdftotext -layout): runs of lines that end in the
  // same number of figures ("1   Sở Tư pháp   14,50   14,50   13,50   93,10%"). The figures,
  // counted from the right, are the columns; the words before them name the row.
  std::vector<Grid> SpacedGrids() const {
    std::vector<Grid> out;
    const Layout& layout = *c.in.layout;
    std::vector<TextRange> tables;
    for (const LayoutTable& t : layout.tables) tables.push_back(t.range);
    std::sort(tables.begin(), tables.end(), [](const TextRange& a, const TextRange& b) { return a.begin < b.begin; });
    // Tables do not overlap: the one starting last at or before `pos` is the only one to ask.
    auto in_table = [&](size_t pos) {
      auto it = std::upper_bound(tables.begin(), tables.end(), pos, [](size_t p, const TextRange& r) { return p < r.begin; });
      return it != tables.begin() && pos < std::prev(it)->end;
    };
    struct Line {
      std::vector<const Mention*> run;   // trailing figures, left to right
      std::string label;
      std::string marker;
    };
    std::vector<Line> group;
    int gap = 0;
    auto flush = [&]() {
      if (group.size() >= 3) {
        std::map<size_t, int> widths;
        for (const Line& l : group) ++widths[l.run.size()];
        size_t width = 0;
        int most = 0;
        for (auto [w, n] : widths) if (n > most || (n == most && w > width)) { width = w; most = n; }
        if (width >= 2 && most >= 3) {
          Grid g;
          g.width = width;
          g.column.assign(width, "");
          for (const Line& l : group) {
            if (l.run.size() < width) continue;
            std::vector<Cell> row(width);
            for (size_t j = 0; j < width; ++j) row[j].m = l.run[l.run.size() - width + j];
            g.cells.push_back(std::move(row));
            std::string label = l.label.size() > 80 ? l.label.substr(0, CharBoundaryAtOrBefore(l.label, 80)) + "…" : l.label;
            g.label.push_back(label);
            int kind = TotalWords(l.label) ? 1 : GroupMarker(l.marker) ? 2 : LeafMarker(l.marker) ? 3 : 0;
            g.kind.push_back(kind);
          }
          Classify(g);
          out.push_back(std::move(g));
        }
      }
      group.clear();
      gap = 0;
    };
    size_t b = 0;
    while (b < text.size()) {
      size_t e = text.find('\n', b);
      if (e == std::string_view::npos) e = text.size();
      std::string_view line = text.substr(b, e - b);
      Line l;
      bool row = false;
      if (!in_table(b) && line.find('\t') == std::string_view::npos) {
        std::vector<const Mention*> here = In(b, e);
        // The trailing run: figures separated by two spaces or more, nothing else after them.
        size_t k = here.size();
        size_t right = e;
        while (k > 0) {
          const Mention* m = here[k - 1];
          if (!(IsAdditive(*m) || m->type == MentionType::kPercent)) break;
          std::string_view after = Between(m->span.normalized.end, right);
          if (after.find_first_not_of(' ') != std::string_view::npos) break;
          if (right != e && after.size() < 2) break;
          right = m->span.normalized.begin;
          --k;
        }
        if (k < here.size()) {
          std::string_view before = Between(b, here[k]->span.normalized.begin);
          // The figures must stand apart from the words: two spaces at least before them.
          size_t last = before.find_last_not_of(' ');
          bool apart = last == std::string_view::npos || before.size() - 1 - last >= 2;
          if (apart && here.size() - k >= 2) {
            row = true;
            for (size_t q = k; q < here.size(); ++q) l.run.push_back(here[q]);
            std::string lead = Trim(before);
            size_t sp = lead.find(' ');
            std::string first = sp == std::string::npos ? lead : lead.substr(0, sp);
            if (LeafMarker(first) || GroupMarker(first)) {
              l.marker = first;
              lead = sp == std::string::npos ? "" : Trim(lead.substr(sp + 1));
            }
            l.label = lead;
          }
        }
      }
      if (row) {
        group.push_back(std::move(l));
        gap = 0;
      } else if (!group.empty() && ++gap > 3) {
        flush();
      }
      b = e + 1;
    }
    flush();
    return out;
  }

  void CheckGrid(const Grid& g) {
    const bool en = c.en();
    const size_t width = g.width;
    if (g.cells.size() < 2 || width < 2) return;
    const size_t rows = g.cells.size();
    auto col_name = [&](size_t j) {
      if (!g.column[j].empty()) return g.column[j];
      return (en ? "column " : "cột số ") + std::to_string(j + 1) + (en ? " of figures" : "");
    };
    bool grouped = std::count(g.kind.begin(), g.kind.end(), 2) >= 2 && std::count(g.kind.begin(), g.kind.end(), 3) >= 2;

    // (a) Group rows ("I. Cụm công nghiệp …") against their numbered rows, before the total row:
    // a group row that disagrees with its rows is the one to blame.
    if (grouped) {
      for (size_t r = 0; r < rows; ++r) {
        if (g.kind[r] != 2) continue;
        size_t end = r + 1;
        while (end < rows && g.kind[end] != 2 && g.kind[end] != 1) ++end;
        for (size_t j = 0; j < width; ++j) {
          if (!g.additive[j] || !g.cells[r][j].m) continue;
          std::vector<const Mention*> parts;
          bool unreadable = false;
          for (size_t o = r + 1; o < end; ++o) {
            if (g.kind[o] != 3) continue;
            if (g.cells[o][j].m) parts.push_back(g.cells[o][j].m);
            else if (!g.cells[o][j].blank) unreadable = true;
          }
          if (unreadable || parts.size() < 2) continue;
          const Mention& total = *g.cells[r][j].m;
          double sum = 0;
          int d = Decimals(total);
          for (const Mention* p : parts) { sum += p->number; d = std::max(d, Decimals(*p)); }
          if (AgreesWithin(total.number, d, sum)) SumHeld("table_sum", "builtin:table_group_row", total, parts, sum);
          else if (!Flagged(total)) {
            SumFlag("builtin:table_group_row", "error", total, parts, sum, d,
                    en ? "Group row “" + g.label[r] + "” (column “" + col_name(j) + "”) against its numbered rows"
                       : "Dòng nhóm «" + g.label[r] + "» (cột «" + col_name(j) + "») so với các dòng đánh số của nhóm");
          }
        }
      }
    }
    // Total rows against the rows they total (over groups, the group rows).
    for (size_t r = 0; r < rows; ++r) {
      if (g.kind[r] != 1) continue;
      for (size_t j = 0; j < width; ++j) {
        if (!g.additive[j] || !g.cells[r][j].m) continue;
        const Mention& total = *g.cells[r][j].m;
        std::vector<const Mention*> parts;
        bool unreadable = false;
        for (size_t o = 0; o < rows; ++o) {
          if (o == r || g.kind[o] == 1) continue;
          if (grouped && g.kind[o] != 2) continue;
          if (g.cells[o][j].m) parts.push_back(g.cells[o][j].m);
          else if (!g.cells[o][j].blank && g.named) unreadable = true;
        }
        if (unreadable || parts.size() < 2) continue;
        double sum = 0;
        int d = Decimals(total);
        for (const Mention* p : parts) {
          sum += p->number;
          d = std::max(d, Decimals(*p));
        }
        std::string what = en ? "Row “" + g.label[r] + "” of the table (column “" + col_name(j) + "”)"
                              : "Dòng «" + g.label[r] + "» của bảng (cột «" + col_name(j) + "»)";
        if (AgreesWithin(total.number, d, sum)) SumHeld("table_sum", "builtin:table_total_row", total, parts, sum);
        else if (!Flagged(total) && std::none_of(parts.begin(), parts.end(), [&](const Mention* p) { return Flagged(*p); })) {
          SumFlag("builtin:table_total_row", "error", total, parts, sum, d, what);
        }
      }
    }
    // (b) A total column against the run of columns beside it, learned from the rows: the run
    // that adds up in most rows is the relation, and a row where it fails is flagged. Where the
    // header names the column ("Tổng số"), only that column; elsewhere any column.
    for (size_t tc = 0; tc < width; ++tc) {
      if (!g.additive[tc]) continue;
      std::string head = FoldKey(g.column[tc]);
      // A column named "Tổng …" totals its neighbours where two rows say so; any other column
      // only where every row that can be computed says so, in three rows at least
      // ("Số lượng giấy phép" beside "Cơ quan cấp phép: Bộ Công Thương | Bộ Quốc phòng | UBND").
      bool named_total = head.rfind("tong", 0) == 0 || head == "cong";
      struct Run { size_t from, to; int held = 0, tried = 0; };
      std::vector<Run> runs;
      for (size_t len = 2; len <= 8; ++len) {
        if (tc + len < width) runs.push_back({tc + 1, tc + len});
        if (tc >= len) runs.push_back({tc - len, tc - 1});
      }
      const Run* best = nullptr;
      for (Run& run : runs) {
        bool ok = true;
        for (size_t j = run.from; j <= run.to; ++j) ok &= g.additive[j];
        if (!ok) continue;
        for (size_t r = 0; r < rows; ++r) {
          if (!g.cells[r][tc].m) continue;
          double sum = 0;
          int readable = 0;
          bool bad = false;
          for (size_t j = run.from; j <= run.to; ++j) {
            if (g.cells[r][j].m) { sum += g.cells[r][j].m->number; ++readable; }
            else if (!g.cells[r][j].blank) bad = true;
          }
          if (bad || readable == 0) continue;
          ++run.tried;
          if (AgreesWithin(g.cells[r][tc].m->number, Decimals(*g.cells[r][tc].m), sum)) ++run.held;
        }
        // Columns not named as a total need more rows to be sure the sum is no coincidence.
        int needed = named_total ? 2 : kLearnedErrorRows;
        if (run.held >= needed && run.held >= kLearnedShare * run.tried && (!best || run.held > best->held)) best = &run;
      }
      if (!best) continue;
      for (size_t r = 0; r < rows; ++r) {
        if (!g.cells[r][tc].m) continue;
        std::vector<const Mention*> parts;
        double sum = 0;
        bool bad = false;
        int d = Decimals(*g.cells[r][tc].m);
        for (size_t j = best->from; j <= best->to; ++j) {
          if (g.cells[r][j].m) { parts.push_back(g.cells[r][j].m); sum += g.cells[r][j].m->number; d = std::max(d, Decimals(*g.cells[r][j].m)); }
          else if (!g.cells[r][j].blank) bad = true;
        }
        if (bad || parts.empty()) continue;
        const Mention& total = *g.cells[r][tc].m;
        if (AgreesWithin(total.number, d, sum)) {
          SumHeld("table_sum", "builtin:table_total_column", total, parts, sum);
        } else if (!Flagged(total)) {
          std::string cols = col_name(best->from) + " … " + col_name(best->to);
          SumFlag("builtin:table_total_column", best->held >= kLearnedErrorRows ? "error" : "warning", total, parts, sum, d,
                  en ? "Column “" + col_name(tc) + "” of row “" + g.label[r] + "” against columns “" + cols + "” (which add up to it in " +
                           std::to_string(best->held) + " other rows)"
                     : "Cột «" + col_name(tc) + "» của dòng «" + g.label[r] + "» so với các cột «" + cols + "» (cộng lại khớp ở " +
                           std::to_string(best->held) + " dòng khác)");
        }
      }
    }
    // (c) A rate column: the pair of columns whose quotient it is in most rows.
    for (size_t rc = 0; rc < width; ++rc) {
      if (!g.rate[rc]) continue;
      size_t best_a = 0, best_b = 0;
      int best_held = 0;
      for (size_t a = 0; a < width; ++a) {
        for (size_t b = 0; b < width; ++b) {
          if (a == b || a == rc || b == rc || g.rate[a] || g.rate[b]) continue;
          int held = 0, tried = 0;
          for (size_t r = 0; r < rows; ++r) {
            const Cell &x = g.cells[r][a], &y = g.cells[r][b], &z = g.cells[r][rc];
            if (!x.m || !y.m || !z.m || y.m->number <= 0 || !IsAdditive(*x.m) || !IsAdditive(*y.m)) continue;
            ++tried;
            if (RateAgrees(z.m->number, Decimals(*z.m), x.m->number / y.m->number * 100.0, false)) ++held;
          }
          int needed = g.named ? 2 : kLearnedErrorRows;
          if (held >= needed && held >= kLearnedShare * tried && held > best_held) {
            best_held = held;
            best_a = a;
            best_b = b;
          }
        }
      }
      if (best_held == 0) continue;
      for (size_t r = 0; r < rows; ++r) {
        const Cell &x = g.cells[r][best_a], &y = g.cells[r][best_b], &z = g.cells[r][rc];
        if (!x.m || !y.m || !z.m || y.m->number <= 0 || !IsAdditive(*x.m) || !IsAdditive(*y.m)) continue;
        int d = Decimals(*z.m);
        double computed = x.m->number / y.m->number * 100.0;
        if (RateAgrees(z.m->number, d, computed, false)) {
          Check k = MakeCheck("ratio", "builtin:table_rate_column", {}, z.m->number, RoundTo(computed, d));
          k.members.push_back({"", "numerator", x.m->number, x.m->span});
          k.members.push_back({"", "denominator", y.m->number, y.m->span});
          k.members.push_back({"", "rate", z.m->number, z.m->span});
          Held(std::move(k));
          continue;
        }
        if (Flagged(*z.m)) continue;
        Flag f = MakeFlag("ratio_mismatch", best_held >= kLearnedErrorRows ? "error" : "warning", z.m->number, RoundTo(computed, d), "builtin:table_rate_column");
        AddEvidence(f, x.m->span);
        AddEvidence(f, y.m->span);
        AddEvidence(f, z.m->span);
        std::string q = FormatNumber(x.m->number, Decimals(*x.m), en) + " / " + FormatNumber(y.m->number, Decimals(*y.m), en) +
                        " = " + FormatValue(computed, d, "%", en);
        f.explanation = en ? "Rate column “" + col_name(rc) + "” of row “" + g.label[r] + "” is column “" + col_name(best_a) +
                                 "” over “" + col_name(best_b) + "” in " + std::to_string(best_held) + " rows: " + q +
                                 ", not the " + FormatValue(z.m->number, d, "%", en) + " stated."
                           : "Cột tỷ lệ «" + col_name(rc) + "» của dòng «" + g.label[r] + "» bằng cột «" + col_name(best_a) +
                                 "» chia cột «" + col_name(best_b) + "» ở " + std::to_string(best_held) + " dòng: " + q +
                                 ", khác tỷ lệ đã ghi là " + FormatValue(z.m->number, d, "%", en) + ".";
        Raise(std::move(f));
      }
    }
  }
};

}  // namespace

void CheckStructure(AuditContext& c) {
  Structure s(c);
  // Reports and plans are read whole. Letters, decisions and submissions: a relation that joins
  // sentences is at most a warning. Comment tables and scoring annexes ("narrow_title"): only
  // what one sentence or one table states is read.
  const bool whole = c.reach == AuditContext::Reach::kDocument;
  const bool narrow = c.reach == AuditContext::Reach::kSentence;
  auto across_sentences = [&](auto&& read) {
    if (narrow) return;
    size_t first = c.flags.size();
    read();
    if (!whole) s.AtMostWarnings(first);
  };
  s.Fractions();
  s.Breakdowns();
  across_sentences([&] { s.NamedShares(); });
  s.OutlineSums();
  for (const LayoutTable& t : c.in.layout->tables) s.CheckGrid(s.GridOf(t));
  s.spaced = s.SpacedGrids();
  for (const auto& grid : s.spaced) s.CheckGrid(grid);
  s.TableAfterBreakdown();
  s.FractionRowsAfterIntro();
  across_sentences([&] { s.WholeBeforeDetails(); });
  s.RowsSaidToMatch();
  across_sentences([&] { s.NamedRates(); });
  across_sentences([&] { s.DefinedRates(); });
  across_sentences([&] { s.Remainders(); });
  s.StatedChanges();
  s.CountedLists();
  across_sentences([&] { s.RepeatedFigures(); });
  across_sentences([&] { s.RunningAccounts(); });
}

}  // namespace baocao
