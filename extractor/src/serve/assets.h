// Internal: the web page's files (extractor/web/), compiled into the binary by the build
// (extractor/web/embed.cmake writes the table), so `baocao serve` needs no files at run time.
// The page names every file and API path relative to itself ("app.js", "api/status"), so it
// works unchanged at a proxy's sub-path (https://host/baocao/).
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace baocao::serve {

struct WebAsset {
  const char* name;           // "app.js"
  const char* content_type;   // "text/javascript; charset=utf-8"
  const unsigned char* data;
  size_t size;
};

extern const WebAsset kWebAssets[];
extern const size_t kWebAssetCount;

// Answers the asset `name` (an HTML page with its Content-Security-Policy), or 404 not_found.
void AnswerAsset(const std::string& name, httplib::Response& res);

}  // namespace baocao::serve
