// What a fact is a figure of, read across documents: whose (Fact::scope), of which kind
// (qualifiers) and over which stretch of time (basis), with the word lists the document audit
// reads them with (rules/audit/*.rel), so that the comparison and the corpus audit set only
// like against like.
#include <cctype>

#include "corpus/corpus_impl.h"

namespace baocao::corpus {
namespace {

// A bound ("tối thiểu", "phấn đấu", "ít nhất") belongs to a target's comparator, not to what
// is counted: "phấn đấu 80%" is a target for the same figure as a report's "đạt 82%".
constexpr std::string_view kBoundList = "qualifier_bound";

// Case-folded, punctuation as space, one space between words: "Các cơ quan,  đơn vị" and
// "các cơ quan, đơn vị" are one phrase, and a phrase is found in a name word by word.
std::string PhraseKey(std::string_view written) {
  std::string out;
  bool gap = false;
  for (char c : CaseFold(written)) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && !std::isalnum(byte)) {   // UTF-8 letters are bytes >= 0x80
      gap = !out.empty();
      continue;
    }
    if (gap) out.push_back(' ');
    gap = false;
    out.push_back(c);
  }
  return out;
}

bool IsReadingList(std::string_view list) {
  return list.starts_with("unit_") || list.starts_with("period_") || list.starts_with("qualifier_");
}

}  // namespace

void LearnReadings(const AuditRules& audit, CorpusRules& rules) {
  for (const auto& [list, phrases] : audit.written) {
    if (!IsReadingList(list)) continue;
    for (const std::string& phrase : phrases) rules.reading_lists.emplace(PhraseKey(phrase), list);
  }
  // As the document audit does: what an indicator's own name says is no qualifier of it
  // ("đúng hạn" of "Tỷ lệ hồ sơ giải quyết đúng hạn", "cấp cơ sở" of "Số sáng kiến cấp cơ sở").
  auto padded = [](std::string words) {   // whole words only: " trực tuyến " in " ... "
    words.insert(words.begin(), ' ');
    words.push_back(' ');
    return words;
  };
  for (const auto& [id, label] : audit.catalogue) {
    std::string name = padded(PhraseKey(label.vi));
    for (const auto& [phrase, list] : rules.reading_lists) {
      // A rank is a place among others: "đạt thứ 10 toàn thành phố" names the field it is
      // counted in, not another unit's figure (tools/gen-corpus plans write it so).
      bool field = label.kind == "rank" && list.starts_with("unit_");
      if (field || name.find(padded(phrase)) != std::string::npos) rules.owned_lists[id].insert(list);
    }
  }
}

std::optional<std::string> WardReading(const Fact& fact, const CorpusRules& rules) {
  auto owned = rules.owned_lists.find(fact.indicator);
  auto list_of = [&](const std::string& words) {
    auto it = rules.reading_lists.find(PhraseKey(words));
    return it == rules.reading_lists.end() ? std::string() : it->second;
  };
  auto owns = [&](const std::string& list) {
    return !list.empty() && owned != rules.owned_lists.end() && owned->second.count(list) > 0;
  };
  // Since July 2025 a ward is the commune level: in a ward's report "thủ tục thuộc thẩm quyền
  // của cấp xã" is its own figure. The plural ("các xã, phường") still names the others.
  static const std::string kOwnLevel = PhraseKey("cấp xã");
  bool own_level = PhraseKey(fact.scope) == kOwnLevel;
  if (!fact.scope.empty() && !own_level && !owns(list_of(fact.scope))) return std::nullopt;
  std::set<std::string> kinds;   // sorted: the order the words came in does not matter
  auto add = [&](const std::string& words) {
    if (words.empty()) return;
    std::string list = list_of(words);
    if (list == kBoundList || owns(list)) return;
    kinds.insert(list.empty() ? PhraseKey(words) : list);   // words no list knows stand for themselves
  };
  add(fact.basis);
  for (const std::string& q : fact.qualifiers) add(q);
  std::string key;
  for (const std::string& k : kinds) key += (key.empty() ? "" : ",") + k;
  return key;
}

}  // namespace baocao::corpus
