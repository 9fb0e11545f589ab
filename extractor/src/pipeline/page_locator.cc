#include "pipeline/page_locator.h"

#include <algorithm>

namespace baocao::internal {

PageLocator::PageLocator(const std::vector<PdfPage>& pages, std::vector<size_t> starts, bool boxes)
    : pages_(pages), starts_(std::move(starts)), boxes_(boxes) {
  newlines_.resize(pages.size());
  for (size_t k = 0; k < pages.size(); ++k) {
    const std::string& t = pages[k].text;
    for (size_t i = t.find('\n'); i != std::string::npos; i = t.find('\n', i + 1)) newlines_[k].push_back(i);
  }
}

size_t PageLocator::PageOf(size_t start) const {
  size_t k = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), start) - starts_.begin());
  return k == 0 ? 0 : k - 1;
}

std::optional<std::array<double, 4>> PageLocator::CoverWords(size_t k, size_t begin, size_t end, Span& s) const {
  const std::vector<PdfWordBox>& words = pages_[k].words;
  // Words are in text order: the first that ends after `begin`, up to the first at `end`.
  auto it = std::upper_bound(words.begin(), words.end(), begin,
                             [](size_t pos, const PdfWordBox& w) { return pos < w.end; });
  std::array<double, 4> box{0, 0, 0, 0};
  bool any = false;
  for (; it != words.end() && it->begin < std::max(end, begin + 1); ++it) {
    if (!any) box = {it->x0, it->y0, it->x1, it->y1};
    box = {std::min<double>(box[0], it->x0), std::min<double>(box[1], it->y0), std::max<double>(box[2], it->x1),
           std::max<double>(box[3], it->y1)};
    any = true;
    if (it->confidence >= 0) s.confidence = std::min(s.confidence.value_or(100.0f), it->confidence);
    s.uncertain = s.uncertain || it->uncertain_number;
  }
  if (!any) return std::nullopt;
  return box;
}

void PageLocator::MarkDoubt(Span& s) const {
  size_t k = PageOf(s.start);
  size_t size = pages_[k].text.size();
  size_t begin = std::min(s.start - starts_[k], size);
  size_t end = std::clamp(s.end > starts_[k] ? s.end - starts_[k] : 0, begin, size);
  s.confidence.reset();
  s.uncertain = false;
  CoverWords(k, begin, end, s);
}

void PageLocator::Relocate(Span& s) const {
  size_t k = PageOf(s.start);
  const PdfPage& page = pages_[k];
  size_t size = page.text.size();
  size_t begin = std::min(s.start - starts_[k], size);
  size_t end = std::clamp(s.end > starts_[k] ? s.end - starts_[k] : 0, begin, size);
  s.start = begin;
  s.end = end;
  s.page = page.number;
  s.text = page.text.substr(begin, end - begin);
  const std::vector<size_t>& nl = newlines_[k];
  s.line = 1 + static_cast<int>(std::lower_bound(nl.begin(), nl.end(), begin) - nl.begin());
  s.bbox.reset();
  s.confidence.reset();
  s.uncertain = false;
  std::optional<std::array<double, 4>> box = CoverWords(k, begin, end, s);
  if (box && boxes_) s.bbox = box;
}

void PageLocator::Relocate(Extraction& x) const {
  ForEachSpan(x, [this](Span& s) { Relocate(s); });
}

}  // namespace baocao::internal
