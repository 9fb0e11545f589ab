// The ward registry (rules/places/wards.txt): exact names, listed variants, slips resolved by
// the diacritic-free key within the province, unit words, numbered wards, unknown wards kept
// as written, and load errors that name file:line.
#include <gtest/gtest.h>

#include "corpus_test_util.h"

namespace baocao::corpus_test {
namespace {

constexpr const char* kRegistry = R"(# test registry
[Thái Nguyên]
Trung Thành
Gia Sàng
[Hải Phòng]
Đông Hải
Hải Dương
[Khánh Hòa]
Đông Hải
[Lâm Đồng]
1 Bảo Lộc | Một Bảo Lộc
)";

WardRegistry Registry() {
  Result<WardRegistry> r = WardRegistry::Parse(kRegistry, "wards.txt");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(*r) : WardRegistry{};
}

struct ResolveCase {
  const char* written;
  const char* province;
  const char* ward;        // expected
  const char* resolved_province;
  bool known;
  bool listed;
};

TEST(WardRegistry, ResolvesNamesVariantsSlipsAndUnitWords) {
  WardRegistry registry = Registry();
  const ResolveCase cases[] = {
      {"Trung Thành", "Thái Nguyên", "Trung Thành", "Thái Nguyên", true, true},
      {"phường Trung Thành", "Thái Nguyên", "Trung Thành", "Thái Nguyên", true, true},
      {"TRUNG THÀNH", "Thái Nguyên", "Trung Thành", "Thái Nguyên", true, true},
      // An OCR slip lands on the registry's ward through the diacritic-free key, as a slip.
      {"Trưng Thành", "Thái Nguyên", "Trung Thành", "Thái Nguyên", true, false},
      {"P. Gia Sàng", "Thái Nguyên", "Gia Sàng", "Thái Nguyên", true, true},
      // Numbered wards: "P.1", leading zeros and the spelled numeral of the registry.
      {"P.1 Bảo Lộc", "Lâm Đồng", "1 Bảo Lộc", "Lâm Đồng", true, true},
      {"phường 01 Bảo Lộc", "Lâm Đồng", "1 Bảo Lộc", "Lâm Đồng", true, true},
      {"Một Bảo Lộc", "Lâm Đồng", "1 Bảo Lộc", "Lâm Đồng", true, true},
      // One name in two provinces: the document's province decides.
      {"Đông Hải", "Khánh Hòa", "Đông Hải", "Khánh Hòa", true, true},
      {"Đông Hải", "Hải Phòng", "Đông Hải", "Hải Phòng", true, true},
      // ... and without a province it stays as written, unresolved.
      {"Đông Hải", "", "Đông Hải", "", false, false},
      // A ward named after a former province, read as that province: the one candidate wins.
      {"Hải Dương", "Hải Dương", "Hải Dương", "Hải Phòng", true, true},
      {"Gia Sàng", "", "Gia Sàng", "Thái Nguyên", true, true},
      // Unknown wards are kept as written (unit word removed), with the document's province.
      {"phường Ba Đình", "Hà Nội", "Ba Đình", "Hà Nội", false, false},
      // "Phương" is a name, not the unit word "phường".
      {"Phương Liệt", "Hà Nội", "Phương Liệt", "Hà Nội", false, false},
  };
  for (const ResolveCase& c : cases) {
    WardRegistry::Resolution r = registry.Resolve(c.written, c.province);
    EXPECT_EQ(r.ward, c.ward) << c.written;
    EXPECT_EQ(r.province, c.resolved_province) << c.written;
    EXPECT_EQ(r.known, c.known) << c.written;
    EXPECT_EQ(r.listed, c.listed) << c.written;
  }
}

TEST(WardRegistry, RefusesBadLinesNamingFileAndLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"Trung Thành\n", "wards.txt:1: a ward before any [province] line"},
      {"[Thái Nguyên]\nGia Sàng\n[\n", "wards.txt:3: a province line is \"[Name]\""},
      {"[Thái Nguyên]\nGia Sàng\ngia sàng\n", "wards.txt:3: 'gia sàng' is listed twice in Thái Nguyên"},
  };
  for (const auto& [text, message] : cases) {
    Result<WardRegistry> r = WardRegistry::Parse(text, "wards.txt");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), ErrorCode::kBadRules);
    EXPECT_EQ(r.status().message(), message);
  }
}

TEST(WardRegistry, ProjectRegistryLoadsAndKnowsTheCorpusWards) {
  const CorpusRules& rules = Rules();
  for (auto [ward, province] : {std::pair{"Trung Thành", "Thái Nguyên"}, {"Chí Linh", "Hải Phòng"},
                                {"Hồng Bàng", "Hải Phòng"}, {"Ba Ngòi", "Khánh Hòa"}}) {
    WardRegistry::Resolution r = rules.wards.Resolve(ward, province);
    EXPECT_TRUE(r.known) << ward;
    EXPECT_EQ(r.province, province);
  }
  // The real corpus's slip: "UBND phường Trưng Thành".
  EXPECT_EQ(rules.wards.Resolve("Trưng Thành", "Thái Nguyên").ward, "Trung Thành");
}

TEST(CorpusRules, RanksAndListedIndicatorsAreBetterWhenLower) {
  const CorpusRules& rules = Rules();
  EXPECT_EQ(rules.Direction("dti.rank"), -1);
  EXPECT_EQ(rules.Direction("tthc.applications_overdue"), -1);
  EXPECT_EQ(rules.Direction("tthc.online_application_rate"), 1);
  EXPECT_TRUE(rules.stocks.count("population.total"));
}

TEST(CorpusResolution, GroupsAnUnknownWardsSpellingsAndLendsItTheProvince) {
  CorpusBuilder b;
  b.Doc("plan", "Xuân Mai", "Hà Nội", "2026-01-05");
  b.Doc("report", "Xuân Mai", "Hà Nội", "2026-06-20");
  b.Doc("report", "Xuân Mại", "", "2026-06-25");   // a slip, and no province found
  Corpus c = b.Build();
  ASSERT_EQ(c.documents.size(), 3u);
  EXPECT_FALSE(c.documents[2].ward_known);
  EXPECT_EQ(c.documents[2].ward_key, c.documents[0].ward_key);
  EXPECT_EQ(c.documents[2].ward, "Xuân Mai");      // shown as most documents write it
  EXPECT_EQ(c.documents[2].province, "Hà Nội");
}

TEST(CorpusResolution, DoesNotTrustAProvinceNamedLikeTheWard) {
  // "phường Bắc Giang" (Bắc Ninh, not in the test's registry): one document's province was read
  // from the ward's own name, the other's from the text; both are one ward.
  CorpusBuilder b;
  b.Doc("plan", "Bắc Giang", "Bắc Giang", "2026-01-05");
  b.Doc("report", "Bắc Giang", "Bắc Ninh", "2026-06-20");
  Corpus c = b.Build();
  EXPECT_EQ(c.documents[0].ward_key, c.documents[1].ward_key);
  EXPECT_EQ(c.documents[0].province, "Bắc Ninh");
}

}  // namespace
}  // namespace baocao::corpus_test
