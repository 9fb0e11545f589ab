// The upload service and the auditors' web page (`baocao serve`; the API is in docs/SERVE.md).
//
//   baocao::ServeOptions options;
//   options.db = "baocao.sqlite";
//   options.port = 0;                                   // any free port
//   baocao::Result<baocao::Server> server = baocao::Server::Start(options);
//   if (!server.ok()) return server.status();           // kUsage: "127.0.0.1:8080: cannot bind: ..."
//   std::cout << server->url() << "\n";                 // http://127.0.0.1:43117/
//   std::thread stopper([&] { WaitForSigterm(); server->Stop(); });
//   baocao::Status done = server->Run();                // returns once in-flight requests are answered
//
// What it does: documents arrive by POST /api/documents, are extracted on a pool of
// `workers` threads (so a slow PDF never holds up a read), and are stored exactly as
// `baocao ingest` stores them (Store::Put: sha256 idempotency, a changed file replaces its older
// version, a failure goes to the store's errors table). Every write goes through ONE writer
// connection behind a mutex; reads use their own read-only connections (SQLite WAL), so reads
// never wait for an extraction or a write.
// Access: uploads and deletes need `Authorization: Bearer TOKEN` with one of `tokens`; reads
// are open when bound to a loopback address and need a token otherwise. Start refuses a
// non-loopback bind without tokens (kUsage). With no tokens on loopback, the caller makes one
// (MakeToken) and prints it; nothing is ever writable without a token.
// Bounds: a request body over `max_upload` is refused with 413 before it is read (its
// Content-Length) or as soon as the streamed bytes pass the limit; each extraction gets
// `extract_timeout_seconds`, after which the request fails with 422 (the engine cannot be
// interrupted mid-stage: its worker finishes in the background, its result is dropped and a
// replacement worker keeps the pool at full strength).
// Ownership and threads: a Server owns its store connections, its engine and its threads.
// Stop() may be called from any thread (not from a signal handler: use a thread that waits
// for the signal). Errors are values: nothing here throws.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "baocao/core/status.h"

namespace baocao {

struct ServeOptions {
  std::string db = "baocao.sqlite";   // created when missing
  std::string bind = "127.0.0.1";
  int port = 8080;                    // 0: a free port chosen by the system (see Server::port)
  size_t workers = 0;                 // extraction threads; 0: the number of CPUs
  std::vector<std::string> tokens;    // bearer tokens accepted (ReadTokenFile)
  std::vector<std::string> token_names;   // who each token is, for review marks ("token N" when empty)
  size_t max_upload = size_t(50) << 20;
  double extract_timeout_seconds = 60;
  double header_timeout_seconds = 10;   // a connection's request head must be whole by then (408)
  std::string rules_dir;              // empty: as Engine::Create finds them
  ExtractOptions extract;             // as `baocao ingest` takes them (--encoding, --lang)
  bool quiet = false;                 // no request log on standard error
  // pdf.js (Debian's libjs-pdf), with which the page draws a PDF's pages; "" or a folder
  // without it: the page shows the text only (/api/status "page_images": false).
  std::string pdfjs_dir = "/usr/share/javascript/pdf";
};

// One token a line, or a name and a token ("kiem.toan.1 TOKEN": the name review marks record);
// blank lines and lines starting with '#' are skipped, spaces around trimmed. `names`, when
// given, gets each token's name ("" for none). kNotFound / kUnreadable for the file, kUsage when
// it holds no token, a token shorter than 16 bytes, more than two fields on a line, or
// characters outside visible ASCII.
Result<std::vector<std::string>> ReadTokenFile(const std::string& path, std::vector<std::string>* names = nullptr);
// 32 random bytes as 64 hex digits, from the system's random source.
Result<std::string> MakeToken();
// True for 127.0.0.0/8, ::1, IPv4-mapped 127.0.0.0/8 ("::ffff:127.0.0.1") and "localhost".
bool IsLoopbackAddress(const std::string& bind);

class Server {
 public:
  // Opens the store (creating it), loads the rules, starts the workers and binds the port.
  // kUsage: bad options or the address cannot be bound; kStore; kBadRules.
  static Result<Server> Start(const ServeOptions& options);
  Server(Server&&) noexcept;
  Server& operator=(Server&&) noexcept;
  ~Server();

  int port() const;
  std::string url() const;   // "http://127.0.0.1:8080/" (IPv6 addresses in brackets)

  // Serves until Stop(). Returns after in-flight requests are answered, the workers stopped
  // and the store closed; a request cut off by the stop never leaves part of a document.
  Status Run();
  // Stops accepting connections; safe from any thread, at most once is needed.
  void Stop();

 private:
  Server();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baocao
