// `baocao compare` and `baocao audit --db` as processes: what they print, and their exit codes
// for usage errors, a missing store, an unknown indicator, an unwritable output.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace baocao::corpus_test {
namespace {

struct Outcome {
  int status = -1;
  std::string out;
};

Outcome Baocao(const std::string& args) {
  std::string command = std::string(BAOCAO_BINARY) + " " + args + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  Outcome r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe.get())) > 0) r.out.append(buf, n);
  int raw = pclose(pipe.release());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

class CorpusCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/baocao-corpus-cli-XXXXXX";
    dir_ = mkdtemp(pattern);
    db_ = dir_ + "/s.sqlite";
    ASSERT_EQ(Baocao("ingest -q --db " + db_ + " " + BAOCAO_CORPUS_DIR + "/docs").status, 0);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static std::string dir_, db_;
};
std::string CorpusCli::dir_, CorpusCli::db_;

TEST_F(CorpusCli, ExitCodesForBadRequests) {
  const std::pair<std::string, int> cases[] = {
      {"compare", 2},
      {"compare --db " + db_ + " --csv --json", 2},
      {"compare --db " + db_ + " --indicator no.such_id", 2},
      {"compare --db " + db_ + " --bogus", 2},
      {"compare --db " + dir_ + "/missing.sqlite", 8},
      {"compare --db " + db_ + " --html " + dir_ + "/no/such/folder/x.html", 6},
      {"compare --db " + db_ + " --xlsx " + dir_ + "/no/such/folder/x.xlsx", 6},
      {"audit --db", 2},
      {"audit --db " + dir_ + "/missing.sqlite", 8},
      {"audit --db " + db_ + " --lang fr", 2},
      {"audit --db " + db_ + " some.txt", 2},
      {"compare --help", 0},
      {"audit --db x --help", 0},
  };
  for (const auto& [args, status] : cases) EXPECT_EQ(Baocao(args).status, status) << args;
}

TEST_F(CorpusCli, ComparePrintsThePeriodsAndWards) {
  Outcome r = Baocao("compare --db " + db_);
  ASSERT_EQ(r.status, 0);
  for (const char* expected : {"Kỳ năm 2026 (2026)", "Kỳ năm 2025 (2025)", "Hồng Bàng", "Ba Ngòi", "Chí Linh",
                               "Trung Thành", "Ký hiệu:", "1,12/3!", "–/≥70",
                               "[1] budget.sti_allocated_vnd: Tổng kinh phí bố trí"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected;
  }
  Outcome filtered = Baocao("compare --db " + db_ + " --period 2025 --indicator tthc.online_application_rate --csv");
  ASSERT_EQ(filtered.status, 0);
  EXPECT_NE(filtered.out.find("2025,Hải Phòng,Chí Linh,tthc.online_application_rate,"), std::string::npos) << filtered.out;
  EXPECT_EQ(filtered.out.find("2026,"), std::string::npos);
}

TEST_F(CorpusCli, AuditDbPrintsFlagsWithEvidenceAndASummary) {
  Outcome r = Baocao("audit --db " + db_);
  EXPECT_EQ(r.status, 0);   // the four documents hold no cross-document error
  EXPECT_NE(r.out.find(" phát hiện giữa 4 văn bản ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Tóm tắt: "), std::string::npos);
  if (r.out.find("reference_mismatch") != std::string::npos) {
    EXPECT_NE(r.out.find(", dòng "), std::string::npos);
    EXPECT_NE(r.out.find("«Nghị quyết số 71"), std::string::npos) << r.out;
  }
  Outcome en = Baocao("audit --db " + db_ + " --lang en --json");
  EXPECT_NE(en.out.find("\"schema\": \"baocao-corpus-audit/1\""), std::string::npos) << en.out.substr(0, 300);
}

}  // namespace
}  // namespace baocao::corpus_test
