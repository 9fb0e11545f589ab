// Errors as values: every fallible function of the public API returns a Status or a
// Result<T>. No exception crosses a public header.
//
//   baocao::Result<std::string> bytes = baocao::ReadFileBytes("a.txt", 1 << 20);
//   if (!bytes.ok()) {   // "not_found: a.txt: No such file or directory"
//     std::cerr << bytes.status().ToString() << "\n";
//     return bytes.status().code() == baocao::ErrorCode::kNotFound ? 3 : 4;
//   }
//
// Both classes are [[nodiscard]]: a Status or Result left unread is a compile warning; discard
// one on purpose with (void) and a comment saying why.
//
// Thread safety: plain values, safe to copy and move between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace baocao {

enum class ErrorCode {
  kOk = 0,
  kUsage,           // the caller asked for something malformed (bad option, bad argument)
  kNotFound,        // the input file does not exist
  kUnreadable,      // the input exists but could not be read (permissions, I/O error)
  kEmpty,           // the input has no bytes, or only white space
  kTooLarge,        // the input exceeds the configured size limit
  kBinary,          // the input is not text (NUL bytes, control bytes) and not a known format
  kInvalidEncoding, // the input is text in no encoding we can decode (invalid UTF-8 ...)
  kBadRules,        // a rule file failed to load (syntax, bad RE2 pattern): names file:line
  kCorrupt,         // a structured input (PDF) is damaged beyond repair: truncated, bad xref
  kEncrypted,       // a PDF needs a password that was not given (or was wrong)
  kNoText,          // a PDF has pages but no text layer on any of them (a scan)
  kTimeout,         // extraction took longer than the configured limit (--max-seconds, --extract-timeout)
  kOverMemory,      // extraction stopped: the process's resident memory passed --max-memory
  kCancelled,       // extraction stopped by its caller (Budget's cancel flag: a request gone)
  kStore,           // the SQLite store (or an export target) failed: names the database
  kUnsupported,     // a container this engine knows holding no document it reads (a zip without
                    // word/document.xml: an .xlsx, a .pptx, a plain archive)
  kNeedsConverter,  // a format read only through LibreOffice (a Word 97-2003 .doc, another OLE2
                    // file), and LibreOffice is not installed: names the package
  kExpansionLimit,  // a compressed part expands beyond the limit (a zip bomb), or the XML nests
                    // deeper or holds more elements than the reader takes
  kUnsafeXml,       // XML that declares a DOCTYPE or entities: refused unread, never expanded
                    // (billion laughs, external entities)
  kInternal,        // a bug: an invariant of the engine did not hold
};

// Stable lowercase name of a code, used in logs and JSON error objects ("too_large").
const char* ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "too_large: corpus/x.txt: 1073741824 bytes exceeds the 268435456-byte limit"
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace baocao
