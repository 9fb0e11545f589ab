// The OCR module's table (ocr/module.h): the functions of ocr/tesseract.cc and ocr/image_decode.cc, for ocr/loader.cc.
#include "ocr/module.h"

extern "C" __attribute__((visibility("default"))) const baocao::ocr_internal::OcrModule* baocao_ocr_module() {
  static const baocao::ocr_internal::OcrModule table{baocao::ocr_internal::kOcrModuleVersion, &baocao::RecognizeImage,
                                                     &baocao::OcrAvailable, &baocao::RepairOcrGlyphs,
                                                     &baocao::ReadImageInfo, &baocao::DecodeImage};
  return &table;
}
