#include "serve/proxy.h"

#include <string_view>

#include "baocao/serve/serve.h"
#include "core/strings.h"

namespace baocao::serve {

bool ViaLocalProxy(const httplib::Request& req) {
  return req.has_header("X-Forwarded-For") && IsLoopbackAddress(req.remote_addr);
}

std::string ClientAddress(const httplib::Request& req) {
  if (!ViaLocalProxy(req)) return req.remote_addr;
  std::string chain = req.get_header_value("X-Forwarded-For");
  size_t comma = chain.rfind(',');
  std::string last = internal::Trim(comma == std::string::npos ? std::string_view(chain) : std::string_view(chain).substr(comma + 1));
  return last.empty() ? req.remote_addr : last;
}

std::string ForwardedPrefix(const httplib::Request& req) {
  if (!ViaLocalProxy(req)) return "";
  std::string prefix = internal::Trim(req.get_header_value("X-Forwarded-Prefix"));
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (prefix.empty() || prefix.front() != '/' || prefix.size() > 200 || prefix.find("..") != std::string::npos ||
      prefix.find("//") != std::string::npos) {
    return "";
  }
  for (unsigned char c : prefix) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                 c == '-' || c == '_' || c == '.' || c == '~';
    if (!plain) return "";
  }
  return prefix;
}

std::string RequestHost(const httplib::Request& req) {
  if (ViaLocalProxy(req)) {
    std::string host = internal::Trim(req.get_header_value("X-Forwarded-Host"));
    if (size_t comma = host.find(','); comma != std::string::npos) host = internal::Trim(host.substr(0, comma));
    if (!host.empty()) return host;
  }
  return req.get_header_value("Host");
}

void PrefixLocation(const httplib::Request& req, httplib::Response& res) {
  std::string at = res.get_header_value("Location");
  if (at.empty() || at.front() != '/') return;
  std::string prefix = ForwardedPrefix(req);
  if (prefix.empty()) return;
  res.headers.erase("Location");   // set_header adds a second one
  res.set_header("Location", prefix + at);
}

}  // namespace baocao::serve
