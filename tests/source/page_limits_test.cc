// A page's content read before Poppler draws it (source/page_limits.h, issue 18): graphics-state
// saves counted as a content stream is tokenized, and limits that skip the page.
#include "source/page_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace baocao::pdf_internal {
namespace {

size_t DepthOf(const std::string& content) {
  ContentScan scan(PdfLimits{});
  scan.Feed(content);
  scan.EndStream();
  return scan.max_depth();
}

TEST(ContentScan, CountsNestedSavesAndTheirRestores) {
  struct Case {
    const char* content;
    size_t depth;
  } cases[] = {
      {"q q Q q Q Q", 2},
      {"q\nq\rq\tQQ Q", 3},                       // "QQ" is no operator
      {"/q q (q q q) Q", 1},                      // a name and a string are no saves
      {"q (a (nested) q \\) q) Q", 1},             // nested parentheses, an escaped one
      {"q <71 71> <<\n/A q>> Q", 2},              // a hex string; a dictionary's 'q' is an operator
      {"% q q q\nq Q", 1},                        // a comment
      {"q BI /W 1 /H 1 ID q q q EI Q", 1},        // inline image data
      {"BT (x) Tj ET", 0},
  };
  for (const Case& c : cases) EXPECT_EQ(DepthOf(c.content), c.depth) << c.content;
}

TEST(ContentScan, SavesNestedPastTheLimitAreTooDeep) {
  PdfLimits limits;
  limits.max_graphics_depth = 100;
  ContentScan scan(limits);
  std::string content;
  for (int i = 0; i < 1000; ++i) content += "q ";
  EXPECT_FALSE(scan.Feed(content));
  EXPECT_EQ(scan.verdict(), ContentScan::Verdict::kTooDeep);
}

TEST(ContentScan, ManySavesRestoredAreWithinTheLimit) {
  PdfLimits limits;
  limits.max_graphics_depth = 100;
  ContentScan scan(limits);
  std::string content;
  for (int i = 0; i < 1000; ++i) content += "q 1 0 0 1 0 0 cm Q\n";
  EXPECT_TRUE(scan.Feed(content));
  EXPECT_EQ(scan.verdict(), ContentScan::Verdict::kWithin);
}

TEST(ContentScan, ContentPastItsDecodedSizeIsTooLarge) {
  PdfLimits limits;
  limits.max_content_bytes = 10;
  ContentScan scan(limits);
  EXPECT_TRUE(scan.Feed("BT (x) "));
  EXPECT_FALSE(scan.Feed("Tj ET"));
  EXPECT_EQ(scan.verdict(), ContentScan::Verdict::kTooLarge);
}

TEST(MayRender, PageOrImageOverTheLimitIsNotRenderedAndSaysWhy) {
  PdfLimits limits;
  Pending a4;
  EXPECT_TRUE(MayRender(595, 842, 300, 2e6, limits, a4));
  EXPECT_TRUE(a4.over_limit.empty());
  Pending huge_page;
  huge_page.model.number = 2;
  EXPECT_FALSE(MayRender(200000, 200000, 300, 0, limits, huge_page));
  EXPECT_EQ(huge_page.over_limit, "ocr_page_too_large");
  EXPECT_NE(huge_page.ocr_error.find("page 2"), std::string::npos) << huge_page.ocr_error;
  Pending huge_image;
  EXPECT_FALSE(MayRender(595, 842, 300, 1e10, limits, huge_image));
  EXPECT_EQ(huge_image.over_limit, "image_too_large");
}

}  // namespace
}  // namespace baocao::pdf_internal
