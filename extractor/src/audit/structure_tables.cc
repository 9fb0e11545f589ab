// Tables: total rows, group rows, total columns and rate columns, learned from the rows where
// the header does not say; tables laid out with spaces; rows said to match.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "audit/structure_impl.h"
#include "baocao/link/link.h"
#include "baocao/normalize/text.h"
#include "core/strings.h"

namespace baocao::audit_structure {

// ------------------------------------------------------------------------------------------
// A comparison table ("Thiết kế cơ sở | Thiết kế xây dựng | Kết quả đối chiếu") whose row says
// its two cells match ("Trùng khớp"): the figures of the two cells must be the same, one by
// one. An error where they are not: the document states the relation in the row itself.

void Structure::RowsSaidToMatch() {
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
          ck.members.push_back({"", MemberRole::kValue, x.number, x.span});
          ck.members.push_back({"", MemberRole::kValue, y.number, y.span});
          Held(std::move(ck));
          continue;
        }
        if (Flagged(x) || Flagged(y)) continue;
        Flag f = MakeFlag("conflicting_values", Severity::kError, x.number, y.number, "builtin:said_to_match");
        AddEvidence(f, x.span);
        AddEvidence(f, y.span);
        f.explanation = en ? "The row says “" + verdict + "”, but “" + x.span.text + "” and “" + y.span.text + "” differ."
                           : "Dòng ghi «" + verdict + "» nhưng «" + x.span.text + "» và «" + y.span.text + "» khác nhau.";
        Raise(std::move(f));
      }
    }
  }
}

Structure::Cell Structure::CellOf(const TableCell& cell) const {
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
    if (m->span.normalized.begin >= cell.range.begin + cell.text.size() + tuning.cell_value_slack) break;
    ++n;
    only = m;
  }
  if (n == 1 && (IsAdditive(*only) || only->type == MentionType::kPercent)) {
    // The value must be the cell: nothing but its own text and a unit around it.
    if (only->span.text.size() + tuning.cell_unit_bytes >= t.size()) out.m = only;
  }
  if (out.m) out.blank = false;
  return out;
}

bool Structure::NotAdditiveHeader(const std::string& h) {
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

bool Structure::GroupMarker(const std::string& s) {
  std::string t = Trim(s);
  while (!t.empty() && (t.back() == '.' || t.back() == ')')) t.pop_back();
  constexpr size_t kLongestGroupMarker = 5;   // "XVIII": Roman numerals of the groups a table has
  if (t.empty() || t.size() > kLongestGroupMarker) return false;
  if (t.size() == 1 && t[0] >= 'A' && t[0] <= 'H') return true;
  return std::all_of(t.begin(), t.end(), [](char ch) { return ch == 'I' || ch == 'V' || ch == 'X'; });
}

bool Structure::LeafMarker(const std::string& s) {
  std::string t = Trim(s);
  while (!t.empty() && (t.back() == '.' || t.back() == ')')) t.pop_back();
  return !t.empty() && t.size() <= 3 && std::all_of(t.begin(), t.end(), internal::IsAsciiDigit);
}

bool Structure::TotalWords(std::string_view label) const {
  auto it = c.rules.words.find("total_row");
  if (it == c.rules.words.end()) return false;
  std::string key = FoldedWords(label);
  for (const std::string& w : it->second) if (key == " " + w + " ") return true;
  return false;
}

void Structure::Classify(Grid& g) const {
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

Structure::Grid Structure::GridOf(const LayoutTable& t) const {
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
    g.label.push_back(QuotedLabel(label));
    g.kind.push_back(kind);
  }
  Classify(g);
  return g;
}

std::optional<Structure::SpacedLine> Structure::SpacedRow(size_t b, size_t e) const {
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
  if (k >= here.size()) return std::nullopt;
  std::string_view before = Between(b, here[k]->span.normalized.begin);
  // The figures must stand apart from the words: two spaces at least before them.
  size_t last = before.find_last_not_of(' ');
  bool apart = last == std::string_view::npos || before.size() - 1 - last >= 2;
  if (!apart || here.size() - k < 2) return std::nullopt;
  SpacedLine l;
  for (size_t q = k; q < here.size(); ++q) l.run.push_back(here[q]);
  std::string lead = Trim(before);
  size_t sp = lead.find(' ');
  std::string first = sp == std::string::npos ? lead : lead.substr(0, sp);
  if (LeafMarker(first) || GroupMarker(first)) {
    l.marker = first;
    lead = sp == std::string::npos ? "" : Trim(lead.substr(sp + 1));
  }
  l.label = lead;
  return l;
}

std::optional<Structure::Grid> Structure::SpacedGrid(const std::vector<SpacedLine>& group) const {
  if (group.size() < 3) return std::nullopt;
  // The columns: the count of trailing figures most lines have (the widest of equals).
  std::map<size_t, int> widths;
  for (const SpacedLine& l : group) ++widths[l.run.size()];
  size_t width = 0;
  int most = 0;
  for (auto [w, n] : widths) if (n > most || (n == most && w > width)) { width = w; most = n; }
  if (width < 2 || most < 3) return std::nullopt;
  Grid g;
  g.width = width;
  g.column.assign(width, "");
  for (const SpacedLine& l : group) {
    if (l.run.size() < width) continue;
    std::vector<Cell> row(width);
    for (size_t j = 0; j < width; ++j) row[j].m = l.run[l.run.size() - width + j];
    g.cells.push_back(std::move(row));
    g.label.push_back(QuotedLabel(l.label));
    int kind = TotalWords(l.label) ? 1 : GroupMarker(l.marker) ? 2 : LeafMarker(l.marker) ? 3 : 0;
    g.kind.push_back(kind);
  }
  Classify(g);
  return g;
}

std::vector<Structure::Grid> Structure::SpacedGrids() const {
  std::vector<Grid> out;
  std::vector<TextRange> tables;
  for (const LayoutTable& t : c.in.layout->tables) tables.push_back(t.range);
  std::sort(tables.begin(), tables.end(), [](const TextRange& a, const TextRange& b) { return a.begin < b.begin; });
  // Tables do not overlap: the one starting last at or before `pos` is the only one to ask.
  auto in_table = [&](size_t pos) {
    auto it = std::upper_bound(tables.begin(), tables.end(), pos, [](size_t p, const TextRange& r) { return p < r.begin; });
    return it != tables.begin() && pos < std::prev(it)->end;
  };
  std::vector<SpacedLine> group;
  int gap = 0;   // lines since the group's last row: a few may stand between rows
  auto flush = [&]() {
    if (std::optional<Grid> g = SpacedGrid(group)) out.push_back(std::move(*g));
    group.clear();
    gap = 0;
  };
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::optional<SpacedLine> row;
    if (!in_table(b) && text.substr(b, e - b).find('\t') == std::string_view::npos) row = SpacedRow(b, e);
    if (row) {
      group.push_back(std::move(*row));
      gap = 0;
    } else if (!group.empty() && ++gap > 3) {
      flush();
    }
    b = e + 1;
  }
  flush();
  return out;
}

void Structure::CheckGrid(const Grid& g) {
  if (g.cells.size() < 2 || g.width < 2) return;
  bool grouped = std::count(g.kind.begin(), g.kind.end(), 2) >= 2 && std::count(g.kind.begin(), g.kind.end(), 3) >= 2;
  // Group rows before the total row: a group row that disagrees with its rows is the one to blame.
  if (grouped) CheckGroupRows(g);
  CheckTotalRows(g, grouped);
  for (size_t tc = 0; tc < g.width; ++tc) {
    if (!g.additive[tc]) continue;
    if (std::optional<ColumnRun> run = TotalColumnRun(g, tc)) CheckTotalColumn(g, tc, *run);
  }
  for (size_t rc = 0; rc < g.width; ++rc) {
    if (g.rate[rc]) CheckRateColumn(g, rc);
  }
}

std::string Structure::ColumnName(const Grid& g, size_t j) const {
  const bool en = c.en();
  if (!g.column[j].empty()) return g.column[j];
  return (en ? "column " : "cột số ") + std::to_string(j + 1) + (en ? " of figures" : "");
}

void Structure::CheckGroupRows(const Grid& g) {
  const bool en = c.en();
  const size_t rows = g.cells.size();
  for (size_t r = 0; r < rows; ++r) {
    if (g.kind[r] != 2) continue;
    size_t end = r + 1;
    while (end < rows && g.kind[end] != 2 && g.kind[end] != 1) ++end;
    for (size_t j = 0; j < g.width; ++j) {
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
        SumFlag("builtin:table_group_row", Severity::kError, total, parts, sum, d,
                en ? "Group row “" + g.label[r] + "” (column “" + ColumnName(g, j) + "”) against its numbered rows"
                   : "Dòng nhóm «" + g.label[r] + "» (cột «" + ColumnName(g, j) + "») so với các dòng đánh số của nhóm");
      }
    }
  }
}

void Structure::CheckTotalRows(const Grid& g, bool grouped) {
  const bool en = c.en();
  const size_t rows = g.cells.size();
  for (size_t r = 0; r < rows; ++r) {
    if (g.kind[r] != 1) continue;
    for (size_t j = 0; j < g.width; ++j) {
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
      std::string what = en ? "Row “" + g.label[r] + "” of the table (column “" + ColumnName(g, j) + "”)"
                            : "Dòng «" + g.label[r] + "» của bảng (cột «" + ColumnName(g, j) + "»)";
      if (AgreesWithin(total.number, d, sum)) SumHeld("table_sum", "builtin:table_total_row", total, parts, sum);
      else if (!Flagged(total) && std::none_of(parts.begin(), parts.end(), [&](const Mention* p) { return Flagged(*p); })) {
        SumFlag("builtin:table_total_row", Severity::kError, total, parts, sum, d, what);
      }
    }
  }
}

std::optional<Structure::ColumnRun> Structure::TotalColumnRun(const Grid& g, size_t tc) const {
  // A column named "Tổng …" totals its neighbours where two rows say so; any other column
  // only where every row that can be computed says so, in three rows at least
  // ("Số lượng giấy phép" beside "Cơ quan cấp phép: Bộ Công Thương | Bộ Quốc phòng | UBND").
  std::string head = FoldKey(g.column[tc]);
  bool named_total = head.rfind("tong", 0) == 0 || head == "cong";
  std::vector<ColumnRun> runs;
  for (size_t len = 2; len <= tuning.total_column_run; ++len) {
    if (tc + len < g.width) runs.push_back({tc + 1, tc + len});
    if (tc >= len) runs.push_back({tc - len, tc - 1});
  }
  const ColumnRun* best = nullptr;
  for (ColumnRun& run : runs) {
    bool ok = true;
    for (size_t j = run.from; j <= run.to; ++j) ok &= g.additive[j];
    if (!ok) continue;
    for (size_t r = 0; r < g.cells.size(); ++r) {
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
    int needed = named_total ? 2 : tuning.learned_error_rows;
    if (run.held >= needed && run.held >= tuning.learned_share * run.tried && (!best || run.held > best->held)) best = &run;
  }
  if (!best) return std::nullopt;
  return *best;
}

void Structure::CheckTotalColumn(const Grid& g, size_t tc, const ColumnRun& best) {
  const bool en = c.en();
  for (size_t r = 0; r < g.cells.size(); ++r) {
    if (!g.cells[r][tc].m) continue;
    std::vector<const Mention*> parts;
    double sum = 0;
    bool bad = false;
    int d = Decimals(*g.cells[r][tc].m);
    for (size_t j = best.from; j <= best.to; ++j) {
      if (g.cells[r][j].m) { parts.push_back(g.cells[r][j].m); sum += g.cells[r][j].m->number; d = std::max(d, Decimals(*g.cells[r][j].m)); }
      else if (!g.cells[r][j].blank) bad = true;
    }
    if (bad || parts.empty()) continue;
    const Mention& total = *g.cells[r][tc].m;
    if (AgreesWithin(total.number, d, sum)) {
      SumHeld("table_sum", "builtin:table_total_column", total, parts, sum);
    } else if (!Flagged(total)) {
      std::string cols = ColumnName(g, best.from) + " … " + ColumnName(g, best.to);
      SumFlag("builtin:table_total_column", best.held >= tuning.learned_error_rows ? Severity::kError : Severity::kWarning, total, parts, sum, d,
              en ? "Column “" + ColumnName(g, tc) + "” of row “" + g.label[r] + "” against columns “" + cols + "” (which add up to it in " +
                       std::to_string(best.held) + " other rows)"
                 : "Cột «" + ColumnName(g, tc) + "» của dòng «" + g.label[r] + "» so với các cột «" + cols + "» (cộng lại khớp ở " +
                       std::to_string(best.held) + " dòng khác)");
    }
  }
}

void Structure::CheckRateColumn(const Grid& g, size_t rc) {
  const bool en = c.en();
  const size_t rows = g.cells.size();
  // The pair of columns whose quotient the rate column is in most rows.
  size_t best_a = 0, best_b = 0;
  int best_held = 0;
  for (size_t a = 0; a < g.width; ++a) {
    for (size_t b = 0; b < g.width; ++b) {
      if (a == b || a == rc || b == rc || g.rate[a] || g.rate[b]) continue;
      int held = 0, tried = 0;
      for (size_t r = 0; r < rows; ++r) {
        const Cell &x = g.cells[r][a], &y = g.cells[r][b], &z = g.cells[r][rc];
        if (!x.m || !y.m || !z.m || y.m->number <= 0 || !IsAdditive(*x.m) || !IsAdditive(*y.m)) continue;
        ++tried;
        if (RateAgrees(z.m->number, Decimals(*z.m), x.m->number / y.m->number * 100.0, false)) ++held;
      }
      int needed = g.named ? 2 : tuning.learned_error_rows;
      if (held >= needed && held >= tuning.learned_share * tried && held > best_held) {
        best_held = held;
        best_a = a;
        best_b = b;
      }
    }
  }
  if (best_held == 0) return;
  for (size_t r = 0; r < rows; ++r) {
    const Cell &x = g.cells[r][best_a], &y = g.cells[r][best_b], &z = g.cells[r][rc];
    if (!x.m || !y.m || !z.m || y.m->number <= 0 || !IsAdditive(*x.m) || !IsAdditive(*y.m)) continue;
    int d = Decimals(*z.m);
    double computed = x.m->number / y.m->number * 100.0;
    if (RateAgrees(z.m->number, d, computed, false)) {
      Check k = MakeCheck("ratio", "builtin:table_rate_column", {}, z.m->number, RoundTo(computed, d));
      k.members.push_back({"", MemberRole::kNumerator, x.m->number, x.m->span});
      k.members.push_back({"", MemberRole::kDenominator, y.m->number, y.m->span});
      k.members.push_back({"", MemberRole::kRate, z.m->number, z.m->span});
      Held(std::move(k));
      continue;
    }
    if (Flagged(*z.m)) continue;
    Flag f = MakeFlag("ratio_mismatch", best_held >= tuning.learned_error_rows ? Severity::kError : Severity::kWarning, z.m->number, RoundTo(computed, d),
                      "builtin:table_rate_column");
    AddEvidence(f, x.m->span);
    AddEvidence(f, y.m->span);
    AddEvidence(f, z.m->span);
    std::string q = FormatNumber(x.m->number, Decimals(*x.m), en) + " / " + FormatNumber(y.m->number, Decimals(*y.m), en) +
                    " = " + FormatValue(computed, d, "%", en);
    f.explanation = en ? "Rate column “" + ColumnName(g, rc) + "” of row “" + g.label[r] + "” is column “" + ColumnName(g, best_a) +
                             "” over “" + ColumnName(g, best_b) + "” in " + std::to_string(best_held) + " rows: " + q +
                             ", not the " + FormatValue(z.m->number, d, "%", en) + " stated."
                       : "Cột tỷ lệ «" + ColumnName(g, rc) + "» của dòng «" + g.label[r] + "» bằng cột «" + ColumnName(g, best_a) +
                             "» chia cột «" + ColumnName(g, best_b) + "» ở " + std::to_string(best_held) + " dòng: " + q +
                             ", khác tỷ lệ đã ghi là " + FormatValue(z.m->number, d, "%", en) + ".";
    Raise(std::move(f));
  }
}

}  // namespace baocao::audit_structure
