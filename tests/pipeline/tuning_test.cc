// Tuning by name: --tune and tools/evaluate --tune set a stage's threshold without a rebuild.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "baocao/pipeline/extract.h"
#include "engine_util.h"

namespace baocao {
namespace {

TEST(SetTuning, SetsTheNamedFieldOfTheNamedStage) {
  ExtractOptions options;
  ASSERT_TRUE(SetTuning(options, "layout.header_max_lines=7").ok());
  EXPECT_EQ(options.layout.limits.header_max_lines, 7u);
  ASSERT_TRUE(SetTuning(options, "link.sentence_reach_bytes=100").ok());
  EXPECT_EQ(options.link.sentence_reach_bytes, 100u);
  ASSERT_TRUE(SetTuning(options, "compose.word_gap=0.15").ok());
  EXPECT_FLOAT_EQ(options.pdf.compose.word_gap, 0.15f);
}

TEST(SetTuning, RefusesUnknownStageFieldOrValueAsUsage) {
  ExtractOptions options;
  for (const char* bad : {"nope.word_gap=1", "compose.nope=1", "compose.word_gap=x", "compose.word_gap",
                          "word_gap=1", "compose.word_gap=1e999"}) {
    Status st = SetTuning(options, bad);
    EXPECT_EQ(st.code(), ErrorCode::kUsage) << bad;
    EXPECT_NE(st.message().find("--tune"), std::string::npos) << bad;
  }
}

TEST(SetTuning, RefusesAValueTheFieldCannotHold) {
  ExtractOptions options;
  for (const char* bad : {"layout.header_max_lines=-1", "layout.header_max_lines=2.5"}) {
    Status st = SetTuning(options, bad);
    EXPECT_EQ(st.code(), ErrorCode::kUsage) << bad;
    EXPECT_NE(st.message().find("whole number"), std::string::npos) << bad;
  }
  EXPECT_EQ(options.layout.limits.header_max_lines, ExtractOptions{}.layout.limits.header_max_lines);
}

TEST(ListTuning, ListsEveryStageWithItsDefaults) {
  std::vector<std::string> fields = ListTuning(ExtractOptions{});
  for (const char* stage : {"compose.", "ocr.", "layout.", "link.", "audit."}) {
    EXPECT_TRUE(std::any_of(fields.begin(), fields.end(), [&](const std::string& f) { return f.rfind(stage, 0) == 0; }))
        << stage;
  }
  EXPECT_NE(std::find(fields.begin(), fields.end(), "compose.word_gap=0.12"), fields.end());
}

TEST(ListTuning, EveryListedFieldCanBeSetBackByItsName) {
  ExtractOptions options;
  for (const std::string& field : ListTuning(options)) {
    EXPECT_TRUE(SetTuning(options, field).ok()) << field;
  }
  EXPECT_EQ(ListTuning(options), ListTuning(ExtractOptions{}));
}

TEST(SetTuning, ATunedValueReachesItsStage) {
  const std::string text =
      "ỦY BAN NHÂN DÂN\nPHƯỜNG HỒNG BÀNG\n\nSố: 12/BC-UBND\n\nBÁO CÁO\nKết quả chuyển đổi số\n\n"
      "Tỷ lệ hồ sơ trực tuyến đạt 95%.\n";
  const Engine& engine = testing_util::SharedEngine();
  Result<Extraction> plain = engine.ExtractBytes(text, "t.txt");
  ExtractOptions options;
  ASSERT_TRUE(SetTuning(options, "layout.header_max_lines=1").ok());
  Result<Extraction> tuned = engine.ExtractBytes(text, "t.txt", options);
  ASSERT_TRUE(plain.ok() && tuned.ok());
  EXPECT_TRUE(plain->meta.number.has_value());
  EXPECT_NE(plain->meta.number, tuned->meta.number);   // a header cut at one line has no number
}

}  // namespace
}  // namespace baocao
