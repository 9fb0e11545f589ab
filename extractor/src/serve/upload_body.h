// Internal: an upload's body read off the connection (POST /api/documents, docs/SERVE.md): the
// file of a multipart/form-data field 'file', or the raw body, held to the size limit. Bytes
// past the limit are drained, not kept, up to `slack` more, so that a client which sends its
// whole body before it reads gets the answer; beyond that the connection is dropped.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <optional>
#include <string>

namespace baocao::serve {

// A refusal as the HTTP answer says it: status, error code, message.
struct HttpError {
  int status = 0;
  std::string code, message;
};

struct UploadBody {
  std::string bytes;           // the file; at most the limit
  std::string name;            // the client's file name (multipart filename, or ?name=)
  std::string declared_type;   // the part's (or the request's) Content-Type
};

// The file of `req`, or why there is none: 413 over `limit`, 415 a raw body of a refused
// Content-Type, 400 two files, no file, or a body that could not be read.
std::optional<UploadBody> ReadUploadBody(const httplib::Request& req, const httplib::ContentReader& reader,
                                         size_t limit, size_t slack, HttpError& error);

}  // namespace baocao::serve
