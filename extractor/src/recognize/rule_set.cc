// Loading rule files and running them over a Text. The file grammar is in rules/README.md.
#include <re2/re2.h>
#include <re2/set.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <mutex>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "baocao/recognize/recognize.h"
#include "baocao/normalize/text.h"
#include "core/parallel.h"
#include "core/strings.h"

namespace baocao {

std::string FormatNumber(double v);  // numbers.cc

namespace {

using internal::kSpaceTabNewline;
using internal::Squeeze;
using internal::Trim;

struct Rule {
  RuleInfo info;
  MentionType type = MentionType::kNumber;
  bool is_comparator = false;
  bool is_skip = false;
  int priority = 0;
  bool word_boundary = true;
  bool strict_boundary = false;   // no letter or digit may touch the match, whatever it starts with
  bool before = true;             // comparator: written before the number ("tối thiểu 90%")
  std::string fixed_unit;
  std::optional<double> fixed_value;  // "không có hồ sơ quá hạn" counts zero
  std::string comparator;
  int kind_before = 0;            // reference: the kind is among this many words before the match
  std::unique_ptr<RE2> re;
  std::vector<std::pair<std::string, int>> groups;  // group name -> index
};

std::string EscapeForRegex(std::string_view word) {
  std::string out;
  bool space = false;
  for (char c : word) {
    if (c == ' ' || c == '\t') { space = true; continue; }
    if (space) { out += "\\s+"; space = false; }
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

bool ParseType(const std::string& name, Rule& rule) {
  static const std::map<std::string, MentionType> types = {
      {"number", MentionType::kNumber},   {"percent", MentionType::kPercent},
      {"money", MentionType::kMoney},     {"count", MentionType::kCount},
      {"fraction", MentionType::kFraction}, {"date", MentionType::kDate},
      {"period", MentionType::kPeriod},   {"reference", MentionType::kReference}};
  if (name == "comparator") { rule.is_comparator = true; return true; }
  if (name == "skip") { rule.is_skip = true; return true; }
  auto it = types.find(name);
  if (it == types.end()) return false;
  rule.type = it->second;
  return true;
}

// Named groups are read by their base name: "day", "day_a" and "day_b" all answer Get("day"),
// so one pattern may offer several spellings of one field (RE2 names must be unique).
class Fields {
 public:
  Fields(const Rule& rule, const re2::StringPiece* groups, std::string_view text)
      : rule_(rule), groups_(groups), text_(text) {}
  std::string_view Get(std::string_view name) const {
    for (const auto& [group, index] : rule_.groups) {
      if (group.size() >= name.size() && group.compare(0, name.size(), name) == 0 &&
          (group.size() == name.size() || group[name.size()] == '_') && !groups_[index].empty()) {
        return std::string_view(groups_[index].data(), groups_[index].size());
      }
    }
    return {};
  }
  TextRange Range(std::string_view name) const {
    std::string_view v = Get(name);
    if (v.empty()) return {};
    size_t b = v.data() - text_.data();
    return {b, b + v.size()};
  }

 private:
  const Rule& rule_;
  const re2::StringPiece* groups_;
  std::string_view text_;
};

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
    if (v > 100000) return -1;
  }
  return s.empty() ? -1 : v;
}

// A month as a number or as a word ("mười", "mười hai", "tư", "giêng", "chạp"); -1 otherwise.
int MonthNumber(std::string_view s) {
  int v = ToInt(s);
  if (v >= 0) return v;
  std::string key = FoldKey(s);
  if (key == "gieng") return 1;
  if (key == "chap") return 12;
  if (key == "tu") return 4;
  double n = 0;
  if (ParseVietnameseNumerals(s, &n) && n >= 1 && n <= 12 && n == std::floor(n)) return static_cast<int>(n);
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

std::string Pad2(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// "2025-08-23", "2025-08", "2025", "--08-23"; empty when the parts are not a date.
std::string IsoDate(std::string_view day, std::string_view month, std::string_view year) {
  int d = day.empty() ? 0 : ToInt(day), m = month.empty() ? 0 : ToInt(month);
  int y = year.empty() ? 0 : ToInt(year);
  if (d < 0 || m < 0 || y < 0) return "";
  if (y != 0 && y < 100) y += 2000;  // "22/12/24"
  if (y != 0 && (y < 1900 || y > 2100)) return "";
  if (m > 12 || d > 31 || (d != 0 && m == 0)) return "";
  if (d != 0 && m != 0) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > days[m - 1]) return "";
  }
  if (y == 0) return (m && d) ? "--" + Pad2(m) + "-" + Pad2(d) : "";
  std::string iso = std::to_string(y);
  if (m) iso += "-" + Pad2(m);
  if (m && d) iso += "-" + Pad2(d);
  return iso;
}

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

// A footnote's mark glued to a symbol's end ("42/2024/QH151", "105/2025/NĐ-CP2"): issuing
// bodies' codes end in letters, and the National Assembly's in its two-digit term (QH15).
std::string WithoutFootnoteMark(std::string symbol) {
  size_t tail = symbol.find_last_of("-/");
  if (tail == std::string::npos) return symbol;
  std::string_view last = std::string_view(symbol).substr(tail + 1);
  size_t letters = 0;
  while (letters < last.size() && !std::isdigit(static_cast<unsigned char>(last[letters]))) ++letters;
  std::string_view digits = last.substr(letters);
  if (letters < 2 || digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return symbol;
  const bool assembly = last.substr(0, letters) == "QH";
  if ((assembly && digits.size() == 3) || (!assembly && digits.size() == 1)) symbol.pop_back();
  return symbol;
}

// A symbol that names a document by itself, with no kind before it: its year and its issuer
// ("60/2021/TT-BTC"), or its type and issuer ("186/QĐ-UBND").
bool FullSymbol(std::string_view number) {
  size_t slash = number.find('/');
  if (slash == std::string_view::npos || number.find('-', slash) == std::string_view::npos) return false;
  std::string_view after = number.substr(slash + 1);
  if (after.size() > 5 && (after.substr(0, 2) == "19" || after.substr(0, 2) == "20") && after[4] == '/') return true;
  for (std::string_view type : {"QĐ-", "NQ-", "NĐ-", "TT-", "CT-", "KH-", "BC-", "TB-", "TTr-", "HD-", "CĐ-", "KL-", "QH"}) {
    if (after.substr(0, type.size()) == type) return true;
  }
  return false;
}

// Whether the words around a pair of prices say one is bought and the other sold ("mua vào -
// bán ra", "giá mua … giá bán"), within the sentence.
bool QuotesBuyAndSell(std::string_view text, TextRange range) {
  const size_t b = internal::CharBoundaryAtOrAfter(text, range.begin > 80 ? range.begin - 80 : 0);
  const size_t e = internal::CharBoundaryAtOrAfter(text, range.end + 80);
  const std::string around = internal::Concat({" ", FoldKey(text.substr(b, e - b)), " "});
  return around.find(" mua vao") != std::string::npos && around.find(" ban ra") != std::string::npos;
}

// Whether a figure stands within the three words before `pos` ("2 bác sĩ trên", "3 tia phun trên").
bool FigureJustBefore(std::string_view text, size_t pos) {
  size_t k = pos, words = 0;
  while (k > 0 && words <= 3) {
    char c = text[k - 1];
    if (c == '\n' || c == '.' || c == ';' || c == ':' || c == ',') return false;
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
    if (c == ' ' && k >= 2 && text[k - 2] != ' ') ++words;
    --k;
  }
  return false;
}

// The folded word that ends right before `pos`, spaces skipped: "nam" before "2025", "tu" before
// "12 tháng".
std::string FoldedWordBefore(std::string_view text, size_t pos) {
  size_t k = pos;
  while (k > 0 && text[k - 1] == ' ') --k;
  size_t w = k;
  while (w > 0 && text[w - 1] != ' ' && text[w - 1] != '\n' && text[w - 1] != '\t') --w;
  return FoldKey(text.substr(w, k - w));
}

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
  if (!(c >= 0x80 || std::isalpha(c))) return false;
  const std::string word = FoldedWordBefore(text, begin);
  return word != "nam" && word != "thang" && word != "quy";
}

std::string StripSpaces(std::string_view s) {
  std::string out;
  for (char c : s) if (c != ' ' && c != '\t' && c != '\n') out.push_back(c);
  return out;
}

// A mention never runs across a blank line (a paragraph or page boundary) or a tab (a table
// cell boundary).
bool CrossesBoundary(std::string_view s) {
  if (s.find('\t') != std::string_view::npos) return true;
  for (size_t nl = s.find('\n'); nl != std::string_view::npos; nl = s.find('\n', nl + 1)) {
    size_t next = s.find_first_not_of(" \t\r", nl + 1);
    if (next != std::string_view::npos && s[next] == '\n') return true;
  }
  return false;
}

// Whether a match of the rule is refused when it crosses a boundary (CrossesBoundary). Recognize
// looks for a confined rule only inside blank-line windows, which is exact because of this.
bool Confined(const Rule& rule) { return !rule.is_skip; }

bool IsAlnumAt(std::string_view text, size_t pos, bool before) {
  if (before ? pos == 0 : pos >= text.size()) return false;
  UChar32 cp;
  auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(pos);
  if (before) { U8_PREV(s, 0, i, cp); } else { U8_NEXT(s, i, static_cast<int32_t>(text.size()), cp); }
  return cp >= 0 && (u_isalnum(cp) || u_getCombiningClass(cp) != 0);
}

}  // namespace

struct RuleSet::Impl {
  std::vector<Rule> rules;
  std::vector<RuleInfo> infos;
  std::unordered_map<std::string, std::string> kinds;  // FoldKey -> canonical reference kind
  // Every non-comparator rule in one RE2::Set: Recognize asks it which rules can match inside
  // each blank-line window and runs a rule only where it can (null: run every rule everywhere).
  // Rules that are not Confined may match across windows: asked of one Set for the whole text.
  std::unique_ptr<RE2::Set> prefilter, whole_prefilter;
  std::vector<size_t> prefilter_rule, whole_prefilter_rule;  // Set index -> index into `rules`

  // Built on first need: only worth its compilation and its DFA's warming up once this RuleSet
  // has read kPrefilterAfter bytes (a batch, or one large document). Until then every rule
  // reads the whole text; both ways give the same mentions.
  std::once_flag prefilter_once;
  std::atomic<uint64_t> bytes_seen{0};
  static constexpr uint64_t kPrefilterAfter = uint64_t(1) << 20;
  void BuildPrefilter();
  // Appends a file's rules, refusing an id already taken.
  Status Adopt(std::vector<Rule> added);
  bool UsePrefilter(size_t text_size) {
    uint64_t seen = bytes_seen.fetch_add(text_size, std::memory_order_relaxed) + text_size;
    if (seen < kPrefilterAfter) return false;
    std::call_once(prefilter_once, [this] { BuildPrefilter(); });
    return prefilter != nullptr;
  }

  Status AddFile(std::string_view content, const std::string& file, const std::string& vocab_dir,
                 const std::map<std::string, std::string>& global_macros,
                 std::map<std::string, std::string>* exported);
  // Whether the words between a kind and "số" name one document ("Luật Phòng cháy, chữa cháy
  // và cứu nạn, cứu hộ"), not a phrase that runs into another citation ("quy định tại Thông tư").
  bool NameOfOneDocument(std::string_view name) const;
  // The kind that opens a document's name ending at `end` ("Luật Phòng cháy, chữa cháy … " before
  // "số 55/2024/QH15"): the nearest kind among `max_words` words back, none past a sentence's
  // punctuation, a figure or a word that joins two phrases ("tại", "theo", "của"). Returns its
  // start and canonical spelling, or npos.
  std::pair<size_t, std::string> KindBefore(std::string_view text, size_t end, int max_words) const;
  bool Interpret(const Rule& rule, const re2::StringPiece* g, std::string_view text,
                 std::vector<Mention>& out) const;
};

namespace {

Status Expand(const std::string& pattern, const std::map<std::string, std::string>& macros,
              std::string* out, const std::string& where) {
  out->clear();
  for (size_t i = 0; i < pattern.size();) {
    // {NAME} is a macro; \p{Lu} and \P{L} are RE2's Unicode classes.
    bool unicode_class = i >= 2 && pattern[i - 2] == '\\' && (pattern[i - 1] == 'p' || pattern[i - 1] == 'P');
    if (pattern[i] == '{' && !unicode_class && i + 1 < pattern.size() && std::isupper(static_cast<unsigned char>(pattern[i + 1]))) {
      size_t close = pattern.find('}', i);
      if (close != std::string::npos) {
        std::string name = pattern.substr(i + 1, close - i - 1);
        auto it = macros.find(name);
        if (it == macros.end()) return {ErrorCode::kBadRules, where + ": unknown macro {" + name + "}"};
        *out += "(?:" + it->second + ")";
        i = close + 1;
        continue;
      }
    }
    out->push_back(pattern[i++]);
  }
  return Status::Ok();
}

// A pattern in which each Vietnamese vowel (and d/đ) matches any of its marked forms.
std::string AnyToneMarks(const std::string& pattern) {
  static const char* const kGroups[] = {
      "aàáảãạăằắẳẵặâầấẩẫậ", "eèéẻẽẹêềếểễệ", "iìíỉĩị", "oòóỏõọôồốổỗộơờớởỡợ", "uùúủũụưừứửữự",
      "yỳýỷỹỵ", "dđ",
  };
  auto code_points = [](std::string_view s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
      size_t n = 1;
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
      out.emplace_back(s.substr(i, n));
      i += n;
    }
    return out;
  };
  std::string out;
  for (const std::string& cp : code_points(pattern)) {
    const char* group = nullptr;
    for (const char* g : kGroups) {
      for (const std::string& member : code_points(g)) {
        if (member == cp) group = g;
      }
    }
    if (group) out += std::string("[") + group + "]";
    else out += cp;
  }
  return out;
}

Status LoadVocab(const std::string& path, const std::string& where, std::vector<std::string>* words) {
  std::ifstream in(path);
  if (!in) return {ErrorCode::kBadRules, where + ": cannot read vocabulary " + path};
  std::string line;
  while (std::getline(in, line)) {
    std::string w = Trim(line);
    if (w.empty() || w[0] == '#') continue;
    words->push_back(w);
  }
  if (words->empty()) return {ErrorCode::kBadRules, where + ": vocabulary " + path + " is empty"};
  return Status::Ok();
}

}  // namespace

Status RuleSet::Impl::AddFile(std::string_view content, const std::string& file,
                              const std::string& vocab_dir,
                              const std::map<std::string, std::string>& global_macros,
                              std::map<std::string, std::string>* exported) {
  std::map<std::string, std::string> macros = global_macros;
  std::istringstream in{std::string(content)};
  std::string raw;
  int line_no = 0;
  Rule* rule = nullptr;
  std::vector<Rule> added;
  auto finish = [&](Rule& r) -> Status {
    std::string where = file + ":" + std::to_string(r.info.line);
    if (!r.re) return {ErrorCode::kBadRules, where + ": rule " + r.info.id + " has no pattern"};
    if (r.info.type.empty()) return {ErrorCode::kBadRules, where + ": rule " + r.info.id + " has no type"};
    return Status::Ok();
  };
  while (std::getline(in, raw)) {
    ++line_no;
    std::string where = file + ":" + std::to_string(line_no);
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto starts = [&](std::string_view p) { return line.compare(0, p.size(), p) == 0; };
    if (starts("define ") || starts("vocab ")) {
      bool vocab = starts("vocab ");
      size_t eq = line.find('=');
      if (eq == std::string::npos) return {ErrorCode::kBadRules, where + ": expected NAME = VALUE"};
      std::string name = Trim(line.substr(vocab ? 6 : 7, eq - (vocab ? 6 : 7)));
      std::string value = Trim(line.substr(eq + 1));
      if (name.empty() || !std::isupper(static_cast<unsigned char>(name[0]))) return {ErrorCode::kBadRules, where + ": macro names are UPPER_CASE"};
      if (vocab) {
        std::vector<std::string> words;
        Status st = LoadVocab(vocab_dir + "/" + value, where, &words);
        if (!st.ok()) return st;
        const bool reference_kinds = name == "REFERENCE_KIND";
        if (reference_kinds) {
          // "Quyết định | QĐ": a canonical kind, then other ways it is written.
          std::vector<std::string> spellings;
          for (const auto& w : words) {
            std::vector<std::string> names;
            size_t start = 0;
            for (size_t bar = w.find('|');; bar = w.find('|', start)) {
              std::string one = Trim(w.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
              if (!one.empty()) names.push_back(one);
              if (bar == std::string::npos) break;
              start = bar + 1;
            }
            if (names.empty()) continue;
            for (const auto& n : names) {
              kinds[FoldKey(n)] = names[0];
              spellings.push_back(n);
            }
          }
          words = std::move(spellings);
        }
        std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        std::string alt;
        for (const auto& w : words) {
          // Kinds are matched whatever their tone marks: OCR and hurried typing write "Quyết đinh",
          // "Nghị quỵết", "Kết lụận"; the kind is named by its canonical spelling all the same.
          alt += (alt.empty() ? "" : "|") + (reference_kinds ? AnyToneMarks(EscapeForRegex(w)) : EscapeForRegex(w));
        }
        macros[name] = alt;
      } else {
        std::string expanded;
        Status st = Expand(value, macros, &expanded, where);
        if (!st.ok()) return st;
        macros[name] = expanded;
      }
      if (exported) (*exported)[name] = macros[name];
      continue;
    }
    if (starts("rule ")) {
      if (rule) { Status st = finish(*rule); if (!st.ok()) return st; }
      added.emplace_back();
      rule = &added.back();
      rule->info.id = Trim(line.substr(5));
      rule->info.file = file;
      rule->info.line = line_no;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos || rule == nullptr) return {ErrorCode::kBadRules, where + ": expected 'rule ID', 'define', 'vocab' or 'key: value'"};
    std::string key = line.substr(0, colon);
    // The value is everything after "key: ", verbatim (patterns keep their own spaces).
    std::string value = raw.substr(raw.find(':') + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
    if (key == "type") {
      if (!ParseType(value, *rule)) return {ErrorCode::kBadRules, where + ": unknown type '" + value + "'"};
      rule->info.type = value;
    } else if (key == "pattern") {
      std::string expanded;
      Status st = Expand(value, macros, &expanded, where);
      if (!st.ok()) return st;
      RE2::Options opts;
      opts.set_log_errors(false);
      opts.set_case_sensitive(false);
      opts.set_max_mem(64 << 20);
      rule->re = std::make_unique<RE2>(expanded, opts);
      if (!rule->re->ok()) return {ErrorCode::kBadRules, where + ": bad pattern: " + rule->re->error()};
      for (const auto& [name, index] : rule->re->NamedCapturingGroups()) rule->groups.emplace_back(name, index);
      std::sort(rule->groups.begin(), rule->groups.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    } else if (key == "priority") {
      rule->priority = std::atoi(value.c_str());
    } else if (key == "kind_before") {
      rule->kind_before = std::atoi(value.c_str());
      if (rule->kind_before < 1 || rule->kind_before > 40) return {ErrorCode::kBadRules, where + ": kind_before is 1 to 40 words"};
    } else if (key == "unit") {
      rule->fixed_unit = value;
    } else if (key == "value") {
      double v = 0;
      if (!ParseVietnameseNumber(value, &v)) return {ErrorCode::kBadRules, where + ": value must be a number"};
      rule->fixed_value = v;
    } else if (key == "comparator") {
      rule->comparator = value;
    } else if (key == "position") {
      if (value != "before" && value != "after") return {ErrorCode::kBadRules, where + ": position is 'before' or 'after'"};
      rule->before = value == "before";
    } else if (key == "boundary") {
      if (value != "word" && value != "none" && value != "strict") return {ErrorCode::kBadRules, where + ": boundary is 'word', 'strict' or 'none'"};
      rule->word_boundary = value != "none";
      rule->strict_boundary = value == "strict";
    } else if (key == "match") {
      size_t arrow = value.rfind(" => ");
      if (arrow == std::string::npos) return {ErrorCode::kBadRules, where + ": match examples are 'TEXT => VALUE'"};
      rule->info.examples.push_back({value.substr(0, arrow), value.substr(arrow + 4), false, file, line_no});
    } else if (key == "reject") {
      rule->info.examples.push_back({value, "", true, file, line_no});
    } else {
      return {ErrorCode::kBadRules, where + ": unknown key '" + key + "'"};
    }
  }
  if (rule) { Status st = finish(*rule); if (!st.ok()) return st; }
  return Adopt(std::move(added));
}

Status RuleSet::Impl::Adopt(std::vector<Rule> added) {
  for (auto& r : added) {
    for (const auto& existing : rules) {
      if (existing.info.id == r.info.id) return {ErrorCode::kBadRules, r.info.file + ":" + std::to_string(r.info.line) + ": duplicate rule id " + r.info.id + " (also " + existing.info.file + ":" + std::to_string(existing.info.line) + ")"};
    }
    rules.push_back(std::move(r));
  }
  return Status::Ok();
}

void RuleSet::Impl::BuildPrefilter() {
  prefilter.reset();
  whole_prefilter.reset();
  prefilter_rule.clear();
  whole_prefilter_rule.clear();
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_case_sensitive(false);  // as each rule's own RE2
  opts.set_max_mem(64 << 20);
  auto set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  auto whole = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  std::vector<size_t> in_set, in_whole;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].is_comparator) continue;
    std::string error;
    RE2::Set& target = Confined(rules[i]) ? *set : *whole;
    if (target.Add(rules[i].re->pattern(), &error) < 0) return;  // no prefilter: run every rule
    (Confined(rules[i]) ? in_set : in_whole).push_back(i);
  }
  if ((!in_set.empty() && !set->Compile()) || (!in_whole.empty() && !whole->Compile())) return;
  prefilter = std::move(set);
  prefilter_rule = std::move(in_set);
  whole_prefilter = std::move(whole);
  whole_prefilter_rule = std::move(in_whole);
}

namespace {

// Windows of the text such that every match of a Confined rule that Recognize can accept lies
// inside one of them. Such a match never contains a blank line (a "\n", then only spaces, tabs
// or CRs, then "\n"), so it never holds both newlines of a blank line: windows end at the second
// newline of each blank line and the next starts after its first, overlapping by its spaces.
// Every window starts at 0 or after a newline and ends at a newline or the text's end, so
// ^, $ and \b read the same inside a window as in the whole text. Windows shorter than
// `min_size` are merged with the next (a union of windows is a window too).
struct Window {
  size_t begin, end;
};

// Texts of this size share the rules between two threads (Recognize). Above it the candidates
// gathered per rule would be held twice while they are joined, for a gain that no longer matters
// beside the minutes such a text takes.
constexpr size_t kParallelRulesMinBytes = 64 * 1024;
constexpr size_t kParallelRulesMaxBytes = 16 * 1024 * 1024;
constexpr size_t kMinWindow = 0;  // merging saves Set calls but widens every rule's windows

std::vector<Window> BlankLineWindows(std::string_view text, size_t min_size) {
  std::vector<Window> windows;
  size_t begin = 0;
  size_t nl = text.find('\n');
  while (nl != std::string_view::npos) {
    size_t next = text.find_first_not_of(" \t\r", nl + 1);
    if (next == std::string_view::npos) break;
    if (text[next] != '\n') {
      nl = text.find('\n', next);
      continue;
    }
    // A blank line from `nl` to `next`: this window ends at `next`, the next starts at nl + 1.
    if (next - begin >= min_size) {
      windows.push_back({begin, next});
      begin = nl + 1;
    }
    nl = next;
  }
  windows.push_back({begin, text.size()});
  return windows;
}

}  // namespace

RuleSet::RuleSet() : impl_(std::make_unique<Impl>()) {}
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

Result<RuleSet> RuleSet::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status(ErrorCode::kBadRules, "rules directory not found: " + dir);
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".rules") files.push_back(it->path());
  }
  // common.rules holds macros every file may use; the rest load in a stable order.
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    bool ca = a.filename() == "common.rules", cb = b.filename() == "common.rules";
    if (ca != cb) return ca;
    return a < b;
  });
  RuleSet set;
  std::map<std::string, std::string> global;
  auto slurp = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  };
  size_t first = 0;
  if (!files.empty() && files[0].filename() == "common.rules") {   // the macros the others use
    Status st = set.impl_->AddFile(slurp(files[0]), files[0].string(), files[0].parent_path().string(), global, &global);
    if (!st.ok()) return st;
    first = 1;
  }
  // The other files only read those macros: each is parsed and compiled (RE2 compilation is
  // most of an engine's start-up) on one of two threads into a set of its own, then the sets
  // join in file order, as if read one after the other.
  const size_t n = files.size() - first;
  std::vector<Impl> parts(n);
  std::vector<Status> loaded(n);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k; (k = next.fetch_add(1)) < n;) {
      const fs::path& path = files[first + k];
      loaded[k] = parts[k].AddFile(slurp(path), path.string(), path.parent_path().string(), global, nullptr);
    }
  };
  internal::RunBoth(work, work, n > 1);
  for (size_t k = 0; k < n; ++k) {
    if (!loaded[k].ok()) return loaded[k];
    if (Status st = set.impl_->Adopt(std::move(parts[k].rules)); !st.ok()) return st;
    for (auto& [key, kind] : parts[k].kinds) set.impl_->kinds.insert_or_assign(key, std::move(kind));
  }
  if (set.impl_->rules.empty()) return Status(ErrorCode::kBadRules, "no rules found below " + dir);
  for (const auto& r : set.impl_->rules) set.impl_->infos.push_back(r.info);
  return set;
}

Result<RuleSet> RuleSet::LoadString(std::string_view content, const std::string& name, const std::string& vocab_dir) {
  RuleSet set;
  Status st = set.impl_->AddFile(content, name, vocab_dir, {}, nullptr);
  if (!st.ok()) return st;
  for (const auto& r : set.impl_->rules) set.impl_->infos.push_back(r.info);
  return set;
}

const std::vector<RuleInfo>& RuleSet::rules() const { return impl_->infos; }

std::string RuleSet::CanonicalKind(std::string_view kind) const {
  auto it = impl_->kinds.find(FoldKey(kind));
  if (it != impl_->kinds.end()) return it->second;
  std::string k = Squeeze(kind, {}, kSpaceTabNewline);
  return k;
}

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
  auto number = [&](std::string_view name, double* v) -> bool {
    std::string_view s = f.Get(name);
    if (s.empty()) return false;
    return ParseVietnameseNumber(s, v);
  };
  switch (rule.type) {
    case MentionType::kNumber:
    case MentionType::kPercent:
    case MentionType::kMoney:
    case MentionType::kCount: {
      double v = 0;
      // Spelled numerals other than the one this mention reads ("hai mươi ba năm mươi hộ" is
      // two): each becomes a mention of its own, with the rule's type only when it ends the match.
      std::vector<SpelledNumber> others;
      if (!number("num", &v)) {
        std::string_view words = f.Get("words");
        if (!words.empty()) {
          const TextRange written = f.Range("words");
          const bool words_end_match = written.end == m.span.normalized.end;
          size_t wb = written.begin, we = written.end;
          // The run's ends must be word ends: "ba" of "bao" and "hai" of "khai" are not numerals.
          auto space = [&](size_t i) { return text[i] == ' ' || text[i] == '\t' || text[i] == '\n'; };
          while (we > wb && IsAlnumAt(text, we, false)) {
            while (we > wb && !space(we - 1)) --we;
            while (we > wb && space(we - 1)) --we;
          }
          if (IsAlnumAt(text, wb, true)) {
            while (wb < we && !space(wb)) ++wb;
            while (wb < we && space(wb)) ++wb;
          }
          if (we <= wb) return false;
          // A run is read whole or not at all: words that follow other numeral words ("hai" of
          // "một nghìn hai hồ sơ") are the tail of a numeral this rule did not see.
          {
            size_t p = wb;
            while (p > 0 && (space(p - 1) || text[p - 1] == ',')) --p;
            size_t q = p;
            while (q > 0 && !space(q - 1) && text[q - 1] != ',') --q;
            if (q < p && p < wb && IsVietnameseNumeralWord(text.substr(q, p - q))) return false;
          }
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
          if (words_end_match) others.assign(found.begin() + 1, found.end());
          else found.pop_back(), others = std::move(found);
          if (own.begin > 0 || written.begin == m.span.normalized.begin) m.span.normalized.begin = wb + own.begin;
          if (words_end_match) m.span.normalized.end = wb + own.end;
          v = own.value;
          for (SpelledNumber& n : others) n.begin += wb, n.end += wb;
        } else if (rule.fixed_value) {
          v = *rule.fixed_value;
        } else {
          return false;
        }
      }
      // "từ 1 đến 2 tỷ đồng": a scale written once, after the range, applies to both ends.
      double scale = ScaleOf(f.Get("scale").empty() ? f.Get("to_scale") : f.Get("scale"));
      m.number = v * scale;
      double to = 0;
      double cents = 0;
      if (number("cents", &cents)) m.number += cents / 100;
      // "23.340 - 23.350 đồng/USD (mua vào - bán ra)": a buying and a selling price, two amounts,
      // no range.
      if (rule.type == MentionType::kMoney && !f.Get("to").empty() && QuotesBuyAndSell(text, m.span.normalized)) {
        double to = 0;
        if (!number("to", &to)) return false;
        const double scale_to = ScaleOf(f.Get("to_scale").empty() ? f.Get("scale") : f.Get("to_scale"));
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
      if (number("to", &to)) m.range_to = to * ScaleOf(f.Get("to_scale").empty() ? f.Get("scale") : f.Get("to_scale"));
      if (rule.type == MentionType::kPercent) m.unit = "%";
      if (rule.type == MentionType::kMoney && m.unit.empty()) m.unit = CurrencyOf(f.Get("currency"));
      if (rule.type == MentionType::kCount && m.unit.empty()) m.unit = Squeeze(f.Get("noun"), {}, kSpaceTabNewline);
      if (rule.type == MentionType::kCount && !f.Get("words").empty() && IsFunctionWord(m.unit)) return false;
      // "tỷ lệ", "tỷ trọng" (rate, share) begin a word, not a scale: "1.00 Tỷ lệ hồ sơ".
      if (std::string_view scale = f.Get("to_scale").empty() ? f.Get("scale") : f.Get("to_scale"); !scale.empty()) {
        size_t after = f.Range(f.Get("to_scale").empty() ? "scale" : "to_scale").end;
        while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
        std::string next = FoldKey(text.substr(after, std::min<size_t>(12, text.size() - after)));
        if (next.rfind("le", 0) == 0 || next.rfind("trong", 0) == 0) {
          size_t n = next.rfind("le", 0) == 0 ? 2 : 5;
          if (next.size() == n || !std::isalnum(static_cast<unsigned char>(next[n]))) return false;
        }
      }
      if (std::string_view sign = f.Get("sign"); !sign.empty()) {
        if (sign == "-") {
          // A minus glued to its figure, after a space or "(", with words before it on the line:
          // a dash that opens a line is a bullet.
          size_t at = f.Range("sign").begin;
          if (at == 0 || (text[at - 1] != ' ' && text[at - 1] != '(')) return false;
          size_t line_start = text.rfind('\n', at);
          line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
          if (text.substr(line_start, at - line_start).find_first_not_of(" \t(") == std::string_view::npos) return false;
        }
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
      break;
    }
    case MentionType::kFraction: {
      if (!number("num", &m.numerator) || !number("den", &m.denominator)) return false;
      // "1.700/2.912/3.141" lists three figures (a table's columns in one cell), not a fraction.
      {
        const TextRange all = m.span.normalized;
        auto digit_at = [&](size_t i) { return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); };
        if ((all.end < text.size() && text[all.end] == '/' && digit_at(all.end + 1)) ||
            (all.begin >= 2 && text[all.begin - 1] == '/' && digit_at(all.begin - 2))) {
          return false;
        }
      }
      if (m.denominator == 0) return false;
      // "7.582/1" (cases/deaths), "58.177/21": a part is not more than its whole, and without a
      // noun two figures joined by a slash are two figures.
      if (m.numerator > m.denominator && f.Get("noun").empty()) return false;
      if (m.unit.empty()) m.unit = Squeeze(f.Get("noun"), {}, kSpaceTabNewline);
      break;
    }
    case MentionType::kDate: {
      if (GoesOn(text, m.span.normalized.end)) return false;
      m.iso = IsoDate(f.Get("day"), f.Get("month"), f.Get("year"));
      if (m.iso.empty()) return false;
      break;
    }
    case MentionType::kPeriod: {
      if (GoesOn(text, m.span.normalized.end)) return false;
      if (rule.info.id == "period.bare_year" && !YearAfterWords(text, m.span.normalized.begin)) return false;
      if (!f.Get("week").empty()) {
        int w = ToInt(f.Get("week")), y = ToInt(f.Get("year"));
        if (w < 1 || w > 53 || y < 1900 || y > 2100) return false;
        m.iso = std::to_string(y) + "-W" + Pad2(w);
        break;
      }
      std::string_view year = f.Get("year");
      std::string to_iso = IsoDate(f.Get("to_day"), f.Get("to_month"), f.Get("to_year").empty() ? year : f.Get("to_year"));
      std::string_view from_year = f.Get("from_year");
      // "từ ngày 27 đến 29/6": the first day is of the last one's month.
      std::string_view from_month = f.Get("from_month");
      if (from_month.empty() && !f.Get("from_day").empty()) from_month = f.Get("to_month");
      if (from_year.empty()) from_year = f.Get("to_year").empty() ? year : f.Get("to_year");
      if (!f.Get("from_quarter").empty()) {
        int q1 = RomanOrInt(f.Get("from_quarter")), q2 = RomanOrInt(f.Get("to_quarter"));
        int y1 = ToInt(from_year), y2 = ToInt(f.Get("to_year"));
        if (q1 < 1 || q1 > 4 || q2 < 1 || q2 > 4 || y1 < 1900 || y2 < y1 || (y2 == y1 && q2 < q1)) return false;
        m.iso = std::to_string(y1) + "-Q" + std::to_string(q1) + "/" + std::to_string(y2) + "-Q" + std::to_string(q2);
      } else if (!from_month.empty() && !to_iso.empty()) {
        std::string from_iso = IsoDate(f.Get("from_day"), from_month, from_year);
        if (from_iso.empty()) return false;
        m.iso = from_iso + "/" + to_iso;
      } else if (!f.Get("quarter").empty()) {
        int q = RomanOrInt(f.Get("quarter"));
        if (q < 0) q = MonthNumber(f.Get("quarter"));  // "quý tư", "quý hai"
        if (q >= 1 && q <= 4 && year.empty()) {   // "Quý III": the year from the context
          m.iso = "--Q" + std::to_string(q);
          break;
        }
        if (q < 1 || q > 4 || ToInt(year) < 1900) return false;
        m.iso = std::string(year) + "-Q" + std::to_string(q);
      } else if (!f.Get("months").empty() && f.Get("half").empty()) {
        // "9 tháng năm 2024": January to the ninth month.
        int months = ToInt(f.Get("months"));
        if (months < 1 || months > 12) return false;
        if (year.empty()) {
          m.iso = "--01/--" + Pad2(months);
          break;
        }
        if (ToInt(year) < 1900) return false;
        m.iso = std::string(year) + "-01/" + std::string(year) + "-" + Pad2(months);
      } else if (!f.Get("half").empty()) {
        // "6 tháng đầu năm" is a half year; "5 tháng đầu năm" the months it counts.
        bool last = FoldKey(f.Get("half")) == "cuoi";
        int y = ToInt(year);
        std::string months_key = FoldKey(f.Get("months"));
        int months = months_key == "sau" ? 6 : months_key == "chin" ? 9 : months_key == "ba" ? 3 : ToInt(months_key);
        if (y < 1900 || months < 1 || months > 12) return false;
        if (months == 6) {
          m.iso = std::string(year) + (last ? "-H2" : "-H1");
        } else {
          int first = last ? 13 - months : 1, final_month = last ? 12 : months;
          m.iso = std::string(year) + "-" + Pad2(first) + "/" + std::string(year) + "-" + Pad2(final_month);
        }
      } else if (!f.Get("month").empty()) {
        if (year.empty()) {  // "tháng 10": the year comes from the context (InferYears)
          int month = ToInt(f.Get("month"));
          if (month < 1 || month > 12) return false;
          m.iso = "--" + Pad2(month);
          break;
        }
        std::string_view month = f.Get("month");
        std::string month_digits;
        if (ToInt(month) < 0) {  // "tháng mười năm 2024"
          int n = MonthNumber(month);
          if (n < 1) return false;
          month_digits = std::to_string(n);
          month = month_digits;
        }
        m.iso = IsoDate("", month, year);
        if (m.iso.size() != 7) return false;
      } else if (!f.Get("year_to").empty()) {
        int a = ToInt(year), b = ToInt(f.Get("year_to"));
        if (b < 100 && b >= 0) b += (a / 100) * 100;
        if (a < 1900 || a > 2100 || b <= a || b > 2100) return false;
        m.iso = std::to_string(a) + "/" + std::to_string(b);
      } else {
        int y = ToInt(year);
        if (y < 1900 || y > 2100) return false;
        m.iso = std::to_string(y);
      }
      break;
    }
    case MentionType::kReference: {
      std::string_view num = f.Get("number");
      if (num.empty()) return false;
      std::string kind_found;
      if (rule.kind_before > 0) {
        auto [kind_start, kind] = KindBefore(text, m.span.normalized.begin, rule.kind_before);
        if (kind_start != std::string::npos) {
          m.span.normalized.begin = kind_start;
          kind_found = kind;
        } else if (!FullSymbol(num)) {
          return false;  // "số 12/BC" with no kind is no citation: only a full symbol names one
        }
      }
      // "Quyết định 2026": a year, not the number of a document.
      if (rule.info.id == "reference.short_form" && num.size() == 4) {
        int year = ToInt(num);
        if (year >= 1900 && year <= 2100) return false;
      }
      // "phương án 2,7 m": a number that goes on past the match is not a document's number.
      if (size_t ne = f.Range("number").end; ne + 1 < text.size() && (text[ne] == '.' || text[ne] == ',') &&
                                              std::isdigit(static_cast<unsigned char>(text[ne + 1]))) {
        return false;
      }
      if (std::string_view name = f.Get("name"); !name.empty() && !NameOfOneDocument(name)) return false;
      auto known = kinds.find(FoldKey(f.Get("kind")));
      m.ref_kind = !kind_found.empty() ? kind_found
                   : known != kinds.end() ? known->second : Squeeze(f.Get("kind"), {}, kSpaceTabNewline);
      m.iso = WithoutFootnoteMark(StripSpaces(num));
      if (!f.Get("month").empty()) {
        m.ref_date = IsoDate(f.Get("day"), f.Get("month"), f.Get("year"));
      } else if (int y = ToInt(f.Get("year")); y >= 1900 && y <= 2100) {
        m.ref_date = std::to_string(y);  // a draft's "ngày … tháng … năm 2026"
      }
      std::string_view also = f.Get("also");
      if (!also.empty()) {
        Mention second = m;
        second.iso = StripSpaces(also);
        second.ref_date.clear();
        size_t b = also.data() - text.data();
        second.span.normalized = {b, b + also.size()};
        // The first mention ends before the conjunction so the two do not overlap.
        m.span.normalized.end = f.Range("number").end;
        if (!f.Get("day").empty()) m.span.normalized.end = std::max(m.span.normalized.end, f.Range("year").end);
        out.push_back(m);
        out.push_back(second);
        return true;
      }
      break;
    }
  }
  out.push_back(std::move(m));
  return true;
}

bool RuleSet::Impl::NameOfOneDocument(std::string_view name) const {
  std::string key = " " + FoldKey(name) + " ";
  for (const char* joint : {" tai ", " theo ", " boi ", " cua ", " ngay "}) {
    if (key.find(joint) != std::string::npos) return false;
  }
  for (const auto& [kind_key, canonical] : kinds) {
    if (key.find(" " + kind_key + " ") != std::string::npos) return false;
  }
  return true;
}

std::pair<size_t, std::string> RuleSet::Impl::KindBefore(std::string_view text, size_t end, int max_words) const {
  const auto none = std::make_pair(std::string::npos, std::string());
  // The words before `end`, nearest first, each with its start; a blank line or a sentence's
  // punctuation ends the search.
  std::vector<std::pair<size_t, std::string>> words;   // start, FoldKey
  size_t pos = end;
  bool paragraph_start = false;
  while (!paragraph_start && static_cast<int>(words.size()) < max_words + 5 && pos > 0) {
    size_t e = pos;
    while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\n' || text[e - 1] == ',')) {
      if (text[e - 1] == '\n' && e >= 2 && text[e - 2] == '\n') paragraph_start = true;
      --e;
    }
    if (paragraph_start) break;
    size_t b = e;
    while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\t' && text[b - 1] != '\n' && text[b - 1] != ',') --b;
    if (b == e) break;
    std::string_view word = text.substr(b, e - b);
    if (word.find_first_of(".;:()\"0123456789") != std::string_view::npos) break;
    words.emplace_back(b, FoldKey(word));
    pos = b;
  }
  // words[i] is the i-th word back. A kind of n words ends at words[i - n + 1] and starts at words[i].
  for (size_t i = 0; i < words.size() && static_cast<int>(i) < max_words; ++i) {
    const std::string& w = words[i].second;
    if (w == "tai" || w == "theo" || w == "boi" || w == "cua" || w == "ngay") return none;
    for (size_t n = std::min<size_t>(6, i + 1); n >= 1; --n) {
      std::string key;
      for (size_t k = 0; k < n; ++k) key += (k ? " " : "") + words[i - k].second;
      auto it = kinds.find(key);
      if (it == kinds.end()) continue;
      // The longest kind that starts here ("Kế hoạch hành động" over "Kế hoạch"): look one word
      // further back for a longer kind that ends inside this one? Kinds are matched from their
      // first word, so a start earlier than words[i] is tried at a later i.
      return {words[i].first, it->second};
    }
  }
  return none;
}

std::vector<Mention> RuleSet::Recognize(std::string_view text) const {
  // A candidate is small; the reading it stands for waits in `readings` (a deque, so that
  // growing never copies it). A skip rule's match has a range only.
  struct Candidate {
    TextRange range;
    int priority;
    uint32_t reading;
  };
  static constexpr uint32_t kSkipped = UINT32_MAX;

  // Which windows each rule can match in (see BlankLineWindows). A rule runs from the start of
  // each of its windows, exactly as the one pass over the whole text would from there: a match
  // found outside every window of its rule can only be one the pass refuses.
  // A rule that is not Confined has the whole text as its one window, if it matches at all.
  const size_t nrules = impl_->rules.size();
  std::vector<Window> windows;
  std::vector<std::vector<uint32_t>> rule_windows;
  const bool prefiltered = impl_->UsePrefilter(text.size());
  if (prefiltered) {
    windows = BlankLineWindows(text, kMinWindow);
    const uint32_t whole_text = static_cast<uint32_t>(windows.size());
    windows.push_back({0, text.size()});
    rule_windows.resize(nrules);
    std::vector<int> hits;
    auto ask = [&](const RE2::Set& set, const std::vector<size_t>& set_rules, uint32_t w) {
      hits.clear();
      RE2::Set::ErrorInfo error{RE2::Set::kNoError};
      re2::StringPiece piece(text.data() + windows[w].begin, windows[w].end - windows[w].begin);
      if (set.Match(piece, &hits, &error)) {
        for (int h : hits) rule_windows[set_rules[h]].push_back(w);
      } else if (error.kind != RE2::Set::kNoError) {  // out of memory: every rule may match here
        for (size_t r : set_rules) rule_windows[r].push_back(w);
      }
    };
    if (!impl_->prefilter_rule.empty()) {
      for (uint32_t w = 0; w < whole_text; ++w) ask(*impl_->prefilter, impl_->prefilter_rule, w);
    }
    if (!impl_->whole_prefilter_rule.empty()) ask(*impl_->whole_prefilter, impl_->whole_prefilter_rule, whole_text);
  }
  const std::vector<uint32_t> whole_text_only{0};
  const std::vector<Window> whole_text{{0, text.size()}};

  // Each rule scans the text on its own; its candidates are gathered per rule and then in rule
  // order, so that the choice below sees them exactly as one pass would have made them.
  struct Found {
    std::vector<Candidate> candidates;
    std::deque<Mention> readings;
  };
  auto scan_rule = [&](size_t ri, Found& found) {
    re2::StringPiece groups[32];
    std::vector<Mention> produced;
    const Rule& rule = impl_->rules[ri];
    if (rule.is_comparator) return;
    const std::vector<uint32_t>& where = prefiltered ? rule_windows[ri] : whole_text_only;
    const std::vector<Window>& spans = prefiltered ? windows : whole_text;
    int ngroups = std::min(rule.re->NumberOfCapturingGroups() + 1, 32);
    size_t pos = 0;
    bool exhausted = false;
    for (uint32_t w : where) {
      const Window& window = spans[w];
      if (pos < window.begin) pos = window.begin;
      while (pos < window.end) {
        // Only a match inside the window can be accepted: when there is none, every match that
        // starts here reaches past the window and would be refused. The DFA alone answers this
        // without scanning on to the next match of the whole text.
        if (window.end < text.size() && !rule.re->Match(text, pos, window.end, RE2::UNANCHORED, nullptr, 0)) break;
        if (!rule.re->Match(text, pos, text.size(), RE2::UNANCHORED, groups, ngroups)) {
          exhausted = true;  // no match at all from here on
          break;
        }
        size_t b = groups[0].data() - text.data(), e = b + groups[0].size();
        if (b >= window.end) break;  // the rule's next window (if any) decides
        if (e == b) { pos = b + 1; continue; }
        bool bounded = !rule.word_boundary ||
                       !((IsAlnumAt(text, b, false) && IsAlnumAt(text, b, true)) ||
                         (IsAlnumAt(text, e, true) && IsAlnumAt(text, e, false)));
        if (bounded && rule.strict_boundary && (IsAlnumAt(text, b, true) || IsAlnumAt(text, e, false))) bounded = false;
        // A number must not continue a longer number ("1.234" is not "234" after a dot); nor may
        // a count start at the year of a date ("21/07/2021 Văn bản" is no count of 2021 văn bản).
        if (bounded && rule.word_boundary && b >= 2 && std::isdigit(static_cast<unsigned char>(text[b - 2])) &&
            std::isdigit(static_cast<unsigned char>(text[b])) &&
            (text[b - 1] == '.' || text[b - 1] == ',' ||
             (text[b - 1] == '/' && rule.type == MentionType::kCount && b + 4 <= text.size() &&
              (text.substr(b, 2) == "19" || text.substr(b, 2) == "20") && std::isdigit(static_cast<unsigned char>(text[b + 3]))))) {
          bounded = false;
        }
        if (bounded && Confined(rule) && CrossesBoundary(text.substr(b, e - b))) bounded = false;
        if (!bounded) {
          pos = b + 1;
          while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
          continue;
        }
        if (rule.is_skip) {
          // A group named "claim" is what the rule claims of its match: RE2 has no lookahead, so
          // "a serial number followed by a capital" matches the capital and claims the number.
          TextRange claimed{b, e};
          std::string_view claim = Fields(rule, groups, text).Get("claim");
          if (!claim.empty()) {
            size_t cb = claim.data() - text.data();
            claimed = {cb, cb + claim.size()};
          }
          found.candidates.push_back({claimed, rule.priority, kSkipped});
        } else {
          produced.clear();
          if (impl_->Interpret(rule, groups, text, produced)) {
            for (auto& m : produced) {
              found.candidates.push_back({m.span.normalized, rule.priority, static_cast<uint32_t>(found.readings.size())});
              found.readings.push_back(std::move(m));
            }
          }
        }
        pos = e;
      }
      if (exhausted) break;
    }
  };
  Found all;
  if (text.size() >= kParallelRulesMinBytes && text.size() <= kParallelRulesMaxBytes && nrules > 1) {
    // A long text: the rules are shared out between this thread and one more, each taking the
    // next rule not yet taken (their costs differ by tenfold).
    std::vector<Found> per_rule(nrules);
    std::atomic<size_t> next_rule{0};
    auto work = [&] {
      for (size_t ri; (ri = next_rule.fetch_add(1)) < nrules;) scan_rule(ri, per_rule[ri]);
    };
    internal::RunBoth(work, work);
    for (Found& f : per_rule) {
      const uint32_t shift = static_cast<uint32_t>(all.readings.size());
      for (Candidate c : f.candidates) {
        if (c.reading != kSkipped) c.reading += shift;
        all.candidates.push_back(c);
      }
      for (Mention& m : f.readings) all.readings.push_back(std::move(m));
      f = Found{};   // each rule's share freed as soon as it is joined
    }
  } else {
    for (size_t ri = 0; ri < nrules; ++ri) scan_rule(ri, all);
  }
  std::vector<Candidate>& candidates = all.candidates;
  std::deque<Mention>& readings = all.readings;
  // The longest reading wins; between equal lengths, the rule with the higher priority.
  // Indices are sorted rather than the candidates themselves, which are large.
  std::vector<uint32_t> order(candidates.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&candidates](uint32_t ia, uint32_t ib) {
    const Candidate& a = candidates[ia];
    const Candidate& b = candidates[ib];
    size_t la = a.range.end - a.range.begin;
    size_t lb = b.range.end - b.range.begin;
    if (a.priority != b.priority && (a.priority >= 100 || b.priority >= 100)) return a.priority > b.priority;
    if (la != lb) return la > lb;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.range.begin < b.range.begin;
  });
  std::map<size_t, size_t> taken;  // begin -> end of accepted ranges
  std::vector<uint32_t> kept;      // accepted readings, in the order they won
  std::vector<Mention> accepted;
  for (uint32_t i : order) {
    Candidate& c = candidates[i];
    TextRange r = c.range;
    auto next = taken.lower_bound(r.begin);
    if (next != taken.end() && next->first < r.end) continue;
    if (next != taken.begin() && std::prev(next)->second > r.begin) continue;
    taken[r.begin] = r.end;
    if (c.reading != kSkipped) kept.push_back(c.reading);
  }
  accepted.reserve(kept.size());
  for (uint32_t k : kept) accepted.push_back(std::move(readings[k]));
  std::deque<Mention>().swap(readings);
  std::sort(accepted.begin(), accepted.end(), [](const Mention& a, const Mention& b) {
    return a.span.normalized.begin < b.span.normalized.begin;
  });
  // Comparators written next to a number ("tối thiểu 90%", "từ 80% trở lên").
  for (Mention& m : accepted) {
    if (m.type != MentionType::kNumber && m.type != MentionType::kPercent &&
        m.type != MentionType::kMoney && m.type != MentionType::kCount) continue;
    if (!m.comparator.empty()) continue;
    for (const Rule& rule : impl_->rules) {
      // A range has its two ends: "Từ 80% - 100% … trở lên" bounds no range.
      if (!rule.before && m.range_to) continue;
      if (!rule.is_comparator) continue;
      size_t b = m.span.normalized.begin, e = m.span.normalized.end;
      if (rule.before) {
        size_t from = b > 48 ? b - 48 : 0;
        while (from < b && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
        re2::StringPiece window(text.data() + from, b - from);
        re2::StringPiece g[1];
        // The comparator must end right before the number (only spaces between).
        size_t p = 0;
        bool found = false;
        while (p < window.size() && rule.re->Match(window, p, window.size(), RE2::UNANCHORED, g, 1)) {
          size_t ge = g[0].data() - window.data() + g[0].size();
          if (std::string_view(window.data() + ge, window.size() - ge).find_first_not_of(" \t") == std::string_view::npos && !g[0].empty()) {
            // "2 bác sĩ trên 01 vạn dân", "3 tia phun trên 1 tầng": "trên" between two figures
            // and their nouns is "per", no bound.
            size_t cb = from + (g[0].data() - window.data());
            if (FoldKey(std::string_view(g[0].data(), g[0].size())) == "tren" && FigureJustBefore(text, cb)) break;
            m.comparator = rule.comparator;
            m.span.normalized.begin = from + (g[0].data() - window.data());
            found = true;
            break;
          }
          p = g[0].data() - window.data() + 1;
        }
        if (found) break;
      } else {
        // "từ 12 tháng trở lên", "3 tia phun trở lên", "Từ 20% số cơ quan, đơn vị trở lên": the
        // bound may follow the words that say what is counted, up to eight words with no figure
        // and no stop between.
        size_t to = std::min(text.size(), e + 160);
        re2::StringPiece window(text.data() + e, to - e);
        re2::StringPiece g[1];
        // After "từ" the counted words may be more: "từ 05 mỏ khoáng sản làm vật liệu xây dựng
        // thông thường trở lên".
        const bool from_word = FoldedWordBefore(text, m.span.normalized.begin) == "tu";
        const int max_words = from_word ? 12 : 8;
        auto words_only = [max_words](std::string_view gap) {
          if (gap.find_first_of("0123456789.;:()\t\n%") != std::string_view::npos) return false;
          int words = 0;
          bool in_word = false;
          for (char ch : gap) {
            bool sep = ch == ' ' || ch == ',';
            if (!sep && !in_word) ++words;
            in_word = !sep;
          }
          return words <= max_words;
        };
        if (rule.re->Match(window, 0, window.size(), RE2::UNANCHORED, g, 1) &&
            words_only(std::string_view(window.data(), g[0].data() - window.data()))) {
          m.comparator = rule.comparator;
          m.span.normalized.end = e + (g[0].data() - window.data()) + g[0].size();
          break;
        }
      }
    }
  }
  return accepted;
}

std::string RenderMention(const Mention& m) {
  std::string out;
  if (!m.comparator.empty()) out = m.comparator + " ";
  auto with_unit = [&](std::string value) {
    if (m.unit == "%") return value + "%";
    if (!m.unit.empty()) return value + " " + m.unit;
    return value;
  };
  switch (m.type) {
    case MentionType::kNumber:
    case MentionType::kPercent:
    case MentionType::kMoney:
    case MentionType::kCount: {
      std::string v = FormatNumber(m.number);
      if (m.range_to) v += ".." + FormatNumber(*m.range_to);
      return out + with_unit(v);
    }
    case MentionType::kFraction:
      return out + with_unit(FormatNumber(m.numerator) + "/" + FormatNumber(m.denominator));
    case MentionType::kDate:
    case MentionType::kPeriod:
      return out + m.iso;
    case MentionType::kReference:
      return m.ref_kind + "|" + m.iso + "|" + m.ref_date;
  }
  return out;
}

}  // namespace baocao
