// The indicator lexicon: the catalogue (rules/indicators.tsv) and the cues of
// rules/indicators/*.lex. Grammar (see rules/indicators/README.md):
//
//   indicator tthc.online_application_rate
//   cue: hồ sơ + trực tuyến + (nộp | tiếp nhận)     every term must occur; a term is a|b|c
//   not: thanh toán | toàn trình                       none may occur
//   match: Tỷ lệ nộp hồ sơ trực tuyến đạt 86,98% => actual 86.98
//   reject: Tỷ lệ thanh toán trực tuyến đạt 90,61%
//
//   fraction tthc.applications_online / tthc.applications_received
//   cue: hồ sơ + trực tuyến
//
//   alias thủ tục = thủ tục hành chính | TTHC | DVC     nouns that count the same thing
//   target: chỉ tiêu | mục tiêu | phấn đấu              words that make a value a target
#include <algorithm>
#include <bitset>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/strings.h"
#include "baocao/normalize/text.h"
#include "link/lexicon_impl.h"

namespace baocao {
namespace {

using internal::Trim;

std::vector<std::string> SplitOn(std::string_view s, char sep) { return internal::SplitTrimmed(s, sep, false); }

// "(nộp | tiếp nhận)" -> {["nop"], ["tiep", "nhan"]}
Term ParseTerm(std::string_view raw) {
  std::string s = Trim(raw);
  if (!s.empty() && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
  Term term;
  for (const std::string& phrase : SplitOn(s, '|')) {
    std::vector<std::string> words = Tokenize(phrase);
    if (!words.empty()) term.push_back(std::move(words));
  }
  return term;
}

}  // namespace

// Bytes from this one up are parts of a UTF-8 letter (FoldKey leaves no other non-ASCII).
constexpr unsigned char kFirstNonAscii = 0x80;

std::vector<std::string> Tokenize(std::string_view text) {
  std::string folded = FoldKey(text);
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = 0; i < folded.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(folded[i]);
    if (std::isalnum(c) || c >= kFirstNonAscii) current.push_back(static_cast<char>(c));
    else flush();
  }
  flush();
  return tokens;
}

namespace {

// Whether `phrase` reads at tokens[i]: word for word, or with two of its words run together in
// one token, as OCR gives them when it misses the space ("điệntử" for "điện tử"); two
// Vietnamese syllables run together are no word of their own.
bool PhraseAt(const std::vector<std::string>& tokens, size_t i, const std::vector<std::string>& phrase) {
  for (size_t p = 0; p < phrase.size(); ++i) {
    if (i >= tokens.size()) return false;
    const std::string& t = tokens[i];
    if (t == phrase[p]) {
      ++p;
    } else if (p + 1 < phrase.size() && t.size() == phrase[p].size() + phrase[p + 1].size() &&
               t.starts_with(phrase[p]) && t.ends_with(phrase[p + 1])) {
      p += 2;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

int FindPhrase(const std::vector<std::string>& tokens, const std::vector<std::string>& phrase) {
  if (phrase.empty()) return -1;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].front() != phrase[0].front()) continue;   // cheap: most tokens start otherwise
    if (PhraseAt(tokens, i, phrase)) return static_cast<int>(i);
  }
  return -1;
}

namespace {

// The starts (first 1, 2 and 3 bytes) of a context's tokens, as bits of a small hash set. A
// phrase can only read where a token starts as its first word does (PhraseAt), so a phrase
// whose first word's start is missing is known absent without scanning the tokens. Best asks
// hundreds of phrases of each context; most are rejected here.
class TokenStarts {
 public:
  explicit TokenStarts(const std::vector<std::string>& tokens) {
    for (const std::string& t : tokens) {
      for (size_t n = 1; n <= std::min(kStartBytes, t.size()); ++n) bits_.set(Key(t, n));
    }
  }
  bool MayRead(const Phrase& phrase) const {
    const std::string& first = phrase.front();
    return first.empty() || bits_.test(Key(first, std::min(kStartBytes, first.size())));
  }

 private:
  // FNV-1a (32 bits) over the first n bytes, seeded with n.
  static constexpr uint32_t kFnvOffsetBasis = 2166136261u;
  static constexpr uint32_t kFnvPrime = 16777619u;
  static size_t Key(std::string_view s, size_t n) {
    uint32_t h = kFnvOffsetBasis ^ static_cast<uint32_t>(n);
    for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(s[i])) * kFnvPrime;
    return h % kBits;
  }
  static constexpr size_t kStartBytes = 3;   // a token's start is its first 1, 2 or 3 bytes
  static constexpr size_t kBits = 4096;
  std::bitset<kBits> bits_;
};

bool Reads(const std::vector<std::string>& tokens, const TokenStarts& starts, const Phrase& phrase) {
  return !phrase.empty() && starts.MayRead(phrase) && FindPhrase(tokens, phrase) >= 0;
}

int TermScore(const std::vector<std::string>& tokens, const TokenStarts& starts, const Term& term) {
  int best = -1;
  for (const auto& phrase : term) {
    if (Reads(tokens, starts, phrase)) best = std::max(best, static_cast<int>(phrase.size()));
  }
  return best;
}

int CueScore(const std::vector<std::string>& tokens, const TokenStarts& starts, const Cue& cue) {
  int total = 0;
  for (const Term& term : cue) {
    int s = TermScore(tokens, starts, term);
    if (s < 0) return -1;
    total += s;
  }
  return total;
}

}  // namespace

Lexicon::Lexicon() : impl_(std::make_unique<Impl>()) {}
Lexicon::Lexicon(Lexicon&&) noexcept = default;
Lexicon& Lexicon::operator=(Lexicon&&) noexcept = default;
Lexicon::~Lexicon() = default;

const std::vector<IndicatorInfo>& Lexicon::indicators() const { return impl_->infos; }
const std::vector<LexiconExample>& Lexicon::examples() const { return impl_->examples; }
const Lexicon::Impl& Lexicon::impl() const { return *impl_; }

namespace {

Status ReadCatalogue(const std::string& path, bool required, std::vector<IndicatorInfo>& out) {
  std::ifstream in(path);
  if (!in) {
    if (!required) return Status::Ok();
    return {ErrorCode::kBadRules, "cannot read indicator catalogue " + path};
  }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (n == 1 || line.empty() || line[0] == '#') continue;  // header row
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (cols.size() < 4) return {ErrorCode::kBadRules, path + ":" + std::to_string(n) + ": expected id, kind, unit, vi_label"};
    out.push_back({cols[0], cols[1], cols[2], cols[3]});
  }
  return Status::Ok();
}

}  // namespace

namespace {

// The words that open a line of a .lex file, with their space.
constexpr std::string_view kIndicatorWord = "indicator ";
constexpr std::string_view kFractionWord = "fraction ";
constexpr std::string_view kAliasWord = "alias ";

}  // namespace

Status Lexicon::Impl::AddFile(const std::string& content, const std::string& file) {
  std::istringstream in(content);
  std::string raw;
  int line_no = 0;
  Entry* entry = nullptr;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string where = file + ":" + std::to_string(line_no);
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto starts = [&](std::string_view p) { return line.compare(0, p.size(), p) == 0; };
    if (starts(kIndicatorWord)) {
      std::string id = Trim(line.substr(kIndicatorWord.size()));
      const IndicatorInfo* info = Find(id);
      if (!info) return {ErrorCode::kBadRules, where + ": '" + id + "' is not in the indicator catalogue"};
      entries.push_back({id, info->kind, {}, {}, {}, "", ""});
      entry = &entries.back();
      continue;
    }
    if (starts(kFractionWord)) {
      auto parts = SplitOn(line.substr(kFractionWord.size()), '/');
      if (parts.size() != 2 || !Find(parts[0]) || !Find(parts[1])) return {ErrorCode::kBadRules, where + ": expected 'fraction NUMERATOR_ID / DENOMINATOR_ID' with catalogue ids"};
      entries.push_back({"", "fraction", {}, {}, {}, parts[0], parts[1]});
      entry = &entries.back();
      continue;
    }
    if (starts(kAliasWord)) {
      size_t eq = line.find('=');
      if (eq == std::string::npos) return {ErrorCode::kBadRules, where + ": expected 'alias NOUN = a | b'"};
      std::string noun = FoldKey(Trim(line.substr(kAliasWord.size(), eq - kAliasWord.size())));
      aliases[noun].push_back(noun);
      for (const std::string& a : SplitOn(line.substr(eq + 1), '|')) aliases[noun].push_back(FoldKey(a));
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos) return {ErrorCode::kBadRules, where + ": expected 'key: value'"};
    std::string key = line.substr(0, colon);
    std::string value = Trim(line.substr(colon + 1));
    if (key == "target" || key == "actual" || key == "target_section" || key == "actual_section") {
      Term t = ParseTerm(value);
      auto& dest = key == "target" ? target_words : key == "actual" ? actual_words
                 : key == "target_section" ? target_sections : actual_sections;
      dest.insert(dest.end(), t.begin(), t.end());
      continue;
    }
    if (!entry) return {ErrorCode::kBadRules, where + ": '" + key + "' outside an indicator block"};
    if (key == "cue") {
      Cue cue;
      for (const std::string& term : SplitOn(value, '+')) cue.push_back(ParseTerm(term));
      if (cue.empty()) return {ErrorCode::kBadRules, where + ": empty cue"};
      entry->cues.push_back(std::move(cue));
    } else if (key == "base") {
      Term t = ParseTerm(value);
      entry->bases.insert(entry->bases.end(), t.begin(), t.end());
    } else if (key == "not") {
      Term t = ParseTerm(value);
      entry->excluded.insert(entry->excluded.end(), t.begin(), t.end());
    } else if (key == "match") {
      size_t arrow = value.rfind(" => ");
      if (arrow == std::string::npos) return {ErrorCode::kBadRules, where + ": match examples are 'TEXT => ROLE VALUE'"};
      examples.push_back({value.substr(0, arrow), value.substr(arrow + 4), false, entry->id.empty() ? entry->numerator : entry->id, file, line_no});
    } else if (key == "reject") {
      examples.push_back({value, "", true, entry->id.empty() ? entry->numerator : entry->id, file, line_no});
    } else {
      return {ErrorCode::kBadRules, where + ": unknown key '" + key + "'"};
    }
  }
  for (const Entry& e : entries) {
    if (e.cues.empty()) return {ErrorCode::kBadRules, file + ": " + (e.id.empty() ? e.numerator : e.id) + " has no cue"};
  }
  return Status::Ok();
}

const IndicatorInfo* Lexicon::Impl::Find(const std::string& id) const {
  for (const auto& info : infos) if (info.id == id) return &info;
  return nullptr;
}

Result<Lexicon> Lexicon::Load(const std::string& rules_dir) {
  namespace fs = std::filesystem;
  Lexicon lex;
  Status st = ReadCatalogue(rules_dir + "/indicators.tsv", true, lex.impl_->infos);
  if (!st.ok()) return st;
  st = ReadCatalogue(rules_dir + "/indicators/extra.tsv", false, lex.impl_->infos);
  if (!st.ok()) return st;
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(rules_dir + "/indicators", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".lex") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    st = lex.impl_->AddFile(buf.str(), path.string());
    if (!st.ok()) return st;
  }
  return lex;
}

std::string Lexicon::Match(std::string_view context, std::string_view kind, int* score) const {
  std::vector<std::string> tokens = Tokenize(context);
  const Entry* best = impl_->Best(tokens, kind, score);
  return best ? best->id : "";
}

const Entry* Lexicon::Impl::Best(const std::vector<std::string>& tokens, std::string_view kind, int* score) const {
  const Entry* best = nullptr;
  int best_score = -1;
  const TokenStarts starts(tokens);
  for (const Entry& e : entries) {
    if (!kind.empty() && e.kind != kind) continue;
    bool excluded = false;
    for (const auto& phrase : e.excluded) excluded = excluded || Reads(tokens, starts, phrase);
    if (excluded) continue;
    for (const Cue& cue : e.cues) {
      int s = CueScore(tokens, starts, cue);
      if (s > best_score) { best_score = s; best = &e; }
    }
  }
  if (score) *score = best_score;
  return best;
}

bool Lexicon::Impl::NounFits(std::string_view noun, const std::string& unit) const {
  if (noun.empty()) return true;
  std::string key = FoldKey(noun), unit_key = FoldKey(unit);
  if (key == unit_key || key.rfind(unit_key, 0) == 0) return true;
  if (unit_key.rfind(key + "/", 0) == 0) return true;  // "người" counts "người/vạn dân"
  auto it = aliases.find(unit_key);
  if (it == aliases.end()) return false;
  return std::find(it->second.begin(), it->second.end(), key) != it->second.end();
}

}  // namespace baocao
