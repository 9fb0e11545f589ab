// `baocao serve`: the HTTP API of docs/SERVE.md and the web page, on cpp-httplib.
//
// Threads: httplib's pool answers requests; an upload hands its bytes to the ExtractPool and
// waits; the one writer connection (behind writer_mu_) stores the result; reads take a
// read-only connection from the ReaderPool. A request is refused (401, 413) in the pre-routing
// handler, before httplib reads its body.
#include "baocao/serve/serve.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "baocao/corpus/corpus.h"
#include "baocao/emit/json.h"
#include "baocao/store/store.h"
#include "core/strings.h"
#include "serve/assets.h"
#include "serve/auth.h"
#include "serve/extract_pool.h"
#include "serve/flag_views.h"
#include "serve/health.h"
#include "serve/http_server.h"
#include "serve/http_util.h"
#include "serve/pages.h"
#include "serve/proxy.h"
#include "serve/queries.h"
#include "serve/reviews.h"
#include "serve/table_export.h"
#include "baocao/store/reviews.h"
#include "serve/upload.h"
#include "serve/upload_body.h"
#include "serve/upload_watch.h"
#include "serve/vendor_files.h"

namespace baocao {
namespace {

using nlohmann::json;
using serve::ExtractPool;
using serve::Dump;
using serve::HttpStatusFor;
using serve::PageParams;
using serve::Param;
using serve::ParseId;
using serve::ReaderPool;
using serve::SendError;
using serve::SendStatus;

constexpr size_t kMultipartSlack = size_t(64) << 10;   // boundaries and part headers around the file
constexpr auto kCacheLifetime = std::chrono::seconds(5);
constexpr size_t kQueuedRoundsPerThread = 4;   // requests that may wait for a thread, per thread

// One client address may have three quarters of the request threads at once, so that another
// always finds one; the queues hold a few rounds of work, and refuse beyond with 503.
serve::ConnectionLimits ConnectionLimitsFor(size_t threads, double header_timeout_seconds) {
  serve::ConnectionLimits limits;
  limits.gate.head_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::duration<double>(header_timeout_seconds));
  limits.threads.threads = threads;
  limits.threads.max_running_per_client = std::max<size_t>(1, threads * 3 / 4);
  limits.threads.max_queued = kQueuedRoundsPerThread * threads;
  limits.threads.max_queued_per_client = kQueuedRoundsPerThread * threads / 2;
  return limits;
}

json ConnectionsJson(const serve::HttpServer::Stats& s) {
  return {{"waiting_for_headers", s.gate.waiting},
          {"answering", s.threads.running},
          {"queued", s.threads.queued},
          {"refused_busy", s.threads.refused},
          {"timed_out", s.gate.timed_out},
          {"headers_too_large", s.gate.too_large},
          {"evicted", s.gate.evicted}};
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  std::optional<Engine> engine;
  std::optional<CorpusRules> corpus_rules;
  std::unique_ptr<ExtractPool> pool;
  std::mutex writer_mu;
  std::optional<Store> writer;
  std::unique_ptr<ReaderPool> readers;
  serve::TokenSet tokens;
  bool reads_need_token = false;
  serve::HttpServer http;
  int port = 0;
  size_t http_threads = 0;
  size_t max_uploads = 0;
  std::atomic<size_t> uploads{0};
  serve::UploadWatches watches;   // uploads the page follows (X-Upload-Id) and may cancel
  std::atomic<uint64_t> generation{0};   // bumped by every write, so cached reads know they are stale
  std::once_flag stopped;

  struct Cached {
    uint64_t generation;
    std::chrono::steady_clock::time_point at;
    std::string body;
  };
  std::mutex cache_mu;
  std::map<std::string, Cached> cache;

  void Routes();
  bool Authorized(const httplib::Request& req) const {
    return tokens.Contains(serve::BearerToken(req.get_header_value("Authorization")));
  }
  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res);
  void Upload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
  // Where an upload goes: the first of "NAME", "NAME (2)", … that is free or holds the same
  // bytes (`unchanged`); with `replace`, NAME itself.
  struct UploadPlace {
    std::string path;
    bool unchanged = false;
    bool renamed = false;   // stored as "NAME (2)": another document has NAME
  };
  static constexpr int kMaxSameNameCopies = 1000;
  Result<UploadPlace> PlaceUpload(const std::string& safe_name, const std::string& sha256, bool replace);
  void ExtractAndStore(httplib::Response& res, std::string bytes, const UploadPlace& place, const std::string& sha256,
                       serve::UploadKind kind, bool replace,
                       const std::shared_ptr<serve::ExtractWatch>& watch);
  void ExtractionFailed(httplib::Response& res, const Status& failure, const std::string& path,
                        const std::string& sha256, serve::UploadKind kind);
  void Stored(httplib::Response& res, int status, const std::string& path, const char* outcome, bool renamed = false,
              const std::string* extraction_json = nullptr);
  void ListDocuments(const httplib::Request& req, httplib::Response& res);
  std::optional<StoredDocument> FindDocument(const httplib::Request& req, httplib::Response& res, bool with_source);
  void GetDocument(const httplib::Request& req, httplib::Response& res);
  void GetSource(const httplib::Request& req, httplib::Response& res);
  void GetPages(const httplib::Request& req, httplib::Response& res);
  void DeleteDocument(const httplib::Request& req, httplib::Response& res);
  void ListFlags(const httplib::Request& req, httplib::Response& res);
  void CorpusFlags(const httplib::Request& req, httplib::Response& res);
  // GET (progress) or DELETE (cancel) /api/uploads/{id}: serve/upload_watch.h.
  void WatchUpload(const httplib::Request& req, httplib::Response& res, bool cancel);
  void CompareWards(const httplib::Request& req, httplib::Response& res);
  // GET /api/compare.{csv,xlsx}: the comparison as docs/COMPARE.md's files.
  void CompareDownload(const httplib::Request& req, httplib::Response& res);
  // period, province and indicator (repeatable, or comma-separated ids); false with a 400 in `res`.
  bool CompareOptionsFrom(const httplib::Request& req, httplib::Response& res, CompareOptions& compare);
  Result<Comparison> BuildComparison(const CompareOptions& compare);
  void ExportCsv(const httplib::Request& req, httplib::Response& res);
  void GetReviews(const httplib::Request& req, httplib::Response& res);
  // GET /api/{documents,flags,reviews}.{csv,xlsx}: a list as a file, with the list's filters.
  void Download(const httplib::Request& req, httplib::Response& res);
  // PUT sets the mark of flag req.matches[2] of document req.matches[1]; DELETE removes it.
  void WriteReview(const httplib::Request& req, httplib::Response& res, bool remove);
  // A cached JSON body for `key`, recomputed when a write happened since or it is older than
  // kCacheLifetime (another process may write the store too).
  Result<std::string> CachedBody(const std::string& key, const std::function<Result<std::string>()>& compute);
};

Server::Server() : impl_(std::make_unique<Impl>()) {}
Server::Server(Server&&) noexcept = default;
Server& Server::operator=(Server&&) noexcept = default;
Server::~Server() {
  if (impl_ && impl_->pool) impl_->pool->Shutdown();
}

Result<Server> Server::Start(const ServeOptions& options) {
  Server server;
  Impl& s = *server.impl_;
  s.options = options;
  if (options.max_upload == 0) return Status(ErrorCode::kUsage, "--max-upload must be at least 1 byte");
  if (!(options.extract_timeout_seconds > 0)) return Status(ErrorCode::kUsage, "--extract-timeout must be positive");
  if (!(options.header_timeout_seconds > 0)) return Status(ErrorCode::kUsage, "--header-timeout must be positive");
  bool loopback = IsLoopbackAddress(options.bind);
  if (!loopback && options.tokens.empty()) {
    return Status(ErrorCode::kUsage, options.bind + " is not a loopback address: give --token-file (reads and writes then need a token)");
  }
  s.tokens = serve::TokenSet(options.tokens, options.token_names);
  s.reads_need_token = !loopback;

  Result<Engine> engine = Engine::Create({options.rules_dir});
  if (!engine.ok()) return engine.status();
  s.engine.emplace(std::move(engine).value());
  Result<CorpusRules> corpus_rules = CorpusRules::Load(s.engine->rules_dir());
  if (!corpus_rules.ok()) return corpus_rules.status();
  s.corpus_rules.emplace(std::move(corpus_rules).value());

  Result<Store> writer = Store::Open(options.db);
  if (!writer.ok()) return writer.status();
  s.writer.emplace(std::move(writer).value());
  s.readers = std::make_unique<ReaderPool>(options.db);

  size_t workers = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
  s.pool = std::make_unique<ExtractPool>(*s.engine, options.extract, workers);
  // Enough request threads that uploads waiting for extraction never take the last ones:
  // uploads beyond `max_uploads` at once get 503, reads always find a thread.
  s.http_threads = std::max<size_t>(24, 2 * workers + 16);
  s.max_uploads = s.http_threads - 8;
  if (Status prepared = s.http.Prepare(ConnectionLimitsFor(s.http_threads, options.header_timeout_seconds)); !prepared.ok()) return prepared;
  s.http.set_payload_max_length(options.max_upload + kMultipartSlack);
  // httplib sets SO_REUSEPORT, which lets a second server bind the same port: requests would
  // then alternate between two stores. SO_REUSEADDR alone still allows a quick restart.
  s.http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  s.http.set_read_timeout(30);
  s.http.set_write_timeout(30);
  s.http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"},
                              {"Cache-Control", "no-store"}});
  s.Routes();

  if (options.port < 0 || options.port > 65535) return Status(ErrorCode::kUsage, "--port must be 0-65535");
  if (options.port == 0) {
    s.port = s.http.bind_to_any_port(options.bind);
    if (s.port <= 0) return Status(ErrorCode::kUsage, options.bind + ": cannot bind to a free port");
  } else {
    if (!s.http.bind_to_port(options.bind, options.port)) {
      return Status(ErrorCode::kUsage, options.bind + ":" + std::to_string(options.port) + ": cannot bind (in use, or not an address of this machine)");
    }
    s.port = options.port;
  }
  s.http.SetBacklog(SOMAXCONN);
  return server;
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  std::string host = impl_->options.bind;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->port) + "/";
}

Status Server::Run() {
  bool clean = impl_->http.listen_after_bind();
  // Every request thread has finished: no upload is waiting any more.
  impl_->pool->Shutdown();
  {
    std::lock_guard lock(impl_->writer_mu);
    impl_->writer.reset();
  }
  impl_->readers.reset();
  if (!clean) return Status(ErrorCode::kInternal, "the listening socket failed");
  return Status::Ok();
}

void Server::Stop() {
  std::call_once(impl_->stopped, [this] { impl_->http.stop(); });
}

// ---- routes -----------------------------------------------------------------------------------

void Server::Impl::Routes() {
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) { return PreRoute(req, res); });
  // A client that asks first (curl does for large bodies) is refused before it sends anything.
  http.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
    return PreRoute(req, res) == httplib::Server::HandlerResponse::Handled ? res.status : 100;
  });
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) SendError(res, res.status, serve::ReasonCode(res.status), serve::ReasonMessage(res.status));
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, 500, "internal", "internal error");
  });
  // Behind a proxy at a sub-path, a Location names the path the client sees.
  http.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) { serve::PrefixLocation(req, res); });
  if (!options.quiet) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s\n", serve::RequestLogLine(req, res).c_str());
    });
  }

  http.Get("/", [this](const httplib::Request&, httplib::Response& res) { serve::AnswerAsset("index.html", res); });
  http.Get(R"(/([a-z0-9][a-z0-9_-]*\.(?:js|css|svg|html)))",
           [this](const httplib::Request& req, httplib::Response& res) { serve::AnswerAsset(req.matches[1], res); });
  http.Get(R"(/vendor/pdfjs/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    Result<serve::VendorFile> file = serve::ReadVendorFile(options.pdfjs_dir, req.matches[1].str());
    if (!file.ok()) return SendStatus(res, file.status());
    res.set_header("Cache-Control", "max-age=86400");
    res.set_content(std::move(file->body), file->content_type);
  });
  http.Get("/api/documents", [this](const httplib::Request& req, httplib::Response& res) { ListDocuments(req, res); });
  http.Post("/api/documents", [this](const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& reader) { Upload(req, res, reader); });
  http.Get(R"(/api/documents/([0-9]+))", [this](const httplib::Request& req, httplib::Response& res) { GetDocument(req, res); });
  http.Get(R"(/api/documents/([0-9]+)/source)",
           [this](const httplib::Request& req, httplib::Response& res) { GetSource(req, res); });
  http.Get(R"(/api/documents/([0-9]+)/pages)",
           [this](const httplib::Request& req, httplib::Response& res) { GetPages(req, res); });
  http.Delete(R"(/api/documents/([0-9]+))",
              [this](const httplib::Request& req, httplib::Response& res) { DeleteDocument(req, res); });
  const std::string upload = R"(/api/uploads/([A-Za-z0-9_-]+))";
  http.Get(upload, [this](const httplib::Request& req, httplib::Response& res) { WatchUpload(req, res, false); });
  http.Delete(upload, [this](const httplib::Request& req, httplib::Response& res) { WatchUpload(req, res, true); });
  http.Get("/api/flags", [this](const httplib::Request& req, httplib::Response& res) { ListFlags(req, res); });
  http.Get("/api/compare", [this](const httplib::Request& req, httplib::Response& res) { CompareWards(req, res); });
  http.Get(R"(/api/compare\.(csv|xlsx))", [this](const httplib::Request& req, httplib::Response& res) { CompareDownload(req, res); });
  http.Get("/api/export.csv", [this](const httplib::Request& req, httplib::Response& res) { ExportCsv(req, res); });
  http.Get(R"(/api/documents/([0-9]+)/reviews)",
           [this](const httplib::Request& req, httplib::Response& res) { GetReviews(req, res); });
  const std::string review = R"(/api/documents/([0-9]+)/flags/([0-9]+)/review)";
  http.Put(review, [this](const httplib::Request& req, httplib::Response& res) { WriteReview(req, res, false); });
  http.Delete(review, [this](const httplib::Request& req, httplib::Response& res) { WriteReview(req, res, true); });
  http.Get(R"(/api/(documents|flags|reviews)\.(csv|xlsx))",
           [this](const httplib::Request& req, httplib::Response& res) { Download(req, res); });
  http.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) { serve::AnswerHealth(*readers, options.db, res); });
  http.Get("/api/status", [this](const httplib::Request& req, httplib::Response& res) {
    Result<ReaderPool::Lease> store = readers->Acquire();
    if (!store.ok()) return SendStatus(res, store.status());
    Result<int64_t> count = (*store)->CountDocuments();
    if (!count.ok()) return SendStatus(res, count.status());
    res.set_content(Dump({{"documents", *count},
                          {"workers", options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency())},
                          {"stragglers", pool->stragglers()},
                          {"extracting", pool->running()},
                          {"uploads_in_flight", uploads.load()},
                          {"connections", ConnectionsJson(http.stats())},
                          {"max_upload", options.max_upload},
                          {"page_images", serve::HasPdfJs(options.pdfjs_dir)},
                          {"reads_need_token", reads_need_token || serve::ViaLocalProxy(req)}}),
                    "application/json; charset=utf-8");
  });
}

httplib::Server::HandlerResponse Server::Impl::PreRoute(const httplib::Request& req, httplib::Response& res) {
  using HR = httplib::Server::HandlerResponse;
  serve::NoteRequestStart();
  // Open reads on loopback are for this machine's browser, not for a web page that renamed
  // its own host to 127.0.0.1 (DNS rebinding): the Host must name a loopback address. A request
  // through a proxy on this machine needs a token to read (serve/proxy.h), whatever its Host.
  const bool proxied = serve::ViaLocalProxy(req);
  if (!reads_need_token && !proxied && !serve::LoopbackHost(req.get_header_value("Host"))) {
    SendError(res, 403, "forbidden_host", "this server answers requests for 127.0.0.1, [::1] or localhost only");
    return HR::Handled;
  }
  if (req.path.rfind("/api/", 0) != 0) return HR::Unhandled;   // the page itself holds no data
  bool writes = req.method != "GET" && req.method != "HEAD";
  if (writes && !serve::SameOriginOrNone(req.get_header_value("Origin"), serve::RequestHost(req))) {
    SendError(res, 403, "forbidden_origin", "a page of another origin cannot write here");
    return HR::Handled;
  }
  if ((writes || reads_need_token || proxied) && !Authorized(req)) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"baocao\"");
    bool sent = !serve::BearerToken(req.get_header_value("Authorization")).empty();
    SendError(res, 401, "unauthorized",
              sent ? "the bearer token is not one of the server's (--token-file)"
                   : "this needs an 'Authorization: Bearer TOKEN' header (a token of --token-file)");
    return HR::Handled;
  }
  // Refuse an oversized body from its declared length, before a byte of it is read.
  if (req.has_header("Content-Length")) {
    uint64_t length = 0;
    std::string v = req.get_header_value("Content-Length");
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), length);
    if (ec != std::errc() || end != v.data() + v.size()) {
      SendError(res, 400, "bad_request", "Content-Length is not a number");
      return HR::Handled;
    }
    // Slightly over (up to kMultipartSlack): read and dropped, so that the client, which sends
    // its whole body before it reads, gets the 413; the handler holds the file to the limit.
    if (length > options.max_upload + kMultipartSlack) {
      SendError(res, 413, "too_large",
                std::to_string(length) + " bytes exceeds the " + std::to_string(options.max_upload) + "-byte limit (--max-upload)");
      return HR::Handled;
    }
  }
  return HR::Unhandled;
}

// ---- uploads ----------------------------------------------------------------------------------

void Server::Impl::Upload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
  // A bounded number of uploads at once: each holds a request thread while it waits for its
  // extraction, and reads must always find one.
  struct Slot {
    std::atomic<size_t>& n;
    ~Slot() { --n; }
  } slot{uploads};
  if (++uploads > max_uploads) {
    res.set_header("Retry-After", "1");
    return SendError(res, 503, "busy", "too many uploads at once; try again in a moment");
  }
  serve::HttpError refused;
  std::optional<serve::UploadBody> body = serve::ReadUploadBody(req, reader, options.max_upload, kMultipartSlack, refused);
  if (!body) return SendError(res, refused.status, refused.code, refused.message);

  bool pdf = serve::LooksLikePdfBytes(body->bytes);
  std::string safe = serve::SafeUploadName(body->name.empty() ? (pdf ? "document.pdf" : "document.txt") : body->name);
  Result<serve::UploadKind> kind = serve::ClassifyUpload(body->bytes, safe, body->declared_type);
  if (!kind.ok()) return SendError(res, 415, "unsupported_media_type", kind.status().message());
  const std::string sha256 = Sha256Hex(body->bytes);
  // A document is what its bytes are: another file under a name already taken is stored beside
  // it ("bao-cao (2).txt"), never in its place; replacing is asked for (`?replace=1`).
  const bool replace = req.has_param("replace") && req.get_param_value("replace") == "1";
  Result<UploadPlace> place = PlaceUpload(safe, sha256, replace);
  if (!place.ok()) return SendStatus(res, place.status());
  if (place->unchanged) return Stored(res, 200, place->path, "unchanged", place->renamed);
  // The page follows the extraction (OCR pages done of the total) and may cancel it.
  const std::string upload_id = req.get_header_value("X-Upload-Id");
  std::shared_ptr<serve::ExtractWatch> watch = watches.Begin(upload_id);
  const bool large = body->bytes.size() > serve::kReturnMemoryAfterBytes;
  ExtractAndStore(res, std::move(body->bytes), *place, sha256, *kind, replace, watch);
  if (watch) watches.End(upload_id);
  if (large) serve::ReturnFreedMemory();
}

Result<Server::Impl::UploadPlace> Server::Impl::PlaceUpload(const std::string& safe_name, const std::string& sha256,
                                                            bool replace) {
  Result<ReaderPool::Lease> store = readers->Acquire();
  if (!store.ok()) return store.status();
  for (int copy = 1; copy <= kMaxSameNameCopies; ++copy) {
    const std::string path = internal::Concat({serve::kUploadPrefix, serve::NumberedUploadName(safe_name, copy)});
    Result<std::optional<std::string>> stored = (*store)->Sha256Of(path);
    if (!stored.ok()) return stored.status();
    if (!*stored || replace) return UploadPlace{path, false, copy > 1};
    if (**stored == sha256) return UploadPlace{path, true, copy > 1};   // the same bytes: nothing to do
  }
  return Status(ErrorCode::kUsage, safe_name + ": " + std::to_string(kMaxSameNameCopies) +
                                       " other documents already have this name; give the file a distinct name");
}

void Server::Impl::ExtractAndStore(httplib::Response& res, std::string bytes, const UploadPlace& place,
                                   const std::string& sha256, serve::UploadKind kind, bool replace,
                                   const std::shared_ptr<serve::ExtractWatch>& watch) {
  const std::string& path = place.path;
  auto timeout = std::chrono::milliseconds(static_cast<int64_t>(options.extract_timeout_seconds * 1000 + 0.5));
  Result<PreparedDocument> prepared = pool->Extract(std::move(bytes), path, std::max(timeout, std::chrono::milliseconds(1)), watch);
  if (!prepared.ok()) return ExtractionFailed(res, prepared.status(), path, sha256, kind);
  Result<PutOutcome> outcome = Status(ErrorCode::kInternal, "the store is closed");
  {
    std::lock_guard lock(writer_mu);
    // Another upload may have taken the free name while this one was extracted: never in its place.
    if (writer && !replace) {
      Result<std::optional<std::string>> now = writer->Sha256Of(path);
      if (now.ok() && *now && **now != sha256) {
        return SendError(res, 409, "name_taken", path + " was taken by another upload meanwhile; send the file again");
      }
    }
    if (writer) outcome = writer->Put(*prepared);
    ++generation;
  }
  if (!outcome.ok()) return SendStatus(res, outcome.status());
  Stored(res, *outcome == PutOutcome::kUnchanged ? 200 : 201, path, PutOutcomeName(*outcome), place.renamed, &prepared->json);
}

void Server::Impl::WatchUpload(const httplib::Request& req, httplib::Response& res, bool cancel) {
  const std::string id = req.matches[1];
  std::shared_ptr<serve::ExtractWatch> watch = watches.Find(id);
  if (!watch) return SendError(res, 404, "not_found", "no upload " + id + " is being extracted");
  if (cancel) watch->cancel->store(true);
  res.set_content(Dump({{"id", id}, {"page", watch->page.load()}, {"pages", watch->pages.load()},
                        {"cancelled", watch->cancel->load()}}), "application/json; charset=utf-8");
}

void Server::Impl::ExtractionFailed(httplib::Response& res, const Status& failure, const std::string& path,
                                    const std::string& sha256, serve::UploadKind kind) {
  if (failure.code() == ErrorCode::kInternal) return SendStatus(res, failure);
  // A PDF that cannot be read is a file that cannot be parsed, whatever the engine calls it.
  int status = kind == serve::UploadKind::kPdf ? 422 : HttpStatusFor(failure.code());
  if (status == 413 || status == 500) status = HttpStatusFor(failure.code());
  if (status == 422) {
    // A text or PDF that failed goes to the errors table, as `baocao ingest` records a file it
    // could not extract; a refused one (415, 413) leaves no trace.
    std::lock_guard lock(writer_mu);
    if (writer) {
      // The upload's answer is the extraction's failure either way; a store that cannot
      // record it fails the next write, which reports it.
      (void)writer->RecordError(path, sha256, failure);
    }
  }
  SendError(res, status, ErrorCodeName(failure.code()), failure.message());
}

// The answer to an upload: the stored document's id, path, sha256, meta and flag count. The meta
// is read from `extraction_json` when the caller holds it (an upload just extracted: its JSON is
// 100 MB for a 50 MB text, not to be read back), else from the stored row.
void Server::Impl::Stored(httplib::Response& res, int status, const std::string& path, const char* outcome, bool renamed,
                          const std::string* extraction_json) {
  Result<ReaderPool::Lease> store = readers->Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  Result<std::optional<StoredDocument>> doc = (*store)->GetDocumentByPath(path, false, extraction_json == nullptr);
  if (!doc.ok()) return SendStatus(res, doc.status());
  if (!*doc) return SendError(res, 500, "internal", path + ": stored, then not found (deleted meanwhile?)");
  const StoredDocumentInfo& info = (*doc)->info;
  json meta = serve::MetaOf(extraction_json ? *extraction_json : (*doc)->extraction_json);
  res.status = status;
  res.set_header("Location", "/api/documents/" + std::to_string(info.id));
  res.set_content(Dump({{"id", info.id},
                        {"path", info.path},
                        {"name", BaseName(info.path)},
                        {"sha256", info.sha256},
                        {"format", info.format},
                        {"outcome", outcome},
                        {"renamed", renamed},
                        {"meta", meta},
                        {"flag_count", info.flag_count},
                        {"error_count", info.error_count}}),
                  "application/json; charset=utf-8");
}

// ---- reads ------------------------------------------------------------------------------------

void Server::Impl::ListDocuments(const httplib::Request& req, httplib::Response& res) {
  serve::DocumentQuery q = serve::DocumentQueryFrom(req);
  if (!PageParams(req, res, 50, &q.limit, &q.offset)) return;
  if (!store::IsDocumentSort(q.sort)) {
    return SendError(res, 400, "bad_request", "sort is path, date, ward, province, kind or flags, with '-' before it to reverse");
  }
  Result<ReaderPool::Lease> store = readers->Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  Result<json> list = serve::ListDocuments(**store, q);
  if (!list.ok()) return SendStatus(res, list.status());
  for (json& d : (*list)["documents"]) d["name"] = BaseName(d["path"].get<std::string>());
  res.set_content(Dump(*list), "application/json; charset=utf-8");
}

// The document the request's path names, read from a reader; nullopt once `res` holds the
// error (a malformed or unknown id: 404, a store failure: its status).
std::optional<StoredDocument> Server::Impl::FindDocument(const httplib::Request& req, httplib::Response& res,
                                                         bool with_source) {
  std::optional<int64_t> id = ParseId(req.matches[1]);
  if (!id) {
    SendError(res, 404, "not_found", "no such document");
    return std::nullopt;
  }
  Result<ReaderPool::Lease> store = readers->Acquire();
  if (!store.ok()) {
    SendStatus(res, store.status());
    return std::nullopt;
  }
  Result<std::optional<StoredDocument>> doc = (*store)->GetDocument(*id, with_source);
  if (!doc.ok()) {
    SendStatus(res, doc.status());
    return std::nullopt;
  }
  if (!*doc) SendError(res, 404, "not_found", "no document " + std::to_string(*id));
  return std::move(*doc);
}

void Server::Impl::GetDocument(const httplib::Request& req, httplib::Response& res) {
  std::optional<StoredDocument> doc = FindDocument(req, res, /*with_source=*/false);
  if (!doc) return;
  res.set_header("X-Document-Id", std::to_string(doc->info.id));
  res.set_content(std::move(doc->extraction_json), "application/json; charset=utf-8");
}

void Server::Impl::GetSource(const httplib::Request& req, httplib::Response& res) {
  std::optional<StoredDocument> doc = FindDocument(req, res, /*with_source=*/true);
  if (!doc) return;
  const StoredDocumentInfo& info = doc->info;
  // The type by what the bytes are: a photograph is shown as one, a Word file downloads as Word.
  std::string encoding = "utf-8";
  if (info.format == Format::kText) {
    json stored = json::parse(doc->extraction_json, nullptr, false);
    if (stored.is_object() && stored["document"].is_object() && stored["document"]["encoding"].is_string()) {
      encoding = stored["document"]["encoding"].get<std::string>();
    }
  }
  const std::string type = serve::SourceContentType(doc->source, encoding);
  res.set_header("Content-Disposition", serve::ContentDisposition(BaseName(info.path)));
  // Never a document the browser runs: a text file holding <script> stays text.
  res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
  res.set_content(std::move(doc->source), type);
}

void Server::Impl::GetPages(const httplib::Request& req, httplib::Response& res) {
  std::optional<int64_t> id = ParseId(req.matches[1]);
  if (!id) return SendError(res, 404, "not_found", "no such document");
  serve::PageSources sources{*readers, options.extract, options.extract_timeout_seconds,
                             [this](const std::function<Status(Store&)>& write) {
                               std::lock_guard lock(writer_mu);
                               return writer ? write(*writer) : Status(ErrorCode::kInternal, "the store is closed");
                             }};
  Result<std::string> body = serve::PagesBody(*id, sources);
  if (!body.ok()) return SendStatus(res, body.status());
  res.set_content(std::move(body).value(), "application/json; charset=utf-8");
}

void Server::Impl::DeleteDocument(const httplib::Request& req, httplib::Response& res) {
  std::optional<int64_t> id = ParseId(req.matches[1]);
  if (!id) return SendError(res, 404, "not_found", "no such document");
  Result<bool> deleted = Status(ErrorCode::kInternal, "the store is closed");
  {
    std::lock_guard lock(writer_mu);
    if (writer) deleted = writer->DeleteDocument(*id);
    ++generation;
  }
  if (!deleted.ok()) return SendStatus(res, deleted.status());
  if (!*deleted) return SendError(res, 404, "not_found", "no document " + std::to_string(*id));
  res.set_content(Dump({{"deleted", *id}}), "application/json; charset=utf-8");
}

// ---- review marks -----------------------------------------------------------------------------

void Server::Impl::GetReviews(const httplib::Request& req, httplib::Response& res) {
  std::optional<int64_t> id = ParseId(req.matches[1]);
  if (!id) return SendError(res, 404, "not_found", "no such document");
  Result<ReaderPool::Lease> store = readers->Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  Result<json> reviews = serve::DocumentReviews(**store, *id);
  if (!reviews.ok()) return SendStatus(res, reviews.status());
  res.set_content(Dump(*reviews), "application/json; charset=utf-8");
}

void Server::Impl::WriteReview(const httplib::Request& req, httplib::Response& res, bool remove) {
  std::optional<int64_t> id = ParseId(req.matches[1]);
  std::optional<int64_t> flag = serve::ParseIndex(req.matches[2]);
  if (!id || !flag) return SendError(res, 404, "not_found", "no such flag");
  const int64_t index = *flag;
  Result<serve::ReviewBody> body = remove ? Result<serve::ReviewBody>(serve::ReviewBody{}) : serve::ParseReviewBody(req.body);
  if (!body.ok()) return SendError(res, 400, "bad_request", body.status().message());
  const std::string reviewer = tokens.NameOf(serve::BearerToken(req.get_header_value("Authorization")));
  std::lock_guard lock(writer_mu);
  if (!writer) return SendError(res, 500, "internal", "the store is closed");
  ++generation;
  if (remove) {
    Result<bool> removed = store::ClearReview(*writer, *id, index);
    if (!removed.ok()) return SendStatus(res, removed.status());
    return res.set_content(Dump({{"flag", index}, {"removed", *removed}}), "application/json; charset=utf-8");
  }
  Result<FlagReview> mark = store::SetReview(*writer, *id, index, body->verdict, body->comment, reviewer);
  if (!mark.ok()) return SendStatus(res, mark.status());
  res.set_content(Dump({{"flag", index}, {"review", serve::ReviewJson(*mark)}}), "application/json; charset=utf-8");
}

// A table download: `what` is the file's stem, the route's last group "csv" or "xlsx".
static void SendTable(httplib::Response& res, Result<WorkbookSheet> sheet, const std::string& what, const std::string& format) {
  if (!sheet.ok()) return SendStatus(res, sheet.status());
  res.set_header("Content-Disposition", "attachment; filename=\"baocao-" + what + "." + format + "\"");
  if (format == "csv") return res.set_content(serve::CsvOf(*sheet), "text/csv; charset=utf-8");
  Result<std::string> xlsx = serve::XlsxOf(*sheet);
  if (!xlsx.ok()) return SendStatus(res, xlsx.status());
  res.set_content(*xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void Server::Impl::Download(const httplib::Request& req, httplib::Response& res) {
  const std::string what = req.matches[1], format = req.matches[2];
  Result<ReaderPool::Lease> store = readers->Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  if (what == "documents") return SendTable(res, serve::DocumentsSheet(**store, req), what, format);
  if (what == "reviews") return SendTable(res, serve::ReviewsSheet(**store), what, format);
  Result<store::FlagQuery> q = serve::FlagQueryFrom(req);
  if (!q.ok()) return SendError(res, 400, "bad_request", q.status().message());
  SendTable(res, serve::FlagsSheet(**store, *q), what, format);
}

void Server::Impl::ListFlags(const httplib::Request& req, httplib::Response& res) {
  std::optional<std::string> scope = Param(req, "scope");
  if (scope && *scope == "corpus") return CorpusFlags(req, res);
  if (scope && *scope != "document") return SendError(res, 400, "bad_request", "scope is document (default) or corpus");
  Result<store::FlagQuery> q = serve::FlagQueryFrom(req);
  if (!q.ok()) return SendError(res, 400, "bad_request", q.status().message());
  Result<ReaderPool::Lease> store = readers->Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  Result<json> list = serve::FlagList(**store, *q, Param(req, "facets") == "1");
  if (!list.ok()) return SendStatus(res, list.status());
  res.set_content(Dump(*list), "application/json; charset=utf-8");
}

Result<std::string> Server::Impl::CachedBody(const std::string& key, const std::function<Result<std::string>()>& compute) {
  std::lock_guard lock(cache_mu);   // one computation at a time; the others then reuse it
  auto now = std::chrono::steady_clock::now();
  uint64_t current = generation.load();
  auto it = cache.find(key);
  if (it != cache.end() && it->second.generation == current && now - it->second.at < kCacheLifetime) return it->second.body;
  Result<std::string> body = compute();
  if (!body.ok()) return body;
  if (cache.size() >= 64) cache.clear();
  cache[key] = Cached{current, now, *body};
  return body;
}

void Server::Impl::CorpusFlags(const httplib::Request& req, httplib::Response& res) {
  std::optional<std::string> kind = Param(req, "kind"), severity = Param(req, "severity"), ward = Param(req, "ward");
  Result<std::string> body = CachedBody("corpus_flags", [&]() -> Result<std::string> {
    Result<ReaderPool::Lease> store = readers->Acquire();
    if (!store.ok()) return store.status();
    Result<Corpus> corpus = LoadCorpus(**store, *corpus_rules);
    if (!corpus.ok()) return corpus.status();
    std::vector<CorpusFlag> flags = AuditCorpus(*corpus, *corpus_rules);
    if (Status s = AttachLines(**store, flags); !s.ok()) return s;
    return Dump(serve::CorpusFlagsJson(flags));
  });
  if (!body.ok()) return SendStatus(res, body.status());
  json all = json::parse(*body, nullptr, false);
  json flags = json::array();
  for (json& f : all) {
    if (kind && f["kind"] != *kind) continue;
    if (severity && f["severity"] != *severity) continue;
    if (ward && f["ward"] != *ward) continue;
    flags.push_back(std::move(f));
  }
  res.set_content(Dump({{"total", flags.size()}, {"scope", "corpus"}, {"flags", std::move(flags)}}),
                  "application/json; charset=utf-8");
}

bool Server::Impl::CompareOptionsFrom(const httplib::Request& req, httplib::Response& res, CompareOptions& compare) {
  if (std::optional<std::string> p = Param(req, "period")) compare.period = *p;
  if (std::optional<std::string> p = Param(req, "province")) compare.province = *p;
  for (size_t i = 0; i < req.get_param_value_count("indicator"); ++i) {
    std::string v = req.get_param_value("indicator", i);
    size_t from = 0;
    while (from <= v.size()) {
      size_t comma = std::min(v.find(',', from), v.size());
      std::string id = v.substr(from, comma - from);
      if (!id.empty()) {
        if (!corpus_rules->catalogue.count(id)) {
          SendError(res, 400, "bad_request", "unknown indicator '" + id + "' (ids of rules/indicators.tsv)");
          return false;
        }
        compare.indicators.push_back(id);
      }
      from = comma + 1;
    }
  }
  return true;
}

Result<Comparison> Server::Impl::BuildComparison(const CompareOptions& compare) {
  Result<ReaderPool::Lease> store = readers->Acquire();
  if (!store.ok()) return store.status();
  CorpusFilter filter;
  filter.province = compare.province;
  Result<Corpus> corpus = LoadCorpus(**store, *corpus_rules, filter);
  if (!corpus.ok()) return corpus.status();
  std::vector<CorpusFlag> flags = AuditCorpus(*corpus, *corpus_rules);
  Comparison comparison = Compare(*corpus, *corpus_rules, flags, compare);
  if (Status s = AttachLines(**store, comparison); !s.ok()) return s;
  return comparison;
}

void Server::Impl::CompareWards(const httplib::Request& req, httplib::Response& res) {
  CompareOptions compare;
  if (!CompareOptionsFrom(req, res, compare)) return;
  std::string key = "compare?" + compare.period + "&" + compare.province;
  for (const std::string& id : compare.indicators) key += "&" + id;
  Result<std::string> body = CachedBody(key, [&]() -> Result<std::string> {
    Result<Comparison> comparison = BuildComparison(compare);
    if (!comparison.ok()) return comparison.status();
    return CompareToJson(*comparison);
  });
  if (!body.ok()) return SendStatus(res, body.status());
  res.set_content(*body, "application/json; charset=utf-8");
}

void Server::Impl::CompareDownload(const httplib::Request& req, httplib::Response& res) {
  CompareOptions compare;
  if (!CompareOptionsFrom(req, res, compare)) return;
  Result<Comparison> comparison = BuildComparison(compare);
  if (!comparison.ok()) return SendStatus(res, comparison.status());
  const std::string format = req.matches[1];
  res.set_header("Content-Disposition", "attachment; filename=\"baocao-compare." + format + "\"");
  if (format == "csv") return res.set_content(CompareToCsv(*comparison), "text/csv; charset=utf-8");
  Result<std::string> xlsx = serve::XlsxBytes([&](const std::string& path) { return CompareToXlsx(*comparison, path); });
  if (!xlsx.ok()) return SendStatus(res, xlsx.status());
  res.set_content(*xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void Server::Impl::ExportCsv(const httplib::Request& req, httplib::Response& res) {
  serve::ExportQuery q;
  q.ward = Param(req, "ward");
  q.province = Param(req, "province");
  q.kind = Param(req, "kind");
  q.indicator = Param(req, "indicator");
  q.period = Param(req, "period");
  // Open the connection now, so a store that cannot be read is an error status, not a cut
  // stream; the rows are streamed as they are read.
  Result<ReaderPool::Lease> store = readers->Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  auto lease = std::make_shared<ReaderPool::Lease>(std::move(store).value());
  res.set_header("Content-Disposition", "attachment; filename=\"facts.csv\"");
  res.set_chunked_content_provider("text/csv; charset=utf-8", [lease, q](size_t, httplib::DataSink& sink) {
    Status s = serve::ExportFactsCsv(**lease, q, [&](std::string_view chunk) { return sink.write(chunk.data(), chunk.size()); });
    if (!s.ok()) return false;   // the connection is cut: a reader sees a broken transfer, never a short file
    sink.done();
    return true;
  });
}

}  // namespace baocao
