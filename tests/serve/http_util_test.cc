// The small HTTP pieces of `baocao serve` that need no server: the request log line (issue 19:
// time, method, path, status, duration and size) and the names pdf.js is served under.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "serve/http_util.h"
#include "serve/upload_watch.h"
#include "serve/vendor_files.h"

namespace baocao::serve {
namespace {

TEST(RequestLogLine, CarriesTimeMethodPathStatusDurationSizeAndAddress) {
  httplib::Request req;
  req.method = "GET";
  req.path = "/api/status";
  req.remote_addr = "127.0.0.1";
  httplib::Response res;
  res.status = 200;
  res.body = std::string(512, 'x');
  NoteRequestStart();
  const std::string line = RequestLogLine(req, res);
  EXPECT_TRUE(std::regex_match(
      line, std::regex(R"(serve: 20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ GET /api/status 200 \d+\.\dms 512B 127\.0\.0\.1)")))
      << line;
}

TEST(MetaOf, BuildsOnlyTheMetaOfAnExtraction) {
  const std::string extraction =
      R"({"document": {"path": "a.txt"}, "meta": {"kind": "report", "ward": "Chí Linh", "refs": [1, {"x": 2}]},)"
      R"( "facts": [{"value": 1}, {"value": 2}], "flags": []})";
  EXPECT_EQ(MetaOf(extraction), nlohmann::json::parse(R"({"kind": "report", "ward": "Chí Linh", "refs": [1, {"x": 2}]})"));
  EXPECT_TRUE(MetaOf(R"({"document": {}, "facts": []})").is_null());
  EXPECT_TRUE(MetaOf("not json").is_null());
  EXPECT_TRUE(MetaOf(R"({"meta": {"kind": "plan"}, "facts": [)").is_null());   // truncated: nothing half-read
}

TEST(VendorFiles, ServesOnlyNamesUnderPdfjsFoldersOfSafeCharacters) {
  for (const char* ok : {"build/pdf.js", "build/pdf.worker.js", "web/cmaps/78-H.bcmap", "web/standard_fonts/FoxitSans.pfb"}) {
    EXPECT_TRUE(IsServedVendorName(ok)) << ok;
  }
  for (const char* refused : {"build/../../etc/passwd", "build/.hidden", "web/viewer.js", "build/sub/pdf.js", "build/",
                              "/etc/passwd", "build/pdf js", "web/cmaps/..", "../pdf/build/pdf.js"}) {
    EXPECT_FALSE(IsServedVendorName(refused)) << refused;
  }
  EXPECT_EQ(ReadVendorFile("/nonexistent-root", "build/pdf.js").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ReadVendorFile("", "build/pdf.js").status().code(), ErrorCode::kNotFound);
}

TEST(UploadWatches, TakesWellFormedIdsOnceAndForgetsThemAtTheEnd) {
  UploadWatches watches;
  EXPECT_EQ(watches.Begin("short"), nullptr);
  EXPECT_EQ(watches.Begin("has a space in it, so no"), nullptr);
  std::shared_ptr<ExtractWatch> w = watches.Begin("0123456789abcdef");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(watches.Begin("0123456789abcdef"), nullptr);   // taken
  EXPECT_EQ(watches.Find("0123456789abcdef"), w);
  watches.End("0123456789abcdef");
  EXPECT_EQ(watches.Find("0123456789abcdef"), nullptr);
}

}  // namespace
}  // namespace baocao::serve
