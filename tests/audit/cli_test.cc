// `baocao audit`: flags for people, --json, --lang, and the exit status (0 no error flag,
// 1 error flags, the input failures' codes as extract).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct Output {
  int status = -1;
  std::string out;
};

Output Baocao(const std::string& args) {
  std::string command = std::string(BAOCAO_BINARY) + " " + args + " 2>/dev/null";
  Output result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.out.append(buf, n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

const std::string kDocs = std::string(BAOCAO_CORPUS_DIR) + "/docs/";

TEST(AuditCommand, ErrorsExitOne) {
  Output o = Baocao("audit " + kDocs + "chi-linh-2026-01-report.txt");
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.out.find("sum_mismatch"), std::string::npos);
  EXPECT_NE(o.out.find("218 + 160 = 378, khác tổng số đã nêu là 377."), std::string::npos);
  EXPECT_NE(o.out.find("dòng 127:"), std::string::npos);             // the evidence line, quoted
  EXPECT_NE(o.out.find("«377 thủ tục hành chính»"), std::string::npos);
}

TEST(AuditCommand, CleanDocumentExitsZero) {
  Output o = Baocao("audit " + kDocs + "hong-bang-2026-plan.txt");
  EXPECT_EQ(o.status, 0);
  EXPECT_NE(o.out.find("0 phát hiện"), std::string::npos);
}

TEST(AuditCommand, EnglishAndSeverityOrder) {
  Output o = Baocao("audit --lang en " + kDocs + "trung-thanh-2026-06-report.txt");
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.out.find("12,294 + 160 = 12,454, not the 12,456 stated as the total."), std::string::npos);
  EXPECT_NE(o.out.find("line 137:"), std::string::npos);
  EXPECT_LT(o.out.rfind("error "), o.out.find("warning  name_variant"));   // errors first
}

TEST(AuditCommand, JsonForMachines) {
  Output o = Baocao("audit --json " + kDocs + "trung-thanh-2026-06-report.txt");
  EXPECT_EQ(o.status, 1);
  nlohmann::json j = nlohmann::json::parse(o.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << o.out.substr(0, 200);
  EXPECT_EQ(j["flags"].size(), 6u);
  EXPECT_GT(j["checks"].size(), 10u);
  EXPECT_TRUE(j["flags"][0]["evidence"][0].contains("line"));
}

TEST(AuditCommand, FailuresKeepExtractsCodes) {
  EXPECT_EQ(Baocao("audit /nonexistent/report.txt").status, 3);
  EXPECT_EQ(Baocao("audit --lang fr " + kDocs + "hong-bang-2026-plan.txt").status, 2);
  EXPECT_EQ(Baocao("audit").status, 2);
  EXPECT_EQ(Baocao("audit --help").status, 0);
  // An input failure outranks error flags found in another input.
  EXPECT_EQ(Baocao("audit " + kDocs + "chi-linh-2026-01-report.txt /nonexistent/report.txt").status, 3);
}

}  // namespace
