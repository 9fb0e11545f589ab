// One quantity stated twice (a figure in the body and again in an appendix), and running
// accounts: a later amount that is the sum or difference of two earlier ones.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "audit/structure_impl.h"
#include "baocao/link/link.h"

namespace baocao::audit_structure {

// ------------------------------------------------------------------------------------------
// Running accounts: "Số tiền còn nợ năm 2024: 85.243.017.232 đồng; Số phát sinh năm 2025:
// 157.441.237.112 đồng; Số tiền phải thu năm 2025: 242.684.254.344 đồng; …". Among a few
// amounts of one paragraph, a later one that is exactly the sum or the difference of two
// earlier ones is a relation the document computed; one that misses it by a digit or two is a
// likely slip. Only amounts of seven significant digits or more: no coincidence comes that
// close. A warning, since the text does not say the amounts are related.

void Structure::RunningAccounts() {
  const size_t window = tuning.running_account_window;
  const bool en = c.en();
  for (const Block& block : c.in.layout->blocks) {
    std::vector<const Mention*> amounts;
    for (const Mention* m : In(block.range.begin, block.range.end)) {
      if (ticker.Exhausted()) return;
      if (m->type != MentionType::kMoney && m->type != MentionType::kNumber) continue;
      if (NamesSomething(*m) || m->number < tuning.running_account_min) continue;
      std::string digits;
      for (char ch : m->span.text) {
        if (std::isdigit(static_cast<unsigned char>(ch))) digits.push_back(ch);
        else if (!(ch == '.' || ch == ',')) break;
      }
      if (digits.size() < tuning.running_account_digits || Decimals(*m) > 0) continue;
      amounts.push_back(m);
    }
    for (size_t k = 2; k < amounts.size(); ++k) {
      const Mention& r = *amounts[k];
      bool done = false;
      for (size_t i = k >= window ? k - window : 0; i < k && !done; ++i) {
        for (size_t j = i + 1; j < k && !done; ++j) {
          const Mention &a = *amounts[i], &b = *amounts[j];
          if (a.unit != r.unit || b.unit != r.unit) continue;
          for (int sign : {1, -1}) {
            double expect = a.number + sign * b.number;
            if (expect <= 0) continue;
            const char* op = sign > 0 ? " + " : " − ";
            if (std::fabs(expect - r.number) < kHalfUnit) {
              Check chk = MakeCheck(sign > 0 ? "sum" : "difference", "builtin:running_account", {}, r.number, expect);
              chk.members.push_back({"", MemberRole::kTotal, r.number, r.span});
              chk.members.push_back({"", MemberRole::kPart, a.number, a.span});
              chk.members.push_back({"", MemberRole::kPart, b.number, b.span});
              Held(std::move(chk));
              done = true;
              break;
            }
            // A slip: one of the three written with a digit or two changed would make it exact.
            bool slip = DigitSlip(r, expect) || DigitSlip(a, a.number + (r.number - expect)) ||
                        DigitSlip(b, b.number + sign * (r.number - expect));
            if (!slip || Flagged(r) || Flagged(a) || Flagged(b)) continue;
            Flag f = MakeFlag("sum_mismatch", Severity::kWarning, r.number, expect, "builtin:running_account");
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

std::string Structure::UnitOf(const Mention& m) const {
  if (m.type == MentionType::kMoney) return "money:" + m.unit;
  if (m.type == MentionType::kPercent) return "%";
  return NounAfter(m);
}

void Structure::TableContexts(FigureContexts& out) const {
  int table_index = 0;
  static const std::set<std::string> kUnits = {"ha", "m2", "m3", "km", "kg", "tan", "kw", "kwh", "mw", "ty", "trieu", "dong", "lit"};
  for (const LayoutTable& t : c.in.layout->tables) {
    ++table_index;
    bool coordinates = t.rows.size() > tuning.coordinate_table_rows;
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
            out.dense.insert(m->span.normalized.begin);
            continue;
          }
          out.cell_words[m->span.normalized.begin].insert(here.begin(), here.end());
          out.cell_rows[m->span.normalized.begin] = {table_index, name};
          if (!unit.empty()) out.cell_units[m->span.normalized.begin] = unit;
        }
      }
    }
  }
}

Structure::FigureContexts Structure::FigureContextsOf() const {
  FigureContexts contexts;
  TableContexts(contexts);
  // The rows of a table laid out with spaces, as those of a tabbed one, numbered apart from them.
  constexpr int kSpacedTableIds = 100000;
  for (size_t gi = 0; gi < spaced.size(); ++gi) {
    const Grid& g = spaced[gi];
    for (size_t r = 0; r < g.cells.size(); ++r) {
      for (const Cell& cell : g.cells[r]) {
        if (cell.m) contexts.cell_rows[cell.m->span.normalized.begin] = {kSpacedTableIds + static_cast<int>(gi), FoldedWords(g.label[r])};
      }
    }
  }
  return contexts;
}

bool Structure::FigureContexts::OtherPlace(const Mention* x, const Mention* y) const {
  auto a = cell_rows.find(x->span.normalized.begin), b = cell_rows.find(y->span.normalized.begin);
  if (a == cell_rows.end() || b == cell_rows.end()) return true;
  if (a->second.first == b->second.first) return false;
  // Rows of one name: one row's name within the other's ("Bắc Văn Yên", "CCN Bắc Văn Yên").
  const std::string &la = a->second.second, &lb = b->second.second;
  if (la.size() < 4 || lb.size() < 4) return false;
  return la.find(lb) != std::string::npos || lb.find(la) != std::string::npos;
}

bool Structure::FigureContexts::SameRowName(const Mention* x, const Mention* y) const {
  auto a = cell_rows.find(x->span.normalized.begin), b = cell_rows.find(y->span.normalized.begin);
  return a != cell_rows.end() && b != cell_rows.end() && a->second.first != b->second.first && a->second.second.size() >= 4 &&
         a->second.second == b->second.second;
}

size_t Structure::SignificantDigits(const std::string& digits) {
  size_t first = digits.find_first_not_of('0'), last = digits.find_last_not_of('0');
  return first == std::string::npos ? 0 : last - first + 1;
}

// Words every figure has around it, no sign of what it measures.
static const std::set<std::string> kStopWords = {"va", "cua", "la", "tai", "trong", "do", "cac", "nhung", "voi", "duoc",
                                                 "theo", "cho", "tu", "den", "nam", "ngay", "thang", "so", "da", "co",
                                                 "mot", "khoang", "tren", "duoi", "ghi", "dat", "muc", "nay", "the"};

std::optional<Structure::Statement> Structure::StatementOf(const Mention& m, const FigureContexts& contexts) const {
  if (!(IsAdditive(m) || m.type == MentionType::kPercent) || NamesSomething(m)) return std::nullopt;
  if (contexts.dense.count(m.span.normalized.begin)) return std::nullopt;
  Statement st{&m, "", UnitOf(m), {}, {}, false};
  for (char ch : m.span.text) {
    if (std::isdigit(static_cast<unsigned char>(ch))) st.digits.push_back(ch);
    else if (!(ch == '.' || ch == ',')) break;
  }
  size_t lead = st.digits.find_first_not_of('0');
  if (st.unit.empty()) {
    if (auto it = contexts.cell_units.find(m.span.normalized.begin); it != contexts.cell_units.end()) st.unit = it->second;
  }
  bool year = m.number >= tuning.year_min && m.number <= tuning.year_max && m.number == std::floor(m.number) && st.digits.size() == 4;
  if (lead == std::string::npos || st.digits.size() - lead < 3 || st.unit.empty() || year) return std::nullopt;
  st.short_figure = st.digits.size() - lead < 4;
  if (st.short_figure && !contexts.cell_rows.count(m.span.normalized.begin)) return std::nullopt;
  const size_t reach = tuning.repeated_words_reach;
  size_t from = m.span.normalized.begin > reach ? m.span.normalized.begin - reach : 0;
  std::vector<std::string> before = Tokenize(Between(from, m.span.normalized.begin));
  // "(… Quyết định 3141/QĐ-UBND … diện tích khoảng 935,5m2)": a rough figure in an aside
  // recalls another document's figure; it is no twin of this one's exact one.
  static const std::set<std::string> kRough = {"khoang", "gan", "hon", "tren", "duoi", "xap", "xi", "uoc"};
  if (!before.empty() && kRough.count(before.back())) {
    int depth = 0;
    for (char ch : Between(LineStart(m.span.normalized.begin, tuning.line_reach), m.span.normalized.begin)) {
      depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
    }
    if (depth > 0) return std::nullopt;
  }
  const size_t wide = tuning.repeated_wide_words, near = tuning.repeated_near_words;
  for (size_t k = before.size() > wide ? before.size() - wide : 0; k < before.size(); ++k) {
    if (before[k].size() >= 2 && !kStopWords.count(before[k]) && !std::isdigit(static_cast<unsigned char>(before[k][0]))) {
      st.wide.insert(before[k]);
      if (k + near >= before.size()) st.words.insert(before[k]);
    }
  }
  if (auto it = contexts.cell_words.find(m.span.normalized.begin); it != contexts.cell_words.end()) {
    for (const std::string& w : it->second) if (w.size() >= 2 && !kStopWords.count(w)) st.words.insert(w);
  }
  return st;
}

void Structure::RepeatedFigures() {
  if (order.size() > tuning.max_figures_to_pair) return;
  const FigureContexts contexts = FigureContextsOf();
  std::vector<Statement> list;
  for (const Mention* m : order) {
    if (ticker.Exhausted()) return;
    if (std::optional<Statement> st = StatementOf(*m, contexts)) list.push_back(std::move(*st));
  }
  std::map<std::string, int> times;   // how often each digit string and unit is written
  for (const Statement& st : list) ++times[st.unit + "|" + st.digits];
  std::map<std::string, std::vector<const Statement*>> by_shape;   // unit and length
  for (const Statement& st : list) by_shape[st.unit + "|" + std::to_string(st.digits.size())].push_back(&st);
  for (const auto& [shape, group] : by_shape) {
    if (group.size() < 2 || group.size() > tuning.max_repeated_group) continue;
    for (size_t a = 0; a < group.size(); ++a) {
      for (size_t b = a + 1; b < group.size(); ++b) CompareStatements(*group[a], *group[b], contexts, times);
    }
  }
}

void Structure::CompareStatements(const Statement& x, const Statement& y, const FigureContexts& contexts, std::map<std::string, int>& times) {
  if (x.m->span.normalized.begin == y.m->span.normalized.begin || !contexts.OtherPlace(x.m, y.m)) return;
  // "Hơi nước | Tấn | 140" in one appendix, "Hơi nước | 140 tấn" in another: three digits
  // are one quantity only as cells of two tables' rows of one name.
  if ((x.short_figure || y.short_figure) && !contexts.SameRowName(x.m, y.m)) return;
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
  const bool distinctive = significant >= tuning.distinct_digits || (significant >= tuning.named_digits && wide_shared >= 3);
  if (shared < 2 && !distinctive) return;
  int differ = 0;
  for (size_t k = 0; k < x.digits.size(); ++k) differ += x.digits[k] != y.digits[k];
  if (differ == 0) {
    if (times[x.unit + "|" + x.digits] == 2 && x.m->number == y.m->number) {
      Check k = MakeCheck("agree", "builtin:repeated_figure", {}, x.m->number, y.m->number);
      k.members.push_back({"", MemberRole::kValue, x.m->number, x.m->span});
      k.members.push_back({"", MemberRole::kValue, y.m->number, y.m->span});
      Held(std::move(k));
    }
    return;
  }
  if (differ != 1) return;
  // A slip is told from two quantities only where one statement is a table's cell (the body
  // against its appendix): two sentences one digit apart are too often two things
  // ("lớn nhất trong một vụ nổ 1.260kg" in a plan, "lớn nhất là 1.200kg/lần nổ" done).
  // Amounts of seven significant digits or more are the exception: two of them one digit
  // apart are no coincidence ("phải nộp là: 6.695.793 đồng" against the formula's
  // "= 6.695.793 đồng" and "Mức phí tính toán là 6.695.793 đồng").
  // So are figures of five significant digits whose ten words before share three that say
  // what is measured ("Tổng khối lượng thuốc nổ (Nhũ tương và Anfo): 92.075 Kg" in the
  // permit, "Tổng khối lượng thuốc nổ dự kiến sử dụng là: 92.075kg" in the plan).
  bool in_table = contexts.cell_rows.count(x.m->span.normalized.begin) || contexts.cell_rows.count(y.m->span.normalized.begin);
  if (!in_table && !distinctive) return;
  // The odd one out is written once; its twin at least once elsewhere.
  bool x_once = times[x.unit + "|" + x.digits] == 1, y_once = times[y.unit + "|" + y.digits] == 1;
  if (!(x_once || y_once) || Flagged(*x.m) || Flagged(*y.m)) return;
  FlagRepeatedFigure(x, y);
}

void Structure::FlagRepeatedFigure(const Statement& x, const Statement& y) {
  const bool en = c.en();
  // The words before the first figure as written, up to four, for the explanation.
  constexpr size_t kQuotedBefore = 60;   // bytes
  size_t from = x.m->span.normalized.begin > kQuotedBefore ? x.m->span.normalized.begin - kQuotedBefore : 0;
  from = std::max(from, LineStart(x.m->span.normalized.begin, kQuotedBefore));
  std::string common = Trim(std::string(Between(internal::CharBoundaryAtOrBefore(text, from), x.m->span.normalized.begin)));
  for (int k = 0, cut = static_cast<int>(common.size()); cut > 0; --cut) {
    if (common[cut - 1] == ' ' && ++k == 4) {
      common = common.substr(cut);
      break;
    }
  }
  Flag f = MakeFlag("conflicting_values", Severity::kWarning, x.m->number, y.m->number, "builtin:repeated_figure");
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

}  // namespace baocao::audit_structure
