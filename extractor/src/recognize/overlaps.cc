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

// Candidates sorted at once before the runs are merged: a run sorts in well under a tenth of a
// second, and the budget is asked between two merges.
constexpr size_t kSortRun = size_t(1) << 18;

// std::stable_sort, in runs merged pairwise with a budget check between two merges: one sort of
// a 64 MB paragraph's millions of candidates takes about a second and cannot be interrupted. A
// stable sort's order is unique, so the result is the same. False when the budget ran out.
template <typename Less>
bool StableSortWithin(std::vector<uint32_t>& v, Less less, const Budget& budget) {
  const size_t n = v.size();
  for (size_t b = 0; b < n; b += kSortRun) {
    if (budget.Exhausted()) return false;
    std::stable_sort(v.begin() + b, v.begin() + std::min(n, b + kSortRun), less);
  }
  for (size_t width = kSortRun; width < n; width *= 2) {
    for (size_t b = 0; b + width < n; b += 2 * width) {
      if (budget.Exhausted()) return false;
      std::inplace_merge(v.begin() + b, v.begin() + b + width, v.begin() + std::min(n, b + 2 * width), less);
    }
  }
  return true;
}

}  // namespace

std::vector<Mention> ChooseReadings(Found& found, const Budget& budget) {
  std::vector<Candidate>& candidates = found.candidates;
  std::deque<Mention>& readings = found.readings;
  // Indices are sorted rather than the candidates themselves, which are large.
  std::vector<uint32_t> order(candidates.size());
  std::iota(order.begin(), order.end(), uint32_t{0});
  auto precedes = [&candidates](uint32_t ia, uint32_t ib) { return Precedes(candidates[ia], candidates[ib]); };
  if (!StableSortWithin(order, precedes, budget)) return {};   // Recognize's caller reports it
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
