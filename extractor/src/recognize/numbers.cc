// Reading numbers the way Vietnamese documents write them.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "baocao/recognize/recognize.h"
#include "baocao/normalize/text.h"
#include "core/strings.h"

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

// One word of a spelled numeral, as the grammar below sees it.
enum class Word { kDigit, kTen, kTy, kHundred, kLinh, kScale, kHalf, kPoint, kOther };

struct NumeralToken {
  Word word = Word::kOther;
  int digit = 0;          // kDigit: 0..9
  double scale = 0;       // kScale: 1e3, 1e6, 1e9
  std::string spelling;   // lower case, NFC: "mốt", "lăm" and "tư" are only read after "mươi"
  size_t begin = 0, end = 0;  // bytes in the words given
};

NumeralToken Classify(std::string_view raw) {
  struct Entry { const char* spelling; Word word; int digit; double scale; };
  static const Entry kWords[] = {
      {"không", Word::kDigit, 0, 0}, {"một", Word::kDigit, 1, 0},  {"mốt", Word::kDigit, 1, 0},
      {"hai", Word::kDigit, 2, 0},   {"ba", Word::kDigit, 3, 0},   {"bốn", Word::kDigit, 4, 0},
      {"tư", Word::kDigit, 4, 0},    {"năm", Word::kDigit, 5, 0},  {"lăm", Word::kDigit, 5, 0},
      {"nhăm", Word::kDigit, 5, 0},  {"sáu", Word::kDigit, 6, 0},  {"bảy", Word::kDigit, 7, 0},
      {"bẩy", Word::kDigit, 7, 0},   {"tám", Word::kDigit, 8, 0},  {"chín", Word::kDigit, 9, 0},
      {"mười", Word::kTen, 0, 0},    {"mươi", Word::kTy, 0, 0},    {"trăm", Word::kHundred, 0, 0},
      {"linh", Word::kLinh, 0, 0},   {"lẻ", Word::kLinh, 0, 0},    {"nghìn", Word::kScale, 0, 1e3},
      {"ngàn", Word::kScale, 0, 1e3}, {"triệu", Word::kScale, 0, 1e6}, {"tỷ", Word::kScale, 0, 1e9},
      {"tỉ", Word::kScale, 0, 1e9},  {"rưỡi", Word::kHalf, 0, 0},  {"phẩy", Word::kPoint, 0, 0},
  };
  NumeralToken t;
  t.spelling = internal::Lower(raw);  // "Một trăm", "MỘT TRĂM"
  for (const Entry& e : kWords) {
    if (t.spelling == e.spelling) {
      t.word = e.word;
      t.digit = e.digit;
      t.scale = e.scale;
      break;
    }
  }
  return t;
}

// A numeral's words only ever follow a "mươi"/"mười" ("hai mươi mốt", "mười lăm", "ba mươi tư").
bool OnlyAfterTens(const NumeralToken& t) {
  return t.spelling == "mốt" || t.spelling == "lăm" || t.spelling == "nhăm" || t.spelling == "tư";
}

// The grammar of spelled Vietnamese numerals, strict: a reading it is not sure of is refused
// rather than guessed ("một nghìn hai" may be 1200 or 1002; "hai trăm tư" is said for 240).
class NumeralReader {
 public:
  NumeralReader(const std::vector<NumeralToken>& tokens, bool single_digit)
      : t_(tokens), single_digit_(single_digit) {}

  enum class Outcome { kNone, kNumber, kDoubt };
  struct Reading {
    Outcome outcome = Outcome::kNone;
    double value = 0;
    size_t next = 0;   // the first token not read
  };

  // The longest numeral starting at token `i`.
  Reading Read(size_t i) const {
    Reading r;
    const size_t first = i;
    double total = 0;
    double last_scale = 0;   // the scale of the last group, 0 before any
    double largest_scale = 0;
    bool ended_by_half = false;
    bool bare_digit_last = false;
    while (true) {
      Group g = ReadGroup(i, last_scale > 0);
      if (g.doubt) return Doubt(i);
      if (!g.ok) break;
      size_t j = g.next;
      if (Is(j, Word::kScale)) {
        double scale = t_[j].scale;
        ++j;
        // "nghìn tỷ": stacked scales multiply.
        while (Is(j, Word::kScale) && t_[j].scale > scale) scale *= t_[j++].scale;
        if (scale > largest_scale && largest_scale > 0) {
          // "một nghìn ba trăm sáu mươi tỷ": what came before counts the larger unit.
          total = (total + g.value) * scale;
        } else if (last_scale > 0 && scale >= last_scale) {
          return Doubt(j);  // "hai nghìn ba nghìn"
        } else {
          total += g.value * scale;
        }
        last_scale = scale;
        largest_scale = std::max(largest_scale, scale);
        i = j;
        bare_digit_last = false;
        if (Is(i, Word::kHalf)) {  // "ba tỷ rưỡi": half the last unit, and the numeral ends
          total += scale / 2;
          ++i;
          ended_by_half = true;
          break;
        }
        continue;
      }
      // A group without a scale ends the numeral. After "triệu" or "tỷ" it may stand for the
      // next scale down ("hai triệu ba trăm" said for 2.300.000); after any scale a bare digit
      // may ("một nghìn hai" for 1.200): in doubt.
      if (last_scale > 1e3 && !g.formal) return Doubt(j);
      if (last_scale > 0 && g.bare_digit) return Doubt(j);
      total += g.value;
      bare_digit_last = g.bare_digit;
      i = j;
      break;
    }
    if (i == first) return r;
    if (!ended_by_half && Is(i, Word::kPoint)) {
      // "mười lăm phẩy năm" (15,5), "hai phẩy năm tỷ" (2,5 tỷ): a decimal part, then a scale
      // when none came before.
      double decimals = 0;
      size_t j = i + 1;
      if (!ReadDecimals(j, &decimals, &j)) return Doubt(j);
      double value = total + decimals;
      if (Is(j, Word::kScale)) {
        if (last_scale > 0) return Doubt(j);
        double scale = t_[j].scale;
        ++j;
        while (Is(j, Word::kScale) && t_[j].scale > scale) scale *= t_[j++].scale;
        value *= scale;
      }
      total = value;
      i = j;
      bare_digit_last = false;
    }
    // One digit word alone is not a numeral ("một" is also "a", "năm" also "year").
    if (i - first == 1 && bare_digit_last && !single_digit_) return r;
    if (i - first == 1 && t_[first].word == Word::kTen && !single_digit_) return r;
    // A word the grammar cannot place right after the numeral puts it in doubt: "rưỡi",
    // "phẩy", a "linh" or "mươi" with nothing before it.
    if (Is(i, Word::kHalf) || Is(i, Word::kPoint) || Is(i, Word::kLinh) || Is(i, Word::kTy) ||
        Is(i, Word::kHundred)) {
      return Doubt(i);
    }
    r.outcome = Outcome::kNumber;
    r.value = total;
    r.next = i;
    return r;
  }

 private:
  struct Group {
    bool ok = false, doubt = false;
    bool bare_digit = false;   // one digit word ("hai")
    bool formal = false;       // written out in full: "không trăm …", "linh …"
    double value = 0;
    size_t next = 0;
  };

  bool Is(size_t i, Word w) const { return i < t_.size() && t_[i].word == w; }
  bool Digit(size_t i, int lo = 1) const { return Is(i, Word::kDigit) && t_[i].digit >= lo; }

  static Reading Doubt(size_t next) { return {Outcome::kDoubt, 0, next}; }

  // Tens and units: "mười", "mười lăm", "hai mươi", "hai mươi mốt"; a bare digit when allowed.
  Group ReadTens(size_t i, bool allow_bare_digit) const {
    Group g;
    if (Is(i, Word::kTen)) {
      g.value = 10;
      ++i;
      // "mười năm" is more often ten years than fifteen: only "lăm" gives fifteen.
      if (Digit(i) && t_[i].spelling != "năm" && t_[i].spelling != "tư" && t_[i].spelling != "mốt" &&
          t_[i].spelling != "nhăm") {
        g.value += t_[i].digit;
        ++i;
      }
    } else if (Digit(i, 2) && !OnlyAfterTens(t_[i]) && Is(i + 1, Word::kTy)) {
      g.value = 10 * t_[i].digit;
      i += 2;
      // "hai mươi năm" is twenty years: a unit after "mươi" is written "lăm".
      if (Digit(i) && t_[i].spelling != "năm") {
        g.value += t_[i].digit;
        ++i;
      }
    } else if (allow_bare_digit && Digit(i) && !OnlyAfterTens(t_[i])) {
      g.value = t_[i].digit;
      g.bare_digit = true;
      ++i;
    } else {
      return g;
    }
    g.ok = true;
    g.next = i;
    return g;
  }

  // A number below a thousand; `after_scale` allows "không trăm" and "linh" to open it.
  Group ReadGroup(size_t i, bool after_scale) const {
    Group g;
    bool zero_hundreds = after_scale && Is(i, Word::kDigit) && t_[i].digit == 0;
    if (((Digit(i) && !OnlyAfterTens(t_[i])) || zero_hundreds) && Is(i + 1, Word::kHundred)) {
      g.value = 100 * t_[i].digit;
      g.formal = zero_hundreds;
      size_t j = i + 2;
      if (Is(j, Word::kLinh)) {
        if (!Digit(j + 1) || t_[j + 1].spelling == "lăm" || t_[j + 1].spelling == "mốt") {
          g.doubt = true;
          return g;
        }
        g.value += t_[j + 1].digit;
        g.formal = true;
        j += 2;
      } else if (Is(j, Word::kHalf)) {  // "hai trăm rưỡi": 250
        g.value += 50;
        ++j;
      } else if (Group tens = ReadTens(j, false); tens.ok) {
        g.value += tens.value;
        j = tens.next;
      } else if (Is(j, Word::kDigit)) {  // "hai trăm tư": said for 240, written for 204
        g.doubt = true;
        return g;
      }
      g.ok = true;
      g.next = j;
      return g;
    }
    if (after_scale && Is(i, Word::kLinh)) {  // "một nghìn linh năm"
      if (!Digit(i + 1) || t_[i + 1].spelling == "lăm" || t_[i + 1].spelling == "mốt") {
        g.doubt = true;
        return g;
      }
      g.value = t_[i + 1].digit;
      g.formal = true;
      g.ok = true;
      g.next = i + 2;
      return g;
    }
    return ReadTens(i, true);
  }

  // After "phẩy": digit words one by one ("không năm" = ,05) or one numeral ("hai mươi lăm" = ,25).
  bool ReadDecimals(size_t i, double* decimals, size_t* next) const {
    std::string digits;
    size_t j = i;
    while (Is(j, Word::kDigit) && !(Is(j + 1, Word::kTy) || Is(j + 1, Word::kHundred))) {
      digits.push_back(static_cast<char>('0' + t_[j].digit));
      ++j;
    }
    if (!digits.empty()) {
      double v = 0;
      for (char c : digits) v = v * 10 + (c - '0');
      *decimals = v / std::pow(10.0, double(digits.size()));
      *next = j;
      return true;
    }
    Group g = ReadGroup(i, false);
    if (!g.ok || g.doubt || g.bare_digit) return false;
    int places = g.value >= 100 ? 3 : 2;
    *decimals = g.value / std::pow(10.0, places);
    *next = g.next;
    return true;
  }

  const std::vector<NumeralToken>& t_;
  bool single_digit_;
};

std::vector<NumeralToken> Tokenize(std::string_view words) {
  std::vector<NumeralToken> tokens;
  size_t i = 0;
  while (i < words.size()) {
    // "một nghìn ba trăm sáu mươi tỷ, sáu trăm …": a comma may part the groups of an amount.
    auto separator = [&](size_t k) { return words[k] == ' ' || words[k] == '\t' || words[k] == '\n' || words[k] == ','; };
    while (i < words.size() && separator(i)) ++i;
    size_t b = i;
    while (i < words.size() && !separator(i)) ++i;
    if (i > b) {
      NumeralToken t = Classify(words.substr(b, i - b));
      t.begin = b;
      t.end = i;
      tokens.push_back(std::move(t));
    }
  }
  return tokens;
}

}  // namespace

std::vector<SpelledNumber> FindVietnameseNumerals(std::string_view words, bool single_digit) {
  std::vector<SpelledNumber> found;
  std::vector<NumeralToken> tokens = Tokenize(words);
  NumeralReader reader(tokens, single_digit);
  size_t i = 0;
  while (i < tokens.size()) {
    NumeralReader::Reading r = reader.Read(i);
    if (r.outcome == NumeralReader::Outcome::kDoubt) {
      // Nothing is read from a run of numeral words the grammar is unsure of.
      break;
    }
    if (r.outcome == NumeralReader::Outcome::kNone) {
      ++i;
      continue;
    }
    found.push_back({tokens[i].begin, tokens[r.next - 1].end, r.value});
    i = r.next;
  }
  return found;
}

bool IsVietnameseNumeralWord(std::string_view word) { return Classify(word).word != Word::kOther; }

bool ParseVietnameseNumerals(std::string_view words, double* value) {
  std::vector<SpelledNumber> found = FindVietnameseNumerals(words, true);
  size_t last = words.find_last_not_of(" \t\n");
  size_t first = words.find_first_not_of(" \t\n");
  if (found.size() != 1 || found[0].begin != first || last == std::string_view::npos ||
      found[0].end != last + 1) {
    return false;
  }
  *value = found[0].value;
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
