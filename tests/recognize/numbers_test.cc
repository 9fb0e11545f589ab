#include <gtest/gtest.h>

#include "baocao/recognize/recognize.h"

namespace baocao {
namespace {

TEST(VietnameseNumber, ReadsSeparatorsTheVietnameseWay) {
  struct { const char* text; double value; } cases[] = {
      {"12.456", 12456},       {"98,70", 98.7},         {"94.3", 94.3},   {"1.12", 1.12},
      {"1.665.600.000", 1665600000}, {"4,3", 4.3},      {"0.5", 0.5},     {"1.234,5", 1234.5},
      {"1,234.5", 1234.5},     {"100", 100},            {"02", 2},        {"6.578", 6578},
      {"1,665,600", 1665600},
  };
  for (const auto& c : cases) {
    double v = -1;
    EXPECT_TRUE(ParseVietnameseNumber(c.text, &v)) << c.text;
    EXPECT_DOUBLE_EQ(v, c.value) << c.text;
  }
}

TEST(VietnameseNumber, RefusesWhatIsNotANumber) {
  for (const char* text : {"", "1..2", "1.2.34", ".5", "5.", "12a", "1.234.5"}) {
    double v;
    EXPECT_FALSE(ParseVietnameseNumber(text, &v)) << text;
  }
}

TEST(VietnameseNumerals, ReadsSpelledOutNumbers) {
  struct { const char* text; double value; } cases[] = {
      {"một", 1}, {"mười", 10}, {"mười hai", 12}, {"hai mươi ba", 23}, {"hai mươi mốt", 21},
      {"một trăm linh năm", 105}, {"ba trăm năm mươi tám", 358}, {"hai nghìn", 2000},
      {"một triệu hai trăm nghìn", 1200000}, {"bảy mươi lăm", 75}, {"hai mươi tư", 24},
  };
  for (const auto& c : cases) {
    double v = -1;
    EXPECT_TRUE(ParseVietnameseNumerals(c.text, &v)) << c.text;
    EXPECT_DOUBLE_EQ(v, c.value) << c.text;
  }
}

TEST(VietnameseNumerals, ReadsTheWholeGrammar) {
  struct { const char* text; double value; } cases[] = {
      {"bảy trăm linh năm", 705}, {"một nghìn không trăm hai mươi tư", 1024},
      {"sáu trăm nghìn", 600000}, {"ba tỷ rưỡi", 3.5e9}, {"hai trăm rưỡi", 250},
      {"mười lăm phẩy năm", 15.5}, {"hai phẩy năm tỷ", 2.5e9}, {"ba phẩy không năm", 3.05},
      {"một nghìn linh năm", 1005}, {"ba nghìn tỷ", 3e12}, {"hai tỷ ba trăm nghìn", 2000300000},
      {"Một Trăm Hai Mươi Triệu", 120000000}, {"MỘT TRĂM", 100}, {"hai mươi nhăm", 25},
      {"chín mươi chín", 99}, {"một nghìn ba trăm sáu mươi tỷ, sáu trăm sáu mươi tám triệu", 1360668000000}, {"mười một", 11}, {"không trăm", -1},
  };
  for (const auto& c : cases) {
    double v = -1;
    if (c.value < 0) {
      EXPECT_FALSE(ParseVietnameseNumerals(c.text, &v)) << c.text;
      continue;
    }
    EXPECT_TRUE(ParseVietnameseNumerals(c.text, &v)) << c.text;
    EXPECT_DOUBLE_EQ(v, c.value) << c.text;
  }
}

// Readings a writer could mean two ways give no number at all: a wrong value is worse than none.
TEST(VietnameseNumerals, RefusesWhatItIsNotSureOf) {
  double v;
  for (const char* text : {"một nghìn hai", "hai trăm tư", "hai triệu ba trăm", "một trăm năm",
                           "hai nghìn ba nghìn", "ba trăm linh", "rưỡi", "mười phẩy"}) {
    EXPECT_FALSE(ParseVietnameseNumerals(text, &v)) << text;
  }
}

TEST(VietnameseNumerals, FindsEachNumeralOfARunAndStopsAtDoubt) {
  std::vector<SpelledNumber> found = FindVietnameseNumerals("hai mươi ba năm", false);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_DOUBLE_EQ(found[0].value, 23);
  EXPECT_EQ(found[0].end, std::string_view("hai mươi ba").size());
  EXPECT_TRUE(FindVietnameseNumerals("một nghìn hai", false).empty());
  EXPECT_TRUE(FindVietnameseNumerals("hai", false).empty());
  ASSERT_EQ(FindVietnameseNumerals("hai", true).size(), 1u);
}

TEST(VietnameseNumerals, RefusesTwoDigitsInARow) {
  double v;
  EXPECT_FALSE(ParseVietnameseNumerals("ba năm", &v));
  EXPECT_FALSE(ParseVietnameseNumerals("hồ sơ", &v));
}

}  // namespace
}  // namespace baocao
