// Internal: the text conversions the PDF source stage needs, over UTF-8 (ICU underneath). Code
// points and letter tests are core/chars.h.
#pragma once

#include <string>
#include <string_view>

namespace baocao::pdf_internal {

// `s` in NFC; `s` itself when it holds no combining mark (the common case, no ICU call).
std::string ToNfc(std::string s);
// Uppercase, code point by code point (Vietnamese letters map one to one).
std::string ToUpper(std::string_view s);

}  // namespace baocao::pdf_internal
