// Internal: what the corpus component (baocao/corpus/corpus.h) reads from the store and writes back,
// as values. The SQL stays in store/: corpus/ never sees a statement or a column index.
//
//   Status s = store::ForEachFact(store, [&](store::StoredFact&& f) { facts.push_back(...); });
//   if (!s.ok()) return s;   // kStore: "baocao.sqlite: facts: SQLite's message"
//
// Errors are kStore Status values naming the database (Store::path) and the table. Every
// function runs on the caller's Store: not thread-safe, as the Store itself.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/core/document.h"
#include "baocao/core/status.h"
#include "baocao/store/store.h"

namespace baocao::store {

// One row of `facts` with its document's id; a NULL text column is read as "".
struct StoredFact {
  int64_t document = 0;
  Fact fact;
};
// Calls `visit` with every fact of the store, ordered by document, span start and id; the
// rows are read one at a time, so the caller keeps them without a second copy.
Status ForEachFact(Store& store, const std::function<void(StoredFact&&)>& visit);

// One `mentions` row of type reference: the cited document's number (iso), kind and date.
struct StoredCitation {
  int64_t document = 0;
  std::string number;
  std::string kind;
  std::string date;
  Span span;
};
// Calls `visit` with every reference mention, ordered by document, span start and id.
Status ForEachCitation(Store& store, const std::function<void(StoredCitation&&)>& visit);

// The meta columns of one `documents` row; a NULL column is read as "".
struct StoredDocumentMeta {
  int64_t id = 0;
  std::string path, kind, number, symbol, issuer, ward, province, date, title, format, encoding;
};
// Calls `visit` for each document in id order with its original bytes, which are valid only
// during the call: one document's source is in memory at a time.
Status ForEachDocumentWithSource(Store& store,
                                 const std::function<void(const StoredDocumentMeta&, std::string_view source)>& visit);

// Calls `visit` for each of `ids` that is stored, in id order, with the document's format,
// encoding ("" when NULL) and original bytes (valid only during the call).
Status ForEachSource(Store& store, const std::set<int64_t>& ids,
                     const std::function<void(int64_t id, const std::string& format, const std::string& encoding,
                                              std::string_view source)>& visit);

// One row of `corpus_flags`, its JSON columns already serialized; an empty ward, period or
// rule is stored as NULL.
struct CorpusFlagRow {
  std::string kind, severity;
  std::string indicators;   // JSON array of catalogue ids
  std::string ward, period;
  std::optional<double> stated, computed;
  std::string explanation, rule;
  std::string evidence;     // JSON array of evidence objects (docs/STORE.md)
};
// Replaces the whole `corpus_flags` table with `rows`, in one transaction: a failure leaves
// the previous rows.
Status ReplaceCorpusFlags(Store& store, const std::vector<CorpusFlagRow>& rows);

}  // namespace baocao::store
