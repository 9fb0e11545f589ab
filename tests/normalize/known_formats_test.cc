// Refusals name the format (issue 19): a file handed in by mistake is called what it is.
#include "normalize/known_formats.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "baocao/normalize/text.h"

namespace baocao::normalize_internal {
namespace {

using namespace std::string_literals;

TEST(KnownBinaryFormat, NamesWhatArchivesAndPhonesHoldBesideReports) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"GIF89a\x01\x00\x01\x00\x00\x00"s, "a GIF image"},
      {"\x1f\x8b\x08\x00\x00\x00\x00\x00"s, "a gzip archive"},
      {"Rar!\x1a\x07\x01\x00"s, "a RAR archive"},
      {"\x00\x00\x00\x18" "ftypheic\x00\x00"s, "a HEIC photograph (as iPhones save them; save it as JPEG)"},
      {"\x00\x00\x00\x18" "ftypisom\x00\x00"s, "an MP4 or QuickTime video"},
      {"SQLite format 3\x00\x10\x00"s, "an SQLite database"},
      {"RIFF\x24\x00\x00\x00WAVEfmt "s, "a WAV audio file"},
      {"\x7f" "ELF\x02\x01\x01\x00"s, "an executable program (ELF)"},
  };
  for (const auto& [bytes, name] : cases) EXPECT_EQ(KnownBinaryFormat(bytes), name) << name;
  EXPECT_EQ(KnownBinaryFormat("Báo cáo số 12/BC-UBND"), "");
  EXPECT_EQ(KnownBinaryFormat(""), "");
  EXPECT_EQ(KnownBinaryFormat("GIF8"), "");   // too short to tell
}

TEST(KnownBinaryFormat, TheRefusalOfAGifSaysItIsAGif) {
  Result<Text> text = Normalize("GIF89a\x01\x00"s);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), ErrorCode::kBinary);
  EXPECT_EQ(text.status().message().rfind("a GIF image: not a document this engine reads", 0), 0u) << text.status().message();
}

}  // namespace
}  // namespace baocao::normalize_internal
