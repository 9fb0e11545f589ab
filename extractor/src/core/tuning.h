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
// type, so a default set by name gives the same bits as the literal in the struct; a value the
// type cannot hold (a negative or fractional count) is refused, never wrapped.
#pragma once

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace baocao {

// Whether `value` is one a field of type T can hold as written: a whole number in range for an
// integer field (a count or byte limit is never -1 or 2.5), any finite number for a float.
template <class T>
bool TuningValueFits(double value) {
  if constexpr (std::is_integral_v<T>) {
    return value == std::trunc(value) && value >= static_cast<double>(std::numeric_limits<T>::min()) &&
           value <= static_cast<double>(std::numeric_limits<T>::max());
  } else {
    return std::isfinite(value);
  }
}

// Sets field `name` to `value`; false when there is no such field or the value does not fit it
// (HasTuningField tells the two apart).
template <class Tuning>
bool SetTuningField(Tuning& tuning, std::string_view name, double value) {
  bool set = false;
  tuning.ForEachField([&](std::string_view field, auto& slot) {
    using Slot = std::remove_reference_t<decltype(slot)>;
    if (field != name || !TuningValueFits<Slot>(value)) return;
    slot = static_cast<Slot>(value);
    set = true;
  });
  return set;
}

template <class Tuning>
bool HasTuningField(Tuning tuning, std::string_view name) {
  bool found = false;
  tuning.ForEachField([&](std::string_view field, auto&) { found = found || field == name; });
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
