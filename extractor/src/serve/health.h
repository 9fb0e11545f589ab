// Internal: `GET /healthz`, what a monitor or a load balancer asks for: 200 {"status": "ok",
// "documents": N} when the store's file is where it was opened and answers a read, 503
// {"status": "unavailable", "error": "..."} when it is gone (deleted under the running server,
// which would go on writing to a file nobody sees) or cannot be read. It takes one read
// connection and counts the documents; it never waits for an extraction.
#pragma once

#include <httplib.h>

#include <string>

#include "serve/queries.h"

namespace baocao::serve {

// `db` is the store's path, as the server opened it.
void AnswerHealth(ReaderPool& readers, const std::string& db, httplib::Response& res);

}  // namespace baocao::serve
