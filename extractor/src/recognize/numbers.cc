// Reading numbers the way Vietnamese documents write them.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "baocao/recognize.h"
#include "baocao/text.h"

namespace baocao {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) if (c < '0' || c > '9') return false;
  return true;
}

bool GroupsOfThree(const std::vector<std::string_view>& parts) {
  if (parts.empty() || parts[0].empty() || parts[0].size() > 3) return false;
  for (size_t i = 1; i < parts.size(); ++i) if (parts[i].size() != 3) return false;
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

double Digits(std::string_view s) {
  double v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

double Join(const std::vector<std::string_view>& parts) {
  double v = 0;
  for (auto p : parts) v = v * std::pow(10.0, double(p.size())) + Digits(p);
  return v;
}

double Fraction(std::string_view digits) {
  return Digits(digits) / std::pow(10.0, double(digits.size()));
}

}  // namespace

bool ParseVietnameseNumber(std::string_view s, double* value) {
  std::string compact;
  for (char c : s) if (c != ' ' && c != '\t') compact.push_back(c);
  std::string_view t = compact;
  if (t.empty()) return false;
  size_t dots = 0, commas = 0;
  for (char c : t) {
    if (c == '.') ++dots;
    else if (c == ',') ++commas;
    else if (c < '0' || c > '9') return false;
  }
  if (t.front() < '0' || t.front() > '9' || t.back() < '0' || t.back() > '9') return false;
  if (dots == 0 && commas == 0) { *value = Digits(t); return true; }
  if (dots > 0 && commas > 0) {
    // Both separators: the one written last is the decimal mark ("1.234,5" or "1,234.5").
    char decimal = t.rfind(',') > t.rfind('.') ? ',' : '.';
    char thousands = decimal == ',' ? '.' : ',';
    size_t d = t.rfind(decimal);
    if (t.find(decimal) != d) return false;
    auto parts = Split(t.substr(0, d), thousands);
    if (!GroupsOfThree(parts)) return false;
    *value = Join(parts) + Fraction(t.substr(d + 1));
    return true;
  }
  char sep = dots ? '.' : ',';
  auto parts = Split(t, sep);
  for (auto p : parts) if (!AllDigits(p)) return false;
  if (parts.size() > 2) {  // "1.665.600.000": only thousands groups repeat
    if (!GroupsOfThree(parts)) return false;
    *value = Join(parts);
    return true;
  }
  // One separator. A comma is the Vietnamese decimal mark ("98,70"); a dot is a thousands
  // separator before exactly three digits ("12.456") and a decimal point otherwise ("94.3").
  if (sep == '.' && parts[1].size() == 3 && parts[0].size() <= 3 && parts[0] != "0") {
    *value = Join(parts);
    return true;
  }
  *value = Digits(parts[0]) + Fraction(parts[1]);
  return true;
}

namespace {

struct NumeralWord {
  const char* key;   // FoldKey of the word
  int value;         // digit value, or -1 for "mươi", -2 "trăm", -3 "nghìn", -4 "triệu", -5 "tỷ", -6 "linh"
};

const NumeralWord kNumerals[] = {
    {"khong", 0},  {"mot", 1},    {"hai", 2},   {"ba", 3},     {"bon", 4},  {"tu", 4},
    {"nam", 5},    {"lam", 5},    {"sau", 6},   {"bay", 7},    {"tam", 8},  {"chin", 9},
    {"muoi", -1},  {"tram", -2},  {"nghin", -3}, {"ngan", -3}, {"trieu", -4}, {"ty", -5},
    {"ti", -5},    {"linh", -6},  {"le", -6},
};

int Lookup(const std::string& key) {
  for (const auto& w : kNumerals) if (key == w.key) return w.value;
  return -100;
}

}  // namespace

bool ParseVietnameseNumerals(std::string_view words, double* value) {
  std::string folded = FoldKey(words);
  // "mười" (ten) and "mươi" (-ty) fold alike; the first word decides: "mười" starts a number.
  std::vector<std::string> tokens;
  size_t start = 0;
  for (size_t i = 0; i <= folded.size(); ++i) {
    if (i == folded.size() || folded[i] == ' ') {
      if (i > start) tokens.push_back(folded.substr(start, i - start));
      start = i + 1;
    }
  }
  if (tokens.empty()) return false;
  double total = 0;      // completed groups (millions, thousands ...)
  double group = 0;      // the current group below a thousand
  double current = -1;   // the last digit word not yet placed
  bool any = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    int v = Lookup(tokens[i]);
    if (v == -100) return false;
    any = true;
    if (v >= 0) {
      if (current >= 0) return false;  // two digits in a row ("hai ba") is not a numeral
      current = v;
    } else if (v == -1) {  // mươi / mười
      if (current < 0) { group += 10; }          // "mười" = 10
      else { group += current * 10; current = -1; }
    } else if (v == -2) {
      group += (current < 0 ? 1 : current) * 100;
      current = -1;
    } else if (v == -6) {  // linh/lẻ: a zero tens digit
      continue;
    } else {
      double scale = v == -3 ? 1e3 : v == -4 ? 1e6 : 1e9;
      if (current >= 0) { group += current; current = -1; }
      if (group == 0) group = 1;
      total += group * scale;
      group = 0;
    }
  }
  if (!any) return false;
  if (current >= 0) group += current;
  *value = total + group;
  return true;
}

std::string FormatNumber(double v) {
  char buf[64];
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.10g", v);
  }
  return buf;
}

}  // namespace baocao
