// Test helpers shared by the suites that read the bundled corpus (BAOCAO_CORPUS_DIR).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace baocao::testing_util {

// The whole file, as bytes.
inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The gold documents' names (stems of corpus/gold/*.json), sorted.
inline std::vector<std::string> GoldNames() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(BAOCAO_CORPUS_DIR) / "gold")) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace baocao::testing_util
