#include "serve/table_export.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/strings.h"
#include "serve/queries.h"

namespace baocao::serve {
namespace {

constexpr size_t kMaxCellCharacters = 32767;
constexpr const char* kByteOrderMark = "\xEF\xBB\xBF";

// At most kMaxCellCharacters characters, then quoted.
std::string Cell(const std::string& text) { return CsvField(internal::FirstCharacters(text, kMaxCellCharacters)); }

std::string Line(const std::vector<std::string>& fields) {
  std::string line;
  for (const std::string& f : fields) line += internal::Concat({line.empty() ? "" : ",", Cell(f)});
  return internal::Concat({line, "\r\n"});
}

}  // namespace

std::string CsvOf(const WorkbookSheet& sheet) {
  std::vector<std::string> header;
  for (const WorkbookSheet::Column& c : sheet.columns) header.push_back(c.name);
  std::string out = internal::Concat({kByteOrderMark, Line(header)});
  for (const std::vector<std::string>& row : sheet.rows) out += Line(row);
  return out;
}

Result<std::string> XlsxBytes(const std::function<Status(const std::string& path)>& write) {
  std::string folder = (std::filesystem::temp_directory_path() / "baocao-xlsx-XXXXXX").string();
  if (!::mkdtemp(folder.data())) return Status(ErrorCode::kStore, "cannot make a temporary folder for the workbook");
  const std::string path = folder + "/book.xlsx";
  Status written = write(path);
  std::string bytes;
  if (written.ok()) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) written = Status(ErrorCode::kStore, path + ": cannot read the workbook back");
  }
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  if (!written.ok()) return written;
  return bytes;
}

Result<std::string> XlsxOf(const WorkbookSheet& sheet) {
  return XlsxBytes([&](const std::string& path) { return WriteWorkbook({sheet}, path); });
}

}  // namespace baocao::serve
