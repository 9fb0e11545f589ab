// `baocao ingest`, run as a process: what it stores, that running it again changes nothing,
// that a changed file replaces its older version, that bad files are recorded without
// stopping the batch, that -j does not change the store, and that a run killed with SIGKILL
// leaves only whole documents and resumes to the same store as an uninterrupted run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "baocao/pipeline/extract.h"
#include "store_test_util.h"

namespace baocao::store_test {
namespace {

const std::string kDocs = std::string(BAOCAO_CORPUS_DIR) + "/docs";

TEST(IngestCommand, StoresWhatExtractWrites) {
  TempDir dir;
  std::string db = dir / "s.sqlite";
  Outcome run = Baocao(Ingest(kDocs + " --db " + db));
  ASSERT_EQ(run.status, 0);
  EXPECT_EQ(Count(db, "documents"), 4);
  // The extraction column holds, for each document, exactly the line `extract --jsonl` writes.
  Outcome extract = Baocao("extract --jsonl --rules " + std::string(BAOCAO_RULES_DIR) + " " + kDocs + "/*.txt");
  ASSERT_EQ(extract.status, 0);
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::istringstream lines(extract.out);
  std::string line;
  int compared = 0;
  while (std::getline(lines, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    std::string path = j["document"]["path"];
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(handle, "SELECT extraction, facts, mentions FROM (SELECT extraction, "
                               "(SELECT count(*) FROM facts f WHERE f.document_id = d.id) AS facts, "
                               "(SELECT count(*) FROM mentions m WHERE m.document_id = d.id) AS mentions "
                               "FROM documents d WHERE path = ?1)", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, path.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW) << path;
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))), line) << path;
    EXPECT_EQ(sqlite3_column_int64(st, 1), static_cast<int64_t>(j["facts"].size()));
    EXPECT_EQ(sqlite3_column_int64(st, 2), static_cast<int64_t>(j["mentions"].size()));
    sqlite3_finalize(st);
    ++compared;
  }
  sqlite3_close(handle);
  EXPECT_EQ(compared, 4);
}

TEST(IngestCommand, RunningAgainChangesNothing) {
  TempDir dir;
  MakeCorpus(dir.path() / "docs", 12);
  std::string db = dir / "s.sqlite";
  Outcome first = Baocao("ingest --rules " + std::string(BAOCAO_RULES_DIR) + " " + (dir / "docs") + " --db " + db);
  ASSERT_EQ(first.status, 0);
  EXPECT_NE(first.out.find("12 added, 0 replaced, 0 unchanged, 0 failed"), std::string::npos) << first.out;
  std::string before = CanonicalDump(db);
  Outcome second = Baocao("ingest --rules " + std::string(BAOCAO_RULES_DIR) + " " + (dir / "docs") + " --db " + db);
  ASSERT_EQ(second.status, 0);
  EXPECT_NE(second.out.find("0 added, 0 replaced, 12 unchanged, 0 failed"), std::string::npos) << second.out;
  EXPECT_EQ(CanonicalDump(db), before);
}

TEST(IngestCommand, AChangedFileReplacesItsOlderVersion) {
  TempDir dir;
  MakeCorpus(dir.path() / "docs", 3);
  std::string db = dir / "s.sqlite";
  ASSERT_EQ(Baocao(Ingest((dir / "docs") + " --db " + db)).status, 0);
  int64_t mentions_before = Count(db, "mentions");
  std::string changed = (dir.path() / "docs" / "doc-00001.txt").string();
  std::string text = testing_util::ReadBytes(changed);
  WriteFile(changed, text + "Trong quý I/2026 đã cấp 4.321 chữ ký số cho người dân.\n");

  Outcome run = Baocao("ingest --rules " + std::string(BAOCAO_RULES_DIR) + " " + (dir / "docs") + " --db " + db);
  ASSERT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("0 added, 1 replaced, 2 unchanged, 0 failed"), std::string::npos) << run.out;
  EXPECT_EQ(Count(db, "documents"), 3);
  EXPECT_GT(Count(db, "mentions"), mentions_before);   // the new sentence's mentions, and the old rows gone:
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  EXPECT_EQ(Query(handle, "SELECT count(*) FROM mentions WHERE span_text LIKE '%4.321%'"), std::vector<std::string>{"1"});
  EXPECT_EQ(Query(handle, "SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)"),
            std::vector<std::string>{"0"});
  EXPECT_EQ(Query(handle, "SELECT sha256 FROM documents WHERE path LIKE '%doc-00001.txt'"),
            std::vector<std::string>{Sha256Hex(testing_util::ReadBytes(changed))});
  sqlite3_close(handle);
}

TEST(IngestCommand, BadFilesAreRecordedAndTheRestStored) {
  TempDir dir;
  MakeCorpus(dir.path() / "docs", 3);
  WriteFile(dir.path() / "docs" / "a-empty.txt", "  \n");
  WriteFile(dir.path() / "docs" / "b-binary.txt", std::string("PK\0\0binary", 10));
  std::string db = dir / "s.sqlite";
  Outcome run = Baocao("ingest --rules " + std::string(BAOCAO_RULES_DIR) + " " + (dir / "docs") + " --db " + db, true);
  EXPECT_EQ(run.status, 4);   // refused input, as extract
  EXPECT_NE(run.out.find("3 added, 0 replaced, 0 unchanged, 2 failed"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("baocao: empty: "), std::string::npos) << run.out;
  EXPECT_EQ(Count(db, "documents"), 3);
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  std::string prefix = (dir.path() / "docs").string() + "/";
  std::vector<std::string> errors = Query(handle, "SELECT replace(path, '" + prefix + "', ''), code, sha256 IS NOT NULL FROM errors ORDER BY path");
  sqlite3_close(handle);
  EXPECT_EQ(errors, (std::vector<std::string>{"a-empty.txt|empty|1", "b-binary.txt|binary|1"}));

  // A missing input fails with its own code; the others are still processed.
  Outcome missing = Baocao(Ingest(dir / "nothing-here.txt") + " " + (dir / "docs") + " --db " + db);
  EXPECT_EQ(missing.status, 3);
  EXPECT_EQ(Count(db, "errors"), 3);

  // Once fixed, the file is stored and its error forgotten.
  WriteFile(dir.path() / "docs" / "a-empty.txt", testing_util::ReadBytes(kDocs + "/hong-bang-2026-plan.txt"));
  std::filesystem::remove(dir.path() / "docs" / "b-binary.txt");
  Outcome fixed = Baocao(Ingest((dir / "docs") + " --db " + db));
  EXPECT_EQ(fixed.status, 0);
  EXPECT_EQ(Count(db, "documents"), 4);
  EXPECT_EQ(Count(db, "errors"), 2);   // b-binary.txt (gone, not retried) and the missing file
}

TEST(IngestCommand, SkipsHiddenFilesAndTheStoreItself) {
  TempDir dir;
  MakeCorpus(dir.path() / "docs", 2);
  WriteFile(dir.path() / "docs" / ".notes.txt", testing_util::ReadBytes(kDocs + "/hong-bang-2026-plan.txt"));
  WriteFile(dir.path() / "docs" / ".git" / "x.txt", testing_util::ReadBytes(kDocs + "/hong-bang-2026-plan.txt"));
  std::string db = (dir.path() / "docs" / "store.sqlite").string();
  ASSERT_EQ(Baocao(Ingest((dir / "docs") + " --db " + db)).status, 0);
  Outcome again = Baocao(Ingest((dir / "docs") + " --db " + db));   // now the -wal and -shm exist too
  EXPECT_EQ(again.status, 0);
  EXPECT_EQ(Count(db, "errors"), 0);
  std::set<std::string> paths = StoredPaths(db);
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths.begin()->substr(paths.begin()->size() - 13), "doc-00000.txt");
}

TEST(IngestCommand, FoldersGiveOnlyDocumentLikeFilesUnlessAllFiles) {
  TempDir dir;
  MakeCorpus(dir.path() / "docs", 2);
  WriteFile(dir.path() / "docs" / "manifest.json", "{\"documents\": []}");
  WriteFile(dir.path() / "docs" / "values.csv", "a,b\n1,2\n");
  std::string db = dir / "s.sqlite";
  Outcome walked = Baocao("ingest --rules " + std::string(BAOCAO_RULES_DIR) + " " + (dir / "docs") + " --db " + db);
  ASSERT_EQ(walked.status, 0);
  EXPECT_EQ(StoredPaths(db).size(), 2u);
  EXPECT_EQ(Count(db, "errors"), 0);
  // What was left out is said, with how to take it (issue 19).
  EXPECT_NE(walked.out.find("ingest: skipped 2 files not named as documents (.csv 1, .json 1): --all-files takes them"),
            std::string::npos) << walked.out;
  // Named on the command line, a file is taken whatever its name.
  ASSERT_EQ(Baocao(Ingest((dir / "docs/values.csv") + " --db " + db)).status, 0);
  EXPECT_EQ(StoredPaths(db).size(), 3u);
  // --all-files walks every regular file.
  Outcome all = Baocao(Ingest((dir / "docs") + " --all-files --db " + db), true);
  EXPECT_EQ(StoredPaths(db).size() + static_cast<size_t>(Count(db, "errors")), 4u) << all.out;
}

TEST(IngestCommand, WorkerCountDoesNotChangeTheStore) {
  TempDir dir;
  MakeCorpus(dir.path() / "docs", 24);
  std::string one = dir / "one.sqlite", two = dir / "two.sqlite";
  ASSERT_EQ(Baocao(Ingest((dir / "docs") + " -j 1 --db " + one)).status, 0);
  ASSERT_EQ(Baocao(Ingest((dir / "docs") + " -j2 --db " + two)).status, 0);
  std::string dump = CanonicalDump(one);
  EXPECT_NE(dump.find("== documents (24 rows)"), std::string::npos);
  EXPECT_EQ(CanonicalDump(two), dump);
  // Documents are written in input order whatever the workers' timing: the ids agree too.
  sqlite3 *a = nullptr, *b = nullptr;
  sqlite3_open_v2(one.c_str(), &a, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_open_v2(two.c_str(), &b, SQLITE_OPEN_READONLY, nullptr);
  EXPECT_EQ(Query(a, "SELECT id, path FROM documents ORDER BY id"), Query(b, "SELECT id, path FROM documents ORDER BY id"));
  sqlite3_close(a);
  sqlite3_close(b);
}

TEST(IngestCommand, KilledRunLeavesWholeDocumentsAndResumes) {
  constexpr int kDocuments = 300;
  TempDir dir;
  MakeCorpus(dir.path() / "docs", kDocuments);
  std::string reference = dir / "reference.sqlite", killed = dir / "killed.sqlite";
  ASSERT_EQ(Baocao(Ingest((dir / "docs") + " -j 2 --db " + reference)).status, 0);
  std::string expected = CanonicalDump(reference);

  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    std::string docs = dir / "docs";
    execl(BAOCAO_BINARY, BAOCAO_BINARY, "ingest", "--quiet", "--rules", BAOCAO_RULES_DIR, "-j", "2", "--db",
          killed.c_str(), docs.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once some documents are committed, well before the end.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  bool exited = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    if (std::filesystem::exists(killed) && Count(killed, "documents") >= 20) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  ASSERT_TRUE(WIFSIGNALED(status)) << "ingest finished before it could be killed";

  // What the killed run committed is whole: every stored document has exactly the rows the
  // uninterrupted run gave it.
  std::set<std::string> stored = StoredPaths(killed);
  EXPECT_GE(stored.size(), 20u);
  EXPECT_LT(stored.size(), static_cast<size_t>(kDocuments));
  EXPECT_EQ(CanonicalDump(killed, stored), CanonicalDump(reference, stored));
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2(killed.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(Query(handle, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_EQ(Query(handle, "PRAGMA foreign_key_check"), std::vector<std::string>{});
  sqlite3_close(handle);

  Outcome resumed = Baocao("ingest --rules " + std::string(BAOCAO_RULES_DIR) + " " + (dir / "docs") + " --db " + killed);
  ASSERT_EQ(resumed.status, 0);
  EXPECT_NE(resumed.out.find(std::to_string(kDocuments - stored.size()) + " added, 0 replaced, " +
                             std::to_string(stored.size()) + " unchanged"),
            std::string::npos)
      << resumed.out;
  EXPECT_EQ(CanonicalDump(killed), expected);
}

TEST(IngestCommand, StoreFailuresExitEight) {
  TempDir dir;
  EXPECT_EQ(Baocao(Ingest(kDocs + " --db " + (dir / "no/such/folder/s.sqlite"))).status, 8);
  WriteFile(dir.path() / "not-a-store.sqlite", std::string(8192, 'x'));
  Outcome run = Baocao(Ingest(kDocs + " --db " + (dir / "not-a-store.sqlite")), true);
  EXPECT_EQ(run.status, 8);
  EXPECT_NE(run.out.find("not-a-store.sqlite"), std::string::npos) << run.out;
}

TEST(IngestCommand, UsageAndHelp) {
  EXPECT_EQ(Baocao("ingest").status, 2);
  EXPECT_EQ(Baocao("ingest -j 0 x").status, 2);
  EXPECT_EQ(Baocao("ingest --bogus x").status, 2);
  TempDir dir;   // rules that do not load: exit 5, and no empty store left behind
  EXPECT_EQ(Baocao("ingest --rules " + (dir / "no-rules") + " " + kDocs + " --db " + (dir / "s.sqlite")).status, 5);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "s.sqlite"));
  Outcome help = Baocao("ingest --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--db FILE"), std::string::npos);
}

}  // namespace
}  // namespace baocao::store_test
