// Evidence lines for people (baocao/evidence.h): what `baocao audit` and `baocao audit --db`
// print under each flag.
#include "baocao/corpus/evidence.h"

#include <gtest/gtest.h>

namespace baocao {
namespace {

Span At(std::string_view source, std::string_view text, int line, std::optional<int> page = std::nullopt) {
  Span s;
  s.start = source.find(text);
  s.end = s.start + text.size();
  s.line = line;
  s.page = page;
  s.text = std::string(text);
  return s;
}

TEST(LineAround, FindsTheLineWithoutItsBreak) {
  std::string_view text = "one\r\ntwo 2\nend";
  EXPECT_EQ(LineAround(text, 0), (std::pair<size_t, size_t>{0, 3}));
  EXPECT_EQ(LineAround(text, 6), (std::pair<size_t, size_t>{5, 10}));
  EXPECT_EQ(LineAround(text, text.size() + 5), (std::pair<size_t, size_t>{11, 14}));
}

TEST(QuoteEvidenceLines, QuotesSpansOfOneLineTogetherInDocumentOrder) {
  std::string source = "Tiêu đề\nTổng thu 120 tỷ, chi 80 tỷ\tđạt\n";
  std::vector<Span> evidence = {At(source, "80 tỷ", 2), At(source, "120 tỷ", 2)};
  std::vector<EvidenceLine> lines = QuoteEvidenceLines(evidence, source, /*lines_readable=*/true);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].line, 2);
  EXPECT_FALSE(lines[0].page);
  EXPECT_EQ(lines[0].quoted, "Tổng thu «120 tỷ», chi «80 tỷ» | đạt");
}

TEST(QuoteEvidenceLines, ShowsAPageSpanOrAnUnreadableSourceAsItsTextAlone) {
  std::string source = "Tổng thu 120 tỷ\n";
  std::vector<Span> evidence = {At(source, "120 tỷ", 3, 2)};
  std::vector<EvidenceLine> lines = QuoteEvidenceLines(evidence, source, true);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].page, 2);
  EXPECT_EQ(lines[0].quoted, "«120 tỷ»");
  evidence = {At(source, "120 tỷ", 1)};
  EXPECT_EQ(QuoteEvidenceLines(evidence, source, /*lines_readable=*/false)[0].quoted, "«120 tỷ»");
}

TEST(QuoteEvidenceLines, CutsALongLineAroundItsEvidence) {
  std::string before(200, 'a'), after(200, 'b');
  std::string source = before + " 42 " + after;
  std::vector<EvidenceLine> lines = QuoteEvidenceLines({At(source, "42", 1)}, source, true);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].quoted, "…" + std::string(kQuoteContext - 1, 'a') + " «42» " +
                                 std::string(kQuoteContext - 1, 'b') + "…");
}

TEST(QuoteEvidence, QuotesACorpusFlagsEvidenceInItsLine) {
  CorpusEvidence e;
  e.line_text = "Kế hoạch số 12/KH-UBND\tngày 3/1/2026";
  e.line_begin = 100;
  e.span.text = "12/KH-UBND";
  e.span.start = 100 + e.line_text.find("12/");
  e.span.end = e.span.start + e.span.text.size();
  EXPECT_EQ(QuoteEvidence(e), "Kế hoạch số «12/KH-UBND» | ngày 3/1/2026");
  e.line_text.clear();
  EXPECT_EQ(QuoteEvidence(e), "«12/KH-UBND»");
}

}  // namespace
}  // namespace baocao
