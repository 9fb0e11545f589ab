// Numbers, values and dates written as a Vietnamese or an English reader expects them.
#include <cmath>
#include <cstdio>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "audit/audit_impl.h"

namespace baocao {

double RoundTo(double value, int decimals) {
  double scale = std::pow(kDecimalBase, std::max(0, decimals));
  return std::round(value * scale) / scale;
}

std::string FormatNumber(double value, int decimals, bool en) {
  constexpr int kMaxDecimalsShown = 6;     // no figure of a report is written finer
  constexpr size_t kDigitsBuffer = 64;     // a double's digits with six decimals fit
  decimals = std::max(0, std::min(decimals, kMaxDecimalsShown));
  char buf[kDigitsBuffer];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(value));
  std::string raw = buf;
  size_t dot = raw.find('.');
  std::string whole = raw.substr(0, dot), frac = dot == std::string::npos ? "" : raw.substr(dot + 1);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped.push_back(en ? ',' : '.');
    grouped.push_back(whole[i]);
  }
  std::string out = (value < 0 && RoundTo(value, decimals) != 0 ? "-" : "") + grouped;
  if (!frac.empty()) out += (en ? "." : ",") + frac;
  return out;
}

std::string FormatValue(double value, int decimals, const std::string& unit, bool en) {
  std::string number = FormatNumber(value, decimals, en);
  if (unit == "%") return number + "%";
  if (unit.empty()) return number;
  return number + " " + unit;
}

std::string FormatDate(const std::string& iso) {
  // "2026-02-09": the year before the first dash, the month and the day after each dash.
  constexpr size_t kYearLength = 4, kMonthAt = 5, kSecondDashAt = 7, kDayAt = 8, kPartLength = 2;
  constexpr size_t kMonthIsoLength = 7, kDateIsoLength = 10;   // "2026-02", "2026-02-09"
  const bool dashed = iso.size() > kYearLength && iso[kYearLength] == '-';
  if (iso.size() == kDateIsoLength && dashed && iso[kSecondDashAt] == '-') {
    return iso.substr(kDayAt, kPartLength) + "/" + iso.substr(kMonthAt, kPartLength) + "/" + iso.substr(0, kYearLength);
  }
  if (iso.size() == kMonthIsoLength && dashed) return iso.substr(kMonthAt, kPartLength) + "/" + iso.substr(0, kYearLength);
  return iso;
}

std::string LowerFirst(const std::string& s) {
  if (s.empty()) return s;
  int32_t i = 0;
  UChar32 cp;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), cp);
  if (cp < 0) return s;
  // Keep acronyms ("DVC", "TTHC"): only a capital followed by a lower-case letter is lowered.
  int32_t j = i;
  UChar32 next = 0;
  if (j < static_cast<int32_t>(s.size())) U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), j, static_cast<int32_t>(s.size()), next);
  if (next > 0 && u_isupper(next)) return s;
  UChar32 lower = u_tolower(cp);
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, lower, error);
  if (error) return s;
  return std::string(buf, n) + s.substr(i);
}

std::string UpperFirst(const std::string& s) {
  if (s.empty()) return s;
  int32_t i = 0;
  UChar32 cp;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), cp);
  if (cp < 0) return s;
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, u_toupper(cp), error);
  if (error) return s;
  return std::string(buf, n) + s.substr(i);
}

std::string JoinValues(const std::vector<double>& values, int decimals, bool en) {
  std::string out;
  for (double v : values) out += (out.empty() ? "" : " + ") + FormatNumber(v, decimals, en);
  return out;
}

}  // namespace baocao
