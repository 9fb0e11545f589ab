#include "serve/health.h"

#include <filesystem>

#include "serve/http_util.h"

namespace baocao::serve {

void AnswerHealth(ReaderPool& readers, const std::string& db, httplib::Response& res) {
  auto unavailable = [&res](const Status& why) {
    res.status = 503;
    res.set_header("Retry-After", "5");
    res.set_content(Dump({{"status", "unavailable"}, {"error", why.message()}}), "application/json; charset=utf-8");
  };
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec)) {
    return unavailable(Status(ErrorCode::kUnreadable, "the store " + db + " is gone (deleted or moved while serving)"));
  }
  Result<ReaderPool::Lease> store = readers.Acquire();
  if (!store.ok()) return unavailable(store.status());
  Result<int64_t> count = (*store)->CountDocuments();
  if (!count.ok()) return unavailable(count.status());
  res.set_content(Dump({{"status", "ok"}, {"documents", *count}}), "application/json; charset=utf-8");
}

}  // namespace baocao::serve
