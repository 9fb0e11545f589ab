// Comparators written next to a figure: before it ("tối thiểu 90%", "trên 1.000 hồ sơ") or after
// it, perhaps past the words that say what is counted ("từ 12 tháng trở lên").
#include <algorithm>
#include <cctype>

#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "recognize/rule_set_impl.h"

namespace baocao::recognize_internal {

namespace {

constexpr size_t kReachBefore = 48;    // bytes before a figure a comparator may start in
constexpr size_t kReachAfter = 160;    // bytes after a figure a comparator may end in
constexpr int kCountedWords = 8;       // words between a figure and its "trở lên"
constexpr int kCountedWordsAfterFrom = 12;  // the same after "từ": "từ 05 mỏ khoáng sản làm
                                            // vật liệu xây dựng thông thường trở lên"
constexpr int kFigureReachWords = 3;   // words back FigureJustBefore looks for a figure

// Whether a figure stands within the few words before `pos` ("2 bác sĩ trên", "3 tia phun trên").
bool FigureJustBefore(std::string_view text, size_t pos) {
  size_t k = pos, words = 0;
  while (k > 0 && words <= kFigureReachWords) {
    char c = text[k - 1];
    if (c == '\n' || c == '.' || c == ';' || c == ':' || c == ',') return false;
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
    if (c == ' ' && k >= 2 && text[k - 2] != ' ') ++words;
    --k;
  }
  return false;
}

// "trên 01 vạn dân", "trên 1 tầng nhà": "trên" before one of a population or a floor is "per",
// no bound (a rate's base), whatever stands before it.
bool PerBaseAfter(std::string_view text, const Mention& m) {
  static const RE2 kPerBase("^(?:0?1|mot)\\s+(?:(?:van|nghin|ngan|trieu)\\s+)?(?:dan|nguoi\\s+dan|tang\\s+nha)\\b");
  constexpr size_t kBaseBytes = 40;
  std::string_view after = text.substr(m.span.normalized.begin, kBaseBytes);
  return RE2::PartialMatch(FoldKey(after), kPerBase);
}

// "chiều cao đến 28 m", "phạt tiền đến 30.000.000 đồng": "đến" right after a word bounds the figure
// from above. Not after a figure or "từ" earlier in the clause (the far end of a range the range
// rules did not read), and not after a verb of reaching ("lên đến", "tăng đến": as much as). A
// bare number is left alone ("Đến 2030, …" names a year).
bool UpToBound(std::string_view text, size_t comparator_begin) {
  // Reaching ("lên đến": as much as), and the negations other rules read ("không đến": less than).
  static const RE2 kNotABound("^(?:len|tang|giam|dat|toi|nay|hien|khong|chua)$");
  constexpr int kClauseWords = 8;
  auto is_space = [](char c) { return c == ' ' || c == '\n'; };
  size_t k = comparator_begin;
  for (int words = 0; words < kClauseWords; ++words) {
    while (k > 0 && is_space(text[k - 1])) --k;
    if (k == 0 || text[k - 1] == '\t') return words > 0;
    size_t w = k;
    while (w > 0 && !is_space(text[w - 1]) && text[w - 1] != '\t') --w;
    std::string_view raw = text.substr(w, k - w);
    const std::string word = FoldKey(raw);
    if (words == 0 && (raw.find_first_of("0123456789") != std::string_view::npos || RE2::FullMatch(word, kNotABound))) {
      return false;
    }
    if (word == "tu") return false;
    if (raw.find_first_of(".;:") != std::string_view::npos) return words > 0;
    k = w;
  }
  return true;
}

// "thấp hơn bốn người so với con số 21 người", "cao hơn 5% so với cùng kỳ": a difference between
// two figures, no bound. `word` is the comparator folded ("cao hon").
bool DifferenceCompared(std::string_view text, const Mention& m, std::string_view word) {
  static const RE2 kComparedWith(R"(^(?:[^\d.;:()\n\t]*?\s)?so\s+(?:với|cùng))");
  constexpr size_t kReachBytes = 48;
  if (!word.ends_with("hon") || word.starts_with("khong")) return false;
  return RE2::PartialMatch(text.substr(m.span.normalized.end, kReachBytes), kComparedWith);
}

bool IsFigure(const Mention& m) {
  return m.type == MentionType::kNumber || m.type == MentionType::kPercent || m.type == MentionType::kMoney ||
         m.type == MentionType::kCount;
}

// A comparator of `rule` that ends right before `m` (only spaces between) joins it.
bool AttachBefore(const Rule& rule, std::string_view text, Mention& m) {
  const size_t b = m.span.normalized.begin;
  size_t from = b > kReachBefore ? b - kReachBefore : 0;
  while (from < b && internal::IsUtf8Continuation(text, from)) ++from;
  re2::StringPiece window(text.data() + from, b - from);
  re2::StringPiece g[1];
  size_t p = 0;
  while (p < window.size() && rule.re->Match(window, p, window.size(), RE2::UNANCHORED, g, 1)) {
    size_t ge = g[0].data() - window.data() + g[0].size();
    if (std::string_view(window.data() + ge, window.size() - ge).find_first_not_of(" \t") == std::string_view::npos &&
        !g[0].empty()) {
      // "2 bác sĩ trên 01 vạn dân", "3 tia phun trên 1 tầng": "trên" between two figures
      // and their nouns is "per", no bound.
      size_t cb = from + (g[0].data() - window.data());
      const std::string word = FoldKey(std::string_view(g[0].data(), g[0].size()));
      if (word == "tren" && (FigureJustBefore(text, cb) || PerBaseAfter(text, m))) return false;
      if (word == "den" && (m.type == MentionType::kNumber || !UpToBound(text, cb))) return false;
      if (DifferenceCompared(text, m, word)) return false;
      m.comparator = rule.comparator;
      m.span.normalized.begin = from + (g[0].data() - window.data());
      return true;
    }
    p = g[0].data() - window.data() + 1;
  }
  return false;
}

// Whether `gap` is only words (no figure, no stop), at most `max_words` of them.
bool WordsOnly(std::string_view gap, int max_words) {
  if (gap.find_first_of("0123456789.;:()\t\n%") != std::string_view::npos) return false;
  int words = 0;
  bool in_word = false;
  for (char ch : gap) {
    bool sep = ch == ' ' || ch == ',';
    if (!sep && !in_word) ++words;
    in_word = !sep;
  }
  return words <= max_words;
}

// "từ 12 tháng trở lên", "3 tia phun trở lên", "Từ 20% số cơ quan, đơn vị trở lên": the bound
// may follow the words that say what is counted, with no figure and no stop between.
bool AttachAfter(const Rule& rule, std::string_view text, Mention& m) {
  const size_t e = m.span.normalized.end;
  size_t to = std::min(text.size(), e + kReachAfter);
  re2::StringPiece window(text.data() + e, to - e);
  re2::StringPiece g[1];
  const bool from_word = FoldedWordBefore(text, m.span.normalized.begin) == "tu";
  const int max_words = from_word ? kCountedWordsAfterFrom : kCountedWords;
  if (!rule.re->Match(window, 0, window.size(), RE2::UNANCHORED, g, 1) ||
      !WordsOnly(std::string_view(window.data(), g[0].data() - window.data()), max_words)) {
    return false;
  }
  m.comparator = rule.comparator;
  m.span.normalized.end = e + (g[0].data() - window.data()) + g[0].size();
  return true;
}

// "tối đa 3 km đối với khu vực trung tâm và 5 km đối với các khu vực khác": a bound governs a
// figure of the same unit joined to its own by "và" or "hoặc" later in the clause.
void ShareBoundsAcrossAnd(std::string_view text, std::vector<Mention>& mentions) {
  constexpr size_t kShareReachBytes = 96;
  for (size_t i = 1; i < mentions.size(); ++i) {
    Mention& m = mentions[i];
    const Mention& prev = mentions[i - 1];
    if (!IsFigure(m) || m.comparator != Comparator::kNone || m.range_to || prev.comparator == Comparator::kNone ||
        prev.range_to || m.unit.empty() || m.unit != prev.unit || m.type != prev.type) {
      continue;
    }
    const size_t gap_begin = prev.span.normalized.end, gap_end = m.span.normalized.begin;
    if (gap_end < gap_begin || gap_end - gap_begin > kShareReachBytes) continue;
    std::string_view gap = text.substr(gap_begin, gap_end - gap_begin);
    if (gap.find_first_of("0123456789.;:()\t") != std::string_view::npos) continue;
    const std::string joint = FoldedWordBefore(text, gap_end);
    if (joint == "va" || joint == "hoac") m.comparator = prev.comparator;
  }
}

}  // namespace

void AttachComparators(const std::vector<Rule>& rules, std::string_view text, std::vector<Mention>& mentions,
                       const Budget& budget) {
  BudgetTicker ticker(budget);
  for (Mention& m : mentions) {
    if (ticker.Exhausted()) return;   // Recognize's caller reports the budget's error
    if (!IsFigure(m) || m.comparator != Comparator::kNone) continue;
    for (const Rule& rule : rules) {
      // A range has its two ends: "Từ 80% - 100% … trở lên" bounds no range.
      if (!rule.before && m.range_to) continue;
      if (!rule.is_comparator) continue;
      if (rule.before ? AttachBefore(rule, text, m) : AttachAfter(rule, text, m)) break;
    }
  }
  ShareBoundsAcrossAnd(text, mentions);
}

}  // namespace baocao::recognize_internal
