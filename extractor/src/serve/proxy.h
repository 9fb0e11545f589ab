// Internal: a request that came through a reverse proxy on this machine (nginx in front of
// `baocao serve` at a sub-path, docs/SERVE.md "Behind a reverse proxy").
//
// Only a proxy on this machine is trusted: a request's X-Forwarded-* headers are read when its
// peer is a loopback address, and ignored otherwise (anyone can send them). A proxied request
// counts as a remote one: its reads need a token, as with a non-loopback --bind.
//
//   peer 127.0.0.1, X-Forwarded-For: 203.0.113.7, X-Forwarded-Prefix: /baocao
//     ViaLocalProxy -> true, ClientAddress -> "203.0.113.7", ForwardedPrefix -> "/baocao"
//   peer 198.51.100.2 with the same headers
//     ViaLocalProxy -> false, ClientAddress -> "198.51.100.2", ForwardedPrefix -> ""
//
// Pure functions of the request; thread-safe.
#pragma once

#include <httplib.h>

#include <string>

namespace baocao::serve {

// True when the peer is a loopback address and the request carries X-Forwarded-For.
bool ViaLocalProxy(const httplib::Request& req);
// The client's address: for a proxied request the last X-Forwarded-For entry (the one the
// proxy added), else the peer's address.
std::string ClientAddress(const httplib::Request& req);
// The sub-path the proxy serves this server at ("/baocao", never a trailing '/'), from
// X-Forwarded-Prefix of a proxied request; "" when there is none or it is not a plain path
// (letters, digits, '/', '-', '_', '.', '~'; no "..").
std::string ForwardedPrefix(const httplib::Request& req);
// The origin the client sent the request to, for comparing with its Origin header:
// "host:port" of X-Forwarded-Host of a proxied request, else the Host header.
std::string RequestHost(const httplib::Request& req);
// A Location header that is a path ("/api/documents/7") gets ForwardedPrefix in front of it.
void PrefixLocation(const httplib::Request& req, httplib::Response& res);

}  // namespace baocao::serve
