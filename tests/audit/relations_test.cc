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

TEST(AuditRules, MissingFolderIsNoRelations) {
  // A rules folder without audit/ (an older layout, a test's own folder) loads with none.
  AuditRules rules;
  ASSERT_TRUE(rules.LoadCatalogue(BAOCAO_RULES_DIR).ok());
  EXPECT_TRUE(rules.relations.empty());
  EXPECT_FALSE(rules.catalogue.empty());
}

}  // namespace
}  // namespace baocao
