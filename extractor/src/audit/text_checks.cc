// Checks on the text rather than on indicator facts: the issuing ward spelled two ways,
// deadlines already past when the document was issued, cited documents dated after it. (Table
// totals and other relations of the document's structure: structure*.cc.)
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "audit/audit_impl.h"
#include "baocao/link/link.h"
#include "baocao/normalize/text.h"
#include "core/strings.h"

namespace baocao {
namespace {

struct Word {
  size_t begin, end;
  bool capital;
};

// The next word at or after `*cursor`: a run of letters and marks, with whether it starts
// with a capital. Words are read one at a time: a long document is not copied into a list.
bool NextWord(std::string_view text, size_t* cursor, Word* word) {
  int32_t i = static_cast<int32_t>(*cursor), n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    int32_t start = i;
    UChar32 cp;
    U8_NEXT(s, i, n, cp);
    if (cp < 0 || !u_isalpha(cp)) continue;
    bool capital = u_isupper(cp);
    int32_t end = i;
    while (i < n) {
      int32_t at = i;
      U8_NEXT(s, i, n, cp);
      if (cp < 0 || !(u_isalpha(cp) || u_charType(cp) == U_NON_SPACING_MARK || u_charType(cp) == U_COMBINING_SPACING_MARK)) {
        i = at;
        break;
      }
      end = i;
    }
    *word = {static_cast<size_t>(start), static_cast<size_t>(end), capital};
    *cursor = static_cast<size_t>(i);
    return true;
  }
  *cursor = text.size();
  return false;
}

}  // namespace

void CheckNames(AuditContext& c) {
  const Meta& meta = *c.in.meta;
  if (!meta.ward || meta.ward->empty()) return;
  std::vector<std::string> syllables = Tokenize(*meta.ward);
  if (syllables.empty()) return;
  const std::string canonical = internal::Lower(*meta.ward);
  const std::string_view text = c.in.text;
  struct Spelling {
    std::string text;
    std::vector<TextRange> places;
  };
  std::vector<Spelling> spellings;   // spellings[0]: as meta.ward
  spellings.push_back({*meta.ward, {}});
  const size_t k = syllables.size();
  std::vector<Word> words;   // the last k words read
  size_t cursor = 0;
  Word next;
  while (NextWord(text, &cursor, &next)) {
    words.push_back(next);
    if (words.size() > k) words.erase(words.begin());
    if (words.size() < k) continue;
    const size_t i = 0;
    bool match = true;
    for (size_t j = 0; j < k && match; ++j) {
      const Word& w = words[i + j];
      if (!w.capital) match = false;   // "trung thành" (loyal) is not the ward
      else if (j > 0 && text.substr(words[i + j - 1].end, w.begin - words[i + j - 1].end) != " ") match = false;
      else {
        // Cheap test first: an ASCII initial must be the syllable's; the fold is ICU work.
        unsigned char initial = static_cast<unsigned char>(text[w.begin]);
        if (initial < kFirstNonAscii && std::tolower(initial) != syllables[j][0]) match = false;
        else if (w.end - w.begin > 3 * syllables[j].size() + 4) match = false;
        else {
          std::vector<std::string> t = Tokenize(text.substr(w.begin, w.end - w.begin));
          match = t.size() == 1 && t[0] == syllables[j];
        }
      }
    }
    if (!match) continue;
    TextRange range{words[i].begin, words[i + k - 1].end};
    std::string spelled(text.substr(range.begin, range.end - range.begin));
    std::string lower = internal::Lower(spelled);
    if (lower == canonical) {
      spellings[0].places.push_back(range);
      continue;
    }
    auto it = std::find_if(spellings.begin() + 1, spellings.end(), [&](const Spelling& s) { return internal::Lower(s.text) == lower; });
    if (it == spellings.end()) spellings.push_back({spelled, {range}});
    else it->places.push_back(range);
  }
  if (spellings.size() < 2 || spellings[0].places.empty()) return;
  const bool en = c.en();
  std::string unit = "phường";
  if (meta.issuer) {
    std::string key = FoldKey(*meta.issuer);
    if (key.find(" xa ") != std::string::npos || key.rfind("ubnd xa", 0) == 0) unit = "xã";
    if (key.find("dac khu") != std::string::npos) unit = "đặc khu";
  }
  Flag flag;
  flag.kind = "name_variant";
  flag.severity = Severity::kWarning;
  flag.rule = "builtin:name_variant";
  auto count = [&](const Spelling& s) {
    return "“" + s.text + "” (" + std::to_string(s.places.size()) + (en ? " times)" : " lần)");
  };
  std::string others;
  for (size_t i = 1; i < spellings.size(); ++i) {
    others += (others.empty() ? "" : (en ? " and " : " và ")) + count(spellings[i]);
    for (const TextRange& r : spellings[i].places) AddEvidence(flag, c.SpanOf(r));
  }
  AddEvidence(flag, c.SpanOf(spellings[0].places.front()));
  flag.explanation = en ? "The issuing " + std::string(unit == "xã" ? "commune" : "ward") + "'s name is spelled " +
                              count(spellings[0]) + ", as in the header, but also " + others + "."
                        : "Tên " + unit + " ban hành được viết " + count(spellings[0]) + " như ở phần đầu văn bản, nhưng cũng được viết " +
                              others + ".";
  c.flags.push_back(std::move(flag));
}

// ---------------------------------------------------------------------------------------------
// Dates.

namespace {

// ISO dates and periods as the recognizer writes them: "2026", "2026-02", "2026-Q1", "2026-H2",
// "2026-02-09"; the year, then after its dash the month (or Q, H and their number), then after
// a second dash the day.
constexpr size_t kYearLength = 4;
constexpr size_t kPeriodAt = 5;         // the month's first digit, or 'Q' or 'H'
constexpr size_t kPeriodNumberAt = 6;   // the quarter's or the half's number
constexpr size_t kSecondDashAt = 7;
constexpr size_t kMonthIsoLength = 7;   // "2026-02", "2026-Q1"
constexpr size_t kDateIsoLength = 10;   // "2026-02-09"
constexpr int kMonthsPerQuarter = 3;

bool FullDate(const std::string& iso) {
  return iso.size() == kDateIsoLength && iso[kYearLength] == '-' && iso[kSecondDashAt] == '-';
}

// First and last day of a period or date ("2026-02" -> 2026-02-01, 2026-02-31: day numbers
// only need to compare, not to exist).
std::pair<std::string, std::string> Bounds(const std::string& iso) {
  size_t slash = iso.find('/');
  if (slash != std::string::npos) return {Bounds(iso.substr(0, slash)).first, Bounds(iso.substr(slash + 1)).second};
  if (FullDate(iso)) return {iso, iso};
  const std::string year = iso.substr(0, kYearLength);
  if (iso.size() == kMonthIsoLength && iso[kYearLength] == '-' && iso[kPeriodAt] != 'Q' && iso[kPeriodAt] != 'H') {
    return {iso + "-01", iso + "-31"};
  }
  if (iso.size() == kMonthIsoLength && iso[kPeriodAt] == 'Q') {
    constexpr size_t kMonthBuffer = 8;   // two digits and the terminator, with room
    int q = iso[kPeriodNumberAt] - '0';
    char a[kMonthBuffer], b[kMonthBuffer];
    std::snprintf(a, sizeof a, "%02d", kMonthsPerQuarter * q - 2);
    std::snprintf(b, sizeof b, "%02d", kMonthsPerQuarter * q);
    return {year + "-" + a + "-01", year + "-" + b + "-31"};
  }
  if (iso.size() == kMonthIsoLength && iso[kPeriodAt] == 'H') {
    bool first = iso[kPeriodNumberAt] == '1';
    return {year + (first ? "-01-01" : "-07-01"), year + (first ? "-06-31" : "-12-31")};
  }
  if (iso.size() == kYearLength) return {iso + "-01-01", iso + "-12-31"};
  return {"", ""};
}

// The document's own date as evidence: its date line, and its first mention in the text.
std::vector<Span> DocumentDateEvidence(const AuditContext& c) {
  const Meta& meta = *c.in.meta;
  std::vector<Span> evidence;
  if (c.in.layout->header.date_line) evidence.push_back(c.SpanOf(*c.in.layout->header.date_line));
  for (const Mention& m : *c.in.mentions) {
    if (m.type == MentionType::kDate && m.iso == *meta.date && !m.year_inferred) {
      if (evidence.empty() || evidence.front().normalized.begin != m.span.normalized.begin) evidence.push_back(m.span);
      break;
    }
  }
  return evidence;
}

// The latest date the document cites (its own date at least), and where.
struct LatestCited {
  std::string date;
  const Span* span = nullptr;
};

// Cited documents: none may be dated after this one; the latest bounds its date from below.
LatestCited CheckReferences(AuditContext& c, const std::string& doc_first, const std::string& doc_last,
                            const std::vector<Span>& doc_date_evidence) {
  const Meta& meta = *c.in.meta;
  const bool en = c.en();
  LatestCited latest{doc_first, nullptr};
  if (!c.in.references) return latest;
  for (const Reference& r : *c.in.references) {
    if (!FullDate(r.date) || r.spans.empty()) continue;
    if (r.date > doc_last) {
      Flag flag;
      flag.kind = "date_inconsistency";
      flag.severity = Severity::kError;
      flag.rule = "builtin:reference_after_document";
      AddEvidence(flag, r.spans.front());
      for (const Span& s : doc_date_evidence) AddEvidence(flag, s);
      std::string name = r.kind + " " + r.number;
      flag.explanation = en ? name + " is cited with the date " + FormatDate(r.date) + ", after this document's own date (" +
                                  FormatDate(*meta.date) + ")."
                            : name + " được dẫn chiếu với ngày " + FormatDate(r.date) + ", muộn hơn ngày của chính văn bản này (" +
                                  FormatDate(*meta.date) + ").";
      c.flags.push_back(std::move(flag));
    } else if (r.date > latest.date) {
      latest = {r.date, &r.spans.front()};
    }
  }
  return latest;
}

// The normalized ranges of the cells of deadline columns ("Thời gian hoàn thành"), sorted.
std::vector<std::pair<size_t, size_t>> DeadlineCells(const AuditContext& c) {
  std::vector<std::pair<size_t, size_t>> cells;
  for (const LayoutTable& t : c.in.layout->tables) {
    std::vector<int> columns;
    for (const auto& row : t.header) {
      for (size_t j = 0; j < row.size(); ++j) {
        if (c.HasWords(row[j].text, "deadline_column")) columns.push_back(static_cast<int>(j));
      }
    }
    for (const auto& row : t.rows) {
      for (int j : columns) {
        if (j < static_cast<int>(row.size()) && !row[j].range.empty()) cells.push_back({row[j].range.begin, row[j].range.end});
      }
    }
  }
  std::sort(cells.begin(), cells.end());
  return cells;
}

// "trước 02/2026", "trước ngày 30/6": where the deadline phrase before the date at `b` starts,
// within its line or cell and `reach` bytes; nullopt when the words before it are none.
std::optional<size_t> DeadlinePhraseStart(const AuditContext& c, size_t b, size_t reach) {
  const std::string_view text = c.in.text;
  // The phrase starts after the last line break or tab before `b`, and at most `reach` bytes
  // back: only those bytes are searched (searching the whole line was quadratic in one
  // paragraph without line breaks, issue 18).
  const size_t window = b - std::min(b, reach);
  const size_t separator = text.substr(window, b - window).find_last_of("\n\t");
  const size_t from = separator == std::string_view::npos ? window : window + separator + 1;
  std::vector<std::string> tokens = Tokenize(text.substr(from, b - from));
  size_t popped = 0;
  while (!tokens.empty() && (tokens.back() == "ngay" || tokens.back() == "thang" || tokens.back() == "nam")) {
    tokens.pop_back();
    ++popped;
  }
  size_t before_words = 0;   // how many words before the date the deadline phrase takes
  if (auto it = c.rules.words.find("deadline_before"); it != c.rules.words.end()) {
    for (const std::string& p : it->second) {
      size_t n = std::count(p.begin(), p.end(), ' ') + 1;
      if (n > tokens.size()) continue;
      std::string tail;
      for (size_t k = tokens.size() - n; k < tokens.size(); ++k) tail += (tail.empty() ? "" : " ") + tokens[k];
      if (tail == p) before_words = std::max(before_words, n);
    }
  }
  if (before_words == 0) return std::nullopt;
  // Quote from "trước": walk back over the words the phrase took.
  size_t phrase_begin = b;
  for (size_t w = 0; w < before_words + popped; ++w) {
    while (phrase_begin > from && text[phrase_begin - 1] == ' ') --phrase_begin;
    while (phrase_begin > from && text[phrase_begin - 1] != ' ') --phrase_begin;
  }
  return phrase_begin;
}

void FlagPassedDeadline(AuditContext& c, Span deadline, const std::vector<Span>& doc_date_evidence, const LatestCited& latest) {
  const Meta& meta = *c.in.meta;
  const bool en = c.en();
  Flag flag;
  flag.kind = "date_inconsistency";
  flag.severity = Severity::kError;
  flag.rule = "builtin:deadline_before_document";
  AddEvidence(flag, deadline);
  for (const Span& s : doc_date_evidence) AddEvidence(flag, s);
  if (latest.span) AddEvidence(flag, *latest.span);
  std::string quoted = "“" + deadline.text + "”";
  std::string cites = latest.span ? (en ? " and cites a document of " : " và dẫn chiếu văn bản ngày ") + FormatDate(latest.date) : "";
  flag.explanation = en ? "The deadline " + quoted + " (line " + std::to_string(deadline.line) +
                              ") had already passed when the document was issued: it is dated " + FormatDate(*meta.date) + cites + "."
                        : "Thời hạn " + quoted + " (dòng " + std::to_string(deadline.line) +
                              ") đã qua khi văn bản được ban hành: văn bản đề ngày " + FormatDate(*meta.date) + cites + ".";
  c.flags.push_back(std::move(flag));
}

}  // namespace

void CheckDates(AuditContext& c) {
  const Meta& meta = *c.in.meta;
  if (!meta.date || meta.date->size() < kYearLength) return;
  auto [doc_first, doc_last] = Bounds(*meta.date);
  if (doc_first.empty()) return;
  const std::vector<Span> doc_date_evidence = DocumentDateEvidence(c);
  const LatestCited latest = CheckReferences(c, doc_first, doc_last, doc_date_evidence);
  if (meta.kind != "plan") return;   // a report looks back: its past deadlines are history
  // Deadlines: dates in a "Thời gian hoàn thành" column, or after "trước" / "chậm nhất".
  const std::vector<std::pair<size_t, size_t>> deadline_cells = DeadlineCells(c);
  for (const Mention& m : *c.in.mentions) {
    if ((m.type != MentionType::kDate && m.type != MentionType::kPeriod) || m.year_inferred) continue;
    if (c.Spent()) return;
    size_t b = m.span.normalized.begin;
    auto cell = std::upper_bound(deadline_cells.begin(), deadline_cells.end(), std::make_pair(b, SIZE_MAX));
    bool in_cell = cell != deadline_cells.begin() && b < std::prev(cell)->second;
    std::optional<size_t> phrase = DeadlinePhraseStart(c, b, c.options.tuning.deadline_word_reach);
    bool before_word = phrase.has_value();
    if (!in_cell && !before_word) continue;
    auto [first, end] = Bounds(m.iso);
    if (first.empty()) continue;
    bool passed = before_word ? first <= latest.date : end < latest.date;
    if (!passed) continue;
    FlagPassedDeadline(c, c.SpanOf({phrase.value_or(b), m.span.normalized.end}), doc_date_evidence, latest);
  }
}

}  // namespace baocao
