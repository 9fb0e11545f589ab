// Reading input files (baocao/source/read.h).
#include "baocao/source/read.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>

namespace baocao {

Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) {
    return Status(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kUnreadable,
                  path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status(ErrorCode::kUnreadable, path + ": is a directory");
  if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > max_bytes) {
    return Status(ErrorCode::kTooLarge, path + ": " + std::to_string(st.st_size) + " bytes exceeds the " +
                                            std::to_string(max_bytes) + "-byte limit (--max-bytes)");
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status(ErrorCode::kUnreadable, path + ": " + std::strerror(errno));
  std::string bytes;
  if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<size_t>(st.st_size));
  constexpr size_t kReadChunkBytes = size_t{1} << 16;   // one read: large enough to keep syscalls few
  char buf[kReadChunkBytes];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    bytes.append(buf, n);
    if (bytes.size() > max_bytes) {  // a pipe or a file that grew: stop before memory runs away
      std::fclose(f);
      return Status(ErrorCode::kTooLarge, path + ": more than the " + std::to_string(max_bytes) + "-byte limit (--max-bytes)");
    }
  }
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return Status(ErrorCode::kUnreadable, path + ": read error");
  return bytes;
}

bool LooksLikeRtf(std::string_view bytes) {
  constexpr std::string_view kRtfMagic = "{\\rtf";
  return bytes.substr(0, kRtfMagic.size()) == kRtfMagic;
}

bool LooksLikeOdt(std::string_view bytes) {
  // A zip local header is 30 bytes before its name; "mimetype" is 8, its stored content follows.
  constexpr size_t kLocalHeader = 30;
  constexpr std::string_view kName = "mimetype", kOdt = "application/vnd.oasis.opendocument.text";
  if (bytes.size() < kLocalHeader + kName.size() || bytes.substr(0, 4) != std::string_view("PK\3\4", 4)) return false;
  if (bytes.substr(kLocalHeader, kName.size()) != kName) return false;
  std::string_view type = bytes.substr(kLocalHeader + kName.size(), kOdt.size() + 1);
  // Exactly the text type: "...opendocument.text-template" and "...text-master" are others.
  return type.substr(0, kOdt.size()) == kOdt && (type.size() == kOdt.size() || type[kOdt.size()] == 'P');
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  constexpr int kNibbleBits = 4;
  constexpr unsigned kLowNibble = 0x0F;
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(hex[digest[i] >> kNibbleBits]);
    out.push_back(hex[digest[i] & kLowNibble]);
  }
  return out;
}

}  // namespace baocao
