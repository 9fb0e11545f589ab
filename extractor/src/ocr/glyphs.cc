// What Tesseract's Vietnamese model misreads in a word, put right (RepairOcrGlyphs, ocr/ocr.h):
// part of the OCR module, beside ocr/tesseract.cc, which calls it on every word it reads.
#include <string>
#include <string_view>

#include "baocao/ocr/ocr.h"

namespace baocao {

std::string RepairOcrGlyphs(std::string s) {
  // A table ruling's remnant read onto a word's edge ("70_", "|Phòng"): dropped when the word
  // has more than that.
  while (s.size() > 1 && (s.back() == '_' || s.back() == '|')) s.pop_back();
  while (s.size() > 1 && (s.front() == '_' || s.front() == '|')) s.erase(0, 1);
  static constexpr std::string_view kEth = "\xC3\x90", kBigD = "\xC4\x90", kEnye = "\xC3\x91";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    std::string_view rest = std::string_view(s).substr(i);
    if (rest.substr(0, 2) == kEth) {
      if (!(out.size() >= 2 && std::string_view(out).substr(out.size() - 2) == kBigD)) out += kBigD;
      i += 2;
    } else if (rest.substr(0, 2) == kEnye) {
      if (out.empty() || out.back() != 'N') out += 'N';
      i += 2;
    } else {
      out += s[i++];
    }
  }
  return out;
}

}  // namespace baocao
