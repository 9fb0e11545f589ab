// Fuzzes the Mentions stage and the whole engine: the rules of rules/ (loaded once) over the
// input as text, then Engine::ExtractBytes and the JSON of its result. Nothing may crash,
// mentions stay inside the text, in order, without overlaps, and the JSON is valid.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "baocao/pipeline/extract.h"
#include "baocao/emit/json.h"
#include "baocao/recognize/recognize.h"
#include "core/strings.h"

namespace {

using baocao::fuzz::Check;

const baocao::Engine& TheEngine() {
  static const baocao::Engine* engine = [] {
    baocao::Result<baocao::Engine> created = baocao::Engine::Create({BAOCAO_RULES_DIR});
    if (!created.ok()) {
      std::fprintf(stderr, "cannot load rules: %s\n", created.status().ToString().c_str());
      std::abort();
    }
    return new baocao::Engine(std::move(created).value());
  }();
  return *engine;
}

void CheckMentions(std::string_view text, const std::vector<baocao::Mention>& mentions) {
  size_t prev_end = 0;
  for (const baocao::Mention& m : mentions) {
    Check(m.span.normalized.begin < m.span.normalized.end, "mention is not empty");
    Check(m.span.normalized.end <= text.size(), "mention inside the text");
    Check(m.span.normalized.begin >= prev_end, "mentions in order without overlaps");
    Check(!m.rule_id.empty(), "mention names its rule");
    prev_end = m.span.normalized.end;
    (void)baocao::RenderMention(m);
  }
}

}  // namespace

// The whole engine reads PDF seeds too: Fontconfig, which Poppler asks for fonts a PDF does not
// embed, keeps its configuration for the life of the process, and LeakSanitizer sees that at
// exit. Not a finding (the same suppression as pdf_fuzz).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig\n"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const baocao::Engine& engine = TheEngine();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The recognizers only ever see UTF-8 text.
  if (baocao::internal::FirstInvalidUtf8(input) == std::string::npos) {
    CheckMentions(input, engine.rules().Recognize(input));
  }
  baocao::Stages stages;
  baocao::Result<baocao::Extraction> result = engine.ExtractBytes(input, "fuzz.txt", {}, &stages);
  if (!result.ok()) {
    Check(result.status().code() != baocao::ErrorCode::kInternal, "no internal error");
    (void)baocao::ErrorToJson("fuzz.txt", result.status()).dump();
    return 0;
  }
  CheckMentions(stages.text.view(), stages.mentions);
  // json.h promises valid UTF-8 strings: dump() with the strict handler throws otherwise, and
  // an uncaught exception is a finding.
  std::string json = baocao::ToJson(*result).dump();
  // Stage output clips long block texts for display and may cut a character there; the CLI
  // writes it with the replacing handler, and so does this.
  for (const char* stage : {"text", "layout", "mentions"}) {
    (void)baocao::StageToJson(stages, stage, input).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  Check(!json.empty(), "JSON written");
  return 0;
}
