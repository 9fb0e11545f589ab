// Decoding: the original bytes to UTF-8, recording which input bytes each output unit came
// from. UTF-8 input that is valid needs no layer at all (the common case costs one scan).
#include "core/strings.h"
#include "normalize/decode.h"
#include "normalize/known_formats.h"

#include <unicode/ucnv.h>

#include <array>
#include <cctype>
#include <cstring>
#include <mutex>

namespace baocao::internal {
namespace {

using internal::AppendUtf8;

// Windows-1258 upper half as code points, from ICU's converter; 0 where the byte is undefined
// (ICU maps the five undefined bytes to C1 controls, which no text means).
const std::array<uint32_t, 128>& Cp1258Table() {
  static std::array<uint32_t, 128> table{};
  static std::once_flag once;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open("windows-1258", &status);
    if (U_FAILURE(status)) return;
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    for (int b = 0x80; b < 0x100; ++b) {
      char in = static_cast<char>(b);
      UChar out[4];
      status = U_ZERO_ERROR;
      ucnv_reset(conv);
      int32_t n = ucnv_toUChars(conv, out, 4, &in, 1, &status);
      if (U_SUCCESS(status) && n == 1 && out[0] != 0xFFFD && (out[0] < 0x80 || out[0] > 0x9F)) {
        table[b - 0x80] = out[0];
      }
    }
    ucnv_close(conv);
  });
  return table;
}

}  // namespace

namespace {

bool LooksUtf16(std::string_view s, bool* little_endian) {
  if (s.size() < 4) return false;
  size_t sample = std::min<size_t>(s.size() & ~size_t(1), 4096);
  size_t zero_even = 0, zero_odd = 0;
  for (size_t i = 0; i < sample; i += 2) {
    zero_even += s[i] == 0;
    zero_odd += s[i + 1] == 0;
  }
  size_t pairs = sample / 2;
  // Latin-script UTF-16 has a zero high byte in most units; Vietnamese still in over a third.
  if (zero_odd * 3 > pairs && zero_even * 10 < pairs) { *little_endian = true; return true; }
  if (zero_even * 3 > pairs && zero_odd * 10 < pairs) { *little_endian = false; return true; }
  return false;
}

Status DecodeUtf16(std::string_view in, size_t begin, bool little_endian, Decoded& out) {
  out.encoding = little_endian ? "utf-16le" : "utf-16be";
  out.text.reserve(in.size());
  out.map.emplace();
  auto unit_at = [&](size_t i) -> uint32_t {
    auto lo = static_cast<unsigned char>(in[i]), hi = static_cast<unsigned char>(in[i + 1]);
    return little_endian ? (hi << 8 | lo) : (lo << 8 | hi);
  };
  if (begin > 0) out.map->Replace(0, begin, 0);
  size_t i = begin;
  while (i + 1 < in.size()) {
    uint32_t cp = unit_at(i);
    size_t len = 2;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= in.size()) return {ErrorCode::kInvalidEncoding, "truncated UTF-16 surrogate pair at byte " + std::to_string(i)};
      uint32_t low = unit_at(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return {ErrorCode::kInvalidEncoding, "unpaired UTF-16 surrogate at byte " + std::to_string(i)};
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      len = 4;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return {ErrorCode::kInvalidEncoding, "unpaired UTF-16 surrogate at byte " + std::to_string(i)};
    }
    if (cp == 0) return {ErrorCode::kBinary, "NUL character in UTF-16 text at byte " + std::to_string(i)};
    size_t before = out.text.size();
    AppendUtf8(out.text, cp);
    out.map->Replace(i, i + len, out.text.size() - before);
    i += len;
  }
  if (i < in.size()) return {ErrorCode::kInvalidEncoding, "odd trailing byte in UTF-16 text"};
  return Status::Ok();
}

std::string Hex(unsigned char b) {
  static const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

// Vietnamese in Windows-1258 uses these bytes for Ă ă Đ đ Ơ ơ Ư ư and the five tone marks.
bool IsVietnameseCp1258Byte(unsigned char b) {
  switch (b) {
    case 0xC3: case 0xE3: case 0xD0: case 0xF0: case 0xD5: case 0xF5: case 0xDD: case 0xFD:
    case 0xCC: case 0xEC: case 0xDE: case 0xD2: case 0xF2:
      return true;
    default:
      return false;
  }
}

bool IsCp1258ToneByte(unsigned char b) {
  return b == 0xCC || b == 0xEC || b == 0xDE || b == 0xD2 || b == 0xF2;
}

// Whether invalid UTF-8 reads as Vietnamese in Windows-1258: most high bytes are the letters and
// tone marks that encoding gives Vietnamese, and some tone mark follows a letter. (A stray
// "\xC3" in otherwise ASCII text is broken UTF-8, not Windows-1258.)
bool LooksCp1258(std::string_view in) {
  size_t high = 0, vietnamese = 0, tones = 0;
  unsigned char prev = 0;
  for (unsigned char b : in) {
    if (b >= 0x80) {
      ++high;
      vietnamese += IsVietnameseCp1258Byte(b);
      bool after_letter = std::isalpha(prev) || (prev >= 0xC0 && !IsCp1258ToneByte(prev));
      tones += IsCp1258ToneByte(b) && after_letter;
    }
    prev = b;
  }
  return tones > 0 && vietnamese * 2 >= high;
}

Status DecodeCp1258(std::string_view in, Decoded& out) {
  const auto& table = Cp1258Table();
  out.encoding = "windows-1258";
  out.map.emplace();
  out.text.reserve(in.size() + in.size() / 4);
  size_t i = 0, n = in.size();
  while (i < n) {
    size_t run = i;
    while (run < n && static_cast<unsigned char>(in[run]) < 0x80) ++run;
    if (run > i) {
      out.text.append(in.substr(i, run - i));
      out.map->Copy(i, run);
      i = run;
      continue;
    }
    auto b = static_cast<unsigned char>(in[i]);
    uint32_t cp = table[b - 0x80];
    if (cp == 0) return {ErrorCode::kInvalidEncoding, "byte " + Hex(b) + " at offset " + std::to_string(i) + " is not Windows-1258"};
    size_t before = out.text.size();
    AppendUtf8(out.text, cp);
    out.map->Replace(i, i + 1, out.text.size() - before);
    ++i;
  }
  return Status::Ok();
}

}  // namespace

std::string Cp1258ToUtf8(std::string_view in) {
  const auto& table = Cp1258Table();
  std::string out;
  out.reserve(in.size() + in.size() / 2);
  for (unsigned char b : in) {
    uint32_t cp = b < 0x80 ? b : table[b - 0x80];
    AppendUtf8(out, cp == 0 && b != 0 ? 0xFFFD : cp);
  }
  return out;
}

Status Decode(std::string_view in, const std::string& forced, Decoded& out) {
  const auto* u = reinterpret_cast<const unsigned char*>(in.data());
  bool le = false;
  if (forced == "utf-16le" || forced == "utf-16be") {
    size_t begin = (in.size() >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) ? 2 : 0;
    return DecodeUtf16(in, begin, forced == "utf-16le", out);
  }
  if (forced == "windows-1258") return DecodeCp1258(in, out);
  if (!forced.empty() && forced != "utf-8") return {ErrorCode::kUsage, "unknown encoding '" + forced + "' (utf-8, utf-16le, utf-16be, windows-1258)"};

  if (forced.empty() && in.size() >= 2 && u[0] == 0xFF && u[1] == 0xFE) return DecodeUtf16(in, 2, true, out);
  if (forced.empty() && in.size() >= 2 && u[0] == 0xFE && u[1] == 0xFF) return DecodeUtf16(in, 2, false, out);
  if (forced.empty() && LooksUtf16(in, &le)) return DecodeUtf16(in, 0, le, out);

  size_t bom = (in.size() >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ? 3 : 0;
  size_t bad = FirstInvalidUtf8(in.substr(bom));
  if (bad == std::string::npos) {
    out.encoding = "utf-8";
    if (bom) {
      out.map.emplace();
      out.map->Replace(0, bom, 0);
      out.map->Copy(bom, in.size());
      out.text.assign(in.substr(bom));
    }
    return Status::Ok();
  }
  bad += bom;
  // Invalid UTF-8 with NUL bytes is binary (an image, an archive), not badly encoded text.
  if (const void* nul = std::memchr(in.data(), 0, in.size())) {
    size_t at = static_cast<const char*>(nul) - in.data();
    // Named when it is a format people hand in by mistake (a GIF, an archive, an iPhone's HEIC).
    return {ErrorCode::kBinary,
            normalize_internal::BinaryRefusal(in, "NUL byte at offset " + std::to_string(at) + ": not a text file")};
  }
  if (forced.empty()) {
    // Invalid UTF-8 may still be Vietnamese in Windows-1258.
    if (LooksCp1258(in)) {
      Decoded attempt;
      if (DecodeCp1258(in, attempt).ok()) { out = std::move(attempt); return Status::Ok(); }
    }
  }
  return {ErrorCode::kInvalidEncoding, "invalid UTF-8 at byte " + std::to_string(bad) + " (" + Hex(u[bad]) + ")"};
}

}  // namespace baocao::internal
