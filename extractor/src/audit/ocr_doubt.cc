// Flags on numbers read by OCR with doubt: warnings, not errors (baocao/audit/audit.h).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "audit/audit_impl.h"
#include "baocao/audit/audit.h"

namespace baocao {

namespace {

// An assessment flag whose value equals its target's bound rests on the comparison sign alone
// ("≥ 90%" met by 90%, "> 90%" not), and Tesseract reads "≥" as ">" (measured on the scans of
// tools/bench/ocr.sh): when a span of it was read by OCR, the sign may be the misreading.
bool RestsOnAComparatorOcrRead(const Flag& f) {
  if (f.kind != "assessment_mismatch" || !f.stated || !f.computed || std::fabs(*f.stated - *f.computed) > kBinaryNoise) return false;
  return std::any_of(f.evidence.begin(), f.evidence.end(), [](const Span& s) { return s.confidence.has_value(); });
}

}  // namespace

void DowngradeUncertainFlags(std::vector<Flag>& flags, const AuditOptions& options) {
  bool changed = false;
  for (Flag& f : flags) {
    if (f.severity != Severity::kError) continue;
    const Span* doubtful = nullptr;
    for (const Span& s : f.evidence) {
      if (s.uncertain) {
        doubtful = &s;
        break;
      }
    }
    if (doubtful) {
      constexpr size_t kConfidenceBuffer = 16;   // "0" to "100" and the terminator
      char confidence[kConfidenceBuffer] = "";
      if (doubtful->confidence) std::snprintf(confidence, sizeof confidence, "%.0f", *doubtful->confidence);
      if (options.lang == "en") {
        f.explanation += " The number «" + doubtful->text + "» was read by OCR with low confidence (" + confidence +
                         "/100): check it against the page before treating this as an error.";
      } else {
        f.explanation += " Số liệu «" + doubtful->text + "» được nhận dạng bằng OCR với độ tin cậy thấp (" + confidence +
                         "/100): cần đối chiếu với bản gốc trước khi kết luận là sai.";
      }
    } else if (RestsOnAComparatorOcrRead(f)) {
      if (options.lang == "en") {
        f.explanation += " The value equals the target, so the verdict rests on the comparison sign alone (≥ or >), "
                         "which OCR may misread: check it against the page before treating this as an error.";
      } else {
        f.explanation += " Giá trị bằng đúng chỉ tiêu nên kết luận chỉ phụ thuộc vào dấu so sánh (≥ hay >), mà OCR có "
                         "thể đọc nhầm: cần đối chiếu với bản gốc trước khi kết luận là sai.";
      }
    } else {
      continue;
    }
    f.severity = Severity::kWarning;
    changed = true;
  }
  if (!changed) return;
  std::stable_sort(flags.begin(), flags.end(),
                   [](const Flag& a, const Flag& b) { return a.severity < b.severity; });
}

}  // namespace baocao
