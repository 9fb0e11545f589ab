// Internal: input bytes to UTF-8 (see decode.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "baocao/core/status.h"
#include "baocao/normalize/text.h"

namespace baocao::internal {

struct Decoded {
  std::string encoding;          // what the input was decoded from
  std::string text;              // the UTF-8 text; empty and unused when `map` is empty
  std::optional<OffsetMap> map;  // absent: the input was already clean UTF-8, used as is
};

// Decodes `in`; `forced` names an encoding or is empty to detect. kInvalidEncoding names the
// first bad byte's offset.
Status Decode(std::string_view in, const std::string& forced, Decoded& out);

// The UTF-8 of Windows-1258 bytes, to show the original text of a span (U+FFFD for a byte
// the encoding leaves undefined). No combining: the bytes are shown as they are.
std::string Cp1258ToUtf8(std::string_view in);


}  // namespace baocao::internal
