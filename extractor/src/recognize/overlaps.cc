// Choosing between overlapping readings: the longest wins; between equal lengths, the rule with
// the higher priority. A priority of kOverridingPriority or more wins over any length.
#include <algorithm>
#include <numeric>

#include "recognize/rule_set_impl.h"

namespace baocao::recognize_internal {

namespace {

// A rule of this priority or more (web addresses, e-mail: rules/README.md) wins whatever the
// lengths.
constexpr int kOverridingPriority = 100;

// Whether `a` goes before `b` in the order readings are accepted.
bool Precedes(const Candidate& a, const Candidate& b) {
  size_t la = a.range.end - a.range.begin;
  size_t lb = b.range.end - b.range.begin;
  if (a.priority != b.priority && (a.priority >= kOverridingPriority || b.priority >= kOverridingPriority)) {
    return a.priority > b.priority;
  }
  if (la != lb) return la > lb;
  if (a.priority != b.priority) return a.priority > b.priority;
  return a.range.begin < b.range.begin;
}

}  // namespace

std::vector<Mention> ChooseReadings(Found& found, const Budget& budget) {
  std::vector<Candidate>& candidates = found.candidates;
  std::deque<Mention>& readings = found.readings;
  // Indices are sorted rather than the candidates themselves, which are large.
  std::vector<uint32_t> order(candidates.size());
  std::iota(order.begin(), order.end(), uint32_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&candidates](uint32_t ia, uint32_t ib) { return Precedes(candidates[ia], candidates[ib]); });
  std::map<size_t, size_t> taken;  // begin -> end of accepted ranges
  std::vector<uint32_t> kept;      // accepted readings, in the order they won
  BudgetTicker ticker(budget);
  for (uint32_t i : order) {
    if (ticker.Exhausted()) return {};   // Recognize's caller reports the budget's error
    const Candidate& c = candidates[i];
    TextRange r = c.range;
    auto next = taken.lower_bound(r.begin);
    if (next != taken.end() && next->first < r.end) continue;
    if (next != taken.begin() && std::prev(next)->second > r.begin) continue;
    taken[r.begin] = r.end;
    if (c.reading != kSkipped) kept.push_back(c.reading);
  }
  std::vector<Mention> accepted;
  accepted.reserve(kept.size());
  for (uint32_t k : kept) accepted.push_back(std::move(readings[k]));
  std::deque<Mention>().swap(readings);
  std::sort(accepted.begin(), accepted.end(), [](const Mention& a, const Mention& b) {
    return a.span.normalized.begin < b.span.normalized.begin;
  });
  return accepted;
}

}  // namespace baocao::recognize_internal
