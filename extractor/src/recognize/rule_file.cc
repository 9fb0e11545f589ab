// Loading one rule file: `define` and `vocab` macros, then `rule ID` blocks of `key: value`
// lines. The file grammar is in rules/README.md.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "recognize/rule_set_impl.h"

namespace baocao {

using recognize_internal::Rule;

namespace {

using internal::Trim;

// The words that open a macro line, with their space.
constexpr std::string_view kDefineWord = "define ";
constexpr std::string_view kVocabWord = "vocab ";
constexpr std::string_view kRuleWord = "rule ";
constexpr int kMaxKindBefore = 40;   // words: kind_before is a short look back, never a paragraph

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

// The code points of UTF-8 `s`, each as its bytes (their length read from the lead byte).
std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// A pattern in which each Vietnamese vowel (and d/đ) matches any of its marked forms.
std::string AnyToneMarks(const std::string& pattern) {
  // Each marked or bare letter's class, worked out once: the kind vocabulary spells some
  // hundred words, each letter of which is looked up.
  static const std::unordered_map<std::string, std::string> kClassOf = [] {
    std::unordered_map<std::string, std::string> classes;
    for (const char* group : {"aàáảãạăằắẳẵặâầấẩẫậ", "eèéẻẽẹêềếểễệ", "iìíỉĩị", "oòóỏõọôồốổỗộơờớởỡợ",
                              "uùúủũụưừứửữự", "yỳýỷỹỵ", "dđ"}) {
      for (std::string& member : CodePoints(group)) classes.emplace(std::move(member), internal::Concat({"[", group, "]"}));
    }
    return classes;
  }();
  std::string out;
  for (const std::string& cp : CodePoints(pattern)) {
    auto it = kClassOf.find(cp);
    out += it == kClassOf.end() ? cp : it->second;
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

// The lines of the REFERENCE_KIND vocabulary, "Quyết định | QĐ": a canonical kind, then other
// ways it is written. Returns every spelling; `kinds` maps each, folded, to its canonical kind.
std::vector<std::string> KindSpellings(const std::vector<std::string>& lines,
                                       std::unordered_map<std::string, std::string>& kinds) {
  std::vector<std::string> spellings;
  for (const auto& w : lines) {
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
  return spellings;
}

// `vocab NAME = FILE`: the file's words as one alternation, longest first.
Status VocabularyMacro(const std::string& name, const std::string& file, const std::string& where,
                       const std::string& vocab_dir, std::unordered_map<std::string, std::string>& kinds,
                       std::string* alternation) {
  std::vector<std::string> words;
  Status st = LoadVocab(vocab_dir + "/" + file, where, &words);
  if (!st.ok()) return st;
  const bool reference_kinds = name == "REFERENCE_KIND";
  if (reference_kinds) words = KindSpellings(words, kinds);
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string alt;
  for (const auto& w : words) {
    // Kinds are matched whatever their tone marks: OCR and hurried typing write "Quyết đinh",
    // "Nghị quỵết", "Kết lụận"; the kind is named by its canonical spelling all the same.
    if (!alt.empty()) alt += '|';
    alt += reference_kinds ? AnyToneMarks(EscapeForRegex(w)) : EscapeForRegex(w);
  }
  *alternation = std::move(alt);
  return Status::Ok();
}

Status CompilePattern(const std::string& value, const std::map<std::string, std::string>& macros,
                      const std::string& where, Rule& rule) {
  std::string expanded;
  Status st = Expand(value, macros, &expanded, where);
  if (!st.ok()) return st;
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_case_sensitive(false);
  opts.set_max_mem(recognize_internal::kPatternMaxMemory);
  rule.re = std::make_unique<RE2>(expanded, opts);
  if (!rule.re->ok()) return {ErrorCode::kBadRules, where + ": bad pattern: " + rule.re->error()};
  for (const auto& [name, index] : rule.re->NamedCapturingGroups()) rule.groups.emplace_back(name, index);
  std::sort(rule.groups.begin(), rule.groups.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return Status::Ok();
}

// The examples and the value keys of a rule: `value`, `position`, `boundary`, `match`, `reject`.
Status SetExampleOrValueKey(const std::string& key, const std::string& value, const std::string& where,
                            const std::string& file, int line_no, Rule& rule) {
  if (key == "value") {
    double v = 0;
    if (!ParseVietnameseNumber(value, &v)) return {ErrorCode::kBadRules, where + ": value must be a number"};
    rule.fixed_value = v;
  } else if (key == "position") {
    if (value != "before" && value != "after") return {ErrorCode::kBadRules, where + ": position is 'before' or 'after'"};
    rule.before = value == "before";
  } else if (key == "boundary") {
    if (value != "word" && value != "none" && value != "strict") return {ErrorCode::kBadRules, where + ": boundary is 'word', 'strict' or 'none'"};
    rule.word_boundary = value != "none";
    rule.strict_boundary = value == "strict";
  } else if (key == "match") {
    constexpr std::string_view kArrow = " => ";
    size_t arrow = value.rfind(kArrow);
    if (arrow == std::string::npos) return {ErrorCode::kBadRules, where + ": match examples are 'TEXT => VALUE'"};
    rule.info.examples.push_back({value.substr(0, arrow), value.substr(arrow + kArrow.size()), false, file, line_no});
  } else if (key == "reject") {
    rule.info.examples.push_back({value, "", true, file, line_no});
  } else {
    return {ErrorCode::kBadRules, where + ": unknown key '" + key + "'"};
  }
  return Status::Ok();
}

// One `key: value` line of a rule block.
Status SetRuleKey(const std::string& key, const std::string& value, const std::map<std::string, std::string>& macros,
                  const std::string& where, const std::string& file, int line_no, Rule& rule) {
  if (key == "type") {
    if (!ParseType(value, rule)) return {ErrorCode::kBadRules, where + ": unknown type '" + value + "'"};
    rule.info.type = value;
  } else if (key == "pattern") {
    return CompilePattern(value, macros, where, rule);
  } else if (key == "priority") {
    rule.priority = std::atoi(value.c_str());
  } else if (key == "kind_before") {
    rule.kind_before = std::atoi(value.c_str());
    if (rule.kind_before < 1 || rule.kind_before > kMaxKindBefore) {
      return {ErrorCode::kBadRules, where + ": kind_before is 1 to " + std::to_string(kMaxKindBefore) + " words"};
    }
  } else if (key == "unit") {
    rule.fixed_unit = value;
  } else if (key == "comparator") {
    std::optional<Comparator> comparator = recognize_internal::ComparatorFromRuleSyntax(value);
    if (!comparator) {
      return {ErrorCode::kBadRules, where + ": comparator is one of >= > <= < ="};
    }
    rule.comparator = *comparator;
  } else {
    return SetExampleOrValueKey(key, value, where, file, line_no, rule);
  }
  return Status::Ok();
}

// A rule block is complete once it has a pattern and a type.
Status CheckRule(const Rule& r, const std::string& file) {
  std::string where = file + ":" + std::to_string(r.info.line);
  if (!r.re) return {ErrorCode::kBadRules, where + ": rule " + r.info.id + " has no pattern"};
  if (r.info.type.empty()) return {ErrorCode::kBadRules, where + ": rule " + r.info.id + " has no type"};
  return Status::Ok();
}

// The value of a `key: value` line: everything after "key: ", verbatim (patterns keep their own
// spaces), without a CR or spaces at its end.
std::string ValueOf(const std::string& raw) {
  std::string value = raw.substr(raw.find(':') + 1);
  if (!value.empty() && value[0] == ' ') value.erase(0, 1);
  while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
  return value;
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
  while (std::getline(in, raw)) {
    ++line_no;
    std::string where = file + ":" + std::to_string(line_no);
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto starts = [&](std::string_view p) { return line.compare(0, p.size(), p) == 0; };
    if (starts(kDefineWord) || starts(kVocabWord)) {
      const bool vocab = starts(kVocabWord);
      const size_t word = vocab ? kVocabWord.size() : kDefineWord.size();
      size_t eq = line.find('=');
      if (eq == std::string::npos) return {ErrorCode::kBadRules, where + ": expected NAME = VALUE"};
      std::string name = Trim(line.substr(word, eq - word));
      std::string value = Trim(line.substr(eq + 1));
      if (name.empty() || !std::isupper(static_cast<unsigned char>(name[0]))) return {ErrorCode::kBadRules, where + ": macro names are UPPER_CASE"};
      std::string expanded;
      Status st = vocab ? VocabularyMacro(name, value, where, vocab_dir, kinds, &expanded)
                        : Expand(value, macros, &expanded, where);
      if (!st.ok()) return st;
      macros[name] = expanded;
      if (exported) (*exported)[name] = macros[name];
      continue;
    }
    if (starts(kRuleWord)) {
      if (rule) { Status st = CheckRule(*rule, file); if (!st.ok()) return st; }
      added.emplace_back();
      rule = &added.back();
      rule->info.id = Trim(line.substr(kRuleWord.size()));
      rule->info.file = file;
      rule->info.line = line_no;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos || rule == nullptr) return {ErrorCode::kBadRules, where + ": expected 'rule ID', 'define', 'vocab' or 'key: value'"};
    Status st = SetRuleKey(line.substr(0, colon), ValueOf(raw), macros, where, file, line_no, *rule);
    if (!st.ok()) return st;
  }
  if (rule) { Status st = CheckRule(*rule, file); if (!st.ok()) return st; }
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

}  // namespace baocao
