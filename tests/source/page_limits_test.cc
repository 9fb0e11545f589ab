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

// A JBIG2 segment header (short forms: no referred-to segments, a 1-byte page association).
std::string Segment(uint32_t number, uint8_t type, const std::string& data) {
  std::string out;
  for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<char>(number >> shift));
  out.push_back(static_cast<char>(type));
  out.push_back(0);   // referred-to segments: none
  out.push_back(1);   // page 1
  for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<char>(data.size() >> shift));
  return out + data;
}

std::string Size(uint32_t width, uint32_t height) {
  std::string out;
  for (uint32_t v : {width, height}) {
    for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<char>(v >> shift));
  }
  return out;
}

TEST(Jbig2DeclaredPixels, TheLargestPageOrRegionItsSegmentsDeclare) {
  const std::string page = Segment(0, 48, Size(2480, 3508) + std::string(11, '\0'));
  const std::string region = Segment(1, 38, Size(40000, 40000) + std::string(9, '\0') + "data");
  EXPECT_DOUBLE_EQ(Jbig2DeclaredPixels(page), 2480.0 * 3508);
  EXPECT_DOUBLE_EQ(Jbig2DeclaredPixels(page + region), 40000.0 * 40000);
  // An end-of-stripe segment (50) and a region after it: headers are followed across data.
  EXPECT_DOUBLE_EQ(Jbig2DeclaredPixels(page + Segment(2, 50, "\0\0\0\1") + region), 40000.0 * 40000);
}

TEST(Jbig2DeclaredPixels, TruncatedOrForeignBytesDeclareNothingAndNeverReadPastTheEnd) {
  EXPECT_EQ(Jbig2DeclaredPixels(""), 0);
  EXPECT_EQ(Jbig2DeclaredPixels("not a jbig2 stream at all"), 0);
  const std::string page = Segment(0, 48, Size(1000, 1000) + std::string(11, '\0'));
  for (size_t cut = 0; cut < page.size(); ++cut) {
    const double pixels = Jbig2DeclaredPixels(page.substr(0, cut));
    EXPECT_TRUE(pixels == 0 || pixels == 1e6) << cut;
  }
  // A length that runs past the end stops the walk after what was read.
  std::string lying = page;
  lying[10] = static_cast<char>(0x7f);
  EXPECT_DOUBLE_EQ(Jbig2DeclaredPixels(lying + Segment(1, 38, Size(9, 9))), 1e6);
}

}  // namespace
}  // namespace baocao::pdf_internal
