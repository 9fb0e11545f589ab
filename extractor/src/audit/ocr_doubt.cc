// Flags on numbers read by OCR with doubt: warnings, not errors (baocao/audit.h).
#include <algorithm>
#include <cstdio>

#include "baocao/audit.h"

namespace baocao {

void DowngradeUncertainFlags(std::vector<Flag>& flags, const AuditOptions& options) {
  bool changed = false;
  for (Flag& f : flags) {
    if (f.severity != "error") continue;
    const Span* doubtful = nullptr;
    for (const Span& s : f.evidence) {
      if (s.uncertain) {
        doubtful = &s;
        break;
      }
    }
    if (!doubtful) continue;
    char confidence[16] = "";
    if (doubtful->confidence) std::snprintf(confidence, sizeof confidence, "%.0f", *doubtful->confidence);
    f.severity = "warning";
    if (options.lang == "en") {
      f.explanation += " The number «" + doubtful->text + "» was read by OCR with low confidence (" + confidence +
                       "/100): check it against the page before treating this as an error.";
    } else {
      f.explanation += " Số liệu «" + doubtful->text + "» được nhận dạng bằng OCR với độ tin cậy thấp (" + confidence +
                       "/100): cần đối chiếu với bản gốc trước khi kết luận là sai.";
    }
    changed = true;
  }
  if (!changed) return;
  std::stable_sort(flags.begin(), flags.end(),
                   [](const Flag& a, const Flag& b) { return SeverityRank(a.severity) < SeverityRank(b.severity); });
}

}  // namespace baocao
