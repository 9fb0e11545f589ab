// Fuzzes the Word source stage (issue 20): ReadDocx must not crash or hang on any bytes, refuse
// them only with the codes of baocao/source/docx.h (never kInternal), and when it reads them give
// valid UTF-8 ending in a line break, one origin per line, and lines that start where the text
// says. Seeds: the .docx files of corpus/docx/ (tools/fuzz.sh); small limits keep a run short.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_check.h"
#include "baocao/source/docx.h"
#include "core/strings.h"

namespace {

using baocao::fuzz::Check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  baocao::DocxLimits limits;
  limits.max_part_bytes = size_t{1} << 22;
  limits.max_total_bytes = size_t{1} << 23;
  baocao::Result<baocao::DocxDocument> doc = baocao::ReadDocx(input, limits);
  if (!doc.ok()) {
    baocao::ErrorCode code = doc.status().code();
    Check(code == baocao::ErrorCode::kCorrupt || code == baocao::ErrorCode::kUnsupported ||
              code == baocao::ErrorCode::kExpansionLimit || code == baocao::ErrorCode::kUnsafeXml ||
              code == baocao::ErrorCode::kEncrypted,
          "refusal is corrupt, unsupported, expansion limit, unsafe XML or encrypted");
    Check(!doc.status().message().empty(), "refusal has a message");
    return 0;
  }
  Check(baocao::internal::FirstInvalidUtf8(doc->text) == std::string_view::npos, "text is valid UTF-8");
  Check(doc->text.empty() || doc->text.back() == '\n', "text ends with a line break");
  size_t lines = 0;
  for (char c : doc->text) lines += c == '\n';
  Check(doc->lines.size() == lines, "one origin per line");
  for (const baocao::DocxLine& line : doc->lines) {
    Check(line.begin == 0 || doc->text[line.begin - 1] == '\n', "a line starts after a line break");
  }
  return 0;
}
