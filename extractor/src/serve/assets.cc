#include "serve/assets.h"

#include "serve/http_util.h"

namespace baocao::serve {

void AnswerAsset(const std::string& name, httplib::Response& res) {
  for (size_t i = 0; i < kWebAssetCount; ++i) {
    const WebAsset& a = kWebAssets[i];
    if (name != a.name) continue;
    res.set_content(reinterpret_cast<const char*>(a.data), a.size, a.content_type);
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".html") == 0) {
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                     "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }
    return;
  }
  SendError(res, 404, "not_found", "no such page");
}

}  // namespace baocao::serve
