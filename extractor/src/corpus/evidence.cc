// Evidence lines for people (baocao/evidence.h).
#include "baocao/corpus/evidence.h"

#include <algorithm>

#include "core/strings.h"

namespace baocao {
namespace {

using internal::CharBoundaryAtOrAfter;
using internal::CharBoundaryAtOrBefore;

// Table cells are tab-separated in the source: shown as " | ".
std::string ShowTabs(const std::string& text) {
  std::string shown;
  for (char ch : text) {
    if (ch == '\t') shown += " | ";
    else shown.push_back(ch);
  }
  return shown;
}

// The line [begin, end) of `bytes` with each of `spans` between « », long stretches between
// them cut to kQuoteContext bytes on either side.
std::string QuoteLine(std::string_view bytes, size_t begin, size_t end, std::vector<std::pair<size_t, size_t>> spans) {
  std::sort(spans.begin(), spans.end());
  std::string out;
  size_t cursor = begin;
  for (size_t i = 0; i < spans.size(); ++i) {
    size_t s = std::max(spans[i].first, cursor), e = std::min(std::max(spans[i].second, s), end);
    size_t from = cursor;
    if (s - cursor > 2 * kQuoteContext && (i > 0 || s - begin > kQuoteContext)) {
      if (i > 0) out += bytes.substr(cursor, CharBoundaryAtOrBefore(bytes, cursor + kQuoteContext) - cursor);
      out += "…";
      from = CharBoundaryAtOrAfter(bytes, s - kQuoteContext);
    }
    out.append(bytes.substr(from, s - from)).append("«").append(bytes.substr(s, e - s)).append("»");
    cursor = e;
  }
  if (end - cursor > kQuoteContext) {
    out.append(bytes.substr(cursor, CharBoundaryAtOrBefore(bytes, cursor + kQuoteContext) - cursor)).append("…");
  } else {
    out += bytes.substr(cursor, end - cursor);
  }
  return ShowTabs(out);
}

}  // namespace

std::pair<size_t, size_t> LineAround(std::string_view bytes, size_t offset) {
  offset = std::min(offset, bytes.size());
  size_t begin = offset == 0 ? 0 : bytes.rfind('\n', offset - 1);
  begin = begin == std::string_view::npos ? 0 : (offset == 0 ? 0 : begin + 1);
  size_t end = bytes.find('\n', offset);
  if (end == std::string_view::npos) end = bytes.size();
  if (end > begin && bytes[end - 1] == '\r') --end;
  return {begin, end};
}

std::vector<EvidenceLine> QuoteEvidenceLines(const std::vector<Span>& evidence, std::string_view source,
                                             bool lines_readable) {
  std::vector<const Span*> spans;
  for (const Span& s : evidence) spans.push_back(&s);
  std::stable_sort(spans.begin(), spans.end(), [](auto* a, auto* b) { return a->start < b->start; });
  std::vector<EvidenceLine> lines;
  for (size_t i = 0; i < spans.size();) {
    const Span& s = *spans[i];
    EvidenceLine line{s.page, s.line, {}};
    if (lines_readable && !s.page && s.start <= source.size()) {
      auto [begin, end] = LineAround(source, s.start);
      std::vector<std::pair<size_t, size_t>> on_line;
      size_t j = i;
      for (; j < spans.size() && spans[j]->line == s.line && !spans[j]->page; ++j) on_line.push_back({spans[j]->start, spans[j]->end});
      line.quoted = QuoteLine(source, begin, end, on_line);
      i = j;
    } else {
      line.quoted = internal::Concat({"«", s.text, "»"});
      ++i;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string QuoteEvidence(const CorpusEvidence& e) {
  if (e.line_text.empty() || e.span.start < e.line_begin || e.span.end > e.line_begin + e.line_text.size()) {
    return internal::Concat({"«", e.span.text, "»"});
  }
  const std::string& line = e.line_text;
  size_t s = e.span.start - e.line_begin, t = e.span.end - e.line_begin;
  size_t from = s > kQuoteContext ? CharBoundaryAtOrBefore(line, s - kQuoteContext) : 0;
  size_t to = t + kQuoteContext < line.size() ? CharBoundaryAtOrBefore(line, t + kQuoteContext) : line.size();
  std::string out = internal::Concat({from > 0 ? "…" : "", std::string_view(line).substr(from, s - from), "«",
                                      std::string_view(line).substr(s, t - s), "»",
                                      std::string_view(line).substr(t, to - t), to < line.size() ? "…" : ""});
  return ShowTabs(out);
}

}  // namespace baocao
