#include "store/schema.h"

#include <algorithm>
#include <array>
#include <string>

namespace baocao::store {
namespace {

// Version 1: docs/STORE.md. Spans are five columns (start, end, line, page, text). Every row
// that comes from a document cascades from its `documents` row, so replacing a document is
// one DELETE and the inserts, in one transaction. Each child table has an index on
// document_id: the cascade (and every per-document read) would otherwise scan the table.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
  id            INTEGER PRIMARY KEY,
  path          TEXT NOT NULL UNIQUE,
  sha256        TEXT NOT NULL,
  format        TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  pages         INTEGER,
  encoding      TEXT,
  kind          TEXT,
  number        TEXT,
  symbol        TEXT,
  issuer        TEXT,
  ward          TEXT,
  province      TEXT,
  date          TEXT,
  signer        TEXT,
  title         TEXT,
  flag_count    INTEGER NOT NULL,
  error_count   INTEGER NOT NULL,
  ingested_at   TEXT NOT NULL,
  engine        TEXT NOT NULL,
  extraction    TEXT NOT NULL,
  source        BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
CREATE INDEX IF NOT EXISTS documents_ward ON documents(province, ward);

CREATE TABLE IF NOT EXISTS document_references (
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT, number TEXT NOT NULL, date TEXT, variants TEXT NOT NULL,
  span_start INTEGER, span_end INTEGER, span_line INTEGER, span_page INTEGER, span_text TEXT
);
CREATE INDEX IF NOT EXISTS document_references_number ON document_references(number);
CREATE INDEX IF NOT EXISTS document_references_document ON document_references(document_id);

CREATE TABLE IF NOT EXISTS mentions (
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  type TEXT NOT NULL, rule TEXT NOT NULL, value REAL, range_to REAL, numerator REAL, denominator REAL,
  iso TEXT, unit TEXT, comparator TEXT, ref_kind TEXT, ref_date TEXT,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, span_line INTEGER NOT NULL, span_page INTEGER, span_text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document_id);

CREATE TABLE IF NOT EXISTS document_tables (
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL, header TEXT NOT NULL, rows TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, span_line INTEGER NOT NULL, span_page INTEGER, span_text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_tables_document ON document_tables(document_id);

CREATE TABLE IF NOT EXISTS facts (
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  indicator TEXT NOT NULL, role TEXT NOT NULL,
  value REAL, assessment INTEGER, unit TEXT, comparator TEXT, period TEXT, label TEXT,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, span_line INTEGER NOT NULL, span_page INTEGER, span_text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_indicator ON facts(indicator, period);
CREATE INDEX IF NOT EXISTS facts_document ON facts(document_id);

CREATE TABLE IF NOT EXISTS flags (
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, severity TEXT NOT NULL, indicators TEXT NOT NULL,
  stated REAL, computed REAL, explanation TEXT NOT NULL, rule TEXT, evidence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS flags_document ON flags(document_id);
CREATE INDEX IF NOT EXISTS flags_kind ON flags(kind, severity);

CREATE TABLE IF NOT EXISTS corpus_flags (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL, indicators TEXT NOT NULL,
  ward TEXT, period TEXT, stated REAL, computed REAL, explanation TEXT NOT NULL, rule TEXT,
  evidence TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS errors (
  path TEXT PRIMARY KEY, sha256 TEXT, code TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL
);
)sql";

// Version 2: what a fact's own words say it is of (Fact::scope, qualifiers, basis), so that
// readers of the store can tell a ward's own figure from a "toàn tỉnh" one and a "trễ hạn" rate
// from the on-time one; NULL when the fact has none. The rows already stored are filled from
// their document's extraction JSON, which holds them wherever the engine that wrote it read
// them: ingest skips unchanged files, so without this an upgraded store would keep every old
// fact unread, and a "toàn tỉnh" figure would still pass for the ward's. The k-th facts row of
// a document (by id, as Put inserts them) is the JSON's facts[k]; the indicator must agree too.
constexpr const char* kVersion2 = R"sql(
ALTER TABLE facts ADD COLUMN scope TEXT;
ALTER TABLE facts ADD COLUMN qualifiers TEXT;
ALTER TABLE facts ADD COLUMN basis TEXT;
WITH numbered AS (
  SELECT id, document_id, indicator, row_number() OVER (PARTITION BY document_id ORDER BY id) - 1 AS k FROM facts
), stated AS (
  SELECT d.id AS document_id, j.key AS k, j.value AS fact
  FROM documents d, json_each(CASE WHEN json_valid(d.extraction) THEN d.extraction END, '$.facts') j
)
UPDATE facts SET scope = json_extract(stated.fact, '$.scope'), qualifiers = json_extract(stated.fact, '$.qualifiers'),
                 basis = json_extract(stated.fact, '$.basis')
FROM numbered JOIN stated ON stated.document_id = numbered.document_id AND stated.k = numbered.k
WHERE facts.id = numbered.id AND json_extract(stated.fact, '$.indicator') = numbered.indicator;
)sql";

// Version 3: each PDF page as the extraction read it (issue 16): the text the spans' offsets
// point into, and for a page read by OCR its words, so that showing a scanned document never
// runs OCR again. A document stored before has no rows here; `baocao serve` reads its PDF once
// and keeps the pages then (store/pages.h), since re-extracting every stored PDF here would
// hold the upgrade's transaction for minutes.
constexpr const char* kVersion3 = R"sql(
CREATE TABLE IF NOT EXISTS document_pages (
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number INTEGER NOT NULL, text TEXT NOT NULL, has_text_layer INTEGER NOT NULL, read_by_ocr INTEGER NOT NULL,
  words TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS document_pages_document ON document_pages(document_id, number);
)sql";

// Version 4: auditors' review marks on flags (issue 19). A mark belongs to the document's bytes
// (sha256) and to the flag's key, its kind and the places of its evidence (FlagKeySql), not to
// row ids: a re-extraction of the same file, which deletes and inserts its rows, finds its marks
// again, and so does the same file uploaded under another name. Deleting a document keeps its
// marks, for the day its bytes come back. The flags already stored get their keys here.
constexpr const char* kVersion4Head = R"sql(
ALTER TABLE flags ADD COLUMN key TEXT;
CREATE INDEX IF NOT EXISTS flags_key ON flags(key);
CREATE TABLE IF NOT EXISTS flag_reviews (
  sha256 TEXT NOT NULL, flag_key TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'false_alarm', 'follow_up')),
  comment TEXT NOT NULL, reviewer TEXT NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (sha256, flag_key)
);
UPDATE flags SET key = )sql";

const std::string& Version4() {
  static const std::string sql = std::string(kVersion4Head) + FlagKeySql("kind", "evidence") + ";\n";
  return sql;
}

constexpr std::array<std::string_view, 10> kJsonColumns = {
    "documents.extraction", "document_references.variants", "document_tables.header",
    "document_tables.rows",  "facts.qualifiers",             "flags.indicators",
    "flags.evidence",        "corpus_flags.indicators",      "corpus_flags.evidence",
    "document_pages.words"};

}  // namespace

std::string FlagKeySql(std::string_view kind, std::string_view evidence) {
  // Appended piece by piece: GCC 12's -Wrestrict misreads "(" + std::string(...).
  std::string sql = "(";
  sql.append(kind);
  sql.append(" || '@' || coalesce((SELECT group_concat(place, ',') FROM (SELECT coalesce(json_extract(e.value, '$.page'), '')"
             " || ':' || json_extract(e.value, '$.start') || '-' || json_extract(e.value, '$.end') AS place FROM json_each(");
  sql.append(evidence);
  sql.append(") e ORDER BY e.key)), ''))");
  return sql;
}

const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> steps = {kVersion1, kVersion2, kVersion3, Version4().c_str()};
  return steps;
}

bool IsJsonColumn(std::string_view table, std::string_view column) {
  std::string key = std::string(table) + "." + std::string(column);
  return std::find(kJsonColumns.begin(), kJsonColumns.end(), key) != kJsonColumns.end();
}

}  // namespace baocao::store
