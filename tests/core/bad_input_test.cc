// Bad and extreme inputs, end to end: the CLI binary (exit status, standard error, JSON) and the
// Engine API. Every refusal names the file and the reason; nothing crashes; a large input gives
// a result or a clear error within a memory bound.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "corpus_util.h"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "baocao/pipeline/extract.h"

extern char** environ;

namespace baocao {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;      // -1: killed by a signal
  int signal = 0;
  std::string out;         // standard output (empty when `keep_output` is false)
  std::string err;
  fs::path out_file;       // where standard output went
  long max_rss_kb = 0;     // the child's peak resident set size
  double seconds = 0;
};

std::string Slurp(const fs::path& p) { return baocao::testing_util::ReadBytes(p); }

void WriteFile(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A fresh folder per test, removed at the end.
class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("baocao_bad_input_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path File(const std::string& name, std::string_view bytes) {
    fs::path p = dir_ / name;
    WriteFile(p, bytes);
    return p;
  }

  static std::string Corpus(const std::string& name) {
    return Slurp(fs::path(BAOCAO_CORPUS_DIR) / "docs" / name);
  }

  // Runs the CLI with `args`; standard input from `stdin_file` (or /dev/null), standard output
  // and error to files, so that nothing blocks on a full pipe. wait4 gives this child's own peak
  // RSS (RUSAGE_CHILDREN would give the largest of all children so far).
  CliRun Cli(const std::vector<std::string>& args, const fs::path& stdin_file = "/dev/null",
          bool keep_output = true) {
    CliRun run;
    run.out_file = dir_ / "stdout";
    fs::path err_file = dir_ / "stderr";
    std::vector<std::string> argv_s = {BAOCAO_BINARY};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, stdin_file.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, run.out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    // The tests must not depend on the caller's environment choosing other rules.
    std::vector<std::string> env_s = {std::string("BAOCAO_RULES=") + BAOCAO_RULES_DIR};
    for (char** e = environ; *e; ++e) {
      if (std::string_view(*e).rfind("BAOCAO_RULES=", 0) != 0) env_s.emplace_back(*e);
    }
    std::vector<char*> envp;
    for (std::string& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    int rc = posix_spawn(&pid, BAOCAO_BINARY, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0) << "cannot start " << BAOCAO_BINARY;
    if (rc != 0) return run;
    int status = 0;
    struct rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.max_rss_kb = usage.ru_maxrss;
    if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
    if (keep_output) run.out = Slurp(run.out_file);
    run.err = Slurp(err_file);
    return run;
  }

  fs::path dir_;
};

// Output of a run, for failure messages.
std::string Shown(const CliRun& r) {
  return "exit " + std::to_string(r.exit_code) + (r.signal ? " signal " + std::to_string(r.signal) : "") +
         "\nstderr: " + r.err + "\nstdout: " + r.out.substr(0, 2000);
}

// A refused input: the documented exit code, one line on standard error naming the file, the
// error code and the reason, nothing on standard output.
void ExpectRefused(const CliRun& r, int exit_code, const std::string& file, const std::string& code,
                   const std::string& reason) {
  EXPECT_EQ(r.exit_code, exit_code) << Shown(r);
  EXPECT_NE(r.err.find(file), std::string::npos) << "stderr does not name the file\n" << Shown(r);
  EXPECT_NE(r.err.find(code), std::string::npos) << "stderr does not give the code\n" << Shown(r);
  EXPECT_NE(r.err.find(reason), std::string::npos) << "stderr does not give the reason\n" << Shown(r);
  EXPECT_EQ(r.err.rfind("baocao: ", 0), 0u) << Shown(r);
  EXPECT_TRUE(r.out.empty()) << Shown(r);
}

// ---------------------------------------------------------------------------------------------
// One bad input, through the CLI.

// OCR lives in a module loaded on first need (extractor/src/ocr/module.h): a module that will
// not load is a clear error naming it, never a crash, and an input without scans does not need it.
TEST_F(BadInput, BrokenOcrModuleIsAClearErrorNamingIt) {
  std::string not_a_module = File("not-a-module.so", "plain text, no ELF").string();
  std::string scan = (fs::path(BAOCAO_CORPUS_DIR) / "pdf-edge" / "scan-only.pdf").string();
  ::setenv("BAOCAO_OCR_MODULE", not_a_module.c_str(), 1);
  CliRun r = Cli({"extract", "--ocr", "always", scan});
  CliRun text = Cli({"extract", (fs::path(BAOCAO_CORPUS_DIR) / "docs" / "hong-bang-2026-plan.txt").string()});
  ::unsetenv("BAOCAO_OCR_MODULE");
  ExpectRefused(r, 4, scan, "no_text", "OCR module " + not_a_module + " could not be loaded");
  EXPECT_EQ(text.exit_code, 0) << Shown(text);
}

TEST_F(BadInput, EmptyFileIsRefused) {
  fs::path p = File("empty.txt", "");
  ExpectRefused(Cli({"extract", p}), 4, p, "empty", "empty");
}

TEST_F(BadInput, WhiteSpaceOnlyFileIsRefused) {
  fs::path p = File("spaces.txt", "  \r\n\t\n \u00A0 \n");
  ExpectRefused(Cli({"extract", p}), 4, p, "empty", "no text");
}

// An image is read by OCR (issue 20); one cut inside its header is refused as damaged.
TEST_F(BadInput, PngCutInItsHeaderIsRefusedAsCorrupt) {
  fs::path p = File("scan.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\x04\0\0\0\x03\0\x08\x06", 26));
  ExpectRefused(Cli({"extract", p}), 4, p, "corrupt", "png header");
}

TEST_F(BadInput, RandomBytesAreRefused) {
  std::mt19937 rng(2024);
  std::string bytes(64 * 1024, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  fs::path p = File("random.bin", bytes);
  CliRun r = Cli({"extract", p});
  EXPECT_EQ(r.exit_code, 4) << Shown(r);
  EXPECT_NE(r.err.find(p.string()), std::string::npos) << Shown(r);
  EXPECT_TRUE(r.err.find("binary") != std::string::npos || r.err.find("invalid_encoding") != std::string::npos)
      << Shown(r);
}

TEST_F(BadInput, InvalidUtf8NamesTheOffset) {
  fs::path p = File("broken.txt", "BÁO CÁO\nSố liệu abc\xC3(");
  ExpectRefused(Cli({"extract", p}), 4, p, "invalid_encoding", "invalid UTF-8 at byte 25");
}

TEST_F(BadInput, MissingFileExits3) {
  fs::path p = dir_ / "no-such-report.txt";
  ExpectRefused(Cli({"extract", p}), 3, p, "not_found", "No such file");
}

TEST_F(BadInput, DirectoryExits3) {
  ExpectRefused(Cli({"extract", dir_}), 3, dir_, "unreadable", "is a directory");
}

TEST_F(BadInput, FileAboveMaxBytesIsRefusedBeforeReading) {
  fs::path p = File("report.txt", Corpus("chi-linh-2026-01-report.txt"));
  ExpectRefused(Cli({"extract", "--max-bytes", "1000", p}), 4, p, "too_large", "1000-byte limit");
  // A device that never ends is cut at the limit, not read forever.
  ExpectRefused(Cli({"extract", "--max-bytes", "1000", "/dev/zero"}), 4, "/dev/zero", "too_large", "limit");
}

TEST_F(BadInput, StandardInputAboveMaxBytesIsRefused) {
  fs::path p = File("report.txt", Corpus("chi-linh-2026-01-report.txt"));
  CliRun r = Cli({"extract", "--max-bytes", "1000", "-"}, p);
  EXPECT_EQ(r.exit_code, 4) << Shown(r);
  EXPECT_NE(r.err.find("too_large"), std::string::npos) << Shown(r);
  EXPECT_NE(r.err.find("standard input"), std::string::npos) << Shown(r);
}

TEST_F(BadInput, BadMaxBytesIsAUsageError) {
  for (const char* value : {"abc", "-5", "", "1e6", "99999999999999999999"}) {
    CliRun r = Cli({"extract", "--max-bytes", value, "x.txt"});
    EXPECT_EQ(r.exit_code, 2) << value << "\n" << Shown(r);
    EXPECT_NE(r.err.find("--max-bytes"), std::string::npos) << Shown(r);
  }
}

TEST_F(BadInput, UnwritableOutputFolderExits6) {
  fs::path p = File("report.txt", Corpus("chi-linh-2026-01-report.txt"));
  fs::path blocker = File("not-a-folder", "x");
  CliRun r = Cli({"extract", "-o", (blocker / "out").string(), p});
  EXPECT_EQ(r.exit_code, 6) << Shown(r);
  EXPECT_NE(r.err.find("not-a-folder"), std::string::npos) << Shown(r);
}

// ---------------------------------------------------------------------------------------------
// Many inputs, standard input, options.

TEST_F(BadInput, BatchGivesOneLinePerInputAndTheFirstFailure) {
  fs::path good = File("good.txt", Corpus("chi-linh-2026-01-report.txt"));
  fs::path bad = File("bad.bin", std::string("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16));
  fs::path good2 = File("good2.txt", Corpus("hong-bang-2026-plan.txt"));
  CliRun r = Cli({"extract", good, bad, good2, "--jsonl"});
  EXPECT_EQ(r.exit_code, 4) << Shown(r);
  std::vector<nlohmann::json> lines;
  std::istringstream out(r.out);
  for (std::string line; std::getline(out, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "not JSON: " << line.substr(0, 200);
    lines.push_back(j);
  }
  ASSERT_EQ(lines.size(), 3u) << Shown(r);
  EXPECT_EQ(lines[0]["document"]["path"], good.string());
  EXPECT_FALSE(lines[0].contains("error"));
  EXPECT_EQ(lines[1]["document"]["path"], bad.string());
  EXPECT_EQ(lines[1]["error"]["code"], "corrupt");   // a PNG cut short (issue 20: images are read)
  EXPECT_NE(lines[1]["error"]["message"].get<std::string>().find(bad.string()), std::string::npos);
  EXPECT_EQ(lines[2]["document"]["path"], good2.string());
  EXPECT_FALSE(lines[2].contains("error"));
  EXPECT_NE(r.err.find(bad.string()), std::string::npos) << Shown(r);
}

TEST_F(BadInput, BatchWithAMissingFileExits3AndGoesOn) {
  fs::path good = File("good.txt", Corpus("ba-ngoi-2026-plan.txt"));
  fs::path missing = dir_ / "missing.txt";
  fs::path empty = File("empty.txt", "");
  CliRun r = Cli({"extract", "--jsonl", missing, empty, good});
  EXPECT_EQ(r.exit_code, 3) << "the status is that of the first failure\n" << Shown(r);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << Shown(r);
  EXPECT_NE(r.err.find(missing.string()), std::string::npos) << Shown(r);
  EXPECT_NE(r.err.find(empty.string()), std::string::npos) << Shown(r);
}

TEST_F(BadInput, StandardInputIsReadForDash) {
  std::string report = Corpus("chi-linh-2026-01-report.txt");
  fs::path p = File("report.txt", report);
  CliRun r = Cli({"extract", "--compact", "-"}, p);
  ASSERT_EQ(r.exit_code, 0) << Shown(r);
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << Shown(r);
  EXPECT_EQ(j["document"]["path"], "-");
  EXPECT_EQ(j["document"]["bytes"], report.size());
  // The same document read from a file gives the same extraction.
  CliRun from_file = Cli({"extract", "--compact", p});
  ASSERT_EQ(from_file.exit_code, 0) << Shown(from_file);
  nlohmann::json k = nlohmann::json::parse(from_file.out);
  j["document"].erase("path");
  k["document"].erase("path");
  EXPECT_EQ(j, k);
}

TEST_F(BadInput, EmptyStandardInputIsRefused) {
  ExpectRefused(Cli({"extract", "-"}), 4, "-", "empty", "empty");
}

TEST_F(BadInput, HelpExits0) {
  std::vector<std::vector<std::string>> helps = {{"--help"}, {"-h"}, {"extract", "--help"}};
  for (const std::vector<std::string>& args : helps) {
    CliRun r = Cli(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << "\n" << Shown(r);
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << Shown(r);
    EXPECT_TRUE(r.err.empty()) << Shown(r);
  }
  CliRun version = Cli({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("baocao ", 0), 0u);
}

TEST_F(BadInput, UsageErrorsExit2AndSayWhatWasWrong) {
  struct {
    std::vector<std::string> args;
    const char* says;
  } cases[] = {
      {{"extract", "--frobnicate", "x.txt"}, "unknown option '--frobnicate'"},
      {{"extract"}, "at least one FILE"},
      {{"extract", "--stage", "bogus", "x.txt"}, "unknown stage 'bogus'"},
      {{"extract", "--stage"}, "--stage needs"},
      {{"extract", "--encoding"}, "--encoding needs"},
      {{"extract", "-o", "out", "--jsonl", "x.txt"}, "exclude each other"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{}, "Usage"},
  };
  for (const auto& c : cases) {
    CliRun r = Cli(c.args);
    std::string shown = c.args.empty() ? "(no arguments)" : c.args[0] + (c.args.size() > 1 ? " " + c.args[1] : "");
    EXPECT_EQ(r.exit_code, 2) << shown << "\n" << Shown(r);
    EXPECT_NE((r.err + r.out).find(c.says), std::string::npos) << shown << "\n" << Shown(r);
  }
}

TEST_F(BadInput, UnknownEncodingIsAUsageErrorNamingIt) {
  fs::path p = File("report.txt", "Báo cáo");
  CliRun r = Cli({"extract", "--encoding", "latin-9", p});
  EXPECT_EQ(r.exit_code, 2) << Shown(r);
  EXPECT_NE(r.err.find("latin-9"), std::string::npos) << Shown(r);
  EXPECT_NE(r.err.find(p.string()), std::string::npos) << Shown(r);
}

TEST_F(BadInput, EveryStageOfABadInputIsRefusedTheSameWay) {
  fs::path p = File("broken.txt", "abc\xC3(");
  for (const char* stage : {"text", "layout", "mentions"}) {
    ExpectRefused(Cli({"extract", "--stage", stage, p}), 4, p, "invalid_encoding", "byte 3");
  }
}

// ---------------------------------------------------------------------------------------------
// Large inputs: a result or a clear error, and memory that grows linearly with the input.
// The bound asserted (16x) catches unbounded or quadratic growth; the benchmark target of the
// foundation issue (5x) is measured by tools/bench/run.sh and reported, not asserted here.

// Writes `size` bytes made of the corpus reports, one after the other; with `one_line`, their
// line breaks become spaces.
fs::path WriteLarge(const fs::path& p, size_t size, bool one_line) {
  std::string chunk;
  for (const char* name : {"chi-linh-2026-01-report.txt", "trung-thanh-2026-06-report.txt",
                           "hong-bang-2026-plan.txt", "ba-ngoi-2026-plan.txt"}) {
    chunk += Slurp(fs::path(BAOCAO_CORPUS_DIR) / "docs" / name);
  }
  if (one_line) std::replace(chunk.begin(), chunk.end(), '\n', ' ');
  std::ofstream out(p, std::ios::binary);
  for (size_t written = 0; written < size;) {
    size_t n = std::min(chunk.size(), size - written);
    // Cut on a character boundary so that the file stays valid UTF-8.
    while (n < chunk.size() && n > 0 && (static_cast<unsigned char>(chunk[n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min(chunk.size(), size - written);
    out.write(chunk.data(), static_cast<std::streamsize>(n));
    written += n;
    if (n < chunk.size()) break;
  }
  return p;
}

void ExpectResultOrClearErrorWithinMemory(const CliRun& r, const fs::path& input, size_t size) {
  SCOPED_TRACE(input.string() + ": " + std::to_string(size) + " bytes, " + std::to_string(r.seconds) +
               " s, peak RSS " + std::to_string(r.max_rss_kb / 1024) + " MB");
  ASSERT_EQ(r.signal, 0) << Shown(r);
  if (r.exit_code == 0) {
    std::ifstream out(r.out_file, std::ios::binary);
    EXPECT_TRUE(nlohmann::json::accept(out)) << "standard output is not one JSON value";
    EXPECT_TRUE(r.err.empty()) << r.err;
  } else {
    EXPECT_EQ(r.exit_code, 4) << Shown(r);
    EXPECT_NE(r.err.find(input.string()), std::string::npos) << Shown(r);
  }
  constexpr double kLinearBound = 16.0;
  EXPECT_LT(static_cast<double>(r.max_rss_kb) * 1024, kLinearBound * static_cast<double>(size))
      << "peak RSS " << r.max_rss_kb / 1024 << " MB for a " << size / (1 << 20) << " MB input";
  std::cerr << "[ info     ] " << input.filename().string() << ": " << size / (1 << 20) << " MB, exit "
            << r.exit_code << ", " << r.seconds << " s, peak RSS " << r.max_rss_kb / 1024 << " MB\n";
}

// 64 MB rather than 200 MB: on the two-core machine 200 MB took 81 s (exit 0, valid JSON); the
// bound checked is on memory relative to the input's size. BAOCAO_LARGE_MB=200 runs the full size.
size_t LargeSize() {
  const char* env = std::getenv("BAOCAO_LARGE_MB");
  size_t mb = env ? std::strtoul(env, nullptr, 10) : 0;
  return (mb > 0 ? mb : 64) << 20;
}

TEST_F(BadInput, LargeFileGivesAResultInLinearMemory) {
  size_t size = LargeSize();
  fs::path p = WriteLarge(dir_ / "large.txt", size, false);
  CliRun r = Cli({"extract", "--compact", p}, "/dev/null", false);
  ExpectResultOrClearErrorWithinMemory(r, p, fs::file_size(p));
}

TEST_F(BadInput, OneFiftyMegabyteLineGivesAResultInLinearMemory) {
  size_t size = 50 << 20;
  fs::path p = WriteLarge(dir_ / "one-line.txt", size, true);
  CliRun r = Cli({"extract", "--compact", p}, "/dev/null", false);
  ExpectResultOrClearErrorWithinMemory(r, p, fs::file_size(p));
}

// ---------------------------------------------------------------------------------------------
// The Engine API gives the same refusals as values.

class BadInputEngine : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<Engine> engine = Engine::Create({BAOCAO_RULES_DIR});
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = new Engine(std::move(engine).value());
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  static Engine* engine_;
};
Engine* BadInputEngine::engine_ = nullptr;

TEST_F(BadInputEngine, RefusesBadBytesWithTheirCodeAndPath) {
  struct {
    const char* name;
    std::string bytes;
    ErrorCode code;
  } cases[] = {
      {"empty.txt", "", ErrorCode::kEmpty},
      {"spaces.txt", " \n\t\r\n", ErrorCode::kEmpty},
      {"nul.txt", std::string("abc\0def", 7), ErrorCode::kBinary},
      {"broken.txt", "abc\xC3(", ErrorCode::kInvalidEncoding},
      {"markup.txt", "<p></p>**", ErrorCode::kEmpty},
  };
  for (const auto& c : cases) {
    Result<Extraction> r = engine_->ExtractBytes(c.bytes, c.name);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), c.code) << c.name << ": " << r.status().ToString();
    EXPECT_EQ(r.status().message().rfind(std::string(c.name) + ": ", 0), 0u) << r.status().ToString();
  }
}

TEST_F(BadInputEngine, RefusesMissingFilesDirectoriesAndOversizeInputs) {
  Result<Extraction> missing = engine_->ExtractFile("/nonexistent/report.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/report.txt"), std::string::npos);

  Result<Extraction> dir = engine_->ExtractFile(BAOCAO_CORPUS_DIR);
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().code(), ErrorCode::kUnreadable);

  ExtractOptions small;
  small.max_bytes = 1000;
  std::string path = std::string(BAOCAO_CORPUS_DIR) + "/docs/chi-linh-2026-01-report.txt";
  Result<Extraction> big = engine_->ExtractFile(path, small);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(big.status().message().find(path), std::string::npos);
  Result<Extraction> big_bytes = engine_->ExtractBytes(std::string(2000, 'a'), "mem.txt", small);
  ASSERT_FALSE(big_bytes.ok());
  EXPECT_EQ(big_bytes.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(big_bytes.status().message().find("mem.txt"), std::string::npos);
}

TEST_F(BadInputEngine, SurvivesTruncatedAndMangledReports) {
  // Every prefix cut of a real report at a sample of lengths, and the report with its bytes
  // shuffled in places, gives a result or a refusal, never a crash.
  std::string report = Slurp(fs::path(BAOCAO_CORPUS_DIR) / "docs" / "trung-thanh-2026-06-report.txt");
  for (size_t cut = 1; cut < report.size(); cut += 997) {
    Result<Extraction> r = engine_->ExtractBytes(std::string_view(report).substr(0, cut), "cut.txt");
    if (!r.ok()) {
      EXPECT_NE(r.status().code(), ErrorCode::kInternal) << r.status().ToString();
    }
  }
  std::mt19937 rng(57);
  for (int round = 0; round < 20; ++round) {
    std::string mangled = report;
    for (int k = 0; k < 50; ++k) mangled[rng() % mangled.size()] = "\t\n|<>$*#&;\\"[rng() % 11];
    Result<Extraction> r = engine_->ExtractBytes(mangled, "mangled.txt");
    if (!r.ok()) {
      EXPECT_NE(r.status().code(), ErrorCode::kInternal) << r.status().ToString();
    }
  }
}

}  // namespace
}  // namespace baocao
