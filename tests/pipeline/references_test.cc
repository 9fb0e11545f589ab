// The references a document lists are the documents it cites: never its own number, whether
// its header reads cleanly, reads as OCR gives a handwritten number, or the document cites
// itself over its appendix (issue 16).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "baocao/pipeline/extract.h"
#include "engine_util.h"

namespace baocao {
namespace {

std::set<std::string> Cited(const std::string& text) {
  Result<Extraction> x = testing_util::SharedEngine().ExtractBytes(text, "doc.txt", {});
  EXPECT_TRUE(x.ok()) << x.status().message();
  std::set<std::string> out;
  if (x.ok()) {
    for (const Reference& r : x->references) out.insert(r.number);
  }
  return out;
}

TEST(References, TheDocumentCitingItselfOverItsAppendixIsNoCitation) {
  EXPECT_EQ(Cited("SỞ CÔNG THƯƠNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "Số: 1105/KH-ĐKT\tLào Cai, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\nKiểm tra\n\n"
                  "Thực hiện Quyết định số 1050/QĐ-SCT ngày 06/3/2026 của Giám đốc Sở.\n\n"
                  "PHỤ LỤC\n(Kèm theo Kế hoạch số 1105/KH-ĐKT ngày 10/3/2026)\n"),
            (std::set<std::string>{"1050/QĐ-SCT"}));
}

TEST(References, AHandwrittenNumberOcrMisreadInTheHeaderIsNoCitation) {
  EXPECT_EQ(Cited("ỦY BAN NHÂN DÂN TỈNH LÀO CAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "số: 45 26 /QĐ-UBND\tLào Cai, ngày 0Â tháng † năm 2026\n\nQUYẾT ĐỊNH\nChấp thuận\n\n"
                  "Căn cứ Luật Đầu tư số 143/2025/QH15 ngày 11 tháng 12 năm 2025;\n"),
            (std::set<std::string>{"143/2025/QH15"}));
}

}  // namespace
}  // namespace baocao
