// What a document reference match means: the document's kind ("Quyết định"), its number and
// symbol ("186/QĐ-UBND"), and its date when the citation gives one.
#include <algorithm>
#include <cctype>

#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "recognize/rule_set_impl.h"

namespace baocao {

using recognize_internal::Fields;
using recognize_internal::kFirstYear;
using recognize_internal::kLastYear;
using recognize_internal::Rule;
using recognize_internal::ToInt;

namespace {

using internal::kSpaceTabNewline;
using internal::Squeeze;

constexpr int kMaxKindWords = 6;      // words of the longest kind looked for
constexpr int kWordsPastMax = 5;      // words read back past `max_words`, for a kind's tail
constexpr size_t kYearChars = 4;      // "Quyết định 2026": a number of four digits may be a year

// Words that join two phrases: a kind before one of them names another document.
bool IsJoiningWord(const std::string& w) {
  return w == "tai" || w == "theo" || w == "boi" || w == "cua" || w == "ngay";
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
  if (slash == std::string_view::npos) return false;
  std::string_view after = number.substr(slash + 1);
  const bool dated = after.size() > kYearChars + 1 && (after.substr(0, 2) == "19" || after.substr(0, 2) == "20") &&
                     after[kYearChars] == '/';
  // A law or a resolution of the National Assembly has no dash: "83/2015/QH13".
  if (dated && after.substr(kYearChars + 1, 2) == "QH") return true;
  if (number.find('-', slash) == std::string_view::npos) return false;
  if (dated) return true;
  for (std::string_view type : {"QĐ-", "NQ-", "NĐ-", "TT-", "CT-", "KH-", "BC-", "TB-", "TTr-", "HD-", "CĐ-", "KL-", "QH"}) {
    if (after.substr(0, type.size()) == type) return true;
  }
  return false;
}

std::string StripSpaces(std::string_view s) {
  std::string out;
  for (char c : s) if (c != ' ' && c != '\t' && c != '\n') out.push_back(c);
  return out;
}

// "phương án 2,7 m": a number that goes on past the match is not a document's number.
bool NumberGoesOn(std::string_view text, size_t ne) {
  return ne + 1 < text.size() && (text[ne] == '.' || text[ne] == ',') &&
         std::isdigit(static_cast<unsigned char>(text[ne + 1]));
}

}  // namespace

bool RuleSet::Impl::InterpretReference(const Rule& rule, const Fields& f, std::string_view text, Mention& m,
                                       std::vector<Mention>& out) const {
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
  if (rule.info.id == "reference.short_form" && num.size() == kYearChars) {
    int year = ToInt(num);
    if (year >= kFirstYear && year <= kLastYear) return false;
  }
  if (NumberGoesOn(text, f.Range("number").end)) return false;
  if (std::string_view name = f.Get("name"); !name.empty() && !NameOfOneDocument(name)) return false;
  auto known = kinds.find(FoldKey(f.Get("kind")));
  m.ref_kind = !kind_found.empty() ? kind_found
               : known != kinds.end() ? known->second : Squeeze(f.Get("kind"), {}, kSpaceTabNewline);
  m.iso = WithoutFootnoteMark(StripSpaces(num));
  if (!f.Get("month").empty()) {
    m.ref_date = recognize_internal::IsoDate(f.Get("day"), f.Get("month"), f.Get("year"));
  } else if (int y = ToInt(f.Get("year")); y >= kFirstYear && y <= kLastYear) {
    m.ref_date = std::to_string(y);  // a draft's "ngày … tháng … năm 2026"
  }
  std::string_view also = f.Get("also");
  if (!also.empty()) {  // "Quyết định số 12/QĐ-UBND và số 13/QĐ-UBND": two documents
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
  out.push_back(std::move(m));
  return true;
}

bool RuleSet::Impl::NameOfOneDocument(std::string_view name) const {
  const std::string key = internal::Concat({" ", FoldKey(name), " "});
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
  while (!paragraph_start && static_cast<int>(words.size()) < max_words + kWordsPastMax && pos > 0) {
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
    if (IsJoiningWord(words[i].second)) return none;
    for (size_t n = std::min<size_t>(kMaxKindWords, i + 1); n >= 1; --n) {
      std::string key;
      for (size_t k = 0; k < n; ++k) key += (k ? " " : "") + words[i - k].second;
      auto it = kinds.find(key);
      if (it == kinds.end()) continue;
      // Kinds are matched from their first word, so a start earlier than words[i] (a longer
      // kind) is tried at a later i.
      return {words[i].first, it->second};
    }
  }
  return none;
}

}  // namespace baocao
