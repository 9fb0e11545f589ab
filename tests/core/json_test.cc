// The streamed JSON (WriteJson) is the same document as the tree (ToJson), for every corpus
// document; the CLI writes the streamed form so large inputs never hold a JSON tree.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "baocao/extract.h"
#include "baocao/json.h"

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

}  // namespace
}  // namespace baocao
