// Which files an ingest takes (baocao/ingest.h): the paths named, and the document-like files
// of the folders named, walked in path order.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <unordered_set>

#include "baocao/store/ingest.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;

// In a walked folder only files that look like documents are taken, so a README, a manifest or
// a spreadsheet beside the reports is not stored as one; a file named on the command line is
// always taken (its content decides how it is read).
std::string LowerExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool DocumentLike(const fs::path& p) {
  const std::string ext = LowerExtension(p);
  static const std::set<std::string> kDocumentExtensions = {
      ".txt", ".pdf", ".docx", ".htm", ".html", ".md", ".tex", ".text",
      ".doc", ".odt", ".rtf",                                     // through LibreOffice, if installed
      ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"};         // photographs and scans, by OCR
  return ext.empty() || kDocumentExtensions.count(ext) > 0;
}

bool Hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

// The store's own files, never ingested even when they sit in an ingested folder.
class StoreFiles {
 public:
  explicit StoreFiles(const std::string& db) {
    fs::path p(db);
    name_ = p.filename().string();
    std::error_code ec;
    dir_ = fs::weakly_canonical(fs::absolute(p, ec).parent_path(), ec);
  }
  bool Contains(const fs::path& file) const {
    std::string name = file.filename().string();
    if (name != name_ && name != name_ + "-wal" && name != name_ + "-shm" && name != name_ + "-journal") return false;
    std::error_code ec;
    return fs::weakly_canonical(fs::absolute(file, ec).parent_path(), ec) == dir_;
  }

 private:
  std::string name_;
  fs::path dir_;
};

std::string Normal(const fs::path& p) {
  std::string s = p.lexically_normal().generic_string();
  return s.empty() ? "." : s;
}

}  // namespace

std::vector<IngestInput> CollectIngestInputs(const std::vector<std::string>& args, const std::string& db,
                                             bool all_files, std::map<std::string, size_t>* skipped) {
  const StoreFiles store_files(db);
  std::vector<IngestInput> inputs;
  std::unordered_set<std::string> seen;
  auto add = [&](IngestInput input) {
    if (seen.insert(input.path).second) inputs.push_back(std::move(input));
  };
  for (const std::string& arg : args) {
    std::error_code ec;
    if (!fs::is_directory(arg, ec)) {
      add({Normal(arg), std::nullopt});   // a missing file fails when read, with its own code
      continue;
    }
    std::vector<IngestInput> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::none, ec), end;
    if (ec) {
      add({Normal(arg), Status(ErrorCode::kUnreadable, Normal(arg) + ": cannot list the folder: " + ec.message())});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& entry = *it;
      if (Hidden(entry.path())) {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!entry.is_regular_file(ec) || store_files.Contains(entry.path())) continue;
      if (!all_files && !DocumentLike(entry.path())) {
        if (skipped) ++(*skipped)[LowerExtension(entry.path())];
        continue;
      }
      found.push_back({Normal(entry.path()), std::nullopt});
    }
    if (ec) {
      found.push_back({Normal(arg), Status(ErrorCode::kUnreadable, Normal(arg) + ": cannot list the folder: " + ec.message())});
    }
    std::sort(found.begin(), found.end(), [](const IngestInput& a, const IngestInput& b) { return a.path < b.path; });
    for (IngestInput& input : found) add(std::move(input));
  }
  return inputs;
}

}  // namespace baocao
