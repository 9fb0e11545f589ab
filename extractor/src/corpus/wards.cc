// The ward registry (rules/places/wards.txt) and the rules the corpus commands load.
#include <unicode/unistr.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "baocao/pipeline/extract.h"
#include "baocao/normalize/text.h"
#include "core/strings.h"
#include "corpus/corpus_impl.h"

namespace baocao {
namespace corpus {

std::string CaseFold(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.foldCase();
  std::string out;
  s.toUTF8String(out);
  return out;
}

namespace {

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

std::string StripUnitWord(std::string_view written) {
  std::vector<std::string> words = Words(written);
  size_t skip = 0;
  if (!words.empty()) {
    // Diacritics count here: "Phương Liệt" is a name, "phường Liệt" would not be.
    std::string first = CaseFold(words[0]);
    std::string two = words.size() > 1 ? first + " " + CaseFold(words[1]) : std::string();
    if (two == "thị trấn" || two == "đặc khu") {
      skip = 2;
    } else if (first == "phường" || first == "xã" || first == "p." || first == "x." || first == "tt.") {
      skip = 1;
    } else if ((first.starts_with("p.") || first.starts_with("x.")) && first.size() > 2) {
      words[0] = words[0].substr(2);   // "P.1" -> "1"
    }
  }
  std::string out;
  for (size_t i = skip; i < words.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  while (!out.empty() && (out.back() == ',' || out.back() == '.' || out.back() == ';')) out.pop_back();
  return out;
}

std::string WardKey(std::string_view name) {
  std::string folded = FoldKey(name);
  std::string spaced;
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 3, "\xE2\x80\x99") == 0) {   // ’
      spaced.push_back('\'');
      i += 2;
    } else if (folded[i] == '-') {
      spaced += " - ";
    } else {
      spaced.push_back(folded[i]);
    }
  }
  std::string out;
  for (const std::string& w : Words(spaced)) {
    std::string word = w;
    if (word.find_first_not_of("0123456789") == std::string::npos) {
      size_t nz = word.find_first_not_of('0');
      word = nz == std::string::npos ? "0" : word.substr(nz);
    }
    if (word == "-") {
      out += "-";
      continue;
    }
    if (!out.empty() && out.back() != '-') out.push_back(' ');
    out += word;
  }
  return out;
}

// How a spelling is compared with the registry's: case-folded, leading zeros of numbers dropped
// ("Phường 01" is the registry's "1", written another way, not a slip).
std::string SpellingKey(std::string_view name) {
  std::string out;
  for (const std::string& w : Words(CaseFold(name))) {
    std::string word = w;
    if (word.find_first_not_of("0123456789") == std::string::npos) {
      size_t nz = word.find_first_not_of('0');
      word = nz == std::string::npos ? "0" : word.substr(nz);
    }
    if (!out.empty()) out.push_back(' ');
    out += word;
  }
  return out;
}

}  // namespace corpus

using corpus::CaseFold;
using corpus::SpellingKey;
using corpus::StripUnitWord;
using corpus::WardKey;

Result<WardRegistry> WardRegistry::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kBadRules, path + ": cannot read the ward registry");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return Parse(buffer.str(), path);
}

Result<WardRegistry> WardRegistry::Parse(std::string_view content, const std::string& name) {
  WardRegistry registry;
  std::string province;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view raw = content.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    size_t hash = raw.find('#');
    std::string line = internal::Trim(hash == std::string_view::npos ? raw : raw.substr(0, hash));
    if (line.empty()) {
      if (end == content.size()) break;
      continue;
    }
    auto bad = [&](const std::string& why) {
      return Status(ErrorCode::kBadRules, name + ":" + std::to_string(line_no) + ": " + why);
    };
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3) return bad("a province line is \"[Name]\"");
      province = internal::Trim(std::string_view(line).substr(1, line.size() - 2));
      if (province.empty()) return bad("a province line is \"[Name]\"");
      continue;
    }
    if (province.empty()) return bad("a ward before any [province] line");
    std::vector<std::string> names = internal::SplitTrimmed(line, '|', false);
    if (names.empty()) return bad("an empty ward line");
    Entry entry;
    entry.name = StripUnitWord(names[0]);
    entry.province = province;
    for (size_t i = 1; i < names.size(); ++i) entry.variants.push_back(StripUnitWord(names[i]));
    size_t index = registry.entries_.size();
    std::string province_key = FoldKey(province);
    for (const Entry& other : registry.entries_) {
      if (FoldKey(other.province) == province_key && SpellingKey(other.name) == SpellingKey(entry.name)) {
        return bad("'" + entry.name + "' is listed twice in " + province);
      }
    }
    registry.by_key_.emplace(WardKey(entry.name), std::make_pair(index, true));
    registry.exact_.emplace(index, SpellingKey(entry.name));
    for (const std::string& v : entry.variants) {
      registry.by_key_.emplace(WardKey(v), std::make_pair(index, true));
      registry.exact_.emplace(index, SpellingKey(v));
    }
    registry.entries_.push_back(std::move(entry));
    if (end == content.size()) break;
  }
  return registry;
}

WardRegistry::Resolution WardRegistry::Resolve(std::string_view written, std::string_view province) const {
  Resolution r;
  r.ward = StripUnitWord(written);
  r.province = std::string(province);
  if (r.ward.empty()) return r;
  std::string key = WardKey(r.ward);
  auto [first, last] = by_key_.equal_range(key);
  if (first == last) return r;
  std::string province_key = FoldKey(province);
  std::optional<size_t> chosen;
  std::set<size_t> entries;
  for (auto it = first; it != last; ++it) {
    entries.insert(it->second.first);
    if (!province_key.empty() && FoldKey(entries_[it->second.first].province) == province_key && !chosen) {
      chosen = it->second.first;
    }
  }
  // The document's province may be missing, or wrong where a ward bears the name of a former
  // province ("phường Hải Dương" read as the province Hải Dương): one candidate is enough.
  if (!chosen && entries.size() == 1) chosen = *entries.begin();
  if (!chosen) return r;
  const Entry& e = entries_[*chosen];
  r.known = true;
  r.listed = exact_.count({*chosen, SpellingKey(r.ward)}) > 0;
  r.ward = e.name;
  r.province = e.province;
  return r;
}

Result<CorpusRules> CorpusRules::Load(const std::string& dir) {
  CorpusRules rules;
  rules.rules_dir = dir.empty() ? DefaultRulesDir() : dir;
  const std::string& rules_dir = rules.rules_dir;
  Result<WardRegistry> wards = WardRegistry::Load(rules_dir + "/places/wards.txt");
  if (!wards.ok()) return wards.status();
  rules.wards = std::move(*wards);
  Result<AuditRules> audit = AuditRules::Load(rules_dir);
  if (!audit.ok()) return audit.status();
  rules.catalogue = audit->catalogue;
  rules.stocks.insert(audit->stocks.begin(), audit->stocks.end());
  corpus::LearnReadings(*audit, rules);
  for (const auto& [id, label] : rules.catalogue) {
    if (label.kind == "rank") rules.lower_is_better.insert(id);
  }
  std::string path = rules_dir + "/compare/direction.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kBadRules, path + ": cannot read the indicators' directions");
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    size_t hash = line.find('#');
    std::string id = internal::Trim(hash == std::string::npos ? line : line.substr(0, hash));
    if (id.empty()) continue;
    if (!rules.catalogue.empty() && !rules.catalogue.count(id)) {
      return Status(ErrorCode::kBadRules, path + ":" + std::to_string(line_no) + ": unknown indicator '" + id + "'");
    }
    rules.lower_is_better.insert(id);
  }
  return rules;
}

int CorpusRules::Direction(const std::string& indicator) const {
  return lower_is_better.count(indicator) ? -1 : 1;
}

}  // namespace baocao
