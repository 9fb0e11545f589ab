#include <gtest/gtest.h>

#include "baocao/recognize.h"

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

TEST(VietnameseNumerals, RefusesTwoDigitsInARow) {
  double v;
  EXPECT_FALSE(ParseVietnameseNumerals("ba năm", &v));
  EXPECT_FALSE(ParseVietnameseNumerals("hồ sơ", &v));
}

}  // namespace
}  // namespace baocao
