#include "serve/upload_watch.h"

namespace baocao::serve {

namespace {
constexpr size_t kMinIdLength = 16;
constexpr size_t kMaxIdLength = 64;
}  // namespace

bool IsUploadId(std::string_view id) {
  if (id.size() < kMinIdLength || id.size() > kMaxIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::shared_ptr<ExtractWatch> UploadWatches::Begin(const std::string& id) {
  if (!IsUploadId(id)) return nullptr;
  std::lock_guard lock(mu_);
  if (watches_.size() >= kMaxWatchedUploads || watches_.count(id)) return nullptr;
  auto watch = std::make_shared<ExtractWatch>();
  watches_.emplace(id, watch);
  return watch;
}

void UploadWatches::End(const std::string& id) {
  std::lock_guard lock(mu_);
  watches_.erase(id);
}

std::shared_ptr<ExtractWatch> UploadWatches::Find(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = watches_.find(id);
  return it == watches_.end() ? nullptr : it->second;
}

}  // namespace baocao::serve
