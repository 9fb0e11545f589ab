#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "baocao/recognize/recognize.h"

namespace baocao {
namespace {

const RuleSet& Rules() {
  static const RuleSet* rules = [] {
    auto loaded = RuleSet::Load(BAOCAO_RULES_DIR);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new RuleSet(std::move(loaded).value());
  }();
  return *rules;
}

// The rendered values of the mentions of `text` whose written text is `written`.
std::vector<std::string> Rendered(const std::string& text, const std::string& written) {
  std::vector<std::string> out;
  for (const Mention& m : Rules().Recognize(text)) {
    const std::string seen = text.substr(m.span.normalized.begin, m.span.normalized.end - m.span.normalized.begin);
    if (seen == written) out.push_back(RenderMention(m));
  }
  return out;
}

TEST(AmountsInContext, AFigureInTrieuCountingNothingIsAnAmountWhereTheSentenceSpeaksOfMoney) {
  EXPECT_EQ(Rendered("Tiền ăn: 2 triệu\n", "2 triệu"), std::vector<std::string>{"2000000 đồng"});
  EXPECT_EQ(Rendered("Với tổng thu nhập 18 triệu/tháng, mỗi tháng chị để ra được 8 triệu, chia đôi.", "8 triệu"),
            std::vector<std::string>{"8000000 đồng"});
  // Beside an amount already read, the same.
  EXPECT_EQ(Rendered("Chi 300.000 đồng cho điện, còn 1 triệu để dành.", "1 triệu"),
            std::vector<std::string>{"1000000 đồng"});
}

TEST(AmountsInContext, WithoutWordsOfMoneyOrWithACountedNounItStaysWhatItWas) {
  EXPECT_EQ(Rendered("Hệ thống đã tiếp nhận 4,3 triệu.", "4,3 triệu"), std::vector<std::string>{"4300000"});
  for (const Mention& m : Rules().Recognize("Giá vé tăng nhưng vẫn đón 2 triệu lượt khách.")) {
    EXPECT_NE(m.type, MentionType::kMoney) << RenderMention(m);
  }
}

}  // namespace
}  // namespace baocao
