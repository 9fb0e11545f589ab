#include "serve/auth.h"

#include <algorithm>
#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "baocao/serve/serve.h"
#include "core/strings.h"

namespace baocao {
namespace serve {
namespace {

std::array<unsigned char, 32> Digest(std::string_view s) {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

}  // namespace

TokenSet::TokenSet(const std::vector<std::string>& tokens) {
  for (const std::string& t : tokens) digests_.push_back(Digest(t));
}

bool TokenSet::Contains(std::string_view token) const {
  if (token.empty()) return false;
  std::array<unsigned char, 32> d = Digest(token);
  int found = 0;
  for (const auto& stored : digests_) found |= CRYPTO_memcmp(stored.data(), d.data(), d.size()) == 0;
  return found != 0;
}

std::string_view BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) return {};
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
  return token;
}

}  // namespace serve

Result<std::vector<std::string>> ReadTokenFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kNotFound, path + ": cannot open the token file");
  std::vector<std::string> tokens;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string token = internal::Trim(line);
    if (token.empty() || token[0] == '#') continue;
    for (char c : token) {
      if (c <= ' ' || c > '~') {
        return Status(ErrorCode::kUsage, path + ":" + std::to_string(number) + ": a token is visible ASCII without spaces");
      }
    }
    if (token.size() < 16) {
      return Status(ErrorCode::kUsage, path + ":" + std::to_string(number) + ": a token needs at least 16 characters");
    }
    tokens.push_back(std::move(token));
  }
  if (in.bad()) return Status(ErrorCode::kUnreadable, path + ": read error");
  if (tokens.empty()) return Status(ErrorCode::kUsage, path + ": no token in the file");
  return tokens;
}

Result<std::string> MakeToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return Status(ErrorCode::kInternal, "no random bytes for a token");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(hex[b >> 4]);
    out.push_back(hex[b & 15]);
  }
  return out;
}

bool IsLoopbackAddress(const std::string& bind) {
  if (bind == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, bind.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, bind.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

namespace serve {

bool LoopbackHost(const std::string& host) {
  std::string name = host;
  if (!name.empty() && name[0] == '[') {
    size_t close = name.find(']');
    name = close == std::string::npos ? "" : name.substr(1, close - 1);
  } else if (size_t colon = name.find(':'); colon != std::string::npos) {
    name = name.substr(0, colon);
  }
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return IsLoopbackAddress(name);
}

bool SameOriginOrNone(const std::string& origin, const std::string& host) {
  if (origin.empty()) return true;
  auto lower = [](std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  };
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin.size() > scheme.size() && lower(origin.substr(0, scheme.size())) == scheme) {
      return !host.empty() && lower(std::string_view(origin).substr(scheme.size())) == lower(host);
    }
  }
  return false;   // "null" (a sandboxed frame, a file: page) and anything else
}

}  // namespace serve
}  // namespace baocao
