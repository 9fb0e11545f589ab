#include <gtest/gtest.h>

#include <string>

#include "audit_util.h"

namespace baocao {
namespace {

using namespace testing_util;

const std::string kCapital =
    "a) Tổng vốn đầu tư: 5.171.344.000.000 đồng (Bằng chữ: Năm nghìn một trăm bảy mươi mốt tỷ, ba trăm bốn mươi bốn "
    "triệu đồng chẵn).\n"
    "b) Nguồn vốn: vốn góp của nhà đầu tư 775.701.600.000 đồng (chiếm 15% tổng vốn đầu tư); vốn vay 4.395.642.400.000 "
    "đồng (chiếm 85% tổng vốn đầu tư).\n";

TEST(AmountInWords, TheAmountInWordsMatchingItsFiguresIsACheck) {
  Extraction x = Audited(kReport + kCapital);
  EXPECT_TRUE(x.flags.empty()) << Explain(x.flags);
  bool held = false;
  for (const Check& k : x.checks) held |= k.rule == "builtin:amount_in_words" && k.members.size() == 2;
  EXPECT_TRUE(held);
}

TEST(AmountInWords, FiguresThatSayAnotherAmountThanTheWordsAreAnError) {
  const std::string text = kReport + Replaced(kCapital, "5.171.344.000.000", "5.171.844.000.000");
  Extraction x = Audited(text);
  ASSERT_FALSE(x.flags.empty());
  const Flag& f = x.flags.front();
  EXPECT_EQ(f.kind, "conflicting_values");
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.rule, "builtin:amount_in_words");
  EXPECT_NE(f.explanation.find("ghi bằng chữ"), std::string::npos) << f.explanation;
}

TEST(AmountInWords, TheWordsAreNotAnotherPartOfTheWhole) {
  // The words repeat the figures: the parts of the capital are its two sources, not three.
  Extraction x = Audited(kReport + kCapital);
  for (const Check& k : x.checks) {
    if (k.rule != "builtin:named_share" && k.rule != "builtin:stated_parts") continue;
    for (const CheckMember& m : k.members) EXPECT_EQ(m.span.text.find("Bằng"), std::string::npos) << m.span.text;
  }
}

}  // namespace
}  // namespace baocao
