// rules/audit/*.rel: the shipped relations load, and every malformed line is an error that
// names file:line.
#include <gtest/gtest.h>

#include <string>

#include "baocao/audit/audit.h"

namespace baocao {
namespace {

TEST(AuditRules, ShippedRelationsLoad) {
  Result<AuditRules> rules = AuditRules::Load(BAOCAO_RULES_DIR);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_GE(rules->relations.size(), 20u);
  EXPECT_FALSE(rules->scopes.empty());
  EXPECT_TRUE(rules->words.count("total"));
  for (const Relation& r : rules->relations) {
    EXPECT_EQ(r.where.rfind("rules/audit/", 0), 0u) << r.where;   // flags cite a readable place
  }
}

TEST(AuditRules, ParsesEachDirective) {
  AuditRules rules;
  ASSERT_TRUE(rules.LoadCatalogue(BAOCAO_RULES_DIR).ok());
  Status st = rules.AddFile(
      "# a comment\n"
      "scope phase = giai đoạn {n} | đợt {n}   # trailing comment\n"
      "sum tthc.procedures_total = dvc.full_online_count + dvc.partial_online_count\n"
      "exclusive nq57.tasks_assigned = nq57.tasks_completed + nq57.tasks_overdue\n"
      "partition nq57.tasks_assigned by phase\n"
      "ratio tthc.on_time_rate = tthc.applications_on_time / tthc.applications_resolved | tthc.applications_received\n"
      "part budget.sti_disbursed_vnd <= budget.sti_allocated_vnd\n"
      "cap kind:rate <= 100\n"
      "stock tthc.applications_pending\n"
      "words total = tổng | Tổng cộng\n",
      "test.rel");
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(rules.relations.size(), 6u);
  EXPECT_EQ(rules.relations[0].kind, Relation::Kind::kSum);
  EXPECT_EQ(rules.relations[0].anchor, "tthc.procedures_total");
  EXPECT_EQ(rules.relations[0].members.size(), 2u);
  EXPECT_EQ(rules.relations[0].where, "test.rel:3");
  EXPECT_EQ(rules.relations[2].scope, "phase");
  EXPECT_EQ(rules.relations[3].members[1], (std::vector<std::string>{"tthc.applications_resolved", "tthc.applications_received"}));
  EXPECT_DOUBLE_EQ(rules.relations[5].limit, 100);
  EXPECT_EQ(rules.scopes[0].display, "giai đoạn");
  EXPECT_EQ(rules.words["total"], (std::vector<std::string>{"tong", "tong cong"}));
}

struct BadLine {
  const char* text;
  const char* why;   // a piece of the expected message
};

TEST(AuditRules, BadLinesNameFileAndLine) {
  const BadLine cases[] = {
      {"summ tthc.procedures_total = dvc.full_online_count + dvc.partial_online_count", "unknown directive 'summ'"},
      {"sum tthc.procedures_total dvc.full_online_count", "expected 'sum TOTAL = PART + PART"},
      {"sum tthc.procedures_total = dvc.full_online_count", "at least two parts"},
      {"sum tthc.procedures_total = dvc.full_online_count + dvc.no_such_id", "unknown indicator 'dvc.no_such_id'"},
      {"sum tthc.procedures_total = dvc.full_online_count + ", "empty part"},
      {"ratio tthc.on_time_rate = tthc.applications_on_time", "expected 'ratio RATE = NUMERATOR / DENOMINATOR'"},
      {"ratio tthc.on_time_rate = tthc.applications_on_time / | tthc.applications_received", "empty alternative"},
      {"part budget.sti_disbursed_vnd < budget.sti_allocated_vnd", "expected 'part PART <= WHOLE'"},
      {"cap kind:rate <= lots", "'lots' is not a number"},
      {"partition nq57.tasks_assigned by era", "unknown scope 'era'"},
      {"partition nq57.tasks_assigned", "expected 'partition INDICATOR by SCOPE'"},
      {"scope Phase! = giai đoạn {n}", "is not a name"},
      {"words total =  | tổng", "empty phrase"},
      {"stock", "expected 'stock INDICATOR ...'"},
      {"sum Tổng = a.b + c.d", "is not an indicator id"},
  };
  for (const BadLine& c : cases) {
    AuditRules rules;
    ASSERT_TRUE(rules.LoadCatalogue(BAOCAO_RULES_DIR).ok());
    // The bad line is the third: the message must say so.
    Status st = rules.AddFile(std::string("# header\nstock tthc.applications_pending\n") + c.text + "\n", "rules/audit/x.rel");
    ASSERT_FALSE(st.ok()) << c.text;
    EXPECT_EQ(st.code(), ErrorCode::kBadRules);
    EXPECT_EQ(st.message().rfind("rules/audit/x.rel:3: ", 0), 0u) << st.message();
    EXPECT_NE(st.message().find(c.why), std::string::npos) << st.message();
  }
}

TEST(AuditRules, KeepsExamplesWithoutChangingWhatIsChecked) {
  AuditRules rules;
  ASSERT_TRUE(rules.LoadCatalogue(BAOCAO_RULES_DIR).ok());
  Status st = rules.AddFile(
      "scope phase = giai đoạn {n}\n"
      "stock tthc.applications_pending\n"
      "sum tthc.procedures_total = dvc.full_online_count + dvc.partial_online_count\n"
      "\n"
      "examples sum  tthc.procedures_total = dvc.full_online_count + dvc.partial_online_count\n"
      "holds: Tổng số thủ tục hành chính: 358 thủ tục, trong đó DVC trực tuyến toàn trình: 198 TTHC\n"
      "breaks: Tổng số thủ tục hành chính: 358 thủ tục.\\nDVC trực tuyến toàn trình: 218 TTHC\n"
      "examples stock tthc.applications_pending\n"
      "holds: Đến ngày 06/6/2026, còn 162 hồ sơ đang giải quyết.\n"
      "examples scope phase = giai đoạn {n}   # a comment\n"
      "breaks: Số nhiệm vụ được giao: 52 nhiệm vụ. Số nhiệm vụ được giao: 18 nhiệm vụ.\n",
      "test.rel", "rules/audit/test.rel");
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(rules.relations.size(), 1u);   // examples are no relations
  EXPECT_EQ(rules.relations[0].where, "rules/audit/test.rel:3");
  ASSERT_EQ(rules.examples.size(), 4u);
  const RelationExample& held = rules.examples[0];
  EXPECT_EQ(held.directive, "sum");
  EXPECT_EQ(held.relation, "rules/audit/test.rel:3");
  EXPECT_TRUE(held.holds);
  EXPECT_EQ(held.file, "rules/audit/test.rel");
  EXPECT_EQ(held.line, 6);
  EXPECT_EQ(held.indicators, (std::vector<std::string>{"tthc.procedures_total", "dvc.full_online_count", "dvc.partial_online_count"}));
  EXPECT_FALSE(rules.examples[1].holds);
  EXPECT_EQ(rules.examples[1].text, "Tổng số thủ tục hành chính: 358 thủ tục.\nDVC trực tuyến toàn trình: 218 TTHC");   // "\\n": a line break
  EXPECT_EQ(rules.examples[2].directive, "stock");
  EXPECT_EQ(rules.examples[2].indicators, (std::vector<std::string>{"tthc.applications_pending"}));
  EXPECT_EQ(rules.examples[3].directive, "scope");
  EXPECT_EQ(rules.examples[3].scope, "phase");
}

TEST(AuditRules, BadExamplesNameFileAndLine) {
  const BadLine cases[] = {
      {"holds: Tổng số hồ sơ tiếp nhận: 1.250 hồ sơ", "outside an examples block"},
      {"examples sum tthc.procedures_total = dvc.full_online_count", "no such relation, stock or scope line above"},
      {"examples words total = tổng", "no such relation, stock or scope line above"},
      {"examples stock tthc.applications_pending\nstock tthc.procedures_total", "an examples block without holds: or breaks:"},
  };
  for (const BadLine& c : cases) {
    AuditRules rules;
    ASSERT_TRUE(rules.LoadCatalogue(BAOCAO_RULES_DIR).ok());
    // The bad line is the third: the message must say so.
    Status st = rules.AddFile(std::string("words total = tổng\nstock tthc.applications_pending\n") + c.text + "\n", "rules/audit/x.rel");
    ASSERT_FALSE(st.ok()) << c.text;
    EXPECT_EQ(st.code(), ErrorCode::kBadRules);
    EXPECT_EQ(st.message().rfind("rules/audit/x.rel:3: ", 0), 0u) << st.message();
    EXPECT_NE(st.message().find(c.why), std::string::npos) << st.message();
  }
  AuditRules rules;
  Status st = rules.AddFile("stock tthc.applications_pending\nexamples stock tthc.applications_pending\nholds:\n", "x.rel");
  EXPECT_EQ(st.message(), "x.rel:3: 'holds:' without a text");
}

TEST(AuditRules, MissingFolderIsNoRelations) {
  // A rules folder without audit/ (an older layout, a test's own folder) loads with none.
  AuditRules rules;
  ASSERT_TRUE(rules.LoadCatalogue(BAOCAO_RULES_DIR).ok());
  EXPECT_TRUE(rules.relations.empty());
  EXPECT_FALSE(rules.catalogue.empty());
}

}  // namespace
}  // namespace baocao
