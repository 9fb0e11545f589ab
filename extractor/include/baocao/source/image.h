// The Source stage for image input (issue 20): a photograph or a scan saved as JPEG, PNG, TIFF
// (every page of a multi-page one) or WebP, read by OCR into pages as a scanned PDF's pages are
// (baocao/source/pdf.h): the same line, paragraph and table reconstruction, every word with its
// box and Tesseract's confidence, the same repairs ("ocr:1-3", "ocr_turned:2" ...).
//
//   baocao::Result<baocao::PdfDocument> doc = baocao::ReadImage(bytes, {.ocr = {.mode = OcrMode::kAuto}});
//   if (!doc.ok()) ...;   // kTooLarge (a page over PdfLimits::max_image_pixels, checked on the
//                         // header before anything is decoded; more pages than max_pages),
//                         // kCorrupt (a header or a page Leptonica cannot read), kNoText (OCR
//                         // off, failed, or found no text), the budget's errors
//   for (const baocao::PdfPage& p : doc->pages) use(p.number, p.text, p.words);
//
// Known by its magic numbers (baocao/ocr/image.h SniffImage), never by the file's name. A JPEG's
// EXIF orientation is applied before reading (repair "exif_orientation:6"), a TIFF page's own
// Orientation tag by Leptonica as it decodes the page (DecodeImage); a page still sideways or
// upside down is turned by Tesseract's orientation detection as a scanned PDF's is.
// Boxes are in points at the image's resolution: the declared one when it is a plausible scan's
// (100-1200 dpi), else the one that makes the image's shorter side an A4 page's (210 mm), as a
// phone's photograph of a report is. Memory: one page decoded at a time (about 7 bytes a pixel
// while it is converted, then 3). Thread safety: may run on several threads at once.
#pragma once

#include <string_view>

#include "baocao/core/status.h"
#include "baocao/source/pdf.h"

namespace baocao {

// True when the bytes are an image ReadImage reads (JPEG, PNG, TIFF, WebP).
bool LooksLikeImage(std::string_view bytes);

// Reads every page of the image with OCR under options.ocr (kNever: kNoText), within
// options.limits.max_image_pixels, options.max_pages and options.budget.
Result<PdfDocument> ReadImage(std::string_view bytes, const PdfOptions& options = {});

}  // namespace baocao
