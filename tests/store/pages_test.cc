// A PDF's pages kept with their document (store/pages.h, docs/STORE.md document_pages): written
// by Put from the extraction's one reading of the PDF, read back as they were (an OCR page's
// words to the hundredth), deleted with their document, kept late only for the document's own
// bytes and only once, and a version-2 store upgraded in place to hold them.
#include "baocao/store/pages.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "baocao/pipeline/extract.h"
#include "engine_util.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store_test_util.h"

namespace baocao {
namespace {

using store_test::TempDir;

const std::string kPdf = std::string(BAOCAO_CORPUS_DIR) + "/pdf/hong-bang-2026-plan.pdf";

struct PdfDoc {
  Extraction x;
  std::string bytes;
  std::vector<PdfPage> pages;
};

PdfDoc ExtractPdf(const std::string& path) {
  PdfDoc doc;
  doc.bytes = testing_util::ReadBytes(kPdf);
  Result<Extraction> x = testing_util::SharedEngine().ExtractBytes(doc.bytes, path, {}, &doc.pages);
  EXPECT_TRUE(x.ok()) << x.status().ToString();
  if (x.ok()) doc.x = std::move(x).value();
  return doc;
}

// A page as OCR leaves it: its words with boxes and confidences, one number in doubt.
PdfPage OcrPage(int number) {
  PdfPage page;
  page.number = number;
  page.text = "Tỷ lệ đạt 95%\n";
  page.read_by_ocr = true;
  page.words = {{0, 7, 72.004f, 100.5f, 90.25f, 112.0f, 91.37f, false},
                {8, 13, 95.0f, 100.5f, 120.126f, 112.0f, 43.0f, false},
                {14, 17, 125.0f, 100.5f, 140.0f, 112.0f, 12.5f, true}};
  return page;
}

TEST(StorePages, TheExtractionsOwnPagesAreStoredWithTheDocument) {
  PdfDoc doc = ExtractPdf("docs/hong-bang.pdf");
  ASSERT_EQ(doc.pages.size(), static_cast<size_t>(doc.x.document.pages.value_or(0)));
  // The pages the spans point into: what `--stage pages` shows of the same reading.
  Stages stages;
  ASSERT_TRUE(testing_util::SharedEngine().ExtractBytes(doc.bytes, "docs/hong-bang.pdf", {}, &stages).ok());
  ASSERT_EQ(stages.pages.size(), doc.pages.size());
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    EXPECT_EQ(doc.pages[i].text, stages.pages[i].text);
    EXPECT_TRUE(doc.pages[i].words.empty()) << "a text layer's boxes are not kept";
  }
  for (const Fact& f : doc.x.facts) {
    ASSERT_TRUE(f.span.page.has_value());
    EXPECT_EQ(doc.pages.at(*f.span.page - 1).text.substr(f.span.start, f.span.end - f.span.start), f.span.text);
  }

  TempDir dir;
  Result<Store> store = Store::Open(dir / "s.sqlite");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store->Put(PrepareDocument(doc.x, doc.bytes, doc.pages)).ok());
  int64_t id = (*store->GetDocumentByPath("docs/hong-bang.pdf"))->info.id;
  Result<std::vector<PdfPage>> stored = store::ReadPages(*store, id);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), doc.pages.size());
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    EXPECT_EQ((*stored)[i].number, doc.pages[i].number);
    EXPECT_EQ((*stored)[i].text, doc.pages[i].text);
    EXPECT_EQ((*stored)[i].has_text_layer, doc.pages[i].has_text_layer);
    EXPECT_FALSE((*stored)[i].read_by_ocr);
  }
  // A text document keeps none; the pages go with their document.
  ASSERT_TRUE(store->Put(testing_util::SharedEngine().ExtractBytes("Báo cáo số 1/BC-UBND.", "a.txt").value(), "x").ok());
  EXPECT_TRUE(store::ReadPages(*store, (*store->GetDocumentByPath("a.txt"))->info.id)->empty());
  ASSERT_TRUE(*store->DeleteDocument(id));
  EXPECT_EQ(store_test::Count(dir / "s.sqlite", "document_pages"), 0);
}

TEST(StorePages, AnOcrPagesWordsComeBackToTheHundredth) {
  PdfDoc doc = ExtractPdf("scan.pdf");
  std::vector<PdfPage> pages = {OcrPage(1)};
  TempDir dir;
  Result<Store> store = Store::Open(dir / "s.sqlite");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store->Put(doc.x, doc.bytes, pages).ok());
  Result<std::vector<PdfPage>> stored = store::ReadPages(*store, (*store->GetDocumentByPath("scan.pdf"))->info.id);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  const PdfPage& page = stored->front();
  EXPECT_TRUE(page.read_by_ocr);
  EXPECT_EQ(page.text, pages[0].text);
  ASSERT_EQ(page.words.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const PdfWordBox& want = pages[0].words[i];
    const PdfWordBox& got = page.words[i];
    EXPECT_EQ(got.begin, want.begin);
    EXPECT_EQ(got.end, want.end);
    const std::pair<float, float> values[] = {{got.x0, want.x0}, {got.y0, want.y0}, {got.x1, want.x1},
                                              {got.y1, want.y1}, {got.confidence, want.confidence}};
    for (auto [a, b] : values) EXPECT_NEAR(a, b, 0.005);
    EXPECT_EQ(got.uncertain_number, want.uncertain_number);
  }
  EXPECT_EQ(store_test::Query(store::Connection(*store), "SELECT json_extract(words, '$[0]') FROM document_pages"),
            std::vector<std::string>{"[0,7,72.0,100.5,90.25,112.0,91.37,0]"});
}

TEST(StorePages, KeptLateOnlyForTheSameBytesAndOnlyOnce) {
  PdfDoc doc = ExtractPdf("old.pdf");
  TempDir dir;
  Result<Store> store = Store::Open(dir / "s.sqlite");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store->Put(doc.x, doc.bytes).ok());   // as a store before version 3 held it
  int64_t id = (*store->GetDocumentByPath("old.pdf"))->info.id;
  EXPECT_TRUE(store::ReadPages(*store, id)->empty());
  // Replaced meanwhile (other bytes under the same id): the pages read are not its pages.
  Result<bool> other = store::KeepPages(*store, id, std::string(64, '0'), doc.pages);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_FALSE(*other);
  EXPECT_FALSE(*store::KeepPages(*store, id + 1, doc.x.document.sha256, doc.pages));
  EXPECT_TRUE(*store::KeepPages(*store, id, doc.x.document.sha256, doc.pages));
  EXPECT_EQ(store::ReadPages(*store, id)->size(), doc.pages.size());
  EXPECT_FALSE(*store::KeepPages(*store, id, doc.x.document.sha256, doc.pages)) << "another request kept them first";
  EXPECT_EQ(store_test::Count(dir / "s.sqlite", "document_pages"), static_cast<int64_t>(doc.pages.size()));
}

// A store as a baocao of schema version 2 wrote it: versions 1 and 2's SQL and one PDF document.
void WriteVersionTwoStore(const std::string& path, const PdfDoc& doc) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  for (int v = 0; v < 2; ++v) {
    ASSERT_EQ(sqlite3_exec(db, store::Migrations().at(v), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  }
  const char* rows = R"sql(
    INSERT INTO store_info (key, value) VALUES ('schema_version', '2'), ('engine', 'baocao 0.1.0');
    INSERT INTO documents (id, path, sha256, format, bytes, pages, kind, flag_count, error_count, ingested_at, engine,
                           extraction, source)
    VALUES (7, 'old/plan.pdf', ?1, 'pdf', ?2, 2, 'plan', 0, 0, '2026-12-01T08:00:00Z', 'baocao 0.1.0', '{}', ?3);
  )sql";
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
  const char* tail = rows;
  ASSERT_EQ(sqlite3_prepare_v2(db, tail, -1, &st, &tail), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_prepare_v2(db, tail, -1, &st, &tail), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_bind_text(st, 1, doc.x.document.sha256.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 2, static_cast<sqlite3_int64>(doc.bytes.size()));
  sqlite3_bind_blob(st, 3, doc.bytes.data(), static_cast<int>(doc.bytes.size()), SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(StorePages, AVersionTwoStoreIsUpgradedAndKeepsItsDocumentsWithoutPages) {
  PdfDoc doc = ExtractPdf("old/plan.pdf");
  TempDir dir;
  std::string db = dir / "v2.sqlite";
  WriteVersionTwoStore(db, doc);
  StoreOptions read_only;
  read_only.read_only = true;
  Result<Store> reader = Store::Open(db, read_only);
  ASSERT_FALSE(reader.ok()) << "a reader cannot upgrade";
  EXPECT_NE(reader.status().message().find("schema version 2"), std::string::npos) << reader.status().message();

  Result<Store> store = Store::Open(db);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(store->Info("schema_version")->value_or(""), std::to_string(kStoreSchemaVersion));
  EXPECT_EQ(store_test::Query(store::Connection(*store), "SELECT id, path, length(source) FROM documents"),
            std::vector<std::string>{"7|old/plan.pdf|" + std::to_string(doc.bytes.size())});
  // Its pages were never stored: the first reader to need them reads the PDF and keeps them.
  EXPECT_TRUE(store::ReadPages(*store, 7)->empty());
  EXPECT_TRUE(*store::KeepPages(*store, 7, doc.x.document.sha256, doc.pages));
  EXPECT_EQ(store::ReadPages(*store, 7)->size(), doc.pages.size());
  // New documents get theirs with them, and the cascade reaches them.
  doc.x.document.path = "new/plan.pdf";
  ASSERT_EQ(*store->Put(PrepareDocument(doc.x, doc.bytes, doc.pages)), PutOutcome::kAdded);
  EXPECT_EQ(store_test::Count(db, "document_pages"), 2 * static_cast<int64_t>(doc.pages.size()));
  ASSERT_TRUE(*store->DeleteDocument(7));
  EXPECT_EQ(store_test::Count(db, "document_pages"), static_cast<int64_t>(doc.pages.size()));
  EXPECT_TRUE(Store::Open(db, read_only).ok());
}

}  // namespace
}  // namespace baocao
