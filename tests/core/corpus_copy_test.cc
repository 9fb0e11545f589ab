// The project's corpus/ must stay byte-identical to the shared corpus it was copied from
// (gold is never edited to fit the engine). Skipped where ../shared is not beside the clone.
#include <gtest/gtest.h>

#include "corpus_util.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) { return baocao::testing_util::ReadBytes(p); }

TEST(CorpusCopy, IsByteIdenticalToShared) {
  fs::path shared = fs::path(BAOCAO_SHARED_DIR) / "corpus";
  if (!fs::is_directory(shared)) GTEST_SKIP() << "no shared corpus at " << shared;
  fs::path mine = BAOCAO_CORPUS_DIR;
  int compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(shared)) {
    if (!entry.is_regular_file()) continue;
    fs::path rel = fs::relative(entry.path(), shared);
    fs::path copy = mine / rel;
    ASSERT_TRUE(fs::exists(copy)) << rel << " is missing from corpus/";
    EXPECT_EQ(Slurp(entry.path()), Slurp(copy)) << rel << " differs from the shared copy";
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

TEST(CorpusCopy, CatalogueIsByteIdenticalToShared) {
  fs::path shared = fs::path(BAOCAO_SHARED_DIR) / "indicators.tsv";
  if (!fs::exists(shared)) GTEST_SKIP() << "no shared catalogue";
  EXPECT_EQ(Slurp(shared), Slurp(fs::path(BAOCAO_RULES_DIR) / "indicators.tsv"));
}

}  // namespace
