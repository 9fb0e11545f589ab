// Tuning as data: the thresholds of a stage are the fields of one struct (ComposeTuning,
// OcrTuning, LayoutLimits ...), each with its default, its unit and why in a comment, passed in
// with the stage's options, so a value can be swept without a rebuild (`--tune
// compose.word_gap=0.15`, tools/evaluate --tune).
//
// A tuning struct lists its fields once, for setting and listing by name:
//
//   struct ComposeTuning {
//     float word_gap = 0.12f;   // line heights: a gap wider than this between two glyphs ...
//     template <class Visit> void ForEachField(Visit&& visit) { visit("word_gap", word_gap); }
//   };
//
//   ComposeTuning t;
//   if (!SetTuningField(t, "word_gap", 0.15)) ...;     // false: no such field
//
// Fields are arithmetic (float, double, int, size_t ...): a value is converted to the field's
// type, so a default set by name gives the same bits as the literal in the struct.
#pragma once

#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace baocao {

template <class Tuning>
bool SetTuningField(Tuning& tuning, std::string_view name, double value) {
  bool found = false;
  tuning.ForEachField([&](std::string_view field, auto& slot) {
    if (field != name) return;
    slot = static_cast<std::remove_reference_t<decltype(slot)>>(value);
    found = true;
  });
  return found;
}

// "name=value" for every field, in declaration order (for --tune list and the docs).
template <class Tuning>
std::vector<std::string> ListTuningFields(Tuning tuning) {
  std::vector<std::string> out;
  tuning.ForEachField([&](std::string_view field, auto& slot) {
    std::ostringstream value;   // shortest readable form: 0.12, not 0.120000
    value << +slot;
    out.push_back(std::string(field) + "=" + value.str());
  });
  return out;
}

}  // namespace baocao
