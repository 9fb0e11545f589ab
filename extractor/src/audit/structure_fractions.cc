// A fraction and its percentage: "Có 70/139 kiến nghị …, chiếm 50%", "đạt 100% (45/45)", a table
// cell "862/1.266" over "(68,1%)"; and a whole above a table whose rows end in fraction cells.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "audit/structure_impl.h"
#include "baocao/link/link.h"
#include "baocao/recognize/recognize.h"

namespace baocao::audit_structure {

void Structure::FractionPercent(const Pair& pair) {
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
  bool forced = pair.forced_to_100 && std::fabs(pct.number - computed) <= std::pow(kDecimalBase, -d) + kBinaryNoise;
  if (RateAgrees(pct.number, d, computed, approx) || forced) {
    Check k = MakeCheck("fraction_percent", "builtin:fraction_percent", {}, pct.number, RoundTo(computed, d));
    k.members.push_back({"", MemberRole::kNumerator, frac.numerator, frac.span});
    if (auto it = denominator_of.find(&frac); it != denominator_of.end()) {
      k.members.push_back({"", MemberRole::kDenominator, frac.denominator, it->second->span});
    }
    k.members.push_back({"", MemberRole::kRate, pct.number, pct.span});
    Held(std::move(k));
    return;
  }
  Flag f = MakeFlag("ratio_mismatch", Severity::kError, pct.number, RoundTo(computed, d), "builtin:fraction_percent");
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

void Structure::JoinSlashFigures() {
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

std::vector<const Mention*> Structure::FiguresWithJoinedFractions() {
  JoinSlashFigures();
  std::vector<const Mention*> all = order;
  for (const Mention& f : joined_fractions) all.push_back(&f);
  std::stable_sort(all.begin(), all.end(), [](const Mention* a, const Mention* b) {
    return a->span.normalized.begin < b->span.normalized.begin;
  });
  return all;
}

std::optional<Structure::Pair> Structure::ShareAfterFraction(const std::vector<const Mention*>& all, size_t i, TextRange clause) const {
  const Mention& m = *all[i];
  // A row number alone on its line between them ("862/1.266⏎1⏎(68,1%)", pdftotext's layout of a
  // table) is passed over; so is the denominator of a joined fraction, no figure of its own.
  size_t ni = i + 1;
  if (denominator_of.count(&m)) ++ni;
  while (ni < all.size() && (AloneOnLine(*all[ni]) || all[ni]->span.normalized.begin < m.span.normalized.begin)) ++ni;
  if (ni >= all.size()) return std::nullopt;
  const Mention& next = *all[ni];
  // "cả 9/9 huyện … đạt tỷ lệ dưới 10%": a bound is no fraction's value.
  if (next.type != MentionType::kPercent || next.span.normalized.begin >= clause.end || next.comparator != Comparator::kNone) return std::nullopt;
  std::string gap = FoldedWords(Between(m.span.normalized.end, next.span.normalized.begin));
  std::string raw(Between(m.span.normalized.end, next.span.normalized.begin));
  bool paren = raw.find('(') != std::string::npos && Tokenize(raw).size() <= tuning.part_percent_words;
  if (ChangesBase(gap) || !(paren || IntroducesShare(gap))) return std::nullopt;
  std::vector<std::string> words = Tokenize(raw);
  std::string cue = paren ? "(" : (words.size() >= 2 && words[words.size() - 2] == "ty" ? "tỷ lệ" : "");
  if (cue.empty()) {
    // The cue as written: the last word before the percentage.
    std::string_view r = Between(m.span.normalized.end, next.span.normalized.begin);
    while (!r.empty() && (r.back() == ' ' || r.back() == '\n')) r.remove_suffix(1);
    size_t sp = r.find_last_of(" \n(");
    cue = std::string(sp == std::string_view::npos ? r : r.substr(sp + 1));
  }
  return Pair{&m, &next, cue};
}

const Mention* Structure::ShareOnLinesBelow(const Mention& m) const {
  size_t e = m.span.normalized.end;
  while (e < text.size() && text[e] == ' ') ++e;
  if (e >= text.size() || text[e] != '\n') return nullptr;
  size_t lb = e + 1;
  const Mention* found = nullptr;
  for (int k = 0; k < 3 && lb < text.size() && !found; ++k) {
    size_t le = text.find('\n', lb);
    if (le == std::string_view::npos) le = text.size();
    std::vector<const Mention*> on = In(lb, le);
    if (!on.empty()) {
      const Mention* last = on.back();
      std::string_view tail = Between(last->span.normalized.end, le);
      if (last->type == MentionType::kPercent && Trim(std::string(tail)) == ")" && PrevNonSpace(last->span.normalized.begin) == '(') {
        found = last;
      } else if (!(on.size() == 1 && AloneOnLine(*last))) {
        std::string_view line_tail = Between(last->span.normalized.end, le);
        if (Trim(std::string(line_tail)).empty()) break;   // another figure ends a line first
      }
    }
    lb = le + 1;
  }
  return found;
}

const Mention* Structure::ShareBeforeFraction(const std::vector<const Mention*>& all, size_t i, TextRange clause) const {
  if (i == 0) return nullptr;
  const size_t pos = all[i]->span.normalized.begin;
  const Mention& prev = *all[i - 1];
  if (prev.type != MentionType::kPercent || prev.span.normalized.end > pos || prev.span.normalized.begin < clause.begin) return nullptr;
  std::string raw(Between(prev.span.normalized.end, pos));
  bool parenthesized = raw.find('(') != std::string::npos && Tokenize(raw).size() <= 2 && raw.size() <= tuning.percent_fraction_gap;
  return parenthesized ? &prev : nullptr;
}

void Structure::MarkSharesOfOneWhole(std::vector<Pair>& pairs) {
  std::map<double, std::vector<size_t>> by_whole;
  for (size_t k = 0; k < pairs.size(); ++k) by_whole[pairs[k].fraction->denominator].push_back(k);
  for (const auto& [whole, members] : by_whole) {
    double parts = 0, shares = 0;
    for (size_t k : members) {
      parts += pairs[k].fraction->numerator;
      shares += pairs[k].percent->number;
    }
    if (members.size() >= 2 && std::fabs(parts - whole) < kBinaryNoise && std::fabs(shares - 100.0) < kBinaryNoise) {
      for (size_t k : members) pairs[k].forced_to_100 = true;
    }
  }
}

void Structure::Fractions() {
  const std::vector<const Mention*> all = FiguresWithJoinedFractions();
  std::vector<Pair> pairs;
  for (size_t i = 0; i < all.size(); ++i) {
    if (ticker.Exhausted()) return;
    const Mention& m = *all[i];
    if (m.type != MentionType::kFraction) continue;
    TextRange clause = Sentence(m.span.normalized.begin, 0, text.size(), /*at_semicolon=*/true, /*at_newline=*/false);
    if (std::optional<Pair> pair = ShareAfterFraction(all, i, clause)) {
      pairs.push_back(*pair);
    } else if (const Mention* below = ShareOnLinesBelow(m)) {
      pairs.push_back({&m, below, "("});
    } else if (const Mention* before = ShareBeforeFraction(all, i, clause)) {
      pairs.push_back({&m, before, "("});
    }
  }
  MarkSharesOfOneWhole(pairs);
  for (const Pair& p : pairs) FractionPercent(p);
}

// ------------------------------------------------------------------------------------------
// A whole above a table laid out by pdftotext whose rows end in a fraction cell: "đã hỗ trợ
// hướng dẫn đối với 2.594 hồ sơ TTHC, cụ thể:" over rows "… 862/1.266", "… 1.732/2.090" in a
// column "Số lượng hồ sơ đã hỗ trợ/Tổng số hồ sơ". The numerators are the parts of the whole
// when the column's heading names the whole's unit. A warning: the layout is read, not stated.

size_t Structure::Columns(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) n += !internal::IsUtf8Continuation(s, i);
  return n;
}

bool Structure::ProseLine(std::string_view line, size_t width) {
  size_t indent = line.find_first_not_of(" \f");
  if (indent == std::string_view::npos) return false;
  std::string_view body = line.substr(indent);
  while (!body.empty() && (body.back() == ' ' || body.back() == '\r')) body.remove_suffix(1);
  return indent < width / 3 && body.find("  ") == std::string_view::npos && Columns(line.substr(0, indent + body.size())) > width;
}

const Mention* Structure::FractionCellEnding(size_t lb, size_t le, size_t* column) const {
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

const Mention* Structure::Numerator(const Mention& f) {
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

void Structure::FractionRowsAfterIntro() {
  for (size_t lb = 0; lb < text.size();) {
    size_t le = text.find('\n', lb);
    if (le == std::string_view::npos) le = text.size();
    std::string_view line = Between(lb, le);
    size_t last = line.find_last_not_of(" \f\r");
    if (last != std::string_view::npos && line[last] == ':' && last > 0) FractionRowsBelow(lb + last);
    lb = le + 1;
  }
}

Structure::FractionCells Structure::FractionCellsBelow(size_t colon) const {
  FractionCells out;
  size_t lb = text.find('\n', colon);
  if (lb == std::string_view::npos) return out;
  ++lb;
  const size_t margin = tuning.fraction_heading_margin;
  for (int n = 0; n < tuning.fraction_table_lines && lb < text.size(); ++n) {
    size_t le = text.find('\n', lb);
    if (le == std::string_view::npos) le = text.size();
    std::string_view line = Between(lb, le);
    size_t first = line.find_first_not_of(" \f\t");
    if (first != std::string_view::npos) {
      char ch = line[first];
      bool bullet = ch == '-' || ch == '+' || ch == '*' || static_cast<unsigned char>(ch) == kMarkLeadByte;
      if (ListMarkerAt(lb + first) && !bullet) break;   // the next heading
      size_t at = 0;
      size_t prose_width = out.cells.empty() || out.column >= kTabbed ? tuning.prose_line_columns : out.column + 2;
      if (const Mention* f = FractionCellEnding(lb, le, &at)) {
        if (out.cells.empty()) out.column = at;
        else if (at + margin < out.column || at > out.column + margin) break;   // another table
        out.cells.push_back(f);
      } else if (line.find('\t') == std::string_view::npos && ProseLine(line, prose_width)) {
        break;
      } else if (out.cells.empty()) {
        out.above.push_back({lb, le});
      }
    }
    lb = le + 1;
  }
  return out;
}

std::string Structure::ColumnHeading(const FractionCells& table) const {
  const size_t margin = tuning.fraction_heading_margin;
  std::string heading;
  for (auto [b, e] : table.above) {
    std::string_view line = Between(b, e);
    if (size_t tab = line.rfind('\t'); tab != std::string_view::npos) {
      heading += std::string(line.substr(tab + 1)) + " ";
      continue;
    }
    size_t skip = table.column > margin ? table.column - margin : 0, k = 0;
    for (size_t cols = 0; k < line.size() && cols < skip; ++k) cols += !internal::IsUtf8Continuation(line, k);
    while (k < line.size() && internal::IsUtf8Continuation(line, k)) ++k;
    heading += std::string(line.substr(k)) + " ";
  }
  return heading;
}

void Structure::FractionRowsBelow(size_t colon) {
  TextRange sentence = Sentence(colon - 1, 0, colon + 1, /*at_semicolon=*/true, /*at_newline=*/false);
  std::vector<const Mention*> wholes;
  for (const Mention* m : In(sentence.begin, colon)) {
    if (m->type == MentionType::kCount && !m->unit.empty() && m->number > 0 && m->number == std::floor(m->number)) wholes.push_back(m);
  }
  if (wholes.empty()) return;
  const FractionCells table = FractionCellsBelow(colon);
  if (table.cells.size() < 2) return;
  // The heading of the cells' column names the whole's unit.
  std::string folded_heading = FoldedWords(ColumnHeading(table));
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
  for (const Mention* f : table.cells) {
    parts.push_back(f->type == MentionType::kFraction ? Numerator(*f) : f);
    sum += parts.back()->number;
  }
  // Far off either way, the column counts something else than the whole does.
  const double far = tuning.far_off_factor;
  if (sum > far * whole->number || far * sum < whole->number) return;
  if (AgreesWithin(whole->number, 0, sum)) {
    SumHeld("table_sum", "builtin:table_breakdown", *whole, parts, sum);
  } else if (!Flagged(*whole)) {
    const bool en = c.en();
    std::string cue = std::string(Between(whole->span.normalized.begin, colon + 1));
    SumFlag("builtin:table_breakdown", Severity::kWarning, *whole, parts, sum, 0,
            en ? "The first numbers of the column under “" + cue + "”" : "Các số đầu của cột trong bảng sau «" + cue + "»");
  }
}

}  // namespace baocao::audit_structure
