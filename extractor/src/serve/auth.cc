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

TokenSet::TokenSet(const std::vector<std::string>& tokens, const std::vector<std::string>& names) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    digests_.push_back(Digest(tokens[i]));
    names_.push_back(i < names.size() && !names[i].empty() ? names[i] : "token " + std::to_string(i + 1));
  }
}

std::string TokenSet::NameOf(std::string_view token) const {
  if (token.empty()) return {};
  std::array<unsigned char, 32> d = Digest(token);
  size_t found = digests_.size();
  for (size_t i = 0; i < digests_.size(); ++i) {
    // Every stored token is compared, in constant time each, whatever was found before.
    if (CRYPTO_memcmp(digests_[i].data(), d.data(), d.size()) == 0) found = i;
  }
  return found < names_.size() ? names_[found] : std::string();
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

Result<std::vector<std::string>> ReadTokenFile(const std::string& path, std::vector<std::string>* names) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kNotFound, path + ": cannot open the token file");
  std::vector<std::string> tokens;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string text = internal::Trim(line);
    if (text.empty() || text[0] == '#') continue;
    const std::string where = path + ":" + std::to_string(number);
    // "TOKEN" or "NAME TOKEN": the name says who made a review mark with the token.
    std::istringstream fields(text);
    std::string first, second, extra;
    fields >> first >> second >> extra;
    if (!extra.empty()) return Status(ErrorCode::kUsage, where + ": a line is a token, or a name and a token");
    std::string token = second.empty() ? first : second;
    std::string name = second.empty() ? std::string() : first;
    for (char c : token + name) {
      if (c <= ' ' || c > '~') {
        return Status(ErrorCode::kUsage, where + ": a token (and its name) is visible ASCII without spaces");
      }
    }
    if (token.size() < 16) return Status(ErrorCode::kUsage, where + ": a token needs at least 16 characters");
    tokens.push_back(std::move(token));
    if (names) names->push_back(std::move(name));
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
  if (inet_pton(AF_INET6, bind.c_str(), &v6) == 1) {
    // "::ffff:127.0.0.1": an IPv4 peer as a socket bound to "::" names it.
    constexpr int kV4Offset = 12, kLoopbackNet = 127;
    return IN6_IS_ADDR_LOOPBACK(&v6) || (IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[kV4Offset] == kLoopbackNet);
  }
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
