// Internal: who may do what. Tokens are compared in constant time (by their SHA-256, so neither
// the content nor the length of a stored token leaks through timing).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace baocao::serve {

class TokenSet {
 public:
  TokenSet() = default;
  // `names[i]` names tokens[i] (ReadTokenFile's "NAME TOKEN" lines); missing or empty: "token N",
  // N counting from 1.
  explicit TokenSet(const std::vector<std::string>& tokens, const std::vector<std::string>& names = {});
  bool empty() const { return digests_.empty(); }
  // True when `token` is one of the set; looks at every stored token whatever the answer.
  bool Contains(std::string_view token) const { return !NameOf(token).empty(); }
  // The name of `token` (who made a review mark), empty when it is not one of the set; looks at
  // every stored token whatever the answer.
  std::string NameOf(std::string_view token) const;

 private:
  std::vector<std::array<unsigned char, 32>> digests_;
  std::vector<std::string> names_;
};

// The token of an "Authorization: Bearer TOKEN" header value; empty when it is not one.
std::string_view BearerToken(std::string_view authorization);

// Whether a Host header ("127.0.0.1:8080", "[::1]:8080", "localhost") names a loopback address.
bool LoopbackHost(const std::string& host);

// Whether a request may start work, judged by its Origin header: true when there is none (curl,
// scripts) or when it names the host the request was sent to ("http://127.0.0.1:8080" with
// Host "127.0.0.1:8080"), as the web page's own requests do. A page of another origin that
// posts (a form, a no-cors fetch) is refused before anything is read or run.
bool SameOriginOrNone(const std::string& origin, const std::string& host);

}  // namespace baocao::serve
