// A zip archive read from memory, member by member, within expansion limits: the one file that
// talks to libzip (source/zip.cc). Internal to the source layer (docx.cc).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "baocao/core/status.h"

namespace baocao::internal {

class ZipArchive {
 public:
  // Opens the archive in `bytes` (which must outlive it). kCorrupt when the bytes are no zip
  // or a damaged one (a truncated file has no central directory).
  static Result<ZipArchive> Open(std::string_view bytes);
  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  bool Has(const std::string& name) const;
  // The member `name` expanded. kNotFound when absent; kEncrypted for an encrypted member;
  // kExpansionLimit when it declares or expands to more than `max_bytes`, or to more than
  // `budget` (the bytes still allowed across the archive, lowered by what is read); kCorrupt on
  // a damaged member (bad CRC, bad deflate stream). Reads stop at the limit: a bomb is never
  // expanded past it.
  Result<std::string> Read(const std::string& name, size_t max_bytes, size_t& budget) const;

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace baocao::internal
