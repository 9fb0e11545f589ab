// What a date or a period match means: an ISO 8601 date ("2025-08-23", "2025-08", "--08-23"),
// or a period ("2025", "2025-Q1", "2025-H1", "2025-W07", "2025-01/2025-09", "2024/2026").
#include <cmath>
#include <cctype>

#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "recognize/rule_set_impl.h"

namespace baocao::recognize_internal {

namespace {

constexpr int kMonths = 12;
constexpr int kQuarters = 4;
constexpr int kWeeks = 53;            // ISO 8601 weeks of a long year
constexpr int kLargestInt = 100000;   // ToInt reads no more: a date's parts are small
constexpr int kCentury = 100;         // "22/12/24": a two-digit year is of this century
constexpr int kTwoDigitYearBase = 2000;
constexpr int kHalfYearMonths = 6;    // "6 tháng đầu năm" is a half year

std::string Pad2(int v) { return internal::Concat({v < 10 ? "0" : "", std::to_string(v)}); }

// A month as a number or as a word ("mười", "mười hai", "tư", "giêng", "chạp"); -1 otherwise.
int MonthNumber(std::string_view s) {
  int v = ToInt(s);
  if (v >= 0) return v;
  std::string key = FoldKey(s);
  if (key == "gieng") return 1;
  if (key == "chap") return kMonths;
  if (key == "tu") return 4;
  double n = 0;
  if (ParseVietnameseNumerals(s, &n) && n >= 1 && n <= kMonths && n == std::floor(n)) return static_cast<int>(n);
  return -1;
}

int RomanOrInt(std::string_view s) {
  int v = ToInt(s);
  if (v >= 0) return v;
  std::string up;
  for (char c : s) up.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  static const std::map<std::string, int> roman = {{"I", 1}, {"II", 2}, {"III", 3}, {"IV", 4}};
  auto it = roman.find(up);
  return it == roman.end() ? -1 : it->second;
}

bool IsYear(int y) { return y >= kFirstYear && y <= kLastYear; }

// Whether a date or period read up to `end` goes on as a longer one ("trước 15/11" of "trước
// 15/11/2025", "12 - 15/11" of "12 - 15/11/2025"): the longer reading is the right one.
bool GoesOn(std::string_view text, size_t end) {
  return end + 1 < text.size() && (text[end] == '/' || text[end] == '.' || text[end] == '-') &&
         std::isdigit(static_cast<unsigned char>(text[end + 1]));
}

// Whether a bare year at `begin` follows words ("Luật Đất đai 2024", "tầm nhìn đến 2050"), not a
// figure, a cell's start or a sign: in a column or a list of figures "2024" may be a count.
// "năm 2025", "tháng 8/2025", "quý I/2025" are read whole by their own rules: no second reading.
bool YearAfterWords(std::string_view text, size_t begin) {
  size_t k = begin;
  while (k > 0 && text[k - 1] == ' ') --k;
  if (k == begin || k == 0) return false;
  unsigned char c = static_cast<unsigned char>(text[k - 1]);
  if (!(c >= 0x80 || std::isalpha(c))) return false;   // a letter: ASCII or a UTF-8 byte
  const std::string word = FoldedWordBefore(text, begin);
  return word != "nam" && word != "thang" && word != "quy";
}

// "tuần 7 năm 2025" -> "2025-W07".
bool WeekPeriod(const Fields& f, std::string* iso) {
  int w = ToInt(f.Get("week")), y = ToInt(f.Get("year"));
  if (w < 1 || w > kWeeks || !IsYear(y)) return false;
  *iso = std::to_string(y) + "-W" + Pad2(w);
  return true;
}

// "từ quý I/2024 đến quý II/2025" -> "2024-Q1/2025-Q2".
bool QuarterRange(const Fields& f, std::string_view from_year, std::string* iso) {
  int q1 = RomanOrInt(f.Get("from_quarter")), q2 = RomanOrInt(f.Get("to_quarter"));
  int y1 = ToInt(from_year), y2 = ToInt(f.Get("to_year"));
  if (q1 < 1 || q1 > kQuarters || q2 < 1 || q2 > kQuarters || y1 < kFirstYear || y2 < y1 || (y2 == y1 && q2 < q1)) {
    return false;
  }
  *iso = std::to_string(y1) + "-Q" + std::to_string(q1) + "/" + std::to_string(y2) + "-Q" + std::to_string(q2);
  return true;
}

// "quý III năm 2025" -> "2025-Q3"; "Quý III" alone -> "--Q3", its year from the context.
bool QuarterPeriod(const Fields& f, std::string_view year, std::string* iso) {
  int q = RomanOrInt(f.Get("quarter"));
  if (q < 0) q = MonthNumber(f.Get("quarter"));  // "quý tư", "quý hai"
  if (q >= 1 && q <= kQuarters && year.empty()) {
    *iso = internal::Concat({"--Q", std::to_string(q)});
    return true;
  }
  if (q < 1 || q > kQuarters || ToInt(year) < kFirstYear) return false;
  *iso = std::string(year) + "-Q" + std::to_string(q);
  return true;
}

// "9 tháng năm 2024": January to the ninth month.
bool MonthsFromJanuary(const Fields& f, std::string_view year, std::string* iso) {
  int months = ToInt(f.Get("months"));
  if (months < 1 || months > kMonths) return false;
  if (year.empty()) {
    *iso = internal::Concat({"--01/--", Pad2(months)});
    return true;
  }
  if (ToInt(year) < kFirstYear) return false;
  *iso = std::string(year) + "-01/" + std::string(year) + "-" + Pad2(months);
  return true;
}

// "6 tháng đầu năm" is a half year; "5 tháng đầu năm" the months it counts, "3 tháng cuối năm"
// the last three.
bool HalfYear(const Fields& f, std::string_view year, std::string* iso) {
  bool last = FoldKey(f.Get("half")) == "cuoi";
  int y = ToInt(year);
  std::string months_key = FoldKey(f.Get("months"));
  int months = months_key == "sau" ? 6 : months_key == "chin" ? 9 : months_key == "ba" ? 3 : ToInt(months_key);
  if (y < kFirstYear || months < 1 || months > kMonths) return false;
  if (months == kHalfYearMonths) {
    *iso = std::string(year) + (last ? "-H2" : "-H1");
  } else {
    int first = last ? kMonths + 1 - months : 1, final_month = last ? kMonths : months;
    *iso = std::string(year) + "-" + Pad2(first) + "/" + std::string(year) + "-" + Pad2(final_month);
  }
  return true;
}

// "tháng 10 năm 2024", "tháng mười năm 2024"; "tháng 10" alone -> "--10", its year from the
// context (InferYears).
bool MonthPeriod(const Fields& f, std::string_view year, std::string* iso) {
  if (year.empty()) {
    int month = ToInt(f.Get("month"));
    if (month < 1 || month > kMonths) return false;
    *iso = internal::Concat({"--", Pad2(month)});
    return true;
  }
  std::string_view month = f.Get("month");
  std::string month_digits;
  if (ToInt(month) < 0) {
    int n = MonthNumber(month);
    if (n < 1) return false;
    month_digits = std::to_string(n);
    month = month_digits;
  }
  *iso = IsoDate("", month, year);
  return iso->size() == std::string_view("2024-10").size();
}

// "2021 - 2025", "2021-25" -> "2021/2025".
bool YearRange(const Fields& f, std::string_view year, std::string* iso) {
  int a = ToInt(year), b = ToInt(f.Get("year_to"));
  if (b < kCentury && b >= 0) b += (a / kCentury) * kCentury;
  if (a < kFirstYear || a > kLastYear || b <= a || b > kLastYear) return false;
  *iso = std::to_string(a) + "/" + std::to_string(b);
  return true;
}

}  // namespace

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
    if (v > kLargestInt) return -1;
  }
  return s.empty() ? -1 : v;
}

std::string IsoDate(std::string_view day, std::string_view month, std::string_view year) {
  int d = day.empty() ? 0 : ToInt(day), m = month.empty() ? 0 : ToInt(month);
  int y = year.empty() ? 0 : ToInt(year);
  if (d < 0 || m < 0 || y < 0) return "";
  if (y != 0 && y < kCentury) y += kTwoDigitYearBase;  // "22/12/24"
  if (y != 0 && !IsYear(y)) return "";
  if (m > kMonths || d > 31 || (d != 0 && m == 0)) return "";
  if (d != 0 && m != 0) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > days[m - 1]) return "";
  }
  if (y == 0) return (m && d) ? internal::Concat({"--", Pad2(m), "-", Pad2(d)}) : "";
  std::string iso = std::to_string(y);
  if (m) iso.append("-").append(Pad2(m));
  if (m && d) iso.append("-").append(Pad2(d));
  return iso;
}

std::string FoldedWordBefore(std::string_view text, size_t pos) {
  size_t k = pos;
  while (k > 0 && text[k - 1] == ' ') --k;
  size_t w = k;
  while (w > 0 && text[w - 1] != ' ' && text[w - 1] != '\n' && text[w - 1] != '\t') --w;
  return FoldKey(text.substr(w, k - w));
}

bool ReadDate(const Fields& f, std::string_view text, Mention& m) {
  if (GoesOn(text, m.span.normalized.end)) return false;
  m.iso = IsoDate(f.Get("day"), f.Get("month"), f.Get("year"));
  return !m.iso.empty();
}

bool ReadPeriod(const Rule& rule, const Fields& f, std::string_view text, Mention& m) {
  if (GoesOn(text, m.span.normalized.end)) return false;
  if (rule.info.id == "period.bare_year" && !YearAfterWords(text, m.span.normalized.begin)) return false;
  if (!f.Get("week").empty()) return WeekPeriod(f, &m.iso);
  std::string_view year = f.Get("year");
  std::string to_iso = IsoDate(f.Get("to_day"), f.Get("to_month"), f.Get("to_year").empty() ? year : f.Get("to_year"));
  std::string_view from_year = f.Get("from_year");
  // "từ ngày 27 đến 29/6": the first day is of the last one's month.
  std::string_view from_month = f.Get("from_month");
  if (from_month.empty() && !f.Get("from_day").empty()) from_month = f.Get("to_month");
  if (from_year.empty()) from_year = f.Get("to_year").empty() ? year : f.Get("to_year");
  if (!f.Get("from_quarter").empty()) return QuarterRange(f, from_year, &m.iso);
  if (!from_month.empty() && !to_iso.empty()) {
    std::string from_iso = IsoDate(f.Get("from_day"), from_month, from_year);
    if (from_iso.empty()) return false;
    m.iso = from_iso + "/" + to_iso;
    return true;
  }
  if (!f.Get("quarter").empty()) return QuarterPeriod(f, year, &m.iso);
  if (!f.Get("months").empty() && f.Get("half").empty()) return MonthsFromJanuary(f, year, &m.iso);
  if (!f.Get("half").empty()) return HalfYear(f, year, &m.iso);
  if (!f.Get("month").empty()) return MonthPeriod(f, year, &m.iso);
  if (!f.Get("year_to").empty()) return YearRange(f, year, &m.iso);
  int y = ToInt(year);
  if (!IsYear(y)) return false;
  m.iso = std::to_string(y);
  return true;
}

}  // namespace baocao::recognize_internal
