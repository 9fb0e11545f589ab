// What every command of the CLI shares: exit codes, option parsing, reading inputs, padding.
#include <unistd.h>

#include <iostream>

#include "cli.h"

namespace baocao::cli {

int ExitCodeFor(baocao::ErrorCode code) {
  using baocao::ErrorCode;
  switch (code) {
    case ErrorCode::kOk: return kExitOk;
    case ErrorCode::kUsage: return kExitUsage;
    case ErrorCode::kNotFound:
    case ErrorCode::kUnreadable: return kExitUnreadable;
    case ErrorCode::kEmpty:
    case ErrorCode::kTooLarge:
    case ErrorCode::kBinary:
    case ErrorCode::kInvalidEncoding:
    case ErrorCode::kCorrupt:
    case ErrorCode::kNoText:
    case ErrorCode::kTimeout: return kExitBadInput;
    case ErrorCode::kEncrypted: return kExitEncrypted;
    case ErrorCode::kStore: return kExitStore;
    case ErrorCode::kBadRules: return kExitRules;
    case ErrorCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

int Usage(const std::string& message) {
  std::cerr << "baocao: " << message << "\nTry 'baocao extract --help'.\n";
  return kExitUsage;
}

bool ParseSize(const std::string& s, size_t* out) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 18) return false;
  *out = std::stoull(s);
  return true;
}

int ParseCommonOption(const std::vector<std::string>& args, size_t& i, std::string& rules_dir,
                      baocao::ExtractOptions& options) {
  const std::string& a = args[i];
  auto value = [&](std::string* out) -> bool {
    if (i + 1 >= args.size()) return false;
    *out = args[++i];
    return true;
  };
  if (a == "--rules") return value(&rules_dir) ? kExitOk : Usage("--rules needs a folder");
  if (a == "--encoding") return value(&options.normalize.encoding) ? kExitOk : Usage("--encoding needs a name");
  if (a == "--lang") {
    bool ok = value(&options.audit.lang) && (options.audit.lang == "vi" || options.audit.lang == "en");
    return ok ? kExitOk : Usage("--lang needs vi or en");
  }
  if (a == "--max-bytes") {
    std::string v;
    return value(&v) && ParseSize(v, &options.max_bytes) ? kExitOk : Usage("--max-bytes needs a whole number of bytes");
  }
  return kNotCommon;
}

baocao::Result<std::string> ReadStdin(size_t max_bytes) {
  std::string bytes;
  char buf[1 << 16];
  ssize_t n;
  while ((n = ::read(0, buf, sizeof buf)) > 0) {
    bytes.append(buf, static_cast<size_t>(n));
    if (bytes.size() > max_bytes) return baocao::Status(baocao::ErrorCode::kTooLarge, "-: standard input exceeds the limit (--max-bytes)");
  }
  if (n < 0) return baocao::Status(baocao::ErrorCode::kUnreadable, "-: cannot read standard input");
  return bytes;
}

// Pads to a display width counted in code points, so Vietnamese text lines up.
std::string Pad(const std::string& s, size_t width) {
  size_t points = 0;
  for (unsigned char c : s) points += (c & 0xC0) != 0x80;
  return points >= width ? s : s + std::string(width - points, ' ');
}

std::string Clip(const std::string& s, size_t points) {
  size_t count = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == points) break;
  }
  return i < s.size() ? s.substr(0, i) + "…" : s;
}

}  // namespace baocao::cli
