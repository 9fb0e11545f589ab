// Internal: the small HTTP pieces `baocao serve`'s handlers share: JSON errors in the shape of
// docs/SERVE.md ({"error": {"code", "message"}}), the HTTP status of an engine or store error,
// and the query parameters every list takes.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "baocao/core/status.h"

namespace baocao::serve {

inline constexpr int64_t kMaxPageSize = 1000;   // the largest `limit` of a list

// The code and message of a bare status httplib answers itself (404 of no route, 400 of a
// malformed request), for the error handler.
const char* ReasonCode(int status);
const char* ReasonMessage(int status);

// JSON text, invalid UTF-8 replaced (document text reaches some answers).
std::string Dump(const nlohmann::json& j);
void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message);
// The HTTP status of an engine or store failure (kNotFound 404, kUsage 400, a refused file 415
// or 422, ...).
int HttpStatusFor(ErrorCode code);
void SendStatus(httplib::Response& res, const Status& status);

// A positive decimal id; nullopt for anything else.
std::optional<int64_t> ParseId(const std::string& s);
// A whole number from 0 (an index); nullopt for anything else.
std::optional<int64_t> ParseIndex(const std::string& s);
// A query parameter; nullopt when absent or empty.
std::optional<std::string> Param(const httplib::Request& req, const char* name);
// limit (1 to kMaxPageSize, default `default_limit`) and offset (from 0); false, with a 400 in
// `res`, when malformed.
bool PageParams(const httplib::Request& req, httplib::Response& res, int64_t default_limit, int64_t* limit,
                int64_t* offset);

// The "meta" object of an extraction's JSON text (docs/OUTPUT.md), null when it has none or is
// not JSON. Only "meta" is built: the rest is read and dropped as it is parsed, so answering an
// upload of a 50 MB paragraph does not build the tree of its 100 MB result (issue 18).
nlohmann::json MetaOf(const std::string& extraction_json);

// The request log (one line a request, on standard error unless --quiet): "serve: TIME METHOD
// PATH STATUS DURATION SIZE ADDRESS", e.g. "serve: 2026-12-08T00:41:07Z GET /api/status 200
// 0.4ms 512B 127.0.0.1", the time UTC, the duration since NoteRequestStart on this thread (the
// request's routing began), the size of the body sent; through a proxy on this machine the
// address is the client's and the proxy's, "203.0.113.7 via 127.0.0.1" (serve/proxy.h).
void NoteRequestStart();
std::string RequestLogLine(const httplib::Request& req, const httplib::Response& res);

}  // namespace baocao::serve
