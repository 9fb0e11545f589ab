// What one page may ask of Poppler and OCR (source/page_limits.h).
#include "source/page_limits.h"

#include "core/strings.h"

#include <algorithm>
#include <cmath>

namespace baocao::pdf_internal {

namespace {

bool IsWhite(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

bool IsDelimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' ||
         c == '%';
}

// An inline image's data ends at "EI" between white space: the last bytes seen, this many.
constexpr size_t kInlineEndLength = 4;
constexpr int kBitsPerByte = 8;
constexpr double kMillion = 1e6;
constexpr double kPointsPerInch = 72.0;

}  // namespace

bool ContentScan::Feed(std::string_view bytes) {
  for (char c : bytes) {
    if (verdict_ != Verdict::kWithin) return false;
    ++bytes_;
    if (bytes_ > limits_.max_content_bytes) {
      verdict_ = Verdict::kTooLarge;
      return false;
    }
    Step(c);
  }
  return verdict_ == Verdict::kWithin;
}

void ContentScan::Step(char c) {
  switch (mode_) {
    case Mode::kComment:
      if (c == '\n' || c == '\r') mode_ = Mode::kNormal;
      return;
    case Mode::kString:
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '(') {
        ++string_depth_;
      } else if (c == ')' && --string_depth_ == 0) {
        mode_ = Mode::kNormal;
      }
      return;
    case Mode::kHex:
      if (c == '>') mode_ = Mode::kNormal;
      return;
    case Mode::kInlineImage:
      // The last four bytes, oldest in the high byte: white space, 'E', 'I', white space.
      tail_ = (tail_ << kBitsPerByte) | static_cast<unsigned char>(c);
      if (++tail_length_ >= kInlineEndLength && IsWhite(static_cast<char>(tail_ >> (3 * kBitsPerByte))) &&
          static_cast<char>(tail_ >> (2 * kBitsPerByte)) == 'E' && static_cast<char>(tail_ >> kBitsPerByte) == 'I' &&
          IsWhite(c)) {
        mode_ = Mode::kNormal;
      }
      return;
    case Mode::kNormal:
      break;
  }
  if (angle_) {   // the byte after a '<': "<<" opens a dictionary, "<>" is empty, else a hex string
    angle_ = false;
    if (c == '<' || c == '>') return;
    mode_ = Mode::kHex;
    return;
  }
  if (IsWhite(c)) {
    EndToken();
  } else if (c == '%') {
    EndToken();
    mode_ = Mode::kComment;
  } else if (c == '(') {
    EndToken();
    mode_ = Mode::kString;
    string_depth_ = 1;
  } else if (c == '<') {
    EndToken();
    angle_ = true;
  } else if (IsDelimiter(c)) {
    EndToken();
    if (c == '/') token_.push_back('/');   // a name: never an operator
  } else {
    token_.push_back(c);
  }
}

void ContentScan::EndToken() {
  if (token_.size() == 1 && token_[0] == 'q') {
    max_depth_ = std::max(max_depth_, ++depth_);
    if (depth_ > limits_.max_graphics_depth) verdict_ = Verdict::kTooDeep;
  } else if (token_.size() == 1 && token_[0] == 'Q') {
    if (depth_ > 0) --depth_;
  } else if (token_.size() == 2 && token_[0] == 'I' && token_[1] == 'D') {
    mode_ = Mode::kInlineImage;
    tail_ = static_cast<unsigned char>(' ');   // the one white-space byte after ID, read already
    tail_length_ = 1;
  }
  token_.clear();
}

namespace {

// JBIG2 (ITU T.88, 7.2 and 7.4): a segment header's fields and the segment types whose data
// begin with a size.
constexpr unsigned kWord = 4;   // bytes of a segment number, a length, a width
constexpr uint8_t kSegmentTypeMask = 0x3f;
constexpr uint8_t kPageAssociationIsLong = 0x40;
constexpr unsigned kShortReferredCountShift = 5;
constexpr unsigned kLongReferredCountForm = 7;
constexpr uint32_t kLongReferredCountMask = 0x1fffffff;
constexpr uint32_t kUnknownLength = 0xffffffff;
constexpr uint32_t kOneByteSegmentNumbers = 256;
constexpr uint32_t kTwoByteSegmentNumbers = 65536;
constexpr uint8_t kPageInformation = 48;
constexpr uint32_t kStripedHeight = 0xffffffff;
constexpr uint32_t kMaxStripeHeight = 0x7fff;

// Text (4, 6, 7), pattern (20, 22, 23), generic (36, 38, 39) and refinement (40, 42, 43) regions.
constexpr uint8_t kRegionSegmentTypes[] = {4, 6, 7, 20, 22, 23, 36, 38, 39, 40, 42, 43};

bool IsRegionSegment(uint8_t type) {
  return std::find(std::begin(kRegionSegmentTypes), std::end(kRegionSegmentTypes), type) != std::end(kRegionSegmentTypes);
}

// Big-endian reads that fail past the end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool Skip(uint64_t n) { return SeekTo(at_ + n); }
  bool SeekTo(uint64_t at) {
    if (at > bytes_.size()) return false;
    at_ = static_cast<size_t>(at);
    return true;
  }
  bool Read(unsigned width, uint32_t* out) {
    if (width > bytes_.size() - at_) return false;
    *out = internal::UnsignedAt(bytes_, at_, width);
    at_ += width;
    return true;
  }
  size_t at() const { return at_; }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
};

}  // namespace

double Jbig2DeclaredPixels(std::string_view raw) {
  Reader r(raw);
  double largest = 0;
  for (;;) {
    uint32_t number = 0, flags = 0, referred = 0, page = 0, length = 0;
    if (!r.Read(kWord, &number) || !r.Read(1, &flags) || !r.Read(1, &referred)) break;
    uint64_t count = referred >> kShortReferredCountShift;
    if (count == kLongReferredCountForm) {   // the long form: a 4-byte count, then retention bits
      uint32_t rest = 0;
      if (!r.Read(3, &rest)) break;
      count = ((static_cast<uint64_t>(referred) << (3 * kBitsPerByte)) | rest) & kLongReferredCountMask;
      if (!r.Skip((count + 1 + kBitsPerByte - 1) / kBitsPerByte)) break;
    }
    const unsigned number_width = number <= kOneByteSegmentNumbers ? 1 : number <= kTwoByteSegmentNumbers ? 2 : kWord;
    if (!r.Skip(count * number_width)) break;
    if (!r.Read((flags & kPageAssociationIsLong) ? kWord : 1, &page) || !r.Read(kWord, &length)) break;
    const uint8_t type = static_cast<uint8_t>(flags & kSegmentTypeMask);
    const size_t data = r.at();
    if (type == kPageInformation || IsRegionSegment(type)) {
      uint32_t width = 0, height = 0;
      if (!r.Read(kWord, &width) || !r.Read(kWord, &height)) break;
      if (type == kPageInformation && height == kStripedHeight) height = kMaxStripeHeight;
      largest = std::max(largest, static_cast<double>(width) * height);
    }
    if (length == kUnknownLength) break;   // an immediate generic region of unknown length: the end of what can be read
    if (!r.SeekTo(static_cast<uint64_t>(data) + length)) break;
  }
  return largest;
}

bool MayRender(float width, float height, int dpi, double max_image_pixels, const PdfLimits& limits, Pending& p) {
  auto millions = [&](double pixels) { return std::to_string(static_cast<long long>(std::ceil(pixels / kMillion))); };
  const std::string page = "page " + std::to_string(p.model.number) + " not rendered for OCR: ";
  if (max_image_pixels > limits.max_image_pixels) {
    p.over_limit = "image_too_large";
    p.ocr_error = page + "it draws an image of " + millions(max_image_pixels) + " million pixels, over the limit of " +
                  millions(limits.max_image_pixels) + " million";
    return false;
  }
  const double pixels = (width * dpi / kPointsPerInch) * (height * dpi / kPointsPerInch);
  if (!(pixels <= limits.max_render_pixels)) {
    p.over_limit = "ocr_page_too_large";
    p.ocr_error = page + "it measures " + std::to_string(static_cast<long long>(width)) + " x " +
                  std::to_string(static_cast<long long>(height)) + " points, " + millions(pixels) + " million pixels at " +
                  std::to_string(dpi) + " dpi, over the limit of " + millions(limits.max_render_pixels) + " million";
    return false;
  }
  return true;
}


std::string DescribeOverLimits(const std::map<std::string, std::vector<int>>& pages, const PdfLimits& limits) {
  std::string out;
  for (const auto& [kind, numbers] : pages) {
    std::string what = kind == "page_too_deep" ? "graphics-state saves ('q') nested deeper than " + std::to_string(limits.max_graphics_depth)
                       : kind == "page_content_too_large" ? "content over " + std::to_string(limits.max_content_bytes) + " bytes decoded"
                                                          : "too large to render";
    out += (out.empty() ? "" : "; ") + kind + ": " + what + " on page " + std::to_string(numbers.front());
    if (numbers.size() > 1) out += " and " + std::to_string(numbers.size() - 1) + " more";
  }
  return out;
}

}  // namespace baocao::pdf_internal
