// What every command of the CLI shares: exit codes, option parsing, reading inputs, padding.
#include <unistd.h>

#include <cstdlib>
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
    case ErrorCode::kUnsupported:
    case ErrorCode::kExpansionLimit:
    case ErrorCode::kUnsafeXml: return kExitBadInput;
    case ErrorCode::kNeedsConverter: return kExitConverter;
    case ErrorCode::kTimeout:
    case ErrorCode::kOverMemory:
    case ErrorCode::kCancelled: return kExitBudget;
    case ErrorCode::kEncrypted: return kExitEncrypted;
    case ErrorCode::kStore: return kExitStore;
    case ErrorCode::kBadRules: return kExitRules;
    case ErrorCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

namespace {
std::string usage_command = "extract";   // the CLI runs one command a process
}  // namespace

void SetUsageCommand(const std::string& command) { usage_command = command; }

int Usage(const std::string& message) {
  std::cerr << "baocao: " << message << "\nTry 'baocao " << usage_command << (usage_command.empty() ? "" : " ") << "--help'.\n";
  return kExitUsage;
}

bool ParseSize(const std::string& s, size_t* out) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 18) return false;
  *out = std::stoull(s);
  return true;
}

// "50M" -> 52428800. K, M, G are powers of 1024.
bool ParseBytes(const std::string& s, size_t* out) {
  if (s.empty()) return false;
  size_t scale = 1;
  std::string digits = s;
  switch (s.back()) {
    case 'K': case 'k': scale = size_t(1) << 10; break;
    case 'M': case 'm': scale = size_t(1) << 20; break;
    case 'G': case 'g': scale = size_t(1) << 30; break;
    default: break;
  }
  if (scale != 1) digits.pop_back();
  size_t n = 0;
  if (!ParseSize(digits, &n) || n == 0 || n > (size_t(1) << 40) / scale) return false;
  *out = n * scale;
  return true;
}

// Seconds, whole or not: a --max-seconds value (0: no limit).
bool ParseBudgetSeconds(const std::string& s, double* out) {
  constexpr double kMaxSeconds = 7 * 24 * 3600;   // a week: beyond it, a typo
  char* end = nullptr;
  double v = s.empty() ? -1 : std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !(v >= 0) || v > kMaxSeconds) return false;
  *out = v;
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
  if (a == "--max-seconds") {
    std::string v;
    bool ok = value(&v) && ParseBudgetSeconds(v, &options.limits.max_seconds);
    return ok ? kExitOk : Usage("--max-seconds needs a number of seconds (0: no limit)");
  }
  if (a == "--max-memory") {
    std::string v;
    bool ok = value(&v) && (v == "0" ? (options.limits.max_memory = 0, true) : ParseBytes(v, &options.limits.max_memory));
    return ok ? kExitOk : Usage("--max-memory needs bytes, or a number with K, M or G (0: no limit)");
  }
  if (a == "--tune") {
    std::string v;
    if (!value(&v)) return Usage("--tune needs stage.field=value (baocao --tune list)");
    baocao::Status set = baocao::SetTuning(options, v);
    return set.ok() ? kExitOk : Usage(set.message());
  }
  // PDF input.
  if (a == "--password") return value(&options.pdf.password) ? kExitOk : Usage("--password needs the PDF's password");
  if (a == "-q" || a == "--quiet") {   // errors are still printed
    options.pdf.ocr.progress = nullptr;
    return kExitOk;
  }
  if (a == "--bbox") {
    options.pdf.word_boxes = true;
    return kExitOk;
  }
  if (a == "--ocr") {
    std::string v;
    bool ok = value(&v) && ParseOcrMode(v, &options.pdf.ocr.mode);
    return ok ? kExitOk : Usage("--ocr needs auto, always or never");
  }
  if (a == "--max-pages") {
    std::string v;
    size_t pages = 0;
    bool ok = value(&v) && ParseSize(v, &pages) && pages >= 1 && pages <= 10000000;
    if (ok) options.pdf.max_pages = static_cast<int>(pages);
    return ok ? kExitOk : Usage("--max-pages needs a whole number of pages");
  }
  return kNotCommon;
}

baocao::ExtractOptions DefaultExtractOptions() {
  baocao::ExtractOptions options;
  options.pdf.ocr.mode = baocao::OcrMode::kAuto;
  if (const char* env = std::getenv("BAOCAO_OCR"); env && *env && !ParseOcrMode(env, &options.pdf.ocr.mode)) {
    std::cerr << "baocao: BAOCAO_OCR=" << env << " is not auto, always or never; using auto\n";
  }
  if (::isatty(2)) {
    options.pdf.ocr.progress = [](int page, int pages) {
      if (pages >= 4) std::cerr << "baocao: OCR page " << page << " of " << pages << "\n";
    };
  }
  return options;
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
