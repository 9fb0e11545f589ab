// Years for dates and months written without one (baocao/recognize/recognize.h).
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "baocao/recognize/recognize.h"

namespace baocao {

namespace {

constexpr size_t kMaxReach = 2000;   // bytes either side: a sentence, not a run-on text
constexpr size_t kNone = static_cast<size_t>(-1);

// The year a stated date or period lends to a yearless one (`yearless_one`); empty when `m`
// states none. A school or crop year "2021 - 2022" lends its second year to January … August,
// its first to September … December.
std::string YearOf(const Mention& m, const Mention& yearless_one) {
  if (m.type != MentionType::kDate && m.type != MentionType::kPeriod) return "";
  if (m.iso.size() < 4 || !std::isdigit(static_cast<unsigned char>(m.iso[0]))) return "";
  constexpr int kSchoolYearFirstMonth = 9;
  static const RE2 kYearPair(R"(^(\d{4})/(\d{4})$)");
  static const RE2 kMonthOf(R"(^-?-(\d\d))");
  int first = 0, second = 0, month = 0;
  if (RE2::FullMatch(m.iso, kYearPair, &first, &second) && second == first + 1 &&
      RE2::PartialMatch(yearless_one.iso, kMonthOf, &month)) {
    return std::to_string(month >= kSchoolYearFirstMonth ? first : second);
  }
  return m.iso.substr(0, 4);
}

// The year of the nearest dated mention before mentions[i] in its paragraph (up to a blank line,
// within kMaxReach), else of the nearest after; empty when none.
std::string YearInParagraph(const std::vector<Mention>& mentions, size_t i, std::string_view text) {
  const Mention& m = mentions[i];
  std::string year;
  size_t para_b = m.span.normalized.begin > kMaxReach ? m.span.normalized.begin - kMaxReach : 0;
  // A blank line within the reach only: searching the whole text was quadratic in a text
  // without blank lines (issue 18).
  const size_t at = m.span.normalized.begin;
  if (at > para_b) {
    size_t blank = text.substr(para_b + 1, at + 1 - para_b).rfind("\n\n");
    if (blank != std::string_view::npos) para_b += 1 + blank;
  }
  size_t para_e = std::min(text.size(), m.span.normalized.end + kMaxReach);
  if (m.span.normalized.end < para_e) {
    size_t next_blank = text.substr(m.span.normalized.end, para_e + 1 - m.span.normalized.end).find("\n\n");
    if (next_blank != std::string_view::npos && m.span.normalized.end + next_blank < para_e) para_e = m.span.normalized.end + next_blank;
  }
  for (size_t j = i; j-- > 0 && mentions[j].span.normalized.begin >= para_b;) {
    if (!(year = YearOf(mentions[j], m)).empty()) return year;
  }
  for (size_t j = i + 1; year.empty() && j < mentions.size() && mentions[j].span.normalized.end <= para_e; ++j) {
    year = YearOf(mentions[j], m);
  }
  return year;
}

// For each mention, the index of the last one before it that states a year, and of the first one
// after it (kNone where there is none): one pass each way, so the text-wide fallback stays linear.
struct StatedAround {
  std::vector<size_t> before, after;
};

StatedAround StatedYearsAround(const std::vector<Mention>& mentions) {
  StatedAround around{std::vector<size_t>(mentions.size(), kNone), std::vector<size_t>(mentions.size(), kNone)};
  for (size_t i = 1, last = kNone; i < mentions.size(); ++i) {
    if (!YearOf(mentions[i - 1], mentions[i - 1]).empty()) last = i - 1;
    around.before[i] = last;
  }
  for (size_t i = mentions.size(), next = kNone; i-- > 1;) {
    if (!YearOf(mentions[i], mentions[i]).empty()) next = i;
    around.after[i - 1] = next;
  }
  return around;
}

// The sentence around a position: from after the last ". ", ";" or blank line before it to the
// first after it.
std::pair<size_t, size_t> SentenceAround(std::string_view text, size_t pos) {
  size_t b = pos, e = pos;
  const size_t b_limit = pos > kMaxReach ? pos - kMaxReach : 0, e_limit = std::min(text.size(), pos + kMaxReach);
  while (b > b_limit && !(text[b - 1] == ';' || (text[b - 1] == '.' && b < text.size() && (text[b] == ' ' || text[b] == '\n')) ||
                          (text[b - 1] == '\n' && b >= 2 && text[b - 2] == '\n'))) {
    --b;
  }
  while (e < e_limit && !(text[e] == ';' || (text[e] == '.' && (e + 1 >= text.size() || text[e + 1] == ' ' || text[e + 1] == '\n')) ||
                          (text[e] == '\n' && e + 1 < text.size() && text[e + 1] == '\n'))) {
    ++e;
  }
  return {b, e};
}

// The year of the dated mention nearest to mentions[i] in its sentence; empty when none.
std::string YearInSentence(const std::vector<Mention>& mentions, size_t i, std::string_view text) {
  const Mention& m = mentions[i];
  auto [b, e] = SentenceAround(text, m.span.normalized.begin);
  std::string year;
  size_t best = std::string::npos;
  // Mentions are in text order: only those of the sentence are looked at.
  size_t first = std::lower_bound(mentions.begin(), mentions.end(), b, [](const Mention& x, size_t at) {
                   return x.span.normalized.begin < at;
                 }) - mentions.begin();
  for (size_t j = first; j < mentions.size() && mentions[j].span.normalized.begin < e; ++j) {
    const Mention& o = mentions[j];
    if (j == i || o.span.normalized.end > e) continue;
    std::string y = YearOf(o, m);
    if (y.empty()) continue;
    size_t distance = o.span.normalized.begin > m.span.normalized.begin ? o.span.normalized.begin - m.span.normalized.begin
                                                                        : m.span.normalized.begin - o.span.normalized.begin;
    if (distance < best) best = distance, year = y;
  }
  return year;
}

// "--08-23" → "2026-08-23"; a span of days "--04-26/--05-03" takes the year at both ends.
std::string WithYear(const std::string& iso, const std::string& year) {
  std::string out;
  for (size_t start = 0; start <= iso.size();) {
    size_t slash = iso.find('/', start);
    std::string part = iso.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.rfind("--", 0) == 0) part = year + part.substr(1);
    if (!out.empty()) out.push_back('/');
    out.append(part);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

}  // namespace

void InferYears(std::vector<Mention>& mentions, std::string_view text, const std::optional<std::string>& doc_date) {
  auto yearless = [](const Mention& m) {
    return (m.type == MentionType::kDate || m.type == MentionType::kPeriod) && m.iso.rfind("--", 0) == 0;
  };
  const StatedAround around = doc_date ? StatedAround{} : StatedYearsAround(mentions);
  for (size_t i = 0; i < mentions.size(); ++i) {
    Mention& m = mentions[i];
    if (!yearless(m)) continue;
    std::string year = YearInSentence(mentions, i, text);
    if (year.empty() && doc_date && doc_date->size() >= 4) year = doc_date->substr(0, 4);
    // A text with no date of its own (a page saved from a portal): the nearest year before it in
    // its paragraph, else the nearest after; in a paragraph with none ("Công bố kết quả thi ngày
    // 24/7." under "… kỳ thi năm 2022"), the year the text last gave, else the first it gives after.
    if (year.empty() && !doc_date) {
      year = YearInParagraph(mentions, i, text);
      if (year.empty() && around.before[i] != kNone) year = YearOf(mentions[around.before[i]], m);
      if (year.empty() && around.after[i] != kNone) year = YearOf(mentions[around.after[i]], m);
    }
    if (year.empty()) continue;
    m.iso = WithYear(m.iso, year);
    m.year_inferred = true;
  }
}

}  // namespace baocao
