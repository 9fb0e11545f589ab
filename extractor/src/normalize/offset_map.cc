#include <algorithm>

#include "baocao/normalize/text.h"

namespace baocao {

void OffsetMap::Append(size_t in_begin, size_t in_step, size_t out_step, size_t count) {
  if (count == 0) return;
  if (out_step == 0) {  // a deletion leaves no output position to map
    in_end_ = in_begin + in_step * count;
    return;
  }
  if (!runs_.empty()) {
    Run& last = runs_.back();
    bool contiguous = last.in_begin + uint64_t(last.count) * last.in_step == in_begin &&
                      last.out_begin + uint64_t(last.count) * last.out_step == out_total_;
    if (contiguous && last.in_step == in_step && last.out_step == out_step &&
        uint64_t(last.count) + count < UINT32_MAX) {
      last.count += static_cast<uint32_t>(count);
      out_total_ += out_step * count;
      in_end_ = in_begin + in_step * count;
      return;
    }
  }
  runs_.push_back({out_total_, in_begin, static_cast<uint32_t>(count),
                   static_cast<uint32_t>(in_step), static_cast<uint32_t>(out_step)});
  out_total_ += out_step * count;
  in_end_ = in_begin + in_step * count;
}

void OffsetMap::Copy(size_t in_begin, size_t in_end) {
  if (in_end > in_begin) Append(in_begin, 1, 1, in_end - in_begin);
}

void OffsetMap::Replace(size_t in_begin, size_t in_end, size_t out_len) {
  size_t in_len = in_end - in_begin;
  if (out_len == 0) {
    Append(in_begin, in_len, 0, 1);
    return;
  }
  Append(in_begin, in_len, out_len, 1);
}

namespace {
template <typename Run>
const Run* FindRun(const std::vector<Run>& runs, size_t out_pos) {
  auto it = std::upper_bound(runs.begin(), runs.end(), out_pos,
                             [](size_t pos, const Run& run) { return pos < run.out_begin; });
  if (it == runs.begin()) return nullptr;
  return &*(it - 1);
}
}  // namespace

size_t OffsetMap::MapBegin(size_t out_pos) const {
  if (out_pos >= out_total_) return in_end_;
  const Run* run = FindRun(runs_, out_pos);
  if (run == nullptr) return 0;
  size_t offset = out_pos - run->out_begin;
  size_t unit = offset / run->out_step;
  size_t base = run->in_begin + unit * run->in_step;
  // Inside a copied unit positions map one to one; inside a replaced unit, to its start.
  if (run->in_step == run->out_step) return base + offset % run->out_step;
  return base;
}

size_t OffsetMap::MapEnd(size_t out_pos) const {
  if (out_pos == 0) return runs_.empty() ? 0 : runs_.front().in_begin;
  if (out_pos > out_total_) out_pos = out_total_;
  const Run* run = FindRun(runs_, out_pos - 1);
  if (run == nullptr) return 0;
  size_t offset = out_pos - 1 - run->out_begin;
  size_t unit = offset / run->out_step;
  size_t base = run->in_begin + unit * run->in_step;
  if (run->in_step == run->out_step) return base + offset % run->out_step + 1;
  return base + run->in_step;
}

}  // namespace baocao
