// Relations a document states by its own structure (extractor/src/audit/structure*.cc), through
// the whole engine on short made-up texts: a fraction and its percentage, a whole and its listed
// parts, shares of a named total, tables (total rows, group rows, total and rate columns, tabbed
// or space-aligned), numbered outlines, a figure repeated with one digit changed. For each: the
// relation that holds is listed in checks with its built-in rule; one number changed raises a
// flag whose evidence covers that number and whose explanation quotes the words that made the
// relation. Then the guards: texts that look like a whole and its parts but are not raise nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "baocao/emit/names.h"
#include "audit_util.h"
#include "baocao/pipeline/extract.h"

namespace baocao {
namespace {

using testing_util::Audited;
using testing_util::Explain;
using testing_util::FlagsOf;
using testing_util::kReport;
using testing_util::Replaced;

std::vector<Check> ChecksBy(const Extraction& x, const std::string& rule) {
  std::vector<Check> out;
  for (const Check& c : x.checks) if (c.rule == rule) out.push_back(c);
  return out;
}

std::vector<Flag> FlagsBy(const Extraction& x, const std::string& rule) {
  std::vector<Flag> out;
  for (const Flag& f : x.flags) if (f.rule == rule) out.push_back(f);
  return out;
}

// The texts of a check's members of one role ("total", "part", "rate" …), in order.
std::vector<std::string> Members(const Check& k, const std::string& role) {
  std::vector<std::string> out;
  for (const CheckMember& m : k.members) if (NameOf(m.role) == role) out.push_back(m.span.text);
  return out;
}

// Whether a check by `rule` has exactly these members of `role`.
bool HasCheckWith(const Extraction& x, const std::string& rule, const std::string& role, const std::vector<std::string>& texts) {
  for (const Check& k : ChecksBy(x, rule)) if (Members(k, role) == texts) return true;
  return false;
}

// Whether one of the flag's evidence spans covers `number` where it stands in `text`: its first
// occurrence after `context` (which must occur once). The span must also be the text's own bytes.
testing::AssertionResult Covers(const Flag& f, const std::string& text, const std::string& context, const std::string& number) {
  size_t at = text.find(context);
  if (at == std::string::npos || text.find(context, at + 1) != std::string::npos) {
    return testing::AssertionFailure() << "“" << context << "” does not occur once in the text";
  }
  size_t pos = text.find(number, at);
  if (pos == std::string::npos) return testing::AssertionFailure() << "no “" << number << "” after “" << context << "”";
  std::string spans;
  for (const Span& s : f.evidence) {
    spans.append("[").append(std::to_string(s.start)).append(",").append(std::to_string(s.end)).append(") «").append(s.text).append("» ");
    if (s.end > text.size() || text.compare(s.start, s.end - s.start, s.text) != 0) {
      return testing::AssertionFailure() << "evidence «" << s.text << "» is not the text at [" << s.start << ", " << s.end << ")";
    }
  }
  for (const Span& s : f.evidence) {
    if (s.start <= pos && pos + number.size() <= s.end) return testing::AssertionSuccess();
  }
  return testing::AssertionFailure() << "no evidence span covers “" << number << "” at " << pos << ": " << spans;
}

bool Says(const Flag& f, const std::string& words) { return f.explanation.find(words) != std::string::npos; }

// =============================================================================================
// A fraction and its percentage.

TEST(Structure, AFractionAndItsPercentageThatAgreeAreACheck) {
  // 70 / 139 = 50,36%, written 50%; 45/45 = 100%, the fraction in parentheses after the rate.
  Extraction x = Audited(kReport +
                         "Có 70/139 kiến nghị của cử tri đã được trả lời, chiếm 50%.\n\n"
                         "Đến nay, phường đã hoàn thành các nhiệm vụ được giao, đạt 100% (45/45 nhiệm vụ).\n");
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:fraction_percent", "numerator", {"70/139 kiến nghị"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:fraction_percent", "rate", {"50%"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:fraction_percent", "numerator", {"45/45 nhiệm vụ"}));
  for (const Check& k : ChecksBy(x, "builtin:fraction_percent")) EXPECT_EQ(k.relation, "fraction_percent");
}

TEST(Structure, AFractionWhosePercentageDisagreesIsAnError) {
  const std::string text = kReport + "Có 70/139 kiến nghị của cử tri đã được trả lời, chiếm 55%.\n";
  Extraction x = Audited(text);
  std::vector<Flag> flags = FlagsBy(x, "builtin:fraction_percent");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_EQ(flags[0].kind, "ratio_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[0].stated, 55);
  EXPECT_EQ(flags[0].computed, 50);
  EXPECT_TRUE(Covers(flags[0], text, "chiếm", "55%"));
  EXPECT_TRUE(Covers(flags[0], text, "Có ", "70/139"));
  EXPECT_TRUE(Says(flags[0], "«70/139 kiến nghị» kèm «chiếm 55%»: 70 / 139 = 50%, khác tỷ lệ đã ghi là 55%.")) << flags[0].explanation;
  EXPECT_EQ(x.flags.size(), 1u) << Explain(x.flags);   // one inconsistency, one flag
}

TEST(Structure, AFractionWrittenAsTwoFiguresJoinedByASlashIsChecked) {
  // "5.373,4/5.373,4 triệu đồng": the numerator a bare decimal, the denominator money.
  const std::string text = kReport + "Kinh phí đã giải ngân 5.373,4/5.373,4 triệu đồng, đạt 100% kế hoạch vốn được giao.\n";
  Extraction x = Audited(text);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  ASSERT_EQ(ChecksBy(x, "builtin:fraction_percent").size(), 1u);
  EXPECT_EQ(Members(ChecksBy(x, "builtin:fraction_percent")[0], "denominator"), std::vector<std::string>{"5.373,4 triệu đồng"});

  const std::string broken = Replaced(text, "/5.373,4", "/5.873,4");
  std::vector<Flag> flags = FlagsBy(Audited(broken), "builtin:fraction_percent");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[0].computed, 91);
  EXPECT_TRUE(Covers(flags[0], broken, "5.373,4/", "5.873,4"));   // the changed denominator
  EXPECT_TRUE(Covers(flags[0], broken, "đạt", "100%"));
  EXPECT_TRUE(Says(flags[0], "kèm «đạt 100%»")) << flags[0].explanation;
}

TEST(Structure, SharesRoundedToMakeOneHundredAreNotAnError) {
  // 70/139 = 50,4%, 63/139 = 45,3%, 6/139 = 4,3%: written 50% + 46% + 4% so that they make 100%.
  const std::string shares =
      "Tổng hợp 139 kiến nghị của cử tri: có 70/139 kiến nghị đã được giải quyết dứt điểm, chiếm 50%; 63/139 kiến nghị "
      "đang được xem xét, giải quyết, chiếm 46%; 06/139 kiến nghị chưa được giải quyết, chiếm 4%.\n";
  Extraction x = Audited(kReport + shares);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:fraction_percent", "rate", {"46%"}));
  // Alone, 63/139 is not 46%.
  std::vector<Flag> alone = FlagsBy(Audited(kReport + "Có 63/139 kiến nghị đang được xem xét, giải quyết, chiếm 46%.\n"),
                                    "builtin:fraction_percent");
  EXPECT_EQ(alone.size(), 1u);
}

TEST(Structure, ARateCutRatherThanRoundedIsNotAnError) {
  // 5.583 / 9.174 = 60,858…%: cut to 60,85% (as offices often write it) it agrees; 60,84% does not.
  auto text = [](const char* rate) {
    return kReport + "Số hồ sơ được giải quyết trước hạn là 5.583/9.174 hồ sơ, đạt " + rate + ".\n";
  };
  Extraction x = Audited(text("60,85%"));
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:fraction_percent", "rate", {"60,85%"}));
  EXPECT_EQ(FlagsBy(Audited(text("60,84%")), "builtin:fraction_percent").size(), 1u);
}

TEST(Structure, ExplanationsInEnglish) {
  std::vector<Flag> flags = FlagsOf(kReport + "Có 70/139 kiến nghị của cử tri đã được trả lời, chiếm 55%.\n", "ratio_mismatch", "en");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "builtin:fraction_percent");
  EXPECT_TRUE(Says(flags[0], "“70/139 kiến nghị” with “chiếm 55%”: 70 / 139 = 50%, not the 55% stated.")) << flags[0].explanation;
}

// =============================================================================================
// A whole and its listed parts.

const std::string kLetters =
    "Năm 2025, Ban Tiếp công dân phường tiếp nhận 250 đơn thư, trong đó đơn khiếu nại 150 đơn (60%), đơn tố cáo 100 đơn (40%).\n";

TEST(Structure, PartsAndTheirSharesOfTheWholeThatAgreeAreChecks) {
  Extraction x = Audited(kReport + kLetters);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:part_percent", "rate", {"60%"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:part_percent", "rate", {"40%"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"150", "100"}));
  for (const Check& k : ChecksBy(x, "builtin:part_percent")) EXPECT_EQ(Members(k, "whole"), std::vector<std::string>{"250"});
  for (const Check& k : ChecksBy(x, "builtin:stated_parts")) EXPECT_EQ(k.relation, "sum");
}

TEST(Structure, APartWhosePercentageDisagreesWithTheWholeIsAnError) {
  const std::string text = kReport + Replaced(kLetters, "(60%)", "(65%)");
  Extraction x = Audited(text);
  std::vector<Flag> flags = FlagsBy(x, "builtin:part_percent");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_EQ(flags[0].kind, "ratio_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);   // the other share and the sum confirm the whole
  EXPECT_EQ(flags[0].stated, 65);
  EXPECT_EQ(flags[0].computed, 60);
  EXPECT_TRUE(Covers(flags[0], text, "khiếu nại", "65%"));
  EXPECT_TRUE(Covers(flags[0], text, "tiếp nhận", "250"));
  EXPECT_TRUE(Says(flags[0], "Phần «150» của tổng «250» … «trong đó»: 150 / 250 = 60%, khác tỷ lệ ghi kèm là 65%.")) << flags[0].explanation;
  EXPECT_EQ(x.flags.size(), 1u) << Explain(x.flags);
}

TEST(Structure, ComplementaryPartsThatDoNotAddUpAreAnError) {
  // On time and late split the resolved files with nothing left over.
  const std::string fine =
      "Trong kỳ, UBND phường đã giải quyết 8.120 hồ sơ, trong đó đúng hạn 8.051 hồ sơ, trễ hạn 69 hồ sơ.\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"8.051 hồ sơ", "69 hồ sơ"}));

  const std::string text = kReport + Replaced(fine, "8.051", "8.061");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:stated_parts");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "sum_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[0].stated, 8120);
  EXPECT_EQ(flags[0].computed, 8130);
  EXPECT_TRUE(Covers(flags[0], text, "đúng hạn", "8.061"));
  EXPECT_TRUE(Says(flags[0], "Các phần nêu sau «8.120 hồ sơ» … «trong đó» (đó là các phần bù nhau): 8.061 + 69 = 8.130, "
                             "khác tổng đã nêu là 8.120."))
      << flags[0].explanation;
}

TEST(Structure, PartsInParenthesesAfterTheWholeAreChecked) {
  const std::string fine = "Trên địa bàn phường có 23 doanh nghiệp (20 đang hoạt động, 03 tạm dừng hoạt động).\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "total", {"23 doanh nghiệp"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"20", "03"}));

  // Nothing says the two make all 23: a one-digit slip is a warning.
  const std::string text = kReport + Replaced(fine, "03 tạm", "02 tạm");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:stated_parts");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "sum_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_EQ(flags[0].computed, 22);
  EXPECT_TRUE(Covers(flags[0], text, "hoạt động, ", "02"));
  EXPECT_TRUE(Says(flags[0], "«23 doanh nghiệp … (»")) << flags[0].explanation;
  EXPECT_TRUE(Says(flags[0], "(danh sách có thể chưa nêu hết các phần): 20 + 2 = 22, khác tổng đã nêu là 23.")) << flags[0].explanation;
}

TEST(Structure, PartsAfterAColonThatCountTheWholesNounAreChecked) {
  const std::string fine = "Cát làm vật liệu xây dựng thông thường 04 giấy phép: Thăm dò: 01 giấy phép; Khai thác: 03 giấy phép.\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"01", "03"}));

  const std::string text = kReport + Replaced(fine, "01 giấy phép", "02 giấy phép");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:stated_parts");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_EQ(flags[0].stated, 4);
  EXPECT_EQ(flags[0].computed, 5);
  EXPECT_TRUE(Covers(flags[0], text, "Thăm dò", "02"));
  EXPECT_TRUE(Says(flags[0], "2 + 3 = 5, khác tổng đã nêu là 4.")) << flags[0].explanation;
}

const std::string kGroups =
    "Tổng số thủ tục hành chính được công bố là 165 thủ tục, chia thành 02 nhóm:\n"
    "- Nhóm thủ tục lĩnh vực đất đai: 120 thủ tục;\n"
    "- Nhóm thủ tục lĩnh vực tư pháp, hộ tịch: 45 thủ tục.\n";

TEST(Structure, AsManyListedPartsAsTheTextAnnouncesMustAddUp) {
  Extraction x = Audited(kReport + kGroups);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"120 thủ tục", "45 thủ tục"}));

  // "02 nhóm" and two list items: the parts are all of the whole, a broken sum is an error.
  const std::string text = kReport + Replaced(kGroups, "45 thủ tục", "55 thủ tục");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:stated_parts");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "sum_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[0].computed, 175);
  EXPECT_TRUE(Covers(flags[0], text, "hộ tịch", "55"));
  EXPECT_TRUE(Says(flags[0], "Các phần nêu sau «165 thủ tục» … «chia thành» (đủ số phần văn bản đã nêu): 120 + 55 = 175, "
                             "khác tổng đã nêu là 165."))
      << flags[0].explanation;
}

// =============================================================================================
// Shares of a named total: "Vốn góp: X đồng (chiếm 15% tổng vốn đầu tư)" against "Tổng vốn đầu tư: Y đồng".

const std::string kCapital =
    "4. Tổng vốn đầu tư của dự án: 5.171.344.000.000 đồng.\n\n"
    "5. Nguồn vốn đầu tư:\n\n"
    "- Vốn góp của nhà đầu tư: 775.701.600.000 đồng (chiếm 15% tổng vốn đầu tư);\n"
    "- Vốn vay từ các tổ chức tín dụng: 4.395.642.400.000 đồng (chiếm 85% tổng vốn đầu tư).\n";

TEST(Structure, SharesOfANamedTotalThatAgreeAreChecks) {
  Extraction x = Audited(kReport + kCapital);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  std::vector<Check> shares = ChecksBy(x, "builtin:named_share");
  EXPECT_TRUE(HasCheckWith(x, "builtin:named_share", "rate", {"15%"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:named_share", "rate", {"85%"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:named_share", "part", {"775.701.600.000 đồng", "4.395.642.400.000 đồng"}));
  for (const Check& k : shares) {
    std::vector<std::string> whole = Members(k, k.relation == "sum" ? "total" : "whole");
    EXPECT_EQ(whole, std::vector<std::string>{"5.171.344.000.000 đồng"}) << k.relation;
  }
}

TEST(Structure, AShareOfANamedTotalThatDisagreesIsAnError) {
  const std::string text = kReport + Replaced(kCapital, "chiếm 15%", "chiếm 18%");
  Extraction x = Audited(text);
  std::vector<Flag> flags = FlagsBy(x, "builtin:named_share");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_EQ(flags[0].kind, "ratio_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[0].stated, 18);
  EXPECT_EQ(flags[0].computed, 15);
  EXPECT_TRUE(Covers(flags[0], text, "chiếm 18%", "18%"));
  EXPECT_TRUE(Covers(flags[0], text, "Tổng vốn đầu tư của dự án", "5.171.344.000.000"));
  EXPECT_TRUE(Says(flags[0], "«775.701.600.000 đồng» được ghi là chiếm 18% «tổng vốn đầu tư» (5.171.344.000.000 đồng)"))
      << flags[0].explanation;
  EXPECT_EQ(x.flags.size(), 1u) << Explain(x.flags);

  // Shares that make 100% are the total's parts: 4.385.642.400.000 is still 85% when rounded,
  // but the two parts no longer make the total.
  const std::string sum = kReport + Replaced(kCapital, "4.395.642.400.000", "4.385.642.400.000");
  Extraction y = Audited(sum);
  std::vector<Flag> sums = FlagsBy(y, "builtin:named_share");
  ASSERT_EQ(sums.size(), 1u) << Explain(y.flags);
  EXPECT_EQ(sums[0].kind, "sum_mismatch");
  EXPECT_EQ(sums[0].severity, Severity::kError);
  EXPECT_EQ(sums[0].computed, 5161344000000.0);
  EXPECT_TRUE(Covers(sums[0], sum, "Vốn vay", "4.385.642.400.000"));
  EXPECT_TRUE(Says(sums[0], "Các phần có tỷ lệ trên «tổng vốn đầu tư» cộng lại bằng 100%")) << sums[0].explanation;
}

// =============================================================================================
// Tables.

const std::string kFilesTable =
    "Phụ lục\n\nKết quả giải quyết hồ sơ theo tổ dân phố\n\n"
    "STT\tĐơn vị\tTổng số hồ sơ\tTrực tuyến\tTrực tiếp\tĐã giải quyết\tTỷ lệ giải quyết (%)\n"
    "1\tTổ dân phố Hòa Bình\t120\t80\t40\t114\t95,00\n"
    "2\tTổ dân phố Quyết Thắng\t200\t150\t50\t190\t95,00\n"
    "3\tTổ dân phố Tân Lập\t80\t60\t20\t72\t90,00\n"
    "4\tTổ dân phố Đồng Tâm\t100\t70\t30\t98\t98,00\n"
    "\tTổng cộng\t500\t360\t140\t474\t94,80\n";

TEST(Structure, ATableWhoseTotalsAndRatesHoldIsListedInChecks) {
  Extraction x = Audited(kReport + kFilesTable);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:table_total_row", "part", {"120", "200", "80", "100"}));
  EXPECT_EQ(ChecksBy(x, "builtin:table_total_row").size(), 4u);      // each column of counts
  EXPECT_TRUE(HasCheckWith(x, "builtin:table_total_column", "part", {"60", "20"}));
  EXPECT_EQ(ChecksBy(x, "builtin:table_total_column").size(), 5u);   // each row, the total's too
  EXPECT_TRUE(HasCheckWith(x, "builtin:table_rate_column", "rate", {"94,80"}));
  EXPECT_EQ(ChecksBy(x, "builtin:table_rate_column").size(), 5u);
  for (const Check& k : ChecksBy(x, "builtin:table_total_row")) EXPECT_EQ(k.relation, "table_sum");
  for (const Check& k : ChecksBy(x, "builtin:table_rate_column")) EXPECT_EQ(k.relation, "ratio");
}

TEST(Structure, ATotalRowThatDisagreesWithItsRowsIsAnError) {
  const std::string text = kReport + Replaced(kFilesTable, "\tTổng cộng\t500\t", "\tTổng cộng\t510\t");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:table_total_row");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "sum_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[0].stated, 510);
  EXPECT_EQ(flags[0].computed, 500);
  EXPECT_TRUE(Covers(flags[0], text, "Tổng cộng", "510"));
  EXPECT_TRUE(Says(flags[0], "Dòng «Tổng cộng» của bảng (cột «Tổng số hồ sơ»): 120 + 200 + 80 + 100 = 500, khác tổng số đã ghi là 510."))
      << flags[0].explanation;
}

TEST(Structure, ATotalColumnThatDisagreesWithItsPartColumnsIsAnError) {
  // Tân Lập: 60 online + 30 in person is not the 80 in "Tổng số hồ sơ" (the four other rows add up).
  const std::string text = kReport + Replaced(kFilesTable, "\t80\t60\t20\t", "\t80\t60\t30\t");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:table_total_column");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "sum_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[0].computed, 90);
  EXPECT_TRUE(Covers(flags[0], text, "\t80\t60\t", "30"));
  EXPECT_TRUE(Says(flags[0], "Cột «Tổng số hồ sơ» của dòng «Tổ dân phố Tân Lập» so với các cột «Trực tuyến … Trực tiếp»"))
      << flags[0].explanation;
}

TEST(Structure, ARateColumnThatDisagreesWithItsColumnsIsAnError) {
  const std::string text = kReport + Replaced(kFilesTable, "\t72\t90,00", "\t72\t80,00");
  Extraction x = Audited(text);
  std::vector<Flag> flags = FlagsBy(x, "builtin:table_rate_column");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_EQ(flags[0].kind, "ratio_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);   // the relation holds in four other rows
  EXPECT_EQ(flags[0].stated, 80);
  EXPECT_EQ(flags[0].computed, 90);
  EXPECT_TRUE(Covers(flags[0], text, "\t72\t", "80,00"));
  EXPECT_TRUE(Says(flags[0], "Cột tỷ lệ «Tỷ lệ giải quyết (%)» của dòng «Tổ dân phố Tân Lập» bằng cột «Đã giải quyết» chia cột "
                             "«Tổng số hồ sơ» ở 4 dòng: 72 / 80 = 90,00%, khác tỷ lệ đã ghi là 80,00%."))
      << flags[0].explanation;
  EXPECT_EQ(x.flags.size(), 1u) << Explain(x.flags);
}

const std::string kParksTable =
    "Phụ lục II\n\nDiện tích các cụm công nghiệp\n\n"
    "STT\tTên cụm công nghiệp\tDiện tích quy hoạch (ha)\tDiện tích đã cho thuê (ha)\n"
    "I\tHuyện Văn Yên\t125,5\t80,2\n"
    "1\tCCN Bắc Văn Yên\t75,0\t50,2\n"
    "2\tCCN Đông An\t50,5\t30,0\n"
    "II\tHuyện Trấn Yên\t98,0\t61,5\n"
    "1\tCCN Hưng Khánh\t48,0\t31,5\n"
    "2\tCCN Báo Đáp\t50,0\t30,0\n"
    "\tTổng cộng\t223,5\t141,7\n";

TEST(Structure, AGroupRowThatDisagreesWithItsNumberedRowsIsAnError) {
  Extraction x = Audited(kReport + kParksTable);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_EQ(ChecksBy(x, "builtin:table_group_row").size(), 4u);
  // Over groups, the total row adds the group rows, not every row.
  EXPECT_TRUE(HasCheckWith(x, "builtin:table_total_row", "part", {"125,5", "98,0"}));

  const std::string text = kReport + Replaced(kParksTable, "Hưng Khánh\t48,0\t31,5", "Hưng Khánh\t48,0\t32,5");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:table_group_row");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "sum_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[0].stated, 61.5);
  EXPECT_EQ(flags[0].computed, 62.5);
  EXPECT_TRUE(Covers(flags[0], text, "Hưng Khánh\t48,0\t", "32,5"));
  EXPECT_TRUE(Says(flags[0], "(cột «Diện tích đã cho thuê (ha)») so với các dòng đánh số của nhóm: 32,5 + 30,0 = 62,5, "
                             "khác tổng số đã ghi là 61,5."))
      << flags[0].explanation;
}

// pdftotext -layout: no tabs, columns set apart by runs of spaces; the header line has no figures.
const std::string kSpacedTable =
    "Phụ lục III\n\nKẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH\n\n"
    " STT   Đơn vị                         Tiếp nhận    Đã giải quyết    Tỷ lệ\n"
    "  1    Tổ dân phố Hòa Bình                  120              114    95,00%\n"
    "  2    Tổ dân phố Quyết Thắng               200              175    87,50%\n"
    "  3    Tổ dân phố Tân Lập                    80               58    72,50%\n"
    "  4    Tổ dân phố Đồng Tâm                  100               68    68,00%\n"
    "       Tổng cộng                            500              415    83,00%\n";

TEST(Structure, ASpaceAlignedTableIsCheckedLikeATabbedOne) {
  Extraction x = Audited(kReport + kSpacedTable);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:table_total_row", "part", {"120", "200", "80", "100"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:table_total_row", "part", {"114", "175", "58", "68"}));
  EXPECT_EQ(ChecksBy(x, "builtin:table_rate_column").size(), 5u);
}

TEST(Structure, ASpaceAlignedRowThatDisagreesIsAnError) {
  const std::string rate = kReport + Replaced(kSpacedTable, "58    72,50%", "58    75,20%");
  Extraction x = Audited(rate);
  std::vector<Flag> flags = FlagsBy(x, "builtin:table_rate_column");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_EQ(flags[0].kind, "ratio_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_TRUE(Covers(flags[0], rate, "Tân Lập", "75,20%"));
  EXPECT_TRUE(Says(flags[0], "Cột tỷ lệ «cột số 3» của dòng «Tổ dân phố Tân Lập» bằng cột «cột số 2» chia cột «cột số 1» ở 4 dòng: "
                             "58 / 80 = 72,50%, khác tỷ lệ đã ghi là 75,20%."))
      << flags[0].explanation;
  EXPECT_EQ(x.flags.size(), 1u) << Explain(x.flags);

  const std::string total = kReport + Replaced(kSpacedTable, "500              415", "500              425");
  std::vector<Flag> sums = FlagsBy(Audited(total), "builtin:table_total_row");
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_EQ(sums[0].severity, Severity::kError);
  EXPECT_EQ(sums[0].computed, 415);
  EXPECT_TRUE(Covers(sums[0], total, "Tổng cộng", "425"));
  EXPECT_TRUE(Says(sums[0], "Dòng «Tổng cộng» của bảng (cột «cột số 2»): 114 + 175 + 58 + 68 = 415, khác tổng số đã ghi là 425."))
      << sums[0].explanation;
}

// =============================================================================================
// Numbered outlines: a heading's figure is the sum of its points' figures.

const std::string kOutline =
    "Phụ lục IV\n\nBẢNG ĐIỂM TỰ ĐÁNH GIÁ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH\n\n"
    "3.      Cải cách thủ tục hành chính                                   10.00\n"
    "3.1.    Rà soát, đánh giá thủ tục hành chính                            3.00\n"
    "3.1.1.  Ban hành văn bản về rà soát, đánh giá TTHC                      1.00\n"
    "3.1.2.  Thực hiện rà soát, đánh giá TTHC đúng tiến độ                   2.00\n"
    "3.2.    Công bố, công khai thủ tục hành chính                           3.50\n"
    "3.2.1.  Công bố danh mục TTHC đúng thời hạn                             0.50\n"
    "3.2.2.  Công khai TTHC trên Cổng dịch vụ công                           1.50\n"
    "3.2.3.  Công khai TTHC tại Bộ phận Một cửa                              1.50\n"
    "3.3.    Thực hiện cơ chế một cửa, một cửa liên thông                    3.50\n"
    "3.3.1.  Tiếp nhận, trả kết quả tại Bộ phận Một cửa                      2.00\n"
    "3.3.2.  Giải quyết hồ sơ đúng hạn                                       1.50\n";

TEST(Structure, ANumberedOutlineWhoseHeadingsAddUpIsACheck) {
  Extraction x = Audited(kReport + kOutline);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_EQ(ChecksBy(x, "builtin:outline_sum").size(), 4u);   // 3., 3.1., 3.2., 3.3.
  EXPECT_TRUE(HasCheckWith(x, "builtin:outline_sum", "part", {"0.50", "1.50", "1.50"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:outline_sum", "part", {"3.00", "3.50", "3.50"}));
}

TEST(Structure, AHeadingThatDisagreesWithItsPointsIsAnError) {
  const std::string text =
      kReport + Replaced(kOutline, "Cổng dịch vụ công                           1.50", "Cổng dịch vụ công                           1.00");
  Extraction x = Audited(text);
  std::vector<Flag> flags = FlagsBy(x, "builtin:outline_sum");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_EQ(flags[0].kind, "sum_mismatch");
  EXPECT_EQ(flags[0].severity, Severity::kError);   // three other headings add up
  EXPECT_EQ(flags[0].stated, 3.5);
  EXPECT_EQ(flags[0].computed, 3.0);
  EXPECT_TRUE(Covers(flags[0], text, "Cổng dịch vụ công", "1.00"));
  EXPECT_TRUE(Says(flags[0], "Mục 3.2. «Công bố, công khai thủ tục hành chính» so với các mục con 3.2.1, 3.2.2 … (3 mục khác của bảng "
                             "cộng lại khớp): 0,50 + 1,00 + 1,50 = 3,00, khác tổng số đã ghi là 3,50."))
      << flags[0].explanation;
  EXPECT_EQ(x.flags.size(), 1u) << Explain(x.flags);
}

// =============================================================================================
// One figure stated in the body and again in an appendix.

const std::string kLand =
    "I. Hiện trạng sử dụng đất\n\n"
    "Tổng diện tích đất nông nghiệp của phường là 970,46 ha, chiếm phần lớn diện tích tự nhiên.\n\n"
    "Phụ lục\n\n"
    "STT\tLoại đất\tDiện tích (ha)\n"
    "1\tTổng diện tích đất nông nghiệp\t970,46\n"
    "2\tĐất phi nông nghiệp\t312,18\n";

TEST(Structure, AFigureRepeatedInTheAppendixIsACheck) {
  Extraction x = Audited(kReport + kLand);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  std::vector<Check> agree = ChecksBy(x, "builtin:repeated_figure");
  ASSERT_EQ(agree.size(), 1u);
  EXPECT_EQ(agree[0].relation, "agree");
  EXPECT_EQ(Members(agree[0], "value"), (std::vector<std::string>{"970,46 ha", "970,46"}));
}

TEST(Structure, AFigureRepeatedWithOneDigitChangedIsAWarning) {
  const std::string text = kReport + Replaced(kLand, "\t970,46", "\t970,56");
  Extraction x = Audited(text);
  std::vector<Flag> flags = FlagsBy(x, "builtin:repeated_figure");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_EQ(flags[0].kind, "conflicting_values");
  EXPECT_EQ(flags[0].severity, Severity::kWarning);   // the engine cannot prove they are one quantity
  EXPECT_TRUE(Covers(flags[0], text, "\t970,56", "970,56"));
  EXPECT_TRUE(Covers(flags[0], text, "phường là", "970,46"));
  EXPECT_TRUE(Says(flags[0], "«970,46 ha» (dòng 13) và «970,56» (dòng 18) chỉ khác nhau một chữ số")) << flags[0].explanation;
  // A figure that differs in two digits is another quantity.
  EXPECT_TRUE(FlagsBy(Audited(kReport + Replaced(kLand, "\t970,46", "\t980,56")), "builtin:repeated_figure").empty());
}

// =============================================================================================
// Guards: what looks like a whole and its parts but is not.

TEST(Structure, AScoringRubricIsNotAWholeAndItsParts) {
  // Points of a rubric are bounds: 6 + 2 need not make the 10 points at most.
  Extraction x = Audited(kReport +
                         "Tiêu chí cải cách hành chính tối đa 10 điểm, trong đó lĩnh vực kinh tế 6 điểm, lĩnh vực văn hóa 2 điểm.\n");
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  // The same words counting tasks: 6 + 2 is one slip from 10, a warning.
  std::vector<Flag> tasks = FlagsOf(kReport +
                                        "Năm 2025, phường được giao 10 nhiệm vụ, trong đó lĩnh vực kinh tế 6 nhiệm vụ, lĩnh vực văn hóa 2 nhiệm vụ.\n",
                                    "sum_mismatch");
  EXPECT_EQ(tasks.size(), 1u);
}

TEST(Structure, FiguresThatNameThingsAreNotParts) {
  // "Điều 50", "Nhóm 1", a footnote "[1]", a code "A.1.2": none is a part; the real parts add up.
  struct Case {
    std::string text;
    std::vector<std::string> parts;
  };
  const Case cases[] = {
      {"Trong năm, phường tiếp nhận 45 hồ sơ đất đai, trong đó hồ sơ thực hiện theo Điều 50 Luật Đất đai 30 hồ sơ, hồ sơ thực "
       "hiện theo Điều 45 Luật Đất đai 15 hồ sơ.\n",
       {"30 hồ sơ", "15 hồ sơ"}},
      {"Tổng số thủ tục hành chính được công bố là 165 thủ tục, chia thành 02 nhóm:\n- Nhóm 1 (thẩm quyền cấp tỉnh): 120 thủ tục;\n"
       "- Nhóm 2 (thẩm quyền cấp xã): 45 thủ tục.\n",
       {"120 thủ tục", "45 thủ tục"}},
      {"Trong năm, phường tiếp nhận 45 hồ sơ, trong đó lĩnh vực đất đai 30 hồ sơ[1], lĩnh vực hộ tịch 15 hồ sơ[2].\n",
       {"30 hồ sơ", "15 hồ sơ"}},
      {"Lĩnh vực A của Bộ chỉ số có 12 tiêu chí thành phần, trong đó: tiêu chí A.1.2 có 7 tiêu chí thành phần, tiêu chí A.1.3 có "
       "5 tiêu chí thành phần.\n",
       {"7 tiêu chí", "5 tiêu chí"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction x = Audited(kReport + c.text);
    EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
    EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", c.parts));
  }
}

TEST(Structure, NamesThatEndInANumberAreNotParts) {
  // "CCN Thống Nhất 1", "Công ty TNHH MTV Khoáng sản 3 - Vimico": the number is part of the name.
  Extraction parks = Audited(kReport +
                             "Tỉnh có 03 cụm công nghiệp với tổng diện tích 150 ha, gồm: CCN Thống Nhất 1 diện tích 50 ha, CCN Thống "
                             "Nhất 2 diện tích 60 ha, CCN Phú Thịnh 3 diện tích 40 ha.\n");
  EXPECT_TRUE(parks.flags.empty()) << Explain(parks.flags);
  EXPECT_TRUE(HasCheckWith(parks, "builtin:stated_parts", "part", {"50 ha", "60 ha", "40 ha"}));
  Extraction mines = Audited(kReport +
                             "Trên địa bàn có 04 giấy phép khai thác khoáng sản, trong đó: Công ty TNHH MTV Khoáng sản 3 - Vimico được "
                             "cấp 02 giấy phép, Công ty Cổ phần Apatit Việt Nam được cấp 02 giấy phép.\n");
  EXPECT_TRUE(mines.flags.empty()) << Explain(mines.flags);
  EXPECT_TRUE(HasCheckWith(mines, "builtin:stated_parts", "part", {"02", "02"}));
}

TEST(Structure, ACountOfGroupsIsNotAWhole) {
  // "chia thành 02 nhóm": 02 counts the groups; 120 + 45 thủ tục are not parts of it.
  Extraction x = Audited(kReport +
                         "Các thủ tục hành chính thuộc thẩm quyền giải quyết được chia thành 02 nhóm, gồm: thủ tục cấp tỉnh 120 "
                         "thủ tục, thủ tục cấp xã 45 thủ tục.\n");
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(ChecksBy(x, "builtin:stated_parts").empty());
}

TEST(Structure, AListThatMayNameOnlySomePartsIsNotAnError) {
  // Two fields of many: one digit would mend 350 + 890 = 1.240 against 1.250, so a warning, not
  // an error; 320 + 450 is no slip from 1.250 (other fields are left out), so nothing.
  std::vector<Flag> slip = FlagsOf(kReport +
                                       "Năm 2025, phường tiếp nhận 1.250 hồ sơ, trong đó lĩnh vực đất đai 350 hồ sơ, lĩnh vực hộ tịch 890 hồ sơ.\n",
                                   "sum_mismatch");
  ASSERT_EQ(slip.size(), 1u);
  EXPECT_EQ(slip[0].severity, Severity::kWarning);
  EXPECT_TRUE(Says(slip[0], "(danh sách có thể chưa nêu hết các phần)")) << slip[0].explanation;
  Extraction some = Audited(kReport +
                            "Năm 2025, phường tiếp nhận 1.250 hồ sơ, trong đó lĩnh vực đất đai 320 hồ sơ, lĩnh vực hộ tịch 450 hồ sơ.\n");
  EXPECT_TRUE(some.flags.empty()) << Explain(some.flags);
  // Far from the whole: 30 women and 12 party members of 250 staff are notable groups, not a split.
  Extraction far = Audited(kReport + "Đội ngũ cán bộ, công chức phường có 250 người, trong đó nữ 30 người, đảng viên 12 người.\n");
  EXPECT_TRUE(far.flags.empty()) << Explain(far.flags);
}

TEST(Structure, OneNotablePartIsNotABreakdown) {
  // "trong đó có 235 dự án": one part singled out; its share is of another total.
  Extraction x = Audited(kReport +
                         "Lũy kế đến nay, toàn tỉnh có 1.250 dự án đầu tư còn hiệu lực, trong đó có 235 dự án FDI (chiếm 42% tổng "
                         "vốn đăng ký).\n");
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
}

TEST(Structure, ACueInsideAnAsideDoesNotHideTheList) {
  // "(bao gồm cả cấp mới và điều chỉnh)" qualifies the whole; the parts follow "trong đó".
  Extraction x = Audited(kReport +
                         "Năm 2025, UBND tỉnh đã cấp 09 giấy phép hoạt động khoáng sản (bao gồm cả cấp mới và điều chỉnh), trong đó, "
                         "thăm dò: 03 giấy phép; khai thác: 06 giấy phép.\n");
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"03", "06"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "total", {"09"}));
}

// =============================================================================================
// Found while writing these tests: kept, skipped until structure*.cc is fixed.

TEST(Structure, RatesOfDifferentRowsOfASpaceAlignedTableAreNotOneFigureRepeated) {
  const std::string table =
      "Phụ lục III\n\nKẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH\n\n"
      " STT   Đơn vị                         Tiếp nhận    Đã giải quyết    Tỷ lệ\n"
      "  1    Tổ dân phố Hòa Bình                  120              114    95,00%\n"
      "  2    Tổ dân phố Quyết Thắng               200              190    95,00%\n"
      "  3    Tổ dân phố Tân Lập                    80               72    90,00%\n"
      "  4    Tổ dân phố Đồng Tâm                  100               98    98,00%\n"
      "       Tổng cộng                            500              474    94,80%\n";
  Extraction x = Audited(kReport + table);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_EQ(ChecksBy(x, "builtin:table_rate_column").size(), 5u);
}

TEST(Structure, AShareOfAnotherNamedTotalIsNotAPartsShareOfTheWhole) {
  Extraction x = Audited(kReport +
                         "Lũy kế đến nay, toàn tỉnh có 1.250 dự án đầu tư còn hiệu lực, trong đó 235 dự án FDI (chiếm 42% tổng vốn "
                         "đăng ký).\n");
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
}

TEST(Structure, PartsInParenthesesAfterTheirNamesAreParts) {
  const std::string fine =
      "Tỉnh có 03 cụm công nghiệp với tổng diện tích 150 ha, gồm: CCN Bắc Văn Yên (50 ha), CCN Đông An (60 ha), CCN Phú Thịnh (40 ha).\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_FALSE(ChecksBy(x, "builtin:stated_parts").empty());
  // Three clusters announced, three listed: a broken sum is an error.
  std::vector<Flag> flags = FlagsOf(kReport + Replaced(fine, "(40 ha)", "(50 ha)"), "sum_mismatch");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_EQ(flags[0].computed, 160);
}

TEST(Structure, AnAsideHoldingAFigureDoesNotHideTheList) {
  const std::string fine =
      "Năm 2025, UBND tỉnh đã cấp 09 giấy phép hoạt động khoáng sản (bao gồm cả 02 giấy phép điều chỉnh), trong đó, thăm dò: "
      "03 giấy phép; khai thác: 06 giấy phép.\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "total", {"09"}));
}

TEST(Structure, AGroupRowOffByOneDigitIsFlaggedAsTheGroupRow) {
  const std::string text = kReport + Replaced(kParksTable, "Huyện Văn Yên\t125,5", "Huyện Văn Yên\t126,5");
  Extraction x = Audited(text);
  std::vector<Flag> flags = FlagsBy(x, "builtin:table_group_row");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_TRUE(Covers(flags[0], text, "Huyện Văn Yên", "126,5"));
  EXPECT_TRUE(FlagsBy(x, "builtin:table_total_row").empty()) << Explain(x.flags);   // 223,5 = 75,0 + 50,5 + 48,0 + 50,0
}

TEST(Structure, AListWithoutACueWordQuotesTheWordsThatOpenIt) {
  std::vector<Flag> paren =
      FlagsOf(kReport + "Trên địa bàn phường có 23 doanh nghiệp (20 đang hoạt động, 02 tạm dừng hoạt động).\n", "sum_mismatch");
  ASSERT_EQ(paren.size(), 1u);
  EXPECT_FALSE(Says(paren[0], "«»")) << paren[0].explanation;
  std::vector<Flag> colon = FlagsOf(
      kReport + "Cát làm vật liệu xây dựng thông thường 04 giấy phép: Thăm dò: 02 giấy phép; Khai thác: 03 giấy phép.\n", "sum_mismatch");
  ASSERT_EQ(colon.size(), 1u);
  EXPECT_FALSE(Says(colon[0], "«»")) << colon[0].explanation;
}

TEST(Structure, TwoOfThreeComplementaryPartsMayLeaveOneOut) {
  // Online and in person, but not by post: the parts need not make the whole, so no error.
  const std::string text =
      kReport + "Trong kỳ, UBND phường đã tiếp nhận 1.000 hồ sơ, trong đó trực tuyến 800 hồ sơ, trực tiếp 150 hồ sơ.\n";
  for (const Flag& f : FlagsBy(Audited(text), "builtin:stated_parts")) EXPECT_NE(f.severity, Severity::kError) << f.explanation;
  // All three named: they make the whole.
  const std::string all = kReport +
                          "Trong kỳ, UBND phường đã tiếp nhận 1.000 hồ sơ, trong đó trực tuyến 800 hồ sơ, trực tiếp 150 hồ sơ, "
                          "qua bưu chính 40 hồ sơ.\n";
  std::vector<Flag> flags = FlagsBy(Audited(all), "builtin:stated_parts");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kError);
}

TEST(Structure, ThePiecesOfADateAreNoParts) {
  // "6 tháng (trước ngày 05 tháng 6)": a day and a month in parentheses, not parts of six.
  const std::string text = kReport + "Thực hiện chế độ báo cáo định kỳ hàng quý, 6 tháng (trước ngày 05 tháng 6) và báo cáo năm.\n";
  EXPECT_TRUE(FlagsBy(Audited(text), "builtin:stated_parts").empty());
}

TEST(Structure, AWholeBeforeASpaceAlignedTableOfFractionsIsTheSumOfTheirNumerators) {
  // pdftotext's layout of "đã hỗ trợ … 2.594 hồ sơ, cụ thể:" over a table whose one column holds
  // "hỗ trợ/Tổng số hồ sơ": 862 + 1.732 = 2.594; a row number alone on the line between a cell's
  // lines ("2⏎  TTHC: …") is no figure of the row.
  const std::string table =
      "Qua đó, đã hỗ trợ hướng dẫn đối với 2.594 hồ\n"
      "sơ TTHC, cụ thể:\n"
      "                                                      Số lượng hồ sơ đã\n"
      "TT                        Tên TTHC                    hỗ trợ/Tổng số hồ sơ\n"
      "     Đăng ký biến động đất đai theo thỏa thuận            862/1.266\n"
      "1\n"
      "     của các thành viên hộ gia đình                        (68,1%)\n"
      "     Xác nhận tiếp tục sử dụng đất nông nghiệp (Mã        1.732/2.090\n"
      "2\n"
      "     TTHC: 1.013947)                                        (82,9%)\n"
      "     3. Mô hình “Hồ sơ không bản giấy”\n";
  Extraction x = Audited(kReport + table);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:table_breakdown", "part", {"862", "1.732"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:fraction_percent", "rate", {"82,9%"}));

  const std::string text = kReport + Replaced(table, "1.732/", "1.782/");
  Extraction broken = Audited(text);
  std::vector<Flag> sums = FlagsBy(broken, "builtin:table_breakdown");
  ASSERT_EQ(sums.size(), 1u) << Explain(broken.flags);
  EXPECT_EQ(sums[0].severity, Severity::kWarning);
  EXPECT_EQ(sums[0].computed, 2644);
  EXPECT_TRUE(Covers(sums[0], text, "(Mã", "1.782"));
  EXPECT_TRUE(Covers(sums[0], text, "đối với", "2.594"));
  EXPECT_EQ(FlagsBy(broken, "builtin:fraction_percent").size(), 1u) << Explain(broken.flags);
}

TEST(Structure, AWholeBeforeATabbedTableOfFractionsIsTheSumOfTheirNumerators) {
  // The same table as a PDF's text layer gives it: tab-separated, the share after the fraction.
  const std::string table =
      "Qua đó, đã hỗ trợ hướng dẫn đối với 20.316 hồ sơ TTHC, cụ thể:\n\n"
      "TT\tTên TTHC\tSố lượng hồ sơ hỗ trợ /Tổng số hồ sơ\n"
      "1\tĐăng ký biện pháp bảo đảm bằng quyền sử dụng đất (mã TTHC: 1.011441)\t8.368/8.654 (96,7%)\n"
      "\tXóa đăng ký biện pháp bảo đảm bằng quyền sử dụng đất (mã TTHC:\t7.158/7.385 (96,9%)\n"
      "\t1.011443)\t\n"
      "3\tThủ tục Cấp giấy xác nhận tình trạng hôn nhân (mã TTHC: 1.004873)\t4.790/9.578 (50%)\n\n"
      "5. Mô hình “Hồ sơ phi địa giới hành chính”\n";
  Extraction x = Audited(kReport + table);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:table_breakdown", "part", {"8.368", "7.158", "4.790"}));
  const std::string text = kReport + Replaced(table, "20.316", "20.346");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:table_breakdown");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_TRUE(Covers(flags[0], text, "đối với", "20.346"));
}

TEST(Structure, AFractionColumnWhoseHeadingNamesAnotherNounIsNoBreakdown) {
  // The column counts tasks, the whole counts documents: nothing is read as parts.
  const std::string table =
      "Phường đã ban hành 25 văn bản, cụ thể:\n"
      "TT        Lĩnh vực                       Nhiệm vụ hoàn thành/Tổng số\n"
      "1         Chuyển đổi số                          12/20\n"
      "2         Cải cách hành chính                     9/10\n";
  Extraction x = Audited(kReport + table);
  EXPECT_TRUE(ChecksBy(x, "builtin:table_breakdown").empty());
  EXPECT_TRUE(FlagsBy(x, "builtin:table_breakdown").empty()) << Explain(x.flags);
}

const std::string kDetails =
    "Trong năm 2025, UBND tỉnh đã cấp 09 giấy phép thăm dò, khai thác khoáng sản các loại. "
    "Cụ thể đối với từng loại khoáng sản như sau:\n"
    "- Đá làm VLXD thông thường 04 giấy phép: Thăm dò: 01 giấy phép; Khai thác: 03 giấy phép.\n"
    "- Cát làm VLXD thông thường 04 giấy phép: Thăm dò: 02 giấy phép; Khai thác: 02 giấy phép.\n"
    "- Đất làm vật liệu san lấp: 01 giấy phép khai thác.\n";

TEST(Structure, AWholeTheSentenceBeforeCuTheNhuSauIsTheSumOfTheItemsBelow) {
  Extraction x = Audited(kReport + kDetails);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"04", "04", "01"}));

  const std::string text = kReport + Replaced(kDetails, "san lấp: 01", "san lấp: 03");
  Extraction broken = Audited(text);
  std::vector<Flag> flags = FlagsBy(broken, "builtin:stated_parts");
  ASSERT_EQ(flags.size(), 1u) << Explain(broken.flags);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_EQ(flags[0].stated, 9);
  EXPECT_EQ(flags[0].computed, 11);
  EXPECT_TRUE(Covers(flags[0], text, "san lấp", "03"));
  EXPECT_TRUE(Says(flags[0], "Cụ thể đối với")) << flags[0].explanation;
}

TEST(Structure, ItemsBelowCuTheNhuSauThatCountAnotherNounAreNoParts) {
  const std::string text = kReport +
                           "Trong năm 2025, UBND tỉnh đã cấp 09 giấy phép khai thác khoáng sản. Cụ thể như sau:\n"
                           "- Mỏ đá Bản Phiệt: 12 ha;\n"
                           "- Mỏ cát sông Hồng: 7 ha.\n";
  Extraction x = Audited(text);
  EXPECT_TRUE(FlagsBy(x, "builtin:stated_parts").empty()) << Explain(x.flags);
  EXPECT_TRUE(ChecksBy(x, "builtin:stated_parts").empty());
}

TEST(Structure, PartsThatNameTheWholesNounAmongFiguresOfOtherKindsAddUp) {
  // 03 + 02 + 01 + 52 = 58 kho; the capacities in tấn and the 02 suppliers are no parts.
  const std::string fine =
      "Tổng số lượng kho VLNCN: 58 kho, trong đó: 02 đơn vị cung ứng có cụm kho Cam Đường sức chứa 210 tấn (03 kho) và "
      "cụm kho Sin Quyền gồm có 02 kho với tổng sức chứa 180 tấn; Tổng Công ty có 01 kho với sức chứa 60 tấn và 52 kho "
      "của các đơn vị sử dụng.\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"03", "02", "01", "52"}));

  const std::string text = kReport + Replaced(fine, "và 52 kho", "và 57 kho");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:stated_parts");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_TRUE(Covers(flags[0], text, "và 57", "57"));
}

TEST(Structure, AnAbbreviationCountsWhatItsFullNameCounts) {
  // "37 cụm công nghiệp (… 05 CCN …; 05 CCN …; 27 CCN …)": CCN is a cụm công nghiệp.
  const std::string fine =
      "Hiện đang xúc tiến đầu tư: 37 cụm công nghiệp với tổng diện tích 2.029,4ha (Trong đó có 05 CCN đang thẩm định: "
      "Châu Quế, Yên Hợp 2; 05 CCN đã có nhà đầu tư liên hệ: Phú Thịnh 4, Gia Hội; 27 CCN tiếp tục xúc tiến đầu tư).\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"05", "05", "27"}));
  const std::string text = kReport + Replaced(fine, "27 CCN", "21 CCN");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:stated_parts");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_TRUE(Covers(flags[0], text, "21 CCN", "21"));
}

const std::string kNamedRates =
    "Có 14 hồ sơ phi địa giới TTHC/137 hồ sơ nộp trực tuyến/156 tổng số hồ sơ. Tỷ lệ hồ sơ nộp trực tuyến đạt 88%. "
    "Tỷ lệ hồ sơ phi địa giới TTHC so với hồ sơ nộp trực tuyến chiếm 10%.\n";

TEST(Structure, ARateNamedByTheLabelsOfCountsBeforeItIsChecked) {
  // 137 / 156 = 87,8% → 88%; 14 / 137 = 10,2% → 10%.
  Extraction x = Audited(kReport + kNamedRates);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:named_rate", "rate", {"88%"}));
  EXPECT_TRUE(HasCheckWith(x, "builtin:named_rate", "denominator", {"137 hồ sơ"}));

  const std::string text = kReport + Replaced(kNamedRates, "chiếm 10%", "chiếm 16%");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:named_rate");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_EQ(flags[0].computed, 10);
  EXPECT_TRUE(Covers(flags[0], text, "chiếm", "16%"));
  EXPECT_TRUE(Covers(flags[0], text, "Có ", "14 hồ sơ"));
  EXPECT_TRUE(Says(flags[0], "14 / 137 = 10%")) << flags[0].explanation;
}

TEST(Structure, ARateWhoseNameLabelsNoCountIsNotChecked) {
  const std::string text = kReport + "Có 14 hồ sơ phi địa giới TTHC/137 hồ sơ nộp trực tuyến. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97%.\n";
  Extraction x = Audited(text);
  EXPECT_TRUE(ChecksBy(x, "builtin:named_rate").empty());
  EXPECT_TRUE(FlagsBy(x, "builtin:named_rate").empty());
}

const std::string kRemainder =
    "Chỉ tiêu sử dụng đất cụm công nghiệp phân bổ đến năm 2030 tại xã Trấn Yên là 60,0 ha. Hiện trạng đất cụm công "
    "nghiệp theo số liệu thống kê năm 2025 là 1,69 ha. Như vậy chỉ tiêu đất cụm công nghiệp còn lại đến năm 2030 là 58,31 ha.\n";

TEST(Structure, WhatIsLeftIsTheFirstOfTwoFiguresBeforeLessTheSecond) {
  Extraction x = Audited(kReport + kRemainder);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:remainder", "total", {"60,0 ha"}));

  const std::string text = kReport + Replaced(kRemainder, "58,31", "53,31");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:remainder");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_TRUE(Covers(flags[0], text, "là 53", "53,31"));
  EXPECT_TRUE(Says(flags[0], "60,0 − 1,69 = 58,31, khác số đã ghi là 53,31.")) << flags[0].explanation;
}

TEST(Structure, WhatIsLeftAfterMoreThanTwoFiguresIsNotGuessed) {
  // Three earlier figures of the kind: which two make the remainder is not said.
  const std::string text = kReport +
                           "Tiếp nhận 100 hồ sơ, đã giải quyết 80 hồ sơ, trong đó trễ hạn 5 hồ sơ; còn lại 20 hồ sơ đang giải quyết.\n";
  EXPECT_TRUE(FlagsBy(Audited(text), "builtin:remainder").empty());
}

TEST(Structure, PartsFarFromTheirWholeCountOnlyWhenTheyNameItsNoun) {
  const std::string fine =
      "Về diện tích 1,69 ha hiện trạng đất cụm công nghiệp trên địa bàn xã Trấn Yên đã được UBND tỉnh cho các tổ chức "
      "thuê đất tại Cụm công nghiệp Báo Đáp để thực hiện dự án đầu tư (gồm: 0,67 ha của Công ty Cổ phần ATECH và 1,02 ha "
      "của Doanh nghiệp tư nhân Đăng Khoa).\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"0,67 ha", "1,02 ha"}));
  const std::string text = kReport + Replaced(fine, "1,02 ha", "1,62 ha");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:stated_parts");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_TRUE(Covers(flags[0], text, "và 1,62", "1,62"));
}

const std::string kNorms =
    "Phụ lục 01\n\n"
    "STT\tKhoản mục\tĐơn vị tính\tĐịnh mức tiêu hao\n"
    "1\tTinh dầu quế thô (80%)\tTấn\t2,38\n"
    "2\tĐiện năng\tkWh\t9.260\n"
    "3\tHơi nước\tTấn\t140\n\n"
    "Phụ lục 03\n\n"
    "STT\tNội dung\tThiết kế cơ sở (TKCS)\tThiết kế xây dựng\tKết quả đối chiếu\n"
    "4.1\tTinh dầu quế thô (80%)\t2,38 tấn\t2,38 tấn\tTrùng khớp\n"
    "4.2\tĐiện năng\t9.260 kWh\t9.260 kWh\tTrùng khớp\n"
    "4.3\tHơi nước\t140 tấn\t140 tấn\tTrùng khớp\n";

TEST(Structure, TwoCellsARowSaysMatchMustHoldTheSameFigures) {
  Extraction x = Audited(kReport + kNorms);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:said_to_match", "value", {"9.260 kWh", "9.260 kWh"}));

  const std::string text = kReport + Replaced(kNorms, "Điện năng\t9.260 kWh", "Điện năng\t9.760 kWh");
  Extraction broken = Audited(text);
  std::vector<Flag> flags = FlagsBy(broken, "builtin:said_to_match");
  ASSERT_EQ(flags.size(), 1u) << Explain(broken.flags);
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_TRUE(Covers(flags[0], text, "Điện năng\t9.7", "9.760"));
  EXPECT_TRUE(Says(flags[0], "Dòng ghi «Trùng khớp» nhưng «9.760 kWh» và «9.260 kWh» khác nhau.")) << flags[0].explanation;
}

TEST(Structure, AThreeDigitFigureInTwoAppendicesRowsOfOneNameIsOneQuantity) {
  // The unit comes from the "Đơn vị tính" column; "Hơi nước … 190" against "Hơi nước … 140 tấn".
  const std::string text = kReport + Replaced(kNorms, "Tấn\t140", "Tấn\t190");
  Extraction x = Audited(text);
  std::vector<Flag> flags = FlagsBy(x, "builtin:repeated_figure");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_TRUE(Covers(flags[0], text, "Tấn\t190", "190"));
}

TEST(Structure, ARoughFigureRecalledInAnAsideIsNoTwinOfAnExactOne) {
  const std::string text = kReport +
                           "Dự án đã được điều chỉnh (Quyết định số 3141/QĐ-UBND: 01 nhà xưởng mái lợp tôn, diện tích khoảng 935,5m2).\n"
                           "Hạng mục đầu tư mới: 01 Nhà xưởng chế biến tinh dầu quế, diện tích xây dựng 932,5 m².\n\n"
                           "STT\tNội dung\tThiết kế cơ sở\tThiết kế xây dựng\tKết quả đối chiếu\n"
                           "1.2\tQuy mô\tNhà xưởng mái tôn, diện tích xây dựng 932,5 m².\tNhà xưởng mái tôn, diện tích xây dựng 932,5 m².\tTrùng khớp\n";
  Extraction x = Audited(text);
  EXPECT_TRUE(FlagsBy(x, "builtin:repeated_figure").empty()) << Explain(x.flags);
  // The same area in the body, exact, one digit off the table, is flagged.
  const std::string slip = Replaced(text, "diện tích xây dựng 932,5 m².\n", "diện tích xây dựng 937,5 m².\n");
  EXPECT_EQ(FlagsBy(Audited(slip), "builtin:repeated_figure").size(), 1u);
}

const std::string kChanges =
    "Trong kỳ, phường đã tiếp nhận 1.250 hồ sơ, tăng 150 hồ sơ so với cùng kỳ năm 2024 (1.100 hồ sơ).\n\n"
    "Tổng thu ngân sách đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ năm trước (1.000 tỷ đồng).\n\n"
    "Tỷ lệ hồ sơ trực tuyến đạt 95%, tăng 3% so với năm 2024 (92%).\n\n"
    "Số vụ vi phạm là 12 vụ, giảm 4 vụ so với năm 2024 là 16 vụ.\n";

TEST(Structure, AChangeStatedWithBothItsEndsIsChecked) {
  Extraction x = Audited(kReport + kChanges);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_EQ(ChecksBy(x, "builtin:stated_change").size(), 4u);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_change", "part", {"150 hồ sơ"}));

  // A difference that does not hold is an error; a relative change a warning.
  const std::string text = kReport + Replaced(kChanges, "giảm 4 vụ", "giảm 3 vụ");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:stated_change");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kError);
  EXPECT_TRUE(Covers(flags[0], text, "giảm 3", "3"));
  EXPECT_TRUE(Says(flags[0], "«12» so với «16»: 16 − 12 = 4, không phải giảm 3 như đã ghi.")) << flags[0].explanation;

  const std::string relative = kReport + Replaced(kChanges, "tăng 20%", "tăng 25%");
  flags = FlagsBy(Audited(relative), "builtin:stated_change");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_EQ(flags[0].computed, 20);
}

TEST(Structure, ARatioOrAChangeWithoutItsBaseIsNoStatedChange) {
  const std::string text = kReport +
                           "Số người thoát nạn qua thang giảm 1,5 lần so với định mức 300 người.\n"
                           "Tổng thu đạt 1.200 tỷ đồng, tăng 20% so với cùng kỳ.\n"
                           "Phòng họp ở tầng 3, tăng 2 phòng so với năm trước.\n";
  Extraction x = Audited(text);
  EXPECT_TRUE(FlagsBy(x, "builtin:stated_change").empty()) << Explain(x.flags);
  EXPECT_TRUE(ChecksBy(x, "builtin:stated_change").empty());
}

TEST(Structure, InADecisionARelationAcrossSentencesIsAtMostAWarning) {
  // The same broken share in a decision: the total is stated sentences away, so a warning.
  const std::string decision = testing_util::Header("QUYẾT ĐỊNH", "QĐ-UBND", "Chấp thuận chủ trương đầu tư dự án");
  const std::string text = decision + Replaced(kCapital, "chiếm 15%", "chiếm 18%");
  Extraction x = Audited(text);
  std::vector<Flag> flags = FlagsBy(x, "builtin:named_share");
  ASSERT_EQ(flags.size(), 1u) << Explain(x.flags);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_TRUE(Says(flags[0], "liên hệ giữa các câu chỉ ở mức cảnh báo")) << flags[0].explanation;
  // One sentence states its own relation: still an error.
  const std::string one = decision + "Có 70/139 kiến nghị của cử tri đã được trả lời, chiếm 55%.\n";
  std::vector<Flag> fractions = FlagsBy(Audited(one), "builtin:fraction_percent");
  ASSERT_EQ(fractions.size(), 1u);
  EXPECT_EQ(fractions[0].severity, Severity::kError);
}

TEST(Structure, AnAmountOfSevenSignificantDigitsStatedAgainOneDigitOffIsAWarning) {
  const std::string fine =
      "1. Số phí phải nộp: Tổng số phí thẩm định thiết kế xây dựng phải nộp là: 6.695.793 đồng (làm tròn đến đồng).\n"
      "3. Phí thẩm định được xác định theo công thức: X = 7.048.202.820 đồng x 0,19% x 50% = 6.695.793 đồng.\n"
      "4. Mức phí tính toán là 6.695.793 đồng, nằm trong ngưỡng quy định.\n";
  EXPECT_TRUE(FlagsBy(Audited(kReport + fine), "builtin:repeated_figure").empty());
  const std::string text = kReport + Replaced(fine, "phải nộp là: 6.695.793", "phải nộp là: 6.695.743");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:repeated_figure");
  ASSERT_FALSE(flags.empty());
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_TRUE(Covers(flags[0], text, "phải nộp là", "6.695.743"));
  // Four digits in two sentences are too often two things: no flag.
  const std::string two = kReport + "Khối lượng nổ lớn nhất trong một vụ nổ 1.260kg.\nĐã nổ lớn nhất là 1.200kg/lần nổ.\n";
  EXPECT_TRUE(FlagsBy(Audited(two), "builtin:repeated_figure").empty());
}

TEST(Structure, AFigureOfTheSameVerbWithAnotherStatusEndsTheListOfParts) {
  // "đã giải quyết 2.051 hồ sơ; trong đó 2.041 … trước hạn; đang giải quyết 214 hồ sơ …, chiếm
  // 9,48%": 214 is of the 2.265 received, not a part of the 2.051 resolved.
  const std::string text = kReport +
                           "Trung tâm đã tiếp nhận 2.265 hồ sơ; trong đó tiếp nhận 2.007 hồ sơ trực tuyến; 258 hồ sơ trực tiếp. "
                           "Trung tâm đã giải quyết và trả kết quả 2.051 hồ sơ; trong đó 2.041 hồ sơ giải quyết trước hạn, đạt tỉ "
                           "lệ trên 99%; đang giải quyết 214 hồ sơ trong thời hạn, chiếm 9,45%.\n";
  Extraction x = Audited(text);
  EXPECT_TRUE(FlagsBy(x, "builtin:part_percent").empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:stated_parts", "part", {"2.007 hồ sơ", "258 hồ sơ"}));
  // Another verb's status says nothing: "Đã lấp đầy với 43 cơ sở (33 đang hoạt động, 10 …)".
  const std::string other = kReport + "Đã lấp đầy với 43 cơ sở (33 đang hoạt động, 10 đã có chủ trương đầu tư nhưng phải dừng).\n";
  EXPECT_TRUE(HasCheckWith(Audited(other), "builtin:stated_parts", "part", {"33", "10"}));
}

const std::string kDefinedRate =
    "a) Đã phê duyệt quy hoạch chi tiết: 23 cụm công nghiệp với tổng diện tích 903,78 ha; trong đó diện tích đất công "
    "nghiệp 650,32 ha chiếm 72%; đã cho thuê 188,75 ha; tỷ lệ lấp đầy bình quân đạt 29,0% (diện tích đất công nghiệp đã "
    "cho thuê trên tổng diện tích đất công nghiệp).\n";

TEST(Structure, ARateDefinedInWordsAfterItIsItsNamedFiguresQuotient) {
  // 188,75 / 650,32 = 29,02%: each side is the figure whose own words end the side's words.
  Extraction x = Audited(kReport + kDefinedRate);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_TRUE(HasCheckWith(x, "builtin:defined_rate", "denominator", {"650,32 ha"}));
  const std::string text = kReport + Replaced(kDefinedRate, "đạt 29,0%", "đạt 26,0%");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:defined_rate");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_TRUE(Covers(flags[0], text, "đã cho thuê 188", "188,75"));
  EXPECT_TRUE(Says(flags[0], "188,75 / 650,32 = 29,0%")) << flags[0].explanation;
}

TEST(Structure, AFiveDigitFigureStatedAgainWithTheSameWordsOneDigitOffIsAWarning) {
  const std::string fine =
      "- Giấy phép sử dụng vật liệu nổ công nghiệp số 507/GP-UBND, với một số thông số cơ bản: Tổng khối lượng thuốc nổ "
      "(Nhũ tương và Anfo): 92.075 Kg; khối lượng thuốc nổ lớn nhất trong một lần nổ không quá 100kg.\n"
      "- Phương án nổ mìn tháng 01 năm 2026 với một số thông số cơ bản sau: Tổng khối lượng thuốc nổ dự kiến sử dụng là: "
      "92.075kg; khối lượng thuốc nổ lớn nhất trong một vụ nổ 107,9kg.\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(FlagsBy(x, "builtin:repeated_figure").empty()) << Explain(x.flags);
  ASSERT_EQ(ChecksBy(x, "builtin:repeated_figure").size(), 1u);
  EXPECT_EQ(ChecksBy(x, "builtin:repeated_figure")[0].stated, 92075);
  const std::string text = kReport + Replaced(fine, "là: 92.075kg", "là: 92.675kg");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:repeated_figure");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_TRUE(Covers(flags[0], text, "là: 92", "92.675"));
}

TEST(Structure, ACountBesideTheNamesItCountsMustMatchThem) {
  const std::string fine =
      "2. Đối với 03 đơn vị sử dụng hóa chất: Công ty TNHH MTV Supe lân Apromaco Lào Cai; Nhà máy gia công giấy "
      "xuất khẩu Nguyễn Phúc; Xí nghiệp giấy Âu Lâu.\n";
  Extraction x = Audited(kReport + fine);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  EXPECT_EQ(ChecksBy(x, "builtin:counted_list").size(), 1u);
  const std::string text = kReport + Replaced(fine, "03 đơn vị", "05 đơn vị");
  std::vector<Flag> flags = FlagsBy(Audited(text), "builtin:counted_list");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].severity, Severity::kWarning);
  EXPECT_TRUE(Covers(flags[0], text, "Đối với", "05"));
  EXPECT_TRUE(Says(flags[0], "nhưng chỉ có 3 tên nêu sau dấu hai chấm")) << flags[0].explanation;
  // Items that carry figures of their own are parts, not names: no count of names is read.
  const std::string parts = kReport + "Kết quả 03 đơn vị: Công ty A đạt 95%; Công ty B đạt 90%.\n";
  EXPECT_TRUE(FlagsBy(Audited(parts), "builtin:counted_list").empty());
}

}  // namespace
}  // namespace baocao
