// Internal: the uploads a page follows while they are extracted, and may cancel (issue 19). The
// page names its upload (header X-Upload-Id: 16 to 64 of [A-Za-z0-9_-], random); while the
// upload is extracted, GET /api/uploads/{id} gives the pages read by OCR so far of the total, and
// DELETE /api/uploads/{id} cancels it: its extraction stops at its next budget check and the
// upload answers 422 "cancelled".
//
//   UploadWatches watches;
//   std::shared_ptr<ExtractWatch> w = watches.Begin(id);   // null: a malformed or taken id
//   ... pool.Extract(bytes, path, timeout, w) ...           // w->page, w->pages move meanwhile
//   watches.End(id);
//
// Thread-safe: every member may be called from any request thread.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "serve/extract_pool.h"

namespace baocao::serve {

inline constexpr size_t kMaxWatchedUploads = 4096;   // ids registered at once (more: not watched)

// Whether `id` is a well-formed upload id (see above).
bool IsUploadId(std::string_view id);

class UploadWatches {
 public:
  // Registers `id` until End(id); null (the upload is then not watched) when the id is
  // malformed, already registered, or too many are.
  std::shared_ptr<ExtractWatch> Begin(const std::string& id);
  void End(const std::string& id);
  // The watch of an upload being extracted; null when there is none.
  std::shared_ptr<ExtractWatch> Find(const std::string& id) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<ExtractWatch>, std::less<>> watches_;
};

}  // namespace baocao::serve
