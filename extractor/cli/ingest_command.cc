// `baocao ingest`: documents into the store (docs/STORE.md). The library does the work
// (baocao/ingest.h: the workers, the one writer, the batches); this parses options and shows
// progress, failures and the summary.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "baocao/store/ingest.h"
#include "baocao/store/store.h"
#include "cli.h"

namespace baocao::cli {
namespace {

constexpr const char* kIngestHelp = R"(Usage: baocao ingest [options] PATH...

Extracts every input and stores the result in a SQLite store (docs/STORE.md): the document's
meta, references, mentions, tables, facts and flags, its whole JSON and its original bytes.
A PATH that is a folder is walked recursively, in path order, for the files that look like
documents (.txt .pdf .docx .doc .odt .rtf .html .htm .md .tex .text; images read by OCR: .jpg
.jpeg .png .tif .tiff .webp; or no extension; --all-files: every regular file); hidden files
and folders and the store itself are skipped. A FILE named on the command line is always taken.
Whatever the name, the content decides how a file is read.

A file already stored with the same path and sha256 is skipped without being extracted, so
running ingest again over the same folders only does the new and changed files. A changed file
replaces its older version; a file that cannot be extracted is recorded in the store's
`errors` table and does not stop the others. Each document is written in a transaction: a run
killed at any moment leaves only whole documents, and running it again resumes.

Options:
      --db FILE        the store (default ./baocao.sqlite; created when missing)
  -j, --jobs N         extraction workers (default: the number of CPUs)
      --all-files      in folders, take every regular file, not only document-like names
      --rules DIR      rule folder (default: $BAOCAO_RULES, or installed, or source rules/)
      --encoding ENC   force the input encoding: utf-8 | utf-16le | utf-16be | windows-1258
      --max-bytes N    refuse inputs larger than N bytes (default 268435456)
      --max-seconds S  stop an extraction after S seconds (default 600; 0: no limit): exit 9
      --max-memory M   stop an extraction once the process's resident memory passes M bytes
                       (K, M, G suffixes; default 2G; 0: no limit): exit 9
      --ocr MODE       scanned PDF pages: auto (default: pages without usable text; $BAOCAO_OCR)
                       | always | never
      --password PW    the password of encrypted PDFs
      --max-pages N    refuse PDFs of more than N pages (default 20000)
      --lang LANG      language of the stored flags' explanations: vi (default) | en
      --tune S.F=V     set threshold F of stage S to V for this run, without a rebuild
                       (repeatable; `baocao --tune list` lists them: compose, ocr, layout,
                       link, audit)
      --batch N        documents per transaction (default 64; 1: one each); a transaction
                       always holds whole documents
  -q, --quiet          no progress bar and no summary line
  -h, --help           this help

Progress (files done/total, files/s, time left) goes to standard error when it is a terminal;
the summary line (added, replaced, unchanged, failed, seconds, docs/s) to standard output.
Each failure is reported on standard error as 'baocao: CODE: FILE: reason'.

Exit status: 0 every input stored; the first failed input's code (in input order: 3 unreadable,
4 refused) when some failed; 2 usage error; 5 rules failed to load; 8 the store failed (the
run stops; what was committed stays).
)";

std::string Duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

class Progress {
 public:
  Progress(bool enabled, size_t total) : enabled_(enabled), total_(total), start_(Clock::now()) {}

  void Update(size_t done) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double rate = elapsed > 0 ? done / elapsed : 0;
    constexpr int kWidth = 30;
    int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
    std::string bar(filled, '#');
    bar += std::string(kWidth - filled, '.');
    char line[160];
    std::snprintf(line, sizeof line, "\r[%s] %zu/%zu files  %.0f files/s  ETA %s\033[K", bar.c_str(), done, total_,
                  rate, rate > 0 ? Duration((total_ - done) / rate).c_str() : "-");
    std::cerr << line << std::flush;
    shown_ = true;
  }
  void Clear() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  size_t total_;
  Clock::time_point start_, last_;
  bool shown_ = false;
};

// What the command line asked for.
struct IngestArgs {
  std::vector<std::string> paths;
  std::string db = "baocao.sqlite", rules_dir;
  IngestOptions options;
  bool quiet = false;
  bool all_files = false;
};

// Parses `args` into `out`; the exit status when the command ends here (help, usage error).
std::optional<int> ParseIngestArgs(const std::vector<std::string>& args, IngestArgs& out) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << kIngestHelp;
      return kExitOk;
    }
    if (a == "--db") {
      if (i + 1 >= args.size()) return Usage("--db needs a file");
      out.db = args[++i];
    } else if (a == "-j" || a == "--jobs" || (a.rfind("-j", 0) == 0 && a.size() > 2 && a[2] != '-')) {
      std::string value = a.size() > 2 && a[1] == 'j' ? a.substr(2) : (i + 1 < args.size() ? args[++i] : "");
      size_t& jobs = out.options.jobs;
      if (!ParseSize(value, &jobs) || jobs == 0 || jobs > 256) return Usage("-j needs a number of workers (1-256)");
    } else if (a == "--batch") {
      if (i + 1 >= args.size() || !ParseSize(args[++i], &out.options.batch) || out.options.batch == 0) {
        return Usage("--batch needs a number of documents (1 or more)");
      }
    } else if (a == "-q" || a == "--quiet") {
      out.quiet = true;
    } else if (a == "--all-files") {
      out.all_files = true;
    } else if (int parsed = ParseCommonOption(args, i, out.rules_dir, out.options.extract); parsed != kNotCommon) {
      if (parsed != kExitOk) return parsed;
    } else if (a.size() > 1 && a[0] == '-') {
      return Usage("unknown option '" + a + "'");
    } else {
      out.paths.push_back(a);
    }
  }
  if (out.paths.empty()) return Usage("ingest needs at least one FILE or folder");
  return std::nullopt;
}

void PrintSummary(size_t files, const IngestSummary& s, double seconds) {
  char line[256];
  std::snprintf(line, sizeof line,
                "ingest: %zu files: %zu added, %zu replaced, %zu unchanged, %zu failed in %.2f s (%.1f docs/s)\n", files,
                s.added, s.replaced, s.unchanged, s.failed, seconds, seconds > 0 ? files / seconds : 0.0);
  std::cout << line << std::flush;
}

// The files of the walked folders left out for their extension, and how to take them anyway:
// "ingest: skipped 3 files not named as documents (.xlsx 2, .zip 1): --all-files takes them".
void PrintSkipped(const std::map<std::string, size_t>& skipped) {
  if (skipped.empty()) return;
  size_t total = 0;
  std::string kinds;
  for (const auto& [ext, n] : skipped) {
    total += n;
    if (!kinds.empty()) kinds += ", ";
    kinds += ext.empty() ? "no extension" : ext;
    kinds += ' ';
    kinds += std::to_string(n);
  }
  std::cout << "ingest: skipped " << total << (total == 1 ? " file" : " files") << " not named as documents (" << kinds
            << "): --all-files takes them\n";
}

}  // namespace

int IngestCommand(const std::vector<std::string>& args) {
  IngestArgs a;
  a.options.jobs = std::max(1u, std::thread::hardware_concurrency());
  // Scans are read by OCR as `extract` reads them; the progress bar speaks for the pages.
  a.options.extract = DefaultExtractOptions();
  a.options.extract.pdf.ocr.progress = nullptr;
  a.options.extract.pdf.word_boxes = true;   // serve's page draws a box over each fact (--bbox)
  if (std::optional<int> status = ParseIngestArgs(args, a)) return *status;

  auto started = std::chrono::steady_clock::now();
  // The rules first: a bad --rules must not leave a new, empty store behind.
  Result<Engine> engine = Engine::Create({a.rules_dir});
  if (!engine.ok()) {
    std::cerr << "baocao: rules: " << engine.status().ToString() << "\n";
    return ExitCodeFor(engine.status().code());
  }
  Result<Store> store = Store::Open(a.db);
  if (!store.ok()) {
    std::cerr << "baocao: " << store.status().ToString() << "\n";
    return kExitStore;
  }
  std::map<std::string, size_t> skipped;
  std::vector<IngestInput> inputs = CollectIngestInputs(a.paths, a.db, a.all_files, &skipped);
  Progress progress(!a.quiet && isatty(2), inputs.size());
  Result<IngestSummary> summary = Ingest(*store, *engine, inputs, a.options, [&](const IngestItem& item) {
    if (item.failure) {
      progress.Clear();
      std::cerr << "baocao: " << item.failure->ToString() << "\n";
    }
    progress.Update(item.index + 1);
  });
  progress.Clear();
  if (!summary.ok()) {
    std::cerr << "baocao: " << summary.status().ToString() << "\n";
    return kExitStore;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!a.quiet) {
    PrintSummary(inputs.size(), *summary, seconds);
    PrintSkipped(skipped);
  }
  return summary->first_failure ? ExitCodeFor(*summary->first_failure) : kExitOk;
}

}  // namespace baocao::cli
