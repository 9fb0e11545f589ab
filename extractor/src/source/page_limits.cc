// What one page may ask of Poppler and OCR (source/page_limits.h).
#include "source/page_limits.h"

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
