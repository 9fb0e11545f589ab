// What a match means: Interpret dispatches on the rule's type, one function per kind of
// mention; here the figures (numbers, percentages, amounts of money, counts) and fractions.
// Dates and periods: interpret_time.cc; document references: references.cc.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>

#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "recognize/rule_set_impl.h"

namespace baocao {

using recognize_internal::Fields;
using recognize_internal::IsAlnumAt;
using recognize_internal::Rule;

namespace {

using internal::kSpaceTabNewline;
using internal::Squeeze;
using internal::Trim;

constexpr double kCentsPerUnit = 100;
constexpr size_t kPriceWordsReach = 80;   // bytes each side of two prices read for "mua vào",
                                          // "bán ra"
constexpr size_t kNextWordBytes = 12;     // bytes after a scale word read for "tỷ lệ", "tỷ trọng"

double ScaleOf(std::string_view scale) {
  if (scale.empty()) return 1;  // most numbers: no words to read (and no stream to build)
  std::string key = FoldKey(scale);
  double factor = 1;
  std::istringstream words(key);
  std::string w;
  while (words >> w) {
    if (w == "nghin" || w == "ngan" || w == "k") factor *= 1e3;
    else if (w == "trieu" || w == "tr" || w == "tr." || w == "m") factor *= 1e6;
    else if (w == "ty" || w == "ti") factor *= 1e9;
    else if (w == "tram") factor *= 1e2;
    else if (w == "van") factor *= 1e4;
  }
  return factor;
}

// The unit of an amount: "đồng" for the đồng however written, else the currency's ISO code.
std::string CurrencyOf(std::string_view currency) {
  static const std::pair<const char*, const char*> kCodes[] = {
      {"dong", "đồng"}, {"d", "đồng"},      {"vnd", "đồng"},       {"vnđ", "đồng"},      {"₫", "đồng"},
      {"usd", "USD"},   {"us$", "USD"},     {"$", "USD"},          {"do la", "USD"},
      {"do la my", "USD"}, {"do-la", "USD"}, {"do-la my", "USD"},  {"eur", "EUR"},
      {"euro", "EUR"},  {"€", "EUR"},       {"gbp", "GBP"},        {"£", "GBP"},
      {"bang anh", "GBP"}, {"inr", "INR"},  {"rupee", "INR"},      {"aed", "AED"},
      {"dirham", "AED"}, {"jpy", "JPY"},    {"yen nhat", "JPY"},   {"¥", "JPY"},
      {"cny", "CNY"},   {"rmb", "CNY"},     {"nhan dan te", "CNY"},
  };
  std::string key = FoldKey(currency);
  if (key.empty()) return "đồng";
  for (const auto& [spelling, code] : kCodes) {
    if (key == spelling) return code;
  }
  return Trim(currency);
}

// Words a spelled digit is followed by that are not what it counts: "hai là", "ba và bốn",
// "bốn của" (grammar words, and "năm"/"tháng" read as dates elsewhere).
bool IsFunctionWord(std::string_view word) {
  // Compared with their marks: "con số" is counted, "còn" is not; "tài liệu" is, "tại" is not.
  static const std::set<std::string> kWords = {
      "và", "là", "của", "trong", "được", "có", "đã", "đang", "sẽ", "với", "cho", "các", "những", "này",
      "đó", "thì", "mà", "hoặc", "hay", "tại", "theo", "về", "từ", "đến", "khi", "nếu", "vì", "nên",
      "bằng", "như", "cũng", "đều", "còn", "lại", "ra", "vào", "lên", "xuống", "rồi", "chưa", "không",
      "năm", "mười", "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "phần", "phẩy",
      "rưỡi", "một", "hai", "ba", "bốn", "tư", "sáu", "bảy", "bẩy", "tám", "chín", "lăm", "nhăm", "linh", "lẻ"};
  return kWords.count(internal::Lower(word)) > 0;
}

// Whether a pair of prices is a buying and a selling price: the words around it say so ("mua
// vào - bán ra", "giá mua … giá bán"), or two figures joined by a dash are quoted per a currency or
// a measure of gold ("23.340 - 23.350 đồng/USD", "42,1 - 42,3 triệu đồng/lượng"). A word of
// spread before them ("khoảng 119,3-119,9 triệu đồng/lượng" over several dealers, "dao động",
// "quanh") makes them one range.
bool QuotesBuyAndSell(std::string_view text, const Fields& f, TextRange range) {
  static const RE2 kSpread("^(?:khoang|quanh|dong|tam|co|tu)$");
  static const RE2 kPerQuoteUnit(R"(^\s?/\s?(?:USD|EUR|JPY|CNY|GBP|AUD|lượng|chỉ|cây|ounce)\b)");
  static const RE2 kDash(R"(^\s*(?:-|–)\s*$)");
  constexpr size_t kUnitBytes = 16;
  if (RE2::FullMatch(recognize_internal::FoldedWordBefore(text, range.begin), kSpread)) return false;
  const TextRange first = f.Get("scale").empty() ? f.Range("num") : f.Range("scale");
  const TextRange second = f.Range("to");
  if (second.begin >= first.end && RE2::FullMatch(text.substr(first.end, second.begin - first.end), kDash) &&
      RE2::PartialMatch(text.substr(range.end, kUnitBytes), kPerQuoteUnit)) {
    return true;
  }
  const size_t b = internal::CharBoundaryAtOrAfter(text, range.begin > kPriceWordsReach ? range.begin - kPriceWordsReach : 0);
  const size_t e = internal::CharBoundaryAtOrAfter(text, range.end + kPriceWordsReach);
  const std::string around = internal::Concat({" ", FoldKey(text.substr(b, e - b)), " "});
  return around.find(" mua vao") != std::string::npos && around.find(" ban ra") != std::string::npos;
}

bool NumberOf(const Fields& f, std::string_view name, double* v) {
  std::string_view s = f.Get(name);
  if (s.empty()) return false;
  return ParseVietnameseNumber(s, v);
}

bool IsSpaceAt(std::string_view text, size_t i) { return text[i] == ' ' || text[i] == '\t' || text[i] == '\n'; }

// `written` narrowed to whole words: "ba" of "bao" and "hai" of "khai" are not numerals.
TextRange WholeWords(std::string_view text, TextRange written) {
  size_t wb = written.begin, we = written.end;
  while (we > wb && IsAlnumAt(text, we, false)) {
    while (we > wb && !IsSpaceAt(text, we - 1)) --we;
    while (we > wb && IsSpaceAt(text, we - 1)) --we;
  }
  if (IsAlnumAt(text, wb, true)) {
    while (wb < we && !IsSpaceAt(text, wb)) ++wb;
    while (wb < we && IsSpaceAt(text, wb)) ++wb;
  }
  return {wb, we};
}

// Whether the word before `wb` (commas and spaces skipped) is a numeral's: then the words from
// `wb` on are the tail of a numeral ("hai" of "một nghìn hai hồ sơ").
bool AfterNumeralWord(std::string_view text, size_t wb) {
  size_t p = wb;
  while (p > 0 && (IsSpaceAt(text, p - 1) || text[p - 1] == ',')) --p;
  size_t q = p;
  while (q > 0 && !IsSpaceAt(text, q - 1) && text[q - 1] != ',') --q;
  return q < p && p < wb && IsVietnameseNumeralWord(text.substr(q, p - q));
}

// A figure spelled in words ("hai mươi ba", "năm phần trăm"): its value in `v`, the mention's
// span narrowed to it; the other numerals of the run in `others`, each a plain number of its own
// ("hai mươi ba năm mươi hộ" is two). False when the words read as no numeral.
bool ReadSpelledNumber(const Fields& f, std::string_view text, Mention& m, double* v,
                       std::vector<SpelledNumber>* others) {
  const TextRange written = f.Range("words");
  const bool words_end_match = written.end == m.span.normalized.end;
  const auto [wb, we] = WholeWords(text, written);
  if (we <= wb) return false;
  // A run is read whole or not at all: words that follow other numeral words are the tail of a
  // numeral this rule did not see.
  if (AfterNumeralWord(text, wb)) return false;
  // What the match holds around the words must still touch them.
  if (!words_end_match && we != written.end) return false;
  if (written.begin != m.span.normalized.begin && wb != written.begin) return false;
  // One digit word counts only when what it counts follows it in the match ("năm phần
  // trăm", "hai nhà"): alone, "một" is also "a" and "năm" also "year".
  const bool unit_follows = !words_end_match;
  std::vector<SpelledNumber> found = FindVietnameseNumerals(text.substr(wb, we - wb), unit_follows);
  if (found.empty()) return false;
  // The numeral that what follows the words (a currency, "phần trăm", a noun) belongs
  // to is the one that ends them; the others are plain numbers.
  SpelledNumber own = words_end_match ? found.front() : found.back();
  if (!words_end_match && wb + own.end != we) return false;
  if (words_end_match) others->assign(found.begin() + 1, found.end());
  else found.pop_back(), *others = std::move(found);
  if (own.begin > 0 || written.begin == m.span.normalized.begin) m.span.normalized.begin = wb + own.begin;
  if (words_end_match) m.span.normalized.end = wb + own.end;
  *v = own.value;
  for (SpelledNumber& n : *others) n.begin += wb, n.end += wb;
  return true;
}

// The scale of the range's far end: its own ("từ 1 tỷ đến 2 tỷ"), else the one written once.
std::string_view ToScale(const Fields& f) { return f.Get("to_scale").empty() ? f.Get("scale") : f.Get("to_scale"); }

// "23.340 - 23.350 đồng/USD (mua vào - bán ra)": a buying and a selling price, two amounts, no
// range. False when the far end is no number.
bool SplitBuyAndSell(const Fields& f, double v, Mention& m, std::vector<Mention>& out) {
  double to = 0;
  if (!NumberOf(f, "to", &to)) return false;
  const double scale_to = ScaleOf(ToScale(f));
  if (m.unit.empty()) m.unit = CurrencyOf(f.Get("currency"));
  Mention buy = m, sell = m;
  buy.number = v * scale_to;
  buy.span.normalized.end = f.Range("num").end;
  if (!f.Get("scale").empty()) buy.span.normalized.end = f.Range("scale").end;
  sell.number = to * scale_to;
  sell.span.normalized.begin = f.Range("to").begin;
  out.push_back(std::move(buy));
  out.push_back(std::move(sell));
  return true;
}

// "tỷ lệ", "tỷ trọng" (rate, share) begin a word, not a scale: "1.00 Tỷ lệ hồ sơ".
bool ScaleBeginsWord(const Fields& f, std::string_view text) {
  if (ToScale(f).empty()) return false;
  size_t after = f.Range(f.Get("to_scale").empty() ? "scale" : "to_scale").end;
  while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
  std::string next = FoldKey(text.substr(after, std::min(kNextWordBytes, text.size() - after)));
  constexpr std::string_view kRate = "le", kShare = "trong";
  if (!next.starts_with(kRate) && !next.starts_with(kShare)) return false;
  size_t n = next.starts_with(kRate) ? kRate.size() : kShare.size();
  return next.size() == n || !std::isalnum(static_cast<unsigned char>(next[n]));
}

// A minus glued to its figure, after a space or "(", with words before it on the line: a dash
// that opens a line is a bullet.
bool IsMinusSign(const Fields& f, std::string_view text) {
  size_t at = f.Range("sign").begin;
  if (at == 0 || (text[at - 1] != ' ' && text[at - 1] != '(')) return false;
  size_t line_start = text.rfind('\n', at);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  return text.substr(line_start, at - line_start).find_first_not_of(" \t(") != std::string_view::npos;
}

// The unit a figure's type and groups give it, where the rule fixes none.
void SetUnit(const Rule& rule, const Fields& f, Mention& m) {
  static const std::string kPercentUnit = "%";   // a string, not a literal assigned: GCC 12 -Wrestrict
  if (rule.type == MentionType::kPercent) m.unit = kPercentUnit;
  if (rule.type == MentionType::kMoney && m.unit.empty()) m.unit = CurrencyOf(f.Get("currency"));
  if (rule.type == MentionType::kCount && m.unit.empty()) m.unit = Squeeze(f.Get("noun"), {}, kSpaceTabNewline);
}

// A number, percentage, amount of money or count: its value (digits, words or the rule's fixed
// value) times its scale, a range's far end, its unit and sign. Appends it, after the other
// numerals of a spelled run.
bool InterpretFigure(const Rule& rule, const Fields& f, std::string_view text, Mention& m, std::vector<Mention>& out) {
  double v = 0;
  std::vector<SpelledNumber> others;
  if (!NumberOf(f, "num", &v)) {
    if (!f.Get("words").empty()) {
      if (!ReadSpelledNumber(f, text, m, &v, &others)) return false;
    } else if (rule.fixed_value) {
      v = *rule.fixed_value;
    } else {
      return false;
    }
  }
  // "từ 1 đến 2 tỷ đồng": a scale written once, after the range, applies to both ends.
  m.number = v * ScaleOf(f.Get("scale").empty() ? f.Get("to_scale") : f.Get("scale"));
  double cents = 0;
  if (NumberOf(f, "cents", &cents)) m.number += cents / kCentsPerUnit;
  // "1 tỷ 200 triệu 300 nghìn": the smaller scales add to the first.
  for (auto [part, scale] : {std::pair{"more", "more_scale"}, std::pair{"more2", "more2_scale"}}) {
    double more = 0;
    if (NumberOf(f, part, &more)) m.number += more * ScaleOf(f.Get(scale));
  }
  // "1tr5", "2tr25": the digits after the scale are its decimals (1,5 and 2,25 triệu).
  if (std::string_view decimals = f.Get("decimals"); !decimals.empty()) {
    double d = 0;
    if (ParseVietnameseNumber(decimals, &d)) {
      m.number += d / std::pow(10.0, static_cast<double>(decimals.size())) * ScaleOf(f.Get("scale"));
    }
  }
  if (rule.type == MentionType::kMoney && !f.Get("to").empty() && QuotesBuyAndSell(text, f, m.span.normalized)) {
    return SplitBuyAndSell(f, v, m, out);
  }
  double to = 0;
  if (NumberOf(f, "to", &to)) m.range_to = to * ScaleOf(ToScale(f));
  SetUnit(rule, f, m);
  if (rule.type == MentionType::kCount && !f.Get("words").empty() && IsFunctionWord(m.unit)) return false;
  if (ScaleBeginsWord(f, text)) return false;
  if (std::string_view sign = f.Get("sign"); !sign.empty()) {
    if (sign == "-" && !IsMinusSign(f, text)) return false;
    m.number = -m.number;
  }
  for (const SpelledNumber& n : others) {
    Mention plain;
    plain.type = MentionType::kNumber;
    plain.rule_id = rule.info.id;
    plain.number = n.value;
    plain.span.normalized = {n.begin, n.end};
    out.push_back(std::move(plain));
  }
  out.push_back(std::move(m));
  return true;
}

// "6578/7569 hồ sơ": a part of a whole.
bool ReadFraction(const Fields& f, std::string_view text, Mention& m) {
  if (!NumberOf(f, "num", &m.numerator) || !NumberOf(f, "den", &m.denominator)) return false;
  // "1.700/2.912/3.141" lists three figures (a table's columns in one cell), not a fraction.
  const TextRange all = m.span.normalized;
  auto digit_at = [&](size_t i) { return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); };
  if ((all.end < text.size() && text[all.end] == '/' && digit_at(all.end + 1)) ||
      (all.begin >= 2 && text[all.begin - 1] == '/' && digit_at(all.begin - 2))) {
    return false;
  }
  if (m.denominator == 0) return false;
  // "7.582/1" (cases/deaths), "58.177/21": a part is not more than its whole, and without a
  // noun two figures joined by a slash are two figures.
  if (m.numerator > m.denominator && f.Get("noun").empty()) return false;
  if (m.unit.empty()) m.unit = Squeeze(f.Get("noun"), {}, kSpaceTabNewline);
  return true;
}

}  // namespace

bool RuleSet::Impl::Interpret(const Rule& rule, const re2::StringPiece* g, std::string_view text,
                              std::vector<Mention>& out) const {
  Fields f(rule, g, text);
  Mention m;
  m.type = rule.type;
  m.rule_id = rule.info.id;
  m.unit = rule.fixed_unit;
  m.comparator = rule.comparator;
  size_t begin = g[0].data() - text.data();
  m.span.normalized = {begin, begin + g[0].size()};
  // A group named "claim" is the mention's text: the rest of the match is context the rule needs
  // ("lương 8 triệu": the amount is "8 triệu", "lương" says it is one).
  if (std::string_view claim = f.Get("claim"); !claim.empty()) {
    size_t cb = claim.data() - text.data();
    m.span.normalized = {cb, cb + claim.size()};
  }
  switch (rule.type) {
    case MentionType::kNumber:
    case MentionType::kPercent:
    case MentionType::kMoney:
    case MentionType::kCount:
      return InterpretFigure(rule, f, text, m, out);
    case MentionType::kFraction:
      if (!ReadFraction(f, text, m)) return false;
      break;
    case MentionType::kDate:
      if (!recognize_internal::ReadDate(f, text, m)) return false;
      break;
    case MentionType::kPeriod:
      if (!recognize_internal::ReadPeriod(rule, f, text, m)) return false;
      break;
    case MentionType::kReference:
      return InterpretReference(rule, f, text, m, out);
  }
  out.push_back(std::move(m));
  return true;
}

}  // namespace baocao
