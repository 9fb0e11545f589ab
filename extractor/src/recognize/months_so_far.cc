// "9 tháng" standing for the months so far of a year the text has named: "GRDP 9 tháng năm 2024
// … tăng trưởng GRDP 9 tháng trên địa bàn", "xuất khẩu 11 tháng năm nay … trong 11 tháng".
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "recognize/rule_set_impl.h"

namespace baocao::recognize_internal {

namespace {

struct MonthsSoFar {
  int months = 0;
  std::string iso;       // "2024-01/2024-09", "--01/--11"
  std::string rule_id;
};

// A period from January to month N whose words begin with N ("9 tháng năm 2024"; not "tháng 1
// đến tháng 9 năm 2024"): the N it may be echoed by.
std::optional<MonthsSoFar> StatedMonthsSoFar(const Mention& m, std::string_view text) {
  static const RE2 kFromJanuary(R"(^(\d{4}|-)-01/(\d{4}|-)-(\d\d)$)");
  static const RE2 kLeadingMonths(R"(^(\d{1,2})\s+tháng)");
  std::string to_month;
  int leading = 0;
  if (m.type != MentionType::kPeriod || !RE2::FullMatch(m.iso, kFromJanuary, nullptr, nullptr, &to_month)) {
    return std::nullopt;
  }
  const Span& s = m.span;
  if (!RE2::PartialMatch(text.substr(s.normalized.begin, s.normalized.end - s.normalized.begin), kLeadingMonths,
                         &leading) ||
      leading != std::stoi(to_month)) {
    return std::nullopt;
  }
  return MonthsSoFar{leading, m.iso, m.rule_id};
}

// The length of " tháng" after a bare number when nothing after it makes it another reading: a
// month's date ("9 tháng 5"), a part of the year ("6 tháng đầu năm"), a stated year ("9 tháng năm
// 2024"), or a duration ("sau 9 tháng", "thời hạn 9 tháng"). "11 tháng qua" is the months so far.
size_t EchoLength(const Mention& m, std::string_view text) {
  static const RE2 kMonthsWord(R"(^[ ]tháng\b)");
  static const RE2 kAnotherReading(R"(^[ ]tháng[ ]*(?:\d|/|-|năm|đầu|cuối|tới|sau|trước|liền|liên|kể))");
  static const RE2 kDurationBefore("^(?:sau|vong|han|khoang|gan|hon|tren|duoi|moi|tung|dai|gian|mat|cach)$");
  constexpr size_t kLookAheadBytes = 24;
  const size_t end = m.span.normalized.end;
  std::string_view after = text.substr(end, kLookAheadBytes);
  if (!RE2::PartialMatch(after, kMonthsWord) || RE2::PartialMatch(after, kAnotherReading)) return 0;
  if (RE2::FullMatch(FoldedWordBefore(text, m.span.normalized.begin), kDurationBefore)) return 0;
  return std::string_view(" tháng").size();
}

}  // namespace

void ReadEchoedMonthsSoFar(std::string_view text, std::vector<Mention>& mentions) {
  std::vector<MonthsSoFar> stated;
  for (const Mention& m : mentions) {
    if (auto s = StatedMonthsSoFar(m, text)) stated.push_back(*std::move(s));
  }
  if (stated.empty()) return;
  for (Mention& m : mentions) {
    if (m.type != MentionType::kNumber || m.range_to || !m.unit.empty() || m.comparator != Comparator::kNone ||
        m.number != std::floor(m.number)) {
      continue;
    }
    const MonthsSoFar* same = nullptr;
    for (const MonthsSoFar& s : stated) {
      // Two different years of N months in one text: which one is meant is not for us to guess.
      if (s.months == static_cast<int>(m.number)) {
        if (same && same->iso != s.iso) { same = nullptr; break; }
        same = &s;
      }
    }
    size_t length = same ? EchoLength(m, text) : 0;
    if (length == 0) continue;
    m.type = MentionType::kPeriod;
    m.iso = same->iso;
    m.rule_id = same->rule_id;
    m.span.normalized.end += length;
  }
}

}  // namespace baocao::recognize_internal
