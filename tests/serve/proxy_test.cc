// Issue 21: `baocao serve` behind a reverse proxy on this machine (serve/proxy.h): which
// forwarded headers are believed, the client's address in the request log, the sub-path a
// Location is given. nginx in front of a live server: tests/serve/proxy_nginx_test.py.
#include <gtest/gtest.h>

#include <string>

#include "serve/http_util.h"
#include "serve/proxy.h"

namespace baocao::serve {
namespace {

httplib::Request Request(const std::string& peer, std::initializer_list<std::pair<std::string, std::string>> headers) {
  httplib::Request req;
  req.method = "GET";
  req.path = "/api/status";
  req.remote_addr = peer;
  for (const auto& [name, value] : headers) req.headers.emplace(name, value);
  return req;
}

TEST(ViaLocalProxy, BelievesForwardedHeadersFromLoopbackPeersOnly) {
  struct Case {
    std::string peer;
    bool forwarded;
    bool proxied;
  };
  for (const Case& c : {Case{"127.0.0.1", true, true}, Case{"::1", true, true}, Case{"::ffff:127.0.0.1", true, true},
                        Case{"127.0.0.1", false, false}, Case{"192.0.2.10", true, false}, Case{"::ffff:192.0.2.10", true, false}}) {
    httplib::Request req = c.forwarded ? Request(c.peer, {{"X-Forwarded-For", "203.0.113.7"}}) : Request(c.peer, {});
    EXPECT_EQ(ViaLocalProxy(req), c.proxied) << c.peer << (c.forwarded ? " forwarded" : "");
  }
}

TEST(ClientAddress, IsTheAddressTheProxyAddedElseThePeer) {
  EXPECT_EQ(ClientAddress(Request("127.0.0.1", {{"X-Forwarded-For", "203.0.113.7"}})), "203.0.113.7");
  // The client may send its own X-Forwarded-For: the proxy's entry is the last one.
  EXPECT_EQ(ClientAddress(Request("127.0.0.1", {{"X-Forwarded-For", "10.9.9.9, 203.0.113.7 "}})), "203.0.113.7");
  EXPECT_EQ(ClientAddress(Request("192.0.2.10", {{"X-Forwarded-For", "203.0.113.7"}})), "192.0.2.10");
  EXPECT_EQ(ClientAddress(Request("127.0.0.1", {{"X-Forwarded-For", ""}})), "127.0.0.1");
}

TEST(ForwardedPrefix, TakesAPlainPathFromTheLocalProxyOnly) {
  struct Case {
    std::string header;
    std::string prefix;
  };
  for (const Case& c : {Case{"/baocao", "/baocao"}, Case{"/baocao/", "/baocao"}, Case{"/office/bao-cao_2", "/office/bao-cao_2"},
                        Case{"", ""}, Case{"/", ""}, Case{"baocao", ""}, Case{"/a/../b", ""}, Case{"//evil.example", ""},
                        Case{"/a b", ""}, Case{"/a\"><script>", ""}, Case{"https://evil.example/", ""}}) {
    EXPECT_EQ(ForwardedPrefix(Request("127.0.0.1", {{"X-Forwarded-For", "203.0.113.7"}, {"X-Forwarded-Prefix", c.header}})),
              c.prefix)
        << c.header;
  }
  EXPECT_EQ(ForwardedPrefix(Request("192.0.2.10", {{"X-Forwarded-For", "203.0.113.7"}, {"X-Forwarded-Prefix", "/baocao"}})), "");
}

TEST(RequestHost, IsTheForwardedHostOfAProxiedRequest) {
  EXPECT_EQ(RequestHost(Request("127.0.0.1", {{"X-Forwarded-For", "203.0.113.7"}, {"Host", "127.0.0.1:8080"},
                                              {"X-Forwarded-Host", "office.example"}})),
            "office.example");
  EXPECT_EQ(RequestHost(Request("127.0.0.1", {{"X-Forwarded-For", "203.0.113.7"}, {"Host", "127.0.0.1:8080"}})), "127.0.0.1:8080");
  EXPECT_EQ(RequestHost(Request("192.0.2.10", {{"X-Forwarded-For", "203.0.113.7"}, {"Host", "192.0.2.1:8080"},
                                               {"X-Forwarded-Host", "office.example"}})),
            "192.0.2.1:8080");
}

TEST(PrefixLocation, PutsTheSubPathBeforeAPathLocationOnce) {
  httplib::Request req = Request("127.0.0.1", {{"X-Forwarded-For", "203.0.113.7"}, {"X-Forwarded-Prefix", "/baocao"}});
  httplib::Response res;
  res.set_header("Location", "/api/documents/7");
  PrefixLocation(req, res);
  EXPECT_EQ(res.headers.count("Location"), 1u);
  EXPECT_EQ(res.get_header_value("Location"), "/baocao/api/documents/7");

  httplib::Response direct;
  direct.set_header("Location", "/api/documents/7");
  PrefixLocation(Request("127.0.0.1", {}), direct);
  EXPECT_EQ(direct.get_header_value("Location"), "/api/documents/7");
}

TEST(RequestLogLine, NamesTheClientAndTheProxyItCameThrough) {
  httplib::Request req = Request("127.0.0.1", {{"X-Forwarded-For", "203.0.113.7"}});
  httplib::Response res;
  res.status = 200;
  NoteRequestStart();
  const std::string line = RequestLogLine(req, res);
  const std::string end = "B 203.0.113.7 via 127.0.0.1";
  ASSERT_GT(line.size(), end.size()) << line;
  EXPECT_EQ(line.substr(line.size() - end.size()), end);
}

}  // namespace
}  // namespace baocao::serve
