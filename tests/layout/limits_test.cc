// LayoutLimits and LinkTuning are data: every field can be set by its name, and a limit passed
// in with the options is the one the stage reads by.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "baocao/layout/layout.h"
#include "baocao/link/link.h"
#include "core/tuning.h"

namespace baocao {
namespace {

template <class Tuning>
void ExpectEveryFieldSettableByName() {
  Tuning tuning;
  std::set<std::string> names;
  tuning.ForEachField([&](std::string_view name, auto&) { names.insert(std::string(name)); });
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names) EXPECT_TRUE(SetTuningField(tuning, name, 1)) << name;
  EXPECT_FALSE(SetTuningField(tuning, "no_such_field", 1));
}

TEST(LayoutLimits, EveryFieldHasItsOwnName) {
  LayoutLimits limits;
  size_t fields = 0;
  std::set<std::string> names;
  limits.ForEachField([&](std::string_view name, auto&) {
    ++fields;
    names.insert(std::string(name));
  });
  EXPECT_EQ(names.size(), fields);
  ExpectEveryFieldSettableByName<LayoutLimits>();
}

TEST(LayoutLimits, ValueSetByNameIsTheFieldsType) {
  LayoutLimits limits;
  ASSERT_TRUE(SetTuningField(limits, "header_max_lines", 80));
  EXPECT_EQ(limits.header_max_lines, 80u);
}

TEST(LayoutLimits, PassedInLimitIsTheOneRead) {
  const char* text = "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Tám\n";
  EXPECT_EQ(AnalyzeLayout(text).closing.signer.value_or("<none>"), "Lê Văn Tám");
  LayoutOptions options;
  options.limits.signer_name_max_bytes = 5;   // no name is that short
  EXPECT_FALSE(AnalyzeLayout(text, options).closing.signer.has_value());
}

TEST(LinkTuning, EveryFieldSettableByName) { ExpectEveryFieldSettableByName<LinkTuning>(); }

}  // namespace
}  // namespace baocao
