#include "source/chars.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/chars.h"
#include "core/strings.h"

namespace baocao::pdf_internal {

using internal::IsCombiningMark;
using internal::NextCodePoint;

namespace {
constexpr unsigned char kFirstNonAscii = 0x80;   // a byte below this is ASCII: no mark can follow
}  // namespace

std::string ToNfc(std::string s) {
  bool marks = false;
  for (size_t i = 0; i < s.size() && !marks;) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < kFirstNonAscii) {
      ++i;
      continue;
    }
    marks = IsCombiningMark(NextCodePoint(s, i));
  }
  if (!marks) return s;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || !nfc) return s;
  icu::UnicodeString out = nfc->normalize(icu::UnicodeString::fromUTF8(s), status);
  if (U_FAILURE(status)) return s;
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::string ToUpper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp = NextCodePoint(s, i);
    internal::AppendUtf8(out, static_cast<char32_t>(u_toupper(static_cast<UChar32>(cp))));
  }
  return out;
}

}  // namespace baocao::pdf_internal
