// libzip behind one file (source/zip.h): an archive opened from a buffer, members read in
// chunks so that the expansion limit holds whatever the headers declare.
#include "source/zip.h"

#include <zip.h>

#include <algorithm>

namespace baocao::internal {

namespace {

constexpr size_t kChunkBytes = size_t{1} << 16;   // one zip_fread: a deflate window many times over

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

std::string LimitMessage(const std::string& name, size_t limit) {
  return name + " expands beyond the " + std::to_string(limit) + "-byte limit (a zip bomb?)";
}

}  // namespace

struct ZipArchive::Impl {
  std::unique_ptr<zip_t, ArchiveCloser> zip;
};

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::Open(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  // freep = 0: libzip reads the caller's bytes and never frees them.
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status(ErrorCode::kInternal, "zip: " + message);
  }
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!zip) {
    zip_source_free(source);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status(ErrorCode::kCorrupt, "a damaged or truncated zip archive (" + message + ")");
  }
  zip_error_fini(&error);
  auto impl = std::make_unique<Impl>();
  impl->zip.reset(zip);
  return ZipArchive(std::move(impl));
}

bool ZipArchive::Has(const std::string& name) const {
  return zip_name_locate(impl_->zip.get(), name.c_str(), 0) >= 0;
}

Result<std::string> ZipArchive::Read(const std::string& name, size_t max_bytes, size_t& budget) const {
  zip_t* zip = impl_->zip.get();
  zip_int64_t index = zip_name_locate(zip, name.c_str(), 0);
  if (index < 0) return Status(ErrorCode::kNotFound, name + ": not in the archive");
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return Status(ErrorCode::kCorrupt, name + ": " + zip_strerror(zip));
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    return Status(ErrorCode::kEncrypted, name + " is encrypted (a password-protected archive)");
  }
  const size_t limit = std::min(max_bytes, budget);
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limit) return Status(ErrorCode::kExpansionLimit, LimitMessage(name, limit));
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0));
  if (!file) return Status(ErrorCode::kCorrupt, name + ": " + zip_strerror(zip));
  std::string out;
  if (st.valid & ZIP_STAT_SIZE) out.reserve(static_cast<size_t>(st.size));
  char buf[kChunkBytes];
  for (;;) {
    zip_int64_t n = zip_fread(file.get(), buf, sizeof buf);
    if (n < 0) return Status(ErrorCode::kCorrupt, name + ": " + zip_file_strerror(file.get()));
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > limit) return Status(ErrorCode::kExpansionLimit, LimitMessage(name, limit));
    out.append(buf, static_cast<size_t>(n));
  }
  budget -= out.size();
  return out;
}

}  // namespace baocao::internal
