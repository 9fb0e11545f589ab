// What pages 2-3 of corpus/pdf/hong-bang-2026-plan.pdf hold, which the OCR tests read as a
// scanned PDF (ocr_extract_test.cc) and as image files (image_extract_test.cc).
#pragma once

namespace baocao::testing_util {

// The plan's targets the text version of those two pages links (baocao facts corpus/docs/hong-bang...).
inline constexpr const char* kHongBangPage2To3Targets[] = {"tthc.fully_online_rate", "tthc.digitization_rate",
                                                           "dvc.satisfaction_rate", "staff.basic_digital_skills_rate",
                                                           "budget.sti_share"};

}  // namespace baocao::testing_util
