#include "baocao/core/status.h"

#include "baocao/core/document.h"

namespace baocao {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kUsage: return "usage";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kUnreadable: return "unreadable";
    case ErrorCode::kEmpty: return "empty";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kBinary: return "binary";
    case ErrorCode::kInvalidEncoding: return "invalid_encoding";
    case ErrorCode::kBadRules: return "bad_rules";
    case ErrorCode::kCorrupt: return "corrupt";
    case ErrorCode::kEncrypted: return "encrypted";
    case ErrorCode::kNoText: return "no_text";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kOverMemory: return "over_memory";
    case ErrorCode::kCancelled: return "cancelled";
    case ErrorCode::kStore: return "store";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kNeedsConverter: return "needs_converter";
    case ErrorCode::kExpansionLimit: return "expansion_limit";
    case ErrorCode::kUnsafeXml: return "unsafe_xml";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(ErrorCodeName(code_)) + ": " + message_;
}

const char* MentionTypeName(MentionType type) {
  switch (type) {
    case MentionType::kNumber: return "number";
    case MentionType::kPercent: return "percent";
    case MentionType::kMoney: return "money";
    case MentionType::kCount: return "count";
    case MentionType::kFraction: return "fraction";
    case MentionType::kDate: return "date";
    case MentionType::kPeriod: return "period";
    case MentionType::kReference: return "reference";
  }
  return "number";
}

}  // namespace baocao
