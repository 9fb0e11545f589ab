// FoldKey (baocao/normalize/text.h): a string's key for comparing words whatever their case
// and tone marks, worked out by ICU once per code point and kept.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "baocao/normalize/text.h"
#include "core/strings.h"

namespace baocao {

namespace {

constexpr char kFoldSpace = '\xFF';  // a white space token in a piece (never a UTF-8 byte)

// FoldKey over ICU: decompose, drop the marks, fold. Used as is for ill-formed UTF-8 (ICU's
// replacement characters decide), and one code point at a time for FoldPieces.
std::string FoldKeyIcu(const icu::UnicodeString& s, bool pieces) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed = nfd->normalize(s, status);
  std::string out;
  out.reserve(s.length());
  bool space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 cp = decomposed.char32At(i);
    i += U16_LENGTH(cp);
    if (u_getCombiningClass(cp) != 0 || u_charType(cp) == U_NON_SPACING_MARK) continue;
    if (cp == 0x0110 || cp == 0x0111) cp = 'd';  // Đ đ have no decomposition
    if (u_isUWhiteSpace(cp)) {
      if (pieces) out.push_back(kFoldSpace);
      else space = !out.empty();
      continue;
    }
    if (space) { out.push_back(' '); space = false; }
    cp = u_foldCase(cp, U_FOLD_CASE_DEFAULT);
    if (!U_IS_SURROGATE(cp)) internal::AppendUtf8(out, static_cast<char32_t>(cp));
  }
  return out;
}

// Each code point's share of FoldKey, worked out once by FoldKeyIcu: the canonical decomposition
// of a string is that of its code points with the marks reordered, and FoldKey drops the marks,
// so a key is its code points' pieces joined (a kFoldSpace byte, never in UTF-8, marks white
// space). Kept for the code points of Vietnamese text, a block of kBlock at a time when one of
// them is first met (a process that folds a few words pays for a few blocks, not for a
// thousand ICU normalizations); others are worked out when met.
class FoldPieces {
 public:
  FoldPieces() {
    size_t size = 0;
    for (const Range& r : kRanges) size += static_cast<size_t>(r.last - r.first);
    pieces_.resize(size);
    filled_ = std::make_unique<std::atomic<bool>[]>((size + kBlock - 1) / kBlock);
  }
  // The piece of `cp`; `scratch` holds it when it is not kept.
  std::string_view Get(UChar32 cp, std::string& scratch) const {
    size_t base = 0;
    for (const Range& r : kRanges) {
      if (cp >= r.first && cp < r.last) {
        const size_t index = base + static_cast<size_t>(cp - r.first);
        if (!filled_[index / kBlock].load(std::memory_order_acquire)) Fill(index / kBlock);
        return pieces_[index];
      }
      base += static_cast<size_t>(r.last - r.first);
    }
    scratch = Compute(cp);
    return scratch;
  }

 private:
  struct Range {
    UChar32 first, last;
  };
  static constexpr Range kRanges[] = {{0, 0x250}, {0x300, 0x370}, {0x1E00, 0x1F00}, {0x2000, 0x2070}};
  static constexpr size_t kBlock = 64;   // code points worked out together
  static std::string Compute(UChar32 cp) { return FoldKeyIcu(icu::UnicodeString(cp), true); }
  // Works out the pieces of block `block` (indices into pieces_), once, whichever thread asks.
  void Fill(size_t block) const {
    std::lock_guard<std::mutex> lock(fill_);
    if (filled_[block].load(std::memory_order_relaxed)) return;
    const size_t end = std::min(pieces_.size(), (block + 1) * kBlock);
    size_t base = 0;
    for (const Range& r : kRanges) {
      const size_t size = static_cast<size_t>(r.last - r.first);
      for (size_t i = std::max(base, block * kBlock); i < std::min(base + size, end); ++i) {
        pieces_[i] = Compute(r.first + static_cast<UChar32>(i - base));
      }
      base += size;
    }
    filled_[block].store(true, std::memory_order_release);
  }
  mutable std::vector<std::string> pieces_;
  mutable std::unique_ptr<std::atomic<bool>[]> filled_;
  mutable std::mutex fill_;
};

}  // namespace

std::string FoldKey(std::string_view utf8) {
  static const FoldPieces pieces;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  std::string out;
  out.reserve(utf8.size());
  std::string scratch;
  bool space = false;
  for (int32_t i = 0; i < n;) {
    UChar32 cp;
    U8_NEXT(s, i, n, cp);
    if (cp < 0) {  // ill-formed
      return FoldKeyIcu(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), n)), false);
    }
    for (char c : pieces.Get(cp, scratch)) {
      if (c == kFoldSpace) {
        space = !out.empty();
        continue;
      }
      if (space) { out.push_back(' '); space = false; }
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace baocao
