#include "serve/upload.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "baocao/ocr/image.h"
#include "baocao/source/docx.h"
#include "baocao/source/image.h"
#include "baocao/source/read.h"
#include "core/strings.h"

namespace baocao::serve {
namespace {

constexpr size_t kMaxNameBytes = 120;
constexpr size_t kMaxExtensionBytes = 10;

std::string Nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

bool KeptAscii(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '.' || c == '_' || c == '-' || c == '(' ||
         c == ')' || c == '+' || c == ',' || c == '&';
}

// Letters, digits and combining marks; no controls, no format characters (bidi overrides),
// no symbols or punctuation outside the ASCII set above.
bool KeptCodePoint(UChar32 cp) {
  if (cp < 0x80) return KeptAscii(static_cast<char>(cp));
  int8_t type = u_charType(cp);
  return u_isalnum(cp) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

// Cuts `s` to at most `max` bytes on a code point boundary.
std::string TrimEnds(std::string s) {
  size_t b = 0;
  while (b < s.size() && (s[b] == '.' || s[b] == ' ' || s[b] == '-' || s[b] == '_')) ++b;
  s.erase(0, b);
  while (!s.empty() && (s.back() == '.' || s.back() == ' ' || s.back() == '_')) s.pop_back();
  return s;
}

}  // namespace

std::string SafeUploadName(std::string_view client_name) {
  size_t slash = client_name.find_last_of("/\\");
  std::string_view last = slash == std::string_view::npos ? client_name : client_name.substr(slash + 1);
  // Valid UTF-8 first (an invalid byte becomes '_'), then NFC so that the same name typed on
  // two systems (macOS writes NFD) is one key.
  std::string valid;
  for (int32_t i = 0; i < static_cast<int32_t>(last.size());) {
    UChar32 cp;
    int32_t before = i;
    U8_NEXT(last.data(), i, static_cast<int32_t>(last.size()), cp);
    if (cp < 0) valid.push_back('_');
    else valid.append(last.data() + before, static_cast<size_t>(i - before));
  }
  std::string nfc = Nfc(valid);
  std::string out;
  for (int32_t i = 0; i < static_cast<int32_t>(nfc.size());) {
    UChar32 cp;
    int32_t before = i;
    U8_NEXT(nfc.data(), i, static_cast<int32_t>(nfc.size()), cp);
    char replacement = cp == '\t' || (cp >= 0 && u_charType(cp) == U_SPACE_SEPARATOR) ? ' ' : '_';
    if (cp >= 0 && KeptCodePoint(cp)) {
      out.append(nfc.data() + before, static_cast<size_t>(i - before));
    } else if (out.empty() || out.back() != replacement) {
      out.push_back(replacement);
    }
  }
  // Collapse runs of spaces and underscores (what the replacements leave behind).
  std::string collapsed;
  for (char c : out) {
    if ((c == ' ' || c == '_') && !collapsed.empty() && collapsed.back() == c) continue;
    collapsed.push_back(c);
  }
  collapsed = TrimEnds(std::move(collapsed));
  if (collapsed.size() > kMaxNameBytes) {
    size_t dot = collapsed.rfind('.');
    std::string extension;
    if (dot != std::string::npos && collapsed.size() - dot <= kMaxExtensionBytes) extension = collapsed.substr(dot);
    collapsed = TrimEnds(collapsed.substr(0, internal::CharBoundaryAtOrBefore(collapsed, kMaxNameBytes - extension.size()))) +
                extension;
  }
  if (collapsed.empty() || collapsed.find_first_not_of('.') == std::string::npos) return "document";
  return collapsed;
}

std::string NumberedUploadName(std::string_view safe_name, int copy) {
  if (copy <= 1) return std::string(safe_name);
  const size_t dot = safe_name.find_last_of('.');
  const size_t stem_end = dot == std::string_view::npos || dot == 0 ? safe_name.size() : dot;
  return internal::Concat({safe_name.substr(0, stem_end), " (", std::to_string(copy), ")", safe_name.substr(stem_end)});
}

std::string AsciiFileName(std::string_view safe_name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(safe_name.data(), static_cast<int32_t>(safe_name.size())));
  if (U_SUCCESS(status)) {
    icu::UnicodeString decomposed = nfd->normalize(u, status);
    if (U_SUCCESS(status)) u = decomposed;
  }
  std::string out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 cp = u.char32At(i);
    i += U16_LENGTH(cp);
    if (cp < 0x80) {
      out.push_back(KeptAscii(static_cast<char>(cp)) ? static_cast<char>(cp) : '_');
    } else if (cp == 0x0111 || cp == 0x0110) {   // đ Đ have no decomposition
      out.push_back(cp == 0x0111 ? 'd' : 'D');
    } else if (u_charType(cp) != U_NON_SPACING_MARK) {
      out.push_back('_');
    }
  }
  return out.empty() ? "document" : out;
}

bool LooksLikePdfBytes(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

std::string SourceContentType(std::string_view bytes, std::string_view text_encoding) {
  if (LooksLikePdfBytes(bytes)) return "application/pdf";
  switch (SniffImage(bytes)) {
    case ImageFormat::kJpeg: return "image/jpeg";
    case ImageFormat::kPng: return "image/png";
    case ImageFormat::kTiff: return "image/tiff";
    case ImageFormat::kWebp: return "image/webp";
    case ImageFormat::kNone: break;
  }
  if (LooksLikeOdt(bytes)) return "application/vnd.oasis.opendocument.text";
  if (LooksLikeZip(bytes)) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (LooksLikeOle2(bytes)) return "application/msword";
  if (LooksLikeRtf(bytes)) return "application/rtf";
  return internal::Concat({"text/plain; charset=", text_encoding});
}

std::string ContentDisposition(const std::string& name) {
  std::string encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += '%';
      encoded.push_back(hex[c >> 4]);
      encoded.push_back(hex[c & 15]);
    }
  }
  std::string ascii = AsciiFileName(name);
  std::replace(ascii.begin(), ascii.end(), '"', '_');
  return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Result<UploadKind> ClassifyUpload(std::string_view bytes, std::string_view safe_name, std::string_view declared_type) {
  if (LooksLikePdfBytes(bytes)) return UploadKind::kPdf;
  // Word: read by the engine, which also refuses the other zips and the old .doc clearly.
  if (LooksLikeZip(bytes) || LooksLikeOle2(bytes) || LooksLikeRtf(bytes)) return UploadKind::kDocx;
  // Photographs and scans: read by OCR (baocao/source/image.h).
  if (LooksLikeImage(bytes)) return UploadKind::kImage;
  std::string lower_name(safe_name);
  std::transform(lower_name.begin(), lower_name.end(), lower_name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string type(internal::Trim(declared_type.substr(0, declared_type.find(';'))));
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool says_pdf = type == "application/pdf" ||
                  (lower_name.size() >= 4 && lower_name.compare(lower_name.size() - 4, 4, ".pdf") == 0);
  if (says_pdf) {
    return Status(ErrorCode::kBinary, std::string(safe_name) + ": named or declared a PDF, but the bytes are not one (no %PDF- header)");
  }
  using namespace std::literals;
  struct Magic {
    std::string_view prefix;
    const char* what;
  };
  // Sized by its entries: a declared size larger than the list leaves an empty prefix, which
  // matches every file.
  static constexpr Magic kMagic[] = {
      {"\x89PNG"sv, "a damaged PNG image (its signature is cut)"},   // a whole one is kImage above
      {"GIF8"sv, "a GIF image"},
      {"\x1F\x8B"sv, "a gzip archive"},
      {"Rar!"sv, "a RAR archive"},
      {"7z\xBC\xAF"sv, "a 7-Zip archive"},
      {"\x7F" "ELF"sv, "an executable"},
  };
  for (const Magic& m : kMagic) {
    if (bytes.substr(0, m.prefix.size()) == m.prefix) {
      return Status(ErrorCode::kBinary, std::string(safe_name) + ": " + m.what + ", not a text, PDF, Word or image report");
    }
  }
  return UploadKind::kText;
}

}  // namespace baocao::serve
