// The Store API (store.h): one document per Put with all its rows, replacement by path,
// errors recorded and cleared, lookups, deletion with cascade, filters, schema versions, and
// failures as kStore values naming the database.
#include "baocao/store/reviews.h"
#include "baocao/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "baocao/pipeline/extract.h"
#include "baocao/emit/json.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store_test_util.h"

namespace baocao {
namespace {

using store_test::Count;
using store_test::TempDir;

const Engine& SharedEngine() {
  static Engine* engine = [] {
    Result<Engine> e = Engine::Create({BAOCAO_RULES_DIR});
    if (!e.ok()) std::abort();
    return new Engine(std::move(*e));
  }();
  return *engine;
}

StoreOptions ReadOnly() {
  StoreOptions options;
  options.read_only = true;
  return options;
}

struct Doc {
  Extraction x;
  std::string bytes;
};

Doc Extract(const std::string& bytes, const std::string& path) {
  Result<Extraction> x = SharedEngine().ExtractBytes(bytes, path);
  EXPECT_TRUE(x.ok()) << x.status().ToString();
  return {x.ok() ? std::move(*x) : Extraction(), bytes};
}

Doc CorpusDoc(const std::string& name, const std::string& as_path) {
  return Extract(testing_util::ReadBytes(std::string(BAOCAO_CORPUS_DIR) + "/docs/" + name), as_path);
}

int64_t RowsOf(const std::string& db, const std::string& table, const std::string& path) {
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  std::vector<std::string> rows = store_test::Query(
      handle, "SELECT count(*) FROM " + table + " t JOIN documents d ON d.id = t.document_id WHERE d.path = '" + path + "'");
  sqlite3_close(handle);
  return rows.size() == 1 ? std::stoll(rows[0]) : -1;
}

TEST(Store, OpenCreatesTheSchemaInWalMode) {
  TempDir dir;
  Result<Store> store = Store::Open(dir / "s.sqlite");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<std::optional<std::string>> version = store->Info("schema_version");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->value_or(""), std::to_string(kStoreSchemaVersion));
  EXPECT_EQ(store_test::Query(store::Connection(*store), "PRAGMA journal_mode"), std::vector<std::string>{"wal"});
  EXPECT_EQ(store_test::Query(store::Connection(*store), "PRAGMA foreign_keys"), std::vector<std::string>{"1"});
  for (const char* table : {"documents", "document_references", "mentions", "document_tables", "facts", "flags",
                            "corpus_flags", "errors", "store_info"}) {
    EXPECT_EQ(Count(dir / "s.sqlite", table) >= 0, true) << table;
  }
}

TEST(Store, PutWritesTheDocumentAndAllItsRows) {
  TempDir dir;
  Result<Store> store = Store::Open(dir / "s.sqlite");
  ASSERT_TRUE(store.ok());
  Doc doc = CorpusDoc("chi-linh-2026-01-report.txt", "docs/chi-linh.txt");
  Result<PutOutcome> put = store->Put(doc.x, doc.bytes);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(*put, PutOutcome::kAdded);
  std::string db = dir / "s.sqlite";
  EXPECT_EQ(RowsOf(db, "mentions", "docs/chi-linh.txt"), static_cast<int64_t>(doc.x.mentions.size()));
  EXPECT_EQ(RowsOf(db, "facts", "docs/chi-linh.txt"), static_cast<int64_t>(doc.x.facts.size()));
  EXPECT_EQ(RowsOf(db, "flags", "docs/chi-linh.txt"), static_cast<int64_t>(doc.x.flags.size()));
  EXPECT_EQ(RowsOf(db, "document_tables", "docs/chi-linh.txt"), static_cast<int64_t>(doc.x.tables.size()));
  EXPECT_EQ(RowsOf(db, "document_references", "docs/chi-linh.txt"), static_cast<int64_t>(doc.x.references.size()));

  Result<std::optional<StoredDocument>> got = store->GetDocumentByPath("docs/chi-linh.txt", /*with_source=*/true);
  ASSERT_TRUE(got.ok() && got->has_value());
  const StoredDocument& stored = **got;
  EXPECT_EQ(stored.source, doc.bytes);
  EXPECT_EQ(stored.info.sha256, Sha256Hex(doc.bytes));
  EXPECT_EQ(stored.info.kind, "report");
  EXPECT_EQ(stored.info.ward.value_or(""), "Chí Linh");
  EXPECT_EQ(stored.info.flag_count, static_cast<int>(doc.x.flags.size()));
  // The extraction column is the CLI's own JSON, byte for byte.
  std::ostringstream json;
  WriteJson(doc.x, json, false);
  EXPECT_EQ(stored.extraction_json, json.str());
  EXPECT_EQ(nlohmann::json::parse(stored.extraction_json)["meta"]["number"], doc.x.meta.number.value_or(""));

  // The sum_mismatch flag keeps its numbers, indicators and evidence spans.
  std::vector<std::string> flag = store_test::Query(
      store::Connection(*store), "SELECT stated, computed, indicators, json_extract(evidence, '$[0].line') FROM flags "
                       "WHERE kind = 'sum_mismatch' AND stated = 377");
  ASSERT_EQ(flag.size(), 1u);
  EXPECT_EQ(flag[0], "377.0|378.0|[\"tthc.procedures_total\",\"dvc.full_online_count\",\"dvc.partial_online_count\"]|127");
}

TEST(Store, KeepsWhoseFigureAFactIsOfWhatKindAndOverWhatTime) {
  TempDir dir;
  Result<Store> store = Store::Open(dir / "s.sqlite");
  ASSERT_TRUE(store.ok());
  Doc doc = CorpusDoc("chi-linh-2026-01-report.txt", "a.txt");
  ASSERT_GE(doc.x.facts.size(), 2u);
  Fact& scoped = doc.x.facts[0];
  scoped.scope = "toàn tỉnh";
  scoped.qualifiers = {"trễ hạn", "trực tuyến"};
  scoped.basis = "lũy kế";
  Fact& plain = doc.x.facts[1];
  plain.scope.clear();
  plain.qualifiers.clear();
  plain.basis.clear();
  ASSERT_TRUE(store->Put(doc.x, doc.bytes).ok());
  // The same through PrepareDocument, as `baocao ingest` writes.
  doc.x.document.path = "b.txt";
  ASSERT_TRUE(store->Put(PrepareDocument(doc.x, doc.bytes)).ok());
  for (const char* path : {"a.txt", "b.txt"}) {
    std::vector<std::string> rows = store_test::Query(
        store::Connection(*store), std::string("SELECT f.scope, f.qualifiers, f.basis FROM facts f JOIN documents d ON d.id = f.document_id "
                                     "WHERE d.path = '") + path + "' ORDER BY f.id LIMIT 2");
    // None is NULL, as for every optional text of the store.
    EXPECT_EQ(rows, (std::vector<std::string>{"toàn tỉnh|[\"trễ hạn\",\"trực tuyến\"]|lũy kế", "NULL|NULL|NULL"})) << path;
  }
  // Every fact's columns say what its JSON in documents.extraction says.
  EXPECT_EQ(store_test::Query(store::Connection(*store),
                              "SELECT count(*) FROM facts f JOIN documents d ON d.id = f.document_id, json_each(d.extraction, '$.facts') j "
                              "WHERE j.key = (SELECT count(*) FROM facts g WHERE g.document_id = f.document_id AND g.id < f.id) "
                              "AND (f.scope IS NOT json_extract(j.value, '$.scope') OR f.qualifiers IS NOT json_extract(j.value, '$.qualifiers') "
                              "OR f.basis IS NOT json_extract(j.value, '$.basis'))"),
            std::vector<std::string>{"0"});
}

TEST(Store, SamePathAndHashIsANoOpAndAnotherHashReplaces) {
  TempDir dir;
  std::string db = dir / "s.sqlite";
  Result<Store> store = Store::Open(db);
  ASSERT_TRUE(store.ok());
  Doc first = CorpusDoc("hong-bang-2026-plan.txt", "a.txt");
  ASSERT_EQ(*store->Put(first.x, first.bytes), PutOutcome::kAdded);
  int64_t id = (*store->GetDocumentByPath("a.txt"))->info.id;
  EXPECT_EQ(*store->Put(first.x, first.bytes), PutOutcome::kUnchanged);
  EXPECT_EQ((*store->GetDocumentByPath("a.txt"))->info.id, id);   // not rewritten

  Doc second = CorpusDoc("trung-thanh-2026-06-report.txt", "a.txt");
  ASSERT_EQ(*store->Put(second.x, second.bytes), PutOutcome::kReplaced);
  EXPECT_EQ(*store->CountDocuments(), 1);
  EXPECT_EQ(RowsOf(db, "mentions", "a.txt"), static_cast<int64_t>(second.x.mentions.size()));
  // Nothing of the older version is left behind.
  EXPECT_EQ(Count(db, "mentions"), static_cast<int64_t>(second.x.mentions.size()));
  EXPECT_EQ(Count(db, "facts"), static_cast<int64_t>(second.x.facts.size()));
  EXPECT_EQ(Count(db, "document_tables"), static_cast<int64_t>(second.x.tables.size()));
  EXPECT_EQ(**store->Sha256Of("a.txt"), second.x.document.sha256);
}

TEST(Store, ErrorsAreRecordedAndClearedByALaterSuccess) {
  TempDir dir;
  Result<Store> store = Store::Open(dir / "s.sqlite");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store->RecordError("a.txt", "", Status(ErrorCode::kEmpty, "a.txt: no text")).ok());
  ASSERT_TRUE(store->RecordError("a.txt", "abc", Status(ErrorCode::kBinary, "a.txt: NUL byte")).ok());
  Result<std::vector<StoredError>> errors = store->ListErrors();
  ASSERT_TRUE(errors.ok());
  ASSERT_EQ(errors->size(), 1u);   // the latest attempt only
  EXPECT_EQ((*errors)[0].code, "binary");
  EXPECT_EQ((*errors)[0].sha256.value_or(""), "abc");

  Doc doc = CorpusDoc("ba-ngoi-2026-plan.txt", "a.txt");
  ASSERT_TRUE(store->Put(doc.x, doc.bytes).ok());
  EXPECT_TRUE(store->ListErrors()->empty());
}

TEST(Store, LookupsListsAndDeletion) {
  TempDir dir;
  std::string db = dir / "s.sqlite";
  Result<Store> store = Store::Open(db);
  ASSERT_TRUE(store.ok());
  std::vector<std::pair<std::string, std::string>> docs = {{"ba-ngoi-2026-plan.txt", "x/ba-ngoi.txt"},
                                                           {"chi-linh-2026-01-report.txt", "x/chi-linh.txt"},
                                                           {"hong-bang-2026-plan.txt", "y/hong-bang.txt"}};
  for (const auto& [name, path] : docs) {
    Doc d = CorpusDoc(name, path);
    ASSERT_TRUE(store->Put(d.x, d.bytes).ok());
  }
  Result<std::vector<std::optional<std::string>>> shas = store->Sha256Of({"x/chi-linh.txt", "missing.txt", "x/ba-ngoi.txt"});
  ASSERT_TRUE(shas.ok());
  ASSERT_EQ(shas->size(), 3u);
  EXPECT_TRUE((*shas)[0].has_value());
  EXPECT_FALSE((*shas)[1].has_value());
  EXPECT_EQ((*shas)[2].value_or("").size(), 64u);

  auto where = [](auto set) {
    DocumentFilter filter;
    set(filter);
    return filter;
  };
  auto paths = [](const std::vector<StoredDocumentInfo>& list) {
    std::vector<std::string> out;
    for (const StoredDocumentInfo& d : list) out.push_back(d.path);
    return out;
  };
  EXPECT_EQ(paths(*store->ListDocuments()), (std::vector<std::string>{"x/ba-ngoi.txt", "x/chi-linh.txt", "y/hong-bang.txt"}));
  EXPECT_EQ(paths(*store->ListDocuments(where([](DocumentFilter& f) { f.kind = "plan"; }))), (std::vector<std::string>{"x/ba-ngoi.txt", "y/hong-bang.txt"}));
  EXPECT_EQ(paths(*store->ListDocuments(where([](DocumentFilter& f) { f.path_prefix = "x/"; }))), (std::vector<std::string>{"x/ba-ngoi.txt", "x/chi-linh.txt"}));
  EXPECT_EQ(paths(*store->ListDocuments(where([](DocumentFilter& f) { f.ward = "Chí Linh"; }))), (std::vector<std::string>{"x/chi-linh.txt"}));
  EXPECT_EQ(paths(*store->ListDocuments(where([](DocumentFilter& f) { f.only_with_errors = true; }))),
            (std::vector<std::string>{"x/ba-ngoi.txt", "x/chi-linh.txt"}));
  EXPECT_EQ(paths(*store->ListDocuments(where([](DocumentFilter& f) { f.limit = 1, f.offset = 1; }))), (std::vector<std::string>{"x/chi-linh.txt"}));

  Result<std::optional<StoredDocument>> chi_linh = store->GetDocumentByPath("x/chi-linh.txt");
  ASSERT_TRUE(chi_linh.ok() && chi_linh->has_value());
  EXPECT_TRUE((*chi_linh)->source.empty());   // not asked for
  EXPECT_FALSE((*chi_linh)->extraction_json.empty());
  Result<std::optional<StoredDocument>> info_only = store->GetDocumentByPath("x/chi-linh.txt", false, /*with_extraction=*/false);
  ASSERT_TRUE(info_only.ok() && info_only->has_value());
  EXPECT_TRUE((*info_only)->extraction_json.empty());   // the caller holds it already
  EXPECT_EQ((*info_only)->info.sha256, (*chi_linh)->info.sha256);
  int64_t id = (*chi_linh)->info.id;
  EXPECT_EQ((*store->GetDocument(id))->info.path, "x/chi-linh.txt");
  EXPECT_FALSE(store->GetDocument(id + 1000)->has_value());
  EXPECT_TRUE(*store->DeleteDocument(id));
  EXPECT_FALSE(*store->DeleteDocument(id));
  EXPECT_EQ(RowsOf(db, "facts", "x/chi-linh.txt"), 0);
  EXPECT_EQ(store_test::Query(store::Connection(*store), "SELECT count(*) FROM facts WHERE document_id = " + std::to_string(id)),
            std::vector<std::string>{"0"});   // cascaded
}

TEST(Store, ABatchCommitsWholeDocumentsTogether) {
  TempDir dir;
  std::string db = dir / "s.sqlite";
  Result<Store> store = Store::Open(db);
  ASSERT_TRUE(store.ok());
  Doc a = CorpusDoc("ba-ngoi-2026-plan.txt", "a.txt"), b = CorpusDoc("hong-bang-2026-plan.txt", "b.txt");
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(store->Put(a.x, a.bytes).ok());
  ASSERT_TRUE(store->Put(b.x, b.bytes).ok());
  EXPECT_EQ(Count(db, "documents"), 0);   // another connection sees nothing before the commit
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(Count(db, "documents"), 2);

  Doc c = CorpusDoc("chi-linh-2026-01-report.txt", "c.txt");
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(store->Put(c.x, c.bytes).ok());
  ASSERT_TRUE(store->Rollback().ok());
  EXPECT_EQ(*store->CountDocuments(), 2);
  EXPECT_EQ(Count(db, "mentions"), static_cast<int64_t>(a.x.mentions.size() + b.x.mentions.size()));
}

TEST(Store, FailuresNameTheDatabase) {
  TempDir dir;
  Result<Store> missing_folder = Store::Open(dir / "no/such/folder/s.sqlite");
  ASSERT_FALSE(missing_folder.ok());
  EXPECT_EQ(missing_folder.status().code(), ErrorCode::kStore);
  EXPECT_NE(missing_folder.status().message().find("no/such/folder/s.sqlite"), std::string::npos);

  store_test::WriteFile(dir.path() / "text.sqlite", std::string(4096, 'x'));
  Result<Store> not_sqlite = Store::Open(dir / "text.sqlite");
  ASSERT_FALSE(not_sqlite.ok());
  EXPECT_EQ(not_sqlite.status().code(), ErrorCode::kStore);
  EXPECT_NE(not_sqlite.status().message().find("text.sqlite"), std::string::npos) << not_sqlite.status().message();

  // A read-only store refuses writes with a value, not a crash.
  ASSERT_TRUE(Store::Open(dir / "s.sqlite").ok());
  Result<Store> reader = Store::Open(dir / "s.sqlite", ReadOnly());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Doc doc = CorpusDoc("ba-ngoi-2026-plan.txt", "a.txt");
  Result<PutOutcome> put = reader->Put(doc.x, doc.bytes);
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), ErrorCode::kStore);
  EXPECT_NE(put.status().message().find("s.sqlite"), std::string::npos);
  EXPECT_EQ(*reader->CountDocuments(), 0);
}

TEST(Store, RefusesSchemasItDoesNotKnow) {
  TempDir dir;
  {
    Result<Store> store = Store::Open(dir / "new.sqlite");
    ASSERT_TRUE(store.ok());
    store_test::Query(store::Connection(*store), "UPDATE store_info SET value = '99' WHERE key = 'schema_version'");
  }
  Result<Store> newer = Store::Open(dir / "new.sqlite");
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.status().message().find("newer"), std::string::npos) << newer.status().message();

  sqlite3* other = nullptr;
  sqlite3_open((dir / "other.sqlite").c_str(), &other);
  sqlite3_exec(other, "CREATE TABLE people (name TEXT)", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  Result<Store> foreign = Store::Open(dir / "other.sqlite");
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("not a baocao store"), std::string::npos);

  // Opening an up-to-date store again changes nothing.
  ASSERT_TRUE(Store::Open(dir / "same.sqlite").ok());
  Result<Store> again = Store::Open(dir / "same.sqlite");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Info("schema_version")->value_or(""), std::to_string(kStoreSchemaVersion));
}

// A store as a baocao of schema version 1 wrote it: that version's SQL, one document whose
// extraction JSON reads its first fact as another unit's late, to-date figure, and its two facts.
void WriteVersionOneStore(const std::string& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, store::Migrations().at(0), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  const char* rows = R"sql(
    INSERT INTO store_info (key, value) VALUES ('schema_version', '1'), ('engine', 'baocao 0.1.0');
    INSERT INTO documents (id, path, sha256, format, bytes, kind, ward, flag_count, error_count, ingested_at, engine,
                           extraction, source)
    VALUES (1, 'old/report.txt', 'ab12', 'text', 5, 'report', 'Gia Sàng', 0, 0, '2026-11-30T08:00:00Z', 'baocao 0.1.0',
            '{"facts": [{"indicator": "tthc.on_time_rate", "scope": "toàn tỉnh", "qualifiers": ["quá hạn"], "basis": "lũy kế"},
                        {"indicator": "tthc.on_time_rate"}]}', X'6869');
    INSERT INTO facts (document_id, indicator, role, value, unit, period, span_start, span_end, span_line, span_text)
    VALUES (1, 'tthc.on_time_rate', 'actual', 2.5, '%', '2026-H1', 10, 14, 3, '2,5%'),
           (1, 'tthc.on_time_rate', 'actual', 97.5, '%', '2026-H1', 30, 35, 4, '97,5%');
    INSERT INTO flags (document_id, kind, severity, indicators, explanation, evidence)
    VALUES (1, 'sum_mismatch', 'error', '[]', 'x',
            '[{"start": 10, "end": 14, "line": 3, "page": null, "text": "2,5%"}, {"start": 30, "end": 35, "line": 4, "page": 2, "text": "97,5%"}]');
  )sql";
  ASSERT_EQ(sqlite3_exec(db, rows, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST(Store, UpgradesAVersionOneStoreInPlaceKeepingItsRows) {
  TempDir dir;
  std::string db = dir / "old.sqlite";
  WriteVersionOneStore(db);

  // Reading only cannot upgrade: the error says what to do, and the file is left as it was.
  Result<Store> reader = Store::Open(db, ReadOnly());
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), ErrorCode::kStore);
  EXPECT_NE(reader.status().message().find("schema version 1"), std::string::npos) << reader.status().message();
  EXPECT_NE(reader.status().message().find("open it for writing once to upgrade"), std::string::npos);

  Result<Store> store = Store::Open(db);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(store->Info("schema_version")->value_or(""), std::to_string(kStoreSchemaVersion));
  EXPECT_EQ(store->Info("engine")->value_or(""), "baocao 0.1.0");
  EXPECT_EQ(store_test::Query(store::Connection(*store), "SELECT id, path, ward, extraction IS NOT NULL FROM documents"),
            std::vector<std::string>{"1|old/report.txt|Gia Sàng|1"});
  // The facts are kept, and what each is of is read from its document's extraction JSON.
  EXPECT_EQ(store_test::Query(store::Connection(*store), "SELECT id, value, span_text, scope, qualifiers, basis FROM facts ORDER BY id"),
            (std::vector<std::string>{"1|2.5|2,5%|toàn tỉnh|[\"quá hạn\"]|lũy kế", "2|97.5|97,5%|NULL|NULL|NULL"}));

  // Version 4 gives the flags already stored their keys, which review marks find them by.
  EXPECT_EQ(store_test::Query(store::Connection(*store), "SELECT key FROM flags"),
            std::vector<std::string>{"sum_mismatch@:10-14,2:30-35"});

  // The upgraded store takes new documents with every column, and readers now open it.
  Doc doc = CorpusDoc("chi-linh-2026-01-report.txt", "new.txt");
  ASSERT_TRUE(store->Put(doc.x, doc.bytes).ok());
  EXPECT_EQ(RowsOf(db, "facts", "new.txt"), static_cast<int64_t>(doc.x.facts.size()));
  Result<Store> later = Store::Open(db, ReadOnly());
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(*later->CountDocuments(), 2);
}

int64_t IdOf(Store& store, const std::string& path) {
  Result<std::optional<StoredDocument>> doc = store.GetDocumentByPath(path);
  return doc.ok() && *doc ? (*doc)->info.id : -1;
}

TEST(FlagReviews, AMarkIsKeptByTheBytesAndTheFlagAndOutlivesANewExtraction) {
  TempDir dir;
  std::string db = dir / "store.sqlite";
  Result<Store> store = Store::Open(db);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Doc doc = CorpusDoc("chi-linh-2026-01-report.txt", "a/chi-linh.txt");
  ASSERT_GE(doc.x.flags.size(), 2u);
  ASSERT_TRUE(store->Put(doc.x, doc.bytes).ok());
  const int64_t id = IdOf(*store, "a/chi-linh.txt");

  Result<FlagReview> mark = store::SetReview(*store, id, 1, "false_alarm", "dòng 97 đúng", "kiem.toan.1");
  ASSERT_TRUE(mark.ok()) << mark.status().ToString();
  EXPECT_EQ(mark->reviewer, "kiem.toan.1");
  EXPECT_EQ(store::SetReview(*store, id, 1, "maybe", "", "x").status().code(), ErrorCode::kUsage);
  EXPECT_EQ(store::SetReview(*store, id, 9999, "confirmed", "", "x").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store::ReviewsOfDocument(*store, 424242).status().code(), ErrorCode::kNotFound);

  // Deleted and stored again (every row made anew), and the same bytes under another name: the
  // mark is on flag 1 of each, and on no other flag.
  ASSERT_TRUE(*store->DeleteDocument(id));
  ASSERT_TRUE(store->Put(doc.x, doc.bytes).ok());
  Doc copy = Extract(doc.bytes, "b/copy.txt");
  ASSERT_TRUE(store->Put(copy.x, copy.bytes).ok());
  for (const char* path : {"a/chi-linh.txt", "b/copy.txt"}) {
    Result<std::vector<store::DocumentFlagReview>> marks = store::ReviewsOfDocument(*store, IdOf(*store, path));
    ASSERT_TRUE(marks.ok()) << marks.status().ToString();
    ASSERT_EQ(marks->size(), doc.x.flags.size());
    for (const store::DocumentFlagReview& m : *marks) {
      EXPECT_EQ(m.review.has_value(), m.flag == 1) << path << " flag " << m.flag;
    }
    EXPECT_EQ((*marks)[1].review->comment, "dòng 97 đúng");
  }

  Result<std::vector<store::ReviewExportRow>> all = store::AllReviews(*store);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);   // one mark, whichever copies of the bytes are stored
  EXPECT_EQ(all->front().path.value_or(""), "a/chi-linh.txt");
  EXPECT_EQ(all->front().kind.value_or(""), doc.x.flags[1].kind);

  EXPECT_TRUE(*store::ClearReview(*store, IdOf(*store, "b/copy.txt"), 1));
  EXPECT_FALSE(*store::ClearReview(*store, IdOf(*store, "b/copy.txt"), 1));
  EXPECT_FALSE((*store::ReviewsOfDocument(*store, IdOf(*store, "a/chi-linh.txt")))[1].review.has_value());
}

}  // namespace
}  // namespace baocao
