// LibreOffice conversions to .docx (baocao/source/convert.h): a private folder and profile, the
// converter spawned with an argv in a process group of its own, waited for against a deadline.
#include "baocao/source/convert.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "core/strings.h"

extern char** environ;

namespace baocao {
namespace {

namespace fs = std::filesystem;

constexpr auto kPollInterval = std::chrono::milliseconds(20);   // how often the child is asked after
constexpr size_t kMaxDocxBytes = size_t{256} << 20;              // a converted file larger is no report
constexpr const char* kMissing =
    "LibreOffice is not installed (no soffice on PATH): this format is read through it "
    "(apt-get install libreoffice-writer), or convert the file to .docx first";

// A temporary folder removed when it goes out of scope.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = internal::Concat({base && *base ? base : "/tmp", "/baocao-convert-XXXXXX"});
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data())) path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

// The child's exit status, or the error that ended the wait: the limit or the budget ran out
// (the child's whole group killed: soffice starts soffice.bin under it).
Result<int> WaitWithin(pid_t pid, double seconds, const Budget& budget) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return Status(ErrorCode::kInternal, "LibreOffice: waitpid failed");
    Status within = budget.Check("LibreOffice conversion");
    const bool late = std::chrono::steady_clock::now() >= deadline;
    if (late || !within.ok()) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      if (!within.ok()) return within;
      return Status(ErrorCode::kTimeout, "LibreOffice did not convert the file within " +
                                             std::to_string(static_cast<long>(seconds)) + " s (killed)");
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

// soffice run on `input` with `dir`'s own profile, writing a .docx into dir/out. A profile kept
// for the process was measured no faster (a real .doc: median 1.82 s against 1.88 s fresh, five
// runs each, issue 20), and one per conversion lets conversions run side by side without
// sharing LibreOffice's profile and its lock.
Result<int> RunSoffice(const std::string& soffice, const std::string& dir, const std::string& input, double seconds,
                       const Budget& budget) {
  const std::string profile = internal::Concat({"-env:UserInstallation=file://", dir, "/profile"});
  const std::string outdir = internal::Concat({dir, "/out"});
  std::vector<std::string> args = {soffice,   "--headless",          "--norestore", "--nologo", "--nodefault",
                                   "--nolockcheck", profile,         "--convert-to", "docx:MS Word 2007 XML",
                                   "--outdir", outdir,               input};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0);
  }
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);   // a group of its own, killed whole at the limit
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, soffice.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) return Status(ErrorCode::kInternal, "LibreOffice could not be started: " + soffice);
  return WaitWithin(pid, seconds, budget);
}

}  // namespace

std::string FindSoffice(const ConvertOptions& options) {
  if (!options.soffice.empty()) return ::access(options.soffice.c_str(), X_OK) == 0 ? options.soffice : "";
  const char* path = std::getenv("PATH");
  std::string_view dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!dirs.empty()) {
    const size_t colon = std::min(dirs.find(':'), dirs.size());
    std::string candidate = internal::Concat({dirs.substr(0, colon), "/soffice"});
    if (colon > 0 && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    dirs.remove_prefix(std::min(colon + 1, dirs.size()));
  }
  return "";
}

Result<std::string> ConvertToDocx(std::string_view bytes, std::string_view extension, const Budget& budget,
                                  const ConvertOptions& options) {
  const std::string soffice = FindSoffice(options);
  if (soffice.empty()) return Status(ErrorCode::kNeedsConverter, kMissing);
  if (Status s = budget.Check("LibreOffice conversion"); !s.ok()) return s;
  TempDir dir;
  if (dir.path().empty()) return Status(ErrorCode::kInternal, "LibreOffice: no temporary folder could be made");
  const std::string input = internal::Concat({dir.path(), "/input.", extension});
  if (!WriteFile(input, bytes)) return Status(ErrorCode::kInternal, "LibreOffice: the input could not be written to " + dir.path());
  const double seconds = std::min(options.timeout_seconds, budget.SecondsLeft());
  Result<int> status = RunSoffice(soffice, dir.path(), input, seconds, budget);
  if (!status.ok()) return status.status();
  const std::string output = internal::Concat({dir.path(), "/out/input.docx"});
  std::error_code ec;
  const auto size = fs::file_size(output, ec);
  if (ec || size == 0) {
    return Status(ErrorCode::kCorrupt, internal::Concat({"LibreOffice could not convert this .", extension,
                                                        " file (a damaged or unsupported file)"}));
  }
  if (size > kMaxDocxBytes) return Status(ErrorCode::kTooLarge, "LibreOffice's .docx is over 256 MiB");
  std::ifstream in(output, std::ios::binary);
  std::string docx(static_cast<size_t>(size), '\0');
  in.read(docx.data(), static_cast<std::streamsize>(size));
  if (!in) return Status(ErrorCode::kInternal, "LibreOffice's .docx could not be read back");
  return docx;
}

}  // namespace baocao
