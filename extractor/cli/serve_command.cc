// `baocao serve`: options, signals and the URL line; the library does the serving
// (baocao/serve/serve.h, docs/SERVE.md).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <optional>
#include <thread>

#include "baocao/serve/serve.h"
#include "cli.h"

namespace baocao::cli {
namespace {

constexpr const char* kServeHelp = R"(Usage: baocao serve [options]

Serves the store over HTTP: an upload API (JSON, docs/SERVE.md) and the auditors' web page at
/ (upload by drag and drop, the documents with their flags, each document's text with its facts
and flagged numbers marked, the comparison across wards). Uploaded files are extracted and
stored exactly as `baocao ingest` stores them, under the path upload/NAME.

Options:
      --db FILE              the store (default ./baocao.sqlite; created when missing)
      --bind ADDRESS         the address to listen on (default 127.0.0.1)
      --port N               the port (default 8080; 0: any free port)
  -j, --jobs N               extraction workers (default: the number of CPUs)
      --token-file FILE      bearer tokens, one a line ("NAME TOKEN" names who marks flags with
                             it): uploads, deletes and review marks need one, and so
                             do reads when --bind is not a loopback address. Without it (only
                             allowed on loopback) a random token is made and printed in the URL
      --max-upload BYTES     refuse larger files with 413 (default 52428800; K, M, G suffixes)
      --extract-timeout S    seconds one extraction may take before the upload fails with 422
                             (default 60; fractions allowed)
      --max-seconds S        a shorter deadline for each extraction than --extract-timeout
      --header-timeout S     seconds a connection may take to send its request headers before
                             it is closed with 408 (default 10; fractions allowed)
      --max-memory M         stop an extraction once the server's resident memory passes M
                             bytes (K, M, G suffixes; default 2G; 0: no limit): 422
      --rules DIR            rule folder (default: $BAOCAO_RULES, or installed, or source rules/)
      --encoding ENC         force the input encoding: utf-8 | utf-16le | utf-16be | windows-1258
      --ocr MODE             scanned PDF pages: auto (default; $BAOCAO_OCR) | always | never
      --lang LANG            language of the stored flags' explanations: vi (default) | en
      --tune S.F=V           set threshold F of stage S to V (repeatable; `baocao --tune list`)
      --pdfjs DIR            pdf.js (Debian's libjs-pdf), with which the page draws each PDF
                             page with boxes over its facts (default /usr/share/javascript/pdf;
                             "": text only)
  -q, --quiet                no request log on standard error
  -h, --help                 this help

Prints the page's URL on standard output once it listens. SIGTERM or SIGINT stop it: no new
connection is accepted, uploads in flight finish (or leave nothing behind), the store is closed,
and the exit status is 0.

Exit status: 0 stopped by a signal; 2 usage error (also: the address cannot be bound); 5 rules
failed to load; 8 the store cannot be opened.
)";

// "2.5" -> 2.5: a positive number of seconds, at most a day.
bool ParseSeconds(const std::string& s, double* out) {
  char* end = nullptr;
  errno = 0;
  double seconds = std::strtod(s.c_str(), &end);
  if (errno || end == s.c_str() || *end || !(seconds > 0) || seconds > 86400) return false;
  *out = seconds;
  return true;
}

// Parses `args` into `options` and `token_file`; the exit status when the command ends here
// (help, usage error).
std::optional<int> ParseServeArgs(const std::vector<std::string>& args, ServeOptions& options, std::string& token_file) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) -> bool {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      std::cout << kServeHelp;
      return kExitOk;
    }
    if (a == "--db") {
      if (!value(&options.db)) return Usage("--db needs a file");
    } else if (a == "--bind") {
      if (!value(&options.bind) || options.bind.empty()) return Usage("--bind needs an address");
    } else if (a == "--port") {
      size_t port = 0;
      if (!value(&v) || !ParseSize(v, &port) || port > 65535) return Usage("--port needs a number 0-65535");
      options.port = static_cast<int>(port);
    } else if (a == "-j" || a == "--jobs" || (a.rfind("-j", 0) == 0 && a.size() > 2 && a[2] != '-')) {
      std::string n = a.size() > 2 && a[1] == 'j' ? a.substr(2) : (i + 1 < args.size() ? args[++i] : "");
      if (!ParseSize(n, &options.workers) || options.workers == 0 || options.workers > 256) {
        return Usage("-j needs a number of workers (1-256)");
      }
    } else if (a == "--token-file") {
      if (!value(&token_file)) return Usage("--token-file needs a file");
    } else if (a == "--max-upload") {
      if (!value(&v) || !ParseBytes(v, &options.max_upload)) return Usage("--max-upload needs a number of bytes (50M, 1048576)");
    } else if (a == "--extract-timeout") {
      if (!value(&v)) return Usage("--extract-timeout needs seconds");
      if (!ParseSeconds(v, &options.extract_timeout_seconds)) {
        return Usage("--extract-timeout needs a positive number of seconds (at most 86400)");
      }
    } else if (a == "--header-timeout") {
      if (!value(&v) || !ParseSeconds(v, &options.header_timeout_seconds)) {
        return Usage("--header-timeout needs a positive number of seconds (at most 86400)");
      }
    } else if (a == "--pdfjs") {
      if (!value(&options.pdfjs_dir)) return Usage("--pdfjs needs a folder");
    } else if (a == "-q" || a == "--quiet") {
      options.quiet = true;
    } else if (int parsed = ParseCommonOption(args, i, options.rules_dir, options.extract); parsed != kNotCommon) {
      if (parsed != kExitOk) return parsed;
    } else {
      return Usage("unknown argument '" + a + "'");
    }
  }
  return std::nullopt;
}

// The bearer tokens: those of --token-file, or on loopback one made for this run and handed to
// the page in the URL's `fragment`. The exit status when they cannot be had.
std::optional<int> SetUpTokens(const std::string& token_file, ServeOptions& options, std::string& fragment) {
  if (!token_file.empty()) {
    Result<std::vector<std::string>> tokens = ReadTokenFile(token_file, &options.token_names);
    if (!tokens.ok()) {
      std::cerr << "baocao: " << tokens.status().ToString() << "\n";
      return tokens.status().code() == ErrorCode::kUsage ? kExitUsage : kExitUnreadable;
    }
    options.tokens = std::move(tokens).value();
  } else if (IsLoopbackAddress(options.bind)) {
    // Nothing is writable without a token: make one for this run and hand it to the page.
    Result<std::string> token = MakeToken();
    if (!token.ok()) {
      std::cerr << "baocao: " << token.status().ToString() << "\n";
      return kExitInternal;
    }
    options.tokens.push_back(*token);
    fragment = "#token=" + *token;
  }
  return std::nullopt;
}

// Signals are taken by one thread with sigwait, so every other thread (httplib's, the
// workers) must block them: block before any thread starts.
sigset_t BlockStopSignals() {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  return stop_signals;
}

// Runs the server until SIGINT or SIGTERM stops it; its final status.
Status RunUntilStopped(Server& server, const sigset_t& stop_signals, bool quiet) {
  std::atomic<bool> finished{false};
  std::thread waiter([&] {
    timespec tick{0, 200 * 1000 * 1000};
    while (!finished) {
      int sig = sigtimedwait(&stop_signals, nullptr, &tick);
      if (sig == SIGINT || sig == SIGTERM) {
        if (!quiet) std::cerr << "baocao: serve: stopping (" << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ")\n";
        server.Stop();
        return;
      }
    }
  });
  Status done = server.Run();
  finished = true;
  waiter.join();
  return done;
}

}  // namespace

int ServeCommand(const std::vector<std::string>& args) {
  ServeOptions options;
  options.extract = DefaultExtractOptions();   // scans read by OCR, as `extract` and `ingest` do
  options.extract.pdf.ocr.progress = nullptr;
  options.extract.pdf.word_boxes = true;   // the page draws a box over each fact (--bbox)
  std::string token_file, fragment;
  if (std::optional<int> status = ParseServeArgs(args, options, token_file)) return *status;
  if (std::optional<int> status = SetUpTokens(token_file, options, fragment)) return *status;

  sigset_t stop_signals = BlockStopSignals();
  Result<Server> server = Server::Start(options);
  if (!server.ok()) {
    std::cerr << "baocao: serve: " << server.status().ToString() << "\n";
    return server.status().code() == ErrorCode::kStore ? kExitStore : ExitCodeFor(server.status().code());
  }
  std::cout << server->url() << fragment << std::endl;
  if (!options.quiet) {
    std::cerr << "baocao: serving " << options.db << " on " << server->url()
              << (fragment.empty() ? "" : " (uploads need the token in the URL above)") << "; stop with Ctrl-C\n";
  }
  Status done = RunUntilStopped(*server, stop_signals, options.quiet);
  if (!done.ok()) {
    std::cerr << "baocao: serve: " << done.ToString() << "\n";
    return ExitCodeFor(done.code());
  }
  return kExitOk;
}

}  // namespace baocao::cli
