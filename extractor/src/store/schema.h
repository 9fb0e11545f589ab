// The store's schema (docs/STORE.md) as SQL, and the steps that bring an older file up to date.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace baocao::store {

// kMigrations[v] takes a store from schema version v to v + 1; version 0 is an empty file.
// The last version is kStoreSchemaVersion (store.h). A step only adds (tables, columns,
// indexes) so that readers written against an older version keep working.
const std::vector<const char*>& Migrations();

// A flag's key as SQL: its kind, '@', then each evidence span's "page:start-end" in order,
// joined by ','. `kind` and `evidence` are SQL expressions (column names, or parameters) for
// the flag's kind and its evidence JSON array. Review marks find their flag by this key.
std::string FlagKeySql(std::string_view kind, std::string_view evidence);

// Columns holding JSON text (exported to PostgreSQL as JSONB): "table.column".
bool IsJsonColumn(std::string_view table, std::string_view column);

}  // namespace baocao::store
