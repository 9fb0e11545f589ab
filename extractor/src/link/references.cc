#include "baocao/link/references.h"

#include <algorithm>
#include <map>

#include "baocao/normalize/text.h"

namespace baocao {
namespace {

// Two spellings of one number/symbol share this key: case and white space do not matter.
std::string NumberKey(const std::string& number) { return FoldKey(number); }

bool IsBareNumber(const std::string& number) {
  return !number.empty() && std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "57-NQ/TW" starts with the bare number "57" followed by a separator.
bool Extends(const std::string& full, const std::string& bare) {
  return full.size() > bare.size() && full.compare(0, bare.size(), bare) == 0 &&
         (full[bare.size()] == '-' || full[bare.size()] == '/');
}

}  // namespace

std::vector<Reference> MergeReferences(const std::vector<Mention>& mentions) {
  std::vector<Reference> refs;
  std::map<std::string, size_t> by_key;
  std::vector<const Mention*> bare;
  for (const Mention& m : mentions) {
    if (m.type != MentionType::kReference) continue;
    // The document's own "Số: 43/BC-UBND" names the document itself (meta), not one it cites.
    if (m.rule_id == "reference.own_number") continue;
    // A draft's "Kế hoạch số   /KH-UBND": no number yet, nothing to find the document by.
    if (!m.iso.empty() && m.iso[0] == '/') continue;
    if (IsBareNumber(m.iso)) { bare.push_back(&m); continue; }
    std::string key = NumberKey(m.iso);
    auto it = by_key.find(key);
    if (it == by_key.end()) {
      by_key[key] = refs.size();
      refs.push_back({m.ref_kind, m.iso, m.ref_date, {}, {m.span}});
      continue;
    }
    Reference& ref = refs[it->second];
    // The first citation that carries a date is the full one: take its kind and date.
    if (ref.date.empty() && !m.ref_date.empty()) {
      ref.date = m.ref_date;
      ref.kind = m.ref_kind;
    }
    if (m.iso != ref.number && std::find(ref.variants.begin(), ref.variants.end(), m.iso) == ref.variants.end()) {
      ref.variants.push_back(m.iso);
    }
    ref.spans.push_back(m.span);
  }
  // Short forms join the one full reference of the same kind they abbreviate, if exactly one.
  for (const Mention* m : bare) {
    const std::string kind_key = FoldKey(m->ref_kind);
    Reference* target = nullptr;
    int candidates = 0;
    for (Reference& ref : refs) {
      if (Extends(ref.number, m->iso) && FoldKey(ref.kind) == kind_key) { target = &ref; ++candidates; }
    }
    if (candidates == 1) {
      std::string variant = m->ref_kind + " " + m->iso;
      if (std::find(target->variants.begin(), target->variants.end(), variant) == target->variants.end()) target->variants.push_back(variant);
      target->spans.push_back(m->span);
      continue;
    }
    // A short form with no "số" that abbreviates nothing cited in full is a name ("Đề án 06"),
    // not a citation: it stays a mention only.
    if (m->rule_id == "reference.short_form") continue;
    std::string key = kind_key + "#" + m->iso;
    auto it = by_key.find(key);
    if (it != by_key.end()) { refs[it->second].spans.push_back(m->span); continue; }
    by_key[key] = refs.size();
    refs.push_back({m->ref_kind, m->iso, m->ref_date, {}, {m->span}});
  }
  for (Reference& ref : refs) {
    std::sort(ref.spans.begin(), ref.spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  }
  std::stable_sort(refs.begin(), refs.end(), [](const Reference& a, const Reference& b) { return a.spans.front().start < b.spans.front().start; });
  return refs;
}

}  // namespace baocao
