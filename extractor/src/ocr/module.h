// The OCR module (libbaocao_ocr.so): Tesseract and Leptonica, with their seventy shared
// libraries, cost a process about 13 ms to load, a fifth of a short document's extraction, and
// most runs never read a scan. So ocr/tesseract.cc is built into a module of its own, which the
// engine loads on the first call that needs it (ocr/loader.cc); ocr/module_entry.cc exports the
// table below. Both sides are built together by this project: the table passes C++ types.
#pragma once

#include <string>

#include "baocao/ocr/image.h"
#include "baocao/ocr/ocr.h"

namespace baocao::ocr_internal {

// Bumped whenever the table or a type it passes changes, so that a stale module is refused, not
// called (2: OcrOptions carries OcrTuning; 3: OcrPage::quarter_turns, the orientation tuning;
// 4: OcrOptions::stop; 5: image files read by Leptonica).
constexpr int kOcrModuleVersion = 5;

struct OcrModule {
  int version;
  Result<OcrPage> (*recognize_image)(const OcrImage& image, const OcrOptions& options);
  Status (*ocr_available)(const OcrOptions& options);
  std::string (*repair_ocr_glyphs)(std::string word);
  Result<ImageInfo> (*read_image_info)(std::string_view bytes, size_t max_pages);
  Result<DecodedImage> (*decode_image)(std::string_view bytes, int index, int orientation);
};

}  // namespace baocao::ocr_internal

// The module's one exported symbol.
extern "C" const baocao::ocr_internal::OcrModule* baocao_ocr_module();
