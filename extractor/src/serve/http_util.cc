#include "serve/http_util.h"

#include <charconv>
#include <chrono>
#include <climits>
#include <cstdio>
#include <ctime>
#include <tuple>

#include "serve/proxy.h"

namespace baocao::serve {

using nlohmann::json;

const char* ReasonCode(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "too_large";
    case 415: return "unsupported_media_type";
    case 422: return "unprocessable";
    case 431: return "headers_too_large";
    case 503: return "busy";
    default: return status >= 500 ? "internal" : "error";
  }
}

const char* ReasonMessage(int status) {
  switch (status) {
    case 400: return "malformed request";
    case 401: return "a bearer token is needed";
    case 404: return "no such resource";
    case 405: return "method not allowed here";
    case 413: return "the request body is too large (--max-upload)";
    case 414: return "the request line is too long";
    case 415: return "not a text, PDF or Word (.docx) file";
    case 431: return "request headers too large";
    case 503: return "busy; try again in a moment";
    default: return status >= 500 ? "internal error" : "request refused";
  }
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  res.status = status;
  res.set_content(Dump({{"error", {{"code", code}, {"message", message}}}}), "application/json; charset=utf-8");
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kBinary:
    case ErrorCode::kUnsupported:
    case ErrorCode::kNeedsConverter:
    case ErrorCode::kInvalidEncoding: return 415;
    case ErrorCode::kExpansionLimit: return 413;
    case ErrorCode::kUnsafeXml:
    case ErrorCode::kEmpty:
    case ErrorCode::kCorrupt:
    case ErrorCode::kEncrypted:
    case ErrorCode::kNoText:
    case ErrorCode::kTimeout:
    case ErrorCode::kOverMemory:
    case ErrorCode::kCancelled: return 422;
    default: return 500;
  }
}

void SendStatus(httplib::Response& res, const Status& status) {
  SendError(res, HttpStatusFor(status.code()), ErrorCodeName(status.code()), status.message());
}

std::optional<int64_t> ParseId(const std::string& s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::optional<int64_t> ParseIndex(const std::string& s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

std::optional<std::string> Param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  std::string v = req.get_param_value(name);
  if (v.empty()) return std::nullopt;
  return v;
}

bool PageParams(const httplib::Request& req, httplib::Response& res, int64_t default_limit, int64_t* limit,
                int64_t* offset) {
  *limit = default_limit;
  *offset = 0;
  for (auto [name, out, max] : {std::tuple{"limit", limit, kMaxPageSize}, std::tuple{"offset", offset, INT64_MAX}}) {
    std::optional<std::string> v = Param(req, name);
    if (!v) continue;
    int64_t n = -1;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < 0 || n > max || (out == limit && n == 0)) {
      SendError(res, 400, "bad_request",
                std::string(name) + " must be a whole number" + (out == limit ? " from 1 to 1000" : " from 0"));
      return false;
    }
    *out = n;
  }
  return true;
}

namespace {
thread_local std::chrono::steady_clock::time_point request_start = std::chrono::steady_clock::now();
}  // namespace

void NoteRequestStart() { request_start = std::chrono::steady_clock::now(); }

std::string RequestLogLine(const httplib::Request& req, const httplib::Response& res) {
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, " %d %.1fms %zuB ", res.status, ms, res.body.size());
  std::string line = "serve: ";
  line += when;
  line += ' ';
  line += req.method;
  line += ' ';
  line += req.path;
  line += numbers;
  // Through a proxy on this machine: the client it names, then the proxy ("203.0.113.7 via
  // 127.0.0.1"); serve/proxy.h.
  line += ClientAddress(req);
  if (ViaLocalProxy(req)) line += " via " + req.remote_addr;
  return line;
}

nlohmann::json MetaOf(const std::string& extraction_json) {
  using nlohmann::json;
  bool in_meta = false;   // between the top-level key "meta" and the next top-level key
  json::parser_callback_t only_meta = [&in_meta](int depth, json::parse_event_t event, json& parsed) {
    if (depth == 0) return true;   // the top-level object itself
    if (depth == 1 && event == json::parse_event_t::key) in_meta = parsed == "meta";
    return in_meta;
  };
  json stored = json::parse(extraction_json, only_meta, /*allow_exceptions=*/false);
  if (!stored.is_object() || !stored.contains("meta")) return nullptr;
  return std::move(stored["meta"]);
}

}  // namespace baocao::serve
