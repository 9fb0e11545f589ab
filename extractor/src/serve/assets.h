// Internal: the web page's files (extractor/web/), compiled into the binary by the build
// (extractor/web/embed.cmake writes the table), so `baocao serve` needs no files at run time.
#pragma once

#include <cstddef>
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

}  // namespace baocao::serve
