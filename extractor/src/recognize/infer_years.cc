// Years for dates and months written without one (baocao/recognize/recognize.h).
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/recognize/recognize.h"

namespace baocao {

namespace {

constexpr size_t kMaxReach = 2000;   // bytes either side: a sentence, not a run-on text

std::string YearOf(const Mention& m) {
  if (m.type != MentionType::kDate && m.type != MentionType::kPeriod) return "";
  if (m.iso.size() < 4 || !std::isdigit(static_cast<unsigned char>(m.iso[0]))) return "";
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
    if (!(year = YearOf(mentions[j])).empty()) return year;
  }
  for (size_t j = i + 1; year.empty() && j < mentions.size() && mentions[j].span.normalized.end <= para_e; ++j) {
    year = YearOf(mentions[j]);
  }
  return year;
}

}  // namespace

void InferYears(std::vector<Mention>& mentions, std::string_view text, const std::optional<std::string>& doc_date) {
  auto yearless = [](const Mention& m) {
    return (m.type == MentionType::kDate || m.type == MentionType::kPeriod) && m.iso.rfind("--", 0) == 0;
  };
  // The sentence around a position: from after the last ". ", ";" or blank line before it to the
  // first after it.
  auto sentence = [&](size_t pos) {
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
    return std::make_pair(b, e);
  };
  for (size_t i = 0; i < mentions.size(); ++i) {
    Mention& m = mentions[i];
    if (!yearless(m)) continue;
    auto [b, e] = sentence(m.span.normalized.begin);
    std::string year;
    size_t best = std::string::npos;
    // Mentions are in text order: only those of the sentence are looked at.
    size_t first = std::lower_bound(mentions.begin(), mentions.end(), b, [](const Mention& x, size_t at) {
                     return x.span.normalized.begin < at;
                   }) - mentions.begin();
    for (size_t j = first; j < mentions.size() && mentions[j].span.normalized.begin < e; ++j) {
      const Mention& o = mentions[j];
      if (j == i || o.span.normalized.end > e) continue;
      std::string y = YearOf(o);
      if (y.empty()) continue;
      size_t distance = o.span.normalized.begin > m.span.normalized.begin ? o.span.normalized.begin - m.span.normalized.begin
                                                                          : m.span.normalized.begin - o.span.normalized.begin;
      if (distance < best) best = distance, year = y;
    }
    if (year.empty() && doc_date && doc_date->size() >= 4) year = doc_date->substr(0, 4);
    // A text with no date of its own (a page saved from a portal): the nearest year before it in
    // its paragraph, else the nearest after.
    if (year.empty()) year = YearInParagraph(mentions, i, text);
    if (year.empty()) continue;
    // "--08-23" → "2026-08-23"; a span of days "--04-26/--05-03" takes the year at both ends.
    std::string iso;
    for (size_t start = 0; start <= m.iso.size();) {
      size_t slash = m.iso.find('/', start);
      std::string part = m.iso.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (part.rfind("--", 0) == 0) part = year + part.substr(1);
      if (!iso.empty()) iso.push_back('/');
      iso.append(part);
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    m.iso = iso;
    m.year_inferred = true;
  }
}

}  // namespace baocao
