// The streamed JSON (WriteJson) is the same document as the tree (ToJson), for every corpus
// document; the CLI writes the streamed form so large inputs never hold a JSON tree.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "baocao/pipeline/extract.h"
#include "baocao/emit/json.h"

namespace baocao {
namespace {

TEST(Json, StreamedOutputEqualsTheTreeForEveryCorpusDocument) {
  auto engine = Engine::Create({BAOCAO_RULES_DIR});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(BAOCAO_CORPUS_DIR) + "/docs")) {
    auto result = engine->ExtractFile(entry.path().string());
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    for (bool pretty : {true, false}) {
      std::ostringstream out;
      WriteJson(*result, out, pretty);
      EXPECT_EQ(nlohmann::json::parse(out.str()), ToJson(*result)) << entry.path() << " pretty=" << pretty;
    }
    ++documents;
  }
  EXPECT_EQ(documents, 4);
}

TEST(Json, SpanTextIsTheOriginalBytes) {
  auto engine = Engine::Create({BAOCAO_RULES_DIR});
  ASSERT_TRUE(engine.ok());
  std::string text = "Báo cáo\n\nTỷ lệ nộp hồ sơ trực tuyến đạt <b>86,98%</b>; $\\geq 70\\%$.\n";
  auto result = engine->ExtractBytes(text, "inline.txt");
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->mentions.empty());
  for (const Mention& m : result->mentions) {
    EXPECT_EQ(m.span.text, text.substr(m.span.start, m.span.end - m.span.start));
  }
}

// A converter's run-on line is linked within 2 KB of a value; a label cut there still ends on a
// character boundary, so the JSON stays valid UTF-8 (dump() throws otherwise). Found by
// recognize_fuzz: three-byte characters after "đạt tỷ l" cut at the 2 KB mark.
TEST(Json, ALabelCutFromARunOnLineEndsOnACharacterBoundary) {
  auto engine = Engine::Create({BAOCAO_RULES_DIR});
  ASSERT_TRUE(engine.ok());
  std::string run_on;
  for (int i = 0; i < 1200; ++i) run_on += "\xe6\x8d\xaf";   // 捯, three bytes each, no space
  for (int pad = 0; pad < 3; ++pad) {
    std::string text = "Trong đó Tỷ lệ hồ sơ đã giải quyết trước hạn, đúng hạn 7.517 đạt tỷ l" +
                       std::string(pad, 'a') + run_on + ".\n";
    auto result = engine->ExtractBytes(text, "run-on.txt");
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_FALSE(result->facts.empty()) << "pad " << pad;
    EXPECT_NO_THROW((void)ToJson(*result).dump()) << "pad " << pad;
  }
}

}  // namespace
}  // namespace baocao
