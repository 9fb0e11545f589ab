// Linking values to indicators: prose clauses and table rows.
#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "baocao/link/link.h"
#include "baocao/normalize/text.h"
#include "core/sentences.h"
#include "core/strings.h"
#include "link/lexicon_impl.h"

namespace baocao {
namespace {

// ": Tổng số ..." - a colon before a capitalized word opens a new sentence.
// Link reads a value's label in its clause: the sentence (core/sentences.h) cut also at "; ",
// at a tab and at a colon that opens a sentence.
TextRange SentenceOf(std::string_view text, size_t pos, size_t reach) {
  return internal::SentenceAround(text, pos, reach, {.semicolon = true, .tab = true, .opening_colon = true});
}

bool IsClauseBreak(std::string_view text, size_t i) {
  char c = text[i];
  if (c == ';') return true;
  // A comma between digits is a decimal mark, not a clause break.
  if (c == ',') return !(i > 0 && i + 1 < text.size() && internal::IsAsciiDigit(text[i - 1]) &&
                         internal::IsAsciiDigit(text[i + 1]));
  return false;
}

// Whether [begin, end) sits inside a parenthesis of its sentence, and where that opens.
bool InsideParens(std::string_view text, TextRange sentence, size_t begin, size_t* open) {
  int depth = 0;
  for (size_t i = begin; i > sentence.begin; --i) {
    char c = text[i - 1];
    if (c == ')') ++depth;
    if (c == '(') {
      if (depth == 0) { *open = i - 1; return true; }
      --depth;
    }
  }
  return false;
}

// The clause around [begin, end) inside `sentence`: bounded by commas and semicolons. A value
// inside parentheses has the parenthesis as its clause; a value outside skips over asides
// ("Tổng số TTHC ... (Số liệu tính đến ngày 31/12/2025) là 377 thủ tục").
TextRange ClauseOf(std::string_view text, TextRange sentence, size_t begin, size_t end) {
  size_t open = 0;
  bool inside = InsideParens(text, sentence, begin, &open);
  size_t lo = inside ? open + 1 : sentence.begin;
  size_t hi = sentence.end;
  if (inside) {
    size_t close = text.find(')', end);
    if (close != std::string_view::npos && close < sentence.end) hi = close;
  }
  size_t b = begin, e = end;
  int depth = 0;
  while (b > lo) {
    char c = text[b - 1];
    if (c == ')') ++depth;
    else if (c == '(' && depth > 0) --depth;
    else if (depth == 0 && IsClauseBreak(text, b - 1)) break;
    --b;
  }
  depth = 0;
  while (e < hi) {
    char c = text[e];
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (c == ')' && depth == 0) break;
    else if (depth == 0 && IsClauseBreak(text, e)) break;
    ++e;
  }
  return {b, e};
}

// The clause before `clause` in the same sentence, or an empty range.
TextRange PreviousClause(std::string_view text, TextRange sentence, TextRange clause) {
  if (clause.begin <= sentence.begin + 1) return {};
  size_t e = clause.begin - 1;
  return ClauseOf(text, sentence, e, e);
}

std::string_view Slice(std::string_view text, TextRange r) { return text.substr(r.begin, r.end - r.begin); }

bool HasAny(const std::vector<std::string>& tokens, const std::vector<Phrase>& phrases) {
  for (const auto& p : phrases) if (FindPhrase(tokens, p) >= 0) return true;
  return false;
}

const char* KindFor(const Mention& m) {
  switch (m.type) {
    case MentionType::kPercent: return "rate";
    case MentionType::kMoney: return "money";
    case MentionType::kCount: return "count";
    case MentionType::kNumber: return "count";
    default: return nullptr;
  }
}

struct Context {
  const Lexicon::Impl& lex;
  std::string_view text;
  const Layout& layout;
  const std::vector<Mention>& mentions;
  const Meta& meta;
  const LinkTuning& tuning;
  const Budget& budget;   // spent: the loops stop, LinkFacts' caller reports the error
  // Indexes that keep linking linear-ish on long documents.
  std::vector<const Mention*> order;          // mentions by start position
  std::vector<int> parent;                    // section index -> enclosing section, or -1
  std::vector<std::string> section_period;    // section index -> period named in its title
  std::string title_period;                   // period named in the document title

  // Mentions starting in [begin, end), in text order.
  std::pair<std::vector<const Mention*>::const_iterator, std::vector<const Mention*>::const_iterator>
  Between(size_t begin, size_t end) const {
    auto lo = std::lower_bound(order.begin(), order.end(), begin,
                               [](const Mention* m, size_t pos) { return m->span.normalized.begin < pos; });
    auto hi = std::lower_bound(lo, order.end(), end,
                               [](const Mention* m, size_t pos) { return m->span.normalized.begin < pos; });
    return {lo, hi};
  }
  // Index of the innermost section starting at or before `pos`, or -1.
  int SectionAt(size_t pos) const {
    auto it = std::upper_bound(layout.sections.begin(), layout.sections.end(), pos,
                               [](size_t p, const Section& s) { return p < s.range.begin; });
    return static_cast<int>(it - layout.sections.begin()) - 1;
  }
  std::string PeriodIn(TextRange r) const {
    auto [lo, hi] = Between(r.begin, r.end);
    for (auto it = lo; it != hi; ++it) {
      if ((*it)->type == MentionType::kPeriod && (*it)->span.normalized.end <= r.end) return (*it)->iso;
    }
    return "";
  }
};

void BuildIndexes(Context& c) {
  for (const Mention& m : c.mentions) c.order.push_back(&m);
  std::stable_sort(c.order.begin(), c.order.end(), [](const Mention* a, const Mention* b) {
    return a->span.normalized.begin < b->span.normalized.begin;
  });
  std::vector<int> stack;
  for (size_t i = 0; i < c.layout.sections.size(); ++i) {
    const Section& s = c.layout.sections[i];
    while (!stack.empty() && c.layout.sections[stack.back()].level >= s.level) stack.pop_back();
    c.parent.push_back(stack.empty() ? -1 : stack.back());
    stack.push_back(static_cast<int>(i));
    size_t title_end = std::min(c.text.size(), s.range.begin + s.number.size() + s.title.size() +
                                                      c.tuning.section_title_slack_bytes);
    c.section_period.push_back(c.PeriodIn({s.range.begin, title_end}));
  }
  if (c.layout.header.title) c.title_period = c.PeriodIn(*c.layout.header.title);
}

// The sections holding `pos`, innermost first.
std::vector<const Section*> Ancestors(const Context& c, size_t pos) {
  std::vector<const Section*> chain;
  for (int i = c.SectionAt(pos); i >= 0; i = c.parent[i]) chain.push_back(&c.layout.sections[i]);
  return chain;
}

// The nearest explicit period before `pos` in its sentence, else in its section title, else the
// document's own period (a report's date year, a plan's title year).
std::string PeriodFor(const Context& c, TextRange sentence, size_t pos) {
  std::string best;
  auto [lo, hi] = c.Between(sentence.begin, sentence.end);
  for (auto it = lo; it != hi; ++it) {
    const Mention& m = **it;
    if (m.type == MentionType::kPeriod && (best.empty() || m.span.normalized.begin < pos)) best = m.iso;
  }
  if (!best.empty()) return best;
  // "Tháng 9/2021, Trung tâm … đã tiếp nhận …. Đã có kết quả trả trước và đúng hạn là 4.157 hồ
  // sơ": a paragraph that opens with its period states each figure of it for that period.
  auto block = std::upper_bound(c.layout.blocks.begin(), c.layout.blocks.end(), pos,
                                [](size_t p, const Block& b) { return p < b.range.begin; });
  if (block != c.layout.blocks.begin() && pos < std::prev(block)->range.end) {
    const TextRange& para = std::prev(block)->range;
    auto [plo, phi] = c.Between(para.begin, std::min(para.begin + c.tuning.paragraph_opening_bytes, pos));
    for (auto it = plo; it != phi; ++it) {
      const Mention& m = **it;
      if (m.type != MentionType::kPeriod || m.iso.empty()) continue;
      if (c.text.substr(para.begin, m.span.normalized.begin - para.begin).find_first_of(".;:") == std::string_view::npos) return m.iso;
      break;
    }
  }
  int section = c.SectionAt(pos);
  if (section >= 0 && !c.section_period[section].empty()) return c.section_period[section];
  if (!c.title_period.empty()) return c.title_period;
  if (c.meta.date && c.meta.date->size() >= 4) return c.meta.date->substr(0, 4);
  return "";
}

// The innermost section whose title speaks of results or of tasks ahead decides.
bool TargetBySection(const Context& c, size_t pos) {
  for (const Section* s : Ancestors(c, pos)) {
    std::vector<std::string> tokens = Tokenize(s->title);
    if (HasAny(tokens, c.lex.actual_sections)) return false;
    if (HasAny(tokens, c.lex.target_sections)) return true;
  }
  return false;
}

Role RoleFor(const Context& c, const Mention& m, std::string_view before, size_t pos) {
  std::vector<std::string> tokens = Tokenize(before);
  // "chỉ tiêu tối thiểu 98%, hiện đạt 97,3%": the target word belongs to the value after it; an
  // actual word after that value, and no target word, makes this value an actual.
  size_t begin = static_cast<size_t>(before.data() - c.text.data());
  const Mention* last = nullptr;   // the last value before this one in its label context
  auto [lo, hi] = c.Between(begin, m.span.normalized.begin);
  for (auto it = lo; it != hi; ++it) {
    const Mention* o = *it;
    if (o != &m && o->span.normalized.end <= m.span.normalized.begin && o->type != MentionType::kPeriod &&
        o->type != MentionType::kDate && o->type != MentionType::kReference) {
      last = o;
    }
  }
  if (last) {
    std::vector<std::string> after = Tokenize(Slice(c.text, {last->span.normalized.end, m.span.normalized.begin}));
    if (HasAny(after, c.lex.actual_words) && !HasAny(after, c.lex.target_words) &&
        HasAny(Tokenize(Slice(c.text, {begin, last->span.normalized.end})), c.lex.target_words)) {
      return Role::kActual;
    }
  }
  if (HasAny(tokens, c.lex.target_words)) return Role::kTarget;
  if (HasAny(tokens, c.lex.actual_words)) return Role::kActual;
  if (c.meta.kind == "plan") return Role::kTarget;
  if (TargetBySection(c, pos)) return Role::kTarget;
  return Role::kActual;
}

Fact MakeFact(const std::string& indicator, Role role, const Mention& m, const IndicatorInfo* info,
              std::string label, std::string period, double value) {
  Fact f;
  f.indicator = indicator;
  f.role = role;
  f.value = value;
  f.unit = info ? info->unit : m.unit;
  f.comparator = m.comparator;
  f.period = std::move(period);
  f.label = std::move(label);
  f.span = m.span;
  return f;
}

std::string CollapseLabel(std::string_view s) {
  std::string out;
  bool space = false;
  for (char ch : s) {
    if (ch == ' ' || ch == '\t' || ch == '\n') { space = !out.empty(); continue; }
    if (space) { out.push_back(' '); space = false; }
    out.push_back(ch);
  }
  return out;
}


// ---------------------------------------------------------------------------------------------
// Prose.

// The table holding `pos` (tables are in text order and do not overlap).
const LayoutTable* TableAt(const Layout& layout, size_t pos) {
  auto it = std::upper_bound(layout.tables.begin(), layout.tables.end(), pos,
                             [](size_t p, const LayoutTable& t) { return p < t.range.begin; });
  if (it == layout.tables.begin()) return nullptr;
  --it;
  return pos < it->range.end ? &*it : nullptr;
}

bool HasValueColumns(const LayoutTable& table);

// The segment of a clause that belongs to one value: from the end of the value before it to
// the start of the value after it ("96 hồ sơ chưa đến hạn và | 02 hồ sơ quá hạn").
TextRange SegmentOf(const Context& c, TextRange clause, const Mention& m) {
  TextRange seg = clause;
  auto is_value = [](const Mention* o) {
    return o->type != MentionType::kPeriod && o->type != MentionType::kDate && o->type != MentionType::kReference;
  };
  auto [lo, hi] = c.Between(clause.begin, clause.end);
  for (auto it = lo; it != hi; ++it) {
    const Mention* other = *it;
    if (other == &m || !is_value(other)) continue;
    const TextRange& r = other->span.normalized;
    if (r.end <= m.span.normalized.begin && r.end > seg.begin) seg.begin = r.end;
    if (r.begin >= m.span.normalized.end && r.begin < seg.end && r.end <= clause.end) seg.end = r.begin;
  }
  return seg;
}

// "84,80% so với số công dân đã có thẻ Căn cước": the words after "so với" name the rate's
// base, not its subject. Returns the base range (empty if none) within [from, to).
TextRange BaseAfter(std::string_view text, size_t from, size_t to, const LinkTuning& tuning) {
  std::string_view tail = text.substr(from, to - from);
  size_t at = tail.find("so với");
  if (at == std::string_view::npos || at > tuning.base_max_gap_bytes) return {};
  return {from + at, to};
}

bool Excluded(const Entry& e, const std::vector<std::string>& tokens) {
  for (const auto& phrase : e.excluded) if (FindPhrase(tokens, phrase) >= 0) return true;
  return false;
}

// The label context of a value, widening until an indicator of the right kind is named: the
// words after a count ("02 hồ sơ quá hạn"), its segment of the clause, the clause, the clause
// before with it, the sentence up to it, the whole sentence. The exclusions of the indicator
// found must not occur in the value's own segment.
const Entry* FindIndicator(const Context& c, const Mention& m, TextRange sentence, TextRange clause,
                           const char* kind, TextRange* label_range, TextRange* base) {
  TextRange seg = SegmentOf(c, clause, m);
  *base = BaseAfter(c.text, m.span.normalized.end, seg.end, c.tuning);
  auto without_base = [&](TextRange r) -> std::string {
    std::string out(Slice(c.text, r));
    if (!base->empty() && base->begin >= r.begin && base->begin < r.end) {
      out = std::string(Slice(c.text, {r.begin, base->begin})) + " " +
            std::string(Slice(c.text, {std::min(r.end, base->end), r.end}));
    }
    return out;
  };
  std::vector<TextRange> tries;
  if (m.type == MentionType::kCount) tries.push_back({m.span.normalized.begin, seg.end});
  tries.push_back(seg);
  tries.push_back(clause);
  TextRange prev = PreviousClause(c.text, sentence, clause);
  bool bare = m.type == MentionType::kNumber ||
              Tokenize(without_base(seg)).size() <= Tokenize(Slice(c.text, m.span.normalized)).size() + 2;
  // A bare number may take its label from the clause before only when that clause is a pure
  // label ("Tổng số PAKN, SKGP đã nhận được: 0"), not another value ("2.890 người, xếp hạng 23").
  bool prev_is_label = false;
  if (!prev.empty()) {
    auto [lo, hi] = c.Between(prev.begin, prev.end);
    prev_is_label = std::none_of(lo, hi, [&](const Mention* o) {
      return o->span.normalized.end <= prev.end && o->type != MentionType::kPeriod &&
             o->type != MentionType::kDate && o->type != MentionType::kReference;
    });
  }
  if (m.type == MentionType::kNumber && !prev_is_label) prev = {};
  if (m.type != MentionType::kCount || bare) {
    if (!prev.empty()) tries.push_back({prev.begin, clause.end});
    if (m.type != MentionType::kNumber) {
      tries.push_back({sentence.begin, clause.end});
      tries.push_back(sentence);
    }
  }
  std::vector<std::string> own = Tokenize(Slice(c.text, seg));
  for (const TextRange& r : tries) {
    const Entry* e = c.lex.Best(Tokenize(without_base(r)), kind, nullptr);
    if (e && !Excluded(*e, own)) { *label_range = r; return e; }
  }
  return nullptr;
}

// A rate's stated base ("so với tổng dân số") must be one the indicator is measured against.
bool BaseFits(const Context& c, const Entry& e, TextRange base) {
  if (base.empty() || e.bases.empty()) return true;
  std::vector<std::string> tokens = Tokenize(Slice(c.text, base));
  return HasAny(tokens, e.bases);
}

void ProseFacts(const Context& c, const std::vector<const Mention*>& claimed_list, std::vector<Fact>& facts) {
  std::unordered_set<const Mention*> claimed(claimed_list.begin(), claimed_list.end());
  std::unordered_map<const LayoutTable*, bool> value_tables;
  BudgetTicker ticker(c.budget);
  for (const Mention* mp : c.order) {
    if (ticker.Exhausted()) return;
    const Mention& m = *mp;
    if (claimed.count(&m)) continue;
    size_t pos = m.span.normalized.begin;
    if (const LayoutTable* table = TableAt(c.layout, pos)) {
      // In a table of values, only a self-describing value in a label is read as prose.
      bool self_describing = m.type == MentionType::kPercent || m.type == MentionType::kMoney ||
                             (m.type == MentionType::kCount && !m.unit.empty());
      auto known = value_tables.find(table);
      bool has_values = known != value_tables.end() ? known->second : (value_tables[table] = HasValueColumns(*table));
      if (has_values && !self_describing) continue;
    }
    TextRange sentence = SentenceOf(c.text, pos, c.tuning.sentence_reach_bytes);
    TextRange clause = ClauseOf(c.text, sentence, m.span.normalized.begin, m.span.normalized.end);
    if (m.type == MentionType::kFraction) {
      // A part over its whole: both sides become facts when the sentence names what they count.
      const Entry* e = c.lex.Best(Tokenize(Slice(c.text, {sentence.begin, clause.end})), "fraction", nullptr);
      if (!e) continue;
      std::string period = PeriodFor(c, sentence, pos);
      std::string label = CollapseLabel(Slice(c.text, clause));
      facts.push_back(MakeFact(e->numerator, Role::kActual, m, c.lex.Find(e->numerator), label, period, m.numerator));
      facts.push_back(MakeFact(e->denominator, Role::kActual, m, c.lex.Find(e->denominator), label, period, m.denominator));
      continue;
    }
    const char* kind = KindFor(m);
    if (!kind) continue;
    TextRange label_range, base;
    const Entry* e = FindIndicator(c, m, sentence, clause, kind, &label_range, &base);
    if (!e && m.type == MentionType::kNumber) e = FindIndicator(c, m, sentence, clause, "rank", &label_range, &base);
    if (!e || !BaseFits(c, *e, base)) continue;
    const IndicatorInfo* info = c.lex.Find(e->id);
    if (m.type == MentionType::kCount && info && !c.lex.NounFits(m.unit, info->unit)) continue;
    // The value's own words count too: "tối thiểu có 10 sáng kiến" carries its comparator.
    std::string_view before = Slice(c.text, {label_range.begin, m.span.normalized.end});
    Role role = RoleFor(c, m, before, pos);
    std::string period = PeriodFor(c, sentence, pos);
    facts.push_back(MakeFact(e->id, role, m, info, CollapseLabel(Slice(c.text, label_range)), period, m.number));
  }
}

// ---------------------------------------------------------------------------------------------
// Tables.

enum class Column { kOther, kOrdinal, kLabel, kTarget, kResult, kAssessment, kUnit };

Column ClassifyHeader(const std::string& header) {
  std::string k = FoldKey(header);
  auto has = [&](const char* w) { return k.find(w) != std::string::npos; };
  if (k == "stt" || k == "tt" || k == "so tt") return Column::kOrdinal;
  if (has("danh gia")) return Column::kAssessment;
  if (has("don vi tinh") || k == "dvt" || k == "don vi") return Column::kUnit;
  if (has("noi dung") || has("ten chi tieu") || has("ten nhiem vu") || k == "nhiem vu") return Column::kLabel;
  if (has("ket qua") || has("thuc hien") || has("tien do") || has("uoc dat")) return Column::kResult;
  if (has("chi tieu") || has("muc tieu") || has("ke hoach") || k.rfind("nam ", 0) == 0) return Column::kTarget;
  return Column::kOther;
}

struct Columns {
  int label = -1, target = -1, result = -1, assessment = -1, unit = -1;
};

Columns ClassifyColumns(const LayoutTable& table) {
  Columns cols;
  if (table.header.empty()) return cols;
  const auto& head = table.header.front();
  for (size_t i = 0; i < head.size(); ++i) {
    int idx = static_cast<int>(i);
    switch (ClassifyHeader(head[i].text)) {
      case Column::kLabel: if (cols.label < 0) cols.label = idx; break;
      case Column::kTarget: if (cols.target < 0) cols.target = idx; break;
      case Column::kResult: if (cols.result < 0) cols.result = idx; break;
      case Column::kAssessment: if (cols.assessment < 0) cols.assessment = idx; break;
      case Column::kUnit: if (cols.unit < 0) cols.unit = idx; break;
      default: break;
    }
  }
  if (cols.label < 0 && cols.target >= 0) {
    // "NỘI DUNG CÁC CHỈ TIÊU" or a lone "Chỉ tiêu" heading the label column.
    cols.label = cols.target;
    cols.target = -1;
    for (size_t i = cols.label + 1; i < head.size(); ++i) {
      if (ClassifyHeader(head[i].text) == Column::kTarget) { cols.target = static_cast<int>(i); break; }
    }
  }
  return cols;
}

bool HasValueColumns(const LayoutTable& table) {
  Columns cols = ClassifyColumns(table);
  return cols.label >= 0 && (cols.target >= 0 || cols.result >= 0);
}

std::vector<const Mention*> MentionsIn(const Context& c, const TableCell& cell) {
  std::vector<const Mention*> out;
  if (cell.range.empty()) return out;
  auto [lo, hi] = c.Between(cell.range.begin, cell.range.end);
  for (auto it = lo; it != hi; ++it) if ((*it)->span.normalized.end <= cell.range.end) out.push_back(*it);
  return out;
}

// The value of a cell for an indicator of `kind`: a percentage, or a number when the unit
// column says "%"; a count or number for counts and ranks; an amount for money.
const Mention* CellValue(const Context& c, const TableCell& cell, const std::string& kind, bool unit_percent) {
  for (const Mention* m : MentionsIn(c, cell)) {
    if (kind == "rate" && (m->type == MentionType::kPercent || (unit_percent && m->type == MentionType::kNumber))) return m;
    if ((kind == "count" || kind == "rank") && !unit_percent && (m->type == MentionType::kCount || m->type == MentionType::kNumber)) return m;
    if (kind == "money" && m->type == MentionType::kMoney) return m;
  }
  return nullptr;
}

std::optional<bool> Assessment(const std::string& cell) {
  std::string k = FoldKey(cell);
  if (k == "khong dat" || k == "chua dat") return false;
  if (k == "dat" || k == "vuot") return true;
  return std::nullopt;
}

const TableCell* Get(const std::vector<TableCell>& row, int i) {
  return i >= 0 && i < static_cast<int>(row.size()) ? &row[i] : nullptr;
}

std::string TablePeriod(const Context& c, const LayoutTable& table, size_t pos) {
  for (const auto& header_row : table.header) {  // a year in a column heading ("Năm 2026")
    for (const auto& cell : header_row) {
      for (const Mention* m : MentionsIn(c, cell)) if (m->type == MentionType::kPeriod) return m->iso;
    }
  }
  return PeriodFor(c, SentenceOf(c.text, pos, c.tuning.sentence_reach_bytes), pos);
}

// Rows of indicators: a label column and target / result / assessment columns.
void LabelledTableFacts(const Context& c, const LayoutTable& table, const Columns& cols,
                        std::vector<const Mention*>& claimed, std::vector<Fact>& facts) {
  Role result_role = c.meta.kind == "plan" ? Role::kTarget : Role::kActual;
  for (const auto& row : table.rows) {
    const TableCell* label_cell = Get(row, cols.label);
    if (!label_cell) continue;
    std::vector<std::string> tokens = Tokenize(label_cell->text);
    const TableCell* unit_cell = Get(row, cols.unit);
    bool unit_percent = unit_cell && unit_cell->text.find('%') != std::string::npos;
    for (const char* kind : {"rate", "count", "money", "rank"}) {
      const Entry* e = c.lex.Best(tokens, kind, nullptr);
      if (!e) continue;
      const IndicatorInfo* info = c.lex.Find(e->id);
      const TableCell* target_cell = Get(row, cols.target);
      const TableCell* result_cell = Get(row, cols.result);
      const Mention* target_value = target_cell ? CellValue(c, *target_cell, kind, unit_percent) : nullptr;
      const Mention* result_value = result_cell ? CellValue(c, *result_cell, kind, unit_percent) : nullptr;
      if (!target_value && !result_value) continue;
      std::string period = TablePeriod(c, table, label_cell->range.begin);
      std::string label = CollapseLabel(label_cell->text);
      if (target_value) {
        facts.push_back(MakeFact(e->id, Role::kTarget, *target_value, info, label, period, target_value->number));
        claimed.push_back(target_value);
      }
      if (result_value) {
        facts.push_back(MakeFact(e->id, result_role, *result_value, info, label, period, result_value->number));
        claimed.push_back(result_value);
      }
      if (const TableCell* verdict_cell = Get(row, cols.assessment)) {
        if (auto verdict = Assessment(verdict_cell->text)) {
          Fact f;
          f.indicator = e->id;
          f.role = Role::kAssessment;
          f.assessment = *verdict;
          f.period = period;
          f.label = label;
          f.span.normalized = verdict_cell->range;
          facts.push_back(std::move(f));
        }
      }
      break;  // one indicator a row
    }
  }
}

// Tables whose column headings are the indicators ("Số biên chế được giao", "Số hồ sơ trực
// tuyến" over "6 tháng đầu năm"): each number under such a heading is an actual value. Columns
// of other administrative levels ("Cấp tỉnh", "Cấp Trung ương") are not the ward's own.
void HeadedTableFacts(const Context& c, const LayoutTable& table, std::vector<const Mention*>& claimed,
                      std::vector<Fact>& facts) {
  size_t width = 0;
  for (const auto& h : table.header) width = std::max(width, h.size());
  std::vector<std::string> heading(width);
  for (const auto& h : table.header) {
    std::string carried;
    for (size_t i = 0; i < width; ++i) {
      std::string text = i < h.size() ? h[i].text : "";
      if (text.empty()) text = carried;  // a heading spanning several columns
      else carried = text;
      heading[i] += " " + text;
    }
  }
  for (size_t col = 0; col < width; ++col) {
    std::vector<std::string> tokens = Tokenize(heading[col]);
    std::string key = FoldKey(heading[col]);
    if (key.find("cap tinh") != std::string::npos || key.find("cap trung uong") != std::string::npos ||
        key.find("cap huyen") != std::string::npos || key.find("stt") != std::string::npos) continue;
    // A heading that asks a question ("Đã giải quyết dứt điểm chưa?") is not a quantity.
    if (heading[col].find('?') != std::string::npos) continue;
    const Entry* e = c.lex.Best(tokens, "count", nullptr);
    if (!e) continue;
    const IndicatorInfo* info = c.lex.Find(e->id);
    for (const auto& row : table.rows) {
      const TableCell* cell = Get(row, static_cast<int>(col));
      if (!cell) continue;
      for (const Mention* m : MentionsIn(c, *cell)) {
        if (m->type != MentionType::kNumber && m->type != MentionType::kCount) continue;
        facts.push_back(MakeFact(e->id, Role::kActual, *m, info, CollapseLabel(heading[col]), TablePeriod(c, table, cell->range.begin), m->number));
        claimed.push_back(m);
        break;
      }
    }
  }
}

void TableFacts(const Context& c, const LayoutTable& table, std::vector<const Mention*>& claimed,
                std::vector<Fact>& facts) {
  if (table.header.empty()) return;
  Columns cols = ClassifyColumns(table);
  if (cols.label >= 0 && (cols.target >= 0 || cols.result >= 0)) {
    LabelledTableFacts(c, table, cols, claimed, facts);
  } else if (cols.label < 0) {
    HeadedTableFacts(c, table, claimed, facts);
  }
}

}  // namespace

std::vector<Fact> LinkFacts(const Lexicon& lexicon, std::string_view text, const Layout& layout,
                            const std::vector<Mention>& mentions, const Meta& meta, const LinkTuning& tuning,
                            const Budget& budget) {
  Context c{lexicon.impl(), text, layout, mentions, meta, tuning, budget, {}, {}, {}, {}};
  BuildIndexes(c);
  std::vector<Fact> facts;
  std::vector<const Mention*> claimed;  // values a table already read
  for (const LayoutTable& table : layout.tables) {
    if (budget.Exhausted()) return {};
    TableFacts(c, table, claimed, facts);
  }
  ProseFacts(c, claimed, facts);
  if (budget.Exhausted()) return {};
  std::stable_sort(facts.begin(), facts.end(), [](const Fact& a, const Fact& b) {
    return a.span.normalized.begin < b.span.normalized.begin;
  });
  return facts;
}

}  // namespace baocao
