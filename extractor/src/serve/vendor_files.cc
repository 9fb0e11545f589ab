#include "serve/vendor_files.h"

#include <array>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace baocao::serve {
namespace {

constexpr std::array<std::string_view, 3> kServedFolders = {"build/", "web/cmaps/", "web/standard_fonts/"};

bool SafeFileName(std::string_view name) {
  if (name.empty() || name.front() == '.') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const char* ContentType(std::string_view name) {
  if (EndsWith(name, ".js") || EndsWith(name, ".mjs")) return "text/javascript; charset=utf-8";
  if (EndsWith(name, ".ttf")) return "font/ttf";
  return "application/octet-stream";   // .bcmap, .pfb: binary tables pdf.js fetches itself
}

}  // namespace

bool IsServedVendorName(std::string_view relative) {
  for (std::string_view folder : kServedFolders) {
    if (relative.substr(0, folder.size()) == folder) return SafeFileName(relative.substr(folder.size()));
  }
  return false;
}

Result<VendorFile> ReadVendorFile(const std::string& root, std::string_view relative) {
  if (root.empty() || !IsServedVendorName(relative)) return Status(ErrorCode::kNotFound, "no such file");
  std::string path = root;
  path += '/';
  path += relative;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return Status(ErrorCode::kNotFound, "no such file");
  if (static_cast<size_t>(info.st_size) > kMaxVendorFileBytes) return Status(ErrorCode::kTooLarge, path + ": too large");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kUnreadable, path + ": cannot be read");
  VendorFile file{std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), ContentType(relative)};
  if (in.bad()) return Status(ErrorCode::kUnreadable, path + ": cannot be read");
  return file;
}

bool HasPdfJs(const std::string& root) {
  struct stat info {};
  return !root.empty() && ::stat((root + "/build/pdf.js").c_str(), &info) == 0 && ::stat((root + "/build/pdf.worker.js").c_str(), &info) == 0;
}

}  // namespace baocao::serve
