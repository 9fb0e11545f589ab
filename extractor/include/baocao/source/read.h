// Reading an input file whole, within a size limit, and naming its bytes by their hash.
//
//   Result<std::string> bytes = baocao::ReadFileBytes("report.pdf", size_t(256) << 20);
//   if (!bytes.ok()) ...;   // kNotFound, kUnreadable (a directory, a read error), kTooLarge
//   std::string id = baocao::Sha256Hex(*bytes);
//
// Nothing here throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "baocao/core/status.h"

namespace baocao {

// Reads a whole file, refusing one above `max_bytes` (kTooLarge) before reading it; a pipe or a
// file that grows while read is stopped as soon as it passes the limit.
Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes);

// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace baocao
