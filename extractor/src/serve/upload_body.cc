#include "serve/upload_body.h"

#include <algorithm>
#include <cctype>

namespace baocao::serve {
namespace {

// What has been read so far, and whether the file outgrew the limit.
struct Received {
  UploadBody body;
  size_t bytes = 0;   // every byte of the body, kept or drained
  size_t files = 0;
  bool too_large = false;
  bool extra_file = false;

  // Keeps `n` bytes of the file, or drops the whole file once it exceeds `limit`.
  bool Keep(const char* data, size_t n, size_t limit) {
    if (body.bytes.size() + n > limit) {
      too_large = true;
      std::string().swap(body.bytes);
      return true;
    }
    body.bytes.append(data, n);
    return true;
  }
};

bool ReadMultipart(const httplib::ContentReader& reader, size_t limit, size_t slack, Received& r) {
  bool in_file = false;
  return reader(
      [&](const httplib::MultipartFormData& part) {
        in_file = part.name == "file";
        if (in_file && ++r.files > 1) {
          r.extra_file = true;
          return false;
        }
        if (in_file) {
          r.body.name = part.filename;
          r.body.declared_type = part.content_type;
        }
        return true;
      },
      [&](const char* data, size_t n) {
        r.bytes += n;
        // Past the limit the rest is drained, not kept (a chunked body has no Content-Length
        // that the pre-routing check could refuse).
        if (r.too_large || !in_file) return r.bytes <= limit + slack;
        return r.Keep(data, n, limit);
      });
}

// The raw body; `refused_type` set when its Content-Type is neither text, PDF nor bytes.
bool ReadRaw(const httplib::Request& req, const httplib::ContentReader& reader, size_t limit, size_t slack, Received& r,
             std::string& refused_type) {
  r.body.declared_type = req.get_header_value("Content-Type");
  std::string type = r.body.declared_type.substr(0, r.body.declared_type.find(';'));
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool refused = !type.empty() && type.rfind("text/", 0) != 0 && type != "application/pdf" && type != "application/octet-stream";
  if (refused) refused_type = type;
  if (req.has_param("name")) r.body.name = req.get_param_value("name");
  r.files = 1;
  return reader([&](const char* data, size_t n) {
    r.bytes += n;
    if (r.too_large || refused) return r.bytes <= limit + slack;   // drained, not kept
    return r.Keep(data, n, limit);
  });
}

}  // namespace

std::optional<UploadBody> ReadUploadBody(const httplib::Request& req, const httplib::ContentReader& reader,
                                         size_t limit, size_t slack, HttpError& error) {
  Received r;
  std::string refused_type;
  bool read_ok = req.is_multipart_form_data() ? ReadMultipart(reader, limit, slack, r)
                                              : ReadRaw(req, reader, limit, slack, r, refused_type);
  if (!refused_type.empty() && read_ok) {
    error = {415, "unsupported_media_type",
             "send a text or PDF file, as multipart/form-data (field 'file') or as the raw body (text/plain, "
             "application/pdf, application/octet-stream); not " + refused_type};
  } else if (r.too_large || (!read_ok && r.bytes > limit)) {
    error = {413, "too_large", "the file exceeds the " + std::to_string(limit) + "-byte limit (--max-upload)"};
  } else if (r.extra_file) {
    error = {400, "bad_request", "one file per request (one 'file' field)"};
  } else if (!read_ok) {
    error = {400, "bad_request", "the request body could not be read (a broken multipart form or connection)"};
  } else if (r.files == 0) {
    error = {400, "bad_request", "no file: send it in a multipart/form-data field named 'file'"};
  } else {
    return std::move(r.body);
  }
  return std::nullopt;
}

}  // namespace baocao::serve
