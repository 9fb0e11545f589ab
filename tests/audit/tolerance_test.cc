// Rounding: a stated percentage agrees with the recomputed one within half a unit of its last
// written decimal (plus 1e-9), or, for a rate, when it is the recomputed one cut to its
// decimals; and the decimals are read from the text as written.
#include <gtest/gtest.h>

#include "baocao/audit/audit.h"

namespace baocao {
namespace {

struct Case {
  double stated;
  int decimals;
  double computed;
  bool agrees;
};

TEST(AuditTolerance, HalfUnitOfTheLastStatedDecimal) {
  const Case cases[] = {
      {98.70, 2, 12294.0 / 12456 * 100, true},    // 98.6994 -> 98,70
      {86.98, 2, 6578.0 / 7569 * 100, false},     // 86.907: no numerator over 7.569 gives 86,98
      {98.68, 2, 4774.0 / 4838 * 100, true},      // 98.677
      {81.08, 2, 25506.0 / 31459 * 100, true},    // 81.077
      {68.75, 2, 21628.0 / 31459 * 100, true},    // 68.7498
      {99.31, 2, 7517.0 / 7569 * 100, true},      // 99.313
      {57.5, 1, 1662.0 / 2890 * 100, true},       // 57.509 to one decimal
      {9.04, 2, 2890.0 / 31459 * 100, false},     // 9.187
      {1.12, 2, 1665600000.0 / 151683161778.0 * 100, false},   // 1.098
      {100, 0, 99.5, true},                       // exactly half a unit: rounding, not an error
      {100, 0, 99.49, false},
      {57.5, 1, 57.55, true},
      {57.5, 1, 57.5501, false},
      {0, 0, 0.4, true},
      {12456, 0, 12454, false},                   // sums of counts must be exact
      {12456, 0, 12456, true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(AgreesWithin(c.stated, c.decimals, c.computed), c.agrees)
        << c.stated << " (" << c.decimals << " decimals) vs " << c.computed;
  }
}

TEST(AuditTolerance, ARateCutToItsDecimalsAgrees) {
  // Offices often cut rather than round: 5.583 / 9.174 = 60,858...% written 60,85%.
  const Case cases[] = {
      {60.85, 2, 5583.0 / 9174 * 100, true},      // cut
      {60.86, 2, 5583.0 / 9174 * 100, true},      // rounded
      {60.84, 2, 5583.0 / 9174 * 100, false},
      {60.8, 1, 5583.0 / 9174 * 100, true},       // cut to one decimal
      {60, 0, 5583.0 / 9174 * 100, true},         // cut to none
      {98.69, 2, 12294.0 / 12456 * 100, true},    // 98,6994 cut
      {98.68, 2, 12294.0 / 12456 * 100, false},
      {86.98, 2, 6578.0 / 7569 * 100, false},     // 86,907: neither
      {50, 0, 50.0, true},                        // exact, whatever binary noise
      {57.5, 1, 57.49999999999, true},
      {99, 0, 99.99, true},                       // cut: 99
      {99, 0, 100.0, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RateAgrees(c.stated, c.decimals, c.computed), c.agrees)
        << c.stated << " (" << c.decimals << " decimals) vs " << c.computed;
  }
  // Sums are not rates: AgreesWithin alone, no cutting.
  EXPECT_FALSE(AgreesWithin(60.85, 2, 5583.0 / 9174 * 100));
}

TEST(AuditTolerance, DecimalsAsWritten) {
  struct D {
    const char* text;
    double value;
    int decimals;
  };
  const D cases[] = {
      {"98,70%", 98.7, 2}, {"1.12%", 1.12, 2}, {"57,5%", 57.5, 1}, {"100%", 100, 0},
      {"12.456 hồ sơ", 12456, 0}, {"1.665.600.000 đồng", 1665600000, 0}, {"02 hồ sơ", 2, 0},
      {"6.578/7.569 hồ sơ", 7569, 0}, {"≥ 99,9%", 99.9, 1}, {"3.50", 3.5, 2}, {"không có hồ sơ", 0, 0},
  };
  for (const D& d : cases) EXPECT_EQ(DecimalsWritten(d.text, d.value), d.decimals) << d.text;
}

}  // namespace
}  // namespace baocao
